package cases

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

var urgencies = map[string]content.Urgency{
	"call-999": content.Emergency, "helpline": content.Urgent, "self-care": content.SelfCare, "see-gp": content.Routine,
}

func urgency(id string) content.Urgency { return urgencies[id] }

func loadPathway(t testing.TB) *pathway.Pathway {
	t.Helper()
	src, err := os.ReadFile("testdata/pathway.toml")
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	p := pathway.Load("pathway.toml", src, func(id string) bool { _, ok := urgencies[id]; return ok }, &d)
	if p == nil {
		t.Fatalf("the test pathway does not load: %v", d.Err())
	}
	return p
}

// run parses and runs a cases file against the test pathway and returns
// its diagnostics and a summary, one per line.
func run(p *pathway.Pathway, src []byte) string {
	var d diag.List
	f := Parse("cases.toml", src, &d)
	res := Run(f, p, urgency, &d)
	cov := Cover(p, res, urgency)
	var b strings.Builder
	for _, x := range d.Sorted() {
		b.WriteString(x.String() + "\n")
	}
	fmt.Fprintf(&b, "passed %d failed %d covered %d/%d\n", res.Passed, res.Failed, cov.Covered, cov.Answers)
	return b.String()
}

// TestFiles runs each testdata/*.txtar's cases.toml and compares every
// diagnostic and the summary with its want section.
func TestFiles(t *testing.T) {
	p := loadPathway(t)
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src []byte
			wantAt := -1
			for i, f := range a.Files {
				switch f.Name {
				case "cases.toml":
					src = f.Data
				case "want":
					wantAt = i
				}
			}
			if src == nil || wantAt < 0 {
				t.Fatal("fixture needs cases.toml and want")
			}
			got := run(p, src)
			if *update {
				a.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(a.Files[wantAt].Data); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestCoverage: the gaps are the answers no case gives and the emergency
// or urgent outcomes no case reaches, reported at the answers in the
// pathway file, as errors only when required.
func TestCoverage(t *testing.T) {
	p := loadPathway(t)
	var d diag.List
	f := Parse("c.toml", []byte("[[case]]\nname = \"a\"\nanswers = [\"No\", \"A bit\"]\noutcome = \"self-care\"\n"), &d)
	res := Run(f, p, urgency, &d)
	cov := Cover(p, res, urgency)
	if cov.Covered != 2 || cov.Answers != 4 || len(cov.Uncovered) != 2 {
		t.Fatalf("covered %d of %d, gaps %d; want 2 of 4, 2", cov.Covered, cov.Answers, len(cov.Uncovered))
	}
	if strings.Join(cov.Unreached, ",") != "call-999,helpline" {
		t.Errorf("unreached %v, want call-999 and helpline", cov.Unreached)
	}
	for _, required := range []bool{false, true} {
		var rd diag.List
		cov.Report(p, "c.toml", required, urgency, &rd)
		var lines []string
		for _, x := range rd.Sorted() {
			lines = append(lines, x.String())
		}
		w := ""
		if !required {
			w = "warning: "
		}
		want := []string{
			"pathway.toml:8:3: " + w + `no test case gives answer "Yes" to question "danger": add a case to c.toml`,
			"pathway.toml:8:3: " + w + `no test case reaches emergency outcome "call-999": add a case to c.toml`,
			"pathway.toml:20:3: " + w + `no test case gives answer "Very" to question "low": add a case to c.toml`,
			"pathway.toml:20:3: " + w + `no test case reaches urgent outcome "helpline": add a case to c.toml`,
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") || rd.HasErrors() != required {
			t.Errorf("required=%v:\n%s\nwant:\n%s", required, strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
	}
}

// cases10000 is a cases file of 10,000 cases, every route of the test
// pathway over and over.
func cases10000() []byte {
	var src strings.Builder
	routes := [][]string{{"Yes"}, {"No", "Very"}, {"No", "A bit"}}
	for i := range 10000 {
		r := routes[i%len(routes)]
		fmt.Fprintf(&src, "[[case]]\nname = \"case %d\"\nanswers = [%q", i, r[0])
		for _, l := range r[1:] {
			fmt.Fprintf(&src, ", %q", l)
		}
		src.WriteString("]\nat_least = \"self-care\"\n\n")
	}
	return []byte(src.String())
}

// BenchmarkParseAndRun10000 reads a file of 10,000 cases and runs them all
// against the test pathway, as check does: the issue asks for under a
// second.
func BenchmarkParseAndRun10000(b *testing.B) {
	p := loadPathway(b)
	data := cases10000()
	for b.Loop() {
		var d diag.List
		f := Parse("c.toml", data, &d)
		res := Run(f, p, urgency, &d)
		if res.Passed != 10000 || d.Len() != 0 {
			b.Fatalf("passed %d, %d diagnostics", res.Passed, d.Len())
		}
	}
}

// BenchmarkRun10000 runs 10,000 parsed cases: the running alone.
func BenchmarkRun10000(b *testing.B) {
	p := loadPathway(b)
	var d diag.List
	f := Parse("c.toml", cases10000(), &d)
	for b.Loop() {
		res := Run(f, p, urgency, &d)
		if res.Passed != 10000 || d.Len() != 0 {
			b.Fatalf("passed %d, %d diagnostics", res.Passed, d.Len())
		}
	}
}
