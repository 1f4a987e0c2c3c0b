package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

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
	Attach() (events <-chan Event, detach func())
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
}

// Server answers API requests on a listener.
type Server struct {
	p     Params
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// NewServer returns a server for p.
func NewServer(p Params) *Server {
	return &Server{p: p, conns: map[net.Conn]struct{}{}}
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
// connections it started to end.
func (s *Server) Serve(ln net.Listener) error {
	defer s.wg.Wait()
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return fmt.Errorf("api: accept: %w", err)
		}
		s.mu.Lock()
		s.conns[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := s.admit(c); err != nil {
				refuse(c, err)
			} else {
				s.handle(c)
			}
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// refuse answers the first request with why it is refused, so the client
// reads a reason rather than a closed connection.
func refuse(c net.Conn, why error) {
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	sc := bufio.NewScanner(c)
	sc.Buffer(make([]byte, 0, 4<<10), MaxMessage)
	sc.Scan()
	json.NewEncoder(c).Encode(response{Error: &wireError{Code: codeRefused, Message: why.Error()}})
}

// admit lets in only the owner's own processes.
func (s *Server) admit(c net.Conn) error {
	uid, known, err := peerUID(c)
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

func (s *Server) handle(c net.Conn) {
	sc := bufio.NewScanner(c)
	sc.Buffer(make([]byte, 0, 64<<10), MaxMessage)
	enc := json.NewEncoder(c)
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			enc.Encode(response{Error: &wireError{Code: codeInvalid, Message: "malformed request: " + err.Error()}})
			return
		}
		if req.Op == opAttach {
			s.attach(c, enc)
			return
		}
		result, err := s.dispatch(context.Background(), req)
		resp := response{OK: err == nil}
		if err != nil {
			resp.Error = toWire(err)
		} else if result != nil {
			raw, err := json.Marshal(result)
			if err != nil {
				resp = response{Error: toWire(err)}
			} else {
				resp.Result = raw
			}
		}
		if err := enc.Encode(resp); err != nil {
			return
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		enc.Encode(response{Error: &wireError{Code: codeInvalid, Message: fmt.Sprintf("request larger than %d bytes", MaxMessage)}})
	}
}

// attach turns the connection into an event stream for the window process.
// The connection's reader only watches for the peer going away.
func (s *Server) attach(c net.Conn, enc *json.Encoder) {
	events, detach := s.p.Host.Attach()
	defer detach()
	if err := enc.Encode(response{OK: true}); err != nil {
		return
	}
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
			if err := enc.Encode(response{OK: true, Event: &ev}); err != nil {
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
