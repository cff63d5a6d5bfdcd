package pathmap

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
)

// TestMapMarksCompilerDiagnostics checks that the map shows the compiler's
// own diagnostics, each on the box or answer it is about (matched by
// position), and draws what the compiler rejects: a missing question or
// outcome, an answer to nowhere, a loop, an unreachable question.
func TestMapMarksCompilerDiagnostics(t *testing.T) {
	tests := []struct {
		file string
		// box text -> the start of each compiler message it carries
		boxes map[string][]string
		// answer label -> the start of each message it carries
		answers map[string][]string
		missing []string // texts of the Missing boxes
		start   string   // the start box's text; "" for none
	}{
		{file: "good", boxes: map[string][]string{"A?": nil, "B?": {"warning: question \"b\" has only one answer"}}, start: "A?"},
		{
			file:  "unreachable",
			boxes: map[string][]string{"A?": {"warning: question \"a\" has only one answer"}, "Nobody asks?": {"question \"orphan\" has no answers", "question \"orphan\" is not reachable"}},
			start: "A?",
		},
		{
			file:    "nowhere",
			answers: map[string][]string{"Yes": {"answer \"Yes\" has neither next nor outcome"}, "No": {"next \"gone\" is not a question"}, "Maybe": {"no outcome \"nope\""}},
			missing: []string{"Nowhere", "No question gone", "No outcome nope"},
			start:   "A?",
		},
		{file: "loop", boxes: map[string][]string{"A?": {"questions form a loop, a -> b -> a", "warning: question \"a\" has only one answer"}}, start: "A?"},
		{file: "no-start", boxes: map[string][]string{"A?": {"warning: question \"a\" has only one answer"}}},
	}
	ar, err := txtar.ParseFile("testdata/maps.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.Files) != len(tests) {
		t.Errorf("testdata/maps.txtar has %d files for %d cases", len(ar.Files), len(tests))
	}
	outcomes := map[string]OutcomeInfo{"call-999": {Title: "Call 999 now", Urgency: "emergency"}, "talk": {Title: "Talk to someone", Urgency: "soon"}}
	exists := func(id string) bool { _, ok := outcomes[id]; return ok }
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var src []byte
			for _, f := range ar.Files {
				if f.Name == tt.file+".toml" {
					src = f.Data
				}
			}
			if src == nil {
				t.Fatalf("testdata/maps.txtar has no %s.toml", tt.file)
			}
			file := "pathways/" + tt.file + ".toml"
			var l diag.List
			pathway.Load(file, src, exists, &l)
			all := l.Sorted()
			g := New(pathway.Parse(file, src, &diag.List{}), all, outcomes)

			// Every diagnostic is shown exactly once: on a box, an answer
			// or the pathway (here: the missing title).
			shown := len(g.Diags)
			for _, n := range g.Nodes {
				shown += len(n.Diags)
			}
			seenAnswer := map[int]bool{}
			for _, e := range g.Edges {
				if !seenAnswer[e.Line] {
					shown += len(e.Diags)
					seenAnswer[e.Line] = true
				}
			}
			if shown != len(all) {
				t.Errorf("%d diagnostics shown, the compiler has %d", shown, len(all))
			}
			if len(g.Diags) == 0 || !strings.Contains(g.Diags[0].Message, `"title"`) {
				t.Errorf("pathway diagnostics: %v", g.Diags)
			}
			byText := map[string]*Node{}
			var missing []string
			start := ""
			for _, n := range g.Nodes {
				byText[n.Text] = n
				if n.Kind == Missing {
					missing = append(missing, n.Text)
				}
				if n.Start {
					start = n.Text
				}
			}
			if start != tt.start {
				t.Errorf("start box %q, want %q", start, tt.start)
			}
			if !slices.Equal(missing, tt.missing) {
				t.Errorf("missing boxes %q, want %q", missing, tt.missing)
			}
			for text, want := range tt.boxes {
				n := byText[text]
				if n == nil {
					t.Errorf("no box %q", text)
					continue
				}
				checkMessages(t, "box "+text, n.Diags, want)
			}
			for label, want := range tt.answers {
				for _, e := range g.Edges {
					if e.Label == label {
						checkMessages(t, "answer "+label, e.Diags, want)
					}
				}
			}
			l2, err := Lay(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			svg := string(l2.SVG())
			if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, `<a href="#L2"`) {
				t.Errorf("SVG has no link to the first question's line: %.300s", svg)
			}
			for _, p := range geometryProblems(tt.file, l2) {
				t.Error(p)
			}
		})
	}
}

func checkMessages(t *testing.T, what string, got []diag.Diagnostic, want []string) {
	t.Helper()
	var msgs []string
	for _, d := range got {
		m := d.Message
		if d.Severity == diag.Warning {
			m = "warning: " + m
		}
		msgs = append(msgs, m)
	}
	slices.Sort(msgs)
	ok := len(msgs) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(msgs[i], want[i])
	}
	if !ok {
		t.Errorf("%s carries %q, want messages starting %q", what, msgs, want)
	}
}

func TestOutcomeBoxSaysTitleAndUrgency(t *testing.T) {
	src := []byte("title = \"T\"\nstart = \"a\"\n[[question]]\nid = \"a\"\ntext = \"A?\"\nanswer = [{ label = \"Yes\", outcome = \"call-999\" }, { label = \"No\", outcome = \"call-999\" }]\n")
	g := New(pathway.Parse("pathways/t.toml", src, &diag.List{}), nil, map[string]OutcomeInfo{"call-999": {Title: "Call 999 now", Urgency: "emergency"}})
	if len(g.Nodes) != 2 || len(g.Edges) != 2 || g.Edges[0].To != g.Edges[1].To {
		t.Fatalf("two answers of one question to one outcome are two arrows to one box: %+v %+v", g.Nodes, g.Edges)
	}
	text, extra := g.Nodes[1].lines()
	if !slices.Equal(text, []string{"Call 999 now"}) || !slices.Equal(extra, []string{"Outcome · emergency"}) {
		t.Errorf("outcome box says %q %q", text, extra)
	}
	l, err := Lay(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if svg := string(l.SVG()); !strings.Contains(svg, `class="o u-emergency"`) || !strings.Contains(svg, "Outcome · emergency") {
		t.Errorf("SVG: %s", svg)
	}
}
