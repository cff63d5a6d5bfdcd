package pathway

import (
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
)

// slugify turns s into the slug its author probably meant: "Harm Thoughts"
// and "harm_thoughts" become "harm-thoughts". It returns "" when s has no
// ASCII letter or digit.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}

const slugAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789-"

// oneEditAway returns every string that one deletion, insertion,
// substitution (over the slug alphabet) or swap of neighbouring bytes makes
// of s, sorted and without duplicates.
func oneEditAway(s string) []string {
	var out []string
	for i := 0; i <= len(s); i++ {
		for j := 0; j < len(slugAlphabet); j++ {
			c := slugAlphabet[j : j+1]
			out = append(out, s[:i]+c+s[i:])
			if i < len(s) {
				out = append(out, s[:i]+c+s[i+1:])
			}
		}
		if i < len(s) {
			out = append(out, s[:i]+s[i+1:])
		}
		if i+1 < len(s) {
			out = append(out, s[:i]+s[i+1:i+2]+s[i:i+1]+s[i+2:])
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(c string) bool { return c == s })
}

// SuggestID returns the pathway id among ids that someone who typed id
// probably meant, or "": the nearest within two edits, else the only id
// that has id as a run of its hyphen-separated words ("crisis" for
// "mental-health-crisis"). Messages about an unknown pathway id use it to
// say "did you mean ...?".
func SuggestID(id string, ids []string) string {
	if s := diag.Closest(id, ids); s != "" {
		return s
	}
	if id == "" {
		return ""
	}
	found := ""
	for _, c := range ids {
		if c != id && strings.Contains("-"+c+"-", "-"+id+"-") {
			if found != "" {
				return "" // more than one: do not guess
			}
			found = c
		}
	}
	return found
}
