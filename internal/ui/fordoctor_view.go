package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// TitleForDoctor is the "For my doctor" window's title.
const TitleForDoctor = "For my doctor"

// forDoctorView edits the optional "For my doctor" part: what the report
// tells the doctor that the diary cannot (when the cramps started, the
// medicines, the conditions) and whose report it is. Unlike the 3 a.m.
// screens it asks for typing: it is filled in once, in the daytime, and
// every field may stay empty. Save checks everything first and writes
// nothing if anything is refused.
type forDoctorView struct {
	// tr is the language the window speaks, as it was when it opened.
	tr     *l10n.Lang
	values map[string]string // as stored
	now    func() time.Time

	name              *tallEntry
	bornDay, bornYear *tallEntry
	bornMonth         *focusSelect
	sinceMonth        *focusSelect
	sinceYear         *tallEntry
	medicines         []string
	medList           *fyne.Container
	medEntry          *tallEntry
	addMed            *tallButton
	conds             map[string]*focusCheck
	pregnancyNote     *widget.Label
	errs              map[string]*widget.Label
	status            *widget.Label
	content           *fyne.Container // laid out again when a list grows or a note shows
	onSave            func(changed map[string]string) map[string]error
	onCancel          func()
}

// tallEntry is a one-line text field never shorter than a click target,
// scrolled into view when Tab reaches it.
type tallEntry struct{ widget.Entry }

func newTallEntry(placeholder string) *tallEntry {
	e := &tallEntry{}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// MinSize implements fyne.Widget.
func (e *tallEntry) MinSize() fyne.Size {
	s := e.Entry.MinSize()
	s.Height = max(s.Height, minTarget)
	return s
}

// FocusGained implements fyne.Focusable.
func (e *tallEntry) FocusGained() { e.Entry.FocusGained(); reveal(e) }

// noMonth is the month picker's "not given".
const noMonth = "Month"

func (v *forDoctorView) build() fyne.CanvasObject {
	tr := v.tr
	p := settings.Resolve(v.values).Patient()
	months := []string{tr.T(noMonth)}
	for m := time.January; m <= time.December; m++ {
		months = append(months, v.monthName(m))
	}
	v.errs = map[string]*widget.Label{}
	errLabel := func(key string) *widget.Label {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		v.errs[key] = l
		return l
	}

	v.name = newTallEntry(tr.T("Your name (optional)"))
	v.name.SetText(p.Name)

	v.bornDay, v.bornYear = newTallEntry(tr.T("Day")), newTallEntry(tr.T("Year"))
	v.bornMonth = newSelect(months)
	v.bornMonth.SetSelected(tr.T(noMonth))
	if !p.Born.IsZero() {
		v.bornDay.SetText(strconv.Itoa(p.Born.Day()))
		v.bornMonth.SetSelected(v.monthName(p.Born.Month()))
		v.bornYear.SetText(strconv.Itoa(p.Born.Year()))
	}

	v.sinceMonth, v.sinceYear = newSelect(months), newTallEntry(tr.T("Year, like 2024"))
	v.sinceMonth.SetSelected(tr.T(noMonth))
	if !p.Since.IsZero() {
		v.sinceMonth.SetSelected(v.monthName(p.Since.Month))
		v.sinceYear.SetText(strconv.Itoa(p.Since.Year))
	}

	v.medicines = append([]string(nil), p.Medicines...)
	v.medList = container.NewVBox()
	v.medEntry = newTallEntry(tr.T("A medicine, with its dose if you like"))
	v.medEntry.OnSubmitted = func(string) { v.onAddMedicine() }
	v.addMed = newTallButton(tr.T("Add"), theme.ContentAddIcon(), minTarget, v.onAddMedicine)
	v.paintMedicines()

	v.pregnancyNote = body(tr.T(advice.Text(advice.Pregnancy)))
	v.pregnancyNote.Importance = widget.HighImportance
	v.conds = map[string]*focusCheck{}
	condBox := container.NewVBox()
	for _, c := range settings.Conditions() {
		ch := newCheck(tr.T(c.Label))
		ch.SetChecked(p.Has(c.Name))
		v.conds[c.Name] = ch
		condBox.Add(ch)
		if c.Name == settings.CondPregnancy {
			ch.OnChanged = func(on bool) {
				v.pregnancyNote.Hidden = !on
				v.relayout()
			}
			condBox.Add(v.pregnancyNote)
		}
	}
	v.pregnancyNote.Hidden = !p.Has(settings.CondPregnancy)

	v.status = body("")
	labelled := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(body(label), nil, nil, nil, o)
	}
	v.content = container.NewVBox(
		heading(tr.T(TitleForDoctor)),
		body(tr.T("All of this is optional. What you fill in here goes on the report for your doctor, to answer what a doctor asks: "+
			"when the cramps started, which medicines you take, and which conditions you have. It stays on this computer.")),
		widget.NewSeparator(),
		subheading(tr.T("When did the cramps start?")),
		container.NewGridWithColumns(2, labelled(tr.T("Month"), v.sinceMonth), labelled(tr.T("Year"), v.sinceYear)),
		errLabel(settings.PatientSince),
		widget.NewSeparator(),
		subheading(tr.T("Medicines you take")),
		body(tr.T("Type one, then press Add (or Enter). Include the ones you take only now and then.")),
		v.medList,
		container.NewBorder(nil, nil, nil, v.addMed, v.medEntry),
		errLabel(settings.PatientMedicines),
		widget.NewSeparator(),
		subheading(tr.T("Conditions you have")),
		body(tr.T("Tick any that apply. Some of them are linked to cramps.")),
		condBox,
		errLabel(settings.PatientConditions),
		widget.NewSeparator(),
		subheading(tr.T("Whose report it is")),
		body(tr.T("Your name and date of birth head each page, so the report stays with you at the doctor's. Left empty, the report has a line to write them on.")),
		labelled(tr.T("Name"), v.name),
		errLabel(settings.PatientName),
		container.NewGridWithColumns(3, labelled(tr.T("Day of birth"), v.bornDay), labelled(tr.T("Month"), v.bornMonth), labelled(tr.T("Year"), v.bornYear)),
		errLabel(settings.PatientBorn),
		v.status,
	)
	save := mainButton(tr.T("Save"), theme.DocumentSaveIcon(), v.onSaveTapped)
	cancel := newTallButton(tr.T("Cancel"), theme.CancelIcon(), mainTarget, v.onCancel)
	return container.NewBorder(nil, container.NewPadded(container.NewGridWithColumns(2, cancel, save)), nil, nil,
		container.NewVScroll(container.NewPadded(v.content)))
}

