package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/redflags"
)

// mainView is the main window: today at a glance and the three things a
// person does here, largest first.
type mainView struct {
	// grow makes the window larger when the content needs it (set by
	// openMain; nil in tests that build the view alone).
	grow func()
	// room is the widest the content may be (ui.room): rows of buttons
	// stack beyond it.
	room func() float32
	// tr is the language the window speaks, u.lang when it opened.
	tr       *l10n.Lang
	greeting *widget.Label
	glasses  *widget.Label
	progress *widget.ProgressBar
	cramps   *widget.Label
	lastLine *widget.Label
	errLine  *widget.Label
	paused   *widget.Label
	resume   *tallButton
	pauseBox *fyne.Container
	nextLine *widget.Label
	// trayBox offers the tray's actions where there is no tray.
	trayBox *fyne.Container
	pause1h *tallButton
	// pauseMorning pauses until the next waking day, as the tray's
	// "Until tomorrow morning".
	pauseMorning *tallButton
	later        *tallButton
	morning      *fyne.Container
	advice       *fyne.Container
	notice       *fyne.Container
	noteText     *widget.Label
	mornText     *widget.Label
	history      *historyView
	insights     *insightsView
	tabs         *container.AppTabs

	onLogCramp func()
	onDrink    func()
	onStretch  func()
	onHelp     func()
	onSettings func()
	onResume   func()
	// The tray's actions, for a desktop without a tray.
	onPause        func()
	onPauseMorning func()
	onLater        func()
	onStretched    func()
	onQuit         func()
	onBackdate     func()
	onDetails      func(e cramp.Entry)
	onDismiss      func(rule redflags.Rule)
	onNoticeOK     func()
	// onInsights and onHistory are called when that tab is shown, to load
	// it: neither is read from the diary while out of sight.
	onInsights func()
	onHistory  func()
	// dismissed is the newest cramp the morning card was put away for
	// this session; it asks again only about cramps logged after it.
	dismissed uint64
	// asks are the cramps the morning card asks about, oldest first.
	asks []cramp.Entry
	// adviceCards are the cards in advice, in order.
	adviceCards []*adviceCard
}

