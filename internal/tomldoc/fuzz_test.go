package tomldoc

import (
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// FuzzParse: any TOML text is parsed or refused with a positioned error,
// never a panic, within sitetest's per-input bounds (2 s, 256 MB); deep
// nesting is among the seeds, since the decoder's cost grows faster than
// the input with depth.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title = \"A\"\n[review]\nowner = \"x\"\n",
		"a = [1, [2, [3]]]\nb = {c = {d = 1}}\n",
		"a = " + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth),
		"a = " + strings.Repeat("[", 5000),
		"a = " + strings.Repeat("{b = ", 3000) + "1" + strings.Repeat("}", 3000),
		"a = \"" + strings.Repeat("[", 3000) + "\"",
		"a = '''\n" + strings.Repeat("{", 3000) + "\n'''",
		strings.Repeat("[[a]]\nb = 1\n", 500),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var d diag.List
		var tab *Table
		sitetest.Bounded(t, "parsing this TOML", func() { tab = Parse("f.toml", "the file", []byte(src), 1, diag.Pos{Line: 1}, &d) })
		if tab == nil && !d.HasErrors() {
			t.Fatal("refused without an error")
		}
		for _, x := range d.Sorted() {
			if x.File != "f.toml" || x.Line < 0 {
				t.Fatalf("diagnostic %v", x)
			}
		}
	})
}
