package tray

import "github.com/godbus/dbus/v5"

// HostPresent reports whether a tray host (a StatusNotifierWatcher) is on
// the session bus. Without one (GNOME without the AppIndicator extension),
// the tray item is invisible and the agent must show a window instead.
func HostPresent() bool {
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
