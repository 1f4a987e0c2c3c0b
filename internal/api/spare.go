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

// SpareSocketPath is where the agent of dataDir listens when the data
// folder cannot hold its socket (a read-only folder): in a private folder
// of the user's runtime folder ($XDG_RUNTIME_DIR), else of the system's
// temporary folder, named after the data folder so each keeps its own.
func SpareSocketPath(dataDir string) string {
	base := os.Getenv("XDG_RUNTIME_DIR")
	if base == "" {
		base = os.TempDir()
	}
	sum := sha256.Sum256([]byte(dataDir))
	return filepath.Join(base, "crampcare-"+strconv.Itoa(os.Getuid()), hex.EncodeToString(sum[:8])+".sock")
}

// DialAgent connects to the agent of dataDir, at its socket in the data
// folder or, failing that, at the spare one.
func DialAgent(dataDir string) (*Client, error) {
	c, err := Dial(SocketPath(dataDir))
	if err == nil {
		return c, nil
	}
	if c, serr := Dial(SpareSocketPath(dataDir)); serr == nil {
		return c, nil
	}
	return nil, err
}

// ListenSpare listens at SpareSocketPath. Its folder may sit in a shared
// temporary folder, so it must be ours and private, or someone else could
// answer in the agent's place.
func ListenSpare(dataDir string) (net.Listener, error) {
	path := SpareSocketPath(dataDir)
	dir := filepath.Dir(path)
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
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
