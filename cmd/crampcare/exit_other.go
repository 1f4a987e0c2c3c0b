//go:build !windows

package main

import "os"

// exit ends the program with code.
func exit(code int) { os.Exit(code) }
