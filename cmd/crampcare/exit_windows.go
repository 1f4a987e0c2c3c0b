package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// exit ends the program with code once everything is closed, without the
// libraries' detach code that ExitProcess runs: after a toast was tried,
// a COM class object implemented in Go (go-toast's activation callback)
// is registered, and Wine releases it from inside ExitProcess, calling
// back into a Go runtime that is already exiting ("fatal error:
// exitsyscall: syscall frame is no longer valid"); the process then hung
// instead of ending. All of CrampCare's own work (the diary, its files)
// is closed before main gets here.
func exit(code int) {
	os.Stdout.Sync()
	os.Stderr.Sync()
	windows.TerminateProcess(windows.CurrentProcess(), uint32(code))
	os.Exit(code) // not reached
}
