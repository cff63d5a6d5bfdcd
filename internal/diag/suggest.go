package diag

// MaxSuggest is the longest word a suggestion is looked for: edit
// distance, and the one-edit neighbours pathway tries, grow quadratically
// with it, and a misspelt id is never this long.
const MaxSuggest = 64

// Closest returns the candidate nearest to s within an edit distance of 2
// (and nearer than s is long, so "a" does not suggest "b"), the
// alphabetically first on a tie; "" when none is near. Messages use it to
// say "did you mean ...?".
func Closest(s string, candidates []string) string {
	if len(s) > MaxSuggest {
		return ""
	}
	best, bestD := "", 3
	for _, c := range candidates {
		if c == s || len(c) > MaxSuggest {
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
