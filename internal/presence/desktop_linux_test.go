package presence

import (
	"context"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/crampcare/crampcare/internal/dbustest"
)

// desktop starts a Desktop against fake services on private buses, and
// returns the channel its changed callback writes to.
func desktop(t *testing.T) (*Desktop, *dbustest.ScreenSaver, *dbustest.Login1, <-chan struct{}) {
	session, system := dbustest.StartBus(t), dbustest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", session)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", system)
	t.Setenv("DISPLAY", "")
	saver := dbustest.StartScreenSaver(t, session)
	logind := dbustest.StartLogin1(t, system)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	changed := make(chan struct{}, 8)
	d := Watch(ctx, func() { changed <- struct{}{} })
	return d, saver, logind, changed
}

func waitChanged(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("no change heard after %s", what)
	}
}

func TestDesktopHearsTheScreenSaver(t *testing.T) {
	d, saver, _, changed := desktop(t)
	if d.State().Locked {
		t.Fatal("locked before anything happened")
	}
	if err := saver.SetActive(true); err != nil {
		t.Fatal(err)
	}
	waitChanged(t, changed, "ActiveChanged(true)")
	if !d.State().Locked {
		t.Error("not locked after ActiveChanged(true)")
	}
	if err := saver.SetActive(false); err != nil {
		t.Fatal(err)
	}
	waitChanged(t, changed, "ActiveChanged(false)")
	if d.State().Locked {
		t.Error("still locked after ActiveChanged(false)")
	}
	saver.SetIdle(7 * time.Minute)
	if s := d.State(); s.Idle != 7*time.Minute || !s.Away() {
		t.Errorf("state %+v, want idle 7 minutes (away)", s)
	}
}

func TestDesktopHearsLogindLockedHint(t *testing.T) {
	d, _, logind, changed := desktop(t)
	if err := logind.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	waitChanged(t, changed, "LockedHint true")
	if !d.State().Locked {
		t.Error("not locked after LockedHint true")
	}
	if err := logind.SetLocked(false); err != nil {
		t.Fatal(err)
	}
	waitChanged(t, changed, "LockedHint false")
	if d.State().Locked {
		t.Error("still locked after LockedHint false")
	}
}

// A lock that was on before the agent started is read at start.
func TestDesktopReadsTheLockAtStart(t *testing.T) {
	session, system := dbustest.StartBus(t), dbustest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", session)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", system)
	t.Setenv("DISPLAY", "")
	logind := dbustest.StartLogin1(t, system)
	if err := logind.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	d := Watch(t.Context(), func() {})
	if !d.State().Locked {
		t.Error("a lock on at start was not read")
	}
}

func TestDesktopDoNotDisturb(t *testing.T) {
	session := dbustest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", session)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent")
	t.Setenv("DISPLAY", "")
	notes := dbustest.StartNotificationServer(t, session)
	d := Watch(t.Context(), func() {})
	if d.State().DoNotDisturb {
		t.Fatal("Do Not Disturb before it was switched on")
	}
	notes.SetInhibited(true)
	if !d.State().DoNotDisturb {
		t.Error("the notification server's Inhibited was not read as Do Not Disturb")
	}
}

type mutter struct{ ms uint64 }

func (m mutter) GetIdletime() (uint64, *dbus.Error) { return m.ms, nil }

// GNOME's screen saver offers no idle time; Mutter's idle monitor does.
func TestDesktopIdleFromMutter(t *testing.T) {
	session := dbustest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", session)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent")
	t.Setenv("DISPLAY", "")
	conn := dbustest.Connect(t, session)
	if err := conn.Export(mutter{ms: 6 * 60 * 1000}, mutterPath, mutterName); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.RequestName(mutterName, dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	if s := Watch(t.Context(), func() {}).State(); s.Idle != 6*time.Minute {
		t.Errorf("idle %v, want 6 minutes from Mutter", s.Idle)
	}
}
