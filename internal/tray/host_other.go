//go:build !linux

package tray

// HostPresent reports whether a tray host exists; macOS and Windows always
// have one.
func HostPresent() bool { return true }
