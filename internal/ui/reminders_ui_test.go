package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
)

func TestSettingsSaveOnlyWhatChanged(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("main")
	test.Tap(findButton(t, u.windows["main"].Content(), "Settings"))
	w := u.windows["settings"]
	if w == nil || w.Title() != TitleSettings {
		t.Fatal("settings window not open")
	}
	// Step the interval down to 30 minutes and switch Monday off.
	v := settingsViewOf(t, u).steppers[settings.HydrationInterval]
	if v.label.Text != "Every 1 h 15 min" {
		t.Errorf("interval starts at %q", v.label.Text)
	}
	for range 3 {
		test.Tap(v.minus)
	}
	if v.label.Text != "Every 30 minutes" {
		t.Errorf("interval label = %q", v.label.Text)
	}
	test.Tap(findButton(t, w.Content(), "Mon"))
	test.Tap(findButton(t, w.Content(), "Save"))
	stored, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if stored[settings.HydrationInterval] != "30m" || stored[settings.HydrationDays] != "tue,wed,thu,fri,sat,sun" {
		t.Errorf("stored = %v", stored)
	}
	if len(stored) != 2 {
		t.Errorf("unchanged settings were written too: %v", stored)
	}
	if _, open := u.windows["settings"]; open {
		t.Error("settings window still open after a clean save")
	}
}

// refusing wraps the backend and refuses one key, as the agent would for a
// value it does not accept.
type refusing struct {
	*testBackend
	key string
}

func (r refusing) SetSetting(ctx context.Context, key, value string) (settings.Item, error) {
	if key == r.key {
		return settings.Item{}, input.Errorf(key, "that time is not allowed")
	}
	return r.testBackend.SetSetting(ctx, key, value)
}

func TestSettingsRefusalShownNextToField(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.diary = refusing{testBackend: u.diary.(*testBackend), key: settings.StretchTime}
	u.show("settings")
	w := u.windows["settings"]
	sv := settingsViewOf(t, u)
	tp := sv.pickers[settings.StretchTime]
	tp.hour.SetSelected("22")
	test.Tap(findButton(t, w.Content(), "Save"))
	e := sv.fields[settings.StretchTime].errLabel
	if !e.Visible() || e.Text != "that time is not allowed" {
		t.Errorf("error label visible=%v text=%q", e.Visible(), e.Text)
	}
	if _, open := u.windows["settings"]; !open {
		t.Error("settings window closed although a setting was refused")
	}
	if !strings.Contains(sv.status.Text, "not saved") {
		t.Errorf("status = %q", sv.status.Text)
	}
}

func TestTestNotificationButton(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("settings")
	sv := settingsViewOf(t, u)
	b := u.diary.(*testBackend)
	test.Tap(findButton(t, u.windows["settings"].Content(), "Send a test notification"))
	if b.tests != 1 || !strings.Contains(sv.status.Text, "was sent") {
		t.Errorf("tests %d, status %q", b.tests, sv.status.Text)
	}
	// Issue 14: what failed and what to do in plain words; the system's
	// words ("beeep: dbus: ...") only in the log.
	b.testErr = &diary.NotificationError{Reason: diary.NotifyNoService}
	test.Tap(findButton(t, u.windows["settings"].Content(), "Send a test notification"))
	for _, want := range []string{"no notification service", "install a notification program", "small CrampCare window instead"} {
		if !strings.Contains(sv.status.Text, want) {
			t.Errorf("status after failure = %q, want %q in it", sv.status.Text, want)
		}
	}
	b.testErr = errors.New("agent: beeep: dbus: The name org.freedesktop.Notifications was not provided by any .service files; notify-send: exec: not found")
	test.Tap(findButton(t, u.windows["settings"].Content(), "Send a test notification"))
	for _, raw := range []string{"beeep", "dbus", "exec", "agent:"} {
		if strings.Contains(sv.status.Text, raw) {
			t.Errorf("status shows the system's words %q: %q", raw, sv.status.Text)
		}
	}
}

func TestReminderWindows(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("reminder:hydration")
	w := u.windows["reminder"]
	if w == nil || w.Title() != TitleReminder {
		t.Fatal("reminder window not open")
	}
	test.Tap(findButton(t, w.Content(), "I drank a glass of water"))
	if g, _ := st.Glasses(time.Time{}, time.Time{}); len(g) != 1 {
		t.Errorf("glasses after the reminder's button: %d", len(g))
	}
	if _, open := u.windows["reminder"]; open {
		t.Error("reminder window still open")
	}
	u.show("reminder:stretch")
	test.Tap(findButton(t, u.windows["reminder"].Content(), "Remind me in 10 minutes"))
	if u.diary.(*testBackend).later != 1 {
		t.Error("Later not sent to the agent")
	}
	u.show("reminder:stretch-follow-up")
	test.Tap(findButton(t, u.windows["reminder"].Content(), "I stretched"))
	if s, _ := st.Stretches(time.Time{}, time.Time{}); len(s) != 1 || s[0].Source != "window" {
		t.Errorf("stretches = %+v", s)
	}
}

func TestStretchWindowRecords(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("stretch")
	test.Tap(findButton(t, u.windows["stretch"].Content(), "I did my stretch already"))
	if s, _ := st.Stretches(time.Time{}, time.Time{}); len(s) != 1 {
		t.Errorf("stretches = %+v", s)
	}
	if _, open := u.windows["stretch"]; open {
		t.Error("stretch window still open")
	}
}

func TestPausedShownAndResumed(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("main")
	if u.main.pauseBox.Visible() {
		t.Error("pause line shown while not paused")
	}
	if _, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, day.Add(time.Hour).Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	if !u.main.pauseBox.Visible() || !strings.Contains(u.main.paused.Text, "11:00") {
		t.Errorf("pause line visible=%v %q", u.main.pauseBox.Visible(), u.main.paused.Text)
	}
	test.Tap(u.main.resume)
	if u.main.pauseBox.Visible() {
		t.Error("still paused after Resume")
	}
}

func settingsViewOf(t *testing.T, u *ui) *settingsView {
	t.Helper()
	v := viewOf[*settingsView](u, "settings")
	if v == nil {
		t.Fatal("no settings view")
	}
	return v
}

// TestSettingsHoldWhenAwayAndBusy: Settings offers reminders.when-away and
// when-busy as two checks, on (hold) by default; unticking one stores
// "show" for it alone.
func TestSettingsHoldWhenAwayAndBusy(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("settings")
	w := u.windows["settings"]
	var away, busy *focusCheck
	walk(w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*focusCheck); ok {
			switch c.Text {
			case "Hold reminders while I am away or locked":
				away = c
			case "Hold reminders in Do Not Disturb or full screen":
				busy = c
			}
		}
	})
	if away == nil || busy == nil {
		t.Fatal("the two hold checks are not in Settings")
	}
	if !away.Checked || !busy.Checked {
		t.Errorf("away %v, busy %v: want both on (hold) by default", away.Checked, busy.Checked)
	}
	away.SetChecked(false)
	test.Tap(findButton(t, w.Content(), "Save"))
	stored, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if stored[settings.WhenAway] != settings.Show || len(stored) != 1 {
		t.Errorf("stored %v, want only %s=show", stored, settings.WhenAway)
	}
}
