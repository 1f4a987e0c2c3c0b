// Package schedule decides, from settings, the diary and what was already
// sent, which reminder is due next. It is pure: no clock, no I/O. The agent
// asks it again after every change, wake-up or fired reminder, so that wall
// time, not elapsed time, decides; a reminder that fell due while the
// computer slept comes at most once, and only while it still makes sense.
package schedule

import (
	"fmt"
	"time"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/settings"
)

// Kind is the kind of reminder.
type Kind string

// The reminders.
const (
	Hydration       Kind = "hydration"
	Stretch         Kind = "stretch"
	StretchFollowUp Kind = "stretch-follow-up"
)

// StretchGrace is how long after its time the stretch reminder still makes
// sense: after that, the evening is over.
const StretchGrace = 2 * time.Hour

// Snooze is how long "Later" postpones the stretch reminder, and MaxSnoozes
// how often per evening.
const (
	Snooze     = 10 * time.Minute
	MaxSnoozes = 3
)

// Config is the part of the settings the schedule reads.
type Config struct {
	HydrationEnabled bool
	Interval         time.Duration
	Start, End       input.Clock
	Days             settings.Weekdays
	Goal             int
	AfterGoal        bool
	Taper            time.Duration

	StretchEnabled bool
	StretchTime    input.Clock
	StretchDays    settings.Weekdays
	Nag            time.Duration

	PausedUntil time.Time
}

// ConfigFrom reads a Config from the effective settings.
func ConfigFrom(v settings.Values) Config {
	return Config{
		HydrationEnabled: v.HydrationEnabled(),
		Interval:         v.HydrationInterval(),
		Start:            v.HydrationStart(),
		End:              v.HydrationEnd(),
		Days:             v.HydrationDays(),
		Goal:             v.HydrationGoal(),
		AfterGoal:        v.HydrationAfterGoal(),
		Taper:            v.HydrationTaper(),
		StretchEnabled:   v.StretchEnabled(),
		StretchTime:      v.StretchTime(),
		StretchDays:      v.StretchDays(),
		Nag:              v.StretchNag(),
		PausedUntil:      v.PausedUntil(),
	}
}

// Log is what the diary says.
type Log struct {
	// Glasses holds the glasses of (at least) the last two days, any order.
	Glasses []time.Time
	// LastStretch is when the evening stretch was last done; zero if never.
	LastStretch time.Time
}

// Memory is what the agent has sent; it is stored so that a restart does
// not send the same reminder twice.
type Memory struct {
	LastHydration time.Time `json:"last_hydration,omitempty"`
	// Night is the evening (a date, at midnight, local) the stretch fields
	// below are about.
	Night       time.Time `json:"night,omitempty"`
	Fired       int       `json:"fired,omitempty"`
	LastFired   time.Time `json:"last_fired,omitempty"`
	SnoozeUntil time.Time `json:"snooze_until,omitempty"`
	Snoozes     int       `json:"snoozes,omitempty"`
}

// Reminder is one reminder to send.
type Reminder struct {
	Kind Kind
	// At is when it is due; at or before now means send it now.
	At time.Time
	// Night is the evening a stretch reminder belongs to.
	Night time.Time
	// Glasses and Goal say how far along the day is (hydration).
	Glasses, Goal int
	// NearBedtime marks the last drink reminders before the evening taper.
	NearBedtime bool
}

// Next returns the earliest reminder due at or after now (or overdue and
// still meaningful, with At set to now), and false if none is due within
// the next week.
func Next(cfg Config, log Log, mem Memory, now time.Time) (Reminder, bool) {
	h, hok := nextHydration(cfg, log, mem, now)
	s, sok := nextStretch(cfg, log, mem, now)
	switch {
	case hok && sok:
		if s.At.After(h.At) {
			return h, true
		}
		return s, true
	case hok:
		return h, true
	default:
		return s, sok
	}
}

// day returns local midnight of t's date plus n days; time.Date normalises
// across DST, so days of 23 or 25 hours come out right.
func day(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, t.Location())
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// earliest is the first moment a reminder may be sent: now, or the end of
// a pause.
func earliest(cfg Config, now time.Time) time.Time {
	return later(now, cfg.PausedUntil)
}

