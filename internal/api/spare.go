//go:build !windows

package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
)

// SpareSocketPaths are the places, in order, where the agent of dataDir
// listens when the data folder cannot hold its socket: a read-only folder,
// or a path longer than a socket address may be (about 100 bytes). Each is
// a private folder of this user, named after the data folder so that each
// keeps its own: in the user's runtime folder ($XDG_RUNTIME_DIR), the
// user's cache folder, and the system's temporary folder. The temporary
// folder is shared, so another user may have taken the name there first:
// such a folder is passed over, by the agent and by every client.
func SpareSocketPaths(dataDir string) []string {
	sum := sha256.Sum256([]byte(dataDir))
	name := hex.EncodeToString(sum[:8]) + ".sock"
	uid := strconv.Itoa(os.Getuid())
	var paths []string
	if base := os.Getenv("XDG_RUNTIME_DIR"); base != "" {
		paths = append(paths, filepath.Join(base, "crampcare-"+uid, name))
	}
	if base, err := os.UserCacheDir(); err == nil {
		paths = append(paths, filepath.Join(base, "crampcare", "run-"+uid, name))
	}
	return append(paths, filepath.Join(os.TempDir(), "crampcare-"+uid, name))
}

// DialAgent connects to the agent of dataDir, at its socket in the data
// folder or, failing that, at a spare one. Only a socket in a folder of
// this user's, served by a process of this user's, is spoken to.
func DialAgent(dataDir string) (*Client, error) {
	c, err := Dial(SocketPath(dataDir))
	if err == nil {
		return c, nil
	}
	for _, path := range SpareSocketPaths(dataDir) {
		if c, serr := Dial(path); serr == nil {
			return c, nil
		}
	}
	return nil, err
}

// ListenSpare listens at the first of SpareSocketPaths that it can make
// private to this user.
func ListenSpare(dataDir string) (net.Listener, error) {
	var errs []error
	for _, path := range SpareSocketPaths(dataDir) {
		ln, err := listenPrivate(path)
		if err == nil {
			return ln, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// listenPrivate listens at path in a folder it makes (0700) or finds
// private to this user; a folder that someone else made, or that others
// can reach into, is not used.
func listenPrivate(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("api: spare socket folder: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, fmt.Errorf("api: spare socket folder: %w", err)
	}
	if !fi.IsDir() || !private(fi) {
		return nil, fmt.Errorf("api: spare socket folder %s is not a private folder of this user; not using it", dir)
	}
	return Listen(path)
}
