package settings

import (
	"strconv"

	"github.com/crampcare/crampcare/internal/input"
)

// The first-run welcome asks only when a person gets up and goes to bed;
// the rest of the day's settings follow from those two times. The offsets
// are chosen so that the defaults (up at 08:00, bed at 22:00) give back the
// default settings: drinking until two hours before bed (the taper before
// the stretch then keeps the last hours dry, so fewer trips at night), the
// stretch half an hour before bed, and dark windows from an hour before bed
// until getting up.
const (
	drinkEndBeforeBed   = 2 * 60
	stretchBeforeBed    = 30
	nightStartBeforeBed = 60
)

// Day is what the welcome asks: when a person usually gets up and goes to
// bed, and how many glasses a day they aim for.
type Day struct {
	GetUp, Bed input.Clock
	Goal       int
}

// DayOf reads the Day the settings stand for, so the welcome starts from
// what is set (the defaults on a fresh diary): bedtime is read back from
// the stretch time.
func DayOf(v Values) Day {
	return Day{GetUp: v.HydrationStart(), Bed: addClock(v.StretchTime(), stretchBeforeBed), Goal: v.HydrationGoal()}
}

// Settings are the settings a Day sets: the drinking window, the evening
// stretch a sensible time before bed, the night look, and the goal. A
// bedtime after midnight works: every time wraps around the clock.
func (d Day) Settings() map[string]string {
	return map[string]string{
		HydrationStart: d.GetUp.String(),
		HydrationEnd:   addClock(d.Bed, -drinkEndBeforeBed).String(),
		StretchTime:    addClock(d.Bed, -stretchBeforeBed).String(),
		NightStart:     addClock(d.Bed, -nightStartBeforeBed).String(),
		NightEnd:       d.GetUp.String(),
		HydrationGoal:  strconv.Itoa(d.Goal),
	}
}

// addClock moves c by minutes, around midnight if need be.
func addClock(c input.Clock, minutes int) input.Clock {
	const day = 24 * 60
	return input.Clock(((int(c)+minutes)%day + day) % day)
}
