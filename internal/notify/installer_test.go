package notify

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The Windows installer's Start-menu shortcut must carry the AppUserModelID
// the toasts are sent with, or Windows attributes them to another program
// (or shows none): the installer script names it once, as AUMID.
func TestInstallerAUMID(t *testing.T) {
	nsi, err := os.ReadFile(filepath.Join("..", "..", "installer", "windows", "crampcare.nsi"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^!define AUMID "([^"]+)"`).FindSubmatch(nsi)
	if m == nil || string(m[1]) != AppName {
		t.Errorf("installer AUMID %q, notify.AppName %q", m, AppName)
	}
}