// monthName is month m's name as the month pickers show it.
func (v *forDoctorView) monthName(m time.Month) string { return v.tr.T("month:" + m.String()) }

// relayout lays the window out again after a part changed size: a
// container does not notice a child shown or grown, and Tab would scroll
// to where a control used to be.
func (v *forDoctorView) relayout() {
	if v.content != nil {
		v.content.Refresh()
	}
}

// paintMedicines lists the medicines, each with a Remove button.
func (v *forDoctorView) paintMedicines() {
	v.medList.RemoveAll()
	for i, m := range v.medicines {
		remove := newTallButton(v.tr.T("Remove"), theme.DeleteIcon(), minTarget, func() {
			v.medicines = append(v.medicines[:i:i], v.medicines[i+1:]...)
			v.paintMedicines()
		})
		v.medList.Add(container.NewBorder(nil, nil, nil, remove, body(m)))
	}
	v.relayout()
}

// onAddMedicine adds what is typed (several, if separated by ";").
func (v *forDoctorView) onAddMedicine() {
	for _, m := range strings.Split(v.medEntry.Text, ";") {
		if m = strings.Join(strings.Fields(m), " "); m != "" {
			v.medicines = append(v.medicines, m)
		}
	}
	v.medEntry.SetText("")
	v.paintMedicines()
}

