// Package hours parses the opening hours of a service contact and answers
// "is it open now?" for the build and, through hours.js, for the browser.
//
// # The format
//
// A contact's hours key is either the string "24/7" or a list of entries,
// each "DAYS HH:MM-HH:MM":
//
//	hours = "24/7"
//	hours = ["Mon-Fri 09:00-17:00", "Sat 10:00-14:00"]
//	hours = ["Mon-Sun 19:00-02:00"]          # overnight, every night
//	hours = ["Fri-Mon 18:00-00:00"]          # a range may wrap past Sunday
//	hours = ["Mon,Wed,Fri 10:00-12:00", "Sat 00:00-00:00"]
//
// DAYS is a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun, written just so), a
// range of days (Mon-Fri, Sat-Sun, Fri-Mon), or a comma list of days and
// ranges (Mon,Wed or Mon-Wed,Fri), with no spaces and no day twice. Times
// are HH:MM on the 24-hour clock, 00:00 to 23:59. A slot opens on each of
// its days at the first time and closes at the second; when the closing
// time is at or before the opening time the slot runs past midnight into
// the next day ("Fri 22:00-02:00" closes at 2am on Saturday). 00:00 as a
// closing time means midnight at the end of the day, so "00:00-00:00" is
// the whole day. A slot that opens and closes at the same time is an error
// (write "00:00-00:00" for a whole day). Spaces around an entry, or more than
// one space between days and times, are ignored. "24/7" must be the only
// entry. Slots may overlap: the service is open when any slot is open.
//
// # Time zones and daylight saving
//
// Times are wall-clock times in the site's time zone. The rule is: the
// service is open at an instant when the wall clock in that zone, at that
// instant, reads a day and time inside a slot. So on the day the clocks go
// forward (Europe/London, last Sunday in March, 01:00 GMT becomes 02:00 BST)
// a slot "00:30-02:30" is open from 00:30 GMT to 02:30 BST, one hour of real
// time, and a slot that lies wholly in the skipped hour ("01:15-01:45") does
// not open that day. On the day the clocks go back (last Sunday in October,
// 02:00 BST becomes 01:00 GMT) the same slot is open from 00:30 BST to 02:30
// GMT, three hours of real time, and a slot "01:15-01:45" opens twice, once
// in BST and once in GMT. The browser (hours.js) follows the same rule,
// since it reads the wall clock through Intl.DateTimeFormat.
//
// # What this package does not do
//
// It does not read TOML (the content package turns the hours value into a
// []string and adds the file position to errors), render HTML, or know about
// bank holidays.
package hours

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"time"
)

// JS is the source of hours.js: a dependency-free ES2017 function
//
//	openStatus(compact, timeZone, now) -> {open: bool, opensAt: "Tue 09:00" | null} | null
//
// that evaluates the encoding of [Hours.Compact] on the visitor's device.
// It returns null when the browser does not know the time zone. Treat JS as a
// constant.
//
//go:embed hours.js
var JS string

const (
	minutesPerDay = 24 * 60
	everyDay      = 1<<7 - 1 // a days mask with all seven bits set
)

// Hours is a contact's parsed opening hours. The zero value means no hours
// were given: it is never open, and String returns "". Build one with Parse.
type Hours struct {
	always bool   // "24/7"
	slots  []slot // in the order written
}

// slot is one entry: it opens on each of its days at start and closes at end.
type slot struct {
	days  uint8 // bit d is set when the slot opens on time.Weekday(d); bit 0 is Sunday
	start int   // minutes after midnight, 0 to 1439
	end   int   // minutes after the same midnight, start+1 to start+1440; past 1440 is the next day
}

// EntryError is an error in one entry of the hours list. Index is the
// entry's position in the list given to Parse, so the caller can point at
// that element of the TOML array.
type EntryError struct {
	Index int    // 0-based position in the list
	Entry string // the entry as written
	Msg   string // what is wrong and how to fix it
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("hours %q: %s", e.Entry, e.Msg)
}

// Parse parses opening hours given as a list of entries; the TOML value
// "24/7" comes as []string{"24/7"}. An error about one entry is an
// *EntryError; an empty list is an error too, but not an *EntryError.
func Parse(spec []string) (Hours, error) {
	if len(spec) == 0 {
		return Hours{}, errors.New(`hours: the list is empty; write "24/7", or a list such as ["Mon-Fri 09:00-17:00"], or leave hours out if they are not known`)
	}
	var h Hours
	for i, entry := range spec {
		if strings.TrimSpace(entry) == "24/7" {
			if len(spec) > 1 {
				return Hours{}, &EntryError{Index: i, Entry: entry, Msg: `"24/7" means always open, so it must be the only entry; write hours = "24/7" on its own`}
			}
			return Hours{always: true}, nil
		}
		s, msg := parseEntry(entry)
		if msg != "" {
			return Hours{}, &EntryError{Index: i, Entry: entry, Msg: msg}
		}
		h.slots = append(h.slots, s)
	}
	return h, nil
}

// IsZero reports whether h is the zero Hours: no hours were given.
func (h Hours) IsZero() bool {
	return !h.always && len(h.slots) == 0
}

const example = `"Mon-Fri 09:00-17:00"`