func nextHydration(cfg Config, log Log, mem Memory, now time.Time) (Reminder, bool) {
	if !cfg.HydrationEnabled || cfg.Interval <= 0 {
		return Reminder{}, false
	}
	from := earliest(cfg, now)
	// Start a day back: a window that crosses midnight may have begun
	// yesterday and still be open.
	for i := -1; i <= 8; i++ {
		d := day(from, i)
		if !cfg.Days.Has(d.Weekday()) {
			continue
		}
		start := cfg.Start.On(d)
		end := cfg.End.On(d)
		crosses := !end.After(start)
		if crosses {
			end = cfg.End.On(day(d, 1))
		}
		// Taper: no drink reminders in the last hours before the evening
		// stretch, so that drinking does not mean a night of bathroom trips.
		bed := cfg.StretchTime.On(d)
		if bed.Before(start) {
			bed = cfg.StretchTime.On(day(d, 1))
		}
		cut := bed.Add(-cfg.Taper)
		tapered := cut.Before(end)
		if tapered {
			end = cut
		}
		if !end.After(from) || !end.After(start) {
			continue
		}
		// The day's glasses: the calendar day, or the window itself when it
		// crosses midnight (a night worker's day).
		countFrom, countTo := d, day(d, 1)
		if crosses {
			countFrom, countTo = start, end
		}
		glasses := 0
		last := start
		for _, g := range log.Glasses {
			if !g.Before(countFrom) && g.Before(countTo) && !g.After(now) {
				glasses++
			}
			if g.After(last) && !g.After(now) {
				last = g // a glass restarts the interval
			}
		}
		if glasses >= cfg.Goal && !cfg.AfterGoal {
			continue
		}
		last = later(last, mem.LastHydration)
		at := later(last.Add(cfg.Interval), from)
		if !at.Before(end) {
			continue
		}
		return Reminder{
			Kind:        Hydration,
			At:          at,
			Glasses:     glasses,
			Goal:        cfg.Goal,
			NearBedtime: tapered && !at.Before(cut.Add(-2*time.Hour)),
		}, true
	}
	return Reminder{}, false
}

func nextStretch(cfg Config, log Log, mem Memory, now time.Time) (Reminder, bool) {
	if !cfg.StretchEnabled {
		return Reminder{}, false
	}
	from := earliest(cfg, now)
	for i := -1; i <= 8; i++ {
		d := day(from, i)
		if !cfg.StretchDays.Has(d.Weekday()) {
			continue
		}
		at := cfg.StretchTime.On(d)
		limit := at.Add(StretchGrace)
		if !limit.After(from) {
			continue
		}
		evening := night.Of(at)
		if !log.LastStretch.IsZero() && night.Of(log.LastStretch).Equal(evening) {
			continue // done tonight
		}
		m := mem
		if !m.Night.Equal(evening) {
			m = Memory{}
		}
		kind := Stretch
		switch {
		case m.SnoozeUntil.After(m.LastFired):
			at = m.SnoozeUntil
		case m.Fired == 0:
		case m.Fired == 1 && cfg.Nag > 0 && m.Snoozes == 0:
			kind, at = StretchFollowUp, m.LastFired.Add(cfg.Nag)
		default:
			continue // said enough tonight
		}
		at = later(at, from)
		if !at.Before(limit) {
			continue
		}
		return Reminder{Kind: kind, At: at, Night: evening}, true
	}
	return Reminder{}, false
}

// Sent records that r was sent at t.
func (m Memory) Sent(r Reminder, t time.Time) Memory {
	switch r.Kind {
	case Hydration:
		m.LastHydration = t
	case Stretch, StretchFollowUp:
		if !m.Night.Equal(r.Night) {
			m = Memory{LastHydration: m.LastHydration, Night: r.Night}
		}
		m.Fired++
		m.LastFired = t
	}
	return m
}

// StretchPending reports whether tonight's stretch reminder was sent and
// the stretch is not done: then "Later" and "I stretched" make sense.
func (m Memory) StretchPending(log Log, now time.Time) bool {
	if m.Fired == 0 || !m.Night.Equal(night.Of(now)) {
		return false
	}
	return log.LastStretch.IsZero() || !night.Of(log.LastStretch).Equal(m.Night)
}

