//go:build !windows

package api

import "testing"

// tempDir is a temporary folder removed after the test.
func tempDir(tb testing.TB) string { return tb.TempDir() }
