package api

// The local API on Windows is a named pipe, not a Unix socket: AF_UNIX is
// missing from older Windows 10 builds and from Wine, and a pipe carries
// what a socket's file mode and the kernel's peer uid give on Unix:
//
//   - its name is the user's and the data folder's,
//     \\.\pipe\crampcare-<user SID>-<hash of the data folder>;
//   - its security descriptor lets in the current user alone;
//   - the agent creates it with FILE_FLAG_FIRST_PIPE_INSTANCE, so it never
//     joins a pipe that someone else made first;
//   - each end asks Windows which process is at the other end
//     (GetNamedPipeClientProcessId, GetNamedPipeServerProcessId) and speaks
//     only to a process running as the same user;
//   - remote clients are rejected, and a client lets the server identify
//     it but never act as it (SECURITY_IDENTIFICATION).
//
// The listener is small and uses x/sys/windows only: one instance always
// waits for the next client (ConnectNamedPipe with an event), and each
// connected instance becomes an *os.File on the runtime's I/O completion
// port (Go 1.25+ does that for overlapped handles), which gives it
// deadlines and cancellation. go-winio's listener does not work under
// Wine 8: it keeps a first instance opened without read or write access,
// which Windows never connects a client to, but Wine does, so the client
// talks to an instance nobody reads (see the README, "Windows").

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// pipePrefix starts the name of every CrampCare pipe.
const pipePrefix = `\\.\pipe\crampcare-`

// pipeBuffer is each direction's buffer: a request or reply of a few KB
// goes through in one write; an import streams through it.
const pipeBuffer = 64 << 10

// socketPath is the pipe of this user and dataDir. Windows paths are
// compared without case, so C:\Users\Ann and c:\users\ann share a pipe,
// as they share the diary.
func socketPath(dataDir string) string {
	user := "unknown"
	if sid, err := currentUserSID(); err == nil {
		user = sid.String()
	}
	sum := sha256.Sum256([]byte(strings.ToLower(filepath.Clean(dataDir))))
	return pipePrefix + user + "-" + hex.EncodeToString(sum[:8])
}

// SpareSocketPaths has nothing on Windows: a pipe's name is never too
// long nor on a read-only disk, so there is no other place to look.
func SpareSocketPaths(string) []string { return nil }

// ListenSpare fails on Windows, where Listen needs no spare place; it
// exists so the agent is the same code everywhere.
func ListenSpare(string) (net.Listener, error) {
	return nil, errors.New("api: Windows has no spare place for the agent's pipe")
}

// DialAgent connects to the agent of dataDir on its pipe, only if the
// process serving it runs as this user.
func DialAgent(dataDir string) (*Client, error) { return Dial(SocketPath(dataDir)) }

// currentUserSID is the user this process runs as.
func currentUserSID() (*windows.SID, error) {
	var tok windows.Token
	if err := windows.OpenProcessToken(windows.CurrentProcess(), windows.TOKEN_QUERY, &tok); err != nil {
		return nil, err
	}
	defer tok.Close()
	return tokenUser(tok)
}

// processUser is the user that process pid runs as.
func processUser(pid uint32) (*windows.SID, error) {
	p, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return nil, fmt.Errorf("process %d: %w", pid, err)
	}
	defer windows.CloseHandle(p)
	var tok windows.Token
	if err := windows.OpenProcessToken(p, windows.TOKEN_QUERY, &tok); err != nil {
		return nil, fmt.Errorf("process %d: %w", pid, err)
	}
	defer tok.Close()
	return tokenUser(tok)
}

func tokenUser(tok windows.Token) (*windows.SID, error) {
	tu, err := tok.GetTokenUser()
	if err != nil {
		return nil, err
	}
	return tu.User.Sid.Copy()
}

