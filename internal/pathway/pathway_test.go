package pathway

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/signpost-dev/signpost/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden and the want files of testdata/load/*.txtar with the current output")

// knownOutcomes are the outcome pages every fixture's site has.
var knownOutcomes = []string{"call-999", "go-to-ae", "self-care", "urgent-helpline"}

func outcomeExists(id string) bool { return slices.Contains(knownOutcomes, id) }

// TestLoadDiagnostics loads every pathway file of each testdata/load/*.txtar
// archive and compares the diagnostics, as file:line:col: message lines,
// with the archive's want file. Load must return nil exactly for the files
// that have an error.
func TestLoadDiagnostics(t *testing.T) {
	cases, err := filepath.Glob("testdata/load/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, name := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var all diag.List
			var want []string
			loaded := 0
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = lines(string(f.Data))
					continue
				}
				var l diag.List
				p := Load(f.Name, f.Data, outcomeExists, &l)
				if (p == nil) != l.HasErrors() {
					t.Errorf("%s: Load returned %v with errors %v", f.Name, p, l.Errors())
				}
				all.Merge(&l)
				loaded++
			}
			if loaded == 0 {
				t.Fatal("the archive has no pathway file")
			}
			got := diagLines(&all)
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = nil
						for _, line := range got {
							ar.Files[i].Data = append(ar.Files[i].Data, line+"\n"...)
						}
					}
				}
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func lines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimRight(line, "\n"); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func diagLines(l *diag.List) []string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

// loadFixture loads the one pathway file of testdata/name, which must have
// no diagnostic.
func loadFixture(t testing.TB, name string) *Pathway {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "pathways/") {
			var l diag.List
			p := Load(f.Name, f.Data, outcomeExists, &l)
			if p == nil || l.Len() != 0 {
				t.Fatalf("%s: %v", f.Name, diagLines(&l))
			}
			return p
		}
	}
	t.Fatalf("%s has no pathway file", name)
	return nil
}

func TestLinkedModel(t *testing.T) {
	p := loadFixture(t, "load/valid-dag.txtar")
	if p.ID != "crisis" || p.File != "pathways/crisis.toml" || p.Title != "Crisis" || p.Review != nil {
		t.Errorf("pathway: %+v", p)
	}
	var ids []string
	for _, q := range p.Questions {
		ids = append(ids, q.ID)
	}
	if want := []string{"danger", "who", "with-them", "thoughts"}; !slices.Equal(ids, want) {
		t.Errorf("questions in file order: %v, want %v", ids, want)
	}
	q := map[string]*Question{}
	for _, x := range p.Questions {
		q[x.ID] = x
	}
	if p.Start != q["danger"] {
		t.Errorf("start is %v", p.Start.ID)
	}
	// Shared sub-question: both "Me" and "Yes" (with them) lead to the same question.
	if q["who"].Answers[0].Next != q["thoughts"] || q["with-them"].Answers[0].Next != q["thoughts"] {
		t.Error("answers to thoughts are not linked to the one question")
	}
	if a := q["danger"].Answers[0]; a.Next != nil || a.Outcome != "call-999" || a.Label != "Yes" || a.Pos != (diag.Pos{Line: 8, Col: 3}) {
		t.Errorf("answer: %+v", a)
	}
	if a := q["who"].Answers[1]; a.Pos != (diag.Pos{Line: 21, Col: 3}) {
		t.Errorf("inline answer position: %+v", a.Pos)
	}
	if p.Start.HintPos != p.Start.Pos {
		t.Errorf("HintPos without a hint: %+v, want the question's %+v", p.Start.HintPos, p.Start.Pos)
	}
	if q["with-them"].Pos != (diag.Pos{Line: 24, Col: 1}) {
		t.Errorf("question position: %+v", q["with-them"].Pos)
	}
	// Breadth first from start: danger, who, then who's answers in order.
	for id, n := range map[string]int{"danger": 1, "who": 2, "thoughts": 3, "with-them": 4} {
		if q[id].N != n {
			t.Errorf("%s.N = %d, want %d", id, q[id].N, n)
		}
	}
	if got, want := p.Outcomes(), []string{"call-999", "go-to-ae", "self-care", "urgent-helpline"}; !slices.Equal(got, want) {
		t.Errorf("Outcomes() = %v, want %v", got, want)
	}
}

func TestRoutes(t *testing.T) {
	p := loadFixture(t, "load/valid-dag.txtar")
	// thoughts is reached two ways, so its two routes count twice.
	if n := p.CountRoutes(); n != 6 {
		t.Errorf("CountRoutes() = %d, want 6", n)
	}
	var got []string
	for _, r := range p.Routes() {
		got = append(got, routeString(r))
	}
	want := []string{
		"danger=Yes => call-999",
		"danger=No who=Me thoughts=Yes => go-to-ae",
		"danger=No who=Me thoughts=No => self-care",
		"danger=No who=Someone else with-them=Yes thoughts=Yes => go-to-ae",
		"danger=No who=Someone else with-them=Yes thoughts=No => self-care",
		"danger=No who=Someone else with-them=No => urgent-helpline",
	}
	if !slices.Equal(got, want) {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func routeString(r Route) string {
	var b strings.Builder
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "%s=%s ", s.Question.ID, s.Answer.Label)
	}
	return b.String() + "=> " + r.Outcome
}

// layered returns a pathway file of n questions in a row, each with two
// answers leading to the next: 2^n routes.
func layered(n int) []byte {
	var b strings.Builder
	b.WriteString("title = \"Layers\"\nstart = \"q1\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[question]]\nid = \"q%d\"\ntext = \"Question %d\"\n", i, i)
		for _, label := range []string{"A", "B"} {
			if i < n {
				fmt.Fprintf(&b, "[[question.answer]]\nlabel = %q\nnext = \"q%d\"\n", label, i+1)
			} else {
				fmt.Fprintf(&b, "[[question.answer]]\nlabel = %q\noutcome = \"self-care\"\n", label)
			}
		}
	}
	return []byte(b.String())
}

func TestRouteLimit(t *testing.T) {
	tests := []struct {
		layers int
		limit  uint64
		count  uint64
		want   []string
	}{
		{1, 2, 2, nil},
		{3, 8, 8, nil},
		{3, 7, 8, []string{"pathways/layers.toml:1: pathway has 8 routes, more than the limit of 7 that reviewers can sign off; split it into smaller pathways or share sub-questions, or raise max_routes in site.toml"}},
		{60, 1000, 1 << 60, []string{"pathways/layers.toml:1: pathway has 1152921504606846976 routes, more than the limit of 1000 that reviewers can sign off; split it into smaller pathways or share sub-questions, or raise max_routes in site.toml"}},
		{64, math.MaxUint64 - 1, math.MaxUint64, []string{"pathways/layers.toml:1: pathway has at least 18446744073709551615 routes, more than the limit of 18446744073709551614 that reviewers can sign off; split it into smaller pathways or share sub-questions, or raise max_routes in site.toml"}},
		{200, math.MaxUint64, math.MaxUint64, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d layers limit %d", tt.layers, tt.limit), func(t *testing.T) {
			var l diag.List
			p := Load("pathways/layers.toml", layered(tt.layers), outcomeExists, &l)
			if p == nil {
				t.Fatal(diagLines(&l))
			}
			if n := p.CountRoutes(); n != tt.count {
				t.Errorf("CountRoutes() = %d, want %d", n, tt.count)
			}
			CheckRouteLimit(p, tt.limit, &l)
			if got := diagLines(&l); !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
			if tt.count <= 8 && uint64(len(p.Routes())) != tt.count {
				t.Errorf("Routes() has %d routes, want %d", len(p.Routes()), tt.count)
			}
		})
	}
}

func TestRoutesAreDistinctAndComplete(t *testing.T) {
	p := loadFixture(t, "report.txtar")
	routes := p.Routes()
	if uint64(len(routes)) != p.CountRoutes() {
		t.Fatalf("Routes() has %d routes, CountRoutes() = %d", len(routes), p.CountRoutes())
	}
	seen := map[string]bool{}
	for _, r := range routes {
		checkRoute(t, p, r)
		key := routeString(r)
		if seen[key] {
			t.Errorf("route listed twice: %s", key)
		}
		seen[key] = true
	}
}

// checkRoute checks that r is a walk from start along the answers given,
// ending in an outcome.
func checkRoute(t testing.TB, p *Pathway, r Route) {
	t.Helper()
	if len(r.Steps) == 0 || r.Steps[0].Question != p.Start {
		t.Fatalf("route does not begin at start: %s", routeString(r))
	}
	for i, s := range r.Steps {
		if !slices.Contains(s.Question.Answers, s.Answer) {
			t.Fatalf("step %d: the answer is not one of the question's: %s", i, routeString(r))
		}
		last := i == len(r.Steps)-1
		if last && (s.Answer.Next != nil || s.Answer.Outcome != r.Outcome || r.Outcome == "") {
			t.Fatalf("route does not end in its outcome: %s", routeString(r))
		}
		if !last && s.Answer.Next != r.Steps[i+1].Question {
			t.Fatalf("step %d does not lead to step %d: %s", i, i+1, routeString(r))
		}
	}
}

var urgencies = map[string]string{"call-999": "emergency", "go-to-ae": "urgent", "urgent-helpline": "urgent"}

func urgency(id string) string { return urgencies[id] } // self-care has none: left out

func TestWriteRoutesGolden(t *testing.T) {
	p := loadFixture(t, "report.txtar")
	var text, table bytes.Buffer
	if err := WriteRoutes(&text, p, urgency); err != nil {
		t.Fatal(err)
	}
	if err := WriteRoutesCSV(&table, p, urgency); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/report.golden", text.Bytes())
	golden(t, "testdata/report.csv.golden", table.Bytes())
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

func TestWriteRoutesWithoutReview(t *testing.T) {
	p := loadFixture(t, "load/valid-dag.txtar")
	var b bytes.Buffer
	if err := WriteRoutes(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	want := "Pathway: Crisis\nFile: pathways/crisis.toml\nReview: not recorded\nRoutes: 6\n\nRoute 1 -> call-999\n  Q: Are you in danger?\n  A: Yes\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to begin:\n%s", b.String(), want)
	}
}

func TestCSVShape(t *testing.T) {
	for _, fixture := range []string{"report.txtar", "load/valid-dag.txtar"} {
		t.Run(fixture, func(t *testing.T) {
			p := loadFixture(t, fixture)
			var b bytes.Buffer
			if err := WriteRoutesCSV(&b, p, urgency); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(b.String(), "\n"); n != len(p.Routes())+1 {
				t.Errorf("%d lines, want one per route and a header", n)
			}
			rows, err := csv.NewReader(&b).ReadAll() // also checks every row has the header's width
			if err != nil {
				t.Fatal(err)
			}
			routes := p.Routes()
			longest := 0
			for _, r := range routes {
				longest = max(longest, len(r.Steps))
			}
			if len(rows) != len(routes)+1 {
				t.Fatalf("%d rows, want a header and %d routes", len(rows), len(routes))
			}
			if len(rows[0]) != 3+2*longest {
				t.Fatalf("header has %d columns, want %d: %q", len(rows[0]), 3+2*longest, rows[0])
			}
			if rows[0][len(rows[0])-1] != fmt.Sprintf("answer %d", longest) {
				t.Errorf("last column is %q", rows[0][len(rows[0])-1])
			}
			for i, r := range routes {
				row := rows[i+1]
				if row[0] != fmt.Sprint(i+1) || row[1] != r.Outcome || row[2] != urgency(r.Outcome) {
					t.Errorf("row %d begins %q", i+1, row[:3])
				}
				for j, cell := range row[3:] {
					step := j / 2
					var want string
					switch {
					case step >= len(r.Steps):
					case j%2 == 0:
						want = oneLine(r.Steps[step].Question.Text)
					default:
						want = oneLine(r.Steps[step].Answer.Label)
					}
					if cell != want {
						t.Errorf("row %d cell %d = %q, want %q", i+1, j+4, cell, want)
					}
				}
			}
		})
	}
}

func TestNeverPanicsOnHandBuiltLoops(t *testing.T) {
	// Load rejects loops; a pathway built by hand with one must still not
	// hang or crash the route functions.
	a := &Question{ID: "a", Text: "A"}
	a.Answers = []*Answer{{Label: "Again", Next: a}, {Label: "End", Outcome: "self-care"}}
	p := &Pathway{File: "pathways/p.toml", Start: a, Questions: []*Question{a}}
	if n := p.CountRoutes(); n != 1 {
		t.Errorf("CountRoutes() = %d, want 1", n)
	}
	if n := len(p.Routes()); n != 1 {
		t.Errorf("len(Routes()) = %d, want 1", n)
	}
	if got := p.Outcomes(); !slices.Equal(got, []string{"self-care"}) {
		t.Errorf("Outcomes() = %v", got)
	}
}

func TestNilOutcomeExistsAcceptsAll(t *testing.T) {
	var l diag.List
	src := "title = \"T\"\nsummary = \"S\"\nstart = \"a\"\n[[question]]\nid = \"a\"\ntext = \"A\"\nanswer = [{ label = \"x\", outcome = \"anything\" }, { label = \"y\", outcome = \"else\" }]\n"
	p := Load("pathways/t.toml", []byte(src), nil, &l)
	if p == nil || l.Len() != 0 {
		t.Fatalf("got %v", diagLines(&l))
	}
	if p.Summary != "S" || p.Start.Answers[0].Outcome != "anything" {
		t.Errorf("summary %q, outcome %q", p.Summary, p.Start.Answers[0].Outcome)
	}
}

func TestWords(t *testing.T) {
	for s, want := range map[string]string{
		"Harm Thoughts": "harm-thoughts", "harm_thoughts": "harm-thoughts", "--a--b--": "a-b", "Call 999!": "call-999", "!!": "", "Été": "t",
	} {
		if got := slugify(s); got != want {
			t.Errorf("slugify(%q) = %q, want %q", s, got, want)
		}
	}
	near := oneEditAway("ab")
	for _, want := range []string{"a", "b", "ba", "xab", "axb", "abx", "xb", "ax", "a-b"} {
		if !slices.Contains(near, want) {
			t.Errorf("oneEditAway(ab) lacks %q", want)
		}
	}
	if slices.Contains(near, "ab") || slices.Contains(near, "abcd") {
		t.Error("oneEditAway(ab) holds ab or abcd")
	}
	if got := diag.Closest("harm", []string{"harmed", "danger"}); got != "harmed" {
		t.Errorf("closest = %q", got)
	}
	if got := diag.Closest("a", []string{"b"}); got != "" {
		t.Errorf("closest(a, b) = %q, want none", got)
	}
}

func TestOutcomesBreadthFirst(t *testing.T) {
	// Depth first would meet deep-end before near-end.
	src := `title = "T"
start = "a"
[[question]]
id = "a"
text = "A"
answer = [{ label = "On", next = "b" }, { label = "Stop", outcome = "near-end" }]
[[question]]
id = "b"
text = "B"
answer = [{ label = "On", outcome = "deep-end" }, { label = "Stop", outcome = "near-end" }]
`
	var l diag.List
	p := Load("pathways/t.toml", []byte(src), nil, &l)
	if p == nil {
		t.Fatal(diagLines(&l))
	}
	if got, want := p.Outcomes(), []string{"near-end", "deep-end"}; !slices.Equal(got, want) {
		t.Errorf("Outcomes() = %v, want %v", got, want)
	}
	if p.Start.N != 1 || p.Questions[1].N != 2 {
		t.Errorf("N = %d, %d", p.Start.N, p.Questions[1].N)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = fmt.Errorf("disk full")

func TestWriteErrorsAreReturned(t *testing.T) {
	p := loadFixture(t, "report.txtar")
	if err := WriteRoutes(failingWriter{}, p, urgency); err != errWrite {
		t.Errorf("WriteRoutes: %v", err)
	}
	if err := WriteRoutesCSV(failingWriter{}, p, urgency); err != errWrite {
		t.Errorf("WriteRoutesCSV: %v", err)
	}
}

func TestPlainTextKeptAsWritten(t *testing.T) {
	p := loadFixture(t, "load/plain-text-accepted.txtar")
	q := p.Start
	if q.Text != "Are you <18?" || q.Hint != "Ages **under** 18 & <i>over</i>" || q.Answers[2].Label != "<script>alert(1)</script>" {
		t.Errorf("text %q, hint %q, label %q", q.Text, q.Hint, q.Answers[2].Label)
	}
	if q.HintPos != (diag.Pos{Line: 7, Col: 8}) {
		t.Errorf("HintPos = %+v, want 7:8", q.HintPos)
	}
}

// TestCSVCellsAreNotFormulas: a label a spreadsheet would run as a formula
// is written as text.
func TestCSVCellsAreNotFormulas(t *testing.T) {
	src := "title = \"T\"\nstart = \"a\"\n[[question]]\nid = \"a\"\ntext = \"=HYPERLINK(\\\"x\\\")\"\n[[question.answer]]\nlabel = \"-1\"\noutcome = \"o\"\n[[question.answer]]\nlabel = \"@home\"\noutcome = \"o\"\n"
	var diags diag.List
	p := Load("pathways/t.toml", []byte(src), func(string) bool { return true }, &diags)
	if p == nil {
		t.Fatal(diags.Err())
	}
	var b strings.Builder
	if err := WriteRoutesCSV(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"'=HYPERLINK(""x"")",'-1`, `'@home`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("CSV lacks %s:\n%s", want, b.String())
		}
	}
}

func TestSuggestID(t *testing.T) {
	ids := []string{"mental-health-crisis", "worried-about-a-friend", "self-harm", "harm-reduction"}
	tests := []struct{ id, want string }{
		{"crisis", "mental-health-crisis"},              // a run of its words
		{"mental-health-crisi", "mental-health-crisis"}, // within two edits
		{"worried", "worried-about-a-friend"},
		{"about-a-friend", "worried-about-a-friend"},
		{"harm", ""},  // two pathways have the word: no guess
		{"risis", ""}, // part of a word is not a word
		{"", ""},
		{"mental-health-crisis", ""}, // itself is not a suggestion
	}
	for _, tt := range tests {
		if got := SuggestID(tt.id, ids); got != tt.want {
			t.Errorf("SuggestID(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}
