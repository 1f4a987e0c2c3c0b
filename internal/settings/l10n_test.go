package settings

import (
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
)

func TestPatientWordsIn(t *testing.T) {
	m := Month{Year: 2024, Month: time.March}
	if got := m.WordsIn(l10n.English()); got != m.Words() {
		t.Errorf("English month: %q, Words %q", got, m.Words())
	}
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	if got := ConditionLabelIn(de, CondKidney); got == ConditionLabel(CondKidney) || got == "" {
		t.Errorf("German condition: %q", got)
	}
}
