package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// pdfText writes the PDF and reads it back with poppler's pdftotext and
// pdfinfo, as a reader would see it. make test installs poppler-utils.
func pdfText(t *testing.T, p Params) (text string, pages int) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: apt-get install poppler-utils (make test installs it)")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	pages, _ = strconv.Atoi(string(m[1]))
	// Lines wrap where the layout wraps them; compare words, not lines.
	return strings.Join(strings.Fields(string(out)), " "), pages
}

func intp(n int) *int { return &n }

// year makes a year of heavy use: a cramp most nights, stretches, glasses.
func year() Params {
	p := Params{From: now.AddDate(-1, 0, 0), To: now, Goal: 8, Now: now}
	for d := 0; d < 365; d++ {
		at := now.AddDate(0, 0, -d).Add(-7 * time.Hour)
		if d%5 != 0 {
			e := cramp.Entry{ID: uint64(d + 1), At: at, Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf, Intensity: intp(d % 11), Duration: time.Duration(30+d%200) * time.Second,
				Helped: map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes}, Triggers: []string{"long-standing"}, Sleep: intp(d % 6)}
			if d == 41 {
				e.Symptoms = []string{"numbness-tingling"}
				e.Note = "Kribbeln im Fuß — naïve ☾ 夜"
			}
			p.Cramps = append(p.Cramps, e)
		}
		if d%2 == 0 {
			p.Stretches = append(p.Stretches, stretch.Session{Start: at.Add(-5 * time.Hour)})
		}
		for g := 0; g < 6; g++ {
			p.Glasses = append(p.Glasses, water.Glass{At: at.Add(time.Duration(g+2) * time.Hour)})
		}
	}
	return p
}

func TestReportAnswersTheFourQuestions(t *testing.T) {
	text, pages := pdfText(t, year())
	for _, want := range []string{QStart, QFeel, QDuration, QOther, "Self-recorded diary", "not a medical record",
		"292 cramps on 292 nights", "Median", "longest", "numbness or tingling", "Kribbeln im Fuß", "naïve", "Evening stretch done on", "Every cramp in the period"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if pages < 3 {
		t.Errorf("a year of cramps in %d pages; the table alone needs more", pages)
	}
}

func TestEmptyPeriod(t *testing.T) {
	text, pages := pdfText(t, Params{From: now.AddDate(0, -3, 0), To: now, Goal: 8, Now: now})
	if pages != 1 || !strings.Contains(text, "No cramps were logged between these dates") {
		t.Errorf("empty report (%d pages):\n%s", pages, text)
	}
}

func BenchmarkYearReport(b *testing.B) {
	p := year()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
}
