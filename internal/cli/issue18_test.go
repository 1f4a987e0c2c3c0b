package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST case needs Europe/Berlin on any machine

	"github.com/crampcare/crampcare/internal/store"
)

// Issue 18, point 9: a date before 1900 (the store's 64-bit nanoseconds
// run from 1678, and a glass dated 1600 counted as drunk in 2185) is
// refused at every command that takes a time, with exit code 2, naming
// the field, and nothing is written.
func TestDatesBefore1900RefusedAtTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"log", "--at", "1600-12-01T03:00:00Z"},
		{"drink", "--at", "1600-12-01T03:00:00Z"},
		{"stretch", "done", "--at", "1600-12-01T21:00:00Z"},
		{"list", "--since", "1600-01-01T00:00:00Z"},
		{"settings", "set", "reminders.paused-until", "1600-12-01T03:00:00Z"},
		{"settings", "set", "reminders.paused-until", "9999-12-01T03:00:00Z"},
	} {
		r := run(t, dir, args...)
		field := "at"
		switch args[0] {
		case "list":
			field = "since"
		case "settings":
			field = "reminders.paused-until"
		}
		if r.code != ExitUsage || !strings.Contains(r.stderr, field) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line naming %s", args, r.code, r.stderr, field)
		}
	}
	r := run(t, dir, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "Glasses of water today: 0 of") || !strings.Contains(r.stdout, "Cramps in the last 24 hours: 0") {
		t.Errorf("status after the refusals: %+v", r)
	}
	if r := run(t, dir, "stretch", "list"); !strings.Contains(r.stdout, "No stretches") {
		t.Errorf("stretch list: %+v", r)
	}
}

// Issue 18, point 10: a setting in the database that this version does not
// know, or whose value no longer validates, used to be exported as it was
// and then refused the whole import. The export leaves it out (it had no
// effect) and the file imports.
func TestExportWithABadStoredSettingImports(t *testing.T) {
	src := t.TempDir()
	run(t, src, "log", "--at", "-5h", "--leg", "left")
	run(t, src, "settings", "set", "hydration.goal", "6")
	st, err := store.Open(filepath.Join(src, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"hydration.colour": "blue", "ui.scale": "9"} {
		if err := st.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	file := filepath.Join(t.TempDir(), "backup.json")
	if r := run(t, src, "export", "-o", file); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	r := run(t, t.TempDir(), "import", file)
	if r.code != 0 || !strings.Contains(r.stdout, "Imported 1 cramp, 0 glasses, 0 stretches and 1 setting") {
		t.Errorf("import of the export: %+v", r)
	}
}

// Issue 18, point 10: whatever export writes, import takes back, whole.
// A compact file (no indentation) with two glasses at one instant (typed
// as --at 10:00 twice) and a note with "<" and "&": it imports with both
// glasses (one used to be taken for a copy of the other and dropped), the
// export keeps the note as written, and that export imports whole again.
func TestImportOfACompactFileAndBackAgain(t *testing.T) {
	compact := `{"format":"crampcare-export","version":2,"cramps":[{"id":1,"uid":"A","at":"2026-11-22T03:00:00Z","note":"<ok> & fine"}],"glasses":[{"id":1,"at":"2026-11-22T10:00:00Z"},{"id":2,"at":"2026-11-22T10:00:00Z"}],"stretches":[],"settings":{}}`
	path := filepath.Join(t.TempDir(), "compact.json")
	if err := os.WriteFile(path, []byte(compact), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if r := run(t, dir, "import", path); r.code != 0 || !strings.Contains(r.stdout, "Imported 1 cramp, 2 glasses") {
		t.Fatalf("import: %+v", r)
	}
	out := filepath.Join(t.TempDir(), "again.json")
	if r := run(t, dir, "export", "-o", out); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	raw, _ := os.ReadFile(out)
	if !bytes.Contains(raw, []byte(`"<ok> & fine"`)) {
		t.Errorf("the note is escaped in the export:\n%s", raw)
	}
	if r := run(t, t.TempDir(), "import", out); r.code != 0 || !strings.Contains(r.stdout, "Imported 1 cramp, 2 glasses") {
		t.Errorf("import of the export: %+v", r)
	}
}

// Issue 18, point 12: in Berlin on 2026-10-25 at 02:45 summer time (the
// hour that comes twice), `--at 02:30` is 15 minutes ago, not the day
// before.
func TestLogAtHHMMOnTheAutumnClockChange(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC).In(berlin) // 02:45 CEST
	dir := t.TempDir()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: enGB, GOOS: "linux", Home: "/nonexistent", Now: func() time.Time { return at }}
	faces := Faces{
		Agent:  func(context.Context, string) error { t.Fatal("agent started"); return nil },
		Window: func(context.Context, string, string) error { t.Fatal("window started"); return nil },
	}
	if code := Run(context.Background(), []string{"--data-dir", dir, "log", "--at", "02:30"}, env, faces); code != 0 {
		t.Fatalf("log --at 02:30: exit %d, %s", code, errb.String())
	}
	list := listJSON(t, dir)
	want := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
	if len(list) != 1 || !list[0].At.Equal(want) {
		t.Errorf("stored %v, want %v (02:30 summer time, 15 minutes before)", list, want.In(berlin))
	}
}
