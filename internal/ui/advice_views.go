package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/l10n"
)

// helpView is "When to get help": the urgent signs first, set apart in
// red (the only red in the app), then when to see your doctor, never more
// than a click away from any advice. "Preventing cramps" is its second
// page.
type helpView struct {
	// tr is the language the window speaks, as it was when it opened.
	tr *l10n.Lang
	// prevent opens the window on the prevention page.
	prevent bool
	onClose func()

	stage *fyne.Container
	// urgent is the list of urgent signs, which must be seen whole.
	urgent *fyne.Container
	head   *widget.Label // the page's heading
	note   *widget.Label // not medical advice; in an emergency...
	// preventBtn and backBtn switch pages; kept for tests.
	preventBtn, backBtn *tallButton
}

func (v *helpView) build() fyne.CanvasObject {
	v.stage = container.NewStack()
	v.head = heading("")
	note := widget.NewLabel(v.tr.T(advice.Text(advice.Disclaimer)) + " " + v.tr.T(advice.Text(advice.Emergency)))
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText
	v.note = note
	v.showPage(v.prevent)
	// Close sits beside the heading, and the note at the end of the page:
	// the urgent list below the heading is whole on the screen at any
	// text size.
	return container.NewBorder(container.NewBorder(nil, nil, nil, newTallButton(v.tr.T("Close"), nil, minTarget, v.onClose), v.head), nil, nil, nil, v.stage)
}

func (v *helpView) showPage(prevent bool) {
	v.prevent = prevent
	page := v.helpPage()
	// On the help page the heading beside Close is the urgent level
	// itself, in red, right above its signs (the window's title says
	// "When to get help"): a heading of its own above it cost the line
	// that kept six urgent signs whole on the screen at large text.
	v.head.SetText(v.tr.T("{{.Level}} if a cramp comes with:", l10n.Args{"Level": advice.Urgent.TitleIn(v.tr)}))
	v.head.Importance = widget.DangerImportance
	v.head.SizeName = theme.SizeNameSubHeadingText
	if prevent {
		page = v.preventPage()
		v.head.SetText(v.tr.T("Preventing cramps"))
		v.head.Importance = widget.MediumImportance
		v.head.SizeName = theme.SizeNameHeadingText
	}
	v.head.Refresh()
	v.stage.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewVBox(page, widget.NewSeparator(), v.note))}
	v.stage.Refresh()
}

func (v *helpView) helpPage() fyne.CanvasObject {
	tr := v.tr
	urgent := container.NewVBox()
	v.urgent = urgent
	for _, s := range advice.Texts(advice.UrgentSigns()...) {
		l := body("•  " + tr.T(s))
		l.Importance = widget.DangerImportance
		urgent.Add(l)
	}
	means := body(tr.T(advice.Urgent.Means()))
	means.TextStyle.Bold = true
	urgent.Add(means)
	doctor := container.NewVBox(subheading(tr.T("{{.Level}} if:", l10n.Args{"Level": tr.T(advice.Doctor.Title())})))
	for _, s := range advice.Texts(advice.DoctorSigns()...) {
		doctor.Add(body("•  " + tr.T(s)))
	}
	doctor.Add(body(tr.T(advice.Doctor.Means())))
	v.preventBtn = newTallButton(tr.T("Preventing cramps"), theme.InfoIcon(), minTarget, func() { v.showPage(true) })
	return container.NewVBox(urgentBox(tightList(urgent)), widget.NewSeparator(), doctor, widget.NewSeparator(), v.preventBtn)
}

// preventPage is "Preventing cramps": what the sources say helps.
func (v *helpView) preventPage() fyne.CanvasObject {
	tr := v.tr
	box := container.NewVBox()
	for _, tp := range advice.Prevention() {
		box.Add(subheading(tr.T(tp.Title)))
		for _, s := range advice.Texts(tp.Items...) {
			box.Add(body("•  " + tr.T(s)))
		}
	}
	v.backBtn = newTallButton(tr.T("When to get help"), theme.NavigateBackIcon(), minTarget, func() { v.showPage(false) })
	box.Add(v.backBtn)
	return box
}

// urgentBox sets urgent advice apart: a red outline around it. Red is for
// red flags only.
func urgentBox(content fyne.CanvasObject) fyne.CanvasObject {
	r := &redOutline{}
	r.ExtendBaseWidget(r)
	// More room at the sides than above and below: the frame must not
	// touch the words, and the height is what large text runs short of.
	return container.NewStack(r, container.New(layout.NewCustomPaddedLayout(4, 4, 12, 12), content))
}

// redOutline is a rounded red frame that takes its colour from the theme
// each time it is drawn, so the night theme dims it.
type redOutline struct{ widget.BaseWidget }

// CreateRenderer implements fyne.Widget.
func (r *redOutline) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(nil)
	rect.StrokeWidth = 3
	rect.CornerRadius = theme.InputRadiusSize()
	paint := func() {
		rect.FillColor = theme.Color(theme.ColorNameBackground)
		rect.StrokeColor = theme.Color(theme.ColorNameError)
	}
	paint()
	return &outlineRenderer{WidgetRenderer: widget.NewSimpleRenderer(rect), paint: paint, rect: rect}
}

type outlineRenderer struct {
	fyne.WidgetRenderer
	paint func()
	rect  *canvas.Rectangle
}

func (o *outlineRenderer) Refresh() {
	o.paint()
	o.rect.Refresh()
}

// openHelp opens "When to get help", or brings it forward, on the page
// asked for: "prevent" is "Preventing cramps".
func (u *ui) openHelp(page string) *helpView {
	if w := u.raise("help"); w != nil {
		v := w.view.(*helpView)
		v.showPage(page == "prevent")
		return v
	}
	v := &helpView{tr: u.lang, prevent: page == "prevent"}
	w := u.newWindow("help", u.lang.T(TitleHelp), fyne.NewSize(640, 640), v)
	v.onClose = w.Close
	w.SetContent(v.build())
	u.present(w)
	return v
}
