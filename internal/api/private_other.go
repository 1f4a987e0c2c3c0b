//go:build !unix

package api

import "io/fs"

// private: on Windows the spare folder is in the user's own %TEMP%, which
// other users cannot reach into.
func private(fs.FileInfo) bool { return true }

// ours: on Windows the user's own folders' inherited ACLs keep others out.
func ours(fs.FileInfo) bool { return true }
