package pathway

import (
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// broken has a mistake of each kind Check rejects, and none that Parse does.
const broken = `title = "Broken"
start = "danger"

[[question]]
id = "danger"
text = "Are you in danger?"

  [[question.answer]]
  label = "Yes"
  next = "nowhere"

  [[question.answer]]
  label = "No"
  outcome = "no-such-outcome"

  [[question.answer]]
  label = "Maybe"

[[question]]
id = "orphan"
text = "Nothing leads here"
answer = [{ label = "Back", next = "orphan" }]
`

// TestParseKeepsWhatCheckRejects checks the lenient half of the model: a
// draft holds every question, answer and reference as written, with
// positions, even those Check rejects; Parse itself reports none of them;
// Load reports exactly Parse's and Check's diagnostics together.
func TestParseKeepsWhatCheckRejects(t *testing.T) {
	const file = "pathways/broken.toml"
	var parsed diag.List
	d := Parse(file, []byte(broken), &parsed)
	if d == nil || parsed.Len() != 0 {
		t.Fatalf("Parse: %v %v", d, diagLines(&parsed))
	}
	if d.ID != "broken" || d.Title != "Broken" || d.Start != (Ref{Name: "danger", Pos: diag.Pos{Line: 2, Col: 9}, Set: true, OK: true}) {
		t.Errorf("draft: %+v", d)
	}
	if len(d.Questions) != 2 {
		t.Fatalf("%d questions, want 2", len(d.Questions))
	}
	danger, orphan := d.Questions[0], d.Questions[1]
	if danger.Pos != (diag.Pos{Line: 4, Col: 1}) || danger.IDPos != (diag.Pos{Line: 5, Col: 1}) || danger.ID.Pos != (diag.Pos{Line: 5, Col: 6}) {
		t.Errorf("danger positions: %+v %+v %+v", danger.Pos, danger.IDPos, danger.ID.Pos)
	}
	var got []string
	for _, q := range d.Questions {
		for _, a := range q.Answers {
			got = append(got, q.ID.Name+"/"+a.Label+" next="+a.Next.Name+" outcome="+a.Outcome.Name)
		}
	}
	want := []string{
		"danger/Yes next=nowhere outcome=",
		"danger/No next= outcome=no-such-outcome",
		"danger/Maybe next= outcome=",
		"orphan/Back next=orphan outcome=",
	}
	if !slices.Equal(got, want) {
		t.Errorf("answers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a := danger.Answers[0]; a.Pos != (diag.Pos{Line: 8, Col: 3}) || a.LabelPos != (diag.Pos{Line: 9, Col: 11}) || a.Next.Pos != (diag.Pos{Line: 10, Col: 10}) || a.Outcome.Set {
		t.Errorf("first answer: %+v", a)
	}
	if a := orphan.Answers[0]; a.Pos != (diag.Pos{Line: 22, Col: 11}) || !a.Next.OK {
		t.Errorf("inline answer: %+v", a)
	}

	var checked diag.List
	p := Check(d, outcomeExists, &checked)
	if p == nil || p.Draft != d || p.Questions[0].Draft != danger || p.Questions[0].Answers[1].Draft != danger.Answers[1] {
		t.Fatalf("Check did not link the draft: %+v", p)
	}
	wantChecked := []string{
		`pathways/broken.toml:10:10: next "nowhere" is not a question of this pathway: add a [[question]] with id = "nowhere" or fix the id`,
		`pathways/broken.toml:14:13: no outcome "no-such-outcome": create content/outcomes/no-such-outcome.md or fix the id`,
		`pathways/broken.toml:16:3: answer "Maybe" has neither next nor outcome: add next = "<question id>" to ask another question, or outcome = "<outcome id>" to end the pathway`,
		`pathways/broken.toml:19:1: warning: question "orphan" has only one answer: the reader has no choice to make, so it only adds a step before they reach help; add the other answers a reader could give, or remove the question and point the answers that lead to it where its answer goes`,
		`pathways/broken.toml:20:1: question "orphan" leads back to itself, orphan -> orphan: every route must end in an outcome, so point its next at a later question or an outcome`,
	}
	if got := diagLines(&checked); !slices.Equal(got, wantChecked) {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantChecked, "\n"))
	}

	var loaded diag.List
	if p := Load(file, []byte(broken), outcomeExists, &loaded); p != nil {
		t.Errorf("Load returned a pathway with errors")
	}
	if got := diagLines(&loaded); !slices.Equal(got, wantChecked) {
		t.Errorf("Load:\n%s\nwant Check's:\n%s", strings.Join(got, "\n"), strings.Join(wantChecked, "\n"))
	}
}

// TestParseReportsValues checks the strict half that belongs to Parse: a
// value wrong on its own is reported by Parse, kept out of the draft's
// resolvable references, and not reported again by Check.
func TestParseReportsValues(t *testing.T) {
	src := "title = \"\"\nstart = \"Danger Now\"\n[[question]]\nid = \"danger\"\ntext = \"Q\"\nanswer = [{ label = \"Yes\", outcome = 999 }, { label = \"No\", outcome = \"self-care\" }]\n"
	var parsed diag.List
	d := Parse("pathways/x.toml", []byte(src), &parsed)
	wantParsed := []string{
		`pathways/x.toml:1:9: "title" is empty: write the pathway's title: it is the heading of its start page`,
		`pathways/x.toml:2:9: start "Danger Now" is not a slug: use lowercase letters, digits and single hyphens, like "danger-now"`,
		`pathways/x.toml:6:38: "outcome" must be a string in quotes, not a number`,
	}
	if got := diagLines(&parsed); !slices.Equal(got, wantParsed) {
		t.Errorf("Parse:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantParsed, "\n"))
	}
	if d.Start.OK || d.Start.Name != "Danger Now" || !d.Start.Set {
		t.Errorf("start: %+v", d.Start)
	}
	if o := d.Questions[0].Answers[0].Outcome; o.OK || !o.Set || o.Name != "" {
		t.Errorf("outcome: %+v", o)
	}
	var checked diag.List
	Check(d, outcomeExists, &checked)
	if checked.Len() != 0 {
		t.Errorf("Check reported again: %v", diagLines(&checked))
	}
}

func TestParseSyntaxError(t *testing.T) {
	var l diag.List
	if d := Parse("pathways/x.toml", []byte("title = \"open\n"), &l); d != nil || !l.HasErrors() {
		t.Errorf("Parse of bad TOML = %v, %v", d, diagLines(&l))
	}
	if p := Check(nil, nil, &l); p != nil {
		t.Errorf("Check(nil) = %v", p)
	}
}
