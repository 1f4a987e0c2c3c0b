package agent

import "os"

// windowExe is what the agent starts as its window process: on Linux its
// own image, through /proc/self/exe, which still runs this build after the
// file at exe was replaced by an update (the kernel keeps the old one while
// it runs). So the window process is always the agent's own version.
func windowExe(exe string) string {
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		return "/proc/self/exe"
	}
	return exe
}
