// Package report writes the PDF for the doctor. It answers the four
// questions the facts sheet says a doctor asks (when did it start, what
// does it feel like, how long does it last, what else comes with it), then
// shows the weeks, the sleep lost, triggers, what helped, the stretching
// and drinking habits, and every cramp. It is a self-recorded diary and
// says so; it draws no conclusions.
package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Params is what goes into a report.
type Params struct {
	// From and To are the period, [From, To). The report covers whole
	// days: it starts at the beginning of From's day, so that the first
	// date it names is a whole day of rows.
	From, To  time.Time
	Cramps    []cramp.Entry
	Stretches []stretch.Session
	Glasses   []water.Glass
	Goal      int // glasses a day
	// Start is when the diary began: nights before it are unknown, not
	// nights without cramps or stretches. Zero means the earliest record
	// given.
	Start time.Time
	// Patient is the "For my doctor" part, every field optional.
	Patient settings.Patient
	Now     time.Time
}

// ForDiary is what the report shows of the diary f (an export of all of
// it) over [from, to) at now: the records, when the diary began, the
// water goal and the "For my doctor" part from its settings. The window
// and the command line both build their report with it.
func ForDiary(f export.File, from, to, now time.Time) Params {
	vals := settings.Resolve(f.Settings)
	p := Params{From: from, To: to, Cramps: f.Cramps, Stretches: f.Stretches, Glasses: f.Glasses,
		Goal: vals.HydrationGoal(), Patient: vals.Patient(), Now: now}
	p.Start = insights.Earliest(p.Cramps, p.Stretches, p.Glasses)
	return p
}

// The four questions, as the report's section titles; tests look for them.
const (
	QStart    = "When did the cramps start, and how often?"
	QFeel     = "What do they feel like?"
	QDuration = "How long do they last?"
	QOther    = "What other symptoms come with them?"
)

// Other titles and lines tests look for.
const (
	// TitlePatient heads what the patient typed in "For my doctor".
	TitlePatient = "Medicines and conditions, as the patient gave them"
	// BlankLine is a line to write on by hand.
	BlankLine = "____________________"
)

// period is the report's span in days and in nights, worked out once so
// that the header, the chart and the habits agree.
type period struct {
	from, to time.Time // [from, to), from at the start of its day
	lastDay  time.Time // the last day with rows: to's day, or the day before when to is midnight
	start    time.Time // when the diary began; zero for an empty diary
	// first and last are the first and last night counted: from the
	// period's first night or the diary's, whichever is later, to the
	// last night of the period that is over at now. Nights is how many.
	first, last time.Time
	nights      int
}

func newPeriod(p Params) period {
	loc := p.Now.Location()
	if p.Now.IsZero() {
		loc = p.To.Location()
	}
	f := p.From.In(loc)
	y, m, d := f.Date()
	pd := period{from: time.Date(y, m, d, 0, 0, 0, 0, loc), to: p.To.In(loc)}
	pd.lastDay = pd.to.Add(-time.Nanosecond)
	pd.start = p.Start
	if pd.start.IsZero() {
		pd.start = insights.Earliest(p.Cramps, p.Stretches, p.Glasses)
	}
	pd.first = night.Of(pd.from)
	if !pd.start.IsZero() {
		pd.start = pd.start.In(loc)
		if s := night.Of(pd.start); s.After(pd.first) {
			pd.first = s
		}
	}
	// A night counts once it is over (as in the Insights tab): one still
	// going could yet bring a cramp, and its stretch may be still to come.
	pd.last = night.Of(pd.lastDay)
	over := night.Of(p.Now.In(loc))
	if p.Now.Before(over.AddDate(0, 0, 1).Add(insights.MorningAt)) {
		over = over.AddDate(0, 0, -1)
	}
	if over.Before(pd.last) {
		pd.last = over
	}
	if pd.start.IsZero() {
		pd.first = pd.last.AddDate(0, 0, 1) // an empty diary has no nights
	}
	for n := pd.first; !n.After(pd.last); n = n.AddDate(0, 0, 1) {
		pd.nights++
	}
	return pd
}

// counted reports whether night n is one of the nights counted.
func (pd period) counted(n time.Time) bool { return !n.Before(pd.first) && !n.After(pd.last) }

