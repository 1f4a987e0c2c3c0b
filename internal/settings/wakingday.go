package settings

import "time"

// NextDayStart is when the next waking day begins: the first moment after
// now when the clock shows HydrationStart. Just after midnight, before the
// morning's start, that is this morning, not tomorrow's: "pause until
// tomorrow morning" chosen at 00:30 ends at 08:00 the same day rather than
// some 31 hours later, after that evening's stretch reminder. The tray and
// the CLI both pause until then.
func (v Values) NextDayStart(now time.Time) time.Time {
	start := v.HydrationStart()
	if t := start.On(now); t.After(now) {
		return t
	}
	// Noon of the next calendar day names that day whatever the clocks do
	// around midnight (some zones change them at 00:00).
	y, m, d := now.Date()
	return start.On(time.Date(y, m, d+1, 12, 0, 0, 0, now.Location()))
}
