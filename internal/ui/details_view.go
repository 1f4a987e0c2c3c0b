package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/relief"
)

// detailsView edits everything about one cramp: the morning card ("About
// last night") and the history's Edit both use it. It is all taps; only
// the note takes typing, and it is optional.
type detailsView struct {
	// tr is the language the window speaks.
	tr    *l10n.Lang
	entry cramp.Entry
	now   func() time.Time

	onSave   func(e cramp.Entry) error
	onCancel func()
	onHelp   func()
	// onRemove, when set, is for a cramp just logged ("Log a cramp I
	// had"): the button beside Save then says "Remove this cramp", since
	// closing the form would not undo the logging that already happened.
	onRemove func()

	// Controls, kept so Save can read them and tests can drive them.
	leg       map[cramp.Leg]*tallButton
	muscle    map[cramp.Muscle]*tallButton
	intensity [cramp.MaxIntensity + 1]*tallButton
	sleep     [11]*tallButton
	helped    map[cramp.Step]map[cramp.Rating]*tallButton
	triggers  map[string]*tallButton
	symptoms  map[string]*tallButton
	note      *focusEntry
	days      *dayPicker
	clock     *timePicker
	duration  *stepper
	errLine   *widget.Label
	redFlag   *widget.Label
}

func (v *detailsView) build() fyne.CanvasObject {
	tr := v.tr
	e := &v.entry
	v.leg = map[cramp.Leg]*tallButton{}
	legRow := container.NewGridWithColumns(3)
	for _, l := range cramp.Legs() {
		l := l
		b := newTallButton(tr.T(legLabel(l)), nil, minTarget, func() { e.Leg = toggle(e.Leg, l); v.paint() })
		v.leg[l] = b
		legRow.Add(b)
	}
	v.muscle = map[cramp.Muscle]*tallButton{}
	muscleRow := container.NewGridWithColumns(2)
	for _, m := range cramp.Muscles() {
		m := m
		b := newTallButton(tr.T(m.Label()), nil, minTarget, func() { e.Muscle = toggle(e.Muscle, m); v.paint() })
		v.muscle[m] = b
		muscleRow.Add(b)
	}
	intensityRow := v.scale(&v.intensity, &e.Intensity)
	sleepRow := v.scale(&v.sleep, &e.Sleep)

	v.helped = map[cramp.Step]map[cramp.Rating]*tallButton{}
	helpedBox := container.NewVBox()
	for _, st := range relief.Steps(e.Muscle) {
		st := st
		row := container.NewGridWithColumns(3)
		v.helped[st.ID] = map[cramp.Rating]*tallButton{}
		for _, r := range []cramp.Rating{cramp.RatingYes, cramp.RatingSome, cramp.RatingNo} {
			r := r
			b := newTallButton(ratingLabel(tr, r), nil, minTarget, func() {
				if e.Helped == nil {
					e.Helped = map[cramp.Step]cramp.Rating{}
				}
				if e.Helped[st.ID] == r {
					delete(e.Helped, st.ID) // tap again to clear
				} else {
					e.Helped[st.ID] = r
				}
				v.paint()
			})
			v.helped[st.ID][r] = b
			row.Add(b)
		}
		helpedBox.Add(body(tr.T(st.Title)))
		helpedBox.Add(row)
	}
	// A retired trigger (alcohol, which no source names) is shown only on
	// a cramp that already has it, so it can be taken off.
	triggers := cramp.Offered(cramp.Triggers())
	for _, c := range cramp.Triggers() {
		if c.Retired && slices.Contains(e.Triggers, c.Name) {
			triggers = append(triggers, c)
		}
	}
	v.triggers = v.chips(triggers, &e.Triggers)
	v.symptoms = v.chips(cramp.Symptoms(), &e.Symptoms)
	v.note = newMultiLineEntry()
	v.note.SetText(e.Note)
	v.note.SetPlaceHolder(tr.T("Anything else (optional)"))
	v.note.SetMinRowsVisible(3)
	v.errLine = body("")
	v.errLine.Importance = widget.DangerImportance
	v.errLine.Hide()
	v.redFlag = body("")
	v.redFlag.Importance = widget.DangerImportance
	v.redFlag.Hide()

	when := whenWords(tr, e.At.Local(), e.Duration, v.onRemove != nil)
	// When and how long, to correct: a day, a time, minutes with - and +.
	v.days = newDayPicker(tr, e.At.Local(), v.now())
	v.clock = newTimePicker(tr, e.At.Local().Format("15:04"))
	v.duration = newStepper(0, int(cramp.MaxDuration/time.Minute), 1, roundMinutes(e.Duration), func(n int) string {
		if n == 0 {
			return tr.T("Not known")
		}
		return tr.T("About {{.Length}}", l10n.Args{"Length": lengthWords(tr, time.Duration(n)*time.Minute)})
	})
	content := container.NewVBox(
		heading(tr.T("About this cramp")), body(when+" "+tr.T("Every question is optional.")),
		subheading(tr.T("Which leg?")), legRow,
		subheading(tr.T("Which muscle?")), muscleRow,
		subheading(tr.T("How bad was it? (0 barely, 10 the worst)")), intensityRow,
		subheading(tr.T("What helped?")), helpedBox,
		subheading(tr.T("Anything that may have set it off?")), chipGrid(v.triggers, triggers),
		subheading(tr.T("Did any of these come with it?")), chipGrid(v.symptoms, cramp.Symptoms()), v.redFlag,
		subheading(tr.T("How much sleep did it cost? (0 none, 10 the night)")), sleepRow,
		subheading(tr.T("Note")), v.note,
		// Last: corrections are rarer than details, and the month of days
		// is tall.
		subheading(tr.T("To correct when it was")), v.days.object(), container.NewHBox(widget.NewLabel(tr.T("At")), v.clock.object()),
		subheading(tr.T("How long did it last?")), v.duration.object(),
		v.errLine,
	)
	v.paint()
	save := mainButton(tr.T("Save"), theme.DocumentSaveIcon(), v.onSaveTapped)
	cancel := newTallButton(tr.T("Cancel"), theme.CancelIcon(), mainTarget, v.onCancel)
	if v.onRemove != nil {
		cancel = newTallButton(tr.T("Remove this cramp"), theme.DeleteIcon(), mainTarget, v.onRemove)
	}
	return container.NewBorder(nil, container.NewVBox(container.NewGridWithColumns(2, cancel, save), adviceFooter(tr, v.onHelp)), nil, nil,
		container.NewVScroll(container.NewPadded(content)))
}

