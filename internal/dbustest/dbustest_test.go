package dbustest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gen2brain/beeep"
	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
)

// testTimeout bounds every wait; generous because -race slows the bus
// round-trips, but far below go test's own timeout so failures are reported
// with context.
const testTimeout = 15 * time.Second

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// subscribe delivers signals matching opts on conn to the returned channel.
func subscribe(t *testing.T, conn *dbus.Conn, opts ...dbus.MatchOption) <-chan *dbus.Signal {
	t.Helper()
	if err := conn.AddMatchSignal(opts...); err != nil {
		t.Fatalf("AddMatchSignal: %v", err)
	}
	ch := make(chan *dbus.Signal, 32)
	conn.Signal(ch)
	t.Cleanup(func() { conn.RemoveSignal(ch) })
	return ch
}

// nextSignal returns the next signal called name (interface.member) from ch.
func nextSignal(ctx context.Context, t *testing.T, ch <-chan *dbus.Signal, name string) *dbus.Signal {
	t.Helper()
	for {
		select {
		case sig, ok := <-ch:
			if !ok {
				t.Fatalf("signal channel closed while waiting for %s", name)
			}
			if sig.Name == name {
				return sig
			}
		case <-ctx.Done():
			t.Fatalf("no %s signal: %v", name, ctx.Err())
		}
	}
}

func notify(conn *dbus.Conn, summary string, replaces uint32) (uint32, error) {
	var id uint32
	err := conn.Object(NotificationsName, NotificationsPath).Call(NotificationsIface+".Notify", 0,
		"crampcare", replaces, "dialog-information", summary, "body of "+summary,
		[]string{"default", "Open"}, map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(1))}, int32(5000),
	).Store(&id)
	return id, err
}

func TestStartBus(t *testing.T) {
	addr := StartBus(t)
	if !strings.HasPrefix(addr, "unix:path=") {
		t.Errorf("address = %q, want a unix:path= address", addr)
	}
	a, b := Connect(t, addr), Connect(t, addr)
	if a.Names()[0] == b.Names()[0] {
		t.Errorf("two connections share the unique name %s", a.Names()[0])
	}
	idA, err := busID(a)
	if err != nil {
		t.Fatal(err)
	}
	if idB, _ := busID(b); idA != idB {
		t.Errorf("connections report different bus IDs %q and %q", idA, idB)
	}
	if other, _ := busID(Connect(t, StartBus(t))); other == idA {
		t.Errorf("a second StartBus returned the same bus %q", other)
	}
}