// Write renders the report as PDF to w.
func Write(w io.Writer, p Params) error {
	pd := newPeriod(p)
	cramps := within(p.Cramps, pd.from, pd.to)
	sort.Slice(cramps, func(i, j int) bool { return cramps[i].At.Before(cramps[j].At) })

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("noto", "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes("noto", "B", assets.FontBold)
	pdf.SetTitle("Leg cramp diary", true)
	pdf.SetCreator("CrampCare", true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	who := ""
	if p.Patient.Name != "" {
		who = printable(p.Patient.Name) + ". "
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("noto", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("%sSelf-recorded diary kept with CrampCare. Page %d of {nb}.", who, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()

	r := &writer{pdf: pdf}
	r.title("Leg cramp diary")
	r.patientLine(p.Patient)
	r.text(r.periodLine(pd))
	r.text(fmt.Sprintf("Written down by the patient with the CrampCare app; not a medical record. Printed %s.", p.Now.Format("2 January 2006")))
	r.patient(p.Patient)

	if len(cramps) == 0 {
		r.heading("No cramps in this period")
		r.text("No cramps were logged between these dates.")
		if began := beganLine(p.Patient); began != "" {
			r.text(began)
		}
		r.habits(p, pd)
		return pdf.Output(w)
	}

	nights := map[string]bool{}
	for _, e := range cramps {
		nights[night.Of(e.At.In(pd.from.Location())).Format("2006-01-02")] = true
	}
	r.heading(QStart)
	if began := beganLine(p.Patient); began != "" {
		r.text(began)
	}
	weeks := maxf(float64(pd.nights)/7, 1)
	r.text(fmt.Sprintf("First cramp logged in this period: %s. %s on %s, about %.1f nights a week (over the %s of the diary in this period).",
		cramps[0].At.In(pd.from.Location()).Format("Monday 2 January 2006"), plural(len(cramps), "cramp"), plural(len(nights), "night"),
		float64(len(nights))/weeks, plural(pd.nights, "night")))
	r.weeksChart(cramps, pd)

	r.heading(QFeel)
	var ints []int
	for _, e := range cramps {
		if e.Intensity != nil {
			ints = append(ints, *e.Intensity)
		}
	}
	if len(ints) > 0 {
		mild, mod, severe := 0, 0, 0
		for _, n := range ints {
			switch {
			case n <= 3:
				mild++
			case n <= 6:
				mod++
			default:
				severe++
			}
		}
		r.text(fmt.Sprintf("Pain on a 0 to 10 scale (%d of %d cramps rated): median %d; mild (0-3) %d, moderate (4-6) %d, severe (7-10) %d.",
			len(ints), len(cramps), medianInt(ints), mild, mod, severe))
	} else {
		r.text("No pain ratings were given.")
	}
	r.text("Muscle: " + counts(cramps, func(e cramp.Entry) []string { return one(strings.ToLower(e.Muscle.Label())) }) + ".")
	r.text("Leg: " + counts(cramps, func(e cramp.Entry) []string { return one(string(e.Leg)) }) + ".")

	r.heading(QDuration)
	var durs []time.Duration
	for _, e := range cramps {
		if e.Duration > 0 {
			durs = append(durs, e.Duration)
		}
	}
	if len(durs) > 0 {
		sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
		r.text(fmt.Sprintf("Median %s, longest %s (%d of %d cramps timed).", human(durs[len(durs)/2]), human(durs[len(durs)-1]), len(durs), len(cramps)))
	} else {
		r.text("No durations were recorded.")
	}

	r.heading(QOther)
	var flagged []string
	for _, e := range cramps {
		if f := e.RedFlags(); len(f) > 0 {
			flagged = append(flagged, fmt.Sprintf("%s: %s", e.At.In(pd.from.Location()).Format("2 Jan 2006"), strings.ToLower(strings.Join(f, ", "))))
		}
	}
	if len(flagged) > 0 {
		r.text("Logged with a cramp: " + strings.Join(flagged, "; ") + ".")
	} else {
		r.text("None of swelling, redness or warmth, numbness or tingling, pale, cold or bluish skin, or muscle weakness was logged.")
	}

	r.heading("Sleep, triggers and what helped")
	var sleep []int
	for _, e := range cramps {
		if e.Sleep != nil {
			sleep = append(sleep, *e.Sleep)
		}
	}
	if len(sleep) > 0 {
		r.text(fmt.Sprintf("Sleep lost, 0 (none) to 10 (the night): median %d over %s rated.", medianInt(sleep), plural(len(sleep), "night")))
	}
	r.text("Possible triggers noted: " + counts(cramps, func(e cramp.Entry) []string { return lower(cramp.Labels(e.Triggers, cramp.Triggers())) }) + ".")
	r.text("Relief that helped (helped or a bit / tried): " + helped(cramps) + ".")
	r.habits(p, pd)
	r.table(cramps, pd.from.Location())
	return pdf.Output(w)
}

// habits reports the evening stretch and drinking in the period, over
// the nights and days the diary has: a night before it began is not a
// night without the stretch.
func (r *writer) habits(p Params, pd period) {
	loc := pd.from.Location()
	stretched := map[string]bool{}
	for _, s := range p.Stretches {
		if n := night.Of(s.Start.In(loc)); !s.Partial && pd.counted(n) {
			stretched[n.Format("2006-01-02")] = true
		}
	}
	perDay := map[string]int{}
	for _, g := range p.Glasses {
		if !g.At.Before(pd.from) && g.At.Before(pd.to) {
			perDay[g.At.In(loc).Format("2006-01-02")]++
		}
	}
	met := 0
	for _, n := range perDay {
		if p.Goal > 0 && n >= p.Goal {
			met++
		}
	}
	r.heading("Habits")
	stretch := fmt.Sprintf("Evening stretch done on %d of %d nights.", len(stretched), pd.nights)
	if pd.nights == 0 {
		stretch = "No night of the diary in this period is over yet."
	}
	r.text(fmt.Sprintf("%s Water: %s logged on %s; the goal of %d a day was met on %s.",
		stretch, plural(sum(perDay), "glass"), plural(len(perDay), "day"), p.Goal, plural(met, "day")))
}

// patientLine names the patient, or leaves a line to write the name on:
// a page of a report must say whose it is, but typing it is never
// required.
func (r *writer) patientLine(pt settings.Patient) {
	name, born := BlankLine, BlankLine
	if pt.Name != "" {
		name = printable(pt.Name)
	}
	if !pt.Born.IsZero() {
		born = pt.Born.Format("2 January 2006")
	}
	r.pdf.SetFont("noto", "B", 11)
	r.pdf.SetTextColor(30, 30, 30)
	r.pdf.MultiCell(0, 7, fmt.Sprintf("Name: %s    Date of birth: %s", name, born), "", "L", false)
}

// periodLine says which days the report covers, and when the diary began
// if that was later: the figures count from then.
func (r *writer) periodLine(pd period) string {
	s := fmt.Sprintf("Period: %s to %s.", pd.from.Format("2 January 2006"), pd.lastDay.Format("2 January 2006"))
	if !pd.start.IsZero() && pd.start.After(pd.from) {
		s += fmt.Sprintf(" The diary began on %s; the figures below count its %d nights in this period.", pd.start.Format("2 January 2006"), pd.nights)
	}
	return s
}

// beganLine says when the cramps began, as the patient gave it; "" when
// not given.
func beganLine(pt settings.Patient) string {
	if pt.Since.IsZero() {
		return ""
	}
	return fmt.Sprintf("The cramps began in %s (as the patient recalls; the diary may have started later).", pt.Since.Words())
}

// patient prints the medicines and conditions the patient gave in "For my
// doctor", if any of it was given: nothing at all otherwise. (When the
// cramps began is the first question's answer, below.)
func (r *writer) patient(pt settings.Patient) {
	if !pt.AboutCramps() {
		return
	}
	r.heading(TitlePatient)
	meds := "not given"
	if len(pt.Medicines) > 0 {
		meds = printable(strings.Join(pt.Medicines, "; "))
	}
	r.text("Medicines taken: " + meds + ".")
	var conds []string
	for _, c := range pt.Conditions {
		if l := settings.ConditionLabel(c); l != "" {
			conds = append(conds, strings.ToLower(l[:1])+l[1:])
		}
	}
	cond := "none of diabetes, kidney disease, thyroid problems, poor circulation in the legs, nerve problems, or pregnancy was ticked"
	if len(conds) > 0 {
		cond = strings.Join(conds, "; ")
	}
	r.text("Conditions: " + cond + ".")
}

type writer struct{ pdf *fpdf.Fpdf }

func (r *writer) title(s string) {
	r.pdf.SetFont("noto", "B", 18)
	r.pdf.SetTextColor(30, 30, 30)
	r.pdf.CellFormat(0, 10, s, "", 1, "L", false, 0, "")
}

func (r *writer) heading(s string) {
	r.pdf.Ln(3)
	r.pdf.SetFont("noto", "B", 12)
	r.pdf.SetTextColor(47, 127, 134)
	r.pdf.MultiCell(0, 6, s, "", "L", false)
}

func (r *writer) text(s string) {
	r.pdf.SetFont("noto", "", 10)
	r.pdf.SetTextColor(30, 30, 30)
	r.pdf.MultiCell(0, 5, s, "", "L", false)
}

// weeksChart draws cramp nights per week as bars, with the counts above
// them and the week's start below every few bars. The weeks are Monday to
// Sunday nights, from the week the counted nights begin in (the diary's
// first, for a diary younger than the period) to the period's last.
func (r *writer) weeksChart(cramps []cramp.Entry, pd period) {
	monday := func(n time.Time) time.Time { return n.AddDate(0, 0, -((int(n.Weekday()) + 6) % 7)) }
	perWeek := map[string]map[string]bool{}
	for _, e := range cramps {
		n := night.Of(e.At.In(pd.from.Location()))
		if n.Before(pd.first) {
			continue
		}
		k := monday(n).Format("2006-01-02")
		if perWeek[k] == nil {
			perWeek[k] = map[string]bool{}
		}
		perWeek[k][n.Format("2006-01-02")] = true
	}
	var weeks []int
	var starts []time.Time
	for ws := monday(pd.first); !ws.After(night.Of(pd.lastDay)); ws = ws.AddDate(0, 0, 7) {
		weeks = append(weeks, len(perWeek[ws.Format("2006-01-02")]))
		starts = append(starts, ws)
	}
	if len(weeks) == 0 {
		return
	}
	if len(weeks) > 60 {
		weeks, starts = weeks[len(weeks)-60:], starts[len(starts)-60:]
	}
	pdf := r.pdf
	r.pdf.SetFont("noto", "", 9)
	pdf.Ln(2)
	pdf.CellFormat(0, 5, "Nights with cramps, week by week (0 to 7), weeks starting on Monday:", "", 1, "L", false, 0, "")
	x0, y0, w, h := 22.0, pdf.GetY()+2, 170.0, 35.0
	if y0+h+12 > 280 {
		pdf.AddPage()
		y0 = pdf.GetY() + 2
	}
	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(x0, y0+h, x0+w, y0+h)
	// A bar never wider than a twelfth of the chart: a few weeks still
	// read as weeks.
	bw := w / math.Max(float64(len(weeks)), 12)
	every := (len(weeks) + 7) / 8
	for i, n := range weeks {
		bh := h * float64(n) / 7
		pdf.SetFillColor(47, 127, 134)
		if n > 0 {
			pdf.Rect(x0+float64(i)*bw+bw*0.15, y0+h-bh, bw*0.7, bh, "F")
		}
		if i%every == 0 {
			pdf.SetFont("noto", "", 7)
			pdf.Text(x0+float64(i)*bw, y0+h+4, starts[i].Format("2 Jan"))
		}
	}
	pdf.SetFont("noto", "", 7)
	pdf.Text(x0-5, y0+2, "7")
	pdf.Text(x0-5, y0+h, "0")
	pdf.SetY(y0 + h + 7)
}

// table lists every cramp: a row of the short answers, then, across the
// page under it, the other symptoms and the note, whole.
func (r *writer) table(cramps []cramp.Entry, loc *time.Location) {
	pdf := r.pdf
	r.heading("Every cramp in the period")
	cols := []struct {
		name string
		w    float64
	}{{"Date", 26}, {"Time", 13}, {"Leg", 15}, {"Muscle", 34}, {"Pain (0-10)", 22}, {"Lasted", 24}, {"Sleep lost (0-10)", 40}}
	header := func() {
		pdf.SetFont("noto", "B", 8)
		pdf.SetTextColor(30, 30, 30)
		for _, c := range cols {
			pdf.CellFormat(c.w, 6, c.name, "B", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	header()
	left, _, right, _ := pdf.GetMargins()
	pageW, pageH := pdf.GetPageSize()
	_, bottom := pdf.GetAutoPageBreak()
	indent := cols[0].w
	wide := pageW - left - right - indent
	for _, e := range cramps {
		pain, lasted, sleep := "", "", ""
		if e.Intensity != nil {
			pain = fmt.Sprint(*e.Intensity)
		}
		if e.Duration > 0 {
			lasted = human(e.Duration)
		}
		if e.Sleep != nil {
			sleep = fmt.Sprint(*e.Sleep)
		}
		at := e.At.In(loc)
		row := []string{at.Format("Mon 2 Jan 2006"), at.Format("15:04"), string(e.Leg), strings.ToLower(e.Muscle.Label()), pain, lasted, sleep}
		var extra []string
		if f := e.RedFlags(); len(f) > 0 {
			extra = append(extra, "Other symptoms: "+strings.ToLower(strings.Join(f, ", "))+".")
		}
		if e.Note != "" {
			extra = append(extra, "Note: "+printable(e.Note))
		}
		// Keep a cramp's row with the start of its lines; a long note
		// may still run on to the next page, whole.
		pdf.SetFont("noto", "", 8)
		need := 5.0
		for _, x := range extra {
			need += 4 * float64(min(len(pdf.SplitText(x, wide)), 3))
		}
		if pdf.GetY()+need > pageH-bottom {
			pdf.AddPage()
			header()
			pdf.SetFont("noto", "", 8)
		}
		for i, c := range cols {
			pdf.CellFormat(c.w, 5, fit(pdf, row[i], c.w), "", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
		for _, x := range extra {
			pdf.SetX(left + indent)
			pdf.MultiCell(wide, 4, x, "", "L", false)
		}
		pdf.SetDrawColor(225, 225, 225)
		pdf.Line(left, pdf.GetY()+0.5, pageW-right, pdf.GetY()+0.5)
		pdf.Ln(1)
	}
}

// printable makes typed text safe for the PDF's font tables, which reach
// only the first 65,536 code points (an emoji beyond them would stop the
// writer): such a character becomes U+FFFD, the usual mark for one that
// cannot be shown. Everything else is kept as typed.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}

// fit shortens s to the column width.
func fit(pdf *fpdf.Fpdf, s string, w float64) string {
	for pdf.GetStringWidth(s) > w-1 && len([]rune(s)) > 1 {
		rs := []rune(s)
		s = string(rs[:len(rs)-2]) + "…"
	}
	return s
}

func within(list []cramp.Entry, from, to time.Time) []cramp.Entry {
	var out []cramp.Entry
	for _, e := range list {
		if !e.At.Before(from) && e.At.Before(to) {
			out = append(out, e)
		}
	}
	return out
}

func lower(list []string) []string {
	for i, s := range list {
		list[i] = strings.ToLower(s)
	}
	return list
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// counts says "calf 12, foot 3, not said 4", most frequent first.
func counts(list []cramp.Entry, of func(cramp.Entry) []string) string {
	m := map[string]int{}
	none := 0
	for _, e := range list {
		vs := of(e)
		if len(vs) == 0 {
			none++
		}
		for _, v := range vs {
			m[v]++
		}
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
	var parts []string
	for _, x := range kvs {
		parts = append(parts, fmt.Sprintf("%s %d", x.k, x.v))
	}
	if none > 0 {
		parts = append(parts, fmt.Sprintf("not said %d", none))
	}
	return strings.Join(parts, ", ")
}

func helped(list []cramp.Entry) string {
	var parts []string
	for _, st := range cramp.Steps() {
		h, n := 0, 0
		for _, e := range list {
			if r, ok := e.Helped[st]; ok {
				n++
				if r != cramp.RatingNo {
					h++
				}
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d/%d", st, h, n))
		}
	}
	if len(parts) == 0 {
		return "not rated"
	}
	return strings.Join(parts, ", ")
}

func medianInt(v []int) int {
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func human(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min %02d s", int(d.Minutes()), int(d.Seconds())%60)
}

// plural says "1 night", "2 nights", "3 glasses".
func plural(n int, what string) string {
	switch {
	case n == 1:
		return "1 " + what
	case strings.HasSuffix(what, "s"):
		return fmt.Sprintf("%d %ses", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
