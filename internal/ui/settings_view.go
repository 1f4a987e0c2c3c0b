package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// settingsView edits every setting with controls that need no typing:
// switches, time pickers, day toggles and steppers. Save sends only what
// changed; a value the agent refuses is explained next to its control.
type settingsView struct {
	// room is the widest the content may be (ui.room).
	room func() float32
	// tr is the language the window speaks, as it was when it opened.
	tr     *l10n.Lang
	values map[string]string // as loaded

	fields   map[string]*field
	steppers map[string]*stepper
	pickers  map[string]*timePicker
	// choices are the rows of choices: the language, the clock and the
	// first day of the week.
	choices map[string]*choiceRow
	status  *widget.Label

	// dataDir is shown under "Your data": the user should know where it is.
	dataDir string

	onSave       func(changed map[string]string) map[string]error
	onTest       func() error
	logf         func(format string, args ...any) // the system's words, for the log
	onCancel     func()
	onExportJSON func()
	onExportCSV  func()
	onImport     func()
	onOpenFolder func()
	onForDoctor  func()
	onWelcome    func()
	// onScale saves the text size at once: it applies to every window
	// as the user steps it, without Save.
	onScale func(value string) error
}

// field is one setting's control: get reads the control as a setting
// value, and errLabel shows why the agent refused it.
type field struct {
	get      func() string
	errLabel *widget.Label
}

func (v *settingsView) add(key string, get func() string) *widget.Label {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	v.fields[key] = &field{get: get, errLabel: e}
	return e
}

