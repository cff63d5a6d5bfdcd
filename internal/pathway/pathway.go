package pathway

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// URL is the root-relative URL of the page of the pathway with this id.
func URL(id string) string { return "/pathways/" + id + "/" }

// Pathway is one checked and linked triage pathway.
type Pathway struct {
	ID        string      // the file's base name: served at /pathways/<ID>/
	File      string      // site-relative, like pathways/crisis.toml
	Title     string      // plain text
	Summary   string      // plain text; empty when absent
	Start     *Question   // the first question asked
	Questions []*Question // every question, in file order
	Review    *Review     // nil when the file has no [review]
}

// Review is the clinical governance record of a pathway.
type Review struct {
	Owner      string    // who signs the pathway off; empty when absent
	Reviewed   time.Time // last review (UTC midnight); zero when absent
	NextReview time.Time // next review due (UTC midnight); zero when absent
}

// Question is one question of a pathway.
type Question struct {
	ID      string // unique in the pathway; never shown or put in a URL
	Text    string // plain text: the renderer escapes it
	Hint    string // inline Markdown, raw; empty when absent
	Answers []*Answer
	N       int      // 1-based, breadth first from start: the page fragment is #q<N>
	Pos     diag.Pos // the question's [[question]] header (or { when inline)
	HintPos diag.Pos // where the hint's value starts, for problems in its Markdown; Pos when absent
	idPos   diag.Pos // its id key: unreachable questions and loops are reported here
}

// Answer is one answer to a question: it goes on to Next, or ends the
// pathway in Outcome. Exactly one of the two is set.
type Answer struct {
	Label   string    // plain text: the renderer escapes it
	Next    *Question // the next question; nil when the answer ends the pathway
	Outcome string    // the outcome id (content/outcomes/<id>.md) when it ends
	Pos     diag.Pos  // the answer's [[question.answer]] header (or { when inline)
}

// loader holds the state of one Load.
type loader struct {
	file          string
	diags         diag.List // this file's diagnostics only
	outcomeExists func(string) bool
	outcomeKnown  map[string]bool // cache of outcomeExists
	byID          map[string]*Question
	nexts         []reference // answers' next, resolved once every question is read
	outcomes      []reference // answers' outcome
}

// reference is an id written in an answer, to resolve.
type reference struct {
	answer *Answer
	id     string
	pos    diag.Pos // the value
}

// Load reads the pathway file (site-relative, like pathways/crisis.toml)
// and checks it. outcomeExists reports whether content/outcomes/<id>.md
// exists; it is called more than once per unknown outcome (to suggest a
// near id), so it should be a map lookup. A nil outcomeExists accepts every
// outcome id. Every problem is added to diags; Load returns nil if any of
// them is an error, and otherwise the linked pathway.
func Load(file string, src []byte, outcomeExists func(id string) bool, diags *diag.List) *Pathway {
	if outcomeExists == nil {
		outcomeExists = func(string) bool { return true }
	}
	l := &loader{
		file:          file,
		outcomeExists: outcomeExists,
		outcomeKnown:  map[string]bool{},
		byID:          map[string]*Question{},
	}
	p := l.load(src)
	diags.Merge(&l.diags)
	if l.diags.HasErrors() {
		return nil
	}
	return p
}

