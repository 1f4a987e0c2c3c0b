//go:build !linux

package reminders

import (
	"context"
	"errors"
)

// WatchResume is Linux-only (logind); elsewhere the coarse check covers
// waking up.
func WatchResume(context.Context, func()) error {
	return errors.New("resume signals are only watched on Linux")
}
