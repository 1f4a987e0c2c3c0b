package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/backup"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

var now = time.Date(2026, 11, 23, 7, 30, 0, 0, time.Local)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: enGB, GOOS: "linux", Home: "/nonexistent", Now: func() time.Time { return now }}
	faces := Faces{
		Agent:  func(context.Context, string) error { t.Fatal("agent started"); return nil },
		Window: func(context.Context, string, string) error { t.Fatal("window started"); return nil },
	}
	code := Run(context.Background(), append([]string{"--data-dir", dir}, args...), env, faces)
	return result{code, out.String(), errb.String()}
}

func listJSON(t *testing.T, dir string) []cramp.Entry {
	t.Helper()
	r := run(t, dir, "list", "--format", "json")
	if r.code != 0 {
		t.Fatalf("list: %d %s", r.code, r.stderr)
	}
	var list []cramp.Entry
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("list json: %v\n%s", err, r.stdout)
	}
	return list
}

func TestLogAndListWithoutAgent(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "log", "--at", "03:10", "--leg", "left", "--muscle", "calf", "--intensity", "7", "--duration", "90s", "--note", "woke me")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "1" {
		t.Fatalf("log: code %d, out %q, err %q; want 0 and ID 1", r.code, r.stdout, r.stderr)
	}
	list := listJSON(t, dir)
	if len(list) != 1 {
		t.Fatalf("list = %v", list)
	}
	e := list[0]
	want := time.Date(2026, 11, 23, 3, 10, 0, 0, time.Local)
	if !e.At.Equal(want) || e.Leg != "left" || e.Muscle != "calf" || *e.Intensity != 7 || e.Duration != 90*time.Second || e.Note != "woke me" {
		t.Errorf("stored %+v", e)
	}
	// "23:40" at 07:30 means last night, not tonight.
	if r := run(t, dir, "log", "--at", "23:40"); r.code != 0 {
		t.Fatalf("log 23:40: %+v", r)
	}
	list = listJSON(t, dir)
	if got := list[1].At; !got.Equal(time.Date(2026, 11, 22, 23, 40, 0, 0, time.Local)) {
		t.Errorf("23:40 stored as %v, want last night", got)
	}
	table := run(t, dir, "list")
	if table.code != 0 || !strings.Contains(table.stdout, "INTENSITY") || !strings.Contains(table.stdout, "woke me") {
		t.Errorf("table:\n%s", table.stdout)
	}
	since := listJSONArgs(t, dir, "--since", "-6h")
	if len(since) != 1 || since[0].ID != 1 {
		t.Errorf("--since -6h = %v, want only the 03:10 cramp", since)
	}
}

func listJSONArgs(t *testing.T, dir string, args ...string) []cramp.Entry {
	t.Helper()
	r := run(t, dir, append([]string{"list", "--format", "json"}, args...)...)
	var list []cramp.Entry
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("%v: %s %s", err, r.stdout, r.stderr)
	}
	return list
}

func TestBadInputExits2AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args  []string
		field string
	}{
		{[]string{"log", "--intensity", "11"}, "intensity"},
		{[]string{"log", "--at", "+2h"}, "at"},
		{[]string{"log", "--at", "2099-01-01T00:00:00Z"}, "at"},
		{[]string{"log", "--at", "yesterday-ish"}, "at"},
		{[]string{"log", "--muscle", "neck"}, "muscle"},
		{[]string{"log", "--leg", "middle"}, "leg"},
		{[]string{"log", "--duration", "-5s"}, "duration"},
		{[]string{"log", "--duration", "30h"}, "duration"},
		{[]string{"log", "--note", strings.Repeat("x", 100_000)}, "note"},
		{[]string{"log", "--bogus"}, "bogus"},
		{[]string{"drink", "--at", "+1h"}, "at"},
		{[]string{"list", "--format", "xml"}, "format"},
		{[]string{"settings", "set", "hydration.goal", "0"}, "hydration.goal"},
		{[]string{"settings", "set", "no.such", "1"}, "key"},
		{[]string{"settings", "frobnicate"}, "settings"},
		{[]string{"nonsense"}, "nonsense"},
	} {
		t.Run(strings.Join(tc.args, " ")[:min(30, len(strings.Join(tc.args, " ")))], func(t *testing.T) {
			r := run(t, dir, tc.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want 2 (stderr %q)", r.code, r.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines != 0 || !strings.Contains(r.stderr, tc.field) {
				t.Errorf("stderr %q: want one line naming %q", r.stderr, tc.field)
			}
		})
	}
	if list := listJSON(t, dir); len(list) != 0 {
		t.Errorf("bad input wrote %v", list)
	}
}

