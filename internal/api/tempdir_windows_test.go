package api

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// tempDir is a temporary folder removed after the test. Not tb.TempDir:
// under Wine 8 its cleanup fails ("unlinkat ...: Invalid function"), since
// os.RemoveAll deletes with FileDispositionInformationEx, which Wine does
// not know and does not refuse the way Go expects; os.Remove works, so
// the folder is removed one entry at a time, deepest first.
func tempDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "crampcare-api-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
			paths = append(paths, p)
			return nil
		})
		slices.Reverse(paths)
		for _, p := range paths {
			if err := os.Remove(p); err != nil {
				tb.Errorf("cleanup: %v", err)
			}
		}
	})
	return dir
}