// whenWords says when the cramp was and, if known, how long it lasted:
// "Cramp at Monday 03:10, about 2 minutes."; "Logged: a cramp at ..."
// for one just logged.
func whenWords(tr *l10n.Lang, at time.Time, d time.Duration, logged bool) string {
	args := l10n.Args{"When": tr.Date(at, "Monday 15:04")}
	if d > 0 {
		args["Length"] = lengthWords(tr, d)
	}
	switch {
	case logged && d > 0:
		return tr.T("Logged: a cramp at {{.When}}, about {{.Length}}.", args)
	case logged:
		return tr.T("Logged: a cramp at {{.When}}.", args)
	case d > 0:
		return tr.T("Cramp at {{.When}}, about {{.Length}}.", args)
	}
	return tr.T("Cramp at {{.When}}.", args)
}

// scale makes a 0..n row of buttons bound to *val; tapping the lit one
// clears it.
func (v *detailsView) scale(buttons *[11]*tallButton, val **int) fyne.CanvasObject {
	row := container.NewGridWithColumns(len(buttons))
	for n := range buttons {
		n := n
		b := newTallButton(fmt.Sprint(n), nil, minTarget, func() {
			if *val != nil && **val == n {
				*val = nil
			} else {
				*val = &n
			}
			v.paint()
		})
		buttons[n] = b
		row.Add(b)
	}
	return row
}

// chips makes toggle buttons for choices bound to the names in *list.
func (v *detailsView) chips(choices []cramp.Choice, list *[]string) map[string]*tallButton {
	out := map[string]*tallButton{}
	for _, c := range choices {
		c := c
		out[c.Name] = newTallButton(v.tr.T(c.Label), nil, minTarget, func() {
			*list = toggleName(*list, c.Name)
			v.paint()
		})
	}
	return out
}

// chipGrid lays chips out two to a row, or one to a row when a label is
// too long for half the window.
func chipGrid(chips map[string]*tallButton, order []cramp.Choice) fyne.CanvasObject {
	cols := 2
	for _, c := range order {
		if len([]rune(chips[c.Name].Text)) > 28 {
			cols = 1
		}
	}
	g := container.NewGridWithColumns(cols)
	for _, c := range order {
		g.Add(chips[c.Name])
	}
	return g
}

func toggle[T comparable](cur, v T) T {
	var zero T
	if cur == v {
		return zero
	}
	return v
}

