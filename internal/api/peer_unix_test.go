//go:build unix

package api

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAnotherRealUserIsRefused runs a client as the unprivileged user
// nobody (65534) against a socket whose folder and mode were opened up on
// purpose: the peer check alone must keep it out. Changing user needs
// root, as CI runs; elsewhere TestOtherUsersAreRefused covers the check.
func TestAnotherRealUserIsRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("switching to another user needs root (CI runs as root)")
	}
	path := serveAs(t, os.Getuid())
	// Open the way: only the peer check is left to refuse.
	if err := os.Chmod(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	// A copy of this test binary that nobody may run.
	bin := filepath.Join(t.TempDir(), "client")
	copyFile(t, os.Args[0], bin)
	for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin))} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin)
	cmd.Env = []string{"CRAMPCARE_API_DIAL=" + path}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("client as nobody: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "belongs to another user (it runs as uid 0, you are uid 65534)") {
		t.Fatalf("client as nobody got %q, want a refusal", out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
