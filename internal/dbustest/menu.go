package dbustest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// Interfaces a tray host uses to talk to an item.
const (
	ItemIface = "org.kde.StatusNotifierItem"
	MenuIface = "com.canonical.dbusmenu"
)

// MenuItem is one node of a com.canonical.dbusmenu layout, with the
// properties a test typically asserts on decoded and the defaults from the
// dbusmenu specification applied when a property is absent.
type MenuItem struct {
	ID          int32
	Label       string // with "_" mnemonic markers removed
	Enabled     bool   // default true
	Visible     bool   // default true
	Type        string // "standard" (default) or "separator"
	ToggleType  string // "checkmark", "radio" or "" (default)
	ToggleState int32  // 1 on, 0 off, -1 indeterminate (default)
	Props       map[string]dbus.Variant
	Children    []MenuItem
}

// Find returns the first node in m's tree, m included, whose Label equals
// label, searching depth-first in menu order.
func (m MenuItem) Find(label string) (MenuItem, bool) {
	if m.Label == label {
		return m, true
	}
	for _, c := range m.Children {
		if found, ok := c.Find(label); ok {
			return found, true
		}
	}
	return MenuItem{}, false
}

// ItemProperty reads one org.kde.StatusNotifierItem property of item, such as
// "Title", "ToolTip", "IconPixmap" or "Menu".
func ItemProperty(ctx context.Context, conn *dbus.Conn, item Item, name string) (dbus.Variant, error) {
	var v dbus.Variant
	err := conn.Object(item.BusName, item.Path).
		CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, ItemIface, name).
		Store(&v)
	if err != nil {
		return dbus.Variant{}, fmt.Errorf("dbustest: reading %s property %s of %v: %w", ItemIface, name, item, err)
	}
	return v, nil
}

// menuObject resolves the item's Menu property to its dbusmenu object.
func menuObject(ctx context.Context, conn *dbus.Conn, item Item) (dbus.BusObject, error) {
	v, err := ItemProperty(ctx, conn, item, "Menu")
	if err != nil {
		return nil, err
	}
	path, ok := v.Value().(dbus.ObjectPath)
	if !ok {
		return nil, fmt.Errorf("dbustest: Menu property of %v is %s, want an object path", item, v.Signature())
	}
	return conn.Object(item.BusName, path), nil
}

// ReadMenu fetches the whole menu of a tray item the way a panel does:
// it follows the item's Menu property and calls
// com.canonical.dbusmenu.GetLayout(0, -1, []) on it. The returned root node
// (ID 0) usually has no label; its children are the top-level entries.
//
// fyne.io/systray answers the first GetLayout after a menu reset with depth 1
// whatever depth was asked for (a workaround for libdbusmenu-gtk3), so
// submenus can arrive empty. ReadMenu therefore fetches, once more each, every
// node that is marked children-display=submenu but came back without
// children; systray honours the requested depth on later calls.
func ReadMenu(ctx context.Context, conn *dbus.Conn, item Item) (MenuItem, error) {
	obj, err := menuObject(ctx, conn, item)
	if err != nil {
		return MenuItem{}, err
	}
	root, err := getLayout(ctx, obj, 0)
	if err != nil {
		return MenuItem{}, err
	}
	if err := fillSubmenus(ctx, obj, root.Children); err != nil {
		return MenuItem{}, err
	}
	return root, nil
}

func fillSubmenus(ctx context.Context, obj dbus.BusObject, nodes []MenuItem) error {
	for i := range nodes {
		n := &nodes[i]
		if len(n.Children) == 0 && propString(n.Props, "children-display") == "submenu" {
			sub, err := getLayout(ctx, obj, n.ID)
			if err != nil {
				return err
			}
			n.Children = sub.Children
		}
		if err := fillSubmenus(ctx, obj, n.Children); err != nil {
			return err
		}
	}
	return nil
}

