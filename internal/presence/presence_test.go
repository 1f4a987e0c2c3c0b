package presence

import (
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	hold := Policy{HoldWhenAway: true, HoldWhenBusy: true}
	show := Policy{}
	cases := []struct {
		name   string
		state  State
		policy Policy
		due    Due
		want   Verdict
		why    Reason
	}{
		{"present and free: shown", State{}, hold, Due{}, Send, NotHeld},
		{"locked: held", State{Locked: true}, hold, Due{}, Hold, WhileLocked},
		{"locked and full screen: the lock is the reason", State{Locked: true, FullScreen: true}, hold, Due{}, Hold, WhileLocked},
		{"idle five minutes: away", State{Idle: AwayAfter}, hold, Due{}, Hold, WhileAway},
		{"idle a little: still here", State{Idle: AwayAfter - time.Second}, hold, Due{}, Send, NotHeld},
		{"do not disturb: held", State{DoNotDisturb: true}, hold, Due{}, Hold, WhileBusy},
		{"full screen: held", State{FullScreen: true}, hold, Due{}, Hold, WhileBusy},
		{"locked, when-away show: shown", State{Locked: true}, Policy{HoldWhenBusy: true}, Due{}, Send, NotHeld},
		{"away, when-away show, but busy: held as busy", State{Idle: time.Hour, FullScreen: true}, Policy{HoldWhenBusy: true}, Due{}, Hold, WhileBusy},
		{"full screen, when-busy show: shown", State{FullScreen: true}, Policy{HoldWhenAway: true}, Due{}, Send, NotHeld},
		{"everything shows when both are show", State{Locked: true, DoNotDisturb: true}, show, Due{}, Send, NotHeld},
		{"back: the first due one is shown", State{}, hold, Due{AfterHold: true}, Send, NotHeld},
		{"back: a second one at the same moment is dropped", State{}, hold, Due{AfterHold: true, AlreadyShown: 1}, Drop, NotHeld},
		{"no hold before: two due at once both go (a plain catch-up)", State{}, hold, Due{AlreadyShown: 1}, Send, NotHeld},
		{"back but locked again: held, not dropped", State{Locked: true}, hold, Due{AfterHold: true, AlreadyShown: 1}, Hold, WhileLocked},
	}
	for _, c := range cases {
		got, why := Decide(c.state, c.policy, c.due)
		if got != c.want || why != c.why {
			t.Errorf("%s: Decide = %v %q, want %v %q", c.name, got, why, c.want, c.why)
		}
	}
}
