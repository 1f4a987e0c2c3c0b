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
	"github.com/crampcare/crampcare/internal/l10n"
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
	// Lang is the language the report is written in, with its dates and
	// times; nil is English (24-hour clock, weeks from Monday).
	Lang *l10n.Lang
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
	tr := p.Lang
	if tr == nil {
		tr = l10n.English()
	}
	pd := newPeriod(p)
	cramps := within(p.Cramps, pd.from, pd.to)
	sort.Slice(cramps, func(i, j int) bool { return cramps[i].At.Before(cramps[j].At) })

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("noto", "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes("noto", "B", assets.FontBold)
	pdf.SetTitle(tr.T("Leg cramp diary"), true)
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
		pdf.CellFormat(0, 5, who+tr.T("Self-recorded diary kept with CrampCare. Page {{.Page}} of {{.Pages}}.", l10n.Args{"Page": pdf.PageNo(), "Pages": "{nb}"}), "", 0, "C", false, 0, "")
	})
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()

	r := &writer{pdf: pdf, tr: tr}
	r.title(tr.T("Leg cramp diary"))
	r.patientLine(p.Patient)
	r.text(r.periodLine(pd))
	r.text(tr.T("Written down by the patient with the CrampCare app; not a medical record. Printed {{.Date}}.", l10n.Args{"Date": tr.Date(p.Now, "2 January 2006")}))
	r.patient(p.Patient)

	if len(cramps) == 0 {
		r.heading(tr.T("No cramps in this period"))
		r.text(tr.T("No cramps were logged between these dates."))
		if began := r.beganLine(p.Patient); began != "" {
			r.text(began)
		}
		r.habits(p, pd)
		return pdf.Output(w)
	}

	nights := map[string]bool{}
	for _, e := range cramps {
		nights[night.Of(e.At.In(pd.from.Location())).Format("2006-01-02")] = true
	}
	r.heading(tr.T(QStart))
	if began := r.beganLine(p.Patient); began != "" {
		r.text(began)
	}
	weeks := maxf(float64(pd.nights)/7, 1)
	r.text(tr.T("First cramp logged in this period: {{.Date}}. {{.Cramps}} on {{.Nights}}, about {{.PerWeek}} nights a week (over the {{.Diary}} of the diary in this period).", l10n.Args{
		"Date":    tr.Date(cramps[0].At.In(pd.from.Location()), "Monday 2 January 2006"),
		"Cramps":  tr.N("{{.Count}} cramps", len(cramps)),
		"Nights":  tr.N("{{.Count}} nights", len(nights)),
		"PerWeek": r.decimal(float64(len(nights)) / weeks),
		"Diary":   tr.N("{{.Count}} nights", pd.nights)}))
	r.weeksChart(cramps, pd)

	r.heading(tr.T(QFeel))
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
		r.text(tr.N("Pain on a 0 to 10 scale ({{.Rated}} of {{.Count}} cramps rated): median {{.Median}}; mild (0-3) {{.Mild}}, moderate (4-6) {{.Moderate}}, severe (7-10) {{.Severe}}.", len(cramps),
			l10n.Args{"Rated": len(ints), "Median": medianInt(ints), "Mild": mild, "Moderate": mod, "Severe": severe}))
	} else {
		r.text(tr.T("No pain ratings were given."))
	}
	r.text(tr.T("Muscle: {{.Counts}}.", l10n.Args{"Counts": r.counts(cramps, func(e cramp.Entry) []string { return one(r.lower(r.dom(e.Muscle.Label()))) })}))
	r.text(tr.T("Leg: {{.Counts}}.", l10n.Args{"Counts": r.counts(cramps, func(e cramp.Entry) []string { return one(r.leg(e.Leg)) })}))

	r.heading(tr.T(QDuration))
	var durs []time.Duration
	for _, e := range cramps {
		if e.Duration > 0 {
			durs = append(durs, e.Duration)
		}
	}
	if len(durs) > 0 {
		sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
		r.text(tr.N("Median {{.Median}}, longest {{.Longest}} ({{.Timed}} of {{.Count}} cramps timed).", len(cramps),
			l10n.Args{"Median": r.human(durs[len(durs)/2]), "Longest": r.human(durs[len(durs)-1]), "Timed": len(durs)}))
	} else {
		r.text(tr.T("No durations were recorded."))
	}

	r.heading(tr.T(QOther))
	var flagged []string
	for _, e := range cramps {
		if f := e.RedFlags(); len(f) > 0 {
			flagged = append(flagged, fmt.Sprintf("%s: %s", tr.Date(e.At.In(pd.from.Location()), "2 Jan 2006"), r.lower(strings.Join(r.doms(f), ", "))))
		}
	}
	if len(flagged) > 0 {
		r.text(tr.T("Logged with a cramp: {{.List}}.", l10n.Args{"List": strings.Join(flagged, "; ")}))
	} else {
		r.text(tr.T("None of swelling, redness or warmth, numbness or tingling, pale, cold or bluish skin, or muscle weakness was logged."))
	}

	r.heading(tr.T("Sleep, triggers and what helped"))
	var sleep []int
	for _, e := range cramps {
		if e.Sleep != nil {
			sleep = append(sleep, *e.Sleep)
		}
	}
	if len(sleep) > 0 {
		r.text(tr.N("Sleep lost, 0 (none) to 10 (the night): median {{.Median}} over {{.Count}} nights rated.", len(sleep), l10n.Args{"Median": medianInt(sleep)}))
	}
	r.text(tr.T("Possible triggers noted: {{.Counts}}.", l10n.Args{"Counts": r.counts(cramps, func(e cramp.Entry) []string {
		return r.lowerAll(r.doms(cramp.Labels(e.Triggers, cramp.Triggers())))
	})}))
	r.text(tr.T("Relief that helped (helped or a bit / tried): {{.Steps}}.", l10n.Args{"Steps": r.helped(cramps)}))
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
	tr := r.tr
	r.heading(tr.T("Habits"))
	stretch := tr.N("Evening stretch done on {{.Done}} of {{.Count}} nights.", pd.nights, l10n.Args{"Done": len(stretched)})
	if pd.nights == 0 {
		stretch = tr.T("No night of the diary in this period is over yet.")
	}
	water := tr.N("Water: {{.Glasses}} logged on {{.Days}}; the goal of {{.Count}} a day was met on {{.Met}}.", p.Goal, l10n.Args{
		"Glasses": tr.N("{{.Count}} glasses", sum(perDay)), "Days": tr.N("{{.Count}} days", len(perDay)), "Met": tr.N("{{.Count}} days", met)})
	r.text(stretch + " " + water)
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
		born = r.tr.Date(pt.Born, "2 January 2006")
	}
	r.pdf.SetFont("noto", "B", 11)
	r.pdf.SetTextColor(30, 30, 30)
	r.pdf.MultiCell(0, 7, r.tr.T("Name: {{.Name}}", l10n.Args{"Name": name})+"    "+r.tr.T("Date of birth: {{.Date}}", l10n.Args{"Date": born}), "", "L", false)
}

