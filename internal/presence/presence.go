// Package presence decides whether a reminder that is due should be shown
// now, wait until the person is back, or be dropped: the pure rule is
// Decide; Desktop (one file per system) says what the person is doing.
package presence

import (
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
)

// AwayAfter is how long without keyboard or mouse input counts as away
// from the computer: long enough that reading or a phone call at the desk
// does not count, short enough that a reminder does not go off in an
// empty room.
const AwayAfter = 5 * time.Minute

// Recheck is how often a held reminder looks again at what can only be
// asked, not heard (idle time, Do Not Disturb, a full-screen window). At
// rest, with no reminder held, nothing is asked at all.
const Recheck = time.Minute

// State is what the desktop says about the person at one moment. The zero
// State is "present and free": what is not known does not hold reminders.
type State struct {
	Locked       bool          // the screen is locked or the screen saver runs
	Idle         time.Duration // time since the last input; 0 if unknown
	DoNotDisturb bool          // the desktop's Do Not Disturb, or notifications inhibited
	FullScreen   bool          // a full-screen window (presentation, film, call) is in front
}

// Away says whether the person is not at the computer.
func (s State) Away() bool { return s.Locked || s.Idle >= AwayAfter }

// Busy says whether the person asked not to be disturbed or is presenting.
func (s State) Busy() bool { return s.DoNotDisturb || s.FullScreen }

// Policy is what the settings say to do (reminders.when-away and
// reminders.when-busy).
type Policy struct {
	HoldWhenAway, HoldWhenBusy bool
}

// Verdict is what to do with a due reminder.
type Verdict int

// The verdicts.
const (
	Send Verdict = iota // show it now
	Hold                // keep it until the person is back
	Drop                // count it as given without showing it
)

func (v Verdict) String() string {
	switch v {
	case Send:
		return "send"
	case Hold:
		return "hold"
	}
	return "drop"
}

// Reason says why a reminder waits, in the words the tray shows.
type Reason string

// The reasons for holding.
const (
	NotHeld     Reason = ""
	WhileAway   Reason = heldAway
	WhileBusy   Reason = heldBusy
	WhileLocked Reason = heldLocked
)

const (
	heldAway   = "Held while you are away"
	heldBusy   = "Held while you are busy"
	heldLocked = "Held while the screen is locked"
)

// In is the reason in tr's language ("" for NotHeld).
func (r Reason) In(tr *l10n.Lang) string {
	switch r {
	case WhileAway:
		return tr.T(heldAway)
	case WhileBusy:
		return tr.T(heldBusy)
	case WhileLocked:
		return tr.T(heldLocked)
	}
	return string(r)
}

// Due is a reminder that the schedule says is due now, with what the
// runner knows about the moments before.
type Due struct {
	// AfterHold is true when reminders were held until just now: the
	// person is back.
	AfterHold bool
	// AlreadyShown counts the reminders shown since the person came back,
	// in this same step.
	AlreadyShown int
}

// Decide is the rule. Reminders wait while the person is away or busy (as
// the policy says); when they are back, the one reminder the schedule
// offers at that moment is shown (the schedule gives only what still
// makes sense then: never a drink reminder inside the taper before bed, no
// stretch reminder once the evening is over) and any other that is due at
// the same moment is dropped, so coming back never brings a burst.
func Decide(s State, p Policy, d Due) (Verdict, Reason) {
	switch {
	case s.Locked && p.HoldWhenAway:
		return Hold, WhileLocked
	case s.Away() && p.HoldWhenAway:
		return Hold, WhileAway
	case s.Busy() && p.HoldWhenBusy:
		return Hold, WhileBusy
	case d.AfterHold && d.AlreadyShown > 0:
		return Drop, NotHeld
	}
	return Send, NotHeld
}