// ErrSnoozeLimit is returned when "Later" was pressed too often tonight.
var ErrSnoozeLimit = fmt.Errorf("the stretch reminder was put off %d times already tonight", MaxSnoozes)

// Later postpones tonight's stretch reminder by Snooze.
func (m Memory) Later(now time.Time) (Memory, error) {
	if !m.Night.Equal(night.Of(now)) || m.Fired == 0 {
		return m, fmt.Errorf("no stretch reminder to put off tonight")
	}
	if m.Snoozes >= MaxSnoozes {
		return m, ErrSnoozeLimit
	}
	m.Snoozes++
	m.SnoozeUntil = now.Add(Snooze)
	return m, nil
}

// DrinkLater puts the next drink reminder Snooze from now: the answer
// "Later" to one. A glass logged meanwhile restarts the interval as usual,
// and the taper before bed still holds.
func (m Memory) DrinkLater(now time.Time, interval time.Duration) Memory {
	m.LastHydration = now.Add(Snooze - interval)
	return m
}

// The keys of the actions a reminder offers on its notification (and in
// crampcare: URIs on Windows).
const (
	ActDrink        = "drink"
	ActDrinkLater   = "drink-later"
	ActStretch      = "stretch"
	ActStretched    = "stretched"
	ActStretchLater = "stretch-later"
)

// Action is a button a reminder offers.
type Action struct {
	Key, Label string
}

// Actions are what r offers to do from the notification itself, where the
// desktop shows buttons on notifications.
func (r Reminder) Actions() []Action {
	if r.Kind == Hydration {
		return []Action{{ActDrink, l10n.Mark("I drank a glass")}, {ActDrinkLater, l10n.Mark("Later")}}
	}
	return []Action{{ActStretch, l10n.Mark("Start the stretch")}, {ActStretched, l10n.Mark("Done")}, {ActStretchLater, l10n.Mark("In 10 minutes")}}
}

// IsAction says whether key is one of the actions a reminder offers.
func IsAction(key string) bool {
	switch key {
	case ActDrink, ActDrinkLater, ActStretch, ActStretched, ActStretchLater:
		return true
	}
	return false
}

// Text is the notification for r where it can carry no buttons, so the
// text says where to act.
func (r Reminder) Text() (title, body string) { return r.TextIn(l10n.English()) }

// TextIn is Text in tr's language.
func (r Reminder) TextIn(tr *l10n.Lang) (title, body string) {
	title, lead, where := r.LinesIn(tr)
	if where == "" {
		return title, lead
	}
	return title, lead + " " + where
}

// Lines splits the reminder into its title, what it says, and where to act
// (the tray menu); a window with its own buttons leaves the last out.
func (r Reminder) Lines() (title, lead, where string) { return r.LinesIn(l10n.English()) }

// LinesIn is Lines in tr's language.
func (r Reminder) LinesIn(tr *l10n.Lang) (title, lead, where string) {
	switch r.Kind {
	case Hydration:
		title = tr.T("Time for a glass of water")
		lead = tr.N("{{.Glasses}} of {{.Count}} glasses today.", r.Goal, l10n.Args{"Glasses": r.Glasses})
		where = tr.T("When you drink, click \"I drank a glass of water\" in the CrampCare tray menu.")
		if r.NearBedtime {
			lead += " " + tr.T("Drink now rather than late in the evening: the reminders stop before bedtime.")
			where = ""
		}
	case Stretch:
		title = tr.T("Time for your evening stretch")
		lead = tr.T("Five minutes of stretching before bed may help prevent night cramps.")
		where = tr.T("Choose \"Start evening stretch\" in the CrampCare tray menu.")
	case StretchFollowUp:
		title = tr.T("Your evening stretch is still waiting")
		lead = tr.T("A few minutes now may spare you a cramp tonight.")
		where = tr.T("Choose \"Start evening stretch\" in the CrampCare tray menu, or \"I stretched\" if you did.")
	}
	return title, lead, where
}
