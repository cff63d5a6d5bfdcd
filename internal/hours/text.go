package hours

import (
	"fmt"
	"strings"
	"time"
)

// String describes the hours in plain English for a page, one entry after
// another, in the order written:
//
//	24 hours a day, every day
//	Monday to Friday, 9am to 5pm; Saturday, 10am to 2pm
//	Every day, 7pm to 2am
//	Monday, Wednesday and Friday, 9:30am to midday
//	Saturday and Sunday, 24 hours
//
// The zero Hours gives "".
func (h Hours) String() string {
	if h.always {
		return "24 hours a day, every day"
	}
	parts := make([]string, len(h.slots))
	for i, s := range h.slots {
		parts[i] = describeDays(s.days) + ", " + describeTimes(s.start, s.end)
	}
	return strings.Join(parts, "; ")
}

// describeDays names the days in mask, Monday first: "Every day",
// "Monday to Friday", "Saturday and Sunday", "Friday to Monday",
// "Monday to Wednesday and Friday".
func describeDays(mask uint8) string {
	if mask == everyDay {
		return "Every day"
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
			names = append(names, fullDay(r.first)+" to "+fullDay(r.last))
			continue
		}
		for i := 0; i < r.n; i++ {
			names = append(names, fullDay((r.first+i)%7))
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// weekdayAt is the weekday at position pos of a week that starts on Monday.
func weekdayAt(pos int) time.Weekday {
	return time.Weekday((pos + 1) % 7)
}

func fullDay(pos int) string {
	return weekdayAt(pos).String()
}

// describeTimes says when a slot opens and closes: "9am to 5pm",
// "7pm to 2am", "24 hours".
func describeTimes(start, end int) string {
	if end-start == minutesPerDay {
		return "24 hours"
	}
	return describeClock(start) + " to " + describeClock(end%minutesPerDay)
}

// describeClock says a time of day the way pages do: "midnight", "9am",
// "9:30am", "midday", "5:45pm".
func describeClock(minute int) string {
	switch minute {
	case 0:
		return "midnight"
	case 12 * 60:
		return "midday"
	}
	hour, mins := minute/60, minute%60
	suffix := "am"
	if hour >= 12 {
		suffix = "pm"
	}
	if hour = hour % 12; hour == 0 {
		hour = 12
	}
	if mins == 0 {
		return fmt.Sprintf("%d%s", hour, suffix)
	}
	return fmt.Sprintf("%d:%02d%s", hour, mins, suffix)
}
