package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime/debug"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/version"
)

// Host is the agent's side of window management, which the API exposes.
type Host interface {
	// ShowWindow shows a window, starting the window process if needed.
	ShowWindow(name string) error
	// Attach registers the caller as the window process; events flow on the
	// channel until detach is called or the channel is closed by the host.
	// token is the one the host gave the window process it started (in
	// WindowTokenEnv); any other caller is refused, so no other client can
	// take the event stream away from the real window process.
	Attach(token string) (events <-chan Event, detach func(), err error)
}

// Reminders is the agent's reminder runner, as far as clients may steer it.
type Reminders interface {
	// Later puts tonight's stretch reminder off for a few minutes.
	Later() error
	// TestNotification sends a sample notification now.
	TestNotification() error
}

// Params wires a Server.
type Params struct {
	Diary     service.Diary
	Host      Host
	Reminders Reminders
	// Owner is the only user (uid) let in: the agent's own, os.Getuid().
	// The socket is 0600 in a 0700 folder already; this also refuses a
	// client of another user (root included) who reaches it anyway.
	Owner int
	// Logf receives what went wrong inside the server (a request that
	// panicked, a failing accept), for the agent's log; nil discards it.
	Logf func(format string, args ...any)
}

// Server answers API requests on a listener.
type Server struct {
	p     Params
	mu    sync.Mutex
	conns map[*conn]struct{}
	wg    sync.WaitGroup
	// large is the one slot for a request longer than smallRequest.
	large chan struct{}
}

// NewServer returns a server for p.
func NewServer(p Params) *Server {
	if p.Logf == nil {
		p.Logf = func(string, ...any) {}
	}
	return &Server{p: p, conns: map[*conn]struct{}{}, large: make(chan struct{}, 1)}
}

// Listen opens the agent's socket at path, mode 0600. A socket file left by
// an agent that crashed is removed first, but only when nothing answers on
// it, so a live agent is never cut off.
func Listen(path string) (net.Listener, error) {
	if _, err := os.Stat(path); err == nil {
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("api: an agent already listens on %s", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("api: remove stale socket: %w", err)
		}
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("api: listen: %w", err)
	}
	// The folder is already 0700; the socket is tightened too, so that a
	// folder made wider by hand still does not expose the diary.
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("api: chmod socket: %w", err)
	}
	return ln, nil
}

// Serve accepts connections until ln is closed; it then waits for the
// connections it started to end. Any other accept error (out of file
// handles, say) is logged and tried again after a pause that grows to a
// second, as net/http does: the API must outlive a bad minute.
func (s *Server) Serve(ln net.Listener) error {
	defer s.wg.Wait()
	var pause time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			pause = min(max(2*pause, 5*time.Millisecond), time.Second)
			s.p.Logf("api: accept: %v; trying again in %s", err, pause)
			time.Sleep(pause)
			continue
		}
		pause = 0
		c := newConn(nc)
		s.add(c)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.remove(c)
			defer s.recoverConn()
			if err := s.admit(c); err != nil {
				s.refuse(c, err)
			} else {
				s.handle(c)
			}
		}()
	}
}

// add registers c, closing the connection idle the longest when MaxConns
// are open: a flood of idle connections costs its own, not the agent's
// ability to answer.
func (s *Server) add(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.conns) >= MaxConns {
		var oldest *conn
		for o := range s.conns {
			if !o.busy && (oldest == nil || o.lastUsed.Before(oldest.lastUsed)) {
				oldest = o
			}
		}
		if oldest != nil {
			oldest.Close()
			delete(s.conns, oldest)
		}
	}
	s.conns[c] = struct{}{}
}

func (s *Server) remove(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

// setBusy marks c as serving a request (not to be closed for room), or idle.
func (s *Server) setBusy(c *conn, busy bool) {
	s.mu.Lock()
	c.busy, c.lastUsed = busy, time.Now()
	s.mu.Unlock()
}

// acquireLarge takes the large-request slot, waiting until deadline.
func (s *Server) acquireLarge(deadline time.Time) bool {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case s.large <- struct{}{}:
		return true
	case <-t.C:
		return false
	}
}

