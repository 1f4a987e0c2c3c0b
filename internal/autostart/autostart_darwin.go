package autostart

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
)

// Path is where the LaunchAgent goes.
func Path(p Params) (string, error) {
	home := p.HomeDir
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(home, "Library", "LaunchAgents", AppID+".plist"), nil
}

func enable(p Params) error {
	path, err := Path(p)
	if err != nil {
		return err
	}
	plist := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key><string>` + AppID + `</string>
	<key>ProgramArguments</key><array><string>` + html.EscapeString(p.Exe) + `</string></array>
	<key>RunAtLoad</key><true/>
	<key>ProcessType</key><string>Interactive</string>
</dict>
</plist>
`
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	if err := os.WriteFile(path, []byte(plist), 0o644); err != nil {
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
