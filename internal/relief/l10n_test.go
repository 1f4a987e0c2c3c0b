package relief

import (
	"strings"
	"testing"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
)

func TestStepsInGerman(t *testing.T) {
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	en := l10n.English()
	for _, st := range Steps(cramp.MuscleCalf) {
		if st.TextIn(en) != st.Text || st.TitleIn(en) != st.Title {
			t.Errorf("%s: English differs: %q", st.ID, st.TextIn(en))
		}
		if st.TextIn(de) == st.Text || st.TitleIn(de) == st.Title {
			t.Errorf("%s: no German: %q", st.ID, st.TextIn(de))
		}
	}
	stand := Steps("")[2]
	if got := stand.TextIn(de); !strings.HasSuffix(got, "Das Stehen darauf dehnt die Wade.") {
		t.Errorf("stand step in German: %q", got)
	}
	if got := Stretch("").TitleIn(de); got != "Muskel dehnen" {
		t.Errorf("stretch title: %q", got)
	}
}
