package agent

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/autostart"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/settings"
)

// Issue 13, point 5: importing a file applies its autostart setting at
// once, as changing it in Settings does; the import used to announce only
// a cramps change, so the agent never looked.
func TestImportedAutostartIsApplied(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path, err := autostart.Path(autostart.Params{})
	if err != nil {
		t.Fatal(err)
	}
	exists := func() bool {
		_, err := os.Stat(path)
		return err == nil
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a := newTestAgent(t, &now)
	importAutostart := func(on string) {
		t.Helper()
		f := export.File{Format: export.Format, Version: export.Version, Settings: map[string]string{settings.Autostart: on}}
		if _, err := a.svc.Import(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}

	a.applyAutostart() // as at start: on by default
	if !exists() {
		t.Fatal("no login entry after start")
	}
	importAutostart("false")
	if exists() {
		t.Error("an imported autostart=false was not applied: the login entry is still there")
	}
	importAutostart("true")
	if !exists() {
		t.Error("an imported autostart=true was not applied: no login entry")
	}
}
