package content

import (
	"bytes"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/phone"
)

// FuzzSplit: splitting never panics, and what it returns is a part of the
// input at the lines it claims.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\n+++\nBody\n",
		"+++\r\ntitle = \"A\"\r\n+++\r\n",
		"\ufeff+++\n+++",
		"+++\ntitle = \"A\"\n",
		"no front matter",
		"+++",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, fmLine, body, bodyLine, err := Split(src)
		if err != nil {
			if err.Pos.Line != 1 {
				t.Fatalf("split errors are reported on line 1, got %d", err.Pos.Line)
			}
			return
		}
		if fmLine != 2 || bodyLine < 3 {
			t.Fatalf("lines %d %d", fmLine, bodyLine)
		}
		if !bytes.Contains(src, fm) || !bytes.HasSuffix(src, body) {
			t.Fatal("front matter and body must come from the input")
		}
		if got := bytes.Count(fm, []byte("\n")) + 3; got != bodyLine {
			t.Fatalf("body line %d, counted %d", bodyLine, got)
		}
	})
}

// FuzzParse: any file a content author can write yields a page or
// diagnostics, never a panic, and diagnostics always name the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\nsummary = \"S\"\n+++\nBody\n",
		"+++\ntitle = \"A\"\nurgency = \"urgent\"\ncall = \"999\"\nsignposts = [\"a\", \"b\"]\nhelpline_finder = true\n+++\n",
		"+++\ntitle = \"S\"\nsummary = \"x\"\nareas = [\"LS\", \"LS6\"]\n[[contact]]\nmode = \"text\"\nvalue = \"85258\"\nkeyword = \"SHOUT\"\nhours = \"24/7\"\n+++\n",
		"+++\ntitle = 1\n[[contact]]\n+++",
	} {
		f.Add("content/outcomes/o.md", []byte(s))
		f.Add("content/services/s.md", []byte(s))
		f.Add("content/a/b.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, file string, src []byte) {
		var diags diag.List
		p := Parse("content/"+file, src, phone.UK, &diags)
		if p == nil && diags.Len() == 0 {
			t.Fatal("a rejected page must say why")
		}
		for _, d := range diags.Sorted() {
			if d.File == "" {
				t.Fatalf("diagnostic without a file: %v", d)
			}
		}
	})
}
