package routine

import (
	"slices"
	"time"
)

// GetReady is the pause before each timed hold, to get into position.
const GetReady = 5 * time.Second

// Phase of the current item.
type Phase int

// The phases.
const (
	Ready  Phase = iota // getting into position
	Active              // holding, counting down
	Done                // the routine is over (finished or stopped)
)

// Event tells the window something worth a sound or a message.
type Event int

// The events.
const (
	EventNone       Event = iota
	EventSwitchSide       // the next item is the other leg
	EventNextStep         // the next item is another step
	EventFinished         // the last item is done
)

// Runner walks through a plan. It is a pure state machine: Advance takes
// the current time, so the countdown follows the clock (no drift when the
// window is covered or a tick is late), and tests drive it by hand.
type Runner struct {
	items     []Item
	i         int
	phase     Phase
	left      time.Duration // of the current phase
	paused    bool
	last      time.Time
	started   time.Time
	ended     time.Time
	completed []bool
	stopped   bool
}

// NewRunner starts plan at now, in the get-ready phase of the first item.
func NewRunner(plan []Item, now time.Time) *Runner {
	r := &Runner{items: plan, started: now, last: now, completed: make([]bool, len(plan))}
	if len(plan) == 0 {
		r.phase, r.ended = Done, now
		return r
	}
	r.enter(0)
	return r
}

func (r *Runner) enter(i int) {
	r.i, r.phase, r.left = i, Ready, GetReady
}

// Advance moves the clock to now and returns the events that happened.
func (r *Runner) Advance(now time.Time) []Event {
	elapsed := now.Sub(r.last)
	r.last = now
	if r.phase == Done || r.paused || elapsed <= 0 {
		return nil
	}
	var events []Event
	for elapsed > 0 && r.phase != Done {
		if elapsed < r.left {
			r.left -= elapsed
			break
		}
		elapsed -= r.left
		if r.phase == Ready {
			r.phase, r.left = Active, r.items[r.i].Step.Hold
			continue
		}
		r.completed[r.i] = true
		events = append(events, r.next(now))
	}
	return events
}

// next leaves the current item for the following one (or the end).
func (r *Runner) next(now time.Time) Event {
	if r.i+1 >= len(r.items) {
		r.phase, r.left, r.ended = Done, 0, now
		return EventFinished
	}
	cur, nxt := r.items[r.i], r.items[r.i+1]
	r.enter(r.i + 1)
	if cur.Step.ID == nxt.Step.ID && cur.Side != nxt.Side {
		return EventSwitchSide
	}
	return EventNextStep
}

// TogglePause pauses or resumes at now.
func (r *Runner) TogglePause(now time.Time) {
	r.Advance(now)
	r.paused = !r.paused
	r.last = now
}

// Skip leaves the current item undone and goes to the next.
func (r *Runner) Skip(now time.Time) Event {
	r.Advance(now)
	if r.phase == Done {
		return EventNone
	}
	return r.next(now)
}

// Back returns to the start of the previous item (or restarts the first).
func (r *Runner) Back(now time.Time) {
	r.Advance(now)
	if r.phase == Done && r.stopped {
		return
	}
	i := r.i - 1
	if i < 0 {
		i = 0
	}
	if r.phase == Done {
		i = len(r.items) - 1
		r.ended = time.Time{}
	}
	r.enter(i)
}

// Stop ends the routine at now, keeping what was completed.
func (r *Runner) Stop(now time.Time) {
	r.Advance(now)
	if r.phase != Done {
		r.phase, r.ended, r.stopped = Done, now, true
	}
}

// State is what the window shows.
type State struct {
	Item      Item
	Index     int // 0-based
	Total     int
	Phase     Phase
	Left      time.Duration // of the current phase
	Paused    bool
	Next      *Item // nil on the last item
	Progress  float64
	Completed int
	// Skipped counts the items left behind undone (all of them once the
	// routine is over), so the window can tell done from skipped.
	Skipped int
}

// State reports where the routine is.
func (r *Runner) State() State {
	s := State{Index: r.i, Total: len(r.items), Phase: r.phase, Left: r.left, Paused: r.paused}
	if len(r.items) > 0 {
		s.Item = r.items[r.i]
	}
	if r.i+1 < len(r.items) {
		n := r.items[r.i+1]
		s.Next = &n
	}
	for i, c := range r.completed {
		switch {
		case c:
			s.Completed++
		case i < r.i || r.phase == Done:
			s.Skipped++
		}
	}
	if s.Total > 0 {
		s.Progress = float64(s.Completed) / float64(s.Total)
	}
	return s
}

// Done reports, for each item of the plan, whether it was completed.
func (r *Runner) Done() []bool { return slices.Clone(r.completed) }

// Result sums up a finished or stopped routine for the diary.
type Result struct {
	Start, End time.Time
	Steps      []string // IDs of steps with at least one item completed
	Rounds     int      // rounds of the round steps fully completed
	// Counts: every core step was completed for both legs at least once.
	Counts bool
	// Stopped: ended with Stop, not by going past the last item.
	Stopped bool
}

// Result reports what was done.
func (r *Runner) Result() Result {
	res := Result{Start: r.started, End: r.ended, Stopped: r.stopped}
	if res.End.IsZero() {
		res.End = r.last
	}
	seen := map[string]bool{}
	core := map[string]map[Side]bool{}
	roundDone := map[int]bool{}
	roundAll := map[int]bool{}
	for i, it := range r.items {
		if it.Round > 0 {
			if _, ok := roundDone[it.Round]; !ok {
				roundDone[it.Round] = true
			}
			roundAll[it.Round] = true
			if !r.completed[i] {
				roundDone[it.Round] = false
			}
		}
		if !r.completed[i] {
			continue
		}
		if !seen[it.Step.ID] {
			seen[it.Step.ID] = true
			res.Steps = append(res.Steps, it.Step.ID)
		}
		if it.Step.Core {
			if core[it.Step.ID] == nil {
				core[it.Step.ID] = map[Side]bool{}
			}
			core[it.Step.ID][it.Side] = true
		}
	}
	for r := range roundAll {
		if roundDone[r] {
			res.Rounds++
		}
	}
	res.Counts = true
	for _, s := range Evening() {
		if s.Core && !(core[s.ID][Left] && core[s.ID][Right]) {
			res.Counts = false
		}
	}
	return res
}
