// Package input parses and validates what a person types or clicks, so that
// every face of the app (CLI, window, API) refuses bad input the same way and
// names the field at fault.
package input

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid is the sentinel all input errors wrap: the CLI maps it to exit
// code 2 and the API to the "invalid" error code.
var ErrInvalid = errors.New("invalid input")

// Error names the field that was refused and says what is allowed.
type Error struct {
	Field   string
	Message string
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
		return 0, Errorf(field, "%q is not a time of day; use HH:MM, for example 21:30", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, Errorf(field, "%q is not a time of day; use HH:MM from 00:00 to 23:59", s)
	}
	return Clock(hh*60 + mm), nil
}

// String formats the clock as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// On returns the clock's moment on the calendar day of t, in t's location.
// time.Date normalises across DST gaps, so 02:30 on a spring-forward day
// still yields a real instant.
func (c Clock) On(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, int(c)/60, int(c)%60, 0, 0, t.Location())
}

// ParseTime reads a moment in the past, in the forms people type:
//   - RFC 3339 ("2026-11-23T03:10:00+01:00");
//   - "HH:MM": the most recent such time, today or, if that is still ahead,
//     yesterday (at 07:00, "23:40" means last night, which is what a person
//     logging a night cramp in the morning means);
//   - an offset back from now: "-2h", "-90m", "-1h30m";
//   - "now".
//
// A moment in the future is refused.
func ParseTime(field, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	var t time.Time
	switch {
	case s == "" || s == "now":
		return now, nil
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+"):
		d, err := time.ParseDuration(s)
		if err != nil {
			return time.Time{}, Errorf(field, "%q is not an offset; use for example -2h or -45m", s)
		}
		t = now.Add(d)
	case len(s) <= 5 && strings.Contains(s, ":"):
		c, err := ParseClock(field, s)
		if err != nil {
			return time.Time{}, err
		}
		t = c.On(now)
		if t.After(now) {
			t = c.On(now.AddDate(0, 0, -1))
		}
	default:
		var err error
		t, err = time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, Errorf(field, "%q is not a time; use RFC 3339 (2026-11-23T03:10:00Z), HH:MM or an offset like -2h", s)
		}
	}
	if t.After(now) {
		return time.Time{}, Errorf(field, "%s is in the future", t.Format("2006-01-02 15:04"))
	}
	return t, nil
}

// ParseDuration reads a positive duration such as "90s" or "3m", capped at
// max so that a typo ("30h" for "30s") is caught rather than stored.
func ParseDuration(field, s string, max time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, Errorf(field, "%q is not a duration; use for example 90s or 3m", s)
	}
	if d <= 0 {
		return 0, Errorf(field, "%s must be more than zero", s)
	}
	if d > max {
		return 0, Errorf(field, "%s is longer than the %s allowed", s, max)
	}
	return d, nil
}

// ParseInt reads a whole number in [min, max].
func ParseInt(field, s string, min, max int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < min || n > max {
		return 0, Errorf(field, "%q must be a whole number from %d to %d", s, min, max)
	}
	return n, nil
}
