package api

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// These run on Windows, and under Wine in `make test` (see
// internal/smoke/wine_test.go), with the rest of the package's tests,
// which there go over the pipe.

// The pipe is the user's and the data folder's: two folders have two
// pipes, and one folder spelt in another case is the same folder.
func TestPipeNameIsPerUserAndDataFolder(t *testing.T) {
	self, err := currentUserSID()
	if err != nil {
		t.Fatal(err)
	}
	a := SocketPath(`C:\Users\Ann\AppData\Roaming\CrampCare`)
	if want := `\\.\pipe\crampcare-` + self.String() + "-"; !strings.HasPrefix(a, want) {
		t.Errorf("pipe %s does not start with %s", a, want)
	}
	if b := SocketPath(`c:\users\ann\appdata\roaming\crampcare\`); b != a {
		t.Errorf("the same folder in other case has another pipe: %s, %s", a, b)
	}
	if b := SocketPath(`C:\Users\Ann\Diary`); b == a {
		t.Error("two data folders share a pipe")
	}
}

// A live agent's pipe is never taken over, nor is a pipe someone else
// made first joined; once the agent is gone, its pipe is free again.
func TestPipeRules(t *testing.T) {
	path, _ := startServer(t)
	if ln, err := Listen(path); err == nil {
		ln.Close()
		t.Fatal("a second Listen joined a live agent's pipe")
	} else if !strings.Contains(err.Error(), "already listens") {
		t.Errorf("second Listen: %v, want 'an agent already listens'", err)
	}

	// Someone made the pipe first (an impostor waiting for the diary).
	squatted := SocketPath(tempDir(t))
	name, _ := windows.UTF16PtrFromString(squatted)
	h, err := windows.CreateNamedPipe(name, windows.PIPE_ACCESS_DUPLEX|windows.FILE_FLAG_FIRST_PIPE_INSTANCE,
		windows.PIPE_TYPE_BYTE, windows.PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ln, err := Listen(squatted); err == nil {
		ln.Close()
		t.Fatal("Listen joined a pipe that someone else made")
	}
	windows.CloseHandle(h)

	// Gone with its maker: the name is free, no file is left behind.
	ln, err := Listen(squatted)
	if err != nil {
		t.Fatalf("Listen after the pipe's maker closed it: %v", err)
	}
	ln.Close()
}

// The pipe's security descriptor lets in this user alone: one entry, and
// nothing inherited.
func TestPipeGrantsThisUserAlone(t *testing.T) {
	self, err := currentUserSID()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen(SocketPath(tempDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	pl := ln.(*pipeListener)
	sd, err := windows.GetSecurityInfo(pl.next, windows.SE_KERNEL_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	control, _, err := sd.Control()
	if err != nil {
		t.Fatal(err)
	}
	if control&windows.SE_DACL_PROTECTED == 0 {
		t.Error("the DACL is not protected: it may inherit entries for others")
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	if dacl == nil || dacl.AceCount != 1 {
		t.Fatalf("DACL %v, want exactly one entry (%s)", sd, sd.String())
	}
	var ace *windows.ACCESS_ALLOWED_ACE
	if err := windows.GetAce(dacl, 0, &ace); err != nil {
		t.Fatal(err)
	}
	sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
	if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || !windows.EqualSid(sid, self) {
		t.Errorf("the one entry is %s for %s, want access for %s", sd.String(), sid, self)
	}
}

// A client running as another user than the agent is refused, with the
// reason, and the agent goes on serving its own user. (Wine has one
// user, so the agent is made to believe it runs as SYSTEM.)
func TestPipeRefusesAnotherUser(t *testing.T) {
	system, err := windows.CreateWellKnownSid(windows.WinLocalSystemSid)
	if err != nil {
		t.Fatal(err)
	}
	dir := tempDir(t)
	srv := NewServer(Params{Diary: newDiary(t, dir), Host: &fakeHost{}})
	ln, err := Listen(SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	real := ln.(*pipeListener).self
	ln.(*pipeListener).self = system
	serveOn(t, srv, ln)
	c := dial(t, SocketPath(dir))
	if _, err := c.Ping(context.Background()); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "belongs to another user") {
		t.Fatalf("a client of another user got %v, want ErrRefused", err)
	}
	c.Close()

	ln.(*pipeListener).self = real
	if _, err := dial(t, SocketPath(dir)).Ping(context.Background()); err != nil {
		t.Fatalf("the agent's own user: %v", err)
	}
}

// A client speaks only to an agent of its own user: a pipe served by
// another user's process is not ours. (As above, the client is made to
// believe it runs as SYSTEM.)
func TestDialRefusesAnotherUsersPipe(t *testing.T) {
	system, err := windows.CreateWellKnownSid(windows.WinLocalSystemSid)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := startServer(t)
	if c, err := dialAs(path, system); err == nil {
		c.Close()
		t.Fatal("dialled a pipe served by another user")
	} else if !errors.Is(err, ErrNotOurs) || !errors.Is(err, ErrNoAgent) {
		t.Fatalf("dial of another user's pipe: %v, want ErrNoAgent and ErrNotOurs", err)
	}
}

// Many clients at once all get through: a client that finds every
// instance busy waits for the next one rather than give up.
func TestPipeManyClientsAtOnce(t *testing.T) {
	path, _ := startServer(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			c, err := Dial(path)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			if _, err := c.Status(context.Background()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Close ends a waiting Accept at once, with net.ErrClosed, so the agent
// can stop.
func TestPipeCloseEndsAccept(t *testing.T) {
	ln, err := Listen(SocketPath(tempDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if c != nil {
			c.Close()
		}
		done <- err
	}()
	ln.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Accept after Close: %v, want net.ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Accept still waits 10 s after Close")
	}
	if c, err := dialOurs(ln.Addr().String()); err == nil {
		c.Close()
		t.Error("a closed listener's pipe still takes clients")
	}
}
