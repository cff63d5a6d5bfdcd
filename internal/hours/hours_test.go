package hours

import (
	"errors"
	"slices"
	"testing"

	"github.com/signpost-dev/signpost/internal/i18n"
)

func TestParse(t *testing.T) {
	tests := []struct {
		spec    []string
		compact []int
		text    string
	}{
		{[]string{"24/7"}, []int{127, 0, 1440}, "24 hours a day, every day"},
		{[]string{" 24/7 "}, []int{127, 0, 1440}, "24 hours a day, every day"},
		{[]string{"Mon-Fri 09:00-17:00"}, []int{62, 540, 1020}, "Monday to Friday, 9am to 5pm"},
		{
			[]string{"Mon-Fri 09:00-17:00", "Sat 10:00-14:00"},
			[]int{62, 540, 1020, 64, 600, 840},
			"Monday to Friday, 9am to 5pm; Saturday, 10am to 2pm",
		},
		{[]string{"Mon-Sun 19:00-02:00"}, []int{127, 1140, 1560}, "Every day, 7pm to 2am"},
		{[]string{"Sun-Sat 08:00-20:00"}, []int{127, 480, 1200}, "Every day, 8am to 8pm"},
		{[]string{"Sat-Sun 10:00-16:30"}, []int{65, 600, 990}, "Saturday and Sunday, 10am to 4:30pm"},
		{[]string{"Fri-Mon 18:00-00:00"}, []int{99, 1080, 1440}, "Friday to Monday, 6pm to midnight"},
		{[]string{"Mon,Wed,Fri 09:30-12:00"}, []int{42, 570, 720}, "Monday, Wednesday and Friday, 9:30am to midday"},
		{[]string{"Mon-Wed,Fri 12:00-12:30"}, []int{46, 720, 750}, "Monday to Wednesday and Friday, midday to 12:30pm"},
		{[]string{"Sun,Mon 00:30-01:00"}, []int{3, 30, 60}, "Monday and Sunday, 12:30am to 1am"},
		{[]string{"Fri-Tue,Thu 00:00-23:59"}, []int{119, 0, 1439}, "Thursday to Tuesday, midnight to 11:59pm"},
		{[]string{"Sat 00:00-00:00"}, []int{64, 0, 1440}, "Saturday, 24 hours"},
		{[]string{"Tue 23:59-23:58"}, []int{4, 1439, 2878}, "Tuesday, 11:59pm to 11:58pm"},
		{[]string{"Wed 00:01-00:00"}, []int{8, 1, 1440}, "Wednesday, 12:01am to midnight"},
		{[]string{"Thu 22:00-06:00"}, []int{16, 1320, 1800}, "Thursday, 10pm to 6am"},
		{[]string{"  Mon   09:00-17:00\t"}, []int{2, 540, 1020}, "Monday, 9am to 5pm"},
		{[]string{"Mon 09:00-12:00", "Mon 11:00-13:00"}, []int{2, 540, 720, 2, 660, 780}, "Monday, 9am to midday; Monday, 11am to 1pm"},
	}
	for _, tt := range tests {
		h, err := Parse(tt.spec)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.spec, err)
			continue
		}
		if got := h.Compact(); !slices.Equal(got, tt.compact) {
			t.Errorf("Parse(%q).Compact() = %v, want %v", tt.spec, got, tt.compact)
		}
		if got := h.String(); got != tt.text {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.spec, got, tt.text)
		}
		if h.IsZero() {
			t.Errorf("Parse(%q).IsZero() = true", tt.spec)
		}
	}
}

