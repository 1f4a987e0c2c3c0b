package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/settings"
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

// newUser is the diary of the new user who found the report's faults: a
// report printed at 10:00 on Wednesday 2 December 2026 for the usual
// three months, of a diary begun on Tuesday 22 September (71 nights over
// by then), with the evening stretch on every other night (36 of them)
// and a cramp on the morning of the day it was printed.
func newUser() Params {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	begin := time.Date(2026, 9, 22, 15, 0, 0, 0, time.UTC)
	p := Params{From: now.AddDate(0, -3, 0), To: now.Add(time.Nanosecond), Goal: 8, Now: now}
	p.Glasses = append(p.Glasses, water.Glass{At: begin})
	for d := 0; d < 71; d++ {
		evening := time.Date(2026, 9, 22+d, 21, 30, 0, 0, time.UTC)
		if d%2 == 0 {
			p.Stretches = append(p.Stretches, stretch.Session{Start: evening})
		}
		if d%3 == 0 {
			p.Cramps = append(p.Cramps, cramp.Entry{At: evening.Add(5 * time.Hour), Leg: cramp.LegRight, Muscle: cramp.MuscleCalf,
				Intensity: intp(5), Duration: 2 * time.Minute})
		}
	}
	// Printed the same morning: a cramp at 03:10 on 2 December.
	p.Cramps = append(p.Cramps, cramp.Entry{At: time.Date(2026, 12, 2, 3, 10, 0, 0, time.UTC), Leg: cramp.LegLeft, Muscle: cramp.MuscleFoot})
	p.Start = begin
	return p
}

