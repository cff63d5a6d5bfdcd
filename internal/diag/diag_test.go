package diag

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRelatedKeepsOneLine: a diagnostic with a related position prints as
// the same one line path:LINE:COL: message as one without; the related
// place is kept for the preview, and sorting and de-duplication see it.
func TestRelatedKeepsOneLine(t *testing.T) {
	var l List
	rel := Related{File: "pathways/p.toml", Line: 53, Col: 3, Message: "the answer that has this label first"}
	l.ErrorfRelated("pathways/p.toml", Pos{Line: 60, Col: 11}, rel, "answer label %q is already used by the answer at line %d", "Yes", 53)
	l.Errorf("pathways/p.toml", Pos{Line: 60, Col: 11}, "answer label %q is already used by the answer at line %d", "Yes", 53)
	got := l.Sorted()
	if len(got) != 2 {
		t.Fatalf("Sorted kept %d diagnostics, want 2 (they differ in Related): %v", len(got), got)
	}
	want := `pathways/p.toml:60:11: answer label "Yes" is already used by the answer at line 53`
	for _, d := range got {
		if s := d.String(); s != want || strings.Contains(s, "\n") {
			t.Errorf("String() = %q, want %q", s, want)
		}
	}
	if got[0].Related.Has() || !got[1].Related.Has() || got[1].Related != rel {
		t.Errorf("Related = %+v, %+v; want none, then %+v", got[0].Related, got[1].Related, rel)
	}
	if err := l.Err().Error(); err != want+"\n"+want {
		t.Errorf("Err() = %q", err)
	}
}

// TestIndexControl: the byte loop finds what bytes.IndexFunc(IsControl)
// finds, C0, DEL and C1 controls alike, and nothing in ordinary text.
func TestIndexControl(t *testing.T) {
	texts := []string{"", "plain text\twith tabs\r\n", "café ©", "a\x00b", "x\x1by", "del\x7f", "c1 \u0085 here", "é then \u009f", "\u00a0 no-break space", "end\u0080"}
	// The same, and each control, at every offset of a longer text, so
	// that it falls in every byte of the eight the loop passes over at once.
	line := "An ordinary line of Markdown, long enough for a few words.\n"
	for _, c := range []string{"\x00", "\x01", "\x1f", "\x7f", "\u0080", "\u009f", "\t", "\u00a0", "~", " ", "é"} {
		for i := range 17 {
			texts = append(texts, line[:i]+c+line[i:], line+line[:i]+c)
		}
	}
	for _, s := range texts {
		if got, want := indexControl([]byte(s)), bytes.IndexFunc([]byte(s), IsControl); got != want {
			t.Errorf("indexControl(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzIndexControl(f *testing.F) {
	for _, s := range []string{"plain text\n", "12345678\x7f", "abcdefg\u0085", "\x1f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return // CheckText looks for controls only in valid UTF-8
		}
		if got, want := indexControl(src), bytes.IndexFunc(src, IsControl); got != want {
			t.Errorf("indexControl(%q) = %d, want %d", src, got, want)
		}
	})
}
