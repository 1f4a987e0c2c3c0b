package dbustest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
)

// Well-known names of the freedesktop notification service.
const (
	NotificationsName  = "org.freedesktop.Notifications"
	NotificationsPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	NotificationsIface = "org.freedesktop.Notifications"
)

// Reasons carried by the NotificationClosed signal, from the notification
// specification.
const (
	ClosedReasonExpired   uint32 = 1
	ClosedReasonDismissed uint32 = 2
	ClosedReasonByCall    uint32 = 3
)

// Notification is one Notify call as the server received it.
type Notification struct {
	ID         uint32 // the ID the server returned to the caller
	Sender     string // unique bus name of the caller, e.g. ":1.7"
	AppName    string
	ReplacesID uint32
	Icon       string
	Summary    string
	Body       string
	Actions    []string // key/label pairs, as sent
	Hints      map[string]dbus.Variant
	Expire     int32 // expire_timeout in milliseconds; -1 means server default
}

func (n Notification) clone() Notification {
	n.Actions = slices.Clone(n.Actions)
	n.Hints = maps.Clone(n.Hints)
	return n
}

// NotificationServer is a fake notification daemon that records what it is
// asked to show. It answers like a minimal real server so clients that probe
// capabilities or server information before notifying keep working.
type NotificationServer struct {
	tb         testing.TB
	emitClosed atomic.Bool
	inhibited  atomic.Bool
	noActions  atomic.Bool

	mu      sync.Mutex
	conn    *dbus.Conn // nil once stopped
	nextID  uint32
	notes   []Notification
	arrived chan struct{} // closed and replaced on every new notification
}

// StartNotificationServer connects to the bus at addr and takes the name
// org.freedesktop.Notifications. The test fails if the name is already owned,
// since two servers would make it ambiguous which one a client reached. The
// server is stopped when the test finishes.
func StartNotificationServer(tb testing.TB, addr string) *NotificationServer {
	tb.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		tb.Fatalf("dbustest: notification server: connecting to %s: %v", addr, err)
	}
	s := &NotificationServer{tb: tb, conn: conn, arrived: make(chan struct{})}
	tb.Cleanup(s.Stop)

	h := &notificationHandler{s: s, conn: conn}
	if err := conn.Export(h, NotificationsPath, NotificationsIface); err != nil {
		tb.Fatalf("dbustest: notification server: export: %v", err)
	}
	if err := conn.Export(notificationProps{s}, NotificationsPath, "org.freedesktop.DBus.Properties"); err != nil {
		tb.Fatalf("dbustest: notification server: export properties: %v", err)
	}
	node := &introspect.Node{
		Name: string(NotificationsPath),
		Interfaces: []introspect.Interface{
			introspect.IntrospectData,
			notificationsIntrospection,
		},
	}
	if err := conn.Export(introspect.NewIntrospectable(node), NotificationsPath, "org.freedesktop.DBus.Introspectable"); err != nil {
		tb.Fatalf("dbustest: notification server: export introspection: %v", err)
	}
	// The name is requested last so no client can reach the server before
	// its objects are exported.
	requestName(tb, conn, NotificationsName)
	return s
}

// EmitClosed makes the server emit NotificationClosed(id, ClosedReasonExpired)
// for every later Notify call.
//
// The signal is broadcast from inside the Notify handler, before the method
// reply is sent. D-Bus preserves message order per sender, so the caller
// receives the signal strictly before the Notify reply. That is deliberate:
// esiqveland/notify (used by beeep) only holds its match rule for
// /org/freedesktop/Notifications while a Notify call is in flight, so this
// ordering makes the signal reach the caller's connection every time instead
// of depending on a race with its RemoveMatch. A side effect is that the
// caller sees the ID in the signal before it sees it in the reply.
func (s *NotificationServer) EmitClosed(enabled bool) {
	s.emitClosed.Store(enabled)
}

// SetInhibited sets the server's Inhibited property: the desktop's Do Not
// Disturb, as KDE Plasma's notification server offers it.
func (s *NotificationServer) SetInhibited(on bool) { s.inhibited.Store(on) }

// notificationProps answers org.freedesktop.DBus.Properties.Get.
type notificationProps struct{ s *NotificationServer }

func (p notificationProps) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if iface != NotificationsIface || name != "Inhibited" {
		return dbus.Variant{}, dbus.MakeFailedError(fmt.Errorf("no property %s.%s", iface, name))
	}
	return dbus.MakeVariant(p.s.inhibited.Load()), nil
}

