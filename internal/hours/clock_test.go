package hours

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
)

// clockCase is one question "is it open at this instant?", asked of both
// the Go implementation and hours.js.
type clockCase struct {
	name  string
	hours []string
	zone  string // "" is Europe/London
	at    string // RFC 3339, UTC
	open  bool
	next  string // when closed: NextOpen's instant, RFC 3339
	label string // when closed: hours.js's opensAt, the wall-clock time it names
}

// clockCases are hand-checked. 2026-01-05 is a Monday. In Europe/London
// the clocks go forward at 2026-03-29 01:00 UTC and back at 2026-10-25
// 01:00 UTC, both Sundays.
func clockCases() []clockCase {
	const (
		weekdays  = "Mon-Fri 09:00-17:00"
		nights    = "Mon-Sun 00:30-02:30"
		skipped   = "Sun 01:15-01:45"
		straddles = "Sun 01:30-03:00"
	)
	return []clockCase{
		{"before opening", []string{weekdays}, "", "2026-01-05T08:59:59Z", false, "2026-01-05T09:00:00Z", "Mon 09:00"},
		{"at opening", []string{weekdays}, "", "2026-01-05T09:00:00Z", true, "", ""},
		{"last second", []string{weekdays}, "", "2026-01-05T16:59:59Z", true, "", ""},
		{"at closing", []string{weekdays}, "", "2026-01-05T17:00:00Z", false, "2026-01-06T09:00:00Z", "Tue 09:00"},
		{"friday evening", []string{weekdays}, "", "2026-01-09T17:00:00Z", false, "2026-01-12T09:00:00Z", "Mon 09:00"},
		{"saturday", []string{weekdays}, "", "2026-01-10T12:00:00Z", false, "2026-01-12T09:00:00Z", "Mon 09:00"},
		{"summer time, open", []string{weekdays}, "", "2026-07-06T08:30:00Z", true, "", ""},
		{"summer time, before", []string{weekdays}, "", "2026-07-06T07:59:00Z", false, "2026-07-06T08:00:00Z", "Mon 09:00"},
		{"summer time, after", []string{weekdays}, "", "2026-07-06T16:30:00Z", false, "2026-07-07T08:00:00Z", "Tue 09:00"},
		{"overnight from sunday", []string{"Mon-Sun 19:00-02:00"}, "", "2026-01-05T01:59:00Z", true, "", ""},
		{"overnight closed", []string{"Mon-Sun 19:00-02:00"}, "", "2026-01-05T02:00:00Z", false, "2026-01-05T19:00:00Z", "Mon 19:00"},
		{"overnight late", []string{"Mon-Sun 19:00-02:00"}, "", "2026-01-05T23:59:00Z", true, "", ""},
		{"friday night into saturday", []string{"Fri 22:00-02:00"}, "", "2026-01-10T01:00:00Z", true, "", ""},
		{"friday night over", []string{"Fri 22:00-02:00"}, "", "2026-01-10T02:00:00Z", false, "2026-01-16T22:00:00Z", "Fri 22:00"},
		{"friday night soon", []string{"Fri 22:00-02:00"}, "", "2026-01-09T21:59:00Z", false, "2026-01-09T22:00:00Z", "Fri 22:00"},
		{"saturday night into sunday", []string{"Sat 23:00-01:00"}, "", "2026-01-11T00:30:00Z", true, "", ""},
		{"saturday night over", []string{"Sat 23:00-01:00"}, "", "2026-01-11T01:00:00Z", false, "2026-01-17T23:00:00Z", "Sat 23:00"},
		{"sunday night into monday", []string{"Sun 23:00-01:00"}, "", "2026-01-05T00:30:00Z", true, "", ""},
		{"wrapping range, monday", []string{"Fri-Mon 18:00-00:00"}, "", "2026-01-05T23:59:00Z", true, "", ""},
		{"wrapping range, tuesday", []string{"Fri-Mon 18:00-00:00"}, "", "2026-01-06T00:00:00Z", false, "2026-01-09T18:00:00Z", "Fri 18:00"},
		{"wrapping range, sunday", []string{"Fri-Mon 18:00-00:00"}, "", "2026-01-11T18:00:00Z", true, "", ""},
		{"comma list", []string{"Mon,Wed,Fri 10:00-12:00"}, "", "2026-01-06T11:00:00Z", false, "2026-01-07T10:00:00Z", "Wed 10:00"},
		{"whole day, start", []string{"Sat 00:00-00:00"}, "", "2026-01-10T00:00:00Z", true, "", ""},
		{"whole day, end", []string{"Sat 00:00-00:00"}, "", "2026-01-10T23:59:59Z", true, "", ""},
		{"whole day, after", []string{"Sat 00:00-00:00"}, "", "2026-01-11T00:00:00Z", false, "2026-01-17T00:00:00Z", "Sat 00:00"},
		{"whole day, before", []string{"Sat 00:00-00:00"}, "", "2026-01-09T23:59:00Z", false, "2026-01-10T00:00:00Z", "Sat 00:00"},
		{"24/7", []string{"24/7"}, "", "2026-03-29T01:00:00Z", true, "", ""},
		{"overlap", []string{"Mon 09:00-12:00", "Mon 11:00-13:00"}, "", "2026-01-05T12:30:00Z", true, "", ""},
		{"overlap over", []string{"Mon 09:00-12:00", "Mon 11:00-13:00"}, "", "2026-01-05T13:00:00Z", false, "2026-01-12T09:00:00Z", "Mon 09:00"},
		{"new york, open", []string{weekdays}, "America/New_York", "2026-01-05T14:00:00Z", true, "", ""},
		{"new york, closed", []string{weekdays}, "America/New_York", "2026-01-05T13:59:00Z", false, "2026-01-05T14:00:00Z", "Mon 09:00"},
		{"kolkata, half hour offset", []string{"Mon 09:00-17:00"}, "Asia/Kolkata", "2026-01-05T03:29:00Z", false, "2026-01-05T03:30:00Z", "Mon 09:00"},

		// Clocks go forward: 00:59 GMT is followed by 02:00 BST.
		{"spring: before", []string{nights}, "", "2026-03-29T00:29:00Z", false, "2026-03-29T00:30:00Z", "Sun 00:30"},
		{"spring: opens in GMT", []string{nights}, "", "2026-03-29T00:30:00Z", true, "", ""},
		{"spring: last GMT second", []string{nights}, "", "2026-03-29T00:59:59Z", true, "", ""},
		{"spring: 02:00 BST", []string{nights}, "", "2026-03-29T01:00:00Z", true, "", ""},
		{"spring: 02:29 BST", []string{nights}, "", "2026-03-29T01:29:00Z", true, "", ""},
		{"spring: closes 02:30 BST", []string{nights}, "", "2026-03-29T01:30:00Z", false, "2026-03-29T23:30:00Z", "Mon 00:30"},
		{"spring: skipped slot, saturday", []string{skipped}, "", "2026-03-28T12:00:00Z", false, "2026-04-05T00:15:00Z", "Sun 01:15"},
		{"spring: skipped slot, 00:59 GMT", []string{skipped}, "", "2026-03-29T00:59:00Z", false, "2026-04-05T00:15:00Z", "Sun 01:15"},
		{"spring: skipped slot, 02:00 BST", []string{skipped}, "", "2026-03-29T01:00:00Z", false, "2026-04-05T00:15:00Z", "Sun 01:15"},
		// The slot opens when the clocks jump into it; the browser names the written time.
		{"spring: jump into slot", []string{straddles}, "", "2026-03-29T00:45:00Z", false, "2026-03-29T01:00:00Z", "Sun 01:30"},
		{"spring: in slot after jump", []string{straddles}, "", "2026-03-29T01:00:00Z", true, "", ""},
		{"spring: in slot 02:59 BST", []string{straddles}, "", "2026-03-29T01:59:00Z", true, "", ""},
		{"spring: slot over", []string{straddles}, "", "2026-03-29T02:00:00Z", false, "2026-04-05T00:30:00Z", "Sun 01:30"},
		{"spring: overnight", []string{"Sat 22:00-03:00"}, "", "2026-03-29T01:59:00Z", true, "", ""},
		{"spring: overnight over", []string{"Sat 22:00-03:00"}, "", "2026-03-29T02:00:00Z", false, "2026-04-04T21:00:00Z", "Sat 22:00"},

		// Clocks go back: 01:59 BST is followed by 01:00 GMT.
		{"autumn: before", []string{nights}, "", "2026-10-24T23:29:00Z", false, "2026-10-24T23:30:00Z", "Sun 00:30"},
		{"autumn: opens in BST", []string{nights}, "", "2026-10-24T23:30:00Z", true, "", ""},
		{"autumn: 01:59 BST", []string{nights}, "", "2026-10-25T00:59:00Z", true, "", ""},
		{"autumn: 01:00 GMT", []string{nights}, "", "2026-10-25T01:00:00Z", true, "", ""},
		{"autumn: 02:29 GMT", []string{nights}, "", "2026-10-25T02:29:00Z", true, "", ""},
		{"autumn: closes 02:30 GMT", []string{nights}, "", "2026-10-25T02:30:00Z", false, "2026-10-26T00:30:00Z", "Mon 00:30"},
		{"autumn: repeated slot, before", []string{skipped}, "", "2026-10-25T00:14:00Z", false, "2026-10-25T00:15:00Z", "Sun 01:15"},
		{"autumn: repeated slot, BST", []string{skipped}, "", "2026-10-25T00:15:00Z", true, "", ""},
		{"autumn: repeated slot, between", []string{skipped}, "", "2026-10-25T00:45:00Z", false, "2026-10-25T01:15:00Z", "Sun 01:15"},
		{"autumn: repeated slot, GMT", []string{skipped}, "", "2026-10-25T01:15:00Z", true, "", ""},
		{"autumn: repeated slot, over", []string{skipped}, "", "2026-10-25T01:45:00Z", false, "2026-11-01T01:15:00Z", "Sun 01:15"},
		{"autumn: open in BST", []string{"Sun 00:00-01:30"}, "", "2026-10-24T23:00:00Z", true, "", ""},
		// The clocks fall back into the slot; the browser names the written time.
		{"autumn: fall back into slot", []string{"Sun 00:00-01:30"}, "", "2026-10-25T00:40:00Z", false, "2026-10-25T01:00:00Z", "Sun 00:00"},
		{"autumn: in slot again", []string{"Sun 00:00-01:30"}, "", "2026-10-25T01:29:00Z", true, "", ""},
		{"autumn: slot over", []string{"Sun 00:00-01:30"}, "", "2026-10-25T01:30:00Z", false, "2026-11-01T00:00:00Z", "Sun 00:00"},
	}
}

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	if name == "" {
		name = "Europe/London"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func mustParse(t testing.TB, spec ...string) Hours {
	t.Helper()
	h, err := Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestOpenAtAndNextOpen(t *testing.T) {
	for _, tt := range clockCases() {
		t.Run(tt.name, func(t *testing.T) {
			h, loc, at := mustParse(t, tt.hours...), loadZone(t, tt.zone), mustTime(t, tt.at)
			if got := h.OpenAt(at, loc); got != tt.open {
				t.Errorf("%q OpenAt(%s) = %v, want %v", tt.hours, tt.at, got, tt.open)
			}
			want := at
			if !tt.open {
				want = mustTime(t, tt.next)
			}
			got, ok := h.NextOpen(at, loc)
			if !ok || !got.Equal(want) {
				t.Errorf("%q NextOpen(%s) = %s, %v; want %s", tt.hours, tt.at, got.UTC().Format(time.RFC3339), ok, want.UTC().Format(time.RFC3339))
			}
			if ok && got.Location() != loc {
				t.Errorf("NextOpen returned a time in %v, want %v", got.Location(), loc)
			}
		})
	}
}

// The two daylight-saving days, minute by minute: how long the slot
// "Mon-Sun 00:30-02:30" is open in real time on each.
func TestDaylightSavingDays(t *testing.T) {
	loc := loadZone(t, "Europe/London")
	h := mustParse(t, "Mon-Sun 00:30-02:30")
	tests := []struct {
		day         string // local date, a Sunday
		openMinutes int    // real minutes open between 22:00 UTC the day before and 06:00 UTC
	}{
		{"2026-03-22", 120}, // an ordinary Sunday in GMT
		{"2026-03-29", 60},  // clocks go forward
		{"2026-10-18", 120}, // an ordinary Sunday in BST
		{"2026-10-25", 180}, // clocks go back
	}
	for _, tt := range tests {
		day := mustTime(t, tt.day+"T00:00:00Z")
		open := 0
		for at := day.Add(-2 * time.Hour); at.Before(day.Add(6 * time.Hour)); at = at.Add(time.Minute) {
			if h.OpenAt(at, loc) {
				open++
			}
		}
		if open != tt.openMinutes {
			t.Errorf("%s: open %d minutes, want %d", tt.day, open, tt.openMinutes)
		}
	}
}

func TestZeroHoursNeverOpen(t *testing.T) {
	var h Hours
	at := mustTime(t, "2026-01-05T12:00:00Z")
	if h.OpenAt(at, time.UTC) {
		t.Error("zero Hours is open")
	}
	if next, ok := h.NextOpen(at, time.UTC); ok {
		t.Errorf("zero Hours opens at %v", next)
	}
}

func TestNilLocationIsUTC(t *testing.T) {
	h := mustParse(t, "Mon 09:00-17:00")
	for _, at := range []string{"2026-07-06T08:30:00Z", "2026-07-06T09:00:00Z", "2026-07-06T16:59:00Z", "2026-07-06T17:00:00Z"} {
		tm := mustTime(t, at)
		if got, want := h.OpenAt(tm, nil), h.OpenAt(tm, time.UTC); got != want {
			t.Errorf("OpenAt(%s, nil) = %v, OpenAt(%s, UTC) = %v", at, got, at, want)
		}
		got, _ := h.NextOpen(tm, nil)
		want, _ := h.NextOpen(tm, time.UTC)
		if !got.Equal(want) {
			t.Errorf("NextOpen(%s, nil) = %v, want %v", at, got, want)
		}
	}
}

// NextOpen against the obvious, slow answer: step minute by minute (every
// clock change and every opening time in these zones is on a whole UTC
// minute) until the service is open.
func TestNextOpenMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 300; i++ {
		c := randomCase(t, r)
		h := mustParse(t, c.hours...)
		got, ok := h.NextOpen(c.at, c.loc)
		want, wantOK := bruteNextOpen(h, c.at, c.loc)
		if ok != wantOK || !got.Equal(want) {
			t.Fatalf("%q in %v, NextOpen(%s) = %s, %v; stepping finds %s, %v",
				c.hours, c.loc, c.at.Format(time.RFC3339), got.UTC().Format(time.RFC3339), ok, want.UTC().Format(time.RFC3339), wantOK)
		}
	}
}

func bruteNextOpen(h Hours, t time.Time, loc *time.Location) (time.Time, bool) {
	if h.OpenAt(t, loc) {
		return t, true
	}
	end := t.AddDate(0, 0, 15)
	for at := t.Truncate(time.Minute).Add(time.Minute); at.Before(end); at = at.Add(time.Minute) {
		if h.OpenAt(at, loc) {
			return at, true
		}
	}
	return time.Time{}, false
}

// randomCase is a random valid hours list, zone and instant; half the
// instants fall within a few hours of a clock change.
type randomClockCase struct {
	hours []string
	loc   *time.Location
	at    time.Time
}

func randomCase(t testing.TB, r *rand.Rand) randomClockCase {
	zones := []string{"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"}
	loc := loadZone(t, zones[r.IntN(len(zones))])
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var at time.Time
	if changes := clockChanges(loc, start, start.AddDate(1, 0, 0)); len(changes) > 0 && r.IntN(2) == 0 {
		at = changes[r.IntN(len(changes))].Add(time.Duration(r.IntN(8*3600)-4*3600) * time.Second)
	} else {
		at = start.Add(time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
	}
	return randomClockCase{hours: randomHours(r), loc: loc, at: at.Truncate(time.Second)}
}

func clockChanges(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for x := from; ; {
		_, end := x.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			return out
		}
		out = append(out, end)
		x = end
	}
}

// randomHours writes a random valid hours list, often with times near
// midnight and the small hours, where the clocks change.
func randomHours(r *rand.Rand) []string {
	if r.IntN(20) == 0 {
		return []string{"24/7"}
	}
	entries := make([]string, 1+r.IntN(3))
	for i := range entries {
		entries[i] = randomDays(r) + " " + randomTimes(r)
	}
	return entries
}

func randomDays(r *rand.Rand) string {
	name := func(d int) string { return dayName(time.Weekday(d)) }
	switch r.IntN(3) {
	case 0:
		return name(r.IntN(7))
	case 1:
		a, b := r.IntN(7), r.IntN(6)
		if b >= a {
			b++
		}
		return name(a) + "-" + name(b)
	default:
		days := r.Perm(7)[:1+r.IntN(4)]
		names := make([]string, len(days))
		for i, d := range days {
			names[i] = name(d)
		}
		return strings.Join(names, ",")
	}
}

func randomTimes(r *rand.Rand) string {
	clock := func() int {
		if r.IntN(2) == 0 {
			return r.IntN(4 * 60) // the small hours
		}
		return 15 * r.IntN(96)
	}
	start, end := clock(), clock()
	if start == end && start != 0 {
		end = (end + 1) % minutesPerDay
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", start/60, start%60, end/60, end%60)
}
