package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
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
	// Detach ends the event stream of the window process with this
	// token, after the events already sent: a window process that is
	// about to end calls it, reads the rest of its stream, and so knows
	// every window it was asked for (see ui.pump). Later requests wait
	// for the next window process.
	Detach(token string) error
}

// Reminders is the agent's reminder runner, as far as clients may steer it.
type Reminders interface {
	// Later puts tonight's stretch reminder off for a few minutes.
	Later() error
	// TestNotification sends a sample notification now.
	TestNotification() error
	// Act does what an action pressed on a reminder's notification says
	// (on Windows it arrives here from "crampcare.exe crampcare:KEY").
	Act(key string) error
}

// Params wires a Server.
type Params struct {
	Diary     diary.Diary
	Host      Host
	Reminders Reminders
	// Owner is the only user (uid) let in: the agent's own, os.Getuid().
	// The socket is 0600 in a 0700 folder already; this also refuses a
	// client of another user (root included) who reaches it anyway.
	Owner int
	// Logf receives what went wrong inside the server (a request that
	// panicked, a failing accept, a client of another version), for the
	// agent's log; nil discards it.
	Logf func(format string, args ...any)
	// Quit stops the agent: the main window's "Quit CrampCare" where no
	// tray offers it. Nil refuses the operation.
	Quit func()
}

// Bounds on what clients may make the agent hold. The agent runs all day on
// a person's computer, so no local client (a stuck script, a probe) may grow
// it without limit or stop it from answering the others.
const (
	// MaxConns bounds open connections. At the bound, the connection idle
	// the longest is closed to make room (the client's transport dials
	// again), so idle connections cannot use up the agent's file handles.
	MaxConns = 128
	// smallRequest is what any number of requests may buffer at once; a
	// longer request (an import) waits for the one large-request slot, so
	// that all requests together hold at most about
	// MaxConns*smallRequest + MaxMessage.
	smallRequest = 256 << 10
	// readTimeout bounds reading one request once it has begun (after any
	// wait for the large-request slot): a local client sends even the
	// largest one in well under a second.
	readTimeout = time.Minute
	// slotTimeout bounds the wait for the large-request slot: a client in
	// the queue is not misbehaving, and each large request takes seconds.
	slotTimeout = 5 * time.Minute
	// writeTimeout bounds writing one reply to a client that does not read.
	writeTimeout = time.Minute
)

// Server answers API requests on a listener, over HTTP: the standard
// library frames requests, bounds their headers and reads, and serves each
// on its own, so a slow or failed request never holds up the next one.
type Server struct {
	p   Params
	srv *http.Server
	// large is the one slot for a request body larger than smallRequest.
	large chan struct{}

	mu    sync.Mutex
	conns map[net.Conn]*connState
	// warned remembers the client versions already logged.
	warned map[string]bool
}

// connState is what the server knows of one connection, for making room.
type connState struct {
	idle     bool
	lastUsed time.Time
}

// route is one operation as the server runs it.
type route struct {
	method, path string
	long         bool
	handle       func(s *Server, w http.ResponseWriter, r *http.Request) (any, error)
}

// serve turns an operation's function into its route: the body is decoded
// into Req (refused, with the reason, if it is not one), and the result or
// error goes back as JSON.
func serve[Req, Resp any](o op[Req, Resp], fn func(context.Context, Req) (Resp, error)) route {
	return route{method: o.method, path: o.path, long: o.long, handle: func(s *Server, w http.ResponseWriter, r *http.Request) (any, error) {
		var req Req
		if o.method == http.MethodPost {
			if err := s.readBody(w, r, &req); err != nil {
				return nil, err
			}
		}
		return fn(r.Context(), req)
	}}
}