// The header names the days the rows cover: the last row, a cramp of 2
// December, lies inside it (it used to end on 1 December), and a cramp
// early on the period's first day is listed (the period is whole days).
func TestPeriodHeaderMatchesRows(t *testing.T) {
	p := newUser()
	text, _ := pdfText(t, p)
	if !strings.Contains(text, "Period: 2 September 2026 to 2 December 2026.") {
		t.Errorf("header does not say 2 September to 2 December 2026:\n%s", head(text))
	}
	if !strings.Contains(text, "Wed 2 Dec 2026 03:10") {
		t.Error("the cramp of 2 December is not in the table")
	}

	// A diary as old as the period: the first day's early cramp counts.
	p.Start = time.Time{}
	p.Glasses = append(p.Glasses, water.Glass{At: time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)})
	p.Cramps = append(p.Cramps, cramp.Entry{At: time.Date(2026, 9, 2, 4, 0, 0, 0, time.UTC), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf},
		cramp.Entry{At: time.Date(2026, 9, 1, 23, 0, 0, 0, time.UTC), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf})
	text, _ = pdfText(t, p)
	if !strings.Contains(text, "Wed 2 Sep 2026 04:00") || strings.Contains(text, "1 Sep 2026 23:00") {
		t.Error("rows do not run from the start of 2 September: the 04:00 cramp that day is missing, or one of 1 September is there")
	}
	if strings.Contains(text, "The diary began on") {
		t.Error("a diary older than the period is said to begin in it")
	}
	// Every row's date lies within the period the header names.
	from, to := time.Date(2026, 9, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	rows := regexp.MustCompile(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2} \w{3} \d{4}) \d\d:\d\d`).FindAllStringSubmatch(text, -1)
	if len(rows) < 20 {
		t.Fatalf("found %d rows; the test reads the table wrong", len(rows))
	}
	for _, m := range rows {
		d, err := time.Parse("2 Jan 2006", m[1])
		if err != nil || d.Before(from) || !d.Before(to) {
			t.Errorf("row of %s lies outside the period in the header (%v)", m[1], err)
		}
	}
}

// The evening stretch is counted over the nights the diary has: 36 of
// 71, as the Insights tab says, not of the 91 days of the period.
func TestStretchNightsCountFromDiaryStart(t *testing.T) {
	p := newUser()
	text, _ := pdfText(t, p)
	if !strings.Contains(text, "Evening stretch done on 36 of 71 nights") {
		t.Errorf("report does not say 36 of 71 nights:\n%s", habitsOf(text))
	}
	if !strings.Contains(text, "The diary began on 22 September 2026; the figures below count its 71 nights in this period.") {
		t.Errorf("report does not say when the diary began:\n%s", head(text))
	}
	// The same diary in the Insights tab (12 weeks cover all of it).
	s := insights.Compute(insights.Params{Cramps: p.Cramps, Stretches: p.Stretches, Glasses: p.Glasses, Goal: p.Goal, Start: p.Start, Now: p.Now})
	if s.Stretch.With != 36 || s.Nights != 71 {
		t.Errorf("insights: stretch on %d of %d nights; the test's diary is not what it says", s.Stretch.With, s.Nights)
	}
	// Start left zero: the earliest record given is the diary's start.
	p.Start = time.Time{}
	if text, _ := pdfText(t, p); !strings.Contains(text, "36 of 71 nights") {
		t.Errorf("without Start, the count is not from the first record:\n%s", habitsOf(text))
	}
}

// The weekly chart starts at the diary's first week (Monday 21
// September), not at the period's start with weeks of nothing before it.
func TestChartStartsAtDiaryFirstWeek(t *testing.T) {
	text, _ := pdfText(t, newUser())
	m := regexp.MustCompile(`week by week \(0 to 7\), weeks starting on Monday: (.*?)` + regexp.QuoteMeta(QFeel)).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no chart:\n%s", head(text))
	}
	labels := regexp.MustCompile(`\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b`).FindAllString(m[1], -1)
	if len(labels) == 0 || labels[0] != "21 Sep" {
		t.Errorf("chart labels %v: the first should be 21 Sep, the Monday of the diary's first night", labels)
	}
	// 11 weeks, 21 September to 30 November, labelled every other week.
	if want := []string{"21 Sep", "5 Oct", "19 Oct", "2 Nov", "16 Nov", "30 Nov"}; strings.Join(labels, ",") != strings.Join(want, ",") {
		t.Errorf("chart labels %v, want %v", labels, want)
	}
}

// Notes and other symptoms are printed whole, wrapped over as many lines
// as they need, never cut with an ellipsis.
func TestWholeNotesWrapped(t *testing.T) {
	p := newUser()
	var words []string
	for i := range 120 {
		words = append(words, fmt.Sprintf("word%d", i))
	}
	long := "Woke at three, calf like a rock. " + strings.Join(words, " ") + " and then it let go. END"
	p.Cramps = append(p.Cramps, cramp.Entry{At: time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf,
		Symptoms: []string{"swelling", "redness-warmth", "pale-cold-skin", "weakness", "numbness-tingling"}, Note: long})
	text, _ := pdfText(t, p)
	if !strings.Contains(text, "Note: "+strings.Join(strings.Fields(long), " ")) {
		t.Errorf("the long note is not printed whole:\n%s", tableOf(text))
	}
	if !strings.Contains(text, "Other symptoms: swelling, redness or warmth, pale, cold or bluish skin, muscle weakness, numbness or tingling.") {
		t.Errorf("the symptoms are not printed whole:\n%s", tableOf(text))
	}
	if strings.Contains(tableOf(text), "…") {
		t.Error("the table still cuts text with an ellipsis")
	}
}

// A note with a character beyond the font's tables (an emoji) used to
// stop the report with a panic; it is printed, with the emoji marked, and
// its line breaks kept.
func TestEmojiInNoteAndName(t *testing.T) {
	p := newUser()
	p.Patient = settings.Patient{Name: "Anna 🌻 Schmidt", Medicines: []string{"Magnesium 💊"}}
	p.Cramps = append(p.Cramps, cramp.Entry{At: time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf, Note: "Ouch 😖 again\nsecond line"})
	text, _ := pdfText(t, p)
	if !strings.Contains(text, "Note: Ouch") || !strings.Contains(text, "again second line") || !strings.Contains(text, "Schmidt") || !strings.Contains(text, "Magnesium") {
		t.Errorf("the note, name or medicine with an emoji is not there:\n%s", tableOf(text))
	}
}

func anna() settings.Patient {
	return settings.Resolve(map[string]string{
		settings.PatientName: "Anna Schmidt", settings.PatientBorn: "1950-03-14", settings.PatientSince: "2024-03",
		settings.PatientMedicines:  "Ramipril 5 mg, mornings; Simvastatin 20 mg",
		settings.PatientConditions: "kidney,pregnancy",
	}).Patient()
}

// "For my doctor", filled in, is on the report: the name and date of
// birth at the top and on every page, when the cramps began, the
// medicines and the conditions.
func TestDoctorPartShownWhenFilled(t *testing.T) {
	p := newUser()
	p.Patient = anna()
	text, pages := pdfText(t, p)
	for _, want := range []string{
		"Name: Anna Schmidt Date of birth: 14 March 1950",
		TitlePatient,
		"The cramps began in March 2024 (as the patient recalls",
		"Medicines taken: Ramipril 5 mg, mornings; Simvastatin 20 mg.",
		"Conditions: kidney disease; pregnancy.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, head(text))
		}
	}
	if n := strings.Count(text, "Anna Schmidt. Self-recorded diary"); n != pages {
		t.Errorf("the name is in %d page footers of %d", n, pages)
	}
	// Under the first question too, for the doctor who reads only that.
	if i := strings.Index(text, QStart); i < 0 || !strings.Contains(text[i:], "The cramps began in March 2024") {
		t.Error("the first question does not say when the cramps began")
	}
	// Only some of it given: what is missing says so.
	p.Patient = settings.Resolve(map[string]string{settings.PatientConditions: "diabetes"}).Patient()
	text, _ = pdfText(t, p)
	if !strings.Contains(text, "Medicines taken: not given.") || !strings.Contains(text, "Conditions: diabetes.") || strings.Contains(text, "The cramps began in") {
		t.Errorf("a part filled in:\n%s", head(text))
	}
	// And on a report without cramps.
	p = Params{From: now.AddDate(0, -3, 0), To: now, Goal: 8, Now: now, Patient: anna()}
	text, _ = pdfText(t, p)
	if !strings.Contains(text, "Name: Anna Schmidt") || !strings.Contains(text, "Medicines taken: Ramipril") {
		t.Errorf("empty period with the doctor's part:\n%s", text)
	}
}

// Not filled in, none of it shows: no heading, no "not given" lines,
// only a line to write the name and date of birth on by hand.
func TestDoctorPartAbsentWhenNot(t *testing.T) {
	text, _ := pdfText(t, newUser())
	for _, no := range []string{TitlePatient, "Medicines", "Conditions", "began in", "Anna"} {
		if strings.Contains(text, no) {
			t.Errorf("report without a doctor's part says %q", no)
		}
	}
	if !strings.Contains(text, "Name: "+BlankLine+" Date of birth: "+BlankLine) {
		t.Errorf("no line for the name and date of birth:\n%s", head(text))
	}
	// A name alone heads the report, and brings no empty section.
	p := newUser()
	p.Patient = settings.Patient{Name: "Anna Schmidt"}
	text, _ = pdfText(t, p)
	if !strings.Contains(text, "Name: Anna Schmidt Date of birth: "+BlankLine) || strings.Contains(text, TitlePatient) {
		t.Errorf("name only:\n%s", head(text))
	}
}

// ForDiary takes from a whole export what the report needs: the water
// goal and the doctor's part from the settings, and the diary's start.
func TestForDiary(t *testing.T) {
	u := newUser()
	f := export.File{Cramps: u.Cramps, Glasses: u.Glasses, Stretches: u.Stretches, Settings: map[string]string{
		settings.HydrationGoal: "6", settings.PatientName: "Anna Schmidt", settings.PatientSince: "2024-03"}}
	p := ForDiary(f, u.From, u.To, u.Now)
	if p.Goal != 6 || p.Patient.Name != "Anna Schmidt" || p.Patient.Since.Words() != "March 2024" || !p.Start.Equal(u.Start) {
		t.Errorf("ForDiary = goal %d, patient %+v, start %v", p.Goal, p.Patient, p.Start)
	}
}

func head(text string) string {
	if i := strings.Index(text, QFeel); i > 0 {
		return text[:i]
	}
	return text
}

func habitsOf(text string) string {
	if i := strings.Index(text, "Habits"); i >= 0 {
		return text[i:min(len(text), i+300)]
	}
	return "(no habits section)"
}

func tableOf(text string) string {
	if i := strings.Index(text, "Every cramp in the period"); i >= 0 {
		return text[i:]
	}
	return "(no table)"
}
