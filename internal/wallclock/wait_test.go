package wallclock

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestWait(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{
		-time.Minute: 0, 0: 0, 30 * time.Second: 30 * time.Second, MaxWait: MaxWait, 10 * time.Hour: MaxWait,
	} {
		if got := Wait(d); got != want {
			t.Errorf("Wait(%v) = %v, want %v", d, got, want)
		}
	}
}

// suspendable is a wall clock that a test can move on without moving
// timers, as a suspend does.
type suspendable struct {
	mu     sync.Mutex
	origin time.Time
	start  time.Time
	offset time.Duration
}

func (c *suspendable) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start.Add(time.Since(c.origin) + c.offset)
}

func (c *suspendable) sleep(d time.Duration) { c.mu.Lock(); c.offset += d; c.mu.Unlock() }

// A wait for 07:00 set at 22:00, across a night of sleep with no wake-up
// signal: it ends within MaxWait of the wall clock passing 07:00, not ten
// hours of timer time later.
func TestSleepUntilAcrossASuspend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		day := time.Date(2026, 11, 23, 22, 0, 0, 0, time.UTC)
		c := &suspendable{origin: time.Now(), start: day}
		target := day.Add(9 * time.Hour) // 07:00
		done := make(chan time.Time, 1)
		go func() {
			if SleepUntil(context.Background(), c.now, target, nil) {
				done <- c.now()
			}
			close(done)
		}()
		time.Sleep(31 * time.Minute) // 22:31, then asleep until 08:00
		c.sleep(9*time.Hour + 29*time.Minute)
		synctest.Wait()
		select {
		case <-done:
			t.Fatal("woke during the suspend, before any timer could fire")
		default:
		}
		time.Sleep(MaxWait)
		synctest.Wait()
		at, ok := <-done
		if !ok {
			t.Fatal("SleepUntil gave up")
		}
		if late := at.Sub(day.Add(10 * time.Hour)); late < 0 || late > MaxWait {
			t.Errorf("woke at %v, %v after the computer woke at 08:00; want within %v", at.Format("15:04:05"), late, MaxWait)
		}
	})
}

// A wake signal or ctx ends the wait early, and says so.
func TestSleepUntilWakeAndCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		wake := make(chan struct{}, 1)
		wake <- struct{}{}
		if SleepUntil(context.Background(), time.Now, time.Now().Add(time.Hour), wake) {
			t.Error("a woken wait says it reached its time")
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if SleepUntil(ctx, time.Now, time.Now().Add(time.Hour), nil) {
			t.Error("a cancelled wait says it reached its time")
		}
		if !SleepUntil(context.Background(), time.Now, time.Now().Add(-time.Second), nil) {
			t.Error("a time already past is not reached at once")
		}
	})
}
