// Package relief is what to do while a cramp is happening: the steps in our
// own words (from shared/content/cramp-facts.md, "Quick relief while a
// cramp is happening"), the stretch that fits the muscle, and the order that
// has helped this person most.
package relief

import (
	"sort"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
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
}

// Steps returns the relief steps in the default order, with the stretch
// that fits muscle (the calf stretch when the muscle is not known yet).
func Steps(muscle cramp.Muscle) []Step {
	return []Step{
		stretchFor(muscle),
		{ID: cramp.StepMassage, Title: "Massage it", Text: "Knead the hard muscle with both hands, firmly, in small circles.", Hold: 30 * time.Second, Picture: "relief-massage"},
		{ID: cramp.StepStand, Title: "Stand on it", Text: "Stand up and put your weight on that leg, or walk a few steps. This stretches the calf and may stop the cramp coming back.", Picture: "relief-stand"},
		{ID: cramp.StepWarmth, Title: "Add warmth", Text: "A heating pad, a hot water bottle or a warm towel may relax the muscle. If the leg is swollen, use something cold instead.", Picture: "relief-warmth"},
		{ID: cramp.StepWater, Title: "Drink some water", Text: "Have a glass of water. The muscle may stay sore for a while; that is common.", Picture: "relief-water"},
	}
}

// stretchFor gives the stretch for a muscle. The calf stretch is from the
// facts sheet. The other three are common physiotherapy stretches that the
// facts sheet lists as ones the app may add; their wording follows the NHS
// "Leg cramps" guidance (stretch and massage the muscle) and the standard
// hamstring, quadriceps and plantar stretches in the Mayo Clinic slide show
// "Stretching: Focus on flexibility".
func stretchFor(m cramp.Muscle) Step {
	s := Step{ID: cramp.StepStretch, Title: "Stretch the muscle", Hold: 30 * time.Second}
	switch m {
	case cramp.MuscleThighBack:
		s.Text = "Sit with the leg straight out in front of you. Reach gently toward your toes until you feel the back of the thigh stretch. Hold it."
		s.Picture = "stretch-thigh-back"
	case cramp.MuscleThighFront:
		s.Text = "Stand with one hand on a wall or chair. Bend the knee and pull your foot gently toward your bottom. Hold it."
		s.Picture = "stretch-thigh-front"
	case cramp.MuscleFoot:
		s.Text = "Pull your toes back toward your shin with your hand. Hold it, then stand on the foot."
		s.Picture = "stretch-foot"
	default:
		s.Text = "Straighten your leg. Pull your foot and toes up toward your shin, gently. Hold until the muscle lets go."
		s.Picture = "relief-stretch-calf"
	}
	return s
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
// the default order.
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
	sort.SliceStable(out, func(i, j int) bool { return score(out[i]) > score(out[j]) })
	return out, stats
}
