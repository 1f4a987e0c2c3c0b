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
	"github.com/crampcare/crampcare/internal/settings"
)

func settingOf(t *testing.T, u *ui, key string) string {
	t.Helper()
	return u.settingValues()[key]
}

// TestWelcomeChoicesLandInSettings: up at 06:30, bed at 22:30 and 10
// glasses, the test notification not seen, start at login switched off:
// each lands in the settings, and closing the welcome marks it done.
func TestWelcomeChoicesLandInSettings(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	u.show("welcome")
	v := viewOf[*welcomeView](u, "welcome")
	if v == nil {
		t.Fatal("no welcome window")
	}
	if got := u.windows["welcome"].Title(); got != TitleWelcome {
		t.Errorf("title %q, want %q", got, TitleWelcome)
	}
	for range 6 { // 08:00 → 06:30
		test.Tap(v.getUp.minus)
	}
	for range 2 { // 22:00 → 22:30
		test.Tap(v.bed.plus)
	}
	test.Tap(v.goal.plus)
	test.Tap(v.goal.plus)
	if want := "So: drink reminders from 06:30 until 20:30, the evening stretch at 22:00, and dark, dim windows from 21:30 until 06:30."; v.plan.Text != want {
		t.Errorf("plan %q, want %q", v.plan.Text, want)
	}
	test.Tap(v.next)
	if v.step != 1 {
		t.Fatalf("step %d after Next, want 1", v.step)
	}
	for k, want := range map[string]string{settings.HydrationStart: "06:30", settings.HydrationEnd: "20:30",
		settings.StretchTime: "22:00", settings.NightStart: "21:30", settings.NightEnd: "06:30", settings.HydrationGoal: "10"} {
		if got := settingOf(t, u, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	// The test notification, not seen.
	test.Tap(findButton(t, v.pages[1], "Send a test notification"))
	if b := u.diary.(*testBackend); b.tests != 1 {
		t.Errorf("%d test notifications, want 1", b.tests)
	}
	if !v.seen.Visible() {
		t.Fatal("\"Did you see it?\" not asked")
	}
	test.Tap(findButton(t, v.pages[1], "No"))
	if got := settingOf(t, u, settings.RemindersWindow); got != "true" {
		t.Errorf("reminders.window = %q after \"No\", want true", got)
	}
	if !v.help.Visible() || v.help.Text == "" {
		t.Error("no word on how to allow notifications")
	}
	test.Tap(v.next)
	if v.step != 2 || v.next.Text != "Finish" {
		t.Fatalf("step %d (%q), want the last step with Finish", v.step, v.next.Text)
	}
	if settingOf(t, u, settings.WelcomeDone) == "true" {
		t.Fatal("welcome.done set before the welcome ended")
	}
	test.Tap(v.auto) // on by default: now off
	test.Tap(v.next)
	if got := settingOf(t, u, settings.Autostart); got != "false" {
		t.Errorf("autostart.enabled = %q, want false", got)
	}
	if got := settingOf(t, u, settings.WelcomeDone); got != "true" {
		t.Errorf("welcome.done = %q after Finish, want true", got)
	}
	if u.windows["welcome"] != nil {
		t.Error("the welcome stayed open after Finish")
	}
}

// TestWelcomeSkipSavesNothingAndClosingEndsIt: skipping a step keeps the
// settings as they were; closing the window at step 1 still ends the
// welcome, so the reminders start.
func TestWelcomeSkipSavesNothingAndClosingEndsIt(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	v := u.openWelcome()
	test.Tap(v.getUp.plus)
	test.Tap(v.skip)
	if v.step != 1 {
		t.Fatalf("step %d after Skip, want 1", v.step)
	}
	if got := settingOf(t, u, settings.HydrationStart); got != "08:00" {
		t.Errorf("hydration.start = %q after a skipped step, want 08:00", got)
	}
	u.windows["welcome"].Close()
	if got := settingOf(t, u, settings.WelcomeDone); got != "true" {
		t.Errorf("welcome.done = %q after closing, want true", got)
	}
}

// TestWelcomeNoNotificationServer: a test notification that fails is
// taken as not seen.
func TestWelcomeNoNotificationServer(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	u.diary.(*testBackend).testErr = errors.New("no server")
	v := u.openWelcome()
	v.show(1)
	test.Tap(findButton(t, v.pages[1], "Send a test notification"))
	if got := settingOf(t, u, settings.RemindersWindow); got != "true" {
		t.Errorf("reminders.window = %q, want true", got)
	}
}

// TestNoTrayMainWindowOffersTheTray: without a tray, the Today page has
// pause, I stretched and quit (later only while a stretch waits), the
// history does not point to a tray, and the next reminder is said.
func TestNoTrayMainWindowOffersTheTray(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	u, _ := newTestUI(t, now)
	m := u.openMain("")
	st := u.status
	if m.trayBox.Visible() {
		t.Error("tray actions shown while a tray is there")
	}
	if want := "in the tray or on the Today page"; !strings.Contains(m.history.emptyText.Text, want) {
		t.Errorf("history empty state %q, want it to name the tray", m.history.emptyText.Text)
	}
	st.NoTray = true
	st.Welcome = false // done: reminders are on
	st.StretchPending = true
	st.Next = &diary.NextReminder{Kind: "hydration", At: now.Add(75 * time.Minute)}
	m.refresh(st)
	if !m.trayBox.Visible() || !m.later.Visible() {
		t.Error("tray actions not offered without a tray")
	}
	if got := m.nextLine.Text; got != "Next: water at 10:15" {
		t.Errorf("next line %q, want \"Next: water at 10:15\"", got)
	}
	if strings.Contains(m.history.emptyText.Text, "tray") {
		t.Errorf("history empty state %q points to a tray that is not there", m.history.emptyText.Text)
	}
	// The tray's two pauses: until tomorrow morning (the waking day
	// starts at 08:00 by default), then, resumed, an hour.
	test.Tap(m.pauseMorning)
	if got, want := settingOf(t, u, settings.PausedUntil), time.Date(2026, 11, 24, 8, 0, 0, 0, time.Local).Format(time.RFC3339); got != want {
		t.Errorf("paused until %q, want tomorrow morning %q", got, want)
	}
	if _, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, ""); err != nil {
		t.Fatal(err)
	}
	test.Tap(m.pause1h)
	if got := settingOf(t, u, settings.PausedUntil); got != now.Add(time.Hour).Format(time.RFC3339) {
		t.Errorf("paused until %q, want an hour from now", got)
	}
	test.Tap(m.later)
	test.Tap(findButton(t, m.trayBox, "I stretched"))
	test.Tap(findButton(t, m.trayBox, "Quit CrampCare"))
	b := u.diary.(*testBackend)
	if b.later != 1 || b.quits != 1 {
		t.Errorf("later %d, quit %d; want 1 each", b.later, b.quits)
	}
	if ss, _ := b.Stretches(context.Background(), now.Add(-time.Hour)); len(ss) != 1 {
		t.Errorf("%d stretches recorded, want 1", len(ss))
	}
}

// TestNoTrayFirstCloseSaysWhereOnce: without a tray, the first close of
// the main window says where CrampCare went instead of closing; a second
// close closes, and from then on it closes at once.
func TestNoTrayFirstCloseSaysWhereOnce(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	u.status.NoTray = true
	u.openMain("")
	escape := func() {
		if w := u.windows["main"]; w != nil {
			w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	escape()
	if u.windows["main"] == nil {
		t.Fatal("the first close closed the window without a word")
	}
	if !u.telling {
		t.Fatal("nothing said where CrampCare went")
	}
	escape()
	if u.windows["main"] != nil {
		t.Fatal("closing again did not close")
	}
	if got := settingOf(t, u, settings.ToldClosed); got != "true" {
		t.Errorf("welcome.told-closed = %q, want true", got)
	}
	u.openMain("")
	escape()
	if u.windows["main"] != nil {
		t.Error("told once, the window still did not close at once")
	}
}

// TestWelcomeAgainFromSettings: Settings opens the welcome again, starting
// from the day as it is set.
func TestWelcomeAgainFromSettings(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	if _, err := u.diary.SetSetting(context.Background(), settings.HydrationStart, "06:45"); err != nil {
		t.Fatal(err)
	}
	u.openSettings()
	test.Tap(findButton(t, u.windows["settings"].Content(), "Show the welcome again"))
	v := viewOf[*welcomeView](u, "welcome")
	if v == nil {
		t.Fatal("Settings did not open the welcome")
	}
	if got := v.getUp.label.Text; got != "I get up at 06:45" {
		t.Errorf("get-up line %q, want the time set", got)
	}
}
