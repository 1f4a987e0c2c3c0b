package wallclock

import (
	"context"
	"time"
)

// MaxWait is the longest the agent trusts one timer. Go's timers run on
// monotonic time, which stops while the computer sleeps (golang/go#35012):
// a timer set at 22:00 for 09:15 would fire in the afternoon after a night
// of sleep. So a wait for a time of day sleeps at most this long, then reads
// the wall clock again. A wake-up signal (logind's, where there is one) only
// makes it sooner; it is never the only way to notice.
const MaxWait = 2 * time.Minute

// Wait is how long to sleep on a timer for something due d from now by the
// wall clock: d itself when that is within MaxWait, else MaxWait.
func Wait(d time.Duration) time.Duration {
	return min(max(d, 0), MaxWait)
}

// SleepUntil waits until now() reaches t, ctx ends or wake fires (a nil
// wake never does), re-reading the wall clock at least every MaxWait. It
// reports whether t was reached.
func SleepUntil(ctx context.Context, now func() time.Time, t time.Time, wake <-chan struct{}) bool {
	for {
		d := t.Sub(now())
		if d <= 0 {
			return true
		}
		timer := time.NewTimer(Wait(d))
		select {
		case <-ctx.Done():
			timer.Stop()
			return false
		case <-wake:
			timer.Stop()
			return false
		case <-timer.C:
		}
	}
}