func (v *mainView) build() fyne.CanvasObject {
	tr := v.tr
	v.greeting = heading("")
	v.glasses = subheading("")
	v.progress = widget.NewProgressBar()
	v.progress.TextFormatter = func() string { return "" }
	v.cramps = subheading("")
	v.lastLine = body("")
	v.errLine = body("")
	v.errLine.Importance = widget.DangerImportance
	v.errLine.Hide()

	water := widget.NewCard("", "", container.NewVBox(
		body(tr.T("Glasses of water today")), v.glasses, v.progress,
	))
	cramps := widget.NewCard("", "", container.NewVBox(
		body(tr.T("Cramps in the last 24 hours")), v.cramps, v.lastLine,
	))
	v.paused = body("")
	v.resume = newTallButton(tr.T("Resume reminders"), theme.MediaPlayIcon(), minTarget, v.onResume)
	v.pauseBox = container.NewBorder(nil, nil, nil, v.resume, v.paused)
	v.pauseBox.Hide()
	v.nextLine = body("")
	v.pause1h = newTallButton(tr.T("Pause reminders for 1 hour"), theme.MediaPauseIcon(), minTarget, v.onPause)
	v.pauseMorning = newTallButton(tr.T("Pause until tomorrow morning"), theme.MediaPauseIcon(), minTarget, v.onPauseMorning)
	v.later = newTallButton(tr.T("Remind me in 10 minutes"), theme.HistoryIcon(), minTarget, v.onLater)
	v.later.Hide()
	v.trayBox = container.NewVBox(
		widget.NewSeparator(),
		newFitColumns(2, v.room, v.pause1h, v.pauseMorning),
		newFitColumns(2, v.room, v.later,
			newTallButton(tr.T("I stretched"), theme.ConfirmIcon(), minTarget, v.onStretched)),
		newTallButton(tr.T("Quit CrampCare"), theme.LogoutIcon(), minTarget, v.onQuit),
	)
	v.trayBox.Hide()
	settingsBtn := newTallButton(tr.T("Settings"), theme.SettingsIcon(), minTarget, v.onSettings)
	v.mornText = body("")
	v.morning = container.NewVBox(widget.NewCard("", "", container.NewVBox(
		subheading(tr.T("About last night")), v.mornText,
		newFitColumns(2, v.room,
			newTallButton(tr.T("Not now"), nil, minTarget, func() {
				for _, c := range v.asks {
					v.dismissed = max(v.dismissed, c.ID)
				}
				v.morning.Hide()
			}),
			mainButton(tr.T("Add details"), theme.DocumentCreateIcon(), func() {
				// One at a time, in the order they came; the card then
				// asks about the rest.
				if len(v.asks) > 0 {
					v.onDetails(v.asks[0])
				}
			})),
	)))
	v.morning.Hide()
	v.advice = container.NewVBox()
	v.noteText = body("")
	v.notice = container.NewVBox(widget.NewCard("", "", container.NewVBox(
		subheading(tr.T("About your data")), v.noteText,
		newTallButton(tr.T("OK"), theme.ConfirmIcon(), minTarget, func() { v.onNoticeOK() }),
	)))
	v.notice.Hide()
	// The four things a person comes here to do stay in view above and
	// below the cards, which scroll between them: a doctor's or a morning
	// card never pushes them off the window.
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, settingsBtn, v.greeting),
		v.nextLine,
		mainButton(tr.T("Log a cramp now"), theme.MediaRecordIcon(), v.onLogCramp),
	)
	bottom := container.NewVBox(
		newTallButton(tr.T("I drank a glass of water"), theme.ContentAddIcon(), minTarget, v.onDrink),
		newFitColumns(2, v.room,
			newTallButton(tr.T("Start evening stretch"), theme.MediaPlayIcon(), minTarget, v.onStretch),
			newTallButton(tr.T("Log a cramp I had…"), theme.HistoryIcon(), minTarget, v.onBackdate)),
	)
	cards := container.NewVBox(
		v.errLine,
		v.notice,
		v.advice,
		v.morning,
		container.NewGridWithColumns(2, water, cramps),
		v.pauseBox,
		v.trayBox,
	)
	today := container.NewPadded(container.NewBorder(top, bottom, nil, nil, container.NewVScroll(cards)))
	// The tab bar is drawn with tabTheme, for a selected tab that can be
	// read at night; each page goes back to the app's theme.
	// In a wide window each page keeps to a column of reading width,
	// centred, so that a row's text and its Edit button stay together.
	page := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewThemeOverride(container.New(columnLayout{}, o), appTheme{})
	}
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("Today"), theme.HomeIcon(), page(today)),
		container.NewTabItemWithIcon(tr.T("History"), theme.ListIcon(), page(v.history.build())),
		container.NewTabItemWithIcon(tr.T("Insights"), theme.InfoIcon(), page(v.insights.build())),
	)
	v.tabs.OnSelected = func(*container.TabItem) {
		switch v.tabs.SelectedIndex() {
		case tabInsights:
			v.onInsights()
		case tabHistory:
			v.onHistory()
		}
	}
	return container.NewBorder(nil, adviceFooter(tr, v.onHelp), nil, nil, container.NewThemeOverride(v.tabs, tabTheme{}))
}

// The main window's tabs, in order: their names are in the window's
// language, so the code knows them by place.
const (
	tabToday = iota
	tabHistory
	tabInsights
)

// tabNames are the tabs' names as "main:history" asks for them.
func tabNames() []string { return []string{"today", "history", "insights"} }

// showingInsights reports whether the Insights tab is in front.
func (v *mainView) showingInsights() bool {
	return v.tabs != nil && v.tabs.Selected() != nil && v.tabs.SelectedIndex() == tabInsights
}

