package dbustest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
)

// Names of the StatusNotifierWatcher service that tray items register with.
const (
	WatcherName  = "org.kde.StatusNotifierWatcher"
	WatcherPath  = dbus.ObjectPath("/StatusNotifierWatcher")
	WatcherIface = "org.kde.StatusNotifierWatcher"

	// DefaultItemPath is where an item lives when it registers by bus name
	// only, as the StatusNotifierItem specification prescribes.
	DefaultItemPath = dbus.ObjectPath("/StatusNotifierItem")
)

// Item identifies a registered tray item: the connection that exports it and
// the object path of its org.kde.StatusNotifierItem object.
type Item struct {
	BusName string
	Path    dbus.ObjectPath
}

// String returns the item in the "service/path" form that real watchers (KDE,
// waybar) publish in RegisteredStatusNotifierItems.
func (i Item) String() string {
	return i.BusName + string(i.Path)
}

// Watcher is a fake panel-side org.kde.StatusNotifierWatcher. It accepts
// registrations, publishes them like a real watcher, and forgets items whose
// connection goes away, so tests can observe a tray item appear, disappear and
// re-register.
type Watcher struct {
	tb   testing.TB
	addr string

	mu      sync.Mutex
	live    *watcherLife // nil while stopped
	items   []Item
	changed chan struct{} // closed and replaced whenever items changes
}

// watcherLife is one "run" of the watcher between (Re)start and Stop. Each
// run has its own connection so that a restart looks to clients exactly like
// a panel process being replaced: the name's owner changes.
type watcherLife struct {
	conn  *dbus.Conn
	props *prop.Properties
	done  chan struct{} // closed when the signal loop has exited
}

// StartWatcher connects to the bus at addr and takes the name
// org.kde.StatusNotifierWatcher with an empty item list. The test fails if
// the name is already owned. The watcher is stopped when the test finishes.
func StartWatcher(tb testing.TB, addr string) *Watcher {
	tb.Helper()
	w := &Watcher{tb: tb, addr: addr, changed: make(chan struct{})}
	tb.Cleanup(w.Stop)
	w.start()
	return w
}

func (w *Watcher) start() {
	w.tb.Helper()
	conn, err := dbus.Connect(w.addr)
	if err != nil {
		w.tb.Fatalf("dbustest: watcher: connecting to %s: %v", w.addr, err)
	}
	life := &watcherLife{conn: conn, done: make(chan struct{})}
	fail := func(format string, args ...any) {
		w.tb.Helper()
		conn.Close()
		w.tb.Fatalf("dbustest: watcher: "+format, args...)
	}

	h := &watcherHandler{w: w, life: life}
	if err := conn.Export(h, WatcherPath, WatcherIface); err != nil {
		fail("export: %v", err)
	}
	life.props, err = prop.Export(conn, WatcherPath, prop.Map{
		WatcherIface: {
			"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
			"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitConst},
			"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitConst},
		},
	})
	if err != nil {
		fail("export properties: %v", err)
	}
	iface := watcherIntrospection
	iface.Properties = life.props.Introspection(WatcherIface)
	node := &introspect.Node{
		Name:       string(WatcherPath),
		Interfaces: []introspect.Interface{introspect.IntrospectData, prop.IntrospectData, iface},
	}
	if err := conn.Export(introspect.NewIntrospectable(node), WatcherPath, "org.freedesktop.DBus.Introspectable"); err != nil {
		fail("export introspection: %v", err)
	}

	// Like a real watcher, drop items whose owner disconnects; otherwise a
	// test could not tell a live tray item from a dead one.
	if err := conn.AddMatchSignal(
		dbus.WithMatchSender("org.freedesktop.DBus"),
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
	); err != nil {
		fail("subscribing to NameOwnerChanged: %v", err)
	}
	sigs := make(chan *dbus.Signal, 16)
	conn.Signal(sigs)
	go func() {
		defer close(life.done)
		// godbus closes sigs when the connection is closed, ending the loop.
		for sig := range sigs {
			if sig.Name != "org.freedesktop.DBus.NameOwnerChanged" || len(sig.Body) != 3 {
				continue
			}
			name, _ := sig.Body[0].(string)
			newOwner, _ := sig.Body[2].(string)
			if newOwner == "" {
				w.forget(life, name)
			}
		}
	}()

	w.mu.Lock()
	w.live = life
	w.items = nil
	w.notifyChanged()
	w.mu.Unlock()

	// Last, so that clients reacting to NameOwnerChanged (fyne.io/systray
	// re-registers immediately) find everything exported and accepted.
	requestName(w.tb, conn, WatcherName)
}

// Items returns the currently registered items in registration order.
func (w *Watcher) Items() []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.items)
}

// WaitForItem returns the first currently registered item, or waits for one
// to register. After Restart the list starts empty, so this waits for a
// fresh registration.
func (w *Watcher) WaitForItem(ctx context.Context) (Item, error) {
	items, err := w.WaitItems(ctx, func(items []Item) bool { return len(items) > 0 })
	if err != nil {
		return Item{}, err
	}
	return items[0], nil
}

// WaitItems waits until pred accepts the current item list and returns that
// list. It is the general form of WaitForItem, e.g. for waiting until an item
// is gone after the tray app exits.
func (w *Watcher) WaitItems(ctx context.Context, pred func([]Item) bool) ([]Item, error) {
	for {
		w.mu.Lock()
		items := slices.Clone(w.items)
		changed := w.changed
		w.mu.Unlock()

		if pred(items) {
			return items, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return items, fmt.Errorf("dbustest: watcher items %v never satisfied the condition: %w", items, context.Cause(ctx))
		}
	}
}