// Every rule the parser enforces, with the message an author sees.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec  []string
		index int
		msg   string
	}{
		// "24/7" alone.
		{[]string{"24/7", "Sat 10:00-14:00"}, 0, `hours "24/7": "24/7" means always open, so it must be the only entry; write hours = "24/7" on its own`},
		{[]string{"Sat 10:00-14:00", "24/7"}, 1, `hours "24/7": "24/7" means always open, so it must be the only entry; write hours = "24/7" on its own`},
		// Shape of an entry.
		{[]string{""}, 0, `hours "": the entry is empty; write days and times, like "Mon-Fri 09:00-17:00"`},
		{[]string{"Mon 09:00-17:00", "   "}, 1, `hours "   ": the entry is empty; write days and times, like "Mon-Fri 09:00-17:00"`},
		{[]string{"Mon-Fri"}, 0, `hours "Mon-Fri": the times are missing; write them after the days and a space, like "Mon-Fri 09:00-17:00"`},
		{[]string{"09:00-17:00"}, 0, `hours "09:00-17:00": the days are missing; write them before the times and a space, like "Mon-Fri 09:00-17:00"`},
		{[]string{"24x7"}, 0, `hours "24x7": write "24/7", or days and times like "Mon-Fri 09:00-17:00"`},
		{[]string{"Mon-Fri 09:00-17:00 (not bank holidays)"}, 0, `hours "Mon-Fri 09:00-17:00 (not bank holidays)": unexpected text "(not bank holidays)" after the times; put notes in the page body, not in hours`},
		{[]string{"Mon, Wed 09:00-17:00"}, 0, `hours "Mon, Wed 09:00-17:00": too many spaces: write the days without spaces ("Mon,Wed" or "Mon-Fri"), one space, then the times ("09:00-17:00")`},
		{[]string{"Mon 09:00 - 17:00"}, 0, `hours "Mon 09:00 - 17:00": too many spaces: write the days without spaces ("Mon,Wed" or "Mon-Fri"), one space, then the times ("09:00-17:00")`},
		// Days.
		{[]string{"mon 09:00-17:00"}, 0, `hours "mon 09:00-17:00": write day "mon" as "Mon"`},
		{[]string{"Monday 09:00-17:00"}, 0, `hours "Monday 09:00-17:00": write day "Monday" as "Mon"`},
		{[]string{"Tues-Thurs 09:00-17:00"}, 0, `hours "Tues-Thurs 09:00-17:00": write day "Tues" as "Tue"`},
		{[]string{"Mo 09:00-17:00"}, 0, `hours "Mo 09:00-17:00": unknown day "Mo"; use Mon, Tue, Wed, Thu, Fri, Sat or Sun`},
		{[]string{"Weekdays 09:00-17:00"}, 0, `hours "Weekdays 09:00-17:00": unknown day "Weekdays"; use Mon, Tue, Wed, Thu, Fri, Sat or Sun`},
		{[]string{"Mon,,Wed 09:00-17:00"}, 0, `hours "Mon,,Wed 09:00-17:00": a day is missing in "Mon,,Wed"; separate days with single commas, like "Mon,Wed"`},
		{[]string{"Mon, 09:00-17:00"}, 0, `hours "Mon, 09:00-17:00": a day is missing in "Mon,"; separate days with single commas, like "Mon,Wed"`},
		{[]string{"Mon- 09:00-17:00"}, 0, `hours "Mon- 09:00-17:00": range "Mon-" needs a first and a last day, like "Mon-Fri"`},
		{[]string{"-Fri 09:00-17:00"}, 0, `hours "-Fri 09:00-17:00": range "-Fri" needs a first and a last day, like "Mon-Fri"`},
		{[]string{"Mon-Wed-Fri 09:00-17:00"}, 0, `hours "Mon-Wed-Fri 09:00-17:00": range "Mon-Wed-Fri" needs a first and a last day, like "Mon-Fri"`},
		{[]string{"Mon-Fry 09:00-17:00"}, 0, `hours "Mon-Fry 09:00-17:00": unknown day "Fry"; use Mon, Tue, Wed, Thu, Fri, Sat or Sun`},
		{[]string{"Mom-Fri 09:00-17:00"}, 0, `hours "Mom-Fri 09:00-17:00": unknown day "Mom"; use Mon, Tue, Wed, Thu, Fri, Sat or Sun`},
		{[]string{"Mon-Mon 09:00-17:00"}, 0, `hours "Mon-Mon 09:00-17:00": range "Mon-Mon" starts and ends on the same day; write "Mon" for one day or "Mon-Sun" for every day`},
		{[]string{"Mon-Fri,Wed 09:00-17:00"}, 0, `hours "Mon-Fri,Wed 09:00-17:00": Wed is listed twice in "Mon-Fri,Wed"; list each day once`},
		{[]string{"Sat,Sat 09:00-17:00"}, 0, `hours "Sat,Sat 09:00-17:00": Sat is listed twice in "Sat,Sat"; list each day once`},
		// Times.
		{[]string{"Mon 09:00"}, 0, `hours "Mon 09:00": times "09:00" need an opening and a closing time, like "09:00-17:00"`},
		{[]string{"Mon 09:00-"}, 0, `hours "Mon 09:00-": times "09:00-" need an opening and a closing time, like "09:00-17:00"`},
		{[]string{"Mon -17:00"}, 0, `hours "Mon -17:00": times "-17:00" need an opening and a closing time, like "09:00-17:00"`},
		{[]string{"Mon 09:00-12:00-13:00"}, 0, `hours "Mon 09:00-12:00-13:00": times "09:00-12:00-13:00" must be one opening and one closing time, like "09:00-17:00"; write another entry for another slot`},
		{[]string{"Mon 9:00-17:00"}, 0, `hours "Mon 9:00-17:00": write time "9:00" with two-digit hours, as "09:00"`},
		{[]string{"Mon 9am-5pm"}, 0, `hours "Mon 9am-5pm": time "9am" must be HH:MM on the 24-hour clock, like "09:00" or "17:30"`},
		{[]string{"Mon 09.00-17.00"}, 0, `hours "Mon 09.00-17.00": time "09.00" must be HH:MM on the 24-hour clock, like "09:00" or "17:30"`},
		{[]string{"Mon 09:00-17:000"}, 0, `hours "Mon 09:00-17:000": time "17:000" must be HH:MM on the 24-hour clock, like "09:00" or "17:30"`},
		{[]string{"Mon 09:0a-17:00"}, 0, `hours "Mon 09:0a-17:00": time "09:0a" must be HH:MM on the 24-hour clock, like "09:00" or "17:30"`},
		{[]string{"Mon 19:00-24:00"}, 0, `hours "Mon 19:00-24:00": time "24:00" is not allowed; write "00:00" for midnight`},
		{[]string{"Mon 24:30-02:00"}, 0, `hours "Mon 24:30-02:00": the hour in "24:30" must be 00 to 23`},
		{[]string{"Mon 09:00-99:00"}, 0, `hours "Mon 09:00-99:00": the hour in "99:00" must be 00 to 23`},
		{[]string{"Mon 09:60-17:00"}, 0, `hours "Mon 09:60-17:00": the minutes in "09:60" must be 00 to 59`},
		{[]string{"Mon 09:00-09:00"}, 0, `hours "Mon 09:00-09:00": times "09:00-09:00" open and close at the same time; for the whole day write "00:00-00:00"`},
		// The index is the bad entry's, not the first's.
		{[]string{"Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 9:00-17:00"}, 2, `hours "Wed 9:00-17:00": write time "9:00" with two-digit hours, as "09:00"`},
	}
	for _, tt := range tests {
		h, err := Parse(tt.spec)
		var entryErr *EntryError
		if !errors.As(err, &entryErr) {
			t.Errorf("Parse(%q) = %v, %v; want an *EntryError", tt.spec, h, err)
			continue
		}
		if entryErr.Index != tt.index || err.Error() != tt.msg {
			t.Errorf("Parse(%q) error at %d:\n  %s\nwant at %d:\n  %s", tt.spec, entryErr.Index, err, tt.index, tt.msg)
		}
		if !h.IsZero() {
			t.Errorf("Parse(%q) returned non-zero Hours with an error", tt.spec)
		}
	}
}

