package ui

import (
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
)

// pace is how the window process works off the Fyne thread and waits: diary
// reads and drawings on goroutines, the one-second countdown tickers, the
// gap between history reads. It is the one
// test seam of the package: in Fyne's test driver fyne.Do runs on the
// calling goroutine, so real goroutines and tickers would race the test and
// outlive it. newTestUI runs reads and drawings at once and stops the
// tickers; a test that needs time to pass, or a read held back, replaces a
// field. Everything else a test needs it reaches through the windows
// (ui.windows) and the views their openers return.
type pace struct {
	// fetch runs get off the Fyne thread and then what it returns on the
	// Fyne thread: a diary read must never hold up the windows.
	fetch func(get func() (put func()))
	// every calls fn on the Fyne thread every d until the returned stop is
	// called.
	every func(d time.Duration, fn func()) (stop func())
	// historyGap is the least time between two reads of the history
	// while changes keep coming (a script logging cramps one after the
	// other): the first change is read at once, the next ones at most
	// this often. Zero reads each change.
	historyGap time.Duration
	// clock and after measure and wait out the gap.
	clock func() time.Time
	after func(d time.Duration, f func())
	// readDone, if set, is told when a read of a year of cramps is
	// done: it gives their memory back once the reads stop (giveBack).
	readDone func()
}

// historyGap's default: two reads a second at most, a year of cramps
// being some 30 ms of CPU to read.
const historyGap = 500 * time.Millisecond

// realPace is the pace of the running app: goroutines, real timers.
func realPace() pace {
	return pace{
		fetch: func(get func() (put func())) {
			go func() {
				put := get()
				fyne.Do(put)
			}()
		},
		every:      every,
		historyGap: historyGap,
		clock:      time.Now,
		after:      func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) },
		readDone:   giveBack(),
	}
}

// every calls fn on the Fyne thread every d until the returned stop is
// called.
func every(d time.Duration, fn func()) (stop func()) {
	t := time.NewTicker(d)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-t.C:
				fyne.Do(fn)
			case <-done:
				return
			}
		}
	}()
	return func() { t.Stop(); close(done) }
}

// giveBack returns a readDone that, once reads have stopped for a few
// seconds, hands the memory they used back to the system. A year of a
// heavy diary is some 4 MB to read; Go keeps the heap it grew to for the
// next garbage collection, which in a window left open all day after a
// script logged 200 cramps means 20 MB held for nothing.
func giveBack() func() {
	t := time.AfterFunc(time.Hour, debug.FreeOSMemory) // off the Fyne thread
	t.Stop()
	return func() { t.Reset(3 * time.Second) }
}
