package tomldoc

import (
	"fmt"
	"strings"
	"unicode"
)

// Text that people read (a title, a question, an answer's label, the
// emergency banner, a service's name, a case's name) must be seen to be
// there: a label of only a zero-width space renders as a link nobody can
// see under an emergency question. TextProblem and Table.Text are the one
// rule for every such field of every file.

// TextProblem says what is wrong with s as text that people read, or ""
// when nothing is. Text must hold at least one visible character: a
// letter, a digit, a punctuation mark or a symbol (Unicode categories L,
// N, P and S). Spaces, format characters such as U+200B ZERO WIDTH SPACE
// or U+2060 WORD JOINER, and combining marks with nothing to combine with
// are invisible on their own. Control characters (C0, DEL, C1) are refused
// anywhere in the text, except tab, newline and carriage return, which
// TOML's multi-line strings may hold.
func TextProblem(s string) string {
	visible := false
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return fmt.Sprintf("contains the invisible control character %U", r)
		}
		// One visible character is enough: the rest are only checked for
		// controls (unicode.In searches four tables for every character).
		if !visible && unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) {
			visible = true
		}
	}
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case !visible:
		var names []string
		for i, r := range []rune(strings.TrimSpace(s)) {
			if i == 3 {
				names = append(names, "...")
				break
			}
			names = append(names, fmt.Sprintf("%U", r))
		}
		return "has no visible characters (only " + strings.Join(names, " ") + ")"
	}
	return ""
}

// Text reads a string that people read. A present value that TextProblem
// refuses is reported at the value, "%q is empty: <fix>" (or has no visible
// characters), except a control character, whose fix is to remove it. A
// missing or mistyped value is reported as String reports it and reads as
// "". ok is false when anything was reported.
func (t *Table) Text(key string, required bool, fix string) (s string, ok bool) {
	present := t.Has(key)
	n := t.doc.diags.Len()
	s = t.String(key, required)
	if !present || t.doc.diags.Len() != n {
		return s, t.doc.diags.Len() == n
	}
	return s, t.CheckText(key, s, fix)
}

// CheckText reports s, the value of key, at the value when TextProblem
// refuses it, as Text does; ok is false when it was reported.
func (t *Table) CheckText(key, s, fix string) (ok bool) {
	switch p := TextProblem(s); {
	case p == "":
		return true
	case strings.HasPrefix(p, "contains"):
		t.Errorf(t.ValuePos(key), "%q %s: remove it", key, p)
	default:
		t.Errorf(t.ValuePos(key), "%q %s: %s", key, p, fix)
	}
	return false
}