// releaseLarge gives the slot back, and the memory the request took back to
// the system: it is rare, and the agent stays small for the rest of the day.
func (s *Server) releaseLarge() {
	<-s.large
	debug.FreeOSMemory()
}

// recoverConn keeps a panic on one connection from ending the agent.
func (s *Server) recoverConn() {
	if r := recover(); r != nil {
		s.p.Logf("api: connection panicked: %v\n%s", r, debug.Stack())
	}
}

// refuse answers the first request with why it is refused, so the client
// reads a reason rather than a closed connection.
func (s *Server) refuse(c *conn, why error) {
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, large, err := s.readLine(c); err == nil && large {
		s.releaseLarge()
	}
	s.reply(c, response{Error: &wireError{Code: codeRefused, Message: why.Error()}})
}

// admit lets in only the owner's own processes.
func (s *Server) admit(c *conn) error {
	uid, known, err := peerUID(c.Conn)
	if err != nil {
		return fmt.Errorf("refused: cannot tell who is connecting: %v", err)
	}
	if known && uid != s.p.Owner {
		return fmt.Errorf("refused: this CrampCare belongs to another user (it runs as uid %d, you are uid %d)", s.p.Owner, uid)
	}
	return nil
}

// CloseConns ends every open connection, so that Serve can return after its
// listener is closed.
func (s *Server) CloseConns() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.Close()
	}
}

// reply writes one response line, bounded in time so that a client that
// does not read cannot hold the connection's goroutine (and a large slot).
func (s *Server) reply(c *conn, resp response) error {
	c.SetWriteDeadline(time.Now().Add(writeTimeout))
	defer c.SetWriteDeadline(time.Time{})
	enc := json.NewEncoder(c)
	enc.SetEscapeHTML(false)
	return enc.Encode(resp)
}

func (s *Server) handle(c *conn) {
	for {
		line, large, err := s.readLine(c)
		if err != nil {
			if errors.Is(err, errTooLong) || errors.Is(err, errBusy) {
				s.reply(c, response{Error: &wireError{Code: codeInvalid, Message: err.Error()}})
			}
			if large {
				s.releaseLarge()
			}
			return
		}
		resp, quit := s.answer(c, line)
		err = nil
		if !quit {
			err = s.reply(c, resp)
		}
		if large {
			s.releaseLarge()
		}
		if quit || err != nil {
			return
		}
		s.setBusy(c, false)
	}
}

// answer carries out one request line. quit means the connection has been
// taken over as the event stream and has ended. Lines frame the requests,
// so a malformed one is answered and the next one read as usual.
func (s *Server) answer(c *conn, line []byte) (resp response, quit bool) {
	if !utf8.Valid(line) {
		return response{Error: &wireError{Code: codeInvalid, Message: "malformed request: not valid UTF-8"}}, false
	}
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return response{Error: &wireError{Code: codeInvalid, Message: "malformed request: " + err.Error()}}, false
	}
	if req.Op == opAttach {
		var a attachArgs
		if err := decode(req.Args, &a); err != nil {
			return response{Error: toWire(err)}, false
		}
		events, detach, err := s.p.Host.Attach(a.Token)
		if err != nil {
			return response{Error: &wireError{Code: codeRefused, Message: err.Error()}}, false
		}
		defer detach()
		s.attach(c, events)
		return response{}, true
	}
	result, err := s.dispatchSafely(context.Background(), req)
	resp = response{OK: err == nil}
	if err != nil {
		resp.Error = toWire(err)
	} else if result != nil {
		raw, err := marshal(result)
		if err != nil {
			return response{Error: toWire(err)}, false
		}
		resp.Result = raw
	}
	return resp, false
}

