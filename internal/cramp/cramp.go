// Package cramp defines one logged night cramp and the rules it must obey,
// independent of where it is stored or how it was entered.
package cramp

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
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

// Label is the muscle in the words people use, capitalised for a button;
// "" for unknown. The window, the insights and the report share it.
func (m Muscle) Label() string {
	switch m {
	case MuscleCalf:
		return l10n.Mark("Calf")
	case MuscleThighFront:
		return l10n.Mark("Front of thigh")
	case MuscleThighBack:
		return l10n.Mark("Back of thigh")
	case MuscleFoot:
		return l10n.Mark("Foot")
	}
	return ""
}

// Label is the leg in words, capitalised; "" for unknown.
func (l Leg) Label() string {
	switch l {
	case LegLeft:
		return l10n.Mark("Left leg")
	case LegRight:
		return l10n.Mark("Right leg")
	case LegBoth:
		return l10n.Mark("Both legs")
	}
	return ""
}

// Limits on what is stored: a cramp lasts seconds to about ten minutes (facts
// sheet), so a day-long duration is a typo, and a note is a note, not a book.
const (
	MaxDuration  = 6 * time.Hour
	MaxNoteBytes = 4000
	MaxIntensity = 10
)

// Entry is one cramp as logged. Everything but At is optional: at 3 a.m.
// one click logs it, and the details can wait until the morning.
type Entry struct {
	// ID is this store's key for the cramp, short enough to type in
	// `crampcare edit 12`. UID names the same cramp in every copy of the
	// diary (an export, a backup, another computer), so an import can tell
	// a cramp it already has from a new one even after its time was edited.
	ID        uint64        `json:"id"`
	UID       string        `json:"uid,omitempty"`
	At        time.Time     `json:"at"`
	Leg       Leg           `json:"leg,omitempty"`
	Muscle    Muscle        `json:"muscle,omitempty"`
	Intensity *int          `json:"intensity,omitempty"` // 0-10; nil until the user says
	Duration  time.Duration `json:"duration,omitempty"`  // zero until known
	Note      string        `json:"note,omitempty"`
	// Helped rates each relief step the user tried.
	Helped map[Step]Rating `json:"helped,omitempty"`
	// Triggers and Symptoms use the names in Triggers() and Symptoms().
	Triggers []string `json:"triggers,omitempty"`
	Symptoms []string `json:"symptoms,omitempty"`
	// Sleep is how much sleep the cramp cost, 0 (none) to 10 (the night).
	Sleep *int `json:"sleep,omitempty"`
}

// NeedsDetails reports whether the morning card should ask about this
// cramp: nothing beyond the time was said yet.
func (e Entry) NeedsDetails() bool {
	return e.Leg == "" && e.Muscle == "" && e.Intensity == nil && len(e.Helped) == 0 &&
		len(e.Triggers) == 0 && len(e.Symptoms) == 0 && e.Sleep == nil && e.Note == ""
}

// Step names a quick-relief step (facts sheet: "Quick relief while a cramp
// is happening").
type Step string

// The relief steps, in the default order.
const (
	StepStretch Step = "stretch"
	StepMassage Step = "massage"
	StepStand   Step = "stand"
	StepWarmth  Step = "warmth"
	StepWater   Step = "water"
)

// Steps lists the relief steps in the default order.
func Steps() []Step { return []Step{StepStretch, StepMassage, StepStand, StepWarmth, StepWater} }

// Rating says how much a relief step helped.
type Rating string

// The ratings.
const (
	RatingYes  Rating = "yes"
	RatingSome Rating = "some"
	RatingNo   Rating = "no"
)

// Choice is a named option with the words the user sees. A Retired choice
// is no longer offered but stays valid and readable, so that an old diary
// that holds it still loads, validates and shows it.
type Choice struct {
	Name, Label string
	Retired     bool
}

