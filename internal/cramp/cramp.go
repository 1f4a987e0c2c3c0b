// Package cramp defines one logged night cramp and the rules it must obey,
// independent of where it is stored or how it was entered.
package cramp

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crampcare/crampcare/internal/input"
)

// Leg says which leg cramped. The zero value means "not said yet": at 3 a.m.
// the details wait until the morning.
type Leg string

// The legs a cramp can be in.
const (
	LegLeft  Leg = "left"
	LegRight Leg = "right"
	LegBoth  Leg = "both"
)

// Legs lists the valid legs in display order.
func Legs() []Leg { return []Leg{LegLeft, LegRight, LegBoth} }

// Muscle says which muscle cramped (facts sheet: calf most often, also the
// front and back of the thigh and the foot). The zero value means unknown.
type Muscle string

// The muscles a cramp can be in.
const (
	MuscleCalf       Muscle = "calf"
	MuscleThighFront Muscle = "thigh-front"
	MuscleThighBack  Muscle = "thigh-back"
	MuscleFoot       Muscle = "foot"
)

// Muscles lists the valid muscles in display order.
func Muscles() []Muscle {
	return []Muscle{MuscleCalf, MuscleThighFront, MuscleThighBack, MuscleFoot}
}

// Limits on what is stored: a cramp lasts seconds to about ten minutes (facts
// sheet), so a day-long duration is a typo, and a note is a note, not a book.
const (
	MaxDuration  = 6 * time.Hour
	MaxNoteBytes = 4000
	MaxIntensity = 10
)

// Entry is one cramp as logged.
type Entry struct {
	ID        uint64        `json:"id"`
	At        time.Time     `json:"at"`
	Leg       Leg           `json:"leg,omitempty"`
	Muscle    Muscle        `json:"muscle,omitempty"`
	Intensity *int          `json:"intensity,omitempty"` // 0-10; nil until the user says
	Duration  time.Duration `json:"duration,omitempty"`  // zero until known
	Note      string        `json:"note,omitempty"`
}

// ParseLeg accepts a leg name, or "" for unknown.
func ParseLeg(s string) (Leg, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, l := range Legs() {
		if string(l) == s {
			return l, nil
		}
	}
	return "", input.Errorf("leg", "%q is not a leg; use left, right or both", s)
}

// ParseMuscle accepts a muscle name, or "" for unknown.
func ParseMuscle(s string) (Muscle, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, m := range Muscles() {
		if string(m) == s {
			return m, nil
		}
	}
	return "", input.Errorf("muscle", "%q is not a muscle; use calf, thigh-front, thigh-back or foot", s)
}

// Validate checks every field against now, so that the CLI, the window and
// the API refuse the same things with the same words.
func (e Entry) Validate(now time.Time) error {
	if e.At.IsZero() {
		return input.Errorf("at", "the time is missing")
	}
	// A minute of slack: the window's clock and the agent's may differ a bit.
	if e.At.After(now.Add(time.Minute)) {
		return input.Errorf("at", "%s is in the future", e.At.Format("2006-01-02 15:04"))
	}
	if _, err := ParseLeg(string(e.Leg)); err != nil {
		return err
	}
	if _, err := ParseMuscle(string(e.Muscle)); err != nil {
		return err
	}
	if e.Intensity != nil && (*e.Intensity < 0 || *e.Intensity > MaxIntensity) {
		return input.Errorf("intensity", "%d is out of range; use 0 to %d", *e.Intensity, MaxIntensity)
	}
	if e.Duration < 0 {
		return input.Errorf("duration", "must not be negative")
	}
	if e.Duration > MaxDuration {
		return input.Errorf("duration", "%s is longer than the %s allowed", e.Duration, MaxDuration)
	}
	if len(e.Note) > MaxNoteBytes {
		return input.Errorf("note", "is %d bytes; keep it under %d", len(e.Note), MaxNoteBytes)
	}
	if !utf8.ValidString(e.Note) {
		return input.Errorf("note", "is not valid text (UTF-8)")
	}
	return nil
}