func (v *settingsView) build() fyne.CanvasObject {
	tr := v.tr
	v.fields = map[string]*field{}
	val := func(k string) string { return v.values[k] }

	// Drinking.
	hydOn := newCheck(tr.T("Remind me to drink through the day"))
	hydOn.SetChecked(val(settings.HydrationEnabled) == "true")
	interval := newStepper(15, 180, 15, minutesOf(val(settings.HydrationInterval)), func(m int) string {
		if m == 60 {
			return tr.T("Every hour")
		}
		return tr.T("Every {{.Duration}}", l10n.Args{"Duration": humanMinutes(tr, m)})
	})
	start := newTimePicker(tr, val(settings.HydrationStart))
	end := newTimePicker(tr, val(settings.HydrationEnd))
	hydDays := newDayToggles(tr, val(settings.HydrationDays))
	goal := newStepper(1, 20, 1, atoi(val(settings.HydrationGoal)), func(n int) string { return tr.N("Goal: {{.Count}} glasses a day", n) })
	after := newCheck(tr.T("Keep reminding after I reach the goal"))
	after.SetChecked(val(settings.HydrationAfterGoal) == "true")
	taper := newStepper(0, 240, 30, minutesOf(val(settings.HydrationTaper)), func(m int) string {
		if m == 0 {
			return tr.T("Reminders go on until the end of the day")
		}
		return tr.T("No drink reminders {{.Duration}} before the evening stretch", l10n.Args{"Duration": humanMinutes(tr, m)})
	})

	// Stretching.
	strOn := newCheck(tr.T("Remind me to stretch in the evening"))
	strOn.SetChecked(val(settings.StretchEnabled) == "true")
	strTime := newTimePicker(tr, val(settings.StretchTime))
	strDays := newDayToggles(tr, val(settings.StretchDays))
	sound := newCheck(tr.T("A sound when to switch legs and at the end of the stretch"))
	sound.SetChecked(val(settings.StretchSound) == "true")
	nag := newStepper(0, 60, 10, minutesOf(val(settings.StretchNag)), func(m int) string {
		if m == 0 {
			return tr.T("No second reminder")
		}
		return tr.T("One more reminder {{.Duration}} later if not done", l10n.Args{"Duration": humanMinutes(tr, m)})
	})

	// Start.
	autoOn := newCheck(tr.T("Start CrampCare when I log in"))
	autoOn.SetChecked(val(settings.Autostart) == "true")
	inWindow := newCheck(tr.T("Show reminders in a CrampCare window instead of a notification"))
	inWindow.SetChecked(val(settings.RemindersWindow) == "true")
	// reminders.when-away and when-busy: "hold" unless shown anyway.
	holdAway := newCheck(tr.T("Hold reminders while I am away or locked"))
	holdAway.SetChecked(val(settings.WhenAway) != settings.Show)
	holdBusy := newCheck(tr.T("Hold reminders in Do Not Disturb or full screen"))
	holdBusy.SetChecked(val(settings.WhenBusy) != settings.Show)
	holdStr := func(c *focusCheck) func() string {
		return func() string {
			if c.Checked {
				return settings.Hold
			}
			return settings.Show
		}
	}

	// Look.
	nightStart := newTimePicker(tr, val(settings.NightStart))
	nightEnd := newTimePicker(tr, val(settings.NightEnd))
	scale := newStepper(75, 200, 25, int(parseFloat(val(settings.UIScale))*100+0.5), func(p int) string { return tr.T("Text size: {{.Percent}}%", l10n.Args{"Percent": p}) })
	scaleValue := func() string { return strconv.FormatFloat(float64(scale.value())/100, 'f', -1, 64) }

	boolStr := func(c *focusCheck) func() string {
		return func() string { return strconv.FormatBool(c.Checked) }
	}
	row := func(label string, key string, obj fyne.CanvasObject, get func() string) fyne.CanvasObject {
		e := v.add(key, get)
		if label == "" {
			return container.NewVBox(obj, e)
		}
		return container.NewVBox(body(label), obj, e)
	}
	drink := container.NewVBox(
		subheading(tr.T("Drinking water")),
		row("", settings.HydrationEnabled, hydOn, boolStr(hydOn)),
		row("", settings.HydrationInterval, interval.object(), interval.duration),
		row(tr.T("Waking day starts"), settings.HydrationStart, start.object(), start.value),
		row(tr.T("Waking day ends"), settings.HydrationEnd, end.object(), end.value),
		row(tr.T("On these days"), settings.HydrationDays, hydDays.object(), hydDays.value),
		row("", settings.HydrationGoal, goal.object(), goal.number),
		row("", settings.HydrationAfterGoal, after, boolStr(after)),
		row("", settings.HydrationTaper, taper.object(), taper.duration),
	)
	stretchBox := container.NewVBox(
		subheading(tr.T("Evening stretch")),
		row("", settings.StretchEnabled, strOn, boolStr(strOn)),
		row(tr.T("Remind me at"), settings.StretchTime, strTime.object(), strTime.value),
		row(tr.T("On these days"), settings.StretchDays, strDays.object(), strDays.value),
		row("", settings.StretchNag, nag.object(), nag.duration),
		row("", settings.StretchSound, sound, boolStr(sound)),
	)
	look := container.NewVBox(
		subheading(tr.T("Look")),
		row(tr.T("Dark, dim windows from"), settings.NightStart, nightStart.object(), nightStart.value),
		row(tr.T("until"), settings.NightEnd, nightEnd.object(), nightEnd.value),
		row("", settings.Autostart, autoOn, boolStr(autoOn)),
	)
	v.steppers = map[string]*stepper{settings.HydrationInterval: interval, settings.HydrationGoal: goal,
		settings.HydrationTaper: taper, settings.StretchNag: nag, settings.UIScale: scale}
	v.pickers = map[string]*timePicker{settings.HydrationStart: start, settings.HydrationEnd: end,
		settings.StretchTime: strTime, settings.NightStart: nightStart, settings.NightEnd: nightEnd}
	v.choices = map[string]*choiceRow{}
	choice := func(label, key string, cols int, opts []choiceOption) fyne.CanvasObject {
		c := newChoiceRow(val(key), cols, opts)
		c.room = v.room
		v.choices[key] = c
		return row(label, key, c.object(), c.value)
	}
	// The language names are in their own language, the same in every
	// language: a person who cannot read the one shown finds their own.
	speech := container.NewVBox(
		subheading(tr.T("Language and clock")),
		choice(tr.T("Language"), settings.Language, 3, []choiceOption{{"auto", tr.T("Automatic (system)")},
			{"en", "English"}, {"de", "Deutsch"}, {"es", "Español"}, {"fr", "Français"}}),
		choice(tr.T("Clock"), settings.Clock, 3, []choiceOption{{"auto", tr.T("Automatic")},
			{"12h", tr.T("12-hour")}, {"24h", tr.T("24-hour")}}),
		choice(tr.T("First day of the week"), settings.WeekStart, 3, []choiceOption{{"auto", tr.T("Automatic")},
			{"monday", tr.Weekday(time.Monday)}, {"sunday", tr.Weekday(time.Sunday)}}),
		body(tr.T("A new language applies to the windows opened after you save.")),
	)
	v.status = body("")
	test := newTallButton(tr.T("Send a test notification"), theme.MailSendIcon(), minTarget, v.onTestTapped)
	// The text size comes first and changes every window at once: it is
	// what a person who cannot read the rest needs, and they should not
	// have to find Save to see it.
	size := container.NewVBox(
		subheading(tr.T("Text size")),
		row("", settings.UIScale, scale.object(), scaleValue),
		body(tr.T("Changes at once, in every CrampCare window. This line shows the size.")),
	)
	scale.onChange = func(int) {
		f := v.fields[settings.UIScale]
		f.errLabel.Hide()
		if err := v.onScale(scaleValue()); err != nil {
			f.errLabel.SetText(err.Error())
			f.errLabel.Show()
			return
		}
		v.values[settings.UIScale] = scaleValue() // saved: Save need not send it
	}
	content := container.NewVBox(heading(tr.T("Settings")), size, widget.NewSeparator(), drink, widget.NewSeparator(), stretchBox, widget.NewSeparator(), look,
		widget.NewSeparator(), speech,
		widget.NewSeparator(), test, v.status, row("", settings.RemindersWindow, inWindow, boolStr(inWindow)),
		row("", settings.WhenAway, holdAway, holdStr(holdAway)), row("", settings.WhenBusy, holdBusy, holdStr(holdBusy)),
		newTallButton(tr.T("Show the welcome again"), theme.HomeIcon(), minTarget, v.onWelcome),
		widget.NewSeparator(), v.forDoctor(), widget.NewSeparator(), v.yourData())
	save := mainButton(tr.T("Save"), theme.DocumentSaveIcon(), v.onSaveTapped)
	cancel := newTallButton(tr.T("Cancel"), theme.CancelIcon(), mainTarget, v.onCancel)
	return container.NewBorder(nil, container.NewPadded(container.NewGridWithColumns(2, cancel, save)), nil, nil,
		container.NewVScroll(container.NewPadded(content)))
}

