package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// Settings offers the language, the clock and the first day of the week
// as rows of large buttons, nothing to type; Save stores them, and the
// windows opened after it speak the language chosen.
func TestSettingsLanguageClockWeekStart(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("settings")
	w := u.windows["settings"]
	v := viewOf[*settingsView](u, "settings")
	texts := labelsOf(w.Content())
	if !containsText(texts, "A new language applies to the windows opened after you save.") {
		t.Error("settings do not say when a new language applies")
	}
	for key, want := range map[string]string{settings.Language: "auto", settings.Clock: "auto", settings.WeekStart: "auto"} {
		if got := v.choices[key].value(); got != want {
			t.Errorf("%s starts at %q, want %q", key, got, want)
		}
	}
	for _, label := range []string{"Automatic (system)", "English", "Deutsch", "Español", "Français", "Automatic", "12-hour", "24-hour", "Monday", "Sunday"} {
		if h := findButton(t, w.Content(), label).MinSize().Height; h < minTarget {
			t.Errorf("%q is %v px tall", label, h)
		}
	}
	test.Tap(findButton(t, w.Content(), "Deutsch"))
	test.Tap(findButton(t, w.Content(), "12-hour"))
	test.Tap(findButton(t, w.Content(), "Sunday"))
	if findButton(t, w.Content(), "Deutsch").Importance != widget.HighImportance {
		t.Error("the language chosen is not lit")
	}
	test.Tap(findButton(t, w.Content(), "Save"))
	stored, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if stored[settings.Language] != "de" || stored[settings.Clock] != "12h" || stored[settings.WeekStart] != "sunday" || len(stored) != 3 {
		t.Errorf("stored = %v", stored)
	}
	if _, open := u.windows["settings"]; open {
		t.Fatal("settings window still open after a clean save")
	}
	if u.lang.Code() != "de" || !u.lang.TwelveHour() || u.lang.WeekStart() != time.Sunday {
		t.Errorf("after saving: %s, 12 h %v, week from %v", u.lang.Code(), u.lang.TwelveHour(), u.lang.WeekStart())
	}
	// A window opened now speaks German, the settings included.
	u.show("settings")
	w = u.windows["settings"]
	if w.Title() != "Einstellungen" || findButton(t, w.Content(), "Speichern") == nil {
		t.Errorf("settings reopened in %q", w.Title())
	}
	if v := viewOf[*settingsView](u, "settings"); v.choices[settings.Language].value() != "de" {
		t.Errorf("language reopened as %q", v.choices[settings.Language].value())
	}
	findButton(t, w.Content(), "Deutsch") // the names stay in their own language
	findButton(t, w.Content(), "Sonntag")
}

// inGerman sets the language to German, as Settings would.
func inGerman(t *testing.T, u *ui) *l10n.Lang {
	t.Helper()
	if _, err := u.diary.SetSetting(context.Background(), settings.Language, "de"); err != nil {
		t.Fatal(err)
	}
	if u.lang.Code() != "de" {
		t.Fatalf("language %q after the setting", u.lang.Code())
	}
	return l10n.New(l10n.Prefs{Language: "de"}, "en_GB.UTF-8")
}

// In German the relief window and "When to get help" speak German, and
// the urgent level keeps its strength: get medical help now, at once. The
// advice itself (steps, signs) is shown as the catalogue has it; where
// the catalogue has its German, it is checked for the urgent words.
func TestReliefAndHelpInGerman(t *testing.T) {
	u, st := newTestUI(t, atNight)
	de := inGerman(t, u)
	e := logAt(t, st, cramp.Entry{At: atNight.Add(-time.Minute)})
	u.show("relief:" + itoa(e.ID))
	v, w := reliefOf(u), u.windows["relief"]
	if w.Title() != "Hilfe beim Krampf" {
		t.Errorf("relief window titled %q", w.Title())
	}
	texts := strings.Join(labelsOf(w.Content()), "\n")
	for _, want := range []string{"Wo ist der Krampf?", "Warnzeichen? Tippen Sie darauf:"} {
		if !strings.Contains(texts, want) {
			t.Errorf("where page lacks %q:\n%s", want, texts)
		}
	}
	findButton(t, w.Content(), "Geschwollen")
	test.Tap(v.goOn)
	if !strings.HasPrefix(v.position.Text, "Schritt 1 von ") {
		t.Errorf("position %q", v.position.Text)
	}
	s := v.steps[0]
	if v.title.Text != de.T(s.Title) || v.text.Text != de.T(s.Text) {
		t.Errorf("step shown as %q / %q, not through the catalogue", v.title.Text, v.text.Text)
	}
	findButton(t, w.Content(), "Vorbei")
	findButton(t, w.Content(), "Nächster Schritt")

	// A warning sign: the urgent page, at the urgent level.
	test.Tap(v.warn["swelling"])
	if v.page != pageUrgent {
		t.Fatal("a warning sign did not open the urgent advice")
	}
	texts = strings.Join(labelsOf(w.Content()), "\n")
	urgentTitle := de.T(advice.Urgent.Title())
	if !strings.Contains(texts, urgentTitle) || !strings.Contains(texts, de.T(advice.Urgent.Means())) {
		t.Errorf("urgent page lacks %q and what it means:\n%s", urgentTitle, texts)
	}
	checkUrgentGerman(t, urgentTitle)
	findButton(t, w.Content(), "Zurück zu den Schritten")
	findButton(t, w.Content(), "Alle Warnzeichen")

	// "When to get help": the urgent signs first, in red, in German.
	u.show("help")
	hw := u.windows["help"]
	if hw.Title() != "Wann Hilfe holen" {
		t.Errorf("help window titled %q", hw.Title())
	}
	help := labelsTopDown(hw.Content())
	first := -1
	for i, l := range help {
		if strings.HasPrefix(l, urgentTitle+", wenn ein Krampf") {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatalf("help lacks the urgent heading %q:\n%v", urgentTitle+", wenn ein Krampf …", help)
	}
	red := map[string]bool{}
	walk(hw.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance {
			red[strings.TrimPrefix(l.Text, "•  ")] = true
		}
	})
	for _, s := range advice.Texts(advice.UrgentSigns()...) {
		if !red[de.T(s)] {
			t.Errorf("urgent sign %q not shown in red", de.T(s))
		}
	}
	doctor := de.T(advice.Doctor.Title()) + ", wenn:"
	at := -1
	for i, l := range help {
		if l == doctor {
			at = i
		}
	}
	if at < first {
		t.Errorf("the routine level %q is missing or before the urgent one", doctor)
	}
	findButton(t, hw.Content(), "Krämpfen vorbeugen")
}

// checkUrgentGerman: the urgent title, once the catalogue has its German,
// says to get medical help at once ("sofort"), never softened.
func checkUrgentGerman(t *testing.T, title string) {
	t.Helper()
	if !strings.Contains(title, "sofort") || !strings.Contains(title, "ärztliche Hilfe") {
		t.Errorf("urgent level in German %q: it must say to get medical help at once", title)
	}
}
