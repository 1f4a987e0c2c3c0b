//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

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
