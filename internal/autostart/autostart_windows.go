package autostart

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// runKey is the current user's Run key: programs started at login.
const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// Path names the registry value, for messages.
func Path(Params) (string, error) { return `HKCU\` + runKey + `\` + Name, nil }

func enable(p Params) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(Name, `"`+p.Exe+`"`); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func disable(Params) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}
