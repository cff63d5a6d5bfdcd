package tomldoc

import "testing"

func TestTextProblem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Yes", ""},
		{"999", ""},
		{"?", ""},
		{"£", ""},
		{"e\u0301", ""},         // a letter with a combining accent
		{"Yes\u200b", ""},       // visible text with a zero-width space in it
		{"👍", ""},               // a symbol
		{"line\nnext\tcol", ""}, // multi-line strings may hold these
		{"", "is empty"},
		{" \t\n", "is empty"},
		{"\u00a0\u3000", "is empty"},
		{"\u200b", "has no visible characters (only U+200B)"},
		{"\ufeff\u200d\u2060\u00ad", "has no visible characters (only U+FEFF U+200D U+2060 ...)"},
		{"\u0301", "has no visible characters (only U+0301)"},
		{"a\x00b", "contains the invisible control character U+0000"},
		{"a\x1bb", "contains the invisible control character U+001B"},
		{"a\x7f", "contains the invisible control character U+007F"},
		{"a\u0085", "contains the invisible control character U+0085"},
	} {
		if got := TextProblem(tt.in); got != tt.want {
			t.Errorf("TextProblem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
