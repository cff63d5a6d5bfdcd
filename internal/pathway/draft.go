package pathway

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Draft is a pathway file read as far as it can be, before the rules that
// relate its parts are applied: every question and answer in file order,
// with positions, and every reference (start, next, outcome) as the name
// written, resolved or not. Parse returns it and Check turns it into a
// *Pathway. The preview's map draws a Draft, so it can show the very
// problems the compiler rejects where they are.
type Draft struct {
	ID        string // the file's base name without .toml, slug or not
	File      string // site-relative, like pathways/crisis.toml
	Title     string // "" when absent or unreadable
	Summary   string
	Start     Ref
	Review    *Review // nil when the file has no [review]
	Questions []*DraftQuestion

	// questionsUnread is set when question is present but could not be
	// read (reported), so "no questions" is not said as well.
	questionsUnread bool
	questionsPos    diag.Pos // the question key, or line 1
}

// DraftQuestion is one [[question]] as written.
type DraftQuestion struct {
	ID      Ref      // Pos is the id's value
	IDPos   diag.Pos // the id key: unreachable questions and loops are reported here
	Text    string   // plain text; "" when absent or unreadable
	Hint    string   // inline Markdown, raw
	Pos     diag.Pos // the [[question]] header (or { when inline)
	HintPos diag.Pos // the hint's value; Pos when absent
	Answers []*DraftAnswer

	answersUnread bool // answer is present but could not be read (reported)
}

// DraftAnswer is one [[question.answer]] as written. Check requires exactly
// one of Next and Outcome to be set.
type DraftAnswer struct {
	Label    string   // plain text; "" when absent or unreadable
	LabelPos diag.Pos // the label's value; Pos when absent
	Next     Ref      // a question id
	Outcome  Ref      // an outcome id
	Pos      diag.Pos // the [[question.answer]] header (or { when inline)
}

// Ref is an id as the file writes it: a question's id, start, or an
// answer's next or outcome.
type Ref struct {
	Name string   // as written; "" when absent or not a string
	Pos  diag.Pos // its value; the enclosing table's position when absent
	Set  bool     // the key is present, whatever its value
	OK   bool     // the value is a slug; when Set and not OK, Parse reported why
}

// Parse reads a pathway file (site-relative, like pathways/crisis.toml)
// into a Draft. It reports to diags what is wrong with a value or a table
// on its own: TOML syntax, unknown keys, missing keys, wrong types, blank
// text, control characters, ids that are not slugs, a file name that is not
// a slug, review dates in the wrong order. It returns nil only when the
// file is not TOML at all; otherwise the draft holds everything readable.
func Parse(file string, src []byte, diags *diag.List) *Draft {
	r := &reader{diags: diags}
	d := &Draft{File: file}
	d.ID = strings.TrimSuffix(path.Base(file), ".toml")
	if !sitefs.IsSlug(d.ID) {
		fix := "use lowercase letters, digits and single hyphens, like crisis.toml"
		if s := slugify(d.ID); s != "" {
			fix = fmt.Sprintf("rename the file to %s.toml (lowercase letters, digits and single hyphens)", s)
		}
		diags.Errorf(file, diag.Pos{Line: 1}, "the pathway id %q comes from the file name and is not a slug: %s", d.ID, fix)
	}

	root := tomldoc.Parse(file, "the pathway file", src, 1, diag.Pos{Line: 1}, diags)
	if root == nil {
		return nil
	}
	d.Title = r.text(root, "title", true, "write the pathway's title: it is the heading of its start page")
	d.Summary = r.text(root, "summary", false, "write a sentence for the start page, or remove the key")
	d.Start = r.ref(root, "start", true, "start", "danger")
	if rt := root.Table("review"); rt != nil {
		d.Review = r.review(rt)
	}
	d.questionsPos = root.KeyPos("question")
	if plural(root, "questions", "[[question]]", "question") {
		// [[questions]] leaves [[question.answer]] in a table of its own:
		// the one message above is the whole story.
		root.Has("question")
		d.questionsUnread = true
	} else {
		hasQuestions := root.Has("question")
		n := diags.Len()
		qts := root.Tables("question", false)
		d.questionsUnread = len(qts) == 0 && hasQuestions && diags.Len() != n
		for _, qt := range qts {
			d.Questions = append(d.Questions, r.question(qt))
		}
	}
	root.Check()
	return d
}

