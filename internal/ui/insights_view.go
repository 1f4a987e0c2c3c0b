package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/l10n"
)

// insightsView is the Insights tab: what the diary shows about the last
// weeks, in sentences first and pictures second, so it reads without the
// chart. It observes and never concludes.
type insightsView struct {
	// tr is the language the window speaks.
	tr      *l10n.Lang
	content *fyne.Container
	chart   *weekChart
}

func (v *insightsView) build() fyne.CanvasObject {
	v.content = container.NewVBox()
	v.chart = newWeekChart(v.tr)
	return container.NewVScroll(container.NewPadded(v.content))
}

// refresh shows s; Fyne thread only.
func (v *insightsView) refresh(s insights.Summary) {
	tr := v.tr
	c := v.content
	c.RemoveAll()
	c.Add(heading(tr.N("Your last {{.Count}} weeks", insights.Weeks)))
	c.Add(body(s.OverviewIn(tr)))
	if s.Nights == 0 {
		c.Add(widget.NewCard("", "", container.NewVBox(
			subheading(tr.T("What will appear here")),
			body(tr.T("• Your nights with cramps, week by week, as a chart.")),
			body(tr.T("• How many nights in a row you have gone without a cramp, and stretched in the evening.")),
			body(tr.T("• After a week or two with and without the evening stretch, how those nights compared. The same for days you drank enough.")),
			body(tr.T("• Which muscle, leg and time of night come up most, and which relief steps help you.")),
		)))
		return
	}

	v.chart.set(s.Weeks)
	c.Add(widget.NewCard("", "", container.NewVBox(
		subheading(tr.T("Nights with cramps, week by week")),
		v.chart,
		caption(tr.T("Each bar is a week, {{.First}} to {{.Last}}, and shows on how many of its nights you logged a cramp.", weekEnds(tr, s.Weeks))),
		body(s.PerNightIn(tr)),
	)))

	c.Add(container.NewGridWithColumns(2,
		bigFigure(s.CrampFree, tr.N("nights in a row without a cramp", s.CrampFree)),
		bigFigure(s.Stretched, tr.N("evenings in a row with the stretch", s.Stretched)),
	))

	days := container.NewVBox(subheading(tr.T("Your days and your nights")), body(s.StretchTextIn(tr)), body(s.WaterTextIn(tr)))
	if s.Stretch.Enough() || s.Water.Enough() {
		days.Add(caption(insights.NotProofIn(tr)))
	}
	c.Add(widget.NewCard("", "", days))

	cr := container.NewVBox(subheading(tr.T("Your cramps")))
	if s.Cramps == 0 {
		cr.Add(body(tr.T("No cramps in these weeks. When you log some, this shows which muscle, leg and time of night come up most.")))
	}
	for _, b := range s.Breakdowns {
		if s.Cramps == 0 || len(b.Counts) == 0 && b.Unsaid == 0 {
			continue
		}
		cr.Add(body(tr.T(b.Title)))
		var rows []barData
		most := 1
		for _, n := range b.Counts {
			most = max(most, n.N)
		}
		for _, n := range b.Counts {
			rows = append(rows, barData{tr.T(n.Label), float32(n.N) / float32(most), fmt.Sprint(n.N)})
		}
		if len(b.Counts) == 0 {
			rows = append(rows, barData{tr.T("Not said yet"), 0, fmt.Sprint(b.Unsaid)})
		} else if b.Unsaid > 0 {
			rows = append(rows, barData{tr.T("Not said"), 0, fmt.Sprint(b.Unsaid)})
		}
		cr.Add(barChart(rows))
	}
	c.Add(widget.NewCard("", "", cr))

	helped := container.NewVBox(subheading(tr.T("What helped you")))
	if len(s.Helped) == 0 {
		helped.Add(body(tr.T("When you say in a cramp's details which relief steps helped (yes, a bit, no), the ones that help you most show here, and come first in the relief window.")))
	} else {
		var rows []barData
		for _, h := range s.Helped {
			share := (float32(h.Yes) + float32(h.Some)/2) / float32(h.Tried())
			rows = append(rows, barData{tr.T(h.Title), share, helpedText(tr, h)})
		}
		helped.Add(barChart(rows))
	}
	c.Add(widget.NewCard("", "", helped))
}

