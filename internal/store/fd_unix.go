//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	boltErrors "go.etcd.io/bbolt/errors"
)

// lockFile takes the lock bbolt takes (flock: exclusive to write, shared
// to read), waiting up to timeout as bbolt would. flock belongs to the
// open file, so bbolt taking it again on the same file succeeds at once.
func lockFile(f *os.File, exclusive bool, timeout time.Duration) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			return boltErrors.ErrTimeout
		}
		// Polled, as bbolt does: flock has no timeout of its own.
		time.Sleep(50 * time.Millisecond)
	}
}

// unlock releases a flock held on fd without closing it.
func unlock(fd int) { _ = syscall.Flock(fd, syscall.LOCK_UN) }

// fdsOf lists this process's file descriptors open on path, where the
// system says (/proc on Linux; elsewhere none are found).
func fdsOf(path string) map[int]bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil
	}
	out := map[int]bool{}
	for _, e := range entries {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && target == abs {
			if fd, err := strconv.Atoi(e.Name()); err == nil {
				out[fd] = true
			}
		}
	}
	return out
}