func TestParseEmptyList(t *testing.T) {
	for _, spec := range [][]string{nil, {}} {
		h, err := Parse(spec)
		want := `hours: the list is empty; write "24/7", or a list such as ["Mon-Fri 09:00-17:00"], or leave hours out if they are not known`
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%#v) error = %v, want %q", spec, err, want)
		}
		var entryErr *EntryError
		if errors.As(err, &entryErr) {
			t.Errorf("Parse(%#v) error is an *EntryError; it has no entry", spec)
		}
		if !h.IsZero() {
			t.Errorf("Parse(%#v) returned non-zero Hours", spec)
		}
	}
}

func TestZeroHours(t *testing.T) {
	var h Hours
	if !h.IsZero() {
		t.Error("zero Hours: IsZero() = false")
	}
	if s := h.String(); s != "" {
		t.Errorf("zero Hours: String() = %q, want empty", s)
	}
	if c := h.Compact(); c != nil {
		t.Errorf("zero Hours: Compact() = %v, want nil", c)
	}
}

func TestDescribeClock(t *testing.T) {
	tests := []struct {
		minute int
		want   string
	}{
		{0, "midnight"},
		{1, "12:01am"},
		{59, "12:59am"},
		{60, "1am"},
		{9*60 + 5, "9:05am"},
		{11*60 + 59, "11:59am"},
		{12 * 60, "midday"},
		{12*60 + 30, "12:30pm"},
		{13 * 60, "1pm"},
		{23*60 + 59, "11:59pm"},
	}
	for _, tt := range tests {
		if got := describeClock(i18n.English(), tt.minute); got != tt.want {
			t.Errorf("describeClock(%d) = %q, want %q", tt.minute, got, tt.want)
		}
	}
}

func TestCompactIsACopy(t *testing.T) {
	h, err := Parse([]string{"Mon 09:00-17:00"})
	if err != nil {
		t.Fatal(err)
	}
	h.Compact()[0] = 0
	if got := h.Compact(); got[0] != 2 {
		t.Errorf("changing Compact's result changed the Hours: %v", got)
	}
}
