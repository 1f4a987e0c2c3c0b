package schedule

import (
	"testing"

	"github.com/crampcare/crampcare/internal/l10n"
)

func TestReminderInGerman(t *testing.T) {
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	title, lead, _ := Reminder{Kind: Hydration, Glasses: 3, Goal: 8}.LinesIn(de)
	if title != "Zeit für ein Glas Wasser" || lead != "3 von 8 Gläsern heute." {
		t.Errorf("German reminder: %q, %q", title, lead)
	}
	if _, lead, _ := (Reminder{Kind: Hydration, Glasses: 0, Goal: 1}).LinesIn(de); lead != "0 von 1 Glas heute." {
		t.Errorf("German one form: %q", lead)
	}
	if title, lead, _ := (Reminder{Kind: Hydration, Glasses: 3, Goal: 8}).Lines(); title != "Time for a glass of water" || lead != "3 of 8 glasses today." {
		t.Errorf("English reminder: %q, %q", title, lead)
	}
}
