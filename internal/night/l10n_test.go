package night

import (
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
)

func TestGerman(t *testing.T) {
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	n := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	if got := LabelIn(de, n); got != "Nacht vom Sonntag, 22. November" {
		t.Errorf("German night: %q", got)
	}
	if got := Label(n); got != "Night of Sunday 22 November" {
		t.Errorf("English night: %q", got)
	}
	if got := GreetingIn(de, time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)); got != "Tut mir leid, dass Sie wach sind" {
		t.Errorf("German greeting at 3: %q", got)
	}
}
