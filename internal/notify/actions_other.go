//go:build !linux && !windows

package notify

import "errors"

// canAct: beeep's macOS notifications have no buttons; the tray is where
// to act.
func (b *Beeep) canAct() bool { return false }

func (b *Beeep) notifyActions(string, string, []Action) error { return errors.ErrUnsupported }
