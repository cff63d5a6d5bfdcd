package diag

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"label", "next", "outcome", "summary", "title"}
	for _, tt := range []struct{ in, want string }{
		{"labl", "label"},
		{"sumary", "summary"},
		{"outcom", "outcome"},
		{"nxt", "next"},
		{"colour", ""}, // nothing near
		{"a", ""},      // too short to suggest anything
		{"label", ""},  // itself is not a suggestion
		{"titel", "title"},
	} {
		if got := Closest(tt.in, keys); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := make([]byte, MaxSuggest+1)
	for i := range long {
		long[i] = 'a'
	}
	if got := Closest(string(long), []string{string(long[1:])}); got != "" {
		t.Errorf("a word longer than %d bytes got a suggestion %q", MaxSuggest, got)
	}
}