func TestHelpEverywhere(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"--help"}, {"help"}, {"log", "--help"}, {"list", "--help"}, {"drink", "--help"}, {"settings", "--help"}, {"status", "--help"}, {"version", "--help"}} {
		r := run(t, dir, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage") {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
}

func TestSettingsAndDrinkAndVersion(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "settings", "set", "hydration.goal", "6"); r.code != 0 || r.stdout != "hydration.goal = 6\n" {
		t.Fatalf("set: %+v", r)
	}
	if r := run(t, dir, "settings", "list"); r.code != 0 || !regexp.MustCompile(`(?m)^hydration\.goal\s+6\s+8\s`).MatchString(r.stdout) {
		t.Errorf("list:\n%s", r.stdout)
	}
	if r := run(t, dir, "drink"); r.code != 0 || r.stdout != "1 of 6 glasses today.\n" {
		t.Errorf("drink: %+v", r)
	}
	if r := run(t, dir, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "crampcare ") {
		t.Errorf("version: %+v", r)
	}
}

// TestUsesRunningAgent holds the store in a running API server, as the agent
// does: the CLI must go through the socket (opening the file would time out).
func TestUsesRunningAgent(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ln, err := api.Listen(api.SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	srv := api.NewServer(api.Params{Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}), Owner: os.Getuid()})
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { ln.Close(); srv.CloseConns(); <-done }()

	if r := run(t, dir, "log", "--muscle", "foot"); r.code != 0 {
		t.Fatalf("log via agent: %+v", r)
	}
	got, err := st.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Muscle != "foot" {
		t.Errorf("agent's store holds %v", got)
	}
	if r := run(t, dir, "log", "--intensity", "12"); r.code != ExitUsage {
		t.Errorf("bad input via agent: %+v", r)
	}
}

func TestStretchAndPause(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "stretch", "done", "--at", "-10m"); r.code != 0 || !strings.Contains(r.stdout, "recorded") {
		t.Fatalf("stretch done: %+v", r)
	}
	if r := run(t, dir, "stretch", "list"); r.code != 0 || !strings.Contains(r.stdout, "cli") || !strings.Contains(r.stdout, "07:20") {
		t.Errorf("stretch list:\n%s", r.stdout)
	}
	if r := run(t, dir, "stretch", "done", "--at", "+1h"); r.code != ExitUsage {
		t.Errorf("future stretch: %+v", r)
	}
	if r := run(t, dir, "stretch"); r.code != ExitUsage {
		t.Errorf("bare stretch: %+v", r)
	}
	// At 07:30 the next waking day starts at 08:00 this morning (issue 13).
	if r := run(t, dir, "reminders", "pause", "tomorrow"); r.code != 0 || !strings.Contains(r.stdout, "2026-11-23T08:00:00") {
		t.Errorf("pause tomorrow: %+v", r)
	}
	if r := run(t, dir, "settings", "list"); !strings.Contains(r.stdout, "2026-11-23T08:00:00") {
		t.Errorf("paused-until not stored:\n%s", r.stdout)
	}
	if r := run(t, dir, "reminders", "pause", "forever"); r.code != ExitUsage {
		t.Errorf("pause forever: %+v", r)
	}
	if r := run(t, dir, "reminders", "resume"); r.code != 0 || r.stdout != "Reminders are on.\n" {
		t.Errorf("resume: %+v", r)
	}
	if r := run(t, dir, "reminders", "later"); r.code != ExitError || !strings.Contains(r.stderr, "not running") {
		t.Errorf("later without agent: %+v", r)
	}
}

