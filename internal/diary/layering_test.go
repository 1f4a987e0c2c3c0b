package diary

import (
	"os/exec"
	"strings"
	"testing"
)

// The layers stay apart: the domain knows neither storage nor transport,
// and the faces that talk to the agent (the windows, the API) know nothing
// of how the diary is stored. Checked on what each package really links,
// directly or not.
func TestLayering(t *testing.T) {
	const mod = "github.com/crampcare/crampcare/internal/"
	for pkg, banned := range map[string][]string{
		"diary": {mod + "store", mod + "service", mod + "backup", mod + "api", "go.etcd.io/bbolt", "net/http", "fyne.io/fyne/v2"},
		"api":   {mod + "store", mod + "service", mod + "backup", "go.etcd.io/bbolt", "fyne.io/fyne/v2"},
		"ui":    {mod + "store", mod + "service", mod + "backup", "go.etcd.io/bbolt"},
	} {
		out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		for _, b := range banned {
			for _, d := range deps {
				if d == b || strings.HasPrefix(d, b+"/") {
					t.Errorf("%s links %s", pkg, d)
				}
			}
		}
	}
}