func (l *loader) load(src []byte) *Pathway {
	p := &Pathway{File: l.file}
	p.ID = strings.TrimSuffix(path.Base(l.file), ".toml")
	if !content.IsSlug(p.ID) {
		fix := "use lowercase letters, digits and single hyphens, like crisis.toml"
		if s := slugify(p.ID); s != "" {
			fix = fmt.Sprintf("rename the file to %s.toml (lowercase letters, digits and single hyphens)", s)
		}
		l.diags.Errorf(l.file, diag.Pos{Line: 1}, "the pathway id %q comes from the file name and is not a slug: %s", p.ID, fix)
	}

	root := tomldoc.Parse(l.file, "the pathway file", src, 1, diag.Pos{Line: 1}, &l.diags)
	if root == nil {
		return nil
	}
	p.Title = l.text(root, "title", true, "write the pathway's title: it is the heading of its start page")
	p.Summary = l.text(root, "summary", false, "write a sentence for the start page, or remove the key")
	startID, startOK := l.slug(root, "start", true, "start", "danger")
	if rt := root.Table("review"); rt != nil {
		p.Review = l.review(rt)
	}
	hasQuestions := root.Has("question")
	n := l.diags.Len()
	qts := root.Tables("question", false)
	if len(qts) == 0 && (!hasQuestions || l.diags.Len() == n) {
		root.Errorf(root.KeyPos("question"), "the pathway has no questions: add a [[question]] with an id, text and answers")
	}
	for _, qt := range qts {
		p.Questions = append(p.Questions, l.question(qt))
	}
	root.Check()

	// Link: every reference resolves to the first question with that id.
	if startOK && len(qts) > 0 {
		p.Start = l.byID[startID]
		if p.Start == nil {
			root.Errorf(root.ValuePos("start"), "start %q is not a question of this pathway: %s", startID, l.questionFix(startID))
		}
	}
	for _, r := range l.nexts {
		r.answer.Next = l.byID[r.id]
		if r.answer.Next == nil {
			l.diags.Errorf(l.file, r.pos, "next %q is not a question of this pathway: %s", r.id, l.questionFix(r.id))
		}
	}
	var existing []string // outcomes of this pathway that exist: candidates for suggestions
	for _, r := range l.outcomes {
		if l.outcomeExistsCached(r.id) {
			existing = append(existing, r.id)
		}
	}
	for _, r := range l.outcomes {
		r.answer.Outcome = r.id
		if !l.outcomeExistsCached(r.id) {
			msg := fmt.Sprintf("no outcome %q: create content/outcomes/%s.md or fix the id", r.id, r.id)
			if s := diag.Closest(r.id, append(l.nearOutcomes(r.id), existing...)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.diags.Errorf(l.file, r.pos, "%s", msg)
		}
	}

	l.checkGraph(p)
	return p
}

func (l *loader) review(t *tomldoc.Table) *Review {
	r := &Review{}
	r.Owner = l.text(t, "owner", false, "name who owns the clinical review of this pathway, or remove the key")
	r.Reviewed, _ = t.Date("reviewed")
	r.NextReview, _ = t.Date("next_review")
	if !r.Reviewed.IsZero() && !r.NextReview.IsZero() && !r.NextReview.After(r.Reviewed) {
		t.Warnf(t.ValuePos("next_review"), "next_review %s is not after reviewed %s: check the dates are not swapped",
			r.NextReview.Format(time.DateOnly), r.Reviewed.Format(time.DateOnly))
	}
	t.Check()
	return r
}

func (l *loader) question(t *tomldoc.Table) *Question {
	q := &Question{Pos: t.Pos(), HintPos: t.ValuePos("hint"), idPos: t.KeyPos("id")}
	id, idOK := l.slug(t, "id", true, "question id", "harm-thoughts")
	q.ID = id
	q.Text = l.text(t, "text", true, "write the question to ask")
	q.Hint = l.text(t, "hint", false, "write the hint, or remove the key")
	if idOK {
		if first := l.byID[id]; first != nil {
			t.Errorf(t.ValuePos("id"), "question id %q is already used by the question at line %d: give each question its own id", id, first.Pos.Line)
		} else {
			l.byID[id] = q
		}
	}

	hasAnswers := t.Has("answer")
	n := l.diags.Len()
	ats := t.Tables("answer", false)
	if len(ats) == 0 && (!hasAnswers || l.diags.Len() == n) {
		t.Errorf(q.Pos, "%s has no answers: add at least one [[question.answer]] with a label and a next or an outcome", describeQuestion(q))
	}
	type labelled struct {
		label string
		line  int
	}
	labels := map[string]labelled{}
	for _, at := range ats {
		a := l.answer(at)
		q.Answers = append(q.Answers, a)
		key := strings.ToLower(oneLine(a.Label)) // as the page and the report show it
		if key == "" {
			continue
		}
		if first, ok := labels[key]; ok {
			if first.label == a.Label {
				at.Errorf(at.ValuePos("label"), "answer label %q is already used by the answer at line %d: give each answer of %s a different label",
					a.Label, first.line, describeQuestion(q))
			} else {
				at.Errorf(at.ValuePos("label"), "answer label %q is the same as %q at line %d once case and spaces are ignored: give each answer of %s a different label",
					a.Label, first.label, first.line, describeQuestion(q))
			}
			continue
		}
		labels[key] = labelled{a.Label, a.Pos.Line}
	}
	t.Check()
	return q
}

func describeQuestion(q *Question) string {
	if q.ID == "" {
		return "this question"
	}
	return fmt.Sprintf("question %q", q.ID)
}

func (l *loader) answer(t *tomldoc.Table) *Answer {
	a := &Answer{Pos: t.Pos()}
	a.Label = l.text(t, "label", true, "write the answer as the reader would say it")
	hasNext, hasOutcome := t.Has("next"), t.Has("outcome")
	next, nextOK := l.slug(t, "next", false, "next", "harm-thoughts")
	outcome, outcomeOK := l.slug(t, "outcome", false, "outcome", "call-999")
	name := "this answer"
	if strings.TrimSpace(a.Label) != "" {
		name = fmt.Sprintf("answer %q", a.Label)
	}
	switch {
	case hasNext && hasOutcome:
		t.Errorf(a.Pos, "%s has both next and outcome: keep one (next asks another question, outcome ends the pathway)", name)
	case !hasNext && !hasOutcome:
		t.Errorf(a.Pos, `%s has neither next nor outcome: add next = "<question id>" to ask another question, or outcome = "<outcome id>" to end the pathway`, name)
	}
	// Both are resolved even when both are set: each may have its own
	// mistake, and the question next names is not then reported unreachable.
	if nextOK {
		l.nexts = append(l.nexts, reference{a, next, t.ValuePos("next")})
	}
	if outcomeOK {
		l.outcomes = append(l.outcomes, reference{a, outcome, t.ValuePos("outcome")})
	}
	t.Check()
	return a
}

// text reads a string that people read. It must say something (a blank
// value is reported with fix) and hold no invisible control characters. A
// missing or mistyped value is reported by tomldoc and reads as "".
func (l *loader) text(t *tomldoc.Table, key string, required bool, fix string) string {
	present := t.Has(key)
	n := l.diags.Len()
	s := t.String(key, required)
	if !present || l.diags.Len() != n {
		return s
	}
	if strings.TrimSpace(s) == "" {
		t.Errorf(t.ValuePos(key), "%q is empty: %s", key, fix)
	} else if r, ok := controlChar(s); ok {
		t.Errorf(t.ValuePos(key), "%q contains the invisible control character %U: remove it", key, r)
	}
	return s
}

// slug reads an id. ok is false when it is absent, mistyped or not a slug
// (each reported); name says what it is in messages, example is a slug to
// show when the value gives no better one.
func (l *loader) slug(t *tomldoc.Table, key string, required bool, name, example string) (id string, ok bool) {
	present := t.Has(key)
	n := l.diags.Len()
	s := t.String(key, required)
	if !present || l.diags.Len() != n {
		return "", false
	}
	if !content.IsSlug(s) {
		like := slugify(s)
		if like == "" {
			like = example
		}
		if s == "" {
			t.Errorf(t.ValuePos(key), "%s is empty: write a slug of lowercase letters, digits and single hyphens, like %q", name, like)
		} else {
			t.Errorf(t.ValuePos(key), "%s %q is not a slug: use lowercase letters, digits and single hyphens, like %q", name, s, like)
		}
		return "", false
	}
	return s, true
}

// questionFix says what to do about a reference to a question that does
// not exist.
func (l *loader) questionFix(id string) string {
	ids := make([]string, 0, len(l.byID))
	for k := range l.byID {
		ids = append(ids, k)
	}
	fix := fmt.Sprintf("add a [[question]] with id = %q or fix the id", id)
	if s := diag.Closest(id, ids); s != "" {
		fix += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return fix
}

func (l *loader) outcomeExistsCached(id string) bool {
	ok, seen := l.outcomeKnown[id]
	if !seen {
		ok = l.outcomeExists(id)
		l.outcomeKnown[id] = ok
	}
	return ok
}

// nearOutcomes returns the existing outcome ids one edit (a deletion,
// insertion, substitution or swap of neighbours) away from id, found by
// asking outcomeExists: the caller gives a predicate, not a list.
func (l *loader) nearOutcomes(id string) []string {
	if len(id) > diag.MaxSuggest {
		return nil
	}
	var near []string
	for _, c := range oneEditAway(id) {
		if content.IsSlug(c) && l.outcomeExistsCached(c) {
			near = append(near, c)
		}
	}
	return near
}
