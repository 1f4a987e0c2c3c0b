package presence

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// D-Bus names this file listens to or asks.
const (
	saverName  = "org.freedesktop.ScreenSaver"
	saverPath  = dbus.ObjectPath("/org/freedesktop/ScreenSaver")
	gnomeSaver = "org.gnome.ScreenSaver"
	login1Name = "org.freedesktop.login1"
	login1Path = dbus.ObjectPath("/org/freedesktop/login1")
	login1Mgr  = "org.freedesktop.login1.Manager"
	login1Sess = "org.freedesktop.login1.Session"
	propsIface = "org.freedesktop.DBus.Properties"
	mutterName = "org.gnome.Mutter.IdleMonitor"
	mutterPath = dbus.ObjectPath("/org/gnome/Mutter/IdleMonitor/Core")
	notesName  = "org.freedesktop.Notifications"
	notesPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	askTimeout = 2 * time.Second
	// noStart: asking whether the screen is locked must not start a
	// screen saver (or a notification daemon) that D-Bus could activate.
	noStart      = dbus.FlagNoAutoStart
	signalBuffer = 8
)

// Desktop watches the screen lock through signals (the screen saver's
// ActiveChanged on the session bus, logind's LockedHint on the system
// bus), and asks the rest (idle time, Do Not Disturb, a full-screen
// window) only when State is called: the agent calls it only while a
// reminder is due. It keeps connections of its own, so no signal of
// theirs reaches the connection the tray listens on.
type Desktop struct {
	display string

	mu       sync.Mutex
	session  *dbus.Conn // nil without a session bus
	saverOn  bool       // the screen saver (or the lock screen) is active
	hintLock bool       // logind's LockedHint for this session
}

// Watch starts watching until ctx ends, and calls changed whenever the
// screen is locked or unlocked. What cannot be reached (no system bus in
// a container, no screen saver service) is left out: it never holds a
// reminder.
func Watch(ctx context.Context, changed func()) *Desktop {
	d := &Desktop{display: os.Getenv("DISPLAY")}
	if conn, err := dbus.ConnectSessionBus(); err == nil {
		d.session = conn
		d.watchSaver(ctx, conn, changed)
	}
	if conn, err := dbus.ConnectSystemBus(); err == nil {
		d.watchLogind(ctx, conn, changed)
	}
	return d
}

// closeWith closes conn when ctx ends.
func closeWith(ctx context.Context, conn *dbus.Conn) {
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
}

func (d *Desktop) watchSaver(ctx context.Context, conn *dbus.Conn, changed func()) {
	closeWith(ctx, conn)
	// The channel first, then the matches: a signal sent as soon as a
	// match is in place must find somewhere to go.
	ch := make(chan *dbus.Signal, signalBuffer)
	conn.Signal(ch)
	for _, iface := range []string{saverName, gnomeSaver} {
		_ = conn.AddMatchSignal(dbus.WithMatchInterface(iface), dbus.WithMatchMember("ActiveChanged"))
	}
	var active bool
	ask, cancel := context.WithTimeout(ctx, askTimeout)
	if conn.Object(saverName, saverPath).CallWithContext(ask, saverName+".GetActive", noStart).Store(&active) == nil {
		d.setLock(&d.saverOn, active)
	}
	cancel()
	go func() {
		for sig := range ch {
			if len(sig.Body) != 1 {
				continue
			}
			if on, ok := sig.Body[0].(bool); ok && d.setLock(&d.saverOn, on) {
				changed()
			}
		}
	}()
}

func (d *Desktop) watchLogind(ctx context.Context, conn *dbus.Conn, changed func()) {
	closeWith(ctx, conn)
	ask, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	mgr := conn.Object(login1Name, login1Path)
	var path dbus.ObjectPath
	// This process's session, or (started by a user service, outside any
	// session) the user's display session.
	if mgr.CallWithContext(ask, login1Mgr+".GetSessionByPID", 0, uint32(os.Getpid())).Store(&path) != nil &&
		mgr.CallWithContext(ask, login1Mgr+".GetSession", 0, "auto").Store(&path) != nil {
		conn.Close()
		return
	}
	ch := make(chan *dbus.Signal, signalBuffer)
	conn.Signal(ch)
	if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(path), dbus.WithMatchInterface(propsIface),
		dbus.WithMatchMember("PropertiesChanged")); err != nil {
		conn.Close()
		return
	}
	var v dbus.Variant
	if conn.Object(login1Name, path).CallWithContext(ask, propsIface+".Get", 0, login1Sess, "LockedHint").Store(&v) == nil {
		if locked, ok := v.Value().(bool); ok {
			d.setLock(&d.hintLock, locked)
		}
	}
	go func() {
		for sig := range ch {
			if len(sig.Body) < 2 || sig.Body[0] != login1Sess {
				continue
			}
			props, _ := sig.Body[1].(map[string]dbus.Variant)
			if v, ok := props["LockedHint"]; ok {
				if locked, ok := v.Value().(bool); ok && d.setLock(&d.hintLock, locked) {
					changed()
				}
			}
		}
	}()
}

// setLock sets one of the lock flags and reports whether the screen's
// locked state as a whole changed.
func (d *Desktop) setLock(flag *bool, on bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	before := d.saverOn || d.hintLock
	*flag = on
	return before != (d.saverOn || d.hintLock)
}

// State says what the person is doing now. The lock comes from the
// signals; idle time, Do Not Disturb and a full-screen window are asked
// here, each within a short timeout.
func (d *Desktop) State() State {
	d.mu.Lock()
	s := State{Locked: d.saverOn || d.hintLock}
	conn := d.session
	d.mu.Unlock()
	if conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), askTimeout)
		// Time since the last input: the screen saver's, where it offers
		// it (KDE, Xfce and others), else GNOME's idle monitor.
		var idle uint32
		var idleMS uint64
		if conn.Object(saverName, saverPath).CallWithContext(ctx, saverName+".GetSessionIdleTime", noStart).Store(&idle) == nil {
			s.Idle = time.Duration(idle) * time.Second
		} else if conn.Object(mutterName, mutterPath).CallWithContext(ctx, mutterName+".GetIdletime", noStart).Store(&idleMS) == nil {
			// GNOME: milliseconds, from Mutter's idle monitor.
			s.Idle = time.Duration(idleMS) * time.Millisecond
		}
		// The notification server's inhibition (KDE's Do Not Disturb).
		var inhibited dbus.Variant
		if conn.Object(notesName, notesPath).CallWithContext(ctx, propsIface+".Get", noStart, notesName, "Inhibited").Store(&inhibited) == nil {
			s.DoNotDisturb, _ = inhibited.Value().(bool)
		}
		cancel()
	}
	if full, err := fullScreen(d.display); err == nil {
		s.FullScreen = full
	}
	return s
}
