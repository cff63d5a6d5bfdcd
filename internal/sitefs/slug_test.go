package sitefs

import (
	"regexp"
	"testing"
)

// TestIsSlug: the hand-written IsSlug says what its pattern says, on a
// table of edge cases and on every string of up to four characters from an
// alphabet with the characters that matter.
func TestIsSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"a": true, "a-b": true, "call-999": true, "0": true,
		"": false, "-a": false, "a-": false, "a--b": false, "A": false, "a_b": false, "a b": false, "é": false,
	} {
		if IsSlug(s) != want {
			t.Errorf("IsSlug(%q) = %v", s, !want)
		}
	}
	pattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	const alphabet = "az09-A_ ."
	var walk func(s string)
	walk = func(s string) {
		if IsSlug(s) != pattern.MatchString(s) {
			t.Errorf("IsSlug(%q) = %v, the pattern says %v", s, IsSlug(s), !IsSlug(s))
		}
		if len(s) < 4 {
			for i := range len(alphabet) {
				walk(s + alphabet[i:i+1])
			}
		}
	}
	walk("")
}