// Notifications returns a copy of every notification received so far, in
// arrival order.
func (s *NotificationServer) Notifications() []Notification {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Notification, len(s.notes))
	for i, n := range s.notes {
		out[i] = n.clone()
	}
	return out
}

// Wait returns the first notification, already received or still to come,
// for which pred returns true; a nil pred matches any notification. It
// returns an error when ctx is done first.
//
// pred is called without the server's lock held, so it may call back into
// the server.
func (s *NotificationServer) Wait(ctx context.Context, pred func(Notification) bool) (Notification, error) {
	seen := 0
	for {
		s.mu.Lock()
		fresh := make([]Notification, len(s.notes)-seen)
		for i, n := range s.notes[seen:] {
			fresh[i] = n.clone()
		}
		seen = len(s.notes)
		arrived := s.arrived
		s.mu.Unlock()

		for _, n := range fresh {
			if pred == nil || pred(n) {
				return n, nil
			}
		}
		select {
		case <-arrived:
		case <-ctx.Done():
			return Notification{}, fmt.Errorf("dbustest: no matching notification among %d received: %w", seen, context.Cause(ctx))
		}
	}
}

// Stop releases org.freedesktop.Notifications and disconnects, so later
// Notify calls fail with ServiceUnknown as they would on a desktop without a
// notification daemon. Recorded notifications are kept. Stop is idempotent.
func (s *NotificationServer) Stop() {
	s.mu.Lock()
	conn := s.conn
	s.conn = nil
	s.mu.Unlock()
	if conn == nil {
		return
	}
	// Release explicitly rather than relying on Close so that the name is
	// gone by the time Stop returns: the daemon processes ReleaseName before
	// replying, whereas a disconnect is noticed asynchronously.
	if _, err := conn.ReleaseName(NotificationsName); err != nil {
		s.tb.Logf("dbustest: notification server: releasing name: %v", err)
	}
	conn.Close()
}

// record stores n, assigning its ID, and wakes waiters. It returns the ID, or
// an error if the server was stopped while the call was in flight.
func (s *NotificationServer) record(conn *dbus.Conn, n Notification) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != conn {
		return 0, dbus.MakeFailedError(fmt.Errorf("notification server stopped"))
	}
	if n.ReplacesID != 0 {
		n.ID = n.ReplacesID
	} else {
		// IDs start at 1 because the specification reserves 0 for
		// "no notification" in replaces_id.
		s.nextID++
		n.ID = s.nextID
	}
	s.notes = append(s.notes, n.clone())
	// Logged under the lock, while the server is current: never after the
	// test has ended.
	s.tb.Logf("dbustest: notification %d from %s: %q / %q%s", n.ID, n.Sender, n.Summary, n.Body, actionList(n.Actions))
	close(s.arrived)
	s.arrived = make(chan struct{})
	return n.ID, nil
}

// actionList formats key/label pairs for the log.
func actionList(actions []string) string {
	if len(actions) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" actions")
	for i := 0; i+1 < len(actions); i += 2 {
		fmt.Fprintf(&b, " [%s] %q", actions[i], actions[i+1])
	}
	return b.String()
}

// WithoutActions makes the server leave "actions" out of its capabilities,
// as servers that show no buttons do (some tiling-desktop daemons).
func (s *NotificationServer) WithoutActions() { s.noActions.Store(true) }

// Invoke plays the person pressing the button key on notification id: the
// server emits ActionInvoked(id, key) and then, as real servers do,
// NotificationClosed(id, dismissed).
func (s *NotificationServer) Invoke(id uint32, key string) error {
	s.mu.Lock()
	conn := s.conn
	var n Notification
	for _, x := range s.notes {
		if x.ID == id {
			n = x
		}
	}
	s.mu.Unlock()
	if conn == nil {
		return fmt.Errorf("dbustest: notification server stopped")
	}
	if !slices.Contains(n.Actions, key) {
		return fmt.Errorf("dbustest: notification %d offers no action %q (actions %q)", id, key, n.Actions)
	}
	s.tb.Logf("dbustest: action [%s] invoked on notification %d", key, id)
	if err := conn.Emit(NotificationsPath, NotificationsIface+".ActionInvoked", id, key); err != nil {
		return err
	}
	return conn.Emit(NotificationsPath, NotificationsIface+".NotificationClosed", id, ClosedReasonDismissed)
}

