package pathway

import (
	"slices"
	"strings"
	"unicode"
)

// isSlug reports whether s matches [a-z0-9]+(-[a-z0-9]+)*.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

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

// controlChar returns the first control character of s other than tab,
// newline and carriage return (which TOML's multi-line strings may hold).
func controlChar(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return r, true
		}
	}
	return 0, false
}

// maxSuggest is the longest id for which a near id is looked for: the
// search is quadratic in the length, and no real id is this long.
const maxSuggest = 64

// closest returns the candidate nearest to s within an edit distance of 2
// (and nearer than s is long, so "a" does not suggest "b"), the
// alphabetically first on a tie; "" when none is near. It is the rule
// tomldoc uses for unknown keys.
func closest(s string, candidates []string) string {
	if len(s) > maxSuggest {
		return ""
	}
	best, bestD := "", 3
	for _, c := range candidates {
		if c == s || len(c) > maxSuggest {
			continue
		}
		if d := editDistance(s, c); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD > 2 || bestD >= len(s) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
