package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// nameProcess gives this process the name people look for in a task
// manager. The agent starts its window process through /proc/self/exe (so
// that it is the agent's own build), and the kernel would otherwise call
// that process "exe".
func nameProcess(name string) {
	b := append([]byte(name), 0)
	_ = unix.Prctl(unix.PR_SET_NAME, uintptr(unsafe.Pointer(&b[0])), 0, 0, 0)
}