// showingHistory reports whether the History tab is in front.
func (v *mainView) showingHistory() bool {
	return v.tabs != nil && v.tabs.Selected() != nil && v.tabs.SelectedIndex() == tabHistory
}

// refresh shows st; it must run on the Fyne thread.
func (v *mainView) refresh(st diary.Status) {
	tr := v.tr
	v.greeting.SetText(night.GreetingIn(tr, st.Now.Local()))
	hours := night.Hours{Start: st.NightStart, End: st.NightEnd}
	v.history.setHours(hours)
	v.glasses.SetText(tr.N("{{.Glasses}} of {{.Count}} glasses", st.Goal, l10n.Args{"Glasses": st.Glasses}))
	if st.Goal > 0 {
		v.progress.SetValue(min(1, float64(st.Glasses)/float64(st.Goal)))
	}
	if st.Cramps24h == 0 {
		v.cramps.SetText(tr.T("None"))
	} else {
		v.cramps.SetText(tr.N("{{.Count}} cramps", st.Cramps24h))
	}
	if st.LastCramp != nil {
		v.lastLine.SetText(tr.T("Last one: {{.When}}", l10n.Args{"When": tr.Date(st.LastCramp.At.Local(), "Monday 15:04")}))
	} else {
		v.lastLine.SetText(tr.T("Log one with the big button, day or night."))
	}
	v.showAdvice(st.Advice)
	if st.Notice != "" {
		v.noteText.SetText(tr.T(st.Notice))
		v.notice.Show()
	} else {
		v.notice.Hide()
	}
	// The morning card asks about each cramp of last night (inside the
	// night hours, the night now over) that has no details yet, until the
	// user puts it away. A cramp in the day is no "last night".
	v.asks = v.asks[:0]
	for i := len(st.NoDetails) - 1; i >= 0; i-- {
		if c := st.NoDetails[i]; c.ID > v.dismissed && hours.LastNight(c.At.Local(), st.Now.Local()) {
			v.asks = append(v.asks, c)
		}
	}
	if len(v.asks) > 0 {
		v.mornText.SetText(morningText(tr, v.asks))
		v.morning.Show()
	} else {
		v.morning.Hide()
	}
	v.errLine.Hide()
	v.nextLine.SetText(st.NextLineIn(tr))
	v.history.setNoTray(st.NoTray)
	if st.NoTray {
		v.trayBox.Show()
	} else {
		v.trayBox.Hide()
	}
	if st.StretchPending {
		v.later.Show()
	} else {
		v.later.Hide()
	}
	if st.PausedUntil.IsZero() {
		v.pause1h.Enable()
		v.pauseMorning.Enable()
		v.pauseBox.Hide()
	} else {
		v.pause1h.Disable()
		v.pauseMorning.Disable()
		v.paused.SetText(tr.T("Reminders are paused until {{.When}}.", l10n.Args{"When": tr.Date(st.PausedUntil.Local(), "Monday 15:04")}))
		v.pauseBox.Show()
	}
	if v.grow != nil {
		// Cards shown now may need more room than the window was
		// given when it opened.
		v.grow()
	}
}

// showError puts a plain message under the main button instead of a
// dialog that a sleepy person has to dismiss.
func (v *mainView) showError(msg string) {
	v.errLine.SetText(msg)
	v.errLine.Show()
}

// morningText asks about last night's cramps (oldest first) in words:
// "You logged 3 cramps last night, at 01:20, 02:10 and 04:45."
func morningText(tr *l10n.Lang, cs []cramp.Entry) string {
	why := tr.T("A few taps now help you and your doctor see what helps.")
	if len(cs) == 1 {
		return tr.T("You logged a cramp at {{.Time}}.", l10n.Args{"Time": tr.Time(cs[0].At.Local())}) + " " + why
	}
	times := make([]string, len(cs))
	for i, c := range cs {
		times[i] = tr.Time(c.At.Local())
	}
	list := tr.T("{{.List}} and {{.Last}}", l10n.Args{"List": strings.Join(times[:len(times)-1], ", "), "Last": times[len(times)-1]})
	return tr.N("You logged {{.Count}} cramps last night, at {{.Times}}.", len(cs), l10n.Args{"Times": list}) + " " + why
}