func TestLogDetailsEditDelete(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "log", "--at", "-4h", "--helped", "stretch=yes", "--helped", "water=no", "--trigger", "long-standing", "--trigger", "little-water", "--sleep", "5")
	if r.code != 0 {
		t.Fatalf("log: %+v", r)
	}
	e := listJSON(t, dir)[0]
	if e.Helped[cramp.StepStretch] != cramp.RatingYes || e.Helped[cramp.StepWater] != cramp.RatingNo || len(e.Triggers) != 2 || *e.Sleep != 5 {
		t.Errorf("stored %+v", e)
	}
	// Edit changes only what is given.
	if r := run(t, dir, "edit", "1", "--leg", "right", "--symptom", "swelling"); r.code != 0 || !strings.Contains(r.stderr, "Get medical help now. ") ||
		!strings.Contains(r.stderr, "blood clot") || !strings.Contains(r.stderr, "emergency") {
		t.Fatalf("edit: %+v", r)
	}
	e = listJSON(t, dir)[0]
	if e.Leg != "right" || e.Symptoms[0] != "swelling" || len(e.Triggers) != 2 || e.Helped[cramp.StepStretch] != cramp.RatingYes {
		t.Errorf("after edit %+v", e)
	}
	for _, bad := range [][]string{
		{"edit", "1", "--helped", "yoga=yes"}, {"edit", "1", "--trigger", "moon"}, {"edit", "1", "--sleep", "11"},
		{"edit", "x"}, {"edit"}, {"delete"}, {"log", "--symptom", "itch"},
	} {
		if r := run(t, dir, bad...); r.code != ExitUsage {
			t.Errorf("%v: exit %d (%s), want 2", bad, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "edit", "42", "--leg", "left"); r.code != ExitError {
		t.Errorf("edit missing: %+v", r)
	}
	if r := run(t, dir, "delete", "1"); r.code != 0 || !strings.Contains(r.stdout, "Deleted cramp 1") {
		t.Errorf("delete: %+v", r)
	}
	if list := listJSON(t, dir); len(list) != 0 {
		t.Errorf("after delete: %v", list)
	}
}

func TestStatusShowsDoctorAdvice(t *testing.T) {
	dir := t.TempDir()
	for _, at := range []string{"-4h", "-28h", "-52h", "-100h"} {
		if r := run(t, dir, "log", "--at", at); r.code != 0 {
			t.Fatalf("log: %+v", r)
		}
	}
	r := run(t, dir, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "See your doctor: Cramps on 4 of the last 7 nights.\nMake an appointment") || !strings.Contains(r.stdout, "not medical advice") {
		t.Errorf("status:\n%s", r.stdout)
	}
	// A warning sign: the urgent level first, said the same way as in the
	// windows, with what it means (same day).
	if r := run(t, dir, "log", "--at", "-1h", "--symptom", "pale-cold-skin", "--symptom", "numbness-tingling"); r.code != 0 || !strings.Contains(r.stderr, "poor circulation") {
		t.Fatalf("log with signs: %+v", r)
	}
	r = run(t, dir, "status")
	urgent, doctor := strings.Index(r.stdout, "Get medical help now: "), strings.Index(r.stdout, "See your doctor: ")
	if urgent < 0 || doctor < urgent || !strings.Contains(r.stdout, "today, go to urgent care") || !strings.Contains(r.stdout, "numbness or tingling") {
		t.Errorf("status with signs:\n%s", r.stdout)
	}
}

// The trigger flag offers what the sources name: no alcohol.
func TestTriggerFlagOffersNoAlcohol(t *testing.T) {
	r := run(t, t.TempDir(), "log", "--help")
	if !strings.Contains(r.stdout+r.stderr, "caffeine") || strings.Contains(r.stdout+r.stderr, "alcohol") {
		t.Errorf("log --help:\n%s%s", r.stdout, r.stderr)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	src := t.TempDir()
	run(t, src, "log", "--at", "-5h", "--leg", "left", "--muscle", "calf", "--intensity", "6", "--note", "naïve ☾", "--helped", "stretch=yes", "--symptom", "swelling")
	run(t, src, "log", "--at", "-30h")
	run(t, src, "drink", "--at", "-2h")
	run(t, src, "stretch", "done", "--at", "-10h")
	run(t, src, "settings", "set", "hydration.goal", "6")
	file := filepath.Join(t.TempDir(), "backup.json")
	if r := run(t, src, "export", "-o", file); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	csvOut := run(t, src, "export", "--format", "csv")
	if csvOut.code != 0 || !strings.HasPrefix(csvOut.stdout, "id,time,leg,muscle,intensity") || strings.Count(csvOut.stdout, "\n") != 3 || !strings.Contains(csvOut.stdout, "stretch=yes") {
		t.Errorf("csv:\n%s", csvOut.stdout)
	}

	dst := t.TempDir()
	run(t, dst, "log", "--at", "-50h") // something of its own
	r := run(t, dst, "import", file)
	if r.code != 0 || !strings.Contains(r.stdout, "Imported 2 cramps, 1 glass, 1 stretch and 1 setting; 0 were already there.") {
		t.Fatalf("import: %+v", r)
	}
	list := listJSON(t, dst)
	if len(list) != 3 || list[0].Note != "naïve ☾" || list[0].Helped[cramp.StepStretch] != cramp.RatingYes || list[0].Symptoms[0] != "swelling" {
		t.Errorf("after import: %+v", list)
	}
	// Again: nothing new.
	if r := run(t, dst, "import", file); !strings.Contains(r.stdout, "Imported 0 cramps, 0 glasses, 0 stretches and 1 setting; 4 were already there.") {
		t.Errorf("second import: %+v", r)
	}
	if len(listJSON(t, dst)) != 3 {
		t.Error("second import added duplicates")
	}
}

func TestImportRefusesBadFilesAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `{"format":"crampcare-export","version":1,"cramps":[{"id":1,"at":"2026-11-22T03:00:00Z"}],"glasses":[],"stretches":[],"settings":{}}`
	for name, body := range map[string]string{
		"newer version":  strings.Replace(good, `"version":1`, `"version":3`, 1),
		"not ours":       `{"format":"something-else","version":1}`,
		"truncated":      good[:len(good)/2],
		"bad cramp late": strings.Replace(good, `}],"glasses"`, `},{"id":2,"at":"2026-11-22T04:00:00Z","intensity":42}],"glasses"`, 1),
		"bad setting":    strings.Replace(good, `"settings":{}`, `"settings":{"hydration.goal":"lots"}`, 1),
		"unknown field":  strings.Replace(good, `"glasses":[]`, `"glasses":[],"extra":1`, 1),
	} {
		r := run(t, dir, "import", write("f.json", body))
		if r.code != ExitUsage {
			t.Errorf("%s: exit %d (%s), want 2", name, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "import", filepath.Join(dir, "missing.json")); r.code != ExitUsage {
		t.Errorf("missing file: %+v", r)
	}
	if list := listJSON(t, dir); len(list) != 0 {
		t.Errorf("a refused import wrote %v", list)
	}
}

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "log", "--at", "-5h", "--intensity", "7", "--duration", "2m")
	out := filepath.Join(t.TempDir(), "for-the-doctor.pdf")
	if r := run(t, dir, "report", "-o", out); r.code != 0 || !strings.Contains(r.stdout, "Report written") {
		t.Fatalf("report: %+v", r)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("not a PDF: %v %q", err, b[:min(len(b), 8)])
	}
	if r := run(t, dir, "report"); r.code != ExitUsage {
		t.Errorf("report without -o: %+v", r)
	}
	if r := run(t, dir, "report", "--since", "-1h", "--until", "-2h", "-o", out); r.code != ExitUsage {
		t.Errorf("backwards period: %+v", r)
	}
}

func TestInsights(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "insights"); r.code != 0 || !strings.Contains(r.stdout, "Nothing to show yet") {
		t.Errorf("empty diary: %+v", r)
	}
	run(t, dir, "stretch", "done", "--at", "-80h")
	for _, at := range []string{"-30h", "-54h"} {
		run(t, dir, "log", "--at", at, "--muscle", "calf", "--helped", "massage=some")
	}
	r := run(t, dir, "insights")
	for _, want := range []string{"Cramps on 2 of ", "2 in all", "Which muscle: Calf 2", "Massage it: helped 0, a bit 2, not 0", "Once there are 7 nights after the evening stretch"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("insights output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDoctor(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "log", "--at", "-3h")
	r := run(t, dir, "doctor")
	if r.code != 0 || !strings.Contains(r.stdout, "checks out: 1 cramp, 0 glasses, 0 stretches") || !strings.Contains(r.stdout, "Backups in ") {
		t.Fatalf("doctor on a sound diary: %+v", r)
	}
	// A good copy, then the file spoilt: doctor says so and what will
	// happen; other commands refuse to touch it.
	db := filepath.Join(dir, store.FileName)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(backup.Dir(dir), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteBackup(filepath.Join(backup.Dir(dir), "crampcare-2026-11-22.db")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(db)
	spoilt := append([]byte(nil), raw...)
	for i := 2 * 4096; i < 4*4096; i++ { // the freelist and the buckets
		spoilt[i] = byte(i*31 + 7)
	}
	if err := os.WriteFile(db, spoilt, 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "doctor")
	if r.code != 1 || !strings.Contains(r.stdout, "PROBLEM: ") || !strings.Contains(r.stdout, "crampcare-2026-11-22.db, daily, good") ||
		!strings.Contains(r.stdout, "will restore the newest good backup") {
		t.Errorf("doctor on a damaged file: %+v", r)
	}
	if r := run(t, dir, "log"); r.code != 1 || !strings.Contains(r.stderr, "the data file is damaged") {
		t.Errorf("log on a damaged file: %+v", r)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, spoilt) {
		t.Error("a command wrote to the damaged file")
	}
}

// enGB is a session in British English: English words, a 24-hour clock,
// as the tests' expectations are written.
func enGB(k string) string {
	if k == "LANG" {
		return "en_GB.UTF-8"
	}
	return ""
}
