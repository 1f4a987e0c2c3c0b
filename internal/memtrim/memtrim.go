// Package memtrim gives back memory the agent touched only while starting.
//
// The agent shares one binary with the window process, so Go runs the
// package initialisers of Fyne and its dependencies in the agent too. They
// touch most of the executable's code and read-only data once (about 17 MB
// mapped from the file), which the tray never needs again. Trim releases
// those clean, file-backed pages and the start-up garbage; any page that is
// needed later comes back from the page cache on first use.
package memtrim

import "runtime/debug"

// Trim releases start-up memory; call it once the agent is up.
func Trim() error {
	debug.FreeOSMemory()
	return trimImage()
}
