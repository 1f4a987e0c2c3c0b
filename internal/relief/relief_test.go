package relief

import (
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
)

func ids(steps []Step) []cramp.Step {
	var out []cramp.Step
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}

func TestStepsPerMuscle(t *testing.T) {
	for m, pic := range map[cramp.Muscle]string{
		"": "relief-stretch-calf", cramp.MuscleCalf: "relief-stretch-calf", cramp.MuscleThighBack: "stretch-thigh-back",
		cramp.MuscleThighFront: "stretch-thigh-front", cramp.MuscleFoot: "stretch-foot",
	} {
		s := Steps(m)
		if len(s) != 5 || s[0].ID != cramp.StepStretch || s[0].Picture != pic || s[0].Hold != 30*time.Second {
			t.Errorf("muscle %q: first step %+v", m, s[0])
		}
		for _, st := range s {
			if st.Title == "" || st.Text == "" || st.Picture == "" {
				t.Errorf("muscle %q: incomplete step %+v", m, st)
			}
		}
	}
}

func TestPersonalOrder(t *testing.T) {
	rate := func(h map[cramp.Step]cramp.Rating) cramp.Entry { return cramp.Entry{Helped: h} }
	yes, some, no := cramp.RatingYes, cramp.RatingSome, cramp.RatingNo
	history := []cramp.Entry{
		rate(map[cramp.Step]cramp.Rating{cramp.StepStretch: no, cramp.StepStand: yes}),
		rate(map[cramp.Step]cramp.Rating{cramp.StepStretch: no, cramp.StepStand: yes, cramp.StepWarmth: some}),
	}
	steps := Steps("")
	// Two rated cramps are not enough: default order.
	got, stats := Personal(steps, history)
	if ids(got)[0] != cramp.StepStretch {
		t.Errorf("with 2 rated cramps the order changed: %v", ids(got))
	}
	if stats[cramp.StepStand] != (Stat{Helped: 2, Rated: 2}) {
		t.Errorf("stand stats %+v", stats[cramp.StepStand])
	}
	history = append(history, rate(map[cramp.Step]cramp.Rating{cramp.StepStand: yes, cramp.StepWarmth: no}), cramp.Entry{})
	got, stats = Personal(steps, history)
	want := []cramp.Step{cramp.StepStand, cramp.StepMassage, cramp.StepWarmth, cramp.StepStretch, cramp.StepWater}
	if g := ids(got); len(g) != len(want) || g[0] != want[0] || g[len(g)-1] != want[len(want)-1] {
		t.Errorf("order %v, want %v", g, want)
	}
	if stats[cramp.StepStand] != (Stat{Helped: 3, Rated: 3}) || stats[cramp.StepWarmth] != (Stat{Helped: 1, Rated: 2}) {
		t.Errorf("stats %+v", stats)
	}
	// The default slice is not reordered in place.
	if steps[0].ID != cramp.StepStretch {
		t.Error("Personal changed its input")
	}
}

// Water is for afterwards: a glass once the cramp is over, never ranked
// above a step that acts on the muscle, however often it "helped".
func TestWaterNeverRankedAbovePhysicalSteps(t *testing.T) {
	var history []cramp.Entry
	for range 5 {
		history = append(history, cramp.Entry{Helped: map[cramp.Step]cramp.Rating{
			cramp.StepWater: cramp.RatingYes, cramp.StepStretch: cramp.RatingNo, cramp.StepMassage: cramp.RatingNo,
			cramp.StepStand: cramp.RatingNo, cramp.StepWarmth: cramp.RatingNo}})
	}
	got, _ := Personal(Steps(""), history)
	if last := got[len(got)-1]; last.ID != cramp.StepWater || !last.Afterwards {
		t.Errorf("order %v: water must stay last", ids(got))
	}
	for _, s := range During(got) {
		if s.ID == cramp.StepWater {
			t.Error("water offered while the cramp is happening")
		}
	}
	if len(During(got)) != 4 {
		t.Errorf("%d steps during the cramp, want 4", len(During(got)))
	}
}

// The stretch fits the muscle and names it; standing is "if you can", and
// only the calf is said to be stretched by standing; a swollen leg is sent
// to help before any warmth, and no cold is offered.
func TestWordingFitsTheMuscle(t *testing.T) {
	for _, m := range append(cramp.Muscles(), "") {
		steps := Steps(m)
		stretch, stand, warmth := steps[0], steps[2], steps[3]
		label := strings.ToLower(m.Label())
		if m == "" {
			label = "muscle"
		}
		if !strings.Contains(strings.ToLower(stretch.Title), strings.Split(label, " ")[len(strings.Split(label, " "))-1]) {
			t.Errorf("muscle %q: stretch titled %q", m, stretch.Title)
		}
		if !strings.Contains(stand.Text, "If you can") {
			t.Errorf("muscle %q: standing %q is not 'if you can'", m, stand.Text)
		}
		if calf := strings.Contains(stand.Text, "calf"); calf != (m == "" || m == cramp.MuscleCalf) {
			t.Errorf("muscle %q: standing text %q", m, stand.Text)
		}
		if !strings.HasPrefix(warmth.Text, "First: a leg that is swollen") || strings.Contains(warmth.Text, "cold") {
			t.Errorf("warmth %q", warmth.Text)
		}
	}
}
