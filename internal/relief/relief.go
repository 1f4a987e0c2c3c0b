// Package relief is what to do while a cramp is happening: the steps (their
// words come from package advice, which says where each comes from), the
// stretch that fits the muscle, and the order that has helped this person
// most.
package relief

import (
	"sort"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
)

// Step is one relief step as shown in the relief window.
type Step struct {
	ID    cramp.Step
	Title string
	Text  string
	// Hold is how long to keep at it, counted down on screen; zero means
	// no countdown.
	Hold time.Duration
	// Picture names the illustration in assets/illustrations, without
	// ".svg".
	Picture string
	// Parts are the messages Text is made of (joined by a space), for
	// TextIn; empty when Text is one message.
	Parts []string
	// Afterwards steps are for once the cramp is over (a glass of water):
	// the relief window shows them after "It's over", and they are never
	// ranked above the steps that act on the muscle.
	Afterwards bool
}

// Steps returns the relief steps in the default order, with the stretch
// that fits muscle (the calf stretch when the muscle is not known yet),
// and last the step for afterwards. The facts sheet treats water as
// prevention: a glass once the cramp is over, never ranked above
// stretching, massage, standing or warmth.
func Steps(muscle cramp.Muscle) []Step {
	stand := advice.Get(advice.ReliefStand)
	standText := stand.Text
	var standParts []string
	if muscle == "" || muscle == cramp.MuscleCalf {
		standText += " " + advice.Text(advice.ReliefStandCalf)
		standParts = []string{stand.Text, advice.Text(advice.ReliefStandCalf)}
	}
	massage, warmth, water := advice.Get(advice.ReliefMassage), advice.Get(advice.ReliefWarmth), advice.Get(advice.AfterWater)
	return []Step{
		Stretch(muscle),
		{ID: cramp.StepMassage, Title: massage.Title, Text: massage.Text, Hold: 30 * time.Second, Picture: "relief-massage"},
		{ID: cramp.StepStand, Title: stand.Title, Text: standText, Parts: standParts, Picture: "relief-stand"},
		{ID: cramp.StepWarmth, Title: warmth.Title, Text: warmth.Text, Picture: "relief-warmth"},
		{ID: cramp.StepWater, Title: water.Title, Text: water.Text, Picture: "relief-water", Afterwards: true},
	}
}

// TitleIn is the step's title in tr's language.
func (s Step) TitleIn(tr *l10n.Lang) string { return tr.T(s.Title) }

// TextIn is the step's text in tr's language.
func (s Step) TextIn(tr *l10n.Lang) string {
	if len(s.Parts) == 0 {
		return tr.T(s.Text)
	}
	out := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		out[i] = tr.T(p)
	}
	return strings.Join(out, " ")
}

// During is the steps for while the cramp is happening: Steps without the
// ones for afterwards.
func During(steps []Step) []Step {
	var out []Step
	for _, s := range steps {
		if !s.Afterwards {
			out = append(out, s)
		}
	}
	return out
}

// Stretch gives the stretch for a muscle. The calf stretch is from the
// facts sheet; the other three are common physiotherapy stretches, whose
// source advice.CiteStretches names.
func Stretch(m cramp.Muscle) Step {
	id, pic := advice.StretchCalf, "relief-stretch-calf"
	switch m {
	case cramp.MuscleThighBack:
		id, pic = advice.StretchThighBack, "stretch-thigh-back"
	case cramp.MuscleThighFront:
		id, pic = advice.StretchThighFront, "stretch-thigh-front"
	case cramp.MuscleFoot:
		id, pic = advice.StretchFoot, "stretch-foot"
	}
	it := advice.Get(id)
	if m == "" {
		// The muscle is not known (a summary over all cramps, say): the
		// calf's stretch, under a title that fits every muscle.
		it.Title = l10n.Mark("Stretch the muscle")
	}
	return Step{ID: cramp.StepStretch, Title: it.Title, Text: it.Text, Hold: 30 * time.Second, Picture: pic}
}

// Stat is how often a step helped this person.
type Stat struct {
	Helped int // rated "yes" or "some"
	Rated  int
}

// MinRated is how many cramps must have ratings before the order becomes
// personal: one good night proves nothing.
const MinRated = 3

// Personal orders steps by what helped this person most, once at least
// MinRated cramps carry ratings, and returns each step's record. Steps
// never rated keep their place after the rated ones that helped; ties keep
// the default order; the steps for afterwards stay last, however much
// they helped.
func Personal(steps []Step, history []cramp.Entry) ([]Step, map[cramp.Step]Stat) {
	stats := map[cramp.Step]Stat{}
	rated := 0
	for _, e := range history {
		if len(e.Helped) > 0 {
			rated++
		}
		for st, r := range e.Helped {
			s := stats[st]
			s.Rated++
			if r == cramp.RatingYes || r == cramp.RatingSome {
				s.Helped++
			}
			stats[st] = s
		}
	}
	out := append([]Step(nil), steps...)
	if rated < MinRated {
		return out, stats
	}
	score := func(s Step) float64 {
		st := stats[s.ID]
		if st.Rated == 0 {
			return 0.5 // unknown: between what helped and what did not
		}
		return float64(st.Helped) / float64(st.Rated)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Afterwards != out[j].Afterwards {
			return !out[i].Afterwards // afterwards steps stay last
		}
		return score(out[i]) > score(out[j])
	})
	return out, stats
}
