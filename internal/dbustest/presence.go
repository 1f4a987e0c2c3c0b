package dbustest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Names of the services the fakes below stand in for.
const (
	ScreenSaverName  = "org.freedesktop.ScreenSaver"
	ScreenSaverPath  = dbus.ObjectPath("/org/freedesktop/ScreenSaver")
	Login1Name       = "org.freedesktop.login1"
	Login1Path       = dbus.ObjectPath("/org/freedesktop/login1")
	Login1Session    = dbus.ObjectPath("/org/freedesktop/login1/session/_31")
	login1SessionIfc = "org.freedesktop.login1.Session"
	propertiesIface  = "org.freedesktop.DBus.Properties"
)

// ScreenSaver is a fake org.freedesktop.ScreenSaver on a session bus: it
// answers GetActive and GetSessionIdleTime and emits ActiveChanged, as
// KDE's and Xfce's screen savers do.
type ScreenSaver struct {
	conn *dbus.Conn
	mu   sync.Mutex
	on   bool
	idle time.Duration
}

// StartScreenSaver takes org.freedesktop.ScreenSaver on the bus at addr
// until the test ends.
func StartScreenSaver(tb testing.TB, addr string) *ScreenSaver {
	tb.Helper()
	conn := Connect(tb, addr)
	s := &ScreenSaver{conn: conn}
	if err := conn.Export(saverHandler{s}, ScreenSaverPath, ScreenSaverName); err != nil {
		tb.Fatalf("dbustest: screen saver: export: %v", err)
	}
	requestName(tb, conn, ScreenSaverName)
	return s
}

// SetActive locks (true) or unlocks the screen, and emits ActiveChanged.
func (s *ScreenSaver) SetActive(on bool) error {
	s.mu.Lock()
	s.on = on
	s.mu.Unlock()
	return s.conn.Emit(ScreenSaverPath, ScreenSaverName+".ActiveChanged", on)
}

// SetIdle sets what GetSessionIdleTime answers.
func (s *ScreenSaver) SetIdle(d time.Duration) {
	s.mu.Lock()
	s.idle = d
	s.mu.Unlock()
}

type saverHandler struct{ s *ScreenSaver }

func (h saverHandler) GetActive() (bool, *dbus.Error) {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return h.s.on, nil
}

func (h saverHandler) GetSessionIdleTime() (uint32, *dbus.Error) {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return uint32(h.s.idle / time.Second), nil
}

// Login1 is a fake logind on a stand-in system bus: one session,
// Login1Session, whose LockedHint a test sets.
type Login1 struct {
	conn   *dbus.Conn
	mu     sync.Mutex
	locked bool
}

// StartLogin1 takes org.freedesktop.login1 on the bus at addr until the
// test ends. Every process is in its one session.
func StartLogin1(tb testing.TB, addr string) *Login1 {
	tb.Helper()
	conn := Connect(tb, addr)
	l := &Login1{conn: conn}
	if err := conn.Export(login1Manager{}, Login1Path, "org.freedesktop.login1.Manager"); err != nil {
		tb.Fatalf("dbustest: login1: export: %v", err)
	}
	if err := conn.Export(login1Props{l}, Login1Session, propertiesIface); err != nil {
		tb.Fatalf("dbustest: login1: export: %v", err)
	}
	requestName(tb, conn, Login1Name)
	return l
}

// SetLocked sets the session's LockedHint and emits PropertiesChanged, as
// logind does when the desktop's lock screen comes up or goes.
func (l *Login1) SetLocked(locked bool) error {
	l.mu.Lock()
	l.locked = locked
	l.mu.Unlock()
	return l.conn.Emit(Login1Session, propertiesIface+".PropertiesChanged", login1SessionIfc,
		map[string]dbus.Variant{"LockedHint": dbus.MakeVariant(locked)}, []string{})
}

type login1Manager struct{}

func (login1Manager) GetSessionByPID(uint32) (dbus.ObjectPath, *dbus.Error) {
	return Login1Session, nil
}

func (login1Manager) GetSession(string) (dbus.ObjectPath, *dbus.Error) { return Login1Session, nil }

type login1Props struct{ l *Login1 }

func (p login1Props) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if iface != login1SessionIfc || name != "LockedHint" {
		return dbus.Variant{}, dbus.MakeFailedError(fmt.Errorf("dbustest: login1 has no property %s.%s", iface, name))
	}
	p.l.mu.Lock()
	defer p.l.mu.Unlock()
	return dbus.MakeVariant(p.l.locked), nil
}
