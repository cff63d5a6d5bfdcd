package postcode

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/jstest"
)

// postcode.js must give what Normalise gives (null for an error) on every
// input of the Go tests, on tricky Unicode, and on thousands of random
// strings built from postcode-like pieces.
func TestJSMatchesGo(t *testing.T) {
	inputs := []string{
		"LS6 1AA", "ls61aa", " Ls6  1aa ", "LS6", "ls6", "M1", "EC1A", "W1A", "LS", "l", "",
		"LS6\u00a01AA", "LS6\u20031AA", "LS6\u30001AA", "\u212a1", "ſ1", "ı1", "ß1", "İ1", "ＬＳ６",
		"LS6\x001AA", "\ufeffLS6", "LS6\u0085", "\v\fLS6\r\n1AA\t", "LS6 1A A", "LS 61AA", "LS61 AA",
		"GIR 0AA", "SAN TA1", "ASCN 1ZZ", "W1AA", "EC1AB", "LSS6", "6LS", "123", "1AA", "A1 1AA 1AA",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		inputs = append(inputs, randomInput(r))
	}

	script := JS + `
const inputs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(inputs.map(normalisePostcode)));
`
	var got []*struct {
		Area    string `json:"area"`
		Outward string `json:"outward"`
		Full    string `json:"full"`
	}
	jstest.Run(t, script, inputs, &got)
	if len(got) != len(inputs) {
		t.Fatalf("postcode.js returned %d results for %d inputs", len(got), len(inputs))
	}
	valid, failures := 0, 0
	for i, input := range inputs {
		want, err := Normalise(input)
		var g *Postcode
		if got[i] != nil {
			g = &Postcode{got[i].Area, got[i].Outward, got[i].Full}
		}
		switch {
		case err != nil && g == nil:
			continue
		case err == nil && g != nil && *g == want:
			valid++
			continue
		}
		t.Errorf("input %q: postcode.js gives %+v, Go gives %+v, %v", input, g, want, err)
		if failures++; failures > 10 {
			t.Fatal("too many failures")
		}
	}
	// Enough of the random inputs must be postcodes for the comparison to mean something.
	if valid < 1000 {
		t.Errorf("only %d of %d inputs were postcodes", valid, len(inputs))
	}
}

// randomInput joins random postcode-like pieces: letters, digits and
// spaces of both cases, and now and then something that is not allowed.
func randomInput(r *rand.Rand) string {
	pieces := []string{"L", "S", "s", "E", "c", "W", "M", "1", "6", "0", "9", "A", "a", "Z", " ", " ", "  ", "\t", "\u00a0", "-", "é", "\u2003", "ſ", "ı", "K"}
	var b strings.Builder
	for n := r.IntN(10); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	if r.IntN(3) == 0 { // a well-shaped postcode, cased and spaced at random
		shapes := []string{"A9", "A99", "AA9", "AA99", "A9A", "AA9A"}
		var p strings.Builder
		for _, c := range shapes[r.IntN(len(shapes))] + "|9AA" {
			switch c {
			case 'A':
				p.WriteByte(byte('A' + r.IntN(26) + 32*r.IntN(2)))
			case '9':
				p.WriteByte(byte('0' + r.IntN(10)))
			case '|':
				p.WriteString([]string{"", " ", "  "}[r.IntN(3)])
			}
		}
		s := p.String()
		if r.IntN(3) == 0 {
			s = s[:r.IntN(len(s)+1)] // cut short: an outward code, or part of a postcode
		}
		return []string{"", " ", "\t"}[r.IntN(3)] + s + []string{"", " ", "\u00a0"}[r.IntN(3)]
	}
	return b.String()
}
