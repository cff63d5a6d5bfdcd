package hours

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds Parse a list of entries, one a line. Parse must never
// panic; an error must name an entry that exists; and hours that parse
// must describe themselves, encode consistently for hours.js, and answer
// OpenAt and NextOpen without panicking. The seed corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}
	instants := []time.Time{
		time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 29, 0, 59, 30, 0, time.UTC), // just before the clocks go forward
		time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), // in the repeated hour
	}
	f.Fuzz(func(t *testing.T, text string) {
		spec := strings.Split(text, "\n")
		h, err := Parse(spec)
		if err != nil {
			var entryErr *EntryError
			if errors.As(err, &entryErr) && (entryErr.Index < 0 || entryErr.Index >= len(spec) || entryErr.Entry != spec[entryErr.Index] || entryErr.Msg == "") {
				t.Fatalf("Parse(%q): bad EntryError %+v", spec, entryErr)
			}
			if !h.IsZero() {
				t.Fatalf("Parse(%q) returned hours with an error", spec)
			}
			return
		}
		if h.IsZero() || h.String() == "" {
			t.Fatalf("Parse(%q) = %+v: zero, or String() empty", spec, h)
		}
		compact := h.Compact()
		if len(compact) == 0 || len(compact)%3 != 0 {
			t.Fatalf("Parse(%q).Compact() = %v", spec, compact)
		}
		for i := 0; i < len(compact); i += 3 {
			days, start, end := compact[i], compact[i+1], compact[i+2]
			if days < 1 || days > 127 || start < 0 || start >= 1440 || end <= start || end > start+1440 {
				t.Fatalf("Parse(%q).Compact() has a bad triple %v", spec, compact[i:i+3])
			}
		}
		for _, at := range instants {
			open := h.OpenAt(at, london)
			wall := at.In(london)
			if want := compactOpenAt(compact, wall.Weekday(), wall.Hour()*60+wall.Minute()); open != want {
				t.Fatalf("%q at %v: OpenAt = %v, but the compact encoding says %v", spec, wall, open, want)
			}
			next, ok := h.NextOpen(at, london)
			if !ok || next.Before(at) || !h.OpenAt(next, london) || (open && !next.Equal(at)) {
				t.Fatalf("%q at %v: NextOpen = %v, %v", spec, wall, next, ok)
			}
		}
	})
}

// compactOpenAt is hours.js's test for "open", in Go.
func compactOpenAt(compact []int, day time.Weekday, minute int) bool {
	prev := (day + 6) % 7
	for i := 0; i+2 < len(compact); i += 3 {
		days, start, end := compact[i], compact[i+1], compact[i+2]
		if days>>day&1 == 1 && start <= minute && minute < end || days>>prev&1 == 1 && minute+1440 < end {
			return true
		}
	}
	return false
}
