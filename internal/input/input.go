// Package input parses and validates what a person types or clicks, so that
// every face of the app (CLI, window, API) refuses bad input the same way and
// names the field at fault.
package input

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
)

// ErrInvalid is the sentinel all input errors wrap: the CLI maps it to exit
// code 2 and the API to the "invalid" error code.
var ErrInvalid = errors.New("invalid input")

// Error names the field that was refused and says what is allowed.
type Error struct {
	Field   string
	Message string // in English, for logs and the API
	// ID and Args are Message as a catalogue message, to say it in the
	// person's language (In); ID is "" for an error built with Errorf.
	ID   string
	Args l10n.Args
	// say says the message in a language, for messages with a plural or
	// a time of day (ErrSaid); nil otherwise.
	say func(*l10n.Lang) string
}

// ErrSaid builds a field error whose words say says in any language (with
// tr.N for a count, tr.Time for a time of day); Message is its English.
func ErrSaid(field string, say func(tr *l10n.Lang) string) error {
	return &Error{Field: field, Message: say(l10n.English()), say: say}
}

// Err builds a field error whose words can be said in any language: id
// is the English message, marked with l10n.Mark where it is written, its
// placeholders filled from args.
func Err(field, id string, args ...l10n.Args) error {
	e := &Error{Field: field, ID: id}
	if len(args) > 0 {
		e.Args = args[0]
	}
	e.Message = l10n.English().T(id, e.Args)
	return e
}

// MessageIn is the message in tr's language (without the field).
func (e *Error) MessageIn(tr *l10n.Lang) string {
	if e.say != nil {
		return e.say(tr)
	}
	if e.ID == "" {
		return e.Message
	}
	return tr.T(e.ID, e.Args)
}

