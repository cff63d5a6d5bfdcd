package postcode

import "testing"

// FuzzNormalise checks that Normalise never panics, that what it returns
// is already normal (normalising its String gives it back), and that the
// areas an author would write for it, its area and its outward code, parse
// and cover it, most specific first. The seed corpus is in
// testdata/fuzz/FuzzNormalise.
func FuzzNormalise(f *testing.F) {
	f.Fuzz(func(t *testing.T, input string) {
		p, err := Normalise(input)
		if err != nil {
			if p != (Postcode{}) || err.Error() == "" {
				t.Fatalf("Normalise(%q) = %+v, %q", input, p, err)
			}
			return
		}
		again, err := Normalise(p.String())
		if err != nil || again != p {
			t.Fatalf("Normalise(%q) = %+v, but Normalise(%q) = %+v, %v", input, p, p.String(), again, err)
		}
		area, err := ParseArea(p.Area)
		if err != nil || !area.Covers(p) {
			t.Fatalf("Normalise(%q) = %+v: area %q does not parse (%v) or cover it", input, p, p.Area, err)
		}
		if p.Outward == "" {
			return
		}
		outward, err := ParseArea(p.Outward)
		if err != nil || !outward.Covers(p) {
			t.Fatalf("Normalise(%q) = %+v: outward code %q does not parse (%v) or cover it", input, p, p.Outward, err)
		}
		if best, ok := Match(p, []Area{area, outward}); !ok || best != outward {
			t.Fatalf("Normalise(%q) = %+v: Match prefers %q to %q", input, p, best, outward)
		}
	})
}