func helpedText(tr *l10n.Lang, h insights.Helped) string {
	s := tr.N("helped {{.Helped}} of {{.Count}} times", h.Tried(), l10n.Args{"Helped": h.Yes + h.Some})
	if h.Some > 0 {
		s += " " + tr.T("({{.Some}} a bit)", l10n.Args{"Some": h.Some})
	}
	return s
}

// weekEnds are the first and last day of the chart's weeks, as the
// summary counts them, for the chart's caption.
func weekEnds(tr *l10n.Lang, weeks []insights.Week) l10n.Args {
	first := tr.WeekStart()
	if len(weeks) > 0 {
		first = weeks[0].Start.Weekday()
	}
	return l10n.Args{"First": tr.Weekday(first), "Last": tr.Weekday((first + 6) % 7)}
}

func caption(text string) *widget.Label {
	l := body(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// rowLabel names a bar: one line, never wrapped, so the label column is
// as wide as its longest name and no bar runs over a word.
func rowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// bigFigure is a number large enough to read across the room, with what
// it counts underneath.
func bigFigure(n int, what string) fyne.CanvasObject {
	num := canvas.NewText(fmt.Sprint(n), theme.Color(theme.ColorNamePrimary))
	num.TextSize = theme.Size(countdownSize)
	num.TextStyle.Bold = true
	num.Alignment = fyne.TextAlignCenter
	l := body(what)
	l.Alignment = fyne.TextAlignCenter
	return widget.NewCard("", "", container.NewVBox(num, l))
}

// barData is one row of a barChart.
type barData struct {
	label  string
	share  float32 // of the longest possible bar, 0..1
	figure string
}

// barChart lays rows out as label, bar, figure, with the labels and the
// figures each in a column of one width, so that bars of equal share are
// of equal length.
func barChart(rows []barData) fyne.CanvasObject {
	var figs []*widget.Label
	var figW float32
	for _, r := range rows {
		f := rowLabel(r.figure)
		figs = append(figs, f)
		figW = max(figW, f.MinSize().Width)
	}
	var objs []fyne.CanvasObject
	for i, r := range rows {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.CornerRadius = 4
		fig := container.NewGridWrap(fyne.NewSize(figW, figs[i].MinSize().Height), figs[i])
		objs = append(objs, rowLabel(r.label), container.NewBorder(nil, nil, nil, fig,
			container.New(&shareLayout{share: r.share, height: 22}, bar)))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// shareLayout gives its one object share of the width, at a fixed height,
// centred vertically: the length of a bar is the figure.
type shareLayout struct {
	share, height float32
}

func (l *shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := min(l.height, size.Height)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
		o.Resize(fyne.NewSize(size.Width*max(0, min(1, l.share)), h))
	}
}

func (l *shareLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(120, l.height)
}

// weekChart draws nights with cramps per week as bars on a 0..7 scale,
// with the count over each bar and the week's Monday under every other one.
// It is made of canvas primitives so it follows the theme, day and night.
type weekChart struct {
	widget.BaseWidget
	tr    *l10n.Lang
	weeks []insights.Week
}

func newWeekChart(tr *l10n.Lang) *weekChart {
	c := &weekChart{tr: tr}
	c.ExtendBaseWidget(c)
	return c
}

func (c *weekChart) set(weeks []insights.Week) {
	c.weeks = weeks
	c.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (c *weekChart) CreateRenderer() fyne.WidgetRenderer {
	r := &weekChartRenderer{chart: c}
	r.rebuild()
	return r
}

type weekChartRenderer struct {
	chart  *weekChart
	bars   []*canvas.Rectangle
	values []*canvas.Text
	dates  []*canvas.Text
	axis   *canvas.Line
	top    *canvas.Text // "7 nights": the scale
	objs   []fyne.CanvasObject
}

func (r *weekChartRenderer) rebuild() {
	fg := theme.Color(theme.ColorNameForeground)
	r.bars, r.values, r.dates, r.objs = nil, nil, nil, nil
	r.axis = canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	r.axis.StrokeWidth = 2
	tr := r.chart.tr
	r.top = canvas.NewText(tr.N("{{.Count}} nights", 7), fg)
	r.top.TextSize = theme.Size(theme.SizeNameCaptionText)
	r.objs = append(r.objs, r.axis, r.top)
	for i, w := range r.chart.weeks {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.CornerRadius = 3
		v := canvas.NewText(weekValue(w), fg)
		v.TextSize = theme.Size(theme.SizeNameCaptionText)
		v.Alignment = fyne.TextAlignCenter
		// Every other week is labelled, counting back from this week, so
		// that no two labels touch.
		label := ""
		switch n := len(r.chart.weeks); {
		case i == n-1:
			label = tr.T("This week")
		case (n-1-i)%2 == 0:
			label = tr.Date(w.Start, "2 Jan")
		}
		d := canvas.NewText(label, fg)
		d.TextSize = theme.Size(theme.SizeNameCaptionText)
		d.Alignment = fyne.TextAlignCenter
		r.bars, r.values, r.dates = append(r.bars, bar), append(r.values, v), append(r.dates, d)
		r.objs = append(r.objs, bar, v, d)
	}
}

// weekValue is the figure over a bar; a week before the diary began shows
// none, as it is unknown rather than zero.
func weekValue(w insights.Week) string {
	if w.Nights == 0 {
		return ""
	}
	return fmt.Sprint(w.CrampNights)
}

func (r *weekChartRenderer) Layout(size fyne.Size) {
	cap := theme.Size(theme.SizeNameCaptionText)
	lineH := cap * 1.4
	plotTop := lineH * 1.2 // room for "7 nights"
	plotBottom := size.Height - lineH*1.2
	plotH := plotBottom - plotTop - lineH // room for the value over a full bar
	r.top.Move(fyne.NewPos(0, 0))
	r.axis.Position1 = fyne.NewPos(0, plotBottom)
	r.axis.Position2 = fyne.NewPos(size.Width, plotBottom)
	n := len(r.bars)
	if n == 0 {
		return
	}
	slot := size.Width / float32(n)
	for i, w := range r.chart.weeks {
		h := plotH * float32(w.CrampNights) / 7
		if w.CrampNights > 0 && h < 3 {
			h = 3
		}
		x := slot * float32(i)
		r.bars[i].Move(fyne.NewPos(x+slot*0.15, plotBottom-h))
		r.bars[i].Resize(fyne.NewSize(slot*0.7, h))
		r.values[i].Move(fyne.NewPos(x, plotBottom-h-lineH))
		r.values[i].Resize(fyne.NewSize(slot, lineH))
		// Dates are wider than a slot: centre them on it and let them
		// overlap the empty neighbours.
		r.dates[i].Move(fyne.NewPos(x-slot/2, plotBottom+lineH*0.15))
		r.dates[i].Resize(fyne.NewSize(slot*2, lineH))
	}
	// The newest week's label may stick out right: keep it inside.
	if last := r.dates[n-1]; last.Position().X+last.Size().Width > size.Width {
		last.Alignment = fyne.TextAlignTrailing
		last.Move(fyne.NewPos(size.Width-slot*2, last.Position().Y))
	}
}

func (r *weekChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(float32(max(len(r.bars), 1))*28, theme.Size(theme.SizeNameCaptionText)*14)
}

func (r *weekChartRenderer) Refresh() {
	if len(r.bars) != len(r.chart.weeks) || r.textColorChanged() {
		r.rebuild()
	} else {
		for i, w := range r.chart.weeks {
			r.values[i].Text = weekValue(w)
			r.values[i].Refresh()
		}
	}
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

// textColorChanged reports a theme switch (day to night, or another text
// size), which needs new colours or sizes throughout: the labels were
// left small when the text size grew.
func (r *weekChartRenderer) textColorChanged() bool {
	return !sameColor(r.top.Color, theme.Color(theme.ColorNameForeground)) ||
		r.top.TextSize != theme.Size(theme.SizeNameCaptionText)
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

func (r *weekChartRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *weekChartRenderer) Destroy()                     {}