// forDoctor leads to the optional "For my doctor" part, which has its own
// window: it is typed, once, and saved on its own.
func (v *settingsView) forDoctor() fyne.CanvasObject {
	tr := v.tr
	return container.NewVBox(
		subheading(tr.T("For my doctor")),
		body(tr.T("Optional: when the cramps started, your medicines and conditions, and your name, for the report you bring to your doctor.")),
		newTallButton(tr.T("For my doctor…"), theme.AccountIcon(), minTarget, v.onForDoctor),
	)
}

// yourData says where the diary lives and offers it whole, as a file the
// user owns, and back.
func (v *settingsView) yourData() fyne.CanvasObject {
	tr := v.tr
	where := tr.T("Everything you log stays on this computer and is never sent anywhere.")
	if v.dataDir != "" {
		where += " " + tr.T("It is kept in {{.Folder}}.", l10n.Args{"Folder": v.dataDir})
	}
	return container.NewVBox(
		subheading(tr.T("Your data")),
		body(where),
		newTallButton(tr.T("Save all my data to a file (JSON)"), theme.DownloadIcon(), minTarget, v.onExportJSON),
		newTallButton(tr.T("Save my cramps for a spreadsheet (CSV)"), theme.DocumentSaveIcon(), minTarget, v.onExportCSV),
		newTallButton(tr.T("Import from a CrampCare file…"), theme.UploadIcon(), minTarget, v.onImport),
		newTallButton(tr.T("Open the data folder"), theme.FolderOpenIcon(), minTarget, v.onOpenFolder),
	)
}

// onTestTapped sends a test notification and says how it went in plain
// words: the domain's for a notification that could not be shown, a
// general one for anything else; the system's words go to the log only.
func (v *settingsView) onTestTapped() {
	if err := v.onTest(); err != nil {
		if v.logf != nil {
			v.logf("test notification: %v", err)
		}
		if errors.Is(err, diary.ErrNoNotifications) {
			v.status.SetText(diary.MessageIn(v.tr, err))
			return
		}
		v.status.SetText(v.tr.T("The test notification could not be sent. Try again in a moment; if it keeps failing, quit CrampCare from its tray menu and start it again."))
		return
	}
	v.status.SetText(v.tr.T("A test notification was sent. If you do not see it, check your desktop's notification settings."))
}

// onSaveTapped sends the changed settings; it reports whether all saved.
func (v *settingsView) onSaveTapped() {
	changed := map[string]string{}
	for key, f := range v.fields {
		f.errLabel.Hide()
		nv := f.get()
		// Compare meanings, not spellings: "75m" and "1h15m" are one value.
		old, _ := settings.Normalize(key, v.values[key])
		if norm, err := settings.Normalize(key, nv); err != nil || norm != old {
			changed[key] = nv
		}
	}
	errs := v.onSave(changed)
	for key, err := range errs {
		f := v.fields[key]
		msg := err.Error()
		var ie *input.Error
		if errors.As(err, &ie) {
			msg = ie.Message
		}
		f.errLabel.SetText(msg)
		f.errLabel.Show()
	}
	if len(errs) > 0 {
		v.status.SetText(v.tr.T("Some settings were not saved; see the messages above."))
	}
}