// read turns the controls into setting values, or says in plain words
// what is missing, by setting key.
func (v *forDoctorView) read() (map[string]string, map[string]string) {
	out, problems := map[string]string{}, map[string]string{}
	out[settings.PatientName] = v.name.Text

	day, year := strings.TrimSpace(v.bornDay.Text), strings.TrimSpace(v.bornYear.Text)
	month := v.monthNumber(v.bornMonth.Selected)
	switch {
	case day == "" && year == "" && month == 0:
		out[settings.PatientBorn] = ""
	case day == "" || year == "" || month == 0:
		problems[settings.PatientBorn] = v.tr.T("Give the day, the month and the year of birth, or leave all three empty.")
	default:
		d, errD := strconv.Atoi(day)
		y, errY := strconv.Atoi(year)
		t := time.Date(y, time.Month(month), d, 0, 0, 0, 0, time.UTC)
		if errD != nil || errY != nil || len(year) != 4 || t.Day() != d {
			problems[settings.PatientBorn] = v.tr.T("There is no {{.Day}} {{.Month}} {{.Year}}. Type the day and the year in figures, like 14 and 1950.",
				l10n.Args{"Day": day, "Month": v.bornMonth.Selected, "Year": year})
		} else {
			out[settings.PatientBorn] = t.Format(time.DateOnly)
		}
	}

	year = strings.TrimSpace(v.sinceYear.Text)
	month = v.monthNumber(v.sinceMonth.Selected)
	switch y, err := strconv.Atoi(year); {
	case year == "" && month == 0:
		out[settings.PatientSince] = ""
	case year == "" || month == 0:
		problems[settings.PatientSince] = v.tr.T("Give the month and the year, or leave both empty. If you are not sure of the month, pick the nearest.")
	case err != nil || len(year) != 4:
		problems[settings.PatientSince] = v.tr.T("{{.Year}} is not a year. Type it in figures, like 2024.", l10n.Args{"Year": strconv.Quote(year)})
	default:
		out[settings.PatientSince] = fmt.Sprintf("%04d-%02d", y, month)
	}

	meds := append([]string(nil), v.medicines...)
	if typed := strings.TrimSpace(v.medEntry.Text); typed != "" {
		meds = append(meds, typed) // typed but not added: meant all the same
	}
	out[settings.PatientMedicines] = strings.Join(meds, ";")

	var conds []string
	for _, c := range settings.Conditions() {
		if v.conds[c.Name].Checked {
			conds = append(conds, c.Name)
		}
	}
	out[settings.PatientConditions] = strings.Join(conds, ",")
	return out, problems
}

func (v *forDoctorView) monthNumber(name string) int {
	for m := time.January; m <= time.December; m++ {
		if v.monthName(m) == name {
			return int(m)
		}
	}
	return 0
}

// onSaveTapped checks every field, then saves what changed, or nothing.
func (v *forDoctorView) onSaveTapped() {
	for _, l := range v.errs {
		l.Hide()
	}
	vals, problems := v.read()
	now := v.now()
	changed := map[string]string{}
	for key, val := range vals {
		if _, bad := problems[key]; bad {
			continue
		}
		norm, err := settings.NormalizeAt(key, val, now)
		if err != nil {
			problems[key] = plainError(v.tr, err)
			continue
		}
		if old, _ := settings.Normalize(key, v.values[key]); norm != old {
			changed[key] = norm
		}
	}
	saving := len(problems) == 0 && len(changed) > 0
	if saving {
		for key, err := range v.onSave(changed) {
			problems[key] = plainError(v.tr, err)
		}
	}
	for key, msg := range problems {
		if l := v.errs[key]; l != nil {
			l.SetText(msg)
			l.Show()
		}
	}
	if len(problems) > 0 {
		if saving {
			v.status.SetText(v.tr.T("Some of it was not saved: see the messages above."))
		} else {
			v.status.SetText(v.tr.T("Nothing was saved: see the messages above."))
		}
		return
	}
	v.status.SetText("")
	if len(changed) == 0 {
		v.onCancel() // nothing to save: the window just closes
	}
}

// plainError is the part of an error a person reads: an input error's
// message without the setting's key (shown under its field), or what
// happened to the disk in plain words.
func plainError(tr *l10n.Lang, err error) string {
	var ie *input.Error
	if !errors.As(err, &ie) {
		return diary.ExplainIn(tr, tr.T("Not saved"), err)
	}
	msg := ie.MessageIn(tr)
	for _, verb := range []string{"is ", "lists ", "must "} {
		// The message goes on from the setting's name ("must be ...");
		// under its field it needs a subject, in each language.
		if strings.HasPrefix(ie.Message, verb) {
			return tr.T("This {{.Problem}}.", l10n.Args{"Problem": msg})
		}
	}
	r := []rune(msg)
	return strings.ToUpper(string(r[:1])) + string(r[1:]) + "."
}

// openForDoctor opens "For my doctor", or brings it forward. It is filled
// from the stored settings and saves through the agent, closing once all
// is saved.
func (u *ui) openForDoctor() *forDoctorView {
	if w := u.raise("fordoctor"); w != nil {
		return w.view.(*forDoctorView)
	}
	vals := u.settingValues()
	v := &forDoctorView{tr: u.lang, values: vals, now: u.now}
	w := u.newWindow("fordoctor", u.lang.T(TitleForDoctor), fyne.NewSize(640, 720), v)
	v.onSave = func(changed map[string]string) map[string]error {
		errs := saveSettings(context.Background(), u.diary, changed)
		if len(errs) == 0 {
			w.Close()
		}
		return errs
	}
	v.onCancel = w.Close
	w.SetContent(v.build())
	u.present(w)
	return v
}