func TestNotificationServer(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	srv := StartNotificationServer(t, addr)
	conn := Connect(t, addr)

	// Start waiting before the notification exists, to exercise the
	// wake-up path rather than only the scan of past notifications.
	type waitResult struct {
		n   Notification
		err error
	}
	waited := make(chan waitResult, 1)
	go func() {
		n, err := srv.Wait(ctx, func(n Notification) bool { return n.Summary == "second" })
		waited <- waitResult{n, err}
	}()

	id1, err := notify(conn, "first", 0)
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	id2, err := notify(conn, "second", 0)
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	if id1 == 0 || id2 == id1 {
		t.Errorf("IDs = %d, %d; want distinct non-zero IDs", id1, id2)
	}

	res := <-waited
	if res.err != nil {
		t.Fatalf("Wait: %v", res.err)
	}
	want := Notification{
		ID: id2, Sender: conn.Names()[0], AppName: "crampcare", Icon: "dialog-information",
		Summary: "second", Body: "body of second", Actions: []string{"default", "Open"}, Expire: 5000,
	}
	got := res.n
	got.Hints = nil
	if !equalNotification(got, want) {
		t.Errorf("Wait = %+v\nwant %+v", got, want)
	}
	if u, _ := res.n.Hints["urgency"].Value().(byte); u != 1 {
		t.Errorf("urgency hint = %v, want byte 1", res.n.Hints["urgency"])
	}

	// A past notification is found without anything new arriving.
	past, err := srv.Wait(ctx, func(n Notification) bool { return n.Summary == "first" })
	if err != nil || past.ID != id1 {
		t.Errorf("Wait for past notification = %+v, %v; want ID %d", past, err, id1)
	}

	// replaces_id is echoed back, as the specification requires.
	if id, err := notify(conn, "replacement", id1); err != nil || id != id1 {
		t.Errorf("Notify replacing %d = %d, %v", id1, id, err)
	}

	all := srv.Notifications()
	var summaries []string
	for _, n := range all {
		summaries = append(summaries, n.Summary)
	}
	if !slices.Equal(summaries, []string{"first", "second", "replacement"}) {
		t.Errorf("Notifications() summaries = %q", summaries)
	}
	all[0].Actions[0] = "mutated"
	if srv.Notifications()[0].Actions[0] != "default" {
		t.Error("Notifications() returned shared, not copied, slices")
	}

	obj := conn.Object(NotificationsName, NotificationsPath)
	var caps []string
	if err := obj.Call(NotificationsIface+".GetCapabilities", 0).Store(&caps); err != nil || !slices.Contains(caps, "body") {
		t.Errorf("GetCapabilities = %q, %v", caps, err)
	}
	var name, vendor, version, spec string
	if err := obj.Call(NotificationsIface+".GetServerInformation", 0).Store(&name, &vendor, &version, &spec); err != nil || spec != "1.2" {
		t.Errorf("GetServerInformation = %q %q %q %q, %v", name, vendor, version, spec, err)
	}
	node, err := introspect.Call(obj)
	if err != nil {
		t.Fatalf("Introspect: %v", err)
	}
	if !slices.ContainsFunc(node.Interfaces, func(i introspect.Interface) bool { return i.Name == NotificationsIface }) {
		t.Errorf("introspection lacks %s", NotificationsIface)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := srv.Wait(short, func(n Notification) bool { return n.Summary == "never" }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait for a notification that never comes = %v, want DeadlineExceeded", err)
	}
}

func equalNotification(a, b Notification) bool {
	return a.ID == b.ID && a.Sender == b.Sender && a.AppName == b.AppName && a.ReplacesID == b.ReplacesID &&
		a.Icon == b.Icon && a.Summary == b.Summary && a.Body == b.Body &&
		slices.Equal(a.Actions, b.Actions) && a.Expire == b.Expire
}

func TestNotificationServerEmitClosed(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	srv := StartNotificationServer(t, addr)
	conn := Connect(t, addr)
	sigs := subscribe(t, conn,
		dbus.WithMatchObjectPath(NotificationsPath),
		dbus.WithMatchInterface(NotificationsIface),
		dbus.WithMatchMember("NotificationClosed"))

	srv.EmitClosed(true)
	id, err := notify(conn, "closing", 0)
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	// The signal precedes the reply, so it is already queued by now.
	sig := nextSignal(ctx, t, sigs, NotificationsIface+".NotificationClosed")
	if len(sig.Body) != 2 || sig.Body[0] != id || sig.Body[1] != ClosedReasonExpired {
		t.Errorf("NotificationClosed body = %#v, want [%d %d]", sig.Body, id, ClosedReasonExpired)
	}

	// With emission off, the next signal must be the one CloseNotification
	// causes, proving the Notify in between emitted nothing.
	srv.EmitClosed(false)
	id2, err := notify(conn, "staying", 0)
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	if err := conn.Object(NotificationsName, NotificationsPath).Call(NotificationsIface+".CloseNotification", 0, id2).Err; err != nil {
		t.Fatalf("CloseNotification: %v", err)
	}
	sig = nextSignal(ctx, t, sigs, NotificationsIface+".NotificationClosed")
	if len(sig.Body) != 2 || sig.Body[0] != id2 || sig.Body[1] != ClosedReasonByCall {
		t.Errorf("NotificationClosed body = %#v, want [%d %d]", sig.Body, id2, ClosedReasonByCall)
	}
}

func TestNotificationServerStop(t *testing.T) {
	addr := StartBus(t)
	srv := StartNotificationServer(t, addr)
	conn := Connect(t, addr)
	if _, err := notify(conn, "before", 0); err != nil {
		t.Fatalf("Notify: %v", err)
	}

	srv.Stop()
	srv.Stop() // idempotent

	_, err := notify(conn, "after", 0)
	var dErr dbus.Error
	if !errors.As(err, &dErr) || dErr.Name != "org.freedesktop.DBus.Error.ServiceUnknown" {
		t.Errorf("Notify after Stop: err = %v, want ServiceUnknown (no auto-activation)", err)
	}
	if n := srv.Notifications(); len(n) != 1 || n[0].Summary != "before" {
		t.Errorf("Notifications after Stop = %+v, want the one sent before", n)
	}

	// The name is free again, so another server can take over.
	StartNotificationServer(t, addr)
	if _, err := notify(conn, "again", 0); err != nil {
		t.Errorf("Notify to a second server: %v", err)
	}
}

// fakeTray is a minimal StatusNotifierItem with a dbusmenu, standing in for
// fyne.io/systray on its own connection.
type fakeTray struct {
	conn   *dbus.Conn
	events chan menuEvent

	mu         sync.Mutex
	layoutSeen bool
}

type menuEvent struct {
	ID      int32
	EventID string
	Data    dbus.Variant
}

const (
	fakeItemPath = dbus.ObjectPath("/StatusNotifierItem")
	fakeMenuPath = dbus.ObjectPath("/StatusNotifierItem/menu")
)

// fakeNode is a menu entry of the fake, encoded on demand to the dbusmenu
// wire layout.
type fakeNode struct {
	id       int32
	props    map[string]dbus.Variant
	children []*fakeNode
}

type wireLayout struct {
	V0 int32
	V1 map[string]dbus.Variant
	V2 []dbus.Variant
}

func (n *fakeNode) layout(depth int32) wireLayout {
	l := wireLayout{V0: n.id, V1: n.props, V2: []dbus.Variant{}}
	if depth == 0 {
		return l
	}
	for _, c := range n.children {
		l.V2 = append(l.V2, dbus.MakeVariant(c.layout(depth-1)))
	}
	return l
}

func (n *fakeNode) find(id int32) *fakeNode {
	if n.id == id {
		return n
	}
	for _, c := range n.children {
		if f := c.find(id); f != nil {
			return f
		}
	}
	return nil
}

func v(x any) dbus.Variant { return dbus.MakeVariant(x) }

var fakeMenu = &fakeNode{id: 0, props: map[string]dbus.Variant{"children-display": v("submenu")}, children: []*fakeNode{
	{id: 1, props: map[string]dbus.Variant{"label": v("_Open Dashboard"), "enabled": v(true)}},
	{id: 2, props: map[string]dbus.Variant{"type": v("separator")}},
	{id: 3, props: map[string]dbus.Variant{"label": v("Settings"), "children-display": v("submenu")}, children: []*fakeNode{
		// An int toggle-state, as fyne.io/systray sends it (godbus encodes
		// Go int as int32).
		{id: 4, props: map[string]dbus.Variant{"label": v("_Reminders"), "toggle-type": v("checkmark"), "toggle-state": v(1)}},
		{id: 5, props: map[string]dbus.Variant{"label": v("Advanced"), "children-display": v("submenu")}, children: []*fakeNode{
			{id: 6, props: map[string]dbus.Variant{"label": v("Reset__Data")}},
		}},
	}},
	{id: 7, props: map[string]dbus.Variant{"label": v("Pause"), "enabled": v(false)}},
	{id: 8, props: map[string]dbus.Variant{"label": v("Hidden"), "visible": v(false)}},
	{id: 9, props: map[string]dbus.Variant{"label": v("_Quit")}},
}}

// GetLayout truncates its first answer to depth 1, as fyne.io/systray does,
// so ReadMenu's refetching of empty submenus is exercised.
func (f *fakeTray) GetLayout(parentID, recursionDepth int32, propertyNames []string) (uint32, wireLayout, *dbus.Error) {
	node := fakeMenu.find(parentID)
	if node == nil {
		return 0, wireLayout{}, dbus.MakeFailedError(errors.New("no such menu item"))
	}
	f.mu.Lock()
	if !f.layoutSeen {
		f.layoutSeen = true
		recursionDepth = 1
	}
	f.mu.Unlock()
	return 1, node.layout(recursionDepth), nil
}

func (f *fakeTray) Event(id int32, eventID string, data dbus.Variant, timestamp uint32) *dbus.Error {
	f.events <- menuEvent{id, eventID, data}
	return nil
}

func startFakeTray(t *testing.T, addr string) *fakeTray {
	t.Helper()
	f := &fakeTray{conn: Connect(t, addr), events: make(chan menuEvent, 8)}
	if err := f.conn.Export(f, fakeMenuPath, MenuIface); err != nil {
		t.Fatal(err)
	}
	_, err := prop.Export(f.conn, fakeItemPath, prop.Map{ItemIface: {
		"Menu":  {Value: fakeMenuPath, Emit: prop.EmitConst},
		"Title": {Value: "Fake Tray", Emit: prop.EmitConst},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fakeTray) register(service string) error {
	return f.conn.Object(WatcherName, WatcherPath).Call(WatcherIface+".RegisterStatusNotifierItem", 0, service).Err
}

func TestWatcherAndMenu(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	w := StartWatcher(t, addr)
	host := Connect(t, addr)
	registered := subscribe(t, host,
		dbus.WithMatchObjectPath(WatcherPath),
		dbus.WithMatchInterface(WatcherIface),
		dbus.WithMatchMember("StatusNotifierItemRegistered"))

	tray := startFakeTray(t, addr)
	// Path form, as fyne.io/systray registers.
	if err := tray.register(string(fakeItemPath)); err != nil {
		t.Fatalf("RegisterStatusNotifierItem: %v", err)
	}
	item, err := w.WaitForItem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Item{BusName: tray.conn.Names()[0], Path: fakeItemPath}
	if item != want {
		t.Errorf("WaitForItem = %+v, want %+v", item, want)
	}
	sig := nextSignal(ctx, t, registered, WatcherIface+".StatusNotifierItemRegistered")
	if len(sig.Body) != 1 || sig.Body[0] != want.String() {
		t.Errorf("StatusNotifierItemRegistered body = %#v, want [%q]", sig.Body, want.String())
	}

	// Registering twice must not duplicate the item.
	if err := tray.register(string(fakeItemPath)); err != nil {
		t.Fatalf("second RegisterStatusNotifierItem: %v", err)
	}
	if items := w.Items(); len(items) != 1 {
		t.Errorf("Items after duplicate registration = %v", items)
	}

	watcherObj := host.Object(WatcherName, WatcherPath)
	for name, want := range map[string]any{
		"RegisteredStatusNotifierItems":  []string{want.String()},
		"IsStatusNotifierHostRegistered": true,
		"ProtocolVersion":                int32(0),
	} {
		got, err := watcherObj.GetProperty(WatcherIface + "." + name)
		if err != nil {
			t.Errorf("watcher property %s: %v", name, err)
			continue
		}
		if got.String() != dbus.MakeVariant(want).String() {
			t.Errorf("watcher property %s = %v, want %v", name, got, want)
		}
	}
	node, err := introspect.Call(watcherObj)
	if err != nil {
		t.Fatalf("Introspect watcher: %v", err)
	}
	i := slices.IndexFunc(node.Interfaces, func(i introspect.Interface) bool { return i.Name == WatcherIface })
	if i < 0 || len(node.Interfaces[i].Properties) != 3 || len(node.Interfaces[i].Methods) != 2 {
		t.Errorf("watcher introspection = %+v", node.Interfaces)
	}
	if err := watcherObj.Call(WatcherIface+".RegisterStatusNotifierHost", 0, "org.kde.StatusNotifierHost-1").Err; err != nil {
		t.Errorf("RegisterStatusNotifierHost: %v", err)
	}

	title, err := ItemProperty(ctx, host, item, "Title")
	if err != nil || title.Value() != "Fake Tray" {
		t.Errorf("ItemProperty(Title) = %v, %v", title, err)
	}
	if _, err := ItemProperty(ctx, host, item, "NoSuchProperty"); err == nil {
		t.Error("ItemProperty of a missing property succeeded")
	}

	root, err := ReadMenu(ctx, host, item)
	if err != nil {
		t.Fatalf("ReadMenu: %v", err)
	}
	var labels []string
	for _, c := range root.Children {
		labels = append(labels, c.Label)
	}
	if !slices.Equal(labels, []string{"Open Dashboard", "", "Settings", "Pause", "Hidden", "Quit"}) {
		t.Errorf("top-level labels = %q", labels)
	}
	if root.Children[1].Type != "separator" || root.Children[0].Type != "standard" {
		t.Errorf("types = %q, %q", root.Children[0].Type, root.Children[1].Type)
	}
	reset, ok := root.Find("Reset_Data")
	if !ok || reset.ID != 6 {
		t.Errorf("Find(Reset_Data) = %+v, %v; want the nested item 6 (submenu refetched after truncated layout)", reset, ok)
	}
	reminders, _ := root.Find("Reminders")
	if reminders.ToggleType != "checkmark" || reminders.ToggleState != 1 || !reminders.Enabled {
		t.Errorf("Reminders = %+v", reminders)
	}
	if open, _ := root.Find("Open Dashboard"); open.ToggleState != -1 {
		t.Errorf("default toggle-state = %d, want -1", open.ToggleState)
	}
	if pause, _ := root.Find("Pause"); pause.Enabled || !pause.Visible {
		t.Errorf("Pause = %+v, want disabled and visible", pause)
	}
	if hidden, _ := root.Find("Hidden"); hidden.Visible {
		t.Errorf("Hidden = %+v, want invisible", hidden)
	}
	if _, ok := root.Find("Nope"); ok {
		t.Error("Find of a missing label succeeded")
	}

	quit, _ := root.Find("Quit")
	if err := Click(ctx, host, item, quit.ID); err != nil {
		t.Fatalf("Click: %v", err)
	}
	select {
	case ev := <-tray.events:
		if ev.ID != 9 || ev.EventID != "clicked" || ev.Data.Value() != int32(0) {
			t.Errorf("Event = %+v, want clicked on 9 with int32 0", ev)
		}
	case <-ctx.Done():
		t.Fatal("Click did not reach the menu")
	}

	// The item disappears from the watcher when its connection goes away.
	tray.conn.Close()
	if _, err := w.WaitItems(ctx, func(items []Item) bool { return len(items) == 0 }); err != nil {
		t.Error(err)
	}
}

// reRegisterOnWatcherChange mirrors fyne.io/systray's stayRegistered: it
// re-registers path whenever org.kde.StatusNotifierWatcher gets a new owner.
// Unlike systray it skips, rather than stops at, signals with fewer than
// three arguments, so this test checks the Watcher, not systray's bug.
func reRegisterOnWatcherChange(t *testing.T, conn *dbus.Conn, path string) {
	t.Helper()
	sigs := subscribe(t, conn,
		dbus.WithMatchObjectPath("/org/freedesktop/DBus"),
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchSender("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, WatcherName))
	go func() {
		for sig := range sigs {
			if len(sig.Body) < 3 {
				continue
			}
			if owner, _ := sig.Body[2].(string); owner != "" {
				// Errors surface as the item never reappearing.
				conn.Object(WatcherName, WatcherPath).Call(WatcherIface+".RegisterStatusNotifierItem", 0, path)
			}
		}
	}()
}

func TestWatcherStopRestart(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	w := StartWatcher(t, addr)
	tray := startFakeTray(t, addr)
	reRegisterOnWatcherChange(t, tray.conn, string(fakeItemPath))
	if err := tray.register(string(fakeItemPath)); err != nil {
		t.Fatal(err)
	}
	first, err := w.WaitForItem(ctx)
	if err != nil {
		t.Fatal(err)
	}

	w.Stop()
	if items := w.Items(); len(items) != 0 {
		t.Errorf("Items after Stop = %v", items)
	}
	var owned bool
	if err := tray.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, WatcherName).Store(&owned); err != nil || owned {
		t.Errorf("NameHasOwner(%s) after Stop = %v, %v", WatcherName, owned, err)
	}
	if err := tray.register(string(fakeItemPath)); err == nil {
		t.Error("registering with a stopped watcher succeeded")
	}

	// Restart takes the name again, which the tray sees as NameOwnerChanged
	// and answers by registering again, as systray does.
	w.Restart()
	again, err := w.WaitForItem(ctx)
	if err != nil {
		t.Fatalf("item did not re-register after Restart: %v", err)
	}
	if again != first {
		t.Errorf("re-registered item = %+v, want %+v", again, first)
	}

	// Restart while running also works, and the bus-name form of
	// registration (the specification's) is understood.
	const wellKnown = "org.kde.StatusNotifierItem-4242-1"
	if _, err := tray.conn.RequestName(wellKnown, dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	w.Restart()
	if err := tray.register(wellKnown); err != nil {
		t.Fatal(err)
	}
	items, err := w.WaitItems(ctx, func(items []Item) bool {
		return slices.Contains(items, Item{BusName: wellKnown, Path: DefaultItemPath})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) > 2 {
		t.Errorf("Items = %v, want at most the path-form and the name-form registration", items)
	}
}

// TestBeeepNotify checks that beeep's Linux path (dbus.SessionBus() +
// esiqveland/notify) reaches the fake server.
func TestBeeepNotify(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	srv := StartNotificationServer(t, addr)
	UseAsSessionBus(t, addr)

	old := beeep.AppName
	beeep.AppName = "crampcare-test"
	t.Cleanup(func() { beeep.AppName = old })

	if err := beeep.Notify("Time to stretch", "Your calves will thank you", ""); err != nil {
		t.Fatalf("beeep.Notify: %v", err)
	}
	n, err := srv.Wait(ctx, func(n Notification) bool { return n.Summary == "Time to stretch" })
	if err != nil {
		t.Fatal(err)
	}
	if n.AppName != "crampcare-test" || n.Body != "Your calves will thank you" || n.Expire != 5000 {
		t.Errorf("notification = %+v", n)
	}
	if u, _ := n.Hints["urgency"].Value().(byte); u != 1 {
		t.Errorf("urgency hint = %v, want byte 1 (normal)", n.Hints["urgency"])
	}
	sess, err := dbus.SessionBus()
	if err != nil {
		t.Fatal(err)
	}
	if n.Sender != sess.Names()[0] {
		t.Errorf("beeep sent from %s, want the process-wide session connection %s", n.Sender, sess.Names()[0])
	}
}

// TestBeeepClosedSignalReachesSharedConnection demonstrates the precondition
// of fyne-io/systray#131: beeep uses the process-wide dbus.SessionBus()
// connection, and while its Notify is in flight that connection holds a match
// rule for /org/freedesktop/Notifications. godbus hands every signal the
// connection receives to every channel registered with conn.Signal, so a
// two-argument NotificationClosed reaches a listener that, like systray's
// stayRegistered, asked only for NameOwnerChanged.
func TestBeeepClosedSignalReachesSharedConnection(t *testing.T) {
	ctx := testContext(t)
	addr := StartBus(t)
	srv := StartNotificationServer(t, addr)
	srv.EmitClosed(true)
	UseAsSessionBus(t, addr)

	sess, err := dbus.SessionBus()
	if err != nil {
		t.Fatal(err)
	}
	// Registered without a match rule of its own, as systray's channel
	// effectively is for anything but NameOwnerChanged.
	sigs := make(chan *dbus.Signal, 32)
	sess.Signal(sigs)
	t.Cleanup(func() { sess.RemoveSignal(sigs) })

	if err := beeep.Notify("closing soon", "body", ""); err != nil {
		t.Fatalf("beeep.Notify: %v", err)
	}
	sig := nextSignal(ctx, t, sigs, NotificationsIface+".NotificationClosed")
	if len(sig.Body) >= 3 {
		t.Errorf("NotificationClosed has %d args; systray#131 needs fewer than 3", len(sig.Body))
	}
}
