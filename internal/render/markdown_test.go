package render

import (
	"strings"
	"testing"
)

func TestTooDeep(t *testing.T) {
	deep := strings.Repeat("  ", maxDepth+1) + "- item"
	for _, tt := range []struct {
		name string
		src  string
		line int
		ok   bool
	}{
		{"flat", "# Title\n\n- a\n  - b\n", 0, true},
		{"at the limit", strings.Repeat(">", maxDepth) + " q\n", 0, true},
		{"quotes over the limit", "x\n" + strings.Repeat(">", maxDepth+1) + " q\n", 2, false},
		{"indentation over the limit", "a\nb\n" + deep + "\n", 3, false},
		{"tabs count four spaces", strings.Repeat("\t", maxDepth/2+1) + "x\n", 1, false},
		{"fenced code is not nesting", "```\n" + deep + "\n```\n", 0, true},
		{"tilde fences too", "~~~go\n" + deep + "\n~~~\nafter\n" + deep + "\n", 5, false},
	} {
		line, ok := tooDeep([]byte(tt.src))
		if line != tt.line || ok != tt.ok {
			t.Errorf("%s: got line %d ok %v, want line %d ok %v", tt.name, line, ok, tt.line, tt.ok)
		}
	}
}
