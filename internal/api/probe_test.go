package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// The probes of issue 18 ("Hold under every probe") against the server.

// panickyDiary panics on Status, as a store with a missing bucket did.
type panickyDiary struct{ service.Diary }

func (panickyDiary) Status(context.Context) (service.Status, error) {
	panic("bucket missing") // as a nil bucket's method did
}

// serve runs srv on a fresh socket until the test ends.
func serve(t *testing.T, srv *Server, ln net.Listener) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ln.Close()
		srv.CloseConns()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// A request that panics is answered with a plain error and logged; the
// agent goes on answering the next one.
func TestPanicInOneRequestIsAnsweredAndLogged(t *testing.T) {
	var mu sync.Mutex
	var logged strings.Builder
	srv := NewServer(Params{Diary: panickyDiary{}, Host: &fakeHost{}, Owner: os.Getuid(), Logf: func(f string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged.WriteString(f)
	}})
	path := SocketPath(t.TempDir())
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	serve(t, srv, ln)
	c := dial(t, path)
	if _, err := c.Status(context.Background()); err == nil || !strings.Contains(err.Error(), "unexpected problem") {
		t.Fatalf("status on a panicking diary: %v, want the plain internal error", err)
	}
	if _, err := c.Ping(context.Background()); err != nil {
		t.Fatalf("after the panic: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "panicked") {
		t.Errorf("the panic was not logged: %q", logged.String())
	}
}

// flakyListener fails its first accepts the way a process out of file
// handles does.
type flakyListener struct {
	net.Listener
	fails int
}

func (l *flakyListener) Accept() (net.Conn, error) {
	if l.fails > 0 {
		l.fails--
		return nil, &net.OpError{Op: "accept", Net: "unix", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// Running out of file handles for a moment must not end the accept loop.
func TestAcceptErrorsDoNotStopTheServer(t *testing.T) {
	path, _ := startServerOn(t, func(ln net.Listener) net.Listener { return &flakyListener{Listener: ln, fails: 5} })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := dial(t, path).Ping(ctx); err != nil {
		t.Fatalf("after accept errors: %v", err)
	}
}

// startServerOn is startServer with the listener wrapped by wrap.
func startServerOn(t *testing.T, wrap func(net.Listener) net.Listener) (string, *Server) {
	t.Helper()
	dir := t.TempDir()
	srv := NewServer(Params{Diary: newDiary(t, dir), Host: &fakeHost{}, Owner: os.Getuid()})
	ln, err := Listen(SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	serve(t, srv, wrap(ln))
	return SocketPath(dir), srv
}

// More idle connections than MaxConns close the oldest idle ones instead
// of using up the agent's file handles: a client that comes later is
// answered, and the connections that were closed see it.
func TestIdleConnectionFloodClosesTheOldest(t *testing.T) {
	path, _ := startServerOn(t, func(ln net.Listener) net.Listener { return ln })
	var idle []net.Conn
	for range MaxConns + 20 {
		c, err := net.Dial("unix", path)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := dial(t, path).Ping(ctx); err != nil {
		t.Fatalf("a client after the flood: %v", err)
	}
	idle[0].SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := idle[0].Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("the oldest idle connection was not closed: %v", err)
	}
}

// rawAsk sends one line on a fresh connection and returns the reply line.
func rawAsk(t *testing.T, path, line string) string {
	t.Helper()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte(line)); err != nil {
		t.Fatal(err)
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("no reply to %q: %v", line, err)
	}
	return reply
}

// Invalid UTF-8 is refused, as the CLI refuses it, instead of being
// stored with replacement characters.
func TestInvalidUTF8IsRefused(t *testing.T) {
	path, _ := startServer(t)
	reply := rawAsk(t, path, "{\"op\":\"log_cramp\",\"args\":{\"note\":\"cramp \xff\xfe\"}}\n")
	if !strings.Contains(reply, `"code":"invalid"`) || !strings.Contains(reply, "UTF-8") {
		t.Fatalf("reply = %s, want an invalid UTF-8 error", reply)
	}
	if list, err := dial(t, path).Cramps(context.Background(), time.Time{}); err != nil || len(list) != 0 {
		t.Fatalf("cramps after the refused request: %v, %v; want none", list, err)
	}
}

// A request cut off before its newline (the client closed mid-write) is
// not carried out: nobody is there to hear whether it was.
func TestUnterminatedRequestIsNotCarriedOut(t *testing.T) {
	path, _ := startServer(t)
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte(`{"op":"log_cramp","args":{"note":"half sent"}}`)); err != nil {
		t.Fatal(err)
	}
	c.(*net.UnixConn).CloseWrite()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if reply, err := bufio.NewReader(c).ReadString('\n'); err == nil {
		t.Errorf("an unterminated request was answered: %s", reply)
	}
	c.Close()
	if list, err := dial(t, path).Cramps(context.Background(), time.Time{}); err != nil || len(list) != 0 {
		t.Fatalf("cramps after the cut-off request: %v, %v; want none", list, err)
	}
}

// Only one request larger than smallRequest is buffered at a time: a
// second large request waits until the first is answered, so that many
// clients sending large lines together cannot multiply the agent's memory.
func TestLargeRequestsAreReadOneAtATime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := NewServer(Params{Diary: panickyDiary{}, Host: &fakeHost{}})
		big := `{"op":"ping","args":"` + strings.Repeat("x", smallRequest+8<<10) + `"}`
		type client struct {
			conn    net.Conn
			replies chan string
		}
		start := func() client {
			cl, sv := net.Pipe()
			go func() { srv.handle(newConn(sv)); sv.Close() }()
			replies := make(chan string, 1)
			go func() {
				line, err := bufio.NewReader(cl).ReadString('\n')
				if err == nil {
					replies <- line
				}
			}()
			return client{cl, replies}
		}
		a, b := start(), start()
		defer a.conn.Close()
		defer b.conn.Close()
		// A sends all but the end of its line, and so holds the slot.
		a.conn.Write([]byte(big[:len(big)-2]))
		// B sends a whole large line, which must wait.
		synctest.Wait()
		go b.conn.Write([]byte(big + "\n"))
		synctest.Wait()
		select {
		case r := <-b.replies:
			t.Fatalf("a second large request was read while the first held the slot: %s", r)
		default:
		}
		a.conn.Write([]byte(big[len(big)-2:] + "\n"))
		synctest.Wait()
		for name, cl := range map[string]client{"first": a, "second": b} {
			select {
			case r := <-cl.replies:
				var resp response
				if err := json.Unmarshal([]byte(r), &resp); err != nil || !resp.OK {
					t.Errorf("%s large request: reply %s", name, r)
				}
			default:
				t.Errorf("%s large request: no reply", name)
			}
		}
	})
}

// newDiary is a real service on a real store in dir.
func newDiary(t *testing.T, dir string) service.Diary {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return service.New(service.Params{Store: st, Now: func() time.Time { return now }})
}