// saveSettings stores each changed setting and collects refusals by key.
func saveSettings(ctx context.Context, d interface {
	SetSetting(ctx context.Context, key, value string) (settings.Item, error)
}, changed map[string]string) map[string]error {
	errs := map[string]error{}
	for k, val := range changed {
		if _, err := d.SetSetting(ctx, k, val); err != nil {
			errs[k] = err
		}
	}
	return errs
}

func minutesOf(s string) int {
	d, _ := time.ParseDuration(s)
	return int(d / time.Minute)
}

// humanMinutes says m minutes in words: "45 minutes", "2 hours",
// "1 h 15 min".
func humanMinutes(tr *l10n.Lang, m int) string {
	switch {
	case m < 60:
		return tr.N("{{.Count}} minutes", m)
	case m%60 == 0:
		return tr.N("{{.Count}} hours", m/60)
	default:
		return tr.T("{{.Hours}} h {{.Minutes}} min", l10n.Args{"Hours": m / 60, "Minutes": m % 60})
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func parseFloat(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// settingValues is every setting's value by key, to fill a form. If they
// cannot be read, that is logged and the map is empty.
func (u *ui) settingValues() map[string]string {
	items, err := u.diary.Settings(context.Background())
	if err != nil {
		fmt.Fprintf(u.stderr, "settings: %v\n", err)
	}
	vals := map[string]string{}
	for _, it := range items {
		vals[it.Key] = it.Value
	}
	return vals
}

// openSettings opens the settings, or brings them forward. Saving what is
// valid closes the window.
func (u *ui) openSettings() *settingsView {
	if w := u.raise("settings"); w != nil {
		return w.view.(*settingsView)
	}
	vals := u.settingValues()
	v := &settingsView{tr: u.lang, values: vals, dataDir: u.dataDir, room: u.room}
	w := u.newWindow("settings", u.lang.T(TitleSettings), fyne.NewSize(640, 720), v)
	v.onExportJSON = func() { u.onExport(formatJSON, w) }
	v.onExportCSV = func() { u.onExport(formatCSV, w) }
	v.onImport = func() { u.onImport(w) }
	v.onOpenFolder = func() { u.openFolder(u.dataDir) }
	v.onSave = func(changed map[string]string) map[string]error {
		errs := saveSettings(context.Background(), u.diary, changed)
		if len(errs) == 0 {
			w.Close()
		}
		return errs
	}
	v.onTest = func() error { return u.diary.TestNotification(context.Background()) }
	v.logf = func(f string, args ...any) { fmt.Fprintf(u.stderr, f+"\n", args...) }
	v.onCancel = w.Close
	v.onForDoctor = func() { u.show("fordoctor") }
	v.onWelcome = func() { u.show("welcome") }
	v.onScale = func(value string) error {
		_, err := u.diary.SetSetting(context.Background(), settings.UIScale, value)
		return err
	}
	w.SetContent(v.build())
	u.present(w)
	return v
}

// choiceOption is one answer of a choiceRow: the setting's value and the
// words on its button.
type choiceOption struct{ value, label string }

// choiceRow is a setting with a few answers, each a full-size button,
// the chosen one lit: nothing to type, nothing to open.
type choiceRow struct {
	options []choiceOption
	chosen  string
	buttons []*tallButton
	cols    int
	room    func() float32
}

// newChoiceRow shows opts in cols columns with value chosen (the first
// option when value is none of them: the setting's default, auto).
func newChoiceRow(value string, cols int, opts []choiceOption) *choiceRow {
	c := &choiceRow{options: opts, chosen: opts[0].value, cols: cols}
	for _, o := range opts {
		if o.value == value {
			c.chosen = value
		}
	}
	for _, o := range opts {
		c.buttons = append(c.buttons, newTallButton(o.label, nil, minTarget, func() { c.choose(o.value) }))
	}
	c.paint()
	return c
}

func (c *choiceRow) choose(value string) {
	c.chosen = value
	c.paint()
}

func (c *choiceRow) paint() {
	for i, b := range c.buttons {
		setLit(b, c.options[i].value == c.chosen)
	}
}

func (c *choiceRow) object() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(c.buttons))
	for i, b := range c.buttons {
		objs[i] = b
	}
	return newFitColumns(c.cols, c.room, objs...)
}

func (c *choiceRow) value() string { return c.chosen }
