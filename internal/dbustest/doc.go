// Package dbustest provides helpers for tests that talk to a desktop over
// D-Bus without a desktop being present.
//
// A test starts a private session bus with [StartBus] and then plays the parts
// that a real desktop would: [StartNotificationServer] stands in for the
// notification daemon (org.freedesktop.Notifications, which
// github.com/gen2brain/beeep talks to) and [StartWatcher] stands in for the
// panel's org.kde.StatusNotifierWatcher (which fyne.io/systray registers its
// tray item with). [ReadMenu], [Click] and [ItemProperty] then act as the
// panel's tray host, reading and driving the tray item's com.canonical.dbusmenu
// menu the way a user would.
//
// Every helper ties the lifetime of what it starts to the test via
// testing.TB.Cleanup, so a test never has to tear anything down by hand.
// Methods that report failures through testing.TB (Fatal) must be called from
// the test's own goroutine.
//
// The bus is configured without service directories, so a name that nobody
// owns fails immediately with org.freedesktop.DBus.Error.ServiceUnknown rather
// than auto-starting whatever notification daemon happens to be installed on
// the machine. That keeps "no server" scenarios deterministic.
package dbustest