// rawLayout mirrors the dbusmenu layout signature (ia{sv}av).
type rawLayout struct {
	ID       int32
	Props    map[string]dbus.Variant
	Children []dbus.Variant
}

func getLayout(ctx context.Context, obj dbus.BusObject, parent int32) (MenuItem, error) {
	var (
		revision uint32
		raw      rawLayout
	)
	err := obj.CallWithContext(ctx, MenuIface+".GetLayout", 0, parent, int32(-1), []string{}).
		Store(&revision, &raw)
	if err != nil {
		return MenuItem{}, fmt.Errorf("dbustest: %s.GetLayout(%d) on %s%s: %w", MenuIface, parent, obj.Destination(), obj.Path(), err)
	}
	return convertLayout(raw)
}

func convertLayout(raw rawLayout) (MenuItem, error) {
	m := MenuItem{
		ID:          raw.ID,
		Label:       stripMnemonics(propString(raw.Props, "label")),
		Enabled:     propBool(raw.Props, "enabled", true),
		Visible:     propBool(raw.Props, "visible", true),
		Type:        propString(raw.Props, "type"),
		ToggleType:  propString(raw.Props, "toggle-type"),
		ToggleState: -1,
		Props:       raw.Props,
	}
	if m.Type == "" {
		m.Type = "standard"
	}
	if v, ok := raw.Props["toggle-state"]; ok {
		state, ok := toInt32(v.Value())
		if !ok {
			return MenuItem{}, fmt.Errorf("dbustest: menu item %d: toggle-state has type %s", raw.ID, v.Signature())
		}
		m.ToggleState = state
	}
	for _, cv := range raw.Children {
		// A child arrives as a variant holding the struct, which godbus
		// decodes as []any; Store maps it back onto the struct.
		var child rawLayout
		if err := dbus.Store([]any{cv.Value()}, &child); err != nil {
			return MenuItem{}, fmt.Errorf("dbustest: menu item %d: decoding child %s: %w", raw.ID, cv.Signature(), err)
		}
		c, err := convertLayout(child)
		if err != nil {
			return MenuItem{}, err
		}
		m.Children = append(m.Children, c)
	}
	return m, nil
}

// Click activates menu entry id the way a panel does when the user clicks it:
// com.canonical.dbusmenu.Event(id, "clicked", int32 0, timestamp).
func Click(ctx context.Context, conn *dbus.Conn, item Item, id int32) error {
	obj, err := menuObject(ctx, conn, item)
	if err != nil {
		return err
	}
	call := obj.CallWithContext(ctx, MenuIface+".Event", 0,
		id, "clicked", dbus.MakeVariant(int32(0)), uint32(time.Now().Unix()))
	if call.Err != nil {
		return fmt.Errorf("dbustest: clicking menu item %d of %v: %w", id, item, call.Err)
	}
	return nil
}

// stripMnemonics removes GTK-style access-key markers: "_File" is shown as
// "File" and "__" stands for a literal underscore.
func stripMnemonics(label string) string {
	if !strings.Contains(label, "_") {
		return label
	}
	var b strings.Builder
	rs := []rune(label)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '_' && i+1 < len(rs) {
			i++
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

func propString(props map[string]dbus.Variant, key string) string {
	s, _ := props[key].Value().(string)
	return s
}

func propBool(props map[string]dbus.Variant, key string, def bool) bool {
	v, ok := props[key]
	if !ok {
		return def
	}
	b, ok := v.Value().(bool)
	if !ok {
		return def
	}
	return b
}

// toInt32 accepts any integer type: toggle-state travels in a variant, so
// only convention (int32 in the spec) fixes its width, and a test helper
// should report the menu's state rather than fail on a width mismatch.
func toInt32(v any) (int32, bool) {
	switch n := v.(type) {
	case int32:
		return n, true
	case int64:
		return int32(n), true
	case int16:
		return int32(n), true
	case uint32:
		return int32(n), true
	case uint16:
		return int32(n), true
	case byte:
		return int32(n), true
	default:
		return 0, false
	}
}
