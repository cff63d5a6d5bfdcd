package pathway

import (
	"fmt"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// checker holds the state of one Check.
type checker struct {
	file          string
	diags         *diag.List
	outcomeExists func(string) bool
	outcomeKnown  map[string]bool // cache of outcomeExists
	byID          map[string]*Question
	broken        bool // some answer leads nowhere known: reachability is then not judged
}

// Check applies the rules that relate the parts of a draft to each other
// and to the site: question ids are unique, start, next and outcome
// resolve, each answer has exactly one of next and outcome, each question
// has answers with different labels, every question is reachable and there
// is no loop. It links the draft into a *Pathway, reporting every problem
// to diags. outcomeExists is as for Load. The pathway is as complete as
// the draft allows; it is valid only when neither Parse nor Check reported
// an error, which is what Load returns. Check of a nil draft (a file that
// is not TOML) returns nil.
func Check(d *Draft, outcomeExists func(id string) bool, diags *diag.List) *Pathway {
	if d == nil {
		return nil
	}
	if outcomeExists == nil {
		outcomeExists = func(string) bool { return true }
	}
	c := &checker{
		file:          d.File,
		diags:         diags,
		outcomeExists: outcomeExists,
		outcomeKnown:  map[string]bool{},
		byID:          map[string]*Question{},
	}
	return c.check(d)
}

func (c *checker) check(d *Draft) *Pathway {
	p := &Pathway{ID: d.ID, File: d.File, Title: d.Title, Summary: d.Summary, Review: d.Review, Draft: d}
	if len(d.Questions) == 0 && !d.questionsUnread {
		c.diags.Errorf(c.file, d.questionsPos, "the pathway has no questions: add a [[question]] with an id, text and answers")
	}
	for _, dq := range d.Questions {
		p.Questions = append(p.Questions, c.question(dq))
	}

	// Link: every reference resolves to the first question with that id.
	if d.Start.OK && len(d.Questions) > 0 {
		p.Start = c.byID[d.Start.Name]
		if p.Start == nil {
			c.diags.Errorf(c.file, d.Start.Pos, "start %q is not a question of this pathway: %s", d.Start.Name, c.questionFix(d.Start.Name))
		}
	}
	var existing []string // outcomes of this pathway that exist: candidates for suggestions
	for _, q := range p.Questions {
		for _, a := range q.Answers {
			if o := a.Draft.Outcome; o.OK && c.outcomeExistsCached(o.Name) {
				existing = append(existing, o.Name)
			}
		}
	}
	for _, q := range p.Questions {
		for _, a := range q.Answers {
			c.link(a, existing)
		}
	}
	c.checkGraph(p)
	return p
}

func (c *checker) question(dq *DraftQuestion) *Question {
	q := &Question{ID: dq.ID.Name, Text: dq.Text, Hint: dq.Hint, Pos: dq.Pos, HintPos: dq.HintPos, Draft: dq}
	if !dq.ID.OK {
		q.ID = ""
	} else if first := c.byID[q.ID]; first != nil {
		c.diags.ErrorfRelated(c.file, dq.ID.Pos, diag.Related{File: c.file, Line: first.Pos.Line, Col: first.Pos.Col, Message: "the question that has this id first"},
			"question id %q is already used by the question at line %d: give each question its own id", q.ID, first.Pos.Line)
	} else {
		c.byID[q.ID] = q
	}
	switch {
	case len(dq.Answers) == 0 && !dq.answersUnread:
		c.diags.Errorf(c.file, q.Pos, "%s has no answers: add at least one [[question.answer]] with a label and a next or an outcome", describeQuestion(q))
	case len(dq.Answers) == 1:
		c.diags.Warnf(c.file, q.Pos, "%s has only one answer: the reader has no choice to make, so it only adds a step before they reach help; add the other answers a reader could give, or remove the question and point the answers that lead to it where its answer goes", describeQuestion(q))
	}
	type labelled struct {
		label string
		line  int
		pos   diag.Pos
	}
	labels := map[string]labelled{}
	for _, da := range dq.Answers {
		a := c.answer(da)
		q.Answers = append(q.Answers, a)
		key := strings.ToLower(oneLine(a.Label)) // as the page and the report show it
		if key == "" {
			continue
		}
		if first, ok := labels[key]; ok {
			rel := diag.Related{File: c.file, Line: first.pos.Line, Col: first.pos.Col, Message: "the answer that has this label first"}
			if first.label == a.Label {
				c.diags.ErrorfRelated(c.file, da.LabelPos, rel, "answer label %q is already used by the answer at line %d: give each answer of %s a different label",
					a.Label, first.line, describeQuestion(q))
			} else {
				c.diags.ErrorfRelated(c.file, da.LabelPos, rel, "answer label %q is the same as %q at line %d once case and spaces are ignored: give each answer of %s a different label",
					a.Label, first.label, first.line, describeQuestion(q))
			}
			continue
		}
		labels[key] = labelled{a.Label, a.Pos.Line, a.Pos}
	}
	return q
}

func describeQuestion(q *Question) string {
	if q.ID == "" {
		return "this question"
	}
	return fmt.Sprintf("question %q", q.ID)
}

func (c *checker) answer(da *DraftAnswer) *Answer {
	a := &Answer{Label: da.Label, Pos: da.Pos, Draft: da}
	name := "this answer"
	if strings.TrimSpace(a.Label) != "" {
		name = fmt.Sprintf("answer %q", a.Label)
	}
	switch {
	case da.Next.Set && da.Outcome.Set:
		c.diags.Errorf(c.file, a.Pos, "%s has both next and outcome: keep one (next asks another question, outcome ends the pathway)", name)
	case !da.Next.Set && !da.Outcome.Set:
		c.diags.Errorf(c.file, a.Pos, `%s has neither next nor outcome: add next = "<question id>" to ask another question, or outcome = "<outcome id>" to end the pathway`, name)
	}
	return a
}

// link resolves an answer's next and outcome, once every question is
// known. Both are resolved even when both are set: each may have its own
// mistake, and the question next names is not then reported unreachable.
func (c *checker) link(a *Answer, existing []string) {
	linked := false
	if r := a.Draft.Next; r.OK {
		a.Next = c.byID[r.Name]
		switch {
		case a.Next != nil:
			linked = true
		case c.outcomeExistsCached(r.Name):
			c.diags.Errorf(c.file, r.Pos, "next %q names an outcome, not a question of this pathway: did you mean outcome = %q? (next asks another question, outcome ends the pathway)", r.Name, r.Name)
		default:
			c.diags.Errorf(c.file, r.Pos, "next %q is not a question of this pathway: %s", r.Name, c.questionFix(r.Name))
		}
	}
	if r := a.Draft.Outcome; r.OK {
		a.Outcome = r.Name
		switch {
		case c.outcomeExistsCached(r.Name):
			linked = true
		case c.byID[r.Name] != nil:
			c.diags.Errorf(c.file, r.Pos, "outcome %q names a question of this pathway, not an outcome: did you mean next = %q? (next asks another question, outcome ends the pathway)", r.Name, r.Name)
		default:
			msg := fmt.Sprintf("no outcome %q: create content/outcomes/%s.md or fix the id", r.Name, r.Name)
			if s := diag.Closest(r.Name, append(c.nearOutcomes(r.Name), existing...)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			c.diags.Errorf(c.file, r.Pos, "%s", msg)
		}
	}
	if !linked {
		c.broken = true
	}
}

// questionFix says what to do about a reference to a question that does
// not exist.
func (c *checker) questionFix(id string) string {
	ids := make([]string, 0, len(c.byID))
	for k := range c.byID {
		ids = append(ids, k)
	}
	fix := fmt.Sprintf("add a [[question]] with id = %q or fix the id", id)
	if s := diag.Closest(id, ids); s != "" {
		fix += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return fix
}

func (c *checker) outcomeExistsCached(id string) bool {
	ok, seen := c.outcomeKnown[id]
	if !seen {
		ok = c.outcomeExists(id)
		c.outcomeKnown[id] = ok
	}
	return ok
}

// nearOutcomes returns the existing outcome ids one edit (a deletion,
// insertion, substitution or swap of neighbours) away from id, found by
// asking outcomeExists: the caller gives a predicate, not a list.
func (c *checker) nearOutcomes(id string) []string {
	if len(id) > diag.MaxSuggest {
		return nil
	}
	var near []string
	for _, s := range oneEditAway(id) {
		if sitefs.IsSlug(s) && c.outcomeExistsCached(s) {
			near = append(near, s)
		}
	}
	return near
}
