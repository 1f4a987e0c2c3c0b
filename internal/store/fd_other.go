//go:build !unix

package store

// On other systems a panic inside bbolt.Open leaves the file locked until
// the dropped handle is collected; the agent restores into a fresh file,
// so only a second open of the same damaged file in one process waits.

func unlock(int) {}

func fdsOf(string) map[int]bool { return nil }
