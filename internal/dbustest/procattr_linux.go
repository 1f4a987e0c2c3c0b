package dbustest

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes the kernel kill the daemon if the test binary
// dies without running its cleanups (for example on a go test -timeout
// panic), so crashed runs do not leave dbus-daemon processes behind.
//
// Pdeathsig fires when the forking OS thread exits, not the process; the Go
// runtime does not retire threads that have no locked goroutine, so in
// practice this is tied to the test binary's lifetime.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