// Stop releases org.kde.StatusNotifierWatcher, disconnects and forgets all
// items, as when the panel exits. Stop is idempotent.
func (w *Watcher) Stop() {
	w.mu.Lock()
	life := w.live
	w.live = nil
	w.items = nil
	w.notifyChanged()
	w.mu.Unlock()
	if life == nil {
		return
	}
	// Release explicitly so that NameOwnerChanged(name, old, "") has been
	// emitted by the time Stop returns; a disconnect alone is processed by
	// the daemon asynchronously.
	if _, err := life.conn.ReleaseName(WatcherName); err != nil {
		w.tb.Logf("dbustest: watcher: releasing name: %v", err)
	}
	life.conn.Close()
	<-life.done
}

// Restart stops the watcher if it is running and starts it again on a new
// connection with an empty item list, as a restarted panel would. Tray items
// only reappear if they re-register on their own when they see the name's
// owner change.
func (w *Watcher) Restart() {
	w.tb.Helper()
	w.Stop()
	w.start()
}

// register adds item unless it is already known, and reports whether it was
// added; it fails if life is no longer the current run.
func (w *Watcher) register(life *watcherLife, item Item) (bool, *dbus.Error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.live != life {
		return false, dbus.MakeFailedError(fmt.Errorf("watcher stopped"))
	}
	if slices.Contains(w.items, item) {
		return false, nil
	}
	w.items = append(w.items, item)
	w.publishItems(life)
	return true, nil
}

// forget drops every item owned by name after that name lost its owner.
func (w *Watcher) forget(life *watcherLife, name string) {
	w.mu.Lock()
	if w.live != life {
		w.mu.Unlock()
		return
	}
	var gone []Item
	w.items = slices.DeleteFunc(w.items, func(it Item) bool {
		if it.BusName == name {
			gone = append(gone, it)
			return true
		}
		return false
	})
	if len(gone) > 0 {
		w.publishItems(life)
	}
	w.mu.Unlock()

	for _, it := range gone {
		_ = life.conn.Emit(WatcherPath, WatcherIface+".StatusNotifierItemUnregistered", it.String())
	}
}

// publishItems updates the D-Bus property from w.items and wakes waiters.
// The caller holds w.mu.
func (w *Watcher) publishItems(life *watcherLife) {
	names := make([]string, len(w.items))
	for i, it := range w.items {
		names[i] = it.String()
	}
	life.props.SetMust(WatcherIface, "RegisteredStatusNotifierItems", names)
	w.notifyChanged()
}

// notifyChanged wakes everyone blocked in WaitItems. The caller holds w.mu.
func (w *Watcher) notifyChanged() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// watcherHandler carries only the D-Bus methods, because godbus exports every
// exported method of the value it is given. Errors from emitting signals are
// ignored: they only occur after Stop, when handlers may outlive the test and
// reporting through testing.TB would panic.
type watcherHandler struct {
	w    *Watcher
	life *watcherLife
}

// RegisterStatusNotifierItem accepts both forms used in the wild: a bus name
// (the specification's form; the item is at /StatusNotifierItem) or an
// object path (libappindicator's and fyne.io/systray's form; the item is
// on the calling connection).
func (h *watcherHandler) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	if service == "" {
		return dbus.MakeFailedError(fmt.Errorf("empty service"))
	}
	item := Item{BusName: service, Path: DefaultItemPath}
	if strings.HasPrefix(service, "/") {
		item = Item{BusName: string(sender), Path: dbus.ObjectPath(service)}
	}
	if !item.Path.IsValid() {
		return dbus.MakeFailedError(fmt.Errorf("invalid object path %q", item.Path))
	}
	added, err := h.w.register(h.life, item)
	if err != nil {
		return err
	}
	if added {
		_ = h.life.conn.Emit(WatcherPath, WatcherIface+".StatusNotifierItemRegistered", item.String())
	}
	return nil
}

// RegisterStatusNotifierHost only acknowledges the host: the fake always
// claims a host is present (IsStatusNotifierHostRegistered), because items
// may fall back to a legacy tray icon when no host is registered.
func (h *watcherHandler) RegisterStatusNotifierHost(service string) *dbus.Error {
	_ = h.life.conn.Emit(WatcherPath, WatcherIface+".StatusNotifierHostRegistered")
	return nil
}

var watcherIntrospection = introspect.Interface{
	Name: WatcherIface,
	Methods: []introspect.Method{
		{Name: "RegisterStatusNotifierItem", Args: []introspect.Arg{
			{Name: "service", Type: "s", Direction: "in"},
		}},
		{Name: "RegisterStatusNotifierHost", Args: []introspect.Arg{
			{Name: "service", Type: "s", Direction: "in"},
		}},
	},
	Signals: []introspect.Signal{
		{Name: "StatusNotifierItemRegistered", Args: []introspect.Arg{{Type: "s"}}},
		{Name: "StatusNotifierItemUnregistered", Args: []introspect.Arg{{Type: "s"}}},
		{Name: "StatusNotifierHostRegistered"},
		{Name: "StatusNotifierHostUnregistered"},
	},
}