// parseEntry parses "DAYS HH:MM-HH:MM". It returns a message instead of an
// error so that Parse can wrap it with the entry's index.
func parseEntry(entry string) (slot, string) {
	fields := strings.Fields(entry)
	switch len(fields) {
	case 0:
		return slot{}, "the entry is empty; write days and times, like " + example
	case 1:
		if _, msg := parseDays(fields[0]); msg == "" {
			return slot{}, fmt.Sprintf("the times are missing; write them after the days and a space, like %q", fields[0]+" 09:00-17:00")
		}
		if strings.Contains(fields[0], ":") {
			return slot{}, "the days are missing; write them before the times and a space, like " + example
		}
		return slot{}, `write "24/7", or days and times like ` + example
	case 2:
		days, msg := parseDays(fields[0])
		if msg != "" {
			return slot{}, msg
		}
		start, end, msg := parseTimes(fields[1])
		if msg != "" {
			return slot{}, msg
		}
		return slot{days: days, start: start, end: end}, ""
	default:
		_, daysMsg := parseDays(fields[0])
		_, _, timesMsg := parseTimes(fields[1])
		if daysMsg == "" && timesMsg == "" {
			extra := strings.Join(fields[2:], " ")
			return slot{}, fmt.Sprintf("unexpected text %q after the times; put notes in the page body, not in hours", extra)
		}
		return slot{}, `too many spaces: write the days without spaces ("Mon,Wed" or "Mon-Fri"), one space, then the times ("09:00-17:00")`
	}
}

// parseDays parses a day, a range of days or a comma list of them into a
// days mask.
func parseDays(s string) (uint8, string) {
	var mask uint8
	for _, item := range strings.Split(s, ",") {
		if item == "" {
			return 0, fmt.Sprintf(`a day is missing in %q; separate days with single commas, like "Mon,Wed"`, s)
		}
		var days uint8
		first, last, isRange := strings.Cut(item, "-")
		if !isRange {
			d, msg := parseDay(item)
			if msg != "" {
				return 0, msg
			}
			days = 1 << d
		} else {
			if first == "" || last == "" || strings.Contains(last, "-") {
				return 0, fmt.Sprintf(`range %q needs a first and a last day, like "Mon-Fri"`, item)
			}
			a, msg := parseDay(first)
			if msg != "" {
				return 0, msg
			}
			b, msg := parseDay(last)
			if msg != "" {
				return 0, msg
			}
			if a == b {
				return 0, fmt.Sprintf(`range %q starts and ends on the same day; write %q for one day or "Mon-Sun" for every day`, item, first)
			}
			for d := a; ; d = (d + 1) % 7 {
				days |= 1 << d
				if d == b {
					break
				}
			}
		}
		if twice := mask & days; twice != 0 {
			return 0, fmt.Sprintf("%s is listed twice in %q; list each day once", dayName(lowestDay(twice)), s)
		}
		mask |= days
	}
	return mask, ""
}

// parseDay parses a three-letter day name, written with a capital first
// letter.
func parseDay(s string) (time.Weekday, string) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if s == dayName(d) {
			return d, ""
		}
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		long := d.String() // "Monday"
		if len(s) >= 3 && len(s) <= len(long) && strings.EqualFold(s, long[:len(s)]) {
			return 0, fmt.Sprintf("write day %q as %q", s, dayName(d))
		}
	}
	return 0, fmt.Sprintf("unknown day %q; use Mon, Tue, Wed, Thu, Fri, Sat or Sun", s)
}

// dayName is the three-letter name of d, as written in hours: "Mon".
func dayName(d time.Weekday) string {
	return d.String()[:3]
}

// lowestDay returns the first weekday, counting from Sunday, set in mask,
// which must not be zero.
func lowestDay(mask uint8) time.Weekday {
	d := time.Sunday
	for mask&(1<<d) == 0 {
		d++
	}
	return d
}

// parseTimes parses "HH:MM-HH:MM" into a slot's start and end.
func parseTimes(s string) (start, end int, msg string) {
	opens, closes, ok := strings.Cut(s, "-")
	if !ok || opens == "" || closes == "" {
		return 0, 0, fmt.Sprintf(`times %q need an opening and a closing time, like "09:00-17:00"`, s)
	}
	if strings.Contains(closes, "-") {
		return 0, 0, fmt.Sprintf(`times %q must be one opening and one closing time, like "09:00-17:00"; write another entry for another slot`, s)
	}
	if start, msg = parseClock(opens); msg != "" {
		return 0, 0, msg
	}
	if end, msg = parseClock(closes); msg != "" {
		return 0, 0, msg
	}
	if start == end && start != 0 {
		return 0, 0, fmt.Sprintf(`times %q open and close at the same time; for the whole day write "00:00-00:00"`, s)
	}
	if end <= start {
		end += minutesPerDay // runs past midnight; 00:00 as an end is midnight
	}
	return start, end, ""
}

// parseClock parses "HH:MM" into minutes after midnight.
func parseClock(s string) (int, string) {
	if len(s) == 4 && isDigit(s[0]) && s[1] == ':' && isDigit(s[2]) && isDigit(s[3]) {
		return 0, fmt.Sprintf("write time %q with two-digit hours, as %q", s, "0"+s)
	}
	if len(s) != 5 || !isDigit(s[0]) || !isDigit(s[1]) || s[2] != ':' || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, fmt.Sprintf(`time %q must be HH:MM on the 24-hour clock, like "09:00" or "17:30"`, s)
	}
	hour := int(s[0]-'0')*10 + int(s[1]-'0')
	minute := int(s[3]-'0')*10 + int(s[4]-'0')
	switch {
	case s == "24:00":
		return 0, `time "24:00" is not allowed; write "00:00" for midnight`
	case hour > 23:
		return 0, fmt.Sprintf("the hour in %q must be 00 to 23", s)
	case minute > 59:
		return 0, fmt.Sprintf("the minutes in %q must be 00 to 59", s)
	}
	return hour*60 + minute, ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
