// Package datadir decides where the user's data lives: the platform's place
// for per-user application data, unless the user says otherwise.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EnvVar overrides the default folder; the agent passes it on to the window
// process it starts, so both see the same diary.
const EnvVar = "CRAMPCARE_DATA_DIR"

// Env is what Resolve reads from the process environment; tests pass fakes.
type Env struct {
	GOOS   string
	Getenv func(string) string
	Home   string
}

// Resolve picks the data folder: the --data-dir flag, else $CRAMPCARE_DATA_DIR,
// else the platform default. The result is absolute, because the agent hands
// it to child processes that may start elsewhere.
func Resolve(flag string, env Env) (string, error) {
	dir := flag
	if dir == "" {
		dir = env.Getenv(EnvVar)
	}
	if dir == "" {
		var err error
		if dir, err = platformDefault(env); err != nil {
			return "", err
		}
	}
	return filepath.Abs(dir)
}

func platformDefault(env Env) (string, error) {
	switch env.GOOS {
	case "windows":
		if d := env.Getenv("AppData"); d != "" {
			return filepath.Join(d, "CrampCare"), nil
		}
		if env.Home != "" {
			return filepath.Join(env.Home, "AppData", "Roaming", "CrampCare"), nil
		}
	case "darwin":
		if env.Home != "" {
			return filepath.Join(env.Home, "Library", "Application Support", "CrampCare"), nil
		}
	default:
		if d := env.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "crampcare"), nil
		}
		if env.Home != "" {
			return filepath.Join(env.Home, ".local", "share", "crampcare"), nil
		}
	}
	return "", errors.New("cannot find a home folder for the data; pass --data-dir DIR")
}

// Ensure creates the folder if needed and makes it private (0700): it holds
// health data. A folder that is already private but cannot be changed (a
// read-only disk) is accepted: the diary can still be read from it.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() && fi.Mode().Perm()&0o077 == 0 {
			return nil
		}
		return fmt.Errorf("data folder: %w", err)
	}
	return nil
}
