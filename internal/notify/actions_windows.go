package notify

import (
	"os"
	"path/filepath"

	"git.sr.ht/~jackmordaunt/go-toast"
)

// canAct: toast buttons start "crampcare.exe crampcare:KEY" through the
// URL protocol the installer registers.
func (b *Beeep) canAct() bool { return true }

func (b *Beeep) notifyActions(title, body string, actions []Action) error {
	n := toast.Notification{AppID: "CrampCare", Title: title, Body: body, Icon: b.iconFile(), Audio: toast.Silent}
	for _, a := range actions {
		// Protocol activation: Windows starts the registered handler of
		// the URI; the program hands the key to the running agent.
		n.Actions = append(n.Actions, toast.Action{Type: toast.Protocol, Content: a.Label, Arguments: ActionURI(a.Key)})
	}
	return n.Push()
}

// iconFile writes the icon where the toast can read it (a toast takes a
// path, not bytes); empty if it cannot.
func (b *Beeep) iconFile() string {
	dir, err := os.UserCacheDir()
	if err != nil || len(b.icon) == 0 {
		return ""
	}
	path := filepath.Join(dir, "CrampCare", "notification.png")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if os.MkdirAll(filepath.Dir(path), 0o700) != nil || os.WriteFile(path, b.icon, 0o600) != nil {
		return ""
	}
	return path
}