// In is Error in tr's language: the field's name (a key, as the CLI and
// the API spell it) and the message.
func (e *Error) In(tr *l10n.Lang) string {
	if e.Field == "" {
		return e.MessageIn(tr)
	}
	return e.Field + ": " + e.MessageIn(tr)
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Unwrap lets errors.Is(err, ErrInvalid) hold for every field error.
func (e *Error) Unwrap() error { return ErrInvalid }

// Errorf builds a field error.
func Errorf(field, format string, args ...any) error {
	return &Error{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Clock is a time of day, minutes after midnight, as in "21:30".
type Clock int

// ParseClock reads "HH:MM" (24-hour).
func ParseClock(field, s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, Err(field, l10n.Mark("{{.Value}} is not a time of day; use HH:MM, for example 21:30"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, Err(field, l10n.Mark("{{.Value}} is not a time of day; use HH:MM from 00:00 to 23:59"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	return Clock(hh*60 + mm), nil
}

// String formats the clock as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// On returns the clock's moment on the calendar day of t, in t's location.
// time.Date normalises across DST gaps, so 02:30 on a spring-forward day
// still yields a real instant. For the latest past such moment, which is
// what a person means by a bare HH:MM, use Latest.
func (c Clock) On(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, int(c)/60, int(c)%60, 0, 0, t.Location())
}

// Latest returns the most recent moment at or before now when a clock in
// now's location showed c: at 07:00, 23:40 means last night.
//
// Clock changes make "the day's 02:30" ambiguous, so every instant is
// considered rather than one per day:
//   - in autumn the hour before the change is shown twice (in Berlin 02:00
//     to 03:00 on the last Sunday of October, first in summer time, then in
//     winter time); the later one that is already past is taken, so at 02:45
//     summer time, 02:30 is 15 minutes ago, not yesterday;
//   - in spring the hour is skipped (02:00 becomes 03:00), so no clock that
//     changed on time showed 02:30. Once the clocks have changed, a person
//     may mean what a clock not yet changed showed, or one changed early:
//     both are candidates (02:30 by the old and by the new offset, an hour
//     apart), and again the latest past one is taken. The next morning 02:30
//     is 03:30 summer time; at 03:10 summer time it is 01:30 winter time, 40
//     minutes ago. Before the change (at 01:00 winter time) 02:30 is
//     yesterday's, as on any other day.
func (c Clock) Latest(now time.Time) time.Time {
	loc := now.Location()
	var best time.Time
	y, mo, d := now.Date()
	// Three calendar days back cover any clock time, even one skipped by
	// a change at midnight.
	for back := 0; back < 3; back++ {
		for _, t := range c.instants(y, mo, d-back, loc, now) {
			if !t.After(now) && t.After(best) {
				best = t
			}
		}
	}
	return best
}

// instants lists the moments of day y-mo-d in loc when a clock showed c:
// one on most days, two in the repeated hour, and, in the skipped hour once
// now is past the change, the readings by the offsets on either side of it.
func (c Clock) instants(y int, mo time.Month, d int, loc *time.Location, now time.Time) []time.Time {
	// The wall time as if it were UTC; each offset in force around that
	// day turns it into one candidate instant.
	wall := time.Date(y, mo, d, int(c)/60, int(c)%60, 0, 0, time.UTC)
	var offsets []int
	for _, h := range []time.Duration{-36, -12, 0, 12, 36} {
		_, off := wall.Add(h * time.Hour).In(loc).Zone()
		if !slices.Contains(offsets, off) {
			offsets = append(offsets, off)
		}
	}
	var real, skipped []time.Time
	for _, off := range offsets {
		t := wall.Add(-time.Duration(off) * time.Second).In(loc)
		skipped = append(skipped, t)
		if ty, tm, td := t.Date(); ty == wall.Year() && tm == wall.Month() && td == wall.Day() &&
			t.Hour() == wall.Hour() && t.Minute() == wall.Minute() {
			real = append(real, t)
		}
	}
	if len(real) > 0 || len(skipped) == 0 {
		return real
	}
	// Skipped by a clock change, which happened where the later reading's
	// zone began: only once it has happened does the time mean anything.
	later := slices.MaxFunc(skipped, func(a, b time.Time) int { return a.Compare(b) })
	if change, _ := later.ZoneBounds(); now.Before(change) {
		return nil
	}
	return skipped
}

// Earliest and Latest bound every moment CrampCare keeps. The store keys
// records by nanoseconds since 1970 in 64 bits, which runs from 1678 to
// 2262: outside that, times wrap around (a glass dated 1600 would count
// as drunk in 2185). A diary of night cramps has nothing before 1900, and
// a pause or reminder needs nothing past 2200.
func Earliest() time.Time { return time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) }

// LatestKept is the end of the range Earliest begins: see there.
func LatestKept() time.Time { return time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) }

// Slack is how far in the future a logged moment may be: the window's
// clock and the agent's may differ a little.
const Slack = time.Minute

// CheckPast checks a logged moment (a cramp, a glass, a stretch): it must
// be given, not before Earliest and not after now plus Slack. The domain
// types call it, so the CLI, the window, the API and an import refuse the
// same moments with the same words.
func CheckPast(field string, t, now time.Time) error {
	return CheckPastWithin(field, t, now, Slack)
}

// CheckPastWithin is CheckPast with more room for the future: an import
// allows for another computer's clock being ahead.
func CheckPastWithin(field string, t, now time.Time, slack time.Duration) error {
	if t.IsZero() {
		return Err(field, l10n.Mark("the time is missing"))
	}
	return checkPast(field, t, now.Add(slack))
}

func checkPast(field string, t, latest time.Time) error {
	switch {
	case t.Before(Earliest()):
		return Err(field, l10n.Mark("{{.Time}} is before {{.Year}}; CrampCare keeps nothing that old"), l10n.Args{"Time": t.Format("2006-01-02 15:04"), "Year": Earliest().Year()})
	case t.After(latest):
		return Err(field, l10n.Mark("{{.Time}} is in the future"), l10n.Args{"Time": t.Format("2006-01-02 15:04")})
	}
	return nil
}

// CheckKept checks a moment that may lie ahead (the end of a pause): it
// must lie between Earliest and LatestKept.
func CheckKept(field string, t time.Time) error {
	if t.Before(Earliest()) || !t.Before(LatestKept()) {
		return Err(field, l10n.Mark("{{.Time}} is out of range; use a time from {{.Min}} to {{.Max}}"), l10n.Args{"Time": t.Format("2006-01-02 15:04"), "Min": Earliest().Year(), "Max": LatestKept().Year() - 1})
	}
	return nil
}

// ParseTime reads a moment in the past, in the forms people type:
//   - RFC 3339 ("2026-11-23T03:10:00+01:00");
//   - "HH:MM": the most recent such time (see Clock.Latest): at 07:00,
//     "23:40" means last night, which is what a person logging a night
//     cramp in the morning means;
//   - an offset back from now: "-2h", "-90m", "-1h30m";
//   - "now".
//
// A moment in the future, or before Earliest, is refused.
func ParseTime(field, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	var t time.Time
	switch {
	case s == "" || s == "now":
		return now, nil
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+"):
		d, err := time.ParseDuration(s)
		if err != nil {
			return time.Time{}, Err(field, l10n.Mark("{{.Value}} is not an offset; use for example -2h or -45m"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
		}
		t = now.Add(d)
	case len(s) <= 5 && strings.Contains(s, ":"):
		c, err := ParseClock(field, s)
		if err != nil {
			return time.Time{}, err
		}
		t = c.Latest(now)
	default:
		var err error
		t, err = time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, Err(field, l10n.Mark("{{.Value}} is not a time; use RFC 3339 (2026-11-23T03:10:00Z), HH:MM or an offset like -2h"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
		}
	}
	if err := checkPast(field, t, now); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// ParseDuration reads a positive duration such as "90s" or "3m", capped at
// max so that a typo ("30h" for "30s") is caught rather than stored.
func ParseDuration(field, s string, max time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, Err(field, l10n.Mark("{{.Value}} is not a duration; use for example 90s or 3m"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	if d <= 0 {
		return 0, Err(field, l10n.Mark("{{.Value}} must be more than zero"), l10n.Args{"Value": s})
	}
	if d > max {
		return 0, Err(field, l10n.Mark("{{.Value}} is longer than the {{.Max}} allowed"), l10n.Args{"Value": s, "Max": max})
	}
	return d, nil
}

// ParseInt reads a whole number in [min, max].
func ParseInt(field, s string, min, max int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < min || n > max {
		return 0, Err(field, l10n.Mark("{{.Value}} must be a whole number from {{.Min}} to {{.Max}}"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Min": min, "Max": max})
	}
	return n, nil
}
