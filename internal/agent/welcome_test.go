package agent

import (
	"context"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/presence"
	"github.com/crampcare/crampcare/internal/reminders"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
)

// TestWelcomeDue: a fresh diary gets the welcome and stays not done; a
// diary with anything in it does not, and is marked done, so its
// reminders are not held for a welcome that never shows.
func TestWelcomeDue(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // a settings change rewrites the login entry
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	fresh := newTestAgent(t, &now)
	if !fresh.welcomeDue() {
		t.Error("a fresh diary gets no welcome")
	}
	if v, _ := fresh.svc.Values(); v.WelcomeDone() {
		t.Error("welcome.done set before the welcome was shown")
	}
	used := newTestAgent(t, &now)
	if _, err := used.svc.LogGlass(context.Background(), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if used.welcomeDue() {
		t.Error("a diary in use gets the welcome")
	}
	if v, _ := used.svc.Values(); !v.WelcomeDone() {
		t.Error("a diary in use is not marked done: its reminders would wait forever")
	}
	if _, err := fresh.svc.SetSetting(context.Background(), settings.WelcomeDone, "true"); err != nil {
		t.Fatal(err)
	}
	if fresh.welcomeDue() {
		t.Error("welcome shown again after it was done")
	}
}

// TestStatusCarriesNextReminder: the runner's next reminder, and whether
// the desktop has a tray, reach the status the tray and Today show.
func TestStatusCarriesNextReminder(t *testing.T) {
	now := time.Date(2026, 11, 23, 13, 0, 0, 0, time.Local)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // a settings change rewrites the login entry
	a := newTestAgent(t, &now)
	if _, err := a.svc.SetSetting(context.Background(), settings.WelcomeDone, "true"); err != nil {
		t.Fatal(err)
	}
	<-a.statusCh // the setting's own refresh
	a.noTray = true
	a.reminderState(reminders.State{Next: schedule.Reminder{Kind: schedule.Hydration, At: now.Add(75 * time.Minute)}, HasNext: true, StretchPending: true})
	st, err := a.svc.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := st.NextLine(); got != "Next: water at 14:15" {
		t.Errorf("next line %q, want \"Next: water at 14:15\"", got)
	}
	if !st.NoTray || !st.StretchPending {
		t.Errorf("status NoTray %v StretchPending %v, want both", st.NoTray, st.StretchPending)
	}
	select {
	case <-a.statusCh:
	default:
		t.Error("a new next reminder did not ask for the tray line to be rewritten")
	}
}

// TestStatusSaysWhyHeld: a reminder held while the person is away is what
// the tray's first line and Today say, rather than a time gone by.
func TestStatusSaysWhyHeld(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	now := time.Date(2026, 11, 23, 13, 0, 0, 0, time.Local)
	a := newTestAgent(t, &now)
	if _, err := a.svc.SetSetting(context.Background(), settings.WelcomeDone, "true"); err != nil {
		t.Fatal(err)
	}
	a.reminderState(reminders.State{Next: schedule.Reminder{Kind: schedule.Hydration, At: now}, HasNext: true, Held: presence.WhileAway})
	st, err := a.svc.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := st.NextLine(); got != string(presence.WhileAway) {
		t.Errorf("next line %q, want %q", got, presence.WhileAway)
	}
}
