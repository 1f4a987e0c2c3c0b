// Package night says which night a moment belongs to. A night runs from
// one evening to the next morning, so a cramp at 02:00 belongs with one at
// 23:00 the evening before, and a stretch at 00:30 counts for that evening.
package night

import "time"

// Of returns the night t belongs to, as local midnight of the evening's
// date. The day is cut at noon: from 12:00 a moment belongs to the coming
// night, before 12:00 to the night that is ending.
func Of(t time.Time) time.Time {
	// Decided by the wall clock, not by subtracting 12 hours, which on a
	// DST day would move the cut an hour off noon.
	y, m, d := t.Date()
	if t.Hour() < 12 {
		d--
	}
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Label names a night the way people say it: "Night of Sunday 22 November".
func Label(n time.Time) string { return "Night of " + n.Format("Monday 2 January") }
