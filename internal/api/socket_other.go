//go:build !windows

package api

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
)

// The local API on Unix: a socket file in the data folder (or a spare
// place, spare.go), private by its folder's and its own mode, and by the
// peer's uid as the kernel tells it.

func socketPath(dataDir string) string { return filepath.Join(dataDir, SocketName) }

// listen opens the agent's socket at path, mode 0600. A socket file left by
// an agent that crashed is removed first, but only when nothing answers on
// it, so a live agent is never cut off.
func listen(path string) (net.Listener, error) {
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

// dialOurs connects to path only if the socket and its folder are this
// user's and the process listening runs as this user (the kernel says so):
// the diary's contents go over this connection, and another local user
// must not be able to stand in for the agent, least of all in a shared
// temporary folder.
func dialOurs(path string) (net.Conn, error) {
	for _, p := range []string{filepath.Dir(path), path} {
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
		}
		if !ours(fi) {
			return nil, fmt.Errorf("%w: %s (%w)", ErrNoAgent, p, ErrNotOurs)
		}
	}
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
	}
	uid, known, err := peerUID(c)
	if err == nil && known && uid != os.Getuid() {
		err = fmt.Errorf("it is served by uid %d", uid)
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %s: %v (%w)", ErrNoAgent, path, err, ErrNotOurs)
	}
	return c, nil
}

// checkPeer lets in only the owner's own processes, as the kernel says.
func checkPeer(c net.Conn, owner int) error {
	uid, known, err := peerUID(c)
	if err != nil {
		return refusedf("cannot tell who is connecting: %v", err)
	}
	if known && uid != owner {
		return refusedf("this CrampCare belongs to another user (it runs as uid %d, you are uid %d)", owner, uid)
	}
	return nil
}