// accountName names a user for a message: DOMAIN\name, or the SID.
func accountName(sid *windows.SID) string {
	if account, domain, _, err := sid.LookupAccount(""); err == nil {
		return domain + `\` + account
	}
	return sid.String()
}

// sameUser reports whether process pid runs as self, and if not, as whom.
func sameUser(pid uint32, self *windows.SID) (bool, string, error) {
	sid, err := processUser(pid)
	if err != nil {
		return false, "", err
	}
	return windows.EqualSid(sid, self), accountName(sid), nil
}

// pipeAddr is a pipe's name as a net.Addr.
type pipeAddr string

func (pipeAddr) Network() string  { return "pipe" }
func (a pipeAddr) String() string { return string(a) }

// pipeListener accepts clients on the agent's pipe.
type pipeListener struct {
	path string
	name *uint16
	sa   *windows.SecurityAttributes
	self *windows.SID
	// stop is an event set by Close, which ends a waiting Accept.
	stop windows.Handle

	// acceptMu is held by Accept, so Close can wait for it to return
	// before it closes stop; connecting is the one ConnectNamedPipe in
	// flight, on the heap, since Windows writes to it until it is done.
	acceptMu   sync.Mutex
	connecting windows.Overlapped

	mu     sync.Mutex
	next   windows.Handle // an instance waiting for a client, or 0
	closed bool
}

// listen creates the agent's pipe at path, with a security descriptor that
// grants this user alone. It fails if the pipe exists already: a live
// agent's (a crashed one's goes away with its process) or, worse, someone
// else's, which is never joined.
func listen(path string) (net.Listener, error) {
	self, err := currentUserSID()
	if err != nil {
		return nil, fmt.Errorf("api: who am I: %w", err)
	}
	// Protected DACL, one entry: all access for this user. Not even
	// administrators or SYSTEM are let in (they can read the diary
	// file anyway, but need not see it go by).
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;GA;;;" + self.String() + ")")
	if err != nil {
		return nil, fmt.Errorf("api: pipe security: %w", err)
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, fmt.Errorf("api: pipe name: %w", err)
	}
	sa := &windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	l := &pipeListener{path: path, name: name, self: self, sa: sa}
	// FILE_FLAG_FIRST_PIPE_INSTANCE below is what refuses a pipe that
	// exists, atomically, on Windows; Wine 8 ignores that flag, so look
	// first whether anyone answers on the name, as a client would.
	if pipeExists(name) {
		return nil, fmt.Errorf("api: an agent already listens on %s", path)
	}
	if l.stop, err = windows.CreateEvent(nil, 1, 0, nil); err != nil {
		return nil, fmt.Errorf("api: listen: %w", err)
	}
	if l.next, err = l.instance(true); err != nil {
		windows.CloseHandle(l.stop)
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_PIPE_BUSY) {
			return nil, fmt.Errorf("api: an agent already listens on %s", path)
		}
		return nil, fmt.Errorf("api: listen: %w", err)
	}
	return l, nil
}

// pipeExists reports whether a pipe of this name exists, whoever made it:
// a client can open it, or is told it is busy or not for them.
func pipeExists(name *uint16) bool {
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
		windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
	if err == nil {
		windows.CloseHandle(h)
		return true
	}
	return !errors.Is(err, windows.ERROR_FILE_NOT_FOUND) && !errors.Is(err, windows.ERROR_PATH_NOT_FOUND)
}

// instance creates one more instance of the pipe, for one client; the
// first also claims the name.
func (l *pipeListener) instance(first bool) (windows.Handle, error) {
	flags := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		flags |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	mode := uint32(windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS)
	return windows.CreateNamedPipe(l.name, flags, mode, windows.PIPE_UNLIMITED_INSTANCES, pipeBuffer, pipeBuffer, 0, l.sa)
}

// acceptError is a failed accept that may pass (out of handles): net/http
// waits a moment and accepts again, rather than stop serving.
type acceptError struct{ err error }

func (e *acceptError) Error() string   { return "api: accept: " + e.err.Error() }
func (e *acceptError) Unwrap() error   { return e.err }
func (e *acceptError) Timeout() bool   { return false }
func (e *acceptError) Temporary() bool { return true }

// Accept waits for a client. The connection it returns knows whether the
// client runs as this user; the server refuses it with a reason if not.
func (l *pipeListener) Accept() (net.Conn, error) {
	l.acceptMu.Lock()
	defer l.acceptMu.Unlock()
	for {
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			return nil, net.ErrClosed
		}
		h := l.next
		l.next = 0
		l.mu.Unlock()
		var err error
		if h == 0 {
			if h, err = l.instance(false); err != nil {
				return nil, &acceptError{err}
			}
		}
		err = l.connect(h)
		if errors.Is(err, net.ErrClosed) {
			windows.CloseHandle(h)
			return nil, err
		}
		// Another instance waits before h is handed on or closed, so
		// the name never lacks one: a pipe without instances is gone,
		// and a client dialling then would hear "no agent".
		if !l.prepareNext() {
			windows.CloseHandle(h)
			return nil, net.ErrClosed
		}
		if err != nil {
			windows.CloseHandle(h)
			if errors.Is(err, windows.ERROR_NO_DATA) {
				continue // the client came and went before we looked
			}
			return nil, &acceptError{err}
		}
		c, err := newPipeConn(h, l.path)
		if err != nil {
			return nil, &acceptError{err}
		}
		c.peer = l.checkClient(h)
		return c, nil
	}
}

// prepareNext creates the instance that waits for the next client; it
// reports false if the listener was closed meanwhile. An instance that
// cannot be made now (out of handles) is tried again by Accept.
func (l *pipeListener) prepareNext() bool {
	next, err := l.instance(false)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		if err == nil {
			windows.CloseHandle(next)
		}
		return false
	}
	if err == nil {
		l.next = next
	}
	return true
}

// connect waits for a client on instance h, or for Close.
func (l *pipeListener) connect(h windows.Handle) error {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	o := &l.connecting
	*o = windows.Overlapped{HEvent: ev}
	switch err := windows.ConnectNamedPipe(h, o); {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil // the client was quicker than we
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return err
	}
	which, err := windows.WaitForMultipleObjects([]windows.Handle{ev, l.stop}, false, windows.INFINITE)
	var n uint32
	if err != nil || which != windows.WAIT_OBJECT_0 {
		windows.CancelIoEx(h, o)
		windows.GetOverlappedResult(h, o, &n, true)
		if err != nil {
			return err
		}
		return net.ErrClosed
	}
	return windows.GetOverlappedResult(h, o, &n, true)
}

// checkClient says why the client on h may not be served, or nil.
func (l *pipeListener) checkClient(h windows.Handle) error {
	var pid uint32
	if err := windows.GetNamedPipeClientProcessId(h, &pid); err != nil {
		return refusedf("cannot tell who is connecting: %v", err)
	}
	same, who, err := sameUser(pid, l.self)
	if err != nil {
		return refusedf("cannot tell who is connecting: %v", err)
	}
	if !same {
		return refusedf("this CrampCare belongs to another user (it runs as %s, you are %s)", accountName(l.self), who)
	}
	return nil
}

// Close stops accepting; connections already accepted stay open.
func (l *pipeListener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	windows.SetEvent(l.stop)
	next := l.next
	l.next = 0
	l.mu.Unlock()
	if next != 0 {
		windows.CloseHandle(next)
	}
	l.acceptMu.Lock() // a waiting Accept has seen stop and returned
	windows.CloseHandle(l.stop)
	l.acceptMu.Unlock()
	return nil
}

// Addr is the pipe's name.
func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.path) }

// pipeConn is one end of a connected pipe instance.
type pipeConn struct {
	*os.File
	addr pipeAddr
	// peer is why the server must refuse this client (another user),
	// or nil; always nil on the client's end.
	peer error
}

// newPipeConn wraps the overlapped handle h, which it then owns. The
// runtime's poller takes it, so reads and writes wait without holding a
// thread and honour deadlines; a handle it cannot take is refused, since
// blocking I/O on it would have no timeouts.
func newPipeConn(h windows.Handle, path string) (*pipeConn, error) {
	f := os.NewFile(uintptr(h), path)
	if err := f.SetDeadline(time.Time{}); err != nil {
		f.Close()
		return nil, fmt.Errorf("api: pipe %s cannot have deadlines: %w", path, err)
	}
	return &pipeConn{File: f, addr: pipeAddr(path)}, nil
}

func (c *pipeConn) LocalAddr() net.Addr  { return c.addr }
func (c *pipeConn) RemoteAddr() net.Addr { return c.addr }

// Read and Write report errors as a net.Conn does. An *os.File's are
// *fs.PathError, which is no net.Error: net/http then takes the timeout
// by which it ends its own background read after each request for the
// client going away, and cancels every later request on the connection
// (the event stream ended the moment it began).
func (c *pipeConn) Read(b []byte) (int, error) {
	n, err := c.File.Read(b)
	return n, c.netError("read", err)
}

func (c *pipeConn) Write(b []byte) (int, error) {
	n, err := c.File.Write(b)
	return n, c.netError("write", err)
}

func (c *pipeConn) netError(op string, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err // nil, or io.EOF
	}
	inner := pe.Err
	if errors.Is(inner, os.ErrClosed) {
		inner = net.ErrClosed
	}
	return &net.OpError{Op: op, Net: "pipe", Addr: c.addr, Err: inner}
}

// checkPeer refuses a client that runs as another user. owner (a uid) has
// no meaning on Windows: the pipe's own user, the agent's, is the owner.
func checkPeer(c net.Conn, _ int) error {
	if pc, ok := c.(*pipeConn); ok {
		return pc.peer
	}
	return nil
}

// dialOurs connects to the pipe at path only if the process serving it
// runs as this user: the diary's contents go over this connection, and
// another user who took the name first must not stand in for the agent.
func dialOurs(path string) (net.Conn, error) {
	self, err := currentUserSID()
	if err != nil {
		return nil, fmt.Errorf("%w (who am I: %v)", ErrNoAgent, err)
	}
	return dialAs(path, self)
}

// dialAs is dialOurs for user self.
func dialAs(path string, self *windows.SID) (net.Conn, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	var h windows.Handle
	for {
		h, err = windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
			windows.FILE_FLAG_OVERLAPPED|windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		if err == nil {
			break
		}
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
			// The pipe's security lets someone else in, not us.
			return nil, fmt.Errorf("%w: %s (%w)", ErrNoAgent, path, ErrNotOurs)
		}
		if !errors.Is(err, windows.ERROR_PIPE_BUSY) || time.Now().After(deadline) {
			return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
		}
		// Every instance is taken for a moment, until the agent makes
		// the next one; look again shortly.
		time.Sleep(10 * time.Millisecond)
	}
	var pid uint32
	if err = windows.GetNamedPipeServerProcessId(h, &pid); err == nil {
		var same bool
		var who string
		if same, who, err = sameUser(pid, self); err == nil && !same {
			err = fmt.Errorf("it is served by %s", who)
		}
	}
	if err != nil {
		windows.CloseHandle(h)
		return nil, fmt.Errorf("%w: %s: %v (%w)", ErrNoAgent, path, err, ErrNotOurs)
	}
	c, err := newPipeConn(h, path)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
	}
	return c, nil
}