// NewServer returns a server for p.
func NewServer(p Params) *Server {
	if p.Logf == nil {
		p.Logf = func(string, ...any) {}
	}
	s := &Server{p: p, large: make(chan struct{}, 1), conns: map[net.Conn]*connState{}, warned: map[string]bool{}}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ConnState:         s.connState,
		ConnContext:       func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		ErrorLog:          nil,
	}
	return s
}

type connKey struct{}

// Handler is the API as an http.Handler: every route, behind the checks
// that apply to all (who is asking, which version).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.HandleFunc(rt.method+" "+rt.path, func(w http.ResponseWriter, r *http.Request) {
			result, err := s.dispatchSafely(w, r, rt)
			s.reply(w, r, result, err)
		})
	}
	mux.HandleFunc("GET "+pathEvents, s.events)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.reply(w, r, nil, input.Errorf("path", "no operation %s %s; see the README for the routes", r.Method, r.URL.Path))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(VersionHeader, version.Version)
		if err := s.admit(r); err != nil {
			s.reply(w, r, nil, err)
			return
		}
		if v := r.Header.Get(VersionHeader); v != "" && v != version.Version && r.URL.Path != opPing.path {
			s.warnVersion(v)
			s.reply(w, r, nil, &otherVersion{client: v})
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// warnVersion logs, once per version, a client that is not this agent's
// own build: after an update while the agent runs, the CLI is the new one.
// Such a client is refused (a ping aside), with what to do: the two may not
// agree on what a request means. The agent starts its window process from
// its own executable, so that one always matches.
func (s *Server) warnVersion(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.warned[v] {
		s.warned[v] = true
		s.p.Logf("api: a client of version %s asks an agent of version %s", v, version.Version)
	}
}

// Listen opens the agent's end of the local API at path (SocketPath): a
// Unix socket, or on Windows a named pipe. Both refuse to take over from a
// live agent and admit this user alone.
func Listen(path string) (net.Listener, error) { return listen(path) }

// Serve accepts connections until ln is closed; it then returns nil. An
// accept error (out of file handles, say) pauses accepting for a moment,
// never ends it: net/http retries such errors.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(ln)
	if errors.Is(err, net.ErrClosed) || errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// CloseConns ends every open connection, the event stream included, so that
// Serve can return after its listener is closed.
func (s *Server) CloseConns() {
	s.srv.Close()
}

// connState keeps the connection count under MaxConns: a new connection at
// the bound closes the one idle the longest.
func (s *Server) connState(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch state {
	case http.StateNew:
		if len(s.conns) >= MaxConns {
			var oldest net.Conn
			for o, st := range s.conns {
				if st.idle && (oldest == nil || st.lastUsed.Before(s.conns[oldest].lastUsed)) {
					oldest = o
				}
			}
			if oldest != nil {
				oldest.Close()
				delete(s.conns, oldest)
			}
		}
		// A new connection counts as idle until its first request: it
		// may never send one.
		s.conns[c] = &connState{idle: true, lastUsed: time.Now()}
	case http.StateActive, http.StateIdle:
		if st := s.conns[c]; st != nil {
			st.idle, st.lastUsed = state == http.StateIdle, time.Now()
		}
	case http.StateHijacked, http.StateClosed:
		delete(s.conns, c)
	}
}

// admit lets in only the owner's own processes.
func (s *Server) admit(r *http.Request) error {
	c, _ := r.Context().Value(connKey{}).(net.Conn)
	if c == nil {
		return nil // in-process, as in tests of the handler
	}
	return checkPeer(c, s.p.Owner)
}

// readBody reads a request body of at most MaxMessage bytes into v. Past
// smallRequest bytes it first takes the large-request slot, and gives it
// (and the memory the request took) back when the request is done. Invalid
// UTF-8 is refused, as the CLI refuses it, rather than silently replaced.
// A body cut short (the client went away mid-write) fails to read, so the
// request is never carried out.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, v any) error {
	rc := http.NewResponseController(w)
	if r.ContentLength < 0 || r.ContentLength > smallRequest {
		if r.ContentLength > MaxMessage {
			return errTooLong
		}
		if !s.acquireLarge(r.Context()) {
			return errBusy
		}
		context.AfterFunc(r.Context(), s.releaseLarge)
	}
	rc.SetReadDeadline(time.Now().Add(readTimeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxMessage))
	if err != nil {
		var tooLong *http.MaxBytesError
		if errors.As(err, &tooLong) {
			return errTooLong
		}
		return input.Errorf("body", "could not be read whole: %v", err)
	}
	if !utf8.Valid(body) {
		return input.Errorf("body", "malformed request: not valid UTF-8")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return input.Errorf("body", "malformed request: %v", err)
	}
	return nil
}