// dispatchSafely runs one request, turning a panic (a bug, or a damaged
// file the checks at start missed) into an error for that request alone:
// the agent and every other request go on. bbolt rolls back a transaction
// that panicked, so nothing half-written is left.
func (s *Server) dispatchSafely(ctx context.Context, req request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.p.Logf("api: %s panicked: %v\n%s", req.Op, r, debug.Stack())
			result, err = nil, ErrInternal
		}
	}()
	return s.dispatch(ctx, req)
}

// attach turns the connection into an event stream for the window process.
// The connection's reader only watches for the peer going away.
func (s *Server) attach(c *conn, events <-chan Event) {
	if err := s.reply(c, response{OK: true}); err != nil {
		return
	}
	s.setBusy(c, true) // never closed for room: the window process needs it
	gone := make(chan struct{})
	go func() {
		buf := make([]byte, 512)
		for {
			if _, err := c.Read(buf); err != nil {
				close(gone)
				return
			}
		}
	}()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			if err := s.reply(c, response{OK: true, Event: &ev}); err != nil {
				return
			}
		case <-gone:
			return
		}
	}
}

func decode(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return input.Errorf("args", "malformed: %v", err)
	}
	return nil
}

type sinceArgs struct {
	Since time.Time `json:"since"`
}

type ruleArgs struct {
	Rule redflags.Rule `json:"rule"`
}

type idArgs struct {
	ID uint64 `json:"id"`
}

type atArgs struct {
	At time.Time `json:"at"`
}

type settingArgs struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type attachArgs struct {
	Token string `json:"token"`
}

type windowArgs struct {
	Name string `json:"name"`
}

// PingResult identifies the agent.
type PingResult struct {
	Version string `json:"version"`
	PID     int    `json:"pid"`
}

func (s *Server) dispatch(ctx context.Context, req request) (any, error) {
	d := s.p.Diary
	switch req.Op {
	case opPing:
		return PingResult{Version: version.Version, PID: os.Getpid()}, nil
	case opLogCramp:
		var e cramp.Entry
		if err := decode(req.Args, &e); err != nil {
			return nil, err
		}
		return d.LogCramp(ctx, e)
	case opCramps:
		var a sinceArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return d.Cramps(ctx, a.Since)
	case opCramp, opDelete:
		var a idArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		if req.Op == opCramp {
			return d.Cramp(ctx, a.ID)
		}
		return d.DeleteCramp(ctx, a.ID)
	case opEditCramp, opRestore:
		var e cramp.Entry
		if err := decode(req.Args, &e); err != nil {
			return nil, err
		}
		if req.Op == opEditCramp {
			return d.EditCramp(ctx, e)
		}
		return d.RestoreCramp(ctx, e)
	case opLogGlass:
		var a atArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return d.LogGlass(ctx, a.At)
	case opStatus:
		return d.Status(ctx)
	case opSettings:
		return d.Settings(ctx)
	case opInsights:
		return d.Insights(ctx)
	case opNoticeOK:
		return nil, d.DismissNotice(ctx)
	case opDoctor:
		return d.Doctor(ctx)
	case opSetSetting:
		var a settingArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return d.SetSetting(ctx, a.Key, a.Value)
	case opStretch:
		var st stretch.Session
		if err := decode(req.Args, &st); err != nil {
			return nil, err
		}
		return d.StretchDone(ctx, st)
	case opStretches:
		var a sinceArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return d.Stretches(ctx, a.Since)
	case opDismiss:
		var a ruleArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return nil, d.DismissAdvice(ctx, a.Rule)
	case opExport:
		return d.Export(ctx)
	case opImport:
		var f export.File
		if err := decode(req.Args, &f); err != nil {
			return nil, err
		}
		return d.Import(ctx, f)
	case opLater:
		return nil, s.p.Reminders.Later()
	case opTestNote:
		return nil, s.p.Reminders.TestNotification()
	case opShowWindow:
		var a windowArgs
		if err := decode(req.Args, &a); err != nil {
			return nil, err
		}
		return nil, s.p.Host.ShowWindow(a.Name)
	default:
		return nil, input.Errorf("op", "unknown operation %q", req.Op)
	}
}
