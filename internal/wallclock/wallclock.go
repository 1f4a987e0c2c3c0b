//go:build !crampcare_testhooks

// Package wallclock is the agent's wall clock. In a normal build it is
// time.Now and nothing else; a build with the crampcare_testhooks tag
// (end-to-end tests only) lets a test move it, to play a suspend or a
// clock change on the real program.
package wallclock

import "time"

// Func returns the clock the agent reads.
func Func() func() time.Time { return time.Now }
