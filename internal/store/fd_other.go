//go:build !unix

package store

import (
	"os"
	"time"
)

// On other systems a panic inside bbolt.Open leaves the file locked until
// the dropped handle is collected; the agent restores into a fresh file,
// so only a second open of the same damaged file in one process waits.

func unlock(int) {}

// lockFile leaves the lock to bbolt here: Windows file locks are not
// re-entrant, so taking it first would make bbolt's own attempt fail. The
// file is then checked before it is locked.
func lockFile(*os.File, bool, time.Duration) error { return nil }

func fdsOf(string) map[int]bool { return nil }