// Triggers are the possible triggers, offered and retired (facts sheet:
// "Triggers and risk factors"). Offered picks the ones to offer.
func Triggers() []Choice {
	return []Choice{
		{Name: "long-standing", Label: l10n.Mark("Long standing or walking")},
		{Name: "long-sitting", Label: l10n.Mark("Long sitting")},
		{Name: "hard-exercise", Label: l10n.Mark("Hard or new exercise")},
		{Name: "little-water", Label: l10n.Mark("Little to drink")},
		{Name: "heavy-sweating", Label: l10n.Mark("Heavy sweating")},
		// "Caffeine in excess"; no source names alcohol, so the old
		// choice is retired.
		{Name: "caffeine", Label: l10n.Mark("A lot of caffeine")},
		{Name: "caffeine-alcohol", Label: l10n.Mark("Caffeine or alcohol"), Retired: true},
		// "Medicines linked to cramps: diuretics, statins, some
		// blood-pressure drugs".
		{Name: "new-medicine", Label: l10n.Mark("New medicine (e.g. statin, water pill, blood pressure)")},
		{Name: "toes-pointed", Label: l10n.Mark("Toes pointed in bed, tight blankets")},
		{Name: "pregnancy", Label: l10n.Mark("Pregnancy")},
	}
}

// Offered leaves out the retired choices: what a form or a flag offers.
func Offered(choices []Choice) []Choice {
	var out []Choice
	for _, c := range choices {
		if !c.Retired {
			out = append(out, c)
		}
	}
	return out
}

// Symptoms are the warning signs the morning card asks about (facts sheet:
// "When to see a doctor"): the ones that need medical help now, and
// numbness or tingling, which needs a doctor. Package redflags says which
// is which.
func Symptoms() []Choice {
	return []Choice{
		{Name: "swelling", Label: l10n.Mark("Swelling")},
		{Name: "redness-warmth", Label: l10n.Mark("Redness or warmth")},
		{Name: "pale-cold-skin", Label: l10n.Mark("Pale, cold or bluish skin")},
		{Name: "infection", Label: l10n.Mark("Signs of infection (hot, red skin, fever)")},
		{Name: "weakness", Label: l10n.Mark("Muscle weakness")},
		{Name: "numbness-tingling", Label: l10n.Mark("Numbness or tingling")},
	}
}

// Labels gives the words for the names among choices, in the order of
// names; unknown names are left out.
func Labels(names []string, choices []Choice) []string {
	var out []string
	for _, n := range names {
		for _, c := range choices {
			if c.Name == n {
				out = append(out, c.Label)
			}
		}
	}
	return out
}

func validChoice(field, name string, choices []Choice) error {
	for _, c := range choices {
		if c.Name == name {
			return nil
		}
	}
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = c.Name
	}
	return input.Err(field, l10n.Mark("{{.Value}} is not known; use one of {{.Choices}}"), l10n.Args{"Value": fmt.Sprintf("%q", name), "Choices": strings.Join(names, ", ")})
}

