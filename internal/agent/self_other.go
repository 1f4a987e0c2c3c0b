//go:build !linux

package agent

// windowExe is what the agent starts as its window process. Windows locks
// a running program's file, so an update cannot replace it while the agent
// runs; on macOS the file can be replaced, and a window process of another
// version is refused by the API in plain words (quit and start again).
func windowExe(exe string) string { return exe }
