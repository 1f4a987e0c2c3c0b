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

	"bufio"
	"errors"
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

// Another local user must not be able to stand in for the agent. With no
// $XDG_RUNTIME_DIR the spare socket lives in the shared temporary folder,
// where nobody can make crampcare-0/<hash>.sock first: our client must not
// speak to it (the CLI then opens the diary itself), and our agent must
// not take it for a running CrampCare, nor use that folder, but listen in
// the next private place.
func TestAnotherUserCannotStandInForTheAgent(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("running a process as another user needs root (CI runs as root)")
	}
	tmp := t.TempDir()
	if err := os.Chmod(tmp, 0o1777); err != nil { // like /tmp
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dataDir := t.TempDir()
	spares := SpareSocketPaths(dataDir)
	squatted := spares[len(spares)-1]
	if filepath.Dir(filepath.Dir(squatted)) != tmp {
		t.Fatalf("the last spare place %s is not in the temporary folder %s", squatted, tmp)
	}
	bin := filepath.Join(t.TempDir(), "fake")
	copyFile(t, os.Args[0], bin)
	for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin))} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	fake := exec.Command(bin)
	fake.Env = []string{"CRAMPCARE_API_FAKE_AGENT=" + squatted}
	fake.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	stdout, err := fake.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := fake.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fake.Process.Kill(); fake.Wait() })
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "listening\n" {
		t.Fatalf("the fake agent: %q, %v", line, err)
	}
	// Its folder is not ours.
	if _, err := Dial(squatted); !errors.Is(err, ErrNotOurs) {
		t.Fatalf("Dial of another user's socket: %v, want ErrNotOurs", err)
	}
	// Even with the folder and the socket file made ours, the kernel
	// still says who listens.
	for _, p := range []string{filepath.Dir(squatted), squatted} {
		if err := os.Chown(p, 0, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(squatted, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Dial(squatted); !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "uid 65534") {
		t.Fatalf("Dial of a socket served by another user: %v, want ErrNotOurs naming uid 65534", err)
	}
	if c, err := DialAgent(dataDir); err == nil {
		c.Close()
		t.Fatal("DialAgent spoke to another user's socket")
	} else if !errors.Is(err, ErrNoAgent) {
		t.Fatalf("DialAgent: %v, want ErrNoAgent", err)
	}
	ln, err := ListenSpare(dataDir)
	if err != nil {
		t.Fatalf("ListenSpare with the temporary place taken: %v", err)
	}
	defer ln.Close()
	if ln.Addr().String() == squatted {
		t.Fatal("ListenSpare used another user's folder")
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