// plural reports, as one error, a table array written with the plural of
// its key ([[questions]] for [[question]]), which would otherwise give an
// unknown key and a follow-on error for every rule the missing key breaks.
func plural(t *tomldoc.Table, wrong, header, what string) bool {
	if !t.Peek(wrong) {
		return false
	}
	t.Errorf(t.KeyPos(wrong), "%q is not a pathway key: write %s (singular) before each %s", wrong, header, what)
	t.Drop(wrong)
	return true
}

// reader reads the tables of one file into a Draft.
type reader struct {
	diags *diag.List
}

func (r *reader) review(t *tomldoc.Table) *Review {
	rv := &Review{}
	rv.Owner = r.text(t, "owner", false, "name who owns the clinical review of this pathway, or remove the key")
	rv.Reviewed, _ = t.Date("reviewed")
	rv.NextReview, _ = t.Date("next_review")
	if !rv.Reviewed.IsZero() && !rv.NextReview.IsZero() && !rv.NextReview.After(rv.Reviewed) {
		t.Warnf(t.ValuePos("next_review"), "next_review %s is not after reviewed %s: check the dates are not swapped",
			rv.NextReview.Format(time.DateOnly), rv.Reviewed.Format(time.DateOnly))
	}
	t.Check()
	return rv
}

func (r *reader) question(t *tomldoc.Table) *DraftQuestion {
	q := &DraftQuestion{Pos: t.Pos(), HintPos: t.ValuePos("hint"), IDPos: t.KeyPos("id")}
	q.ID = r.ref(t, "id", true, "question id", "harm-thoughts")
	q.Text = r.text(t, "text", true, "write the question to ask")
	q.Hint = r.text(t, "hint", false, "write the hint, or remove the key")
	hasAnswers := t.Has("answer")
	n := r.diags.Len()
	ats := t.Tables("answer", false)
	q.answersUnread = len(ats) == 0 && hasAnswers && r.diags.Len() != n
	if len(ats) == 0 && plural(t, "answers", "[[question.answer]]", "answer") {
		q.answersUnread = true
	}
	for _, at := range ats {
		q.Answers = append(q.Answers, r.answer(at))
	}
	t.Check()
	return q
}

func (r *reader) answer(t *tomldoc.Table) *DraftAnswer {
	a := &DraftAnswer{Pos: t.Pos(), LabelPos: t.ValuePos("label")}
	a.Label = r.text(t, "label", true, "write the answer as the reader would say it")
	a.Next = r.ref(t, "next", false, "next", "harm-thoughts")
	a.Outcome = r.ref(t, "outcome", false, "outcome", "call-999")
	t.Check()
	return a
}

// text reads a string that people read: tomldoc.Table.Text, the one rule
// for such text (it must hold a visible character and no control
// characters; a blank value is reported with fix).
func (r *reader) text(t *tomldoc.Table, key string, required bool, fix string) string {
	s, _ := t.Text(key, required, fix)
	return s
}

// ref reads an id. It is OK only when present, a string and a slug (each
// problem reported); name says what it is in messages, example is a slug
// to show when the value gives no better one.
func (r *reader) ref(t *tomldoc.Table, key string, required bool, name, example string) Ref {
	ref := Ref{Set: t.Has(key), Pos: t.ValuePos(key)}
	n := r.diags.Len()
	s := t.String(key, required)
	if !ref.Set || r.diags.Len() != n {
		return ref
	}
	ref.Name = s
	if !sitefs.IsSlug(s) {
		like := slugify(s)
		if like == "" {
			like = example
		}
		if s == "" {
			t.Errorf(ref.Pos, "%s is empty: write a slug of lowercase letters, digits and single hyphens, like %q", name, like)
		} else {
			t.Errorf(ref.Pos, "%s %q is not a slug: use lowercase letters, digits and single hyphens, like %q", name, s, like)
		}
		return ref
	}
	ref.OK = true
	return ref
}
