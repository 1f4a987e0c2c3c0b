//go:build !linux

package main

// nameProcess has nothing to do where the window process is started by
// its file's name.
func nameProcess(string) {}