// periodLine says which days the report covers, and when the diary began
// if that was later: the figures count from then.
func (r *writer) periodLine(pd period) string {
	tr := r.tr
	s := tr.T("Period: {{.From}} to {{.To}}.", l10n.Args{"From": tr.Date(pd.from, "2 January 2006"), "To": tr.Date(pd.lastDay, "2 January 2006")})
	if !pd.start.IsZero() && pd.start.After(pd.from) {
		s += " " + tr.N("The diary began on {{.Date}}; the figures below count its {{.Count}} nights in this period.", pd.nights, l10n.Args{"Date": tr.Date(pd.start, "2 January 2006")})
	}
	return s
}

// beganLine says when the cramps began, as the patient gave it; "" when
// not given.
func (r *writer) beganLine(pt settings.Patient) string {
	if pt.Since.IsZero() {
		return ""
	}
	return r.tr.T("The cramps began in {{.When}} (as the patient recalls; the diary may have started later).", l10n.Args{"When": r.since(pt)})
}

// patient prints the medicines and conditions the patient gave in "For my
// doctor", if any of it was given: nothing at all otherwise. (When the
// cramps began is the first question's answer, below.)
func (r *writer) patient(pt settings.Patient) {
	if !pt.AboutCramps() {
		return
	}
	tr := r.tr
	r.heading(tr.T(TitlePatient))
	meds := tr.T("not given")
	if len(pt.Medicines) > 0 {
		meds = printable(strings.Join(pt.Medicines, "; "))
	}
	r.text(tr.T("Medicines taken: {{.List}}.", l10n.Args{"List": meds}))
	var conds []string
	for _, c := range pt.Conditions {
		if l := r.dom(settings.ConditionLabel(c)); l != "" {
			conds = append(conds, r.lowerFirst(l))
		}
	}
	cond := tr.T("none of diabetes, kidney disease, thyroid problems, poor circulation in the legs, nerve problems, or pregnancy was ticked")
	if len(conds) > 0 {
		cond = strings.Join(conds, "; ")
	}
	r.text(tr.T("Conditions: {{.List}}.", l10n.Args{"List": cond}))
}

