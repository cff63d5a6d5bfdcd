package pathway

import (
	"bytes"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// FuzzLoad loads arbitrary files: Load must not panic or hang, must return
// nil exactly when it reports an error, must give every diagnostic a line,
// and a pathway it accepts must have routes that agree with CountRoutes.
// The seed corpus is in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		const file = "pathways/fuzz.toml"
		exists := func(id string) bool { return !strings.Contains(id, "missing") }
		var l diag.List
		p := Load(file, src, exists, &l)
		if (p == nil) != l.HasErrors() {
			t.Fatalf("Load returned %v with errors %v", p, l.Errors())
		}
		for _, d := range l.Sorted() {
			if d.File != file || d.Line < 1 {
				t.Errorf("diagnostic without a line: %s", d)
			}
		}
		if p == nil {
			return
		}
		n := p.CountRoutes()
		if n == 0 {
			t.Fatal("an accepted pathway has no route")
		}
		if n > 10000 {
			return
		}
		routes := p.Routes()
		if uint64(len(routes)) != n {
			t.Fatalf("Routes() has %d routes, CountRoutes() = %d", len(routes), n)
		}
		seen := map[string]bool{}
		for _, r := range routes {
			checkRoute(t, p, r)
			if k := routeString(r); seen[k] {
				t.Fatalf("route listed twice: %s", k)
			} else {
				seen[k] = true
			}
		}
		numbers := map[int]bool{}
		for _, q := range p.Questions {
			if q.N < 1 || q.N > len(p.Questions) || numbers[q.N] {
				t.Fatalf("question %q has N = %d", q.ID, q.N)
			}
			numbers[q.N] = true
		}
		var b bytes.Buffer
		if err := WriteRoutes(&b, p, nil); err != nil {
			t.Fatal(err)
		}
		if err := WriteRoutesCSV(&b, p, nil); err != nil {
			t.Fatal(err)
		}
	})
}