func toggleName(list []string, name string) []string {
	for i, n := range list {
		if n == name {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return append(list, name)
}

func ratingLabel(tr *l10n.Lang, r cramp.Rating) string {
	switch r {
	case cramp.RatingYes:
		return tr.T("Helped")
	case cramp.RatingSome:
		return tr.T("A bit")
	default:
		return tr.T("Not really")
	}
}

// paint lights the buttons that match the entry and says at once, at its
// level, when a warning sign is chosen.
func (v *detailsView) paint() {
	e := v.entry
	for l, b := range v.leg {
		setLit(b, e.Leg == l)
	}
	for m, b := range v.muscle {
		setLit(b, e.Muscle == m)
	}
	for n, b := range v.intensity {
		setLit(b, e.Intensity != nil && *e.Intensity == n)
	}
	for n, b := range v.sleep {
		setLit(b, e.Sleep != nil && *e.Sleep == n)
	}
	for st, row := range v.helped {
		for r, b := range row {
			setLit(b, e.Helped[st] == r)
		}
	}
	for name, b := range v.triggers {
		setLit(b, slices.Contains(e.Triggers, name))
	}
	for name, b := range v.symptoms {
		setLit(b, slices.Contains(e.Symptoms, name))
	}
	if level, ids, ok := redflags.Signs(e); ok {
		texts := advice.TextsIn(v.tr, ids...)
		for i, t := range texts {
			texts[i] = v.tr.T(t)
		}
		v.redFlag.SetText(level.TitleIn(v.tr) + ". " + level.MeansIn(v.tr) + " " + strings.Join(texts, " "))
		v.redFlag.Importance = widget.MediumImportance
		if level == advice.Urgent {
			v.redFlag.Importance = widget.DangerImportance
		}
		v.redFlag.Refresh()
		v.redFlag.Show()
	} else {
		v.redFlag.Hide()
	}
}

func setLit(b *tallButton, on bool) {
	if b.Importance != pick(on) {
		b.Importance = pick(on)
		b.Refresh()
	}
}

func (v *detailsView) onSaveTapped() {
	e := v.entry
	e.Note = v.note.Text
	// The moment and the length as picked; untouched, they stay exactly
	// as logged (to the second).
	orig := v.entry.At.Local()
	if !v.days.value().Equal(midnight(orig)) || v.clock.value() != orig.Format("15:04") {
		e.At = at(v.days.value(), v.clock.value())
	}
	if n := v.duration.value(); n != roundMinutes(v.entry.Duration) {
		e.Duration = time.Duration(n) * time.Minute
	}
	if err := v.onSave(e); err != nil {
		v.errLine.SetText(v.tr.T("Not saved.") + " " + plainInvalid(v.tr, err))
		v.errLine.Show()
	}
}

// roundMinutes is d in whole minutes, rounded, and at least 1 for a length
// that is known.
func roundMinutes(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return max(1, int(d.Round(time.Minute)/time.Minute))
}

// plainInvalid says err for a person: the domain's words for a refused
// field, named as the form names it.
func plainInvalid(tr *l10n.Lang, err error) string {
	var ie *input.Error
	if !errors.As(err, &ie) {
		return tr.T(err.Error())
	}
	msg := tr.T(ie.Message)
	switch ie.Field {
	case "at":
		return tr.T("When: {{.Problem}}", l10n.Args{"Problem": msg})
	case "duration":
		return tr.T("How long: {{.Problem}}", l10n.Args{"Problem": msg})
	case "":
		return msg
	}
	return ie.Field + ": " + msg
}

// openDetails opens the details of cramp id (a decimal string), or brings
// the open details window forward. Saving closes it.
func (u *ui) openDetails(id string) *detailsView {
	n, _ := strconv.ParseUint(id, 10, 64)
	return u.openDetailsOf(n, false)
}

// openFreshDetails opens the details of cramp id just logged: the button
// beside Save removes it (with Undo in the history), since the cramp is in
// the diary already and a "Cancel" would not take it out.
func (u *ui) openFreshDetails(id uint64) *detailsView { return u.openDetailsOf(id, true) }

func (u *ui) openDetailsOf(id uint64, fresh bool) *detailsView {
	if w := u.raise("details"); w != nil {
		return w.view.(*detailsView)
	}
	e, err := u.diary.Cramp(context.Background(), id)
	if err != nil {
		u.report(err)
		return nil
	}
	v := &detailsView{tr: u.lang, entry: e, now: u.now, onHelp: func() { u.show("help") }}
	w := u.newWindow("details", u.lang.T(TitleDetails), fyne.NewSize(720, 720), v)
	v.onCancel = w.Close
	if fresh {
		v.onRemove = func() {
			gone, err := u.diary.DeleteCramp(context.Background(), e.ID)
			if err != nil {
				u.report(err)
				return
			}
			w.Close()
			u.deleted = &gone
			if u.main != nil {
				// Where the Undo is: the history, without the cramp.
				tr := u.main.tr
				u.main.history.showUndo(tr.T("The cramp of {{.When}} was removed.", l10n.Args{"When": tr.Date(gone.At.Local(), "Monday 15:04")}))
				u.show("main:history")
			}
		}
	}
	v.onSave = func(e cramp.Entry) error {
		if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
			return err
		}
		w.Close()
		return nil
	}
	w.SetContent(v.build())
	u.present(w)
	return v
}