// showAdvice puts a card per piece of advice: the level in words, why
// (the user's own figures), what the level means, and "When to get help"
// first. A card about a cramp's warning sign can be acknowledged ("Got
// it"), which puts away that cramp only; a card about the diary as a
// whole can be hidden for 30 days. An urgent card is set apart in red.
//
// Every change to the diary brings the advice again, mostly the same: the
// cards there are filled in anew rather than made anew, since a window
// open while a script logs 200 cramps would otherwise make 200 sets of
// widgets, each kept by Fyne for a minute after it is gone.
func (v *mainView) showAdvice(list []redflags.Advice) {
	// Hidden when empty, so it takes no room (a VBox pads every child).
	if len(list) == 0 {
		v.advice.Hide()
	} else {
		v.advice.Show()
	}
	for i, a := range list {
		urgent := a.Level == advice.Urgent
		if i == len(v.adviceCards) {
			v.adviceCards = append(v.adviceCards, v.newAdviceCard(urgent))
			v.advice.Add(v.adviceCards[i].obj)
		} else if v.adviceCards[i].urgent != urgent {
			// The frame differs: this one card is made anew.
			c := v.newAdviceCard(urgent)
			v.advice.Objects[i] = c.obj
			v.adviceCards[i] = c
			v.advice.Refresh()
		}
		v.adviceCards[i].fill(a)
	}
	for len(v.adviceCards) > len(list) {
		last := v.adviceCards[len(v.adviceCards)-1]
		v.adviceCards = v.adviceCards[:len(v.adviceCards)-1]
		v.advice.Remove(last.obj)
	}
}

// newAdviceCard makes the widgets of one card; fill puts advice in them.
func (v *mainView) newAdviceCard(urgent bool) *adviceCard {
	tr := v.tr
	c := &adviceCard{tr: v.tr, urgent: urgent, title: subheading(""), reason: body(""), means: body("")}
	c.hide = newTallButton("", nil, minTarget, func() { v.onDismiss(c.rule) })
	// The way to help first, and on a card that says "get medical help
	// now" as the main action; hiding the card comes after, never first.
	help := newTallButton(tr.T("When to get help"), theme.WarningIcon(), minTarget, v.onHelp)
	if urgent {
		help.Importance = widget.HighImportance
	}
	buttons := newFitColumns(2, v.room, help, c.hide)
	content := container.NewVBox(c.title, c.reason, c.means, buttons)
	if urgent {
		c.title.Importance = widget.DangerImportance
		c.obj = urgentBox(content)
	} else {
		c.obj = widget.NewCard("", "", content)
	}
	return c
}

// fill shows a in the card, changing only what differs.
func (c *adviceCard) fill(a redflags.Advice) {
	c.rule = a.Rule
	tr := c.tr
	hide := tr.T("Hide for 30 days")
	if a.PerOccurrence() || c.urgent {
		hide = tr.T("Got it")
	}
	for _, l := range []struct {
		label *widget.Label
		text  string
	}{{c.title, tr.T(a.Title)}, {c.reason, a.ReasonIn(tr)}, {c.means, a.Level.MeansIn(tr)}} {
		if l.label.Text != l.text {
			l.label.SetText(l.text)
		}
	}
	if c.hide.Text != hide {
		c.hide.SetText(hide)
	}
}

// adviceCard is the widgets of one piece of advice.
type adviceCard struct {
	tr                   *l10n.Lang
	obj                  fyne.CanvasObject
	urgent               bool // framed in red
	title, reason, means *widget.Label
	hide                 *tallButton
	rule                 redflags.Rule // what the hide button puts away
}
