package hours

import (
	"fmt"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/i18n"
)

// String describes the hours in plain English for a page (Text with the
// built-in catalog), one entry after another, in the order written:
//
//	24 hours a day, every day
//	Monday to Friday, 9am to 5pm; Saturday, 10am to 2pm
//	Every day, 7pm to 2am
//	Monday, Wednesday and Friday, 9:30am to midday
//	Saturday and Sunday, 24 hours
//
// The zero Hours gives "".
func (h Hours) String() string { return h.Text(i18n.English()) }

// Text describes the hours in the language of the catalog tx: its day
// names (day_*), its way of writing times (time_*) and the patterns that
// join them (hours_*, list_*).
func (h Hours) Text(tx *i18n.Catalog) string {
	if h.always {
		return tx.T("hours_always")
	}
	parts := make([]string, len(h.slots))
	for i, s := range h.slots {
		parts[i] = tx.T("hours_slot", "days", describeDays(tx, s.days), "times", describeTimes(tx, s.start, s.end))
	}
	return strings.Join(parts, tx.T("hours_slot_separator"))
}

// describeDays names the days in mask, Monday first: "Every day",
// "Monday to Friday", "Saturday and Sunday", "Friday to Monday",
// "Monday to Wednesday and Friday".
func describeDays(tx *i18n.Catalog, mask uint8) string {
	if mask == everyDay {
		return tx.T("hours_every_day")
	}
	// Runs of consecutive days, Monday to Sunday.
	type run struct{ first, last, n int } // positions 0 (Monday) to 6 (Sunday)
	var runs []run
	for pos := 0; pos < 7; pos++ {
		if mask&(1<<weekdayAt(pos)) == 0 {
			continue
		}
		if k := len(runs) - 1; k >= 0 && runs[k].last == pos-1 {
			runs[k].last, runs[k].n = pos, runs[k].n+1
		} else {
			runs = append(runs, run{pos, pos, 1})
		}
	}
	// A run ending on Sunday continues into one starting on Monday
	// ("Fri-Mon"); join them when that makes a range worth naming.
	if k := len(runs) - 1; k > 0 && runs[0].first == 0 && runs[k].last == 6 && runs[0].n+runs[k].n >= 3 {
		runs[k].last, runs[k].n = runs[0].last, runs[0].n+runs[k].n
		runs = runs[1:]
	}
	var names []string
	for _, r := range runs {
		if r.n >= 3 {
			names = append(names, tx.T("hours_day_range", "first", fullDay(tx, r.first), "last", fullDay(tx, r.last)))
			continue
		}
		for i := 0; i < r.n; i++ {
			names = append(names, fullDay(tx, (r.first+i)%7))
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return tx.T("list_last", "list", strings.Join(names[:len(names)-1], tx.T("list_separator")), "last", names[len(names)-1])
}

// weekdayAt is the weekday at position pos of a week that starts on Monday.
func weekdayAt(pos int) time.Weekday {
	return time.Weekday((pos + 1) % 7)
}

// fullDay is the name of the day at position pos: day_mon, ... day_sun.
func fullDay(tx *i18n.Catalog, pos int) string {
	return tx.T("day_" + strings.ToLower(dayName(weekdayAt(pos))))
}

// describeTimes says when a slot opens and closes: "9am to 5pm",
// "7pm to 2am", "24 hours".
func describeTimes(tx *i18n.Catalog, start, end int) string {
	if end-start == minutesPerDay {
		return tx.T("hours_whole_day")
	}
	return tx.T("hours_times", "open", describeClock(tx, start), "close", describeClock(tx, end%minutesPerDay))
}

// describeClock says a time of day the way pages do: "midnight", "9am",
// "9:30am", "midday", "5:45pm" (in English).
func describeClock(tx *i18n.Catalog, minute int) string {
	switch minute {
	case 0:
		return tx.T("time_midnight")
	case 12 * 60:
		return tx.T("time_midday")
	}
	hour, mins := minute/60, minute%60
	ampm := tx.T("time_am")
	if hour >= 12 {
		ampm = tx.T("time_pm")
	}
	h12 := hour % 12
	if h12 == 0 {
		h12 = 12
	}
	key := "time_minutes"
	if mins == 0 {
		key = "time_hour"
	}
	return tx.T(key, "h12", h12, "h24", fmt.Sprintf("%02d", hour), "mm", fmt.Sprintf("%02d", mins), "ampm", ampm)
}
