package agent

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/datadir"
)

// windowHost starts the window process on demand and keeps at most one: a
// second request while one runs (or is starting) goes to it as an event.
type windowHost struct {
	exe     string
	dataDir string
	stderr  io.Writer
	// args gives the window process's arguments; tests replace it.
	args func(window string) []string

	mu       sync.Mutex
	attached chan api.Event // the window process's event stream, or nil
	proc     *exec.Cmd      // the running window process, or nil
	token    string         // what proc attaches with: new for each process
	exited   chan struct{}  // closed when proc exits
	pending  []api.Event    // asked for while proc was starting
	// last is the window asked for last: what a new process shows after
	// the running one crashed.
	last string
	// wasAttached says proc has attached once; stopping, that the agent
	// is ending (Stop): nothing is started again then.
	wasAttached, stopping bool
}

var _ api.Host = (*windowHost)(nil)

// ShowWindow implements api.Host.
func (h *windowHost) ShowWindow(name string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := api.Event{Type: api.EventShow, Window: name}
	h.last = name
	if h.attached != nil {
		h.send(ev)
		return nil
	}
	if h.proc != nil {
		h.pending = append(h.pending, ev)
		return nil
	}
	return h.start(name, true)
}

// start starts the window process for the window called name. Must hold
// mu. retry says whether a process that ends in failure is started once
// more, with the window asked for last: the window asked for (the relief
// steps at 3 a.m.) must not be lost to a start that failed on a busy
// machine, or to a crash while it was being shown (CI saw a window
// process die once in building the main window, after it had attached,
// and the window never came); a second failure is only logged, never a
// loop.
func (h *windowHost) start(name string, retry bool) error {
	args := []string{"--data-dir", h.dataDir, "window", name}
	if h.args != nil {
		args = h.args(name)
	}
	token := rand.Text()
	cmd := exec.Command(h.exe, args...)
	cmd.Env = append(os.Environ(), datadir.EnvVar+"="+h.dataDir, api.WindowTokenEnv+"="+token)
	cmd.Stdout = h.stderr
	cmd.Stderr = h.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start window process: %w", err)
	}
	h.proc, h.token, h.wasAttached, h.last = cmd, token, false, name
	exited := make(chan struct{})
	h.exited = exited
	go func() {
		err := cmd.Wait()
		if err != nil {
			// A crash or a kill: worth a line in the log, and the next
			// request starts a new process.
			fmt.Fprintf(h.stderr, "window process %d ended: %v\n", cmd.Process.Pid, err)
		}
		h.mu.Lock()
		if h.proc == cmd {
			h.proc, h.attached = nil, nil
			switch {
			case h.stopping:
			case err != nil && retry:
				again := h.last
				if h.wasAttached {
					fmt.Fprintf(h.stderr, "window process failed while showing %q: starting it again\n", again)
				} else {
					fmt.Fprintf(h.stderr, "window process ended before it showed %q: starting it again\n", again)
				}
				if err := h.start(again, false); err != nil {
					fmt.Fprintf(h.stderr, "%v\n", err)
				}
			case len(h.pending) > 0:
				// Asked for while it was closing down (its last
				// window had just closed, and it had let go of
				// its events): a new process shows them.
				next := h.pending[0]
				h.pending = h.pending[1:]
				if err := h.start(next.Window, true); err != nil {
					fmt.Fprintf(h.stderr, "%v\n", err)
				}
			}
			if h.proc == nil {
				h.pending = nil
			}
		}
		h.mu.Unlock()
		close(exited)
	}()
	return nil
}

// Attach implements api.Host. Only the process started last may attach,
// and only once: a second attach (a stray client, or a `crampcare window`
// started by hand) would take the event stream away from it, after which
// no window the person asks for would show.
func (h *windowHost) Attach(token string) (<-chan api.Event, func(), error) {
	h.mu.Lock()
	if h.proc == nil || token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(h.token)) != 1 || h.attached != nil {
		h.mu.Unlock()
		return nil, nil, errors.New("refused: only the window process CrampCare started may receive its events")
	}
	ch := make(chan api.Event, 32)
	h.attached, h.wasAttached = ch, true
	for _, ev := range h.pending {
		h.send(ev)
	}
	h.pending = nil
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if h.attached == ch {
			h.attached = nil
		}
		h.mu.Unlock()
	}, nil
}

// Detach implements api.Host: the stream ends after what is queued on it.
func (h *windowHost) Detach(token string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.attached == nil || subtle.ConstantTimeCompare([]byte(token), []byte(h.token)) != 1 {
		return errors.New("refused: only the attached window process may let go of its events")
	}
	close(h.attached)
	h.attached = nil
	return nil
}

// Broadcast tells the window process, if any, about ev.
func (h *windowHost) Broadcast(ev api.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.attached != nil {
		h.send(ev)
	}
}

// send must hold mu. It never blocks: a window process so far behind that
// 32 events queue up will refresh on the next one anyway.
func (h *windowHost) send(ev api.Event) {
	select {
	case h.attached <- ev:
	default:
	}
}

// Stop asks the window process to quit and waits for it, killing it if it
// has not gone within the grace period.
func (h *windowHost) Stop(grace time.Duration) {
	h.mu.Lock()
	proc, exited := h.proc, h.exited
	h.stopping = true
	if h.attached != nil {
		h.send(api.Event{Type: api.EventQuit})
	}
	h.mu.Unlock()
	if proc == nil {
		return
	}
	select {
	case <-exited:
	case <-time.After(grace):
		proc.Process.Kill()
		<-exited
	}
}
