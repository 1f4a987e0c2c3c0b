package cramp

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

func TestValidate(t *testing.T) {
	now := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	n := func(i int) *int { return &i }
	good := Entry{At: now.Add(-time.Hour), Leg: LegLeft, Muscle: MuscleCalf, Intensity: n(7), Duration: 90 * time.Second,
		Note: "ouch — zu früh", Helped: map[Step]Rating{StepStretch: RatingYes, StepWater: RatingNo},
		Triggers: []string{"long-standing"}, Symptoms: []string{"swelling"}, Sleep: n(4)}
	if err := good.Validate(now); err != nil {
		t.Fatalf("good entry refused: %v", err)
	}
	bad := map[string]func(e *Entry){
		"at":        func(e *Entry) { e.At = now.Add(time.Hour) },
		"leg":       func(e *Entry) { e.Leg = "middle" },
		"muscle":    func(e *Entry) { e.Muscle = "neck" },
		"intensity": func(e *Entry) { e.Intensity = n(11) },
		"duration":  func(e *Entry) { e.Duration = -time.Second },
		// Issue 14: a time or length edited so the cramp ends after now.
		"duration ": func(e *Entry) { e.Duration = 61*time.Minute + input.Slack },
		"note":      func(e *Entry) { e.Note = strings.Repeat("x", 100_000) },
		"helped":    func(e *Entry) { e.Helped = map[Step]Rating{"yoga": RatingYes} },
		"trigger":   func(e *Entry) { e.Triggers = []string{"moon"} },
		"symptom":   func(e *Entry) { e.Symptoms = []string{"itch"} },
		"sleep":     func(e *Entry) { e.Sleep = n(-1) },
	}
	for field, spoil := range bad {
		e := good
		spoil(&e)
		err := e.Validate(now)
		var ie *input.Error
		if !errors.As(err, &ie) || ie.Field != strings.TrimSpace(field) {
			t.Errorf("%s: err = %v, want an input error on %s", field, err, field)
		}
	}
	if got := good.RedFlags(); len(got) != 1 || got[0] != "Swelling" {
		t.Errorf("RedFlags = %v", got)
	}
	if good.NeedsDetails() || !(Entry{At: now}).NeedsDetails() {
		t.Error("NeedsDetails wrong")
	}
}

func TestParseHelped(t *testing.T) {
	st, r, err := ParseHelped("massage=some")
	if err != nil || st != StepMassage || r != RatingSome {
		t.Errorf("= %v %v %v", st, r, err)
	}
	for _, s := range []string{"massage", "massage=lots", "dance=yes"} {
		if _, _, err := ParseHelped(s); !errors.Is(err, input.ErrInvalid) {
			t.Errorf("ParseHelped(%q) err = %v", s, err)
		}
	}
}

// Alcohol is named by no source, so it is no longer offered; a diary that
// holds the old choice still validates and reads. The medicine trigger
// names the medicines the sources link to cramps, and signs of infection
// can be logged.
func TestRetiredTriggerStaysReadable(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	old := Entry{At: now.Add(-time.Hour), Triggers: []string{"caffeine-alcohol"}, Symptoms: []string{"infection"}}
	if err := old.Validate(now); err != nil {
		t.Errorf("an old diary's trigger is refused: %v", err)
	}
	if got := Labels(old.Triggers, Triggers()); len(got) != 1 || got[0] != "Caffeine or alcohol" {
		t.Errorf("old trigger reads as %v", got)
	}
	for _, c := range Offered(Triggers()) {
		if strings.Contains(strings.ToLower(c.Label), "alcohol") {
			t.Errorf("offered %q: no source names alcohol", c.Label)
		}
		if c.Name == "new-medicine" {
			for _, m := range []string{"statin", "water pill", "blood pressure"} {
				if !strings.Contains(c.Label, m) {
					t.Errorf("medicine trigger %q does not name %s", c.Label, m)
				}
			}
		}
	}
	if len(Offered(Triggers())) != len(Triggers())-1 {
		t.Errorf("offered %d of %d triggers, want all but the retired one", len(Offered(Triggers())), len(Triggers()))
	}
	if got := Labels([]string{"infection"}, Symptoms()); len(got) != 1 || !strings.Contains(got[0], "infection") {
		t.Errorf("infection reads as %v", got)
	}
}

// Issue 18, point 9: the store cannot keep a cramp dated before 1678 in
// order, and a night-cramp diary has nothing before 1900.
func TestValidateRefusesBefore1900(t *testing.T) {
	now := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{time.Date(1600, 12, 1, 3, 0, 0, 0, time.UTC), time.Date(1899, 12, 31, 23, 0, 0, 0, time.UTC)} {
		var fe *input.Error
		if err := (Entry{At: at}).Validate(now); !errors.As(err, &fe) || fe.Field != "at" {
			t.Errorf("cramp at %v: %v, want refused on at", at, err)
		}
	}
	if err := (Entry{At: input.Earliest()}).Validate(now); err != nil {
		t.Errorf("cramp on 1900-01-01: %v", err)
	}
}
