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
	"sort"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Params is what goes into a report.
type Params struct {
	From, To  time.Time // the period, [From, To)
	Cramps    []cramp.Entry
	Stretches []stretch.Session
	Glasses   []water.Glass
	Goal      int // glasses a day
	Now       time.Time
}

// The four questions, as the report's section titles; tests look for them.
const (
	QStart    = "When did the cramps start, and how often?"
	QFeel     = "What do they feel like?"
	QDuration = "How long do they last?"
	QOther    = "What other symptoms come with them?"
)

// Write renders the report as PDF to w.
func Write(w io.Writer, p Params) error {
	cramps := within(p.Cramps, p.From, p.To)
	sort.Slice(cramps, func(i, j int) bool { return cramps[i].At.Before(cramps[j].At) })

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("noto", "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes("noto", "B", assets.FontBold)
	pdf.SetTitle("Leg cramp diary", true)
	pdf.SetCreator("CrampCare", true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("noto", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("Self-recorded diary kept with CrampCare. Page %d of {nb}.", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()

	r := &writer{pdf: pdf}
	r.title("Leg cramp diary")
	r.text(fmt.Sprintf("%s to %s. Written down by the patient with the CrampCare app; not a medical record. Printed %s.",
		p.From.Format("2 January 2006"), p.To.AddDate(0, 0, -1).Format("2 January 2006"), p.Now.Format("2 January 2006")))

	if len(cramps) == 0 {
		r.heading("No cramps in this period")
		r.text("No cramps were logged between these dates.")
		r.habits(p)
		return pdf.Output(w)
	}

	nights := map[string]bool{}
	for _, e := range cramps {
		nights[night.Of(e.At).Format("2006-01-02")] = true
	}
	weeks := p.To.Sub(p.From).Hours() / (24 * 7)
	r.heading(QStart)
	r.text(fmt.Sprintf("First cramp logged in this period: %s. %d cramps on %d nights, about %.1f nights a week.",
		cramps[0].At.Format("Monday 2 January 2006"), len(cramps), len(nights), float64(len(nights))/maxf(weeks, 1)))
	r.weeksChart(cramps, p.From, p.To)

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
			flagged = append(flagged, fmt.Sprintf("%s: %s", e.At.Format("2 Jan 2006"), strings.ToLower(strings.Join(f, ", "))))
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
		r.text(fmt.Sprintf("Sleep lost, 0 (none) to 10 (the night): median %d over %d nights rated.", medianInt(sleep), len(sleep)))
	}
	r.text("Possible triggers noted: " + counts(cramps, func(e cramp.Entry) []string { return lower(cramp.Labels(e.Triggers, cramp.Triggers())) }) + ".")
	r.text("Relief that helped (helped or a bit / tried): " + helped(cramps) + ".")
	r.habits(p)
	r.table(cramps)
	return pdf.Output(w)
}

// habits reports the evening stretch and drinking in the period.
func (r *writer) habits(p Params) {
	days := int(p.To.Sub(p.From).Hours()/24 + 0.5)
	stretched := map[string]bool{}
	for _, s := range p.Stretches {
		if !s.Partial && !s.Start.Before(p.From) && s.Start.Before(p.To) {
			stretched[night.Of(s.Start).Format("2006-01-02")] = true
		}
	}
	perDay := map[string]int{}
	for _, g := range p.Glasses {
		if !g.At.Before(p.From) && g.At.Before(p.To) {
			perDay[g.At.Format("2006-01-02")]++
		}
	}
	met := 0
	for _, n := range perDay {
		if p.Goal > 0 && n >= p.Goal {
			met++
		}
	}
	r.heading("Habits")
	r.text(fmt.Sprintf("Evening stretch done on %d of %d nights. Water: %d glasses logged on %d days; the goal of %d a day was met on %d days.",
		len(stretched), days, sum(perDay), len(perDay), p.Goal, met))
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
// them and the week's start below every few bars.
func (r *writer) weeksChart(cramps []cramp.Entry, from, to time.Time) {
	var weeks []int
	var starts []time.Time
	for ws := from; ws.Before(to); ws = ws.AddDate(0, 0, 7) {
		we := ws.AddDate(0, 0, 7)
		seen := map[string]bool{}
		for _, e := range cramps {
			if !e.At.Before(ws) && e.At.Before(we) {
				seen[night.Of(e.At).Format("2006-01-02")] = true
			}
		}
		weeks = append(weeks, len(seen))
		starts = append(starts, ws)
	}
	if len(weeks) > 60 {
		weeks, starts = weeks[len(weeks)-60:], starts[len(starts)-60:]
	}
	pdf := r.pdf
	r.pdf.SetFont("noto", "", 9)
	pdf.Ln(2)
	pdf.CellFormat(0, 5, "Nights with cramps, week by week (0 to 7):", "", 1, "L", false, 0, "")
	x0, y0, w, h := 22.0, pdf.GetY()+2, 170.0, 35.0
	if y0+h+12 > 280 {
		pdf.AddPage()
		y0 = pdf.GetY() + 2
	}
	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(x0, y0+h, x0+w, y0+h)
	bw := w / float64(len(weeks))
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

// table lists every cramp.
func (r *writer) table(cramps []cramp.Entry) {
	pdf := r.pdf
	r.heading("Every cramp in the period")
	cols := []struct {
		name string
		w    float64
	}{{"Date", 24}, {"Time", 12}, {"Leg", 13}, {"Muscle", 24}, {"Pain", 11}, {"Lasted", 15}, {"Signs", 30}, {"Note", 45}}
	pdf.SetFont("noto", "B", 8)
	for _, c := range cols {
		pdf.CellFormat(c.w, 6, c.name, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("noto", "", 8)
	for _, e := range cramps {
		pain, lasted := "", ""
		if e.Intensity != nil {
			pain = fmt.Sprint(*e.Intensity)
		}
		if e.Duration > 0 {
			lasted = human(e.Duration)
		}
		note := e.Note
		if len([]rune(note)) > 40 {
			note = string([]rune(note)[:39]) + "…"
		}
		row := []string{e.At.Format("2 Jan 2006"), e.At.Format("15:04"), string(e.Leg), strings.ToLower(e.Muscle.Label()), pain, lasted,
			strings.ToLower(strings.Join(e.RedFlags(), ", ")), note}
		for i, c := range cols {
			pdf.CellFormat(c.w, 5, fit(pdf, row[i], c.w), "", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
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