type writer struct {
	pdf *fpdf.Fpdf
	tr  *l10n.Lang
}

// dom is a domain's fixed text (a label marked with l10n.Mark where it
// is defined) in the report's language.
func (r *writer) dom(s string) string { return r.tr.T(s) }

func (r *writer) doms(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = r.dom(s)
	}
	return out
}

// lower puts a label in lower case inside a sentence, but not in German,
// where nouns keep their capital.
func (r *writer) lower(s string) string {
	if r.tr.Code() == "de" {
		return s
	}
	return strings.ToLower(s)
}

func (r *writer) lowerAll(list []string) []string {
	for i, s := range list {
		list[i] = r.lower(s)
	}
	return list
}

func (r *writer) lowerFirst(s string) string {
	if r.tr.Code() == "de" || s == "" {
		return s
	}
	first := []rune(s)[0]
	return strings.ToLower(string(first)) + s[len(string(first)):]
}

// leg is the leg's name in the report's language.
func (r *writer) leg(l cramp.Leg) string {
	switch l {
	case cramp.LegLeft:
		return r.tr.T("left")
	case cramp.LegRight:
		return r.tr.T("right")
	case cramp.LegBoth:
		return r.tr.T("both")
	}
	return string(l)
}

// since is when the cramps began as the patient gave it: a month and a
// year, or a year.
func (r *writer) since(pt settings.Patient) string {
	return r.dom(pt.Since.Words())
}

// decimal writes x with one decimal, with the language's decimal mark.
func (r *writer) decimal(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if r.tr.Code() != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

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
	first := int(r.tr.WeekStart())
	monday := func(n time.Time) time.Time { return n.AddDate(0, 0, -((int(n.Weekday()) - first + 7) % 7)) }
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
	pdf.CellFormat(0, 5, r.tr.T("Nights with cramps, week by week (0 to 7), weeks starting on {{.Day}}:", l10n.Args{"Day": r.tr.Weekday(r.tr.WeekStart())}), "", 1, "L", false, 0, "")
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
			pdf.Text(x0+float64(i)*bw, y0+h+4, r.tr.Date(starts[i], "2 Jan"))
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
	tr := r.tr
	r.heading(tr.T("Every cramp in the period"))
	cols := []struct {
		name string
		w    float64
	}{{tr.T("Date"), 26}, {tr.T("Time"), 13}, {tr.T("Leg"), 15}, {tr.T("Muscle"), 34}, {tr.T("Pain (0-10)"), 22}, {tr.T("Lasted"), 24}, {tr.T("Sleep lost (0-10)"), 40}}
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
			lasted = r.human(e.Duration)
		}
		if e.Sleep != nil {
			sleep = fmt.Sprint(*e.Sleep)
		}
		at := e.At.In(loc)
		row := []string{tr.Date(at, "Mon 2 Jan 2006"), tr.Time(at), r.leg(e.Leg), r.lower(r.dom(e.Muscle.Label())), pain, lasted, sleep}
		var extra []string
		if f := e.RedFlags(); len(f) > 0 {
			extra = append(extra, tr.T("Other symptoms: {{.List}}.", l10n.Args{"List": r.lower(strings.Join(r.doms(f), ", "))}))
		}
		if e.Note != "" {
			extra = append(extra, tr.T("Note: {{.Note}}", l10n.Args{"Note": printable(e.Note)}))
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

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// counts says "calf 12, foot 3, not said 4", most frequent first.
func (r *writer) counts(list []cramp.Entry, of func(cramp.Entry) []string) string {
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
		parts = append(parts, r.tr.T("not said {{.N}}", l10n.Args{"N": none}))
	}
	return strings.Join(parts, ", ")
}

func (r *writer) helped(list []cramp.Entry) string {
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
		return r.tr.T("not rated")
	}
	return strings.Join(parts, ", ")
}

func medianInt(v []int) int {
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func (r *writer) human(d time.Duration) string {
	if d < time.Minute {
		return r.tr.T("{{.S}} s", l10n.Args{"S": int(d.Seconds())})
	}
	return r.tr.T("{{.Min}} min {{.S}} s", l10n.Args{"Min": int(d.Minutes()), "S": fmt.Sprintf("%02d", int(d.Seconds())%60)})
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
