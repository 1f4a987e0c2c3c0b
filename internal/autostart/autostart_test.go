//go:build linux

package autostart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestXDGEntryWrittenReplacedAndRemoved(t *testing.T) {
	cfg := t.TempDir()
	p := Params{Exe: "/home/ann/My Apps/crampcare", ConfigDir: cfg}
	if err := Set(p, true); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(cfg, "autostart", "crampcare.desktop")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[Desktop Entry]\n", "Type=Application\n", "Name=CrampCare\n", `Exec="/home/ann/My Apps/crampcare"` + "\n", "X-GNOME-Autostart-enabled=true\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("entry lacks %q:\n%s", want, b)
		}
	}
	// The app moved: the entry follows.
	p.Exe = "/opt/crampcare/crampcare"
	if err := Set(p, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), `Exec="/opt/crampcare/crampcare"`) {
		t.Errorf("entry not updated:\n%s", b)
	}
	if err := Set(p, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("entry still there after switching off: %v", err)
	}
	if err := Set(p, false); err != nil {
		t.Errorf("switching off twice: %v", err)
	}
	if err := Set(Params{Exe: "crampcare", ConfigDir: cfg}, true); err == nil {
		t.Error("a relative path was accepted")
	}
}

func TestExecQuoting(t *testing.T) {
	got := desktopEntry(`/tmp/a "b" $c 100%`)
	if !strings.Contains(got, `Exec="/tmp/a \"b\" \$c 100%%"`) {
		t.Errorf("quoted as:\n%s", got)
	}
}