// Reasons a request is not taken.
var (
	errTooLong = input.Errorf("body", "request larger than %d bytes", MaxMessage)
	errBusy    = errors.New(l10n.Mark("the agent is busy with other large requests; try again in a moment"))
)

// acquireLarge takes the large-request slot, waiting up to slotTimeout.
func (s *Server) acquireLarge(ctx context.Context) bool {
	t := time.NewTimer(slotTimeout)
	defer t.Stop()
	select {
	case s.large <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// releaseLarge gives the slot back, and the memory the request took back to
// the system: it is rare, and the agent stays small for the rest of the day.
func (s *Server) releaseLarge() {
	<-s.large
	debug.FreeOSMemory()
}

// dispatchSafely runs one route, turning a panic (a bug, or a damaged file
// the checks at start missed) into an error for that request alone: the
// agent and every other request go on. bbolt rolls back a transaction that
// panicked, so nothing half-written is left.
func (s *Server) dispatchSafely(w http.ResponseWriter, r *http.Request, rt route) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.p.Logf("api: %s %s panicked: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
			result, err = nil, ErrInternal
		}
	}()
	if !rt.long {
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
	}
	return rt.handle(s, w, r)
}

// reply writes result, or err as a typed JSON error with its HTTP status,
// bounded in time so that a client that does not read cannot hold a
// goroutine (or the large-request slot).
func (s *Server) reply(w http.ResponseWriter, r *http.Request, result any, err error) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
	w.Header().Set("Content-Type", "application/json")
	var body []byte
	status := http.StatusOK
	if err != nil {
		we := toWire(err)
		status = httpStatus(we.Code)
		if we.Code == codeInternal && !errors.Is(err, ErrInternal) {
			s.p.Logf("api: %s %s: %v", r.Method, r.URL.Path, err)
		}
		body, _ = marshal(errorBody{Error: we})
	} else if body, err = marshal(result); err != nil {
		s.p.Logf("api: %s %s: encode: %v", r.Method, r.URL.Path, err)
		status = http.StatusInternalServerError
		body, _ = marshal(errorBody{Error: toWire(ErrInternal)})
	}
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// events streams events to the window process the agent started (it
// proves that with its token), one JSON object a line, until it goes away
// or the agent stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	events, detach, err := s.p.Host.Attach(r.Header.Get(TokenHeader))
	if err != nil {
		s.reply(w, r, nil, refusedf("%v", err))
		return
	}
	defer detach()
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	if err := rc.Flush(); err != nil {
		return
	}
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			line, _ := marshal(ev)
			rc.SetWriteDeadline(time.Now().Add(writeTimeout))
			if _, err := w.Write(append(line, '\n')); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}

func (s *Server) ping() PingResult {
	return PingResult{Version: version.Version, PID: os.Getpid()}
}

// ErrNoQuit means this agent cannot be stopped through the API.
var ErrNoQuit = errors.New(l10n.Mark("CrampCare cannot be stopped from here"))

// quit stops the agent after the answer has gone out: Quit cancels the
// agent's context, which closes the connections.
func (s *Server) quit() error {
	if s.p.Quit == nil {
		return ErrNoQuit
	}
	go s.p.Quit()
	return nil
}
