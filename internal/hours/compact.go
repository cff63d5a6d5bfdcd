package hours

// Compact encodes the hours for hours.js (see [JS]) as a flat list of
// triples, one per entry, in the order written:
//
//	[days, start, end, days, start, end, ...]
//
// days is a bit mask of the days the slot opens on: bit d is
// time.Weekday(d), the same numbering as JavaScript's Date.getDay, so
// 1 is Sunday, 2 Monday, 62 Monday to Friday, 127 every day. start is the
// opening time in minutes after midnight (0 to 1439); end is the closing
// time in minutes after the same midnight (start+1 to start+1440), so an end
// past 1440 runs into the next day. "24/7" is the single triple
// [127, 0, 1440]. For example ["Mon-Fri 09:00-17:00", "Sat 22:00-02:00"]
// is [62, 540, 1020, 64, 1320, 1560]. The zero Hours gives nil.
//
// The list is new on every call; the caller may keep or change it.
func (h Hours) Compact() []int {
	if h.always {
		return []int{everyDay, 0, minutesPerDay}
	}
	if len(h.slots) == 0 {
		return nil
	}
	out := make([]int, 0, 3*len(h.slots))
	for _, s := range h.slots {
		out = append(out, int(s.days), s.start, s.end)
	}
	return out
}