func (s *NotificationServer) known(id uint32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.notes, func(n Notification) bool { return n.ID == id })
}

// notificationHandler carries only the D-Bus methods, because godbus exports
// every exported method of the value it is given.
type notificationHandler struct {
	s    *NotificationServer
	conn *dbus.Conn
}

func (h *notificationHandler) Notify(sender dbus.Sender, appName string, replacesID uint32, appIcon, summary, body string,
	actions []string, hints map[string]dbus.Variant, expireTimeout int32) (uint32, *dbus.Error) {
	id, err := h.s.record(h.conn, Notification{
		Sender:     string(sender),
		AppName:    appName,
		ReplacesID: replacesID,
		Icon:       appIcon,
		Summary:    summary,
		Body:       body,
		Actions:    actions,
		Hints:      hints,
		Expire:     expireTimeout,
	})
	if err != nil {
		return 0, err
	}
	if h.s.emitClosed.Load() {
		// Emitted before returning, i.e. before the reply; see EmitClosed.
		h.emitClosed(id, ClosedReasonExpired)
	}
	return id, nil
}

func (h *notificationHandler) GetCapabilities() ([]string, *dbus.Error) {
	if h.s.noActions.Load() {
		return []string{"body"}, nil
	}
	return []string{"actions", "body"}, nil
}

func (h *notificationHandler) GetServerInformation() (name, vendor, version, specVersion string, err *dbus.Error) {
	return "dbustest", "crampcare", "1.0", "1.2", nil
}

// CloseNotification emits NotificationClosed for known IDs regardless of
// EmitClosed, because the specification requires it for this method.
func (h *notificationHandler) CloseNotification(id uint32) *dbus.Error {
	if !h.s.known(id) {
		// The specification asks for an empty error reply here.
		return dbus.MakeFailedError(fmt.Errorf("no notification with id %d", id))
	}
	h.emitClosed(id, ClosedReasonByCall)
	return nil
}

// emitClosed ignores send errors: they only happen once the server has been
// stopped, and handlers may still be running then, possibly after the test
// has ended, when reporting through testing.TB would panic.
func (h *notificationHandler) emitClosed(id, reason uint32) {
	_ = h.conn.Emit(NotificationsPath, NotificationsIface+".NotificationClosed", id, reason)
}

var notificationsIntrospection = introspect.Interface{
	Name: NotificationsIface,
	Methods: []introspect.Method{
		{Name: "Notify", Args: []introspect.Arg{
			{Name: "app_name", Type: "s", Direction: "in"},
			{Name: "replaces_id", Type: "u", Direction: "in"},
			{Name: "app_icon", Type: "s", Direction: "in"},
			{Name: "summary", Type: "s", Direction: "in"},
			{Name: "body", Type: "s", Direction: "in"},
			{Name: "actions", Type: "as", Direction: "in"},
			{Name: "hints", Type: "a{sv}", Direction: "in"},
			{Name: "expire_timeout", Type: "i", Direction: "in"},
			{Name: "id", Type: "u", Direction: "out"},
		}},
		{Name: "GetCapabilities", Args: []introspect.Arg{
			{Name: "capabilities", Type: "as", Direction: "out"},
		}},
		{Name: "GetServerInformation", Args: []introspect.Arg{
			{Name: "name", Type: "s", Direction: "out"},
			{Name: "vendor", Type: "s", Direction: "out"},
			{Name: "version", Type: "s", Direction: "out"},
			{Name: "spec_version", Type: "s", Direction: "out"},
		}},
		{Name: "CloseNotification", Args: []introspect.Arg{
			{Name: "id", Type: "u", Direction: "in"},
		}},
	},
	Signals: []introspect.Signal{
		{Name: "NotificationClosed", Args: []introspect.Arg{
			{Name: "id", Type: "u"},
			{Name: "reason", Type: "u"},
		}},
		{Name: "ActionInvoked", Args: []introspect.Arg{
			{Name: "id", Type: "u"},
			{Name: "action_key", Type: "s"},
		}},
	},
}

// requestName takes name on conn and fails the test unless conn became its
// primary owner, because a queued or pre-existing owner would silently
// receive the calls meant for the fake.
func requestName(tb testing.TB, conn *dbus.Conn, name string) {
	tb.Helper()
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil {
		tb.Fatalf("dbustest: requesting %s: %v", name, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		tb.Fatalf("dbustest: %s is already owned on this bus (reply %v)", name, reply)
	}
}
