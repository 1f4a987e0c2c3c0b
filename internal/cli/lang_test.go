package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// runIn runs a command in a session with the locale lang (LANG).
func runIn(t *testing.T, lang, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return lang
		}
		return ""
	}
	env := Env{Stdout: &out, Stderr: &errb, Getenv: getenv, GOOS: "linux", Home: "/nonexistent", Now: func() time.Time { return now }}
	faces := Faces{
		Agent:  func(context.Context, string) error { t.Fatal("agent started"); return nil },
		Window: func(context.Context, string, string) error { t.Fatal("window started"); return nil },
	}
	code := Run(context.Background(), append([]string{"--data-dir", dir}, args...), env, faces)
	return result{code, out.String(), errb.String()}
}

// Issue 17: the command line speaks the session's language, and writes
// times on the local clock; flags, keys and JSON stay as they are.
func TestCommandsSpeakTheSessionsLanguage(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "log", "--at", "03:10", "--leg", "left"); r.code != 0 {
		t.Fatalf("log: %+v", r)
	}
	r := runIn(t, "de_DE.UTF-8", dir, "status")
	if r.code != 0 {
		t.Fatalf("status: %+v", r)
	}
	if !strings.Contains(r.stdout, "Wasser") || strings.Contains(r.stdout, "Glasses of water") || !strings.Contains(r.stdout, "03:10") {
		t.Errorf("status in German:\n%s", r.stdout)
	}
	if r := runIn(t, "de_DE.UTF-8", dir, "drink", "--at", "07:00"); !strings.Contains(r.stdout, "Gläser") {
		t.Errorf("drink in German: %+v", r)
	}
	if r := runIn(t, "de_DE.UTF-8", dir, "list", "--format", "yaml"); r.code != ExitUsage || !strings.Contains(r.stderr, "Format") || strings.Contains(r.stderr, "is not a format") {
		t.Errorf("error in German: %+v", r)
	}
	if r := runIn(t, "en_US.UTF-8", dir, "list"); r.code != 0 || !strings.Contains(r.stdout, "3:10 AM") || !strings.Contains(r.stdout, "WHEN") {
		t.Errorf("list in American English:\n%s", r.stdout)
	}
	// The setting wins over the session.
	if r := run(t, dir, "settings", "set", "ui.language", "fr"); r.code != 0 {
		t.Fatalf("settings set: %+v", r)
	}
	if r := run(t, dir, "status"); !strings.Contains(r.stdout, "Verres") && !strings.Contains(r.stdout, "verres") {
		t.Errorf("status with ui.language=fr:\n%s", r.stdout)
	}
}
