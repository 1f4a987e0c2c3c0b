package redflags

import (
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/l10n"
)

// TestReasonInGerman: a reason says its figures in German, with the
// plural form the count needs, and the urgent advice in its German words.
func TestReasonInGerman(t *testing.T) {
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	day := time.Date(2026, 12, 2, 3, 0, 0, 0, time.Local)
	a := withReason(Advice{Rule: RuleSymptoms, Level: advice.Urgent,
		Figures: Figures{Day: day, Signs: []string{"swelling"}, Advice: []advice.ID{advice.SignSwelling}, N: []int{3}}})
	got := a.ReasonIn(de)
	for _, want := range []string{"Am Mittwoch, 2. Dezember haben Sie einen Krampf mit Schwellung eingetragen.",
		"Blutgerinnsel", "2 weitere Krämpfe in den letzten zwei Wochen kamen ebenfalls mit Warnzeichen."} {
		if !strings.Contains(got, want) {
			t.Errorf("German reason %q lacks %q", got, want)
		}
	}
	if !strings.HasPrefix(a.Reason, "On Wednesday 2 December you logged a cramp with swelling. A leg that is clearly swollen") ||
		!strings.HasSuffix(a.Reason, " 2 more cramps in the last two weeks came with warning signs too.") {
		t.Errorf("English reason: %q", a.Reason)
	}
	two := withReason(Advice{Rule: RuleSymptoms, Level: advice.Urgent,
		Figures: Figures{Day: day, Signs: []string{"swelling"}, Advice: []advice.ID{advice.SignSwelling}, N: []int{2}}})
	if got := two.ReasonIn(de); !strings.HasSuffix(got, "Ein weiterer Krampf in den letzten zwei Wochen kam ebenfalls mit einem Warnzeichen.") {
		t.Errorf("German one form: %q", got)
	}
	if !strings.HasSuffix(two.Reason, " One more cramp in the last two weeks came with a warning sign too.") {
		t.Errorf("English one form: %q", two.Reason)
	}
	if got := advice.Urgent.TitleIn(de); got != "Holen Sie sofort ärztliche Hilfe" {
		t.Errorf("urgent title: %q", got)
	}
}
