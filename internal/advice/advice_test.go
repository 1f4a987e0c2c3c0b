package advice

import (
	"strings"
	"testing"
)

// The wording rules from the design: short sentences, second person, never
// a cure or a diagnosis.
func TestWordingRules(t *testing.T) {
	var all []string
	for _, s := range append(ReliefSteps(), EveningRoutine()...) {
		if s.Title == "" || s.Text == "" {
			t.Errorf("empty step %+v", s)
		}
		all = append(all, s.Title, s.Text)
	}
	all = append(all, SeeDoctor()...)
	all = append(all, GetHelpSoon()...)
	for _, s := range all {
		low := strings.ToLower(s)
		for _, banned := range []string{"cure", "diagnos", "guarantee"} {
			if strings.Contains(low, banned) {
				t.Errorf("%q: says %q", s, banned)
			}
		}
	}
	if len(GetHelpSoon()) != 4 || len(SeeDoctor()) != 6 {
		t.Errorf("red flags: %d prompt, %d see-a-doctor; the facts sheet lists 4 and 6", len(GetHelpSoon()), len(SeeDoctor()))
	}
}
