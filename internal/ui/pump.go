package ui

import (
	"slices"
	"sync"

	"github.com/crampcare/crampcare/internal/api"
)

// pump hands the agent's events to the Fyne thread, and keeps the windows
// asked for that were never shown: an event that arrives as the last
// window closes is queued for a Fyne loop that has stopped, and without
// this the window asked for (the relief steps, clicked again at once) would
// be lost with the process. Run gives them back to the agent, which starts
// a new window process for them.
type pump struct {
	mu      sync.Mutex
	next    int
	queued  map[int]api.Event // handed to the Fyne thread, not yet run
	late    []api.Event       // came after the app stopped
	quitted bool              // the agent asked this process to quit
}

// run reads events until the stream closes: each is handed to handle on
// the Fyne thread through do until stopped is closed; after that, shows
// are kept for unshown. It returns when the stream is closed, which the
// caller arranges (letting go of the stream) once the app has stopped.
func (p *pump) run(events <-chan api.Event, stopped <-chan struct{}, do func(func()), handle func(api.Event)) {
	for ev := range events {
		p.mu.Lock()
		if ev.Type == api.EventQuit {
			p.quitted = true
		}
		select {
		case <-stopped:
			p.late = append(p.late, ev)
			p.mu.Unlock()
			continue
		default:
		}
		if p.queued == nil {
			p.queued = map[int]api.Event{}
		}
		id := p.next
		p.next++
		p.queued[id] = ev
		p.mu.Unlock()
		do(func() {
			p.mu.Lock()
			delete(p.queued, id)
			p.mu.Unlock()
			handle(ev)
		})
	}
}

// unshown are the windows asked for that no window of this process shows,
// in the order asked; none when the agent asked the process to quit (it is
// ending, and starts nothing more).
func (p *pump) unshown() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quitted {
		return nil
	}
	var ids []int
	for id, ev := range p.queued {
		if ev.Type == api.EventShow {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids) // the order of arrival
	var names []string
	for _, id := range ids {
		names = append(names, p.queued[id].Window)
	}
	for _, ev := range p.late {
		if ev.Type == api.EventShow {
			names = append(names, ev.Window)
		}
	}
	return names
}
