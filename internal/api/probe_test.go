package api

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/version"
)

// The probes of issue 18 ("Hold under every probe") against the server.

// panickyDiary panics on Status, as a store with a missing bucket did.
type panickyDiary struct{ diary.Diary }

func (panickyDiary) Status(context.Context) (diary.Status, error) {
	panic("bucket missing") // as a nil bucket's method did
}

// serve runs srv on a fresh socket until the test ends.
func serveOn(t *testing.T, srv *Server, ln net.Listener) {
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
	serveOn(t, srv, ln)
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
	serveOn(t, srv, wrap(ln))
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

// rawAsk sends one raw HTTP request on a fresh connection and returns
// the reply's status code and body.
func rawAsk(t *testing.T, path, request string) (int, string) {
	t.Helper()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte(request)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no reply to %.80q: %v", request, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// rawPost is a raw HTTP POST of body to path.
func rawPost(path, body string) string {
	return fmt.Sprintf("POST %s HTTP/1.1\r\nHost: crampcare\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", path, len(body), body)
}

// Invalid UTF-8 is refused, as the CLI refuses it, instead of being
// stored with replacement characters.
func TestInvalidUTF8IsRefused(t *testing.T) {
	path, _ := startServer(t)
	code, reply := rawAsk(t, path, rawPost(opLogCramp.path, "{\"note\":\"cramp \xff\xfe\"}"))
	if code != http.StatusBadRequest || !strings.Contains(reply, `"code":"invalid"`) || !strings.Contains(reply, "UTF-8") {
		t.Fatalf("reply = %d %s, want an invalid UTF-8 error", code, reply)
	}
	if list, err := dial(t, path).Cramps(context.Background(), time.Time{}); err != nil || len(list) != 0 {
		t.Fatalf("cramps after the refused request: %v, %v; want none", list, err)
	}
}

// A request cut off before its end (the client closed mid-write) is not
// carried out: nobody is there to hear whether it was.
func TestUnterminatedRequestIsNotCarriedOut(t *testing.T) {
	path, _ := startServer(t)
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	full := rawPost(opLogCramp.path, `{"note":"half sent"}`)
	if _, err := c.Write([]byte(full[:len(full)-3])); err != nil {
		t.Fatal(err)
	}
	c.(*net.UnixConn).CloseWrite()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil && resp.StatusCode == http.StatusOK {
		t.Errorf("a request cut off was carried out: %s", resp.Status)
	}
	c.Close()
	if list, err := dial(t, path).Cramps(context.Background(), time.Time{}); err != nil || len(list) != 0 {
		t.Fatalf("cramps after the cut-off request: %v, %v; want none", list, err)
	}
}

// Only one request body larger than smallRequest is read at a time: a
// second large request waits until the first is answered, so that many
// clients sending large requests together cannot multiply the agent's
// memory.
func TestLargeRequestsAreReadOneAtATime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := NewServer(Params{Diary: panickyDiary{}, Host: &fakeHost{}, Reminders: nopReminders{}})
		h := srv.Handler()
		big := `{"name":"` + strings.Repeat("x", smallRequest+8<<10) + `"}`
		type client struct {
			body *io.PipeWriter
			done chan int
		}
		start := func() client {
			pr, pw := io.Pipe()
			req := httptest.NewRequest(http.MethodPost, opShowWindow.path, pr)
			req.ContentLength = int64(len(big))
			done := make(chan int, 1)
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				done <- rec.Code
			}()
			return client{pw, done}
		}
		a := start()
		synctest.Wait() // A holds the slot and waits for its body
		go a.body.Write([]byte(big[:len(big)/2]))
		b := start()
		go func() { b.body.Write([]byte(big)); b.body.Close() }()
		synctest.Wait()
		select {
		case code := <-b.done:
			t.Fatalf("a second large request was answered (%d) while the first held the slot", code)
		default:
		}
		go func() { a.body.Write([]byte(big[len(big)/2:])); a.body.Close() }()
		synctest.Wait()
		for name, cl := range map[string]client{"first": a, "second": b} {
			select {
			case code := <-cl.done:
				if code != http.StatusOK {
					t.Errorf("%s large request: status %d", name, code)
				}
			default:
				t.Errorf("%s large request: no reply", name)
			}
		}
	})
}

type nopReminders struct{}

func (nopReminders) Later() error            { return nil }
func (nopReminders) TestNotification() error { return nil }
func (nopReminders) Act(string) error        { return nil }

// A client of another version is refused with what to do, and logged;
// a ping still answers (it is how a client learns the agent's version).
func TestOtherVersionIsRefusedInPlainWords(t *testing.T) {
	path, _ := startServer(t)
	req := "GET /v2/status HTTP/1.1\r\nHost: crampcare\r\n" + VersionHeader + ": 0.0.1-old\r\n\r\n"
	code, body := rawAsk(t, path, req)
	if code != http.StatusPreconditionFailed || !strings.Contains(body, "other_version") || !strings.Contains(body, "start it again") {
		t.Fatalf("status from another version: %d %s", code, body)
	}
	ping := "GET /v2/ping HTTP/1.1\r\nHost: crampcare\r\n" + VersionHeader + ": 0.0.1-old\r\n\r\n"
	if code, body := rawAsk(t, path, ping); code != http.StatusOK || !strings.Contains(body, version.Version) {
		t.Fatalf("ping from another version: %d %s", code, body)
	}
	c := dial(t, path)
	if _, err := c.Status(context.Background()); err != nil {
		t.Fatalf("our own version: %v", err)
	}
	if c.AgentVersion() != version.Version {
		t.Errorf("AgentVersion = %q, want %q", c.AgentVersion(), version.Version)
	}
}

// One request that times out does not poison the next: each request
// stands alone (the line protocol's scanner kept its error for good).
func TestATimeoutDoesNotPoisonTheNextRequest(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := c.Status(ctx); err == nil {
		t.Fatal("a request past its deadline succeeded")
	}
	if _, err := c.Status(context.Background()); err != nil {
		t.Fatalf("the request after a timeout: %v", err)
	}
}

// newDiary is a real service on a real store in dir.
func newDiary(t *testing.T, dir string) diary.Diary {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return service.New(service.Params{Store: st, Now: func() time.Time { return now }})
}
