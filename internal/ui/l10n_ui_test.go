package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// setLang sets a setting through the service, as the Settings window
// does; the change reaches the windows as the agent's "changed" event.
func setLang(t *testing.T, u *ui, key, value string) {
	t.Helper()
	if _, err := u.diary.SetSetting(context.Background(), key, value); err != nil {
		t.Fatal(err)
	}
}

// tabLabels shows each tab of the main window and returns its labels.
func tabLabels(t *testing.T, u *ui) (today, history, insights string) {
	t.Helper()
	u.show("main")
	u.windows["main"].Resize(fyne.NewSize(640, 900))
	read := func(tab int) string {
		u.main.tabs.SelectIndex(tab)
		return strings.Join(labelsOf(u.main.tabs.Selected().Content), "\n")
	}
	return read(tabToday), read(tabHistory), read(tabInsights)
}

// A German status: the main window opened after it speaks German on all
// three tabs, dates the German way.
func TestMainWindowInGerman(t *testing.T) {
	u, st := newTestUI(t, day) // Monday 23 November 2026, 10:00
	sunday := time.Date(2026, 11, 22, 21, 30, 0, 0, time.Local)
	logAt(t, st, cramp.Entry{At: sunday, Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf})
	setLang(t, u, settings.Language, "de")
	if u.lang.Code() != "de" {
		t.Fatalf("the language is %q after ui.language=de", u.lang.Code())
	}
	today, history, insights := tabLabels(t, u)
	var names []string
	for _, it := range u.main.tabs.Items {
		names = append(names, it.Text)
	}
	if got := strings.Join(names, " "); got != "Heute Verlauf Einblicke" {
		t.Errorf("tabs %q, want Heute Verlauf Einblicke", got)
	}
	for _, want := range []string{"Gläser Wasser heute", "Krämpfe in den letzten 24 Stunden", "1 Krampf", "Zuletzt: Sonntag, 21:30"} {
		if !strings.Contains(today, want) {
			t.Errorf("Today lacks %q:\n%s", want, today)
		}
	}
	if !strings.Contains(history, "21:30 · Wade links") {
		t.Errorf("History lacks the cramp in German:\n%s", history)
	}
	for _, want := range []string{"Ihre letzten 12 Wochen", "Ihre Krämpfe"} {
		if !strings.Contains(insights, want) {
			t.Errorf("Insights lack %q:\n%s", want, insights)
		}
	}
	var dates []string
	for _, d := range test.WidgetRenderer(u.main.insights.chart).(*weekChartRenderer).dates {
		dates = append(dates, d.Text)
	}
	// This week is the one of Monday 16 November (last night was
	// Sunday's); every other week before it has its Monday's date.
	if got := strings.Join(dates, "|"); !strings.HasSuffix(got, "|2. Nov.||Diese Woche") {
		t.Errorf("the chart's weeks are labelled %q, want ...|2. Nov.||Diese Woche", got)
	}
	b := u.openBackdate()
	if got := b.days.chosen.Text; !strings.HasPrefix(got, "Tag: ") || !strings.Contains(got, "November") {
		t.Errorf("the day picked %q is not German", got)
	}
}

// A 12-hour clock chosen in the settings: times are written 9:30 PM, and
// the time pickers offer 12-hour times with AM and PM yet read 24-hour.
func TestMainWindowOnATwelveHourClock(t *testing.T) {
	u, st := newTestUI(t, day)
	sunday := time.Date(2026, 11, 22, 21, 30, 0, 0, time.Local)
	logAt(t, st, cramp.Entry{At: sunday, Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf})
	setLang(t, u, settings.Clock, "12h")
	today, history, _ := tabLabels(t, u)
	if !strings.Contains(today, "Last one: Sunday 9:30 PM") {
		t.Errorf("Today lacks the 12-hour time:\n%s", today)
	}
	if !strings.Contains(history, "9:30 PM · left calf") {
		t.Errorf("History lacks the 12-hour time:\n%s", history)
	}
	p := newTimePicker(u.lang, "21:30")
	if p.half == nil || p.hour.Selected != "9" || p.half.Selected != "PM" {
		t.Errorf("picker shows %q %v, want 9 PM", p.hour.Selected, p.half)
	}
	if got := p.value(); got != "21:30" {
		t.Errorf("picker reads %q, want 21:30", got)
	}
	p = newTimePicker(u.lang, "00:05")
	if p.hour.Selected != "12" || p.half.Selected != "AM" || p.value() != "00:05" {
		t.Errorf("picker shows %s %s and reads %s, want 12 AM and 00:05", p.hour.Selected, p.half.Selected, p.value())
	}
}

// Where the week starts on Sunday (en_US), the month's days and the day
// toggles start on Sunday too; the toggles still set the same days.
func TestWeekFromSunday(t *testing.T) {
	test.NewTempApp(t)
	tr := l10n.New(l10n.Prefs{}, "en_US.UTF-8")
	p := newDayPicker(tr, day, day) // November 2026: the 1st is a Sunday
	first := p.grid.Objects[0].(*widget.Label).Text
	if first != "Sun" {
		t.Errorf("the month starts its week on %q, want Sun", first)
	}
	if b, ok := p.grid.Objects[7].(*tallButton); !ok || b.Text != "1" {
		t.Errorf("the 1st (a Sunday) is not first under the names: %T", p.grid.Objects[7])
	}
	d := newDayToggles(tr, "mon,fri")
	var names []string
	for _, b := range d.buttons {
		names = append(names, b.Text)
	}
	if got := strings.Join(names, " "); got != "Sun Mon Tue Wed Thu Fri Sat" {
		t.Errorf("day toggles %q", got)
	}
	d.buttons[0].OnTapped() // Sunday on
	if got := d.value(); !strings.Contains(got, "sun") || !strings.Contains(got, "mon") {
		t.Errorf("toggles read %q after Sunday was tapped", got)
	}
}
