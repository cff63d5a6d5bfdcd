package hours

import (
	"slices"
	"time"
)

// searchDays bounds NextOpen's search. Every slot recurs weekly, and a slot
// skipped by a clock change opens again a week later, so two weeks (plus a
// day either side) always find the next opening if there is one.
const searchDays = 16

// OpenAt reports whether the service is open at instant t, reading the wall
// clock in loc (the site's time zone; nil means UTC). See the package
// documentation for the rule on daylight-saving days. The zero Hours is
// never open.
func (h Hours) OpenAt(t time.Time, loc *time.Location) bool {
	if h.always {
		return true
	}
	if loc == nil {
		loc = time.UTC
	}
	wall := t.In(loc)
	day := wall.Weekday()
	prev := (day + 6) % 7
	minute := wall.Hour()*60 + wall.Minute()
	for _, s := range h.slots {
		if s.days&(1<<day) != 0 && s.start <= minute && minute < s.end {
			return true
		}
		// Yesterday's slot running past midnight into today.
		if s.days&(1<<prev) != 0 && minute+minutesPerDay < s.end {
			return true
		}
	}
	return false
}

// NextOpen returns the first instant at or after t at which the service is
// open, in loc (nil means UTC), and true; if it is open at t, that is t.
// It returns false for the zero Hours. The instant follows the wall-clock
// rule: a slot opening in the hour skipped when clocks go forward opens when
// the clocks jump into it (or, if it closes within that hour, not that day).
func (h Hours) NextOpen(t time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	if h.OpenAt(t, loc) {
		return t.In(loc), true
	}
	if len(h.slots) == 0 {
		return time.Time{}, false
	}
	// Being open changes only where the wall clock moves steadily onto a
	// slot's opening time, or where it jumps (a zone transition). Collect
	// both kinds of instant in the window and take the first one that is open.
	limit := t.AddDate(0, 0, searchDays)
	var candidates []time.Time
	for x := t; ; {
		_, end := x.In(loc).ZoneBounds()
		if end.IsZero() || !end.After(x) || end.After(limit) {
			break
		}
		candidates = append(candidates, end)
		x = end
	}
	year, month, day := t.In(loc).Date()
	for i := -1; i <= searchDays; i++ {
		date := time.Date(year, month, day+i, 12, 0, 0, 0, time.UTC) // calendar arithmetic only
		for _, s := range h.slots {
			if s.days&(1<<date.Weekday()) != 0 {
				candidates = append(candidates, wallInstants(date, s.start, loc)...)
			}
		}
	}
	slices.SortFunc(candidates, time.Time.Compare)
	for _, c := range candidates {
		if c.After(t) && h.OpenAt(c, loc) {
			return c.In(loc), true
		}
	}
	return time.Time{}, false
}

// wallInstants returns the instants at which the wall clock in loc reads
// minute (after midnight) on the calendar day of date: none when the clocks
// skip that time, two when they repeat it, otherwise one.
func wallInstants(date time.Time, minute int, loc *time.Location) []time.Time {
	wall := time.Date(date.Year(), date.Month(), date.Day(), 0, minute, 0, 0, time.UTC)
	var out []time.Time
	// Try every UTC offset loc uses within a day either side; no zone is
	// more than 14 hours from UTC.
	to := wall.Add(26 * time.Hour)
	for x := wall.Add(-26 * time.Hour); x.Before(to); {
		zoned := x.In(loc)
		_, offset := zoned.Zone()
		c := wall.Add(-time.Duration(offset) * time.Second)
		if readsAs(c.In(loc), wall) && !slices.ContainsFunc(out, c.Equal) {
			out = append(out, c)
		}
		_, end := zoned.ZoneBounds()
		if end.IsZero() || !end.After(x) {
			break
		}
		x = end
	}
	return out
}

// readsAs reports whether the wall clock of t reads the same as wall, a
// time in UTC used as a plain date and clock.
func readsAs(t, wall time.Time) bool {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), time.UTC).Equal(wall)
}
