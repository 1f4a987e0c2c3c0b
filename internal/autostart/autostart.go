// Package autostart starts CrampCare at login: reminders only help if the
// agent runs, and people forget to start it. It writes the platform's own
// kind of entry (an XDG autostart .desktop file on Linux and the BSDs, a
// LaunchAgent plist on macOS, the Run key on Windows) and removes it when
// the user switches autostart off in Settings.
package autostart

import (
	"errors"
	"fmt"
	"os"
)

// Name is the entry's name where the platform shows one; AppID names the
// file on macOS (and matches FyneApp.toml).
const (
	Name  = "CrampCare"
	AppID = "org.crampcare.CrampCare"
)

// Params says what to start and where the user's folders are; tests point
// them at temporary folders.
type Params struct {
	// Exe is the program to start at login, an absolute path.
	Exe string
	// ConfigDir is $XDG_CONFIG_HOME (Linux); HomeDir is the home folder
	// (macOS). Empty means the defaults for the current user.
	ConfigDir, HomeDir string
}

// Set writes (on) or removes (off) the login entry. Writing again with
// another Exe (the app moved, or was updated) replaces it.
func Set(p Params, on bool) error {
	if on {
		return enable(p)
	}
	return disable(p)
}

// removeFile removes a login entry file; one already gone is fine.
func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}