// ParseHelped reads "STEP=yes|some|no", as the CLI takes it.
func ParseHelped(s string) (Step, Rating, error) {
	k, v, ok := strings.Cut(s, "=")
	st, r := Step(strings.TrimSpace(k)), Rating(strings.TrimSpace(v))
	if !ok {
		return "", "", input.Err("helped", l10n.Mark("{{.Value}}: use STEP=yes, STEP=some or STEP=no"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	if err := validStep(st); err != nil {
		return "", "", err
	}
	if err := validRating(r); err != nil {
		return "", "", err
	}
	return st, r, nil
}

func validStep(st Step) error {
	for _, x := range Steps() {
		if x == st {
			return nil
		}
	}
	return input.Err("helped", l10n.Mark("{{.Value}} is not a relief step; use stretch, massage, stand, warmth or water"), l10n.Args{"Value": fmt.Sprintf("%q", st)})
}

func validRating(r Rating) error {
	switch r {
	case RatingYes, RatingSome, RatingNo:
		return nil
	}
	return input.Err("helped", l10n.Mark("{{.Value}} is not a rating; use yes, some or no"), l10n.Args{"Value": fmt.Sprintf("%q", r)})
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
	return "", input.Err("leg", l10n.Mark("{{.Value}} is not a leg; use left, right or both"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
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
	return "", input.Err("muscle", l10n.Mark("{{.Value}} is not a muscle; use calf, thigh-front, thigh-back or foot"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
}

// Validate checks every field against now, so that the CLI, the window and
// the API refuse the same things with the same words.
func (e Entry) Validate(now time.Time) error {
	// A minute of slack: the window's clock and the agent's may differ a
	// bit. Nothing before 1900: the store could not keep it in order.
	if err := input.CheckPast("at", e.At, now); err != nil {
		return err
	}
	if _, err := ParseLeg(string(e.Leg)); err != nil {
		return err
	}
	if _, err := ParseMuscle(string(e.Muscle)); err != nil {
		return err
	}
	if e.Intensity != nil && (*e.Intensity < 0 || *e.Intensity > MaxIntensity) {
		return input.Err("intensity", l10n.Mark("{{.N}} is out of range; use 0 to {{.Max}}"), l10n.Args{"N": *e.Intensity, "Max": MaxIntensity})
	}
	if e.Duration < 0 {
		return input.Err("duration", l10n.Mark("must not be negative"))
	}
	if e.Duration > MaxDuration {
		return input.Err("duration", l10n.Mark("{{.Value}} is longer than the {{.Max}} allowed"), l10n.Args{"Value": e.Duration, "Max": MaxDuration})
	}
	// A cramp cannot have lasted past now: a time moved later, or a length
	// made longer, must still end by now (with the same slack as "at").
	if end := e.At.Add(e.Duration); e.Duration > 0 && end.After(now.Add(input.Slack)) {
		at, d := e.At, e.Duration
		return input.ErrSaid("duration", func(tr *l10n.Lang) string {
			args := l10n.Args{"At": tr.Time(at), "End": tr.Time(end)}
			if d < time.Minute {
				return tr.N("a cramp at {{.At}} lasting {{.Count}} seconds would end at {{.End}}, which has not come yet", int(d/time.Second), args)
			}
			return tr.N("a cramp at {{.At}} lasting {{.Count}} minutes would end at {{.End}}, which has not come yet", int(d.Round(time.Minute)/time.Minute), args)
		})
	}
	if len(e.Note) > MaxNoteBytes {
		return input.Err("note", l10n.Mark("is {{.N}} bytes; keep it under {{.Max}}"), l10n.Args{"N": len(e.Note), "Max": MaxNoteBytes})
	}
	if !utf8.ValidString(e.Note) {
		return input.Err("note", l10n.Mark("is not valid text (UTF-8)"))
	}
	for st, r := range e.Helped {
		if err := validStep(st); err != nil {
			return err
		}
		if err := validRating(r); err != nil {
			return err
		}
	}
	for _, t := range e.Triggers {
		if err := validChoice("trigger", t, Triggers()); err != nil {
			return err
		}
	}
	for _, s := range e.Symptoms {
		if err := validChoice("symptom", s, Symptoms()); err != nil {
			return err
		}
	}
	if e.Sleep != nil && (*e.Sleep < 0 || *e.Sleep > 10) {
		return input.Err("sleep", l10n.Mark("{{.N}} is out of range; use 0 to 10"), l10n.Args{"N": *e.Sleep})
	}
	return nil
}

// RedFlags returns the labels of the warning signs logged with e, in the
// order of Symptoms (package redflags says how soon each needs help).
func (e Entry) RedFlags() []string {
	var out []string
	for _, c := range Symptoms() {
		for _, s := range e.Symptoms {
			if s == c.Name {
				out = append(out, c.Label)
			}
		}
	}
	return out
}

// LabelsIn is Labels in tr's language.
func LabelsIn(tr *l10n.Lang, names []string, choices []Choice) []string {
	out := Labels(names, choices)
	for i := range out {
		out[i] = tr.T(out[i])
	}
	return out
}
