//go:build !linux

package dbustest

import "os/exec"

// setParentDeathSignal is a no-op where the kernel offers no parent-death
// signal; the daemon is still killed by the test's cleanup.
func setParentDeathSignal(*exec.Cmd) {}
