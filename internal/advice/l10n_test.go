package advice

import (
	"strings"
	"testing"

	"github.com/crampcare/crampcare/internal/l10n"
)

// TestGerman: the advice reads in German where German is chosen, the
// urgent level never softened, and English stays as it was.
func TestGerman(t *testing.T) {
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	if got := Urgent.TitleIn(de); got != "Holen Sie sofort ärztliche Hilfe" {
		t.Errorf("urgent title in German: %q", got)
	}
	if got := Doctor.TitleIn(de); got != "Gehen Sie zu Ihrem Arzt" {
		t.Errorf("doctor title in German: %q", got)
	}
	if got := Get(ReliefWarmth).TextIn(de); got == Get(ReliefWarmth).Text || !strings.Contains(got, "Holen Sie sofort ärztliche Hilfe") {
		t.Errorf("warmth step in German must say to get medical help now: %q", got)
	}
	if got := Get(StretchCalf).TitleIn(de); got != "Wade dehnen" {
		t.Errorf("calf stretch title in German: %q", got)
	}
	if got := Urgent.TitleIn(l10n.English()); got != "Get medical help now" {
		t.Errorf("English title changed: %q", got)
	}
	for _, it := range All() {
		if tr := it.TextIn(de); tr == it.Text {
			t.Errorf("%s has no German text", it.ID)
		}
	}
}
