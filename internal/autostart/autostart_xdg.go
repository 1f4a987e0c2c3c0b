//go:build linux || freebsd || openbsd || netbsd || dragonfly

package autostart

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Path is where the XDG autostart entry goes.
func Path(p Params) (string, error) {
	dir := p.ConfigDir
	if dir == "" {
		dir = os.Getenv("XDG_CONFIG_HOME")
	}
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", "crampcare.desktop"), nil
}

// desktopEntry is the file (XDG Desktop Entry and Autostart specs). The
// path is quoted: a home folder may contain spaces.
func desktopEntry(exe string) string {
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", "$", `\$`).Replace(exe) + `"`
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + Name + "\n" +
		"Comment=Drink and stretch reminders, one-click cramp log\n" +
		"Exec=" + strings.ReplaceAll(quoted, "%", "%%") + "\n" +
		"Icon=" + AppID + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

func enable(p Params) error {
	if !filepath.IsAbs(p.Exe) {
		return fmt.Errorf("autostart: %q is not an absolute path", p.Exe)
	}
	path, err := Path(p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	want := desktopEntry(p.Exe)
	if have, err := os.ReadFile(path); err == nil && string(have) == want {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(want), 0o644); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func disable(p Params) error {
	path, err := Path(p)
	if err != nil {
		return err
	}
	return removeFile(path)
}
