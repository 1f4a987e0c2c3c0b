//go:build unix

package api

import (
	"io/fs"
	"os"
	"syscall"
)

// private: only we can reach into it.
func private(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid() && fi.Mode().Perm() == 0o700
}

// ours: the file is this user's and no one else may change it (or, for a
// folder, put a socket of their own in it).
func ours(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid() && fi.Mode().Perm()&0o022 == 0
}
