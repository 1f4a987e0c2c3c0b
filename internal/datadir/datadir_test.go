package datadir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResolve(t *testing.T) {
	env := func(goos string, vars map[string]string) Env {
		return Env{GOOS: goos, Home: "/home/ann", Getenv: func(k string) string { return vars[k] }}
	}
	tests := []struct {
		name string
		flag string
		env  Env
		want string
	}{
		{"linux default", "", env("linux", nil), "/home/ann/.local/share/crampcare"},
		{"linux xdg", "", env("linux", map[string]string{"XDG_DATA_HOME": "/data"}), "/data/crampcare"},
		{"linux relative xdg ignored (spec)", "", env("linux", map[string]string{"XDG_DATA_HOME": "rel"}), "/home/ann/.local/share/crampcare"},
		{"mac", "", env("darwin", nil), "/home/ann/Library/Application Support/CrampCare"},
		{"env var", "", env("linux", map[string]string{EnvVar: "/tmp/cc"}), "/tmp/cc"},
		{"flag wins", "/flag", env("linux", map[string]string{EnvVar: "/tmp/cc"}), "/flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.flag, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Resolve = %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := Resolve("", Env{GOOS: "linux", Getenv: func(string) string { return "" }}); err == nil {
		t.Error("no home and no flag: want an error")
	}
}

func TestEnsureMakesPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("mode = %v, want 0700", fi.Mode().Perm())
	}
}
