package api

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// TestMain lets this test binary act as another user's client or agent:
// run with $CRAMPCARE_API_DIAL set, it sends a ping to that socket (raw, so
// that only the server's checks decide) and prints the reply; with
// $CRAMPCARE_API_FAKE_AGENT set, it makes that socket (and its folder) and
// answers every request with success, as an impostor would, until killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("CRAMPCARE_API_DIAL"); path != "" {
		c, err := net.Dial("unix", path)
		if err != nil {
			fmt.Println(err)
			os.Exit(0)
		}
		c.Write([]byte("GET /v2/ping HTTP/1.1\r\nHost: crampcare\r\n\r\n"))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			fmt.Println(err)
			os.Exit(0)
		}
		body, _ := io.ReadAll(resp.Body)
		fmt.Println(resp.Status, string(body))
		os.Exit(0)
	}
	if path := os.Getenv("CRAMPCARE_API_FAKE_AGENT"); path != "" {
		os.MkdirAll(filepath.Dir(path), 0o700)
		ln, err := net.Listen("unix", path)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		os.Chmod(path, 0o666)
		fmt.Println("listening")
		for {
			c, err := ln.Accept()
			if err != nil {
				os.Exit(1)
			}
			go func() {
				defer c.Close()
				sc := bufio.NewScanner(c)
				for sc.Scan() {
					c.Write([]byte(`{"ok":true}` + "\n"))
				}
			}()
		}
	}
	os.Exit(m.Run())
}

// serveAs runs a server on a real store whose owner is uid.
func serveAs(t *testing.T, uid int) string {
	t.Helper()
	dir := tempDir(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: time.Now}), Host: &fakeHost{}, Owner: uid})
	ln, err := Listen(SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() { ln.Close(); srv.CloseConns(); <-done; st.Close() })
	return SocketPath(dir)
}

// The kernel says who connects: a client of a user other than the
// agent's is refused, with a reason, and the agent goes on serving.
func TestOtherUsersAreRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the owner is a uid here; Windows: TestPipeRefusesAnotherUser")
	}
	path := serveAs(t, os.Getuid()+1)
	c := dial(t, path)
	_, err := c.Ping(context.Background())
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "belongs to another user") {
		t.Fatalf("a client of another user got %v, want ErrRefused", err)
	}

	path = serveAs(t, os.Getuid())
	if _, err := dial(t, path).Ping(context.Background()); err != nil {
		t.Fatalf("the owner's own client: %v", err)
	}
}

// The spare socket (for a read-only data folder) is found by DialAgent,
// and only in a folder private to this user.
func TestSpareSocket(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a pipe needs no spare place")
	}
	t.Setenv("XDG_RUNTIME_DIR", tempDir(t))
	dir := tempDir(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ln, err := ListenSpare(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: time.Now}), Host: &fakeHost{}, Owner: os.Getuid()})
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	c, err := DialAgent(dir)
	if err != nil {
		t.Fatalf("DialAgent did not find the spare socket: %v", err)
	}
	if _, err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.Close()
	ln.Close()
	srv.CloseConns()
	<-done

	// Another data folder has another spare socket.
	if SpareSocketPaths(dir)[0] == SpareSocketPaths(tempDir(t))[0] {
		t.Error("two data folders share a spare socket")
	}
	// A folder others can reach into is not used: the next place is.
	first := SpareSocketPaths(dir)[0]
	if err := os.Chmod(filepath.Dir(first), 0o755); err != nil {
		t.Fatal(err)
	}
	ln, err = ListenSpare(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if got := ln.Addr().String(); got == first {
		t.Fatal("ListenSpare used a folder open to other users")
	}
}
