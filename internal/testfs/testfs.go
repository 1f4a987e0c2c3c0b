// Package testfs helps tests show that something left a folder alone: a
// snapshot of every file under it, and a comparison that names what was
// created, changed or removed. For tests only.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Snapshot is every file and folder under dir with its mode, modification
// time and (for files) content.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		s := fi.Mode().String() + " " + fi.ModTime().String()
		if !d.IsDir() {
			b, _ := os.ReadFile(path)
			s += " " + string(b)
		}
		out[path] = s
		return nil
	})
	return out
}

// Unchanged fails t for every path that what created, changed or removed
// between the snapshots before and after.
func Unchanged(t testing.TB, what string, before, after map[string]string) {
	t.Helper()
	for p, s := range after {
		if b, ok := before[p]; !ok {
			t.Errorf("%s created %s", what, p)
		} else if b != s {
			t.Errorf("%s changed %s", what, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s removed %s", what, p)
		}
	}
}
