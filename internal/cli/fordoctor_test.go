package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crampcare/crampcare/internal/advice"
)

// pdfWords reads a PDF the way a reader sees it (poppler's pdftotext),
// words joined by single spaces.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// crampcare for-doctor: set changes only what is given, show says it
// plainly (with the pregnancy note when pregnancy is ticked), clear
// empties, and the report carries it.
func TestForDoctorCommand(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "for-doctor")
	if r.code != 0 || strings.Count(r.stdout, "not given") != 5 {
		t.Fatalf("show, nothing given: %+v", r)
	}
	r = run(t, dir, "for-doctor", "set", "--name", " Anna  Schmidt ", "--born", "1950-03-14", "--cramps-since", "2024-03",
		"--medicine", "Ramipril 5 mg, mornings", "--medicine", "Simvastatin 20 mg", "--condition", "pregnancy", "--condition", "kidney")
	if r.code != 0 {
		t.Fatalf("set: %+v", r)
	}
	for _, want := range []string{"Name:           Anna Schmidt", "Date of birth:  14 March 1950", "Cramps began:   March 2024",
		"Medicines:      Ramipril 5 mg, mornings\n                Simvastatin 20 mg", "Conditions:     Kidney disease\n                Pregnancy",
		advice.Text(advice.Pregnancy)} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("set printed no %q:\n%s", want, r.stdout)
		}
	}
	// Only what is given changes; a list given replaces the list.
	r = run(t, dir, "for-doctor", "set", "--medicine", "Magnesium")
	if r.code != 0 || !strings.Contains(r.stdout, "Medicines:      Magnesium\n") || !strings.Contains(r.stdout, "Anna Schmidt") {
		t.Errorf("set one field: %+v", r)
	}
	out := filepath.Join(dir, "report.pdf")
	if r := run(t, dir, "log", "--at", "-3h", "--muscle", "calf", "--note", "woke me"); r.code != 0 {
		t.Fatal(r)
	}
	if r := run(t, dir, "report", "-o", out); r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	text := pdfWords(t, out)
	for _, want := range []string{"Name: Anna Schmidt Date of birth: 14 March 1950", "The cramps began in March 2024", "Medicines taken: Magnesium.", "Conditions: kidney disease; pregnancy."} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}

	r = run(t, dir, "for-doctor", "clear", "medicines", "conditions")
	if r.code != 0 || strings.Count(r.stdout, "not given") != 2 || strings.Contains(r.stdout, advice.Text(advice.Pregnancy)) {
		t.Errorf("clear two fields: %+v", r)
	}
	r = run(t, dir, "for-doctor", "clear")
	if r.code != 0 || strings.Count(r.stdout, "not given") != 5 {
		t.Errorf("clear all: %+v", r)
	}
	os.Remove(out)
	if r := run(t, dir, "report", "-o", out); r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	if text := pdfWords(t, out); strings.Contains(text, "Anna") || strings.Contains(text, "Medicines") {
		t.Error("the report still shows a cleared doctor's part")
	}
}

// A bad value is refused with exit code 2 and a message naming the field,
// and nothing is written, not even the good values given with it.
func TestForDoctorRefusesAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	// now is 23 November 2026.
	for _, args := range [][]string{
		{"set", "--name", "Anna", "--cramps-since", "2026-12"},
		{"set", "--name", "Anna", "--cramps-since", "1899-12"},
		{"set", "--name", "Anna", "--born", "2030-01-01"},
		{"set", "--name", "Anna", "--condition", "gout"},
		{"set", "Anna"},
		{"set"},
		{"clear", "age"},
		{"show", "--name", "Anna"},
		{"forget"},
	} {
		r := run(t, dir, append([]string{"for-doctor"}, args...)...)
		if r.code != ExitUsage || r.stderr == "" {
			t.Errorf("for-doctor %v: %+v, want exit 2 with a message", args, r)
		}
	}
	if r := run(t, dir, "for-doctor", "set", "--cramps-since", "2026-12"); !strings.Contains(r.stderr, "patient.cramps-since: December 2026 is in the future") {
		t.Errorf("message: %q", r.stderr)
	}
	if r := run(t, dir, "for-doctor"); strings.Count(r.stdout, "not given") != 5 {
		t.Errorf("something was written:\n%s", r.stdout)
	}
	if r := run(t, dir, "for-doctor", "set", "--cramps-since", "2026-11"); r.code != 0 {
		t.Errorf("this month: %+v", r)
	}
}

// Exported with the rest, imported into another diary the same.
func TestForDoctorExportImport(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	run(t, src, "for-doctor", "set", "--name", "Anna Schmidt", "--cramps-since", "2024-03", "--medicine", "Ramipril 5 mg", "--condition", "diabetes")
	file := filepath.Join(t.TempDir(), "all.json")
	if r := run(t, src, "export", "-o", file); r.code != 0 {
		t.Fatal(r)
	}
	if r := run(t, dst, "import", file); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	a, b := run(t, src, "for-doctor"), run(t, dst, "for-doctor")
	if a.stdout != b.stdout || !strings.Contains(b.stdout, "Ramipril 5 mg") {
		t.Errorf("imported:\n%s\nwant:\n%s", b.stdout, a.stdout)
	}
}
