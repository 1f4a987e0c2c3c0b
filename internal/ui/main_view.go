package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/service"
)

// mainView is the main window: today at a glance and the three things a
// person does here, largest first.
type mainView struct {
	greeting *widget.Label
	glasses  *widget.Label
	progress *widget.ProgressBar
	cramps   *widget.Label
	lastLine *widget.Label
	errLine  *widget.Label
	paused   *widget.Label
	resume   *tallButton
	pauseBox *fyne.Container
	morning  *fyne.Container
	advice   *fyne.Container
	notice   *fyne.Container
	noteText *widget.Label
	mornText *widget.Label
	history  *historyView
	insights *insightsView
	tabs     *container.AppTabs

	onLogCramp func()
	onDrink    func()
	onStretch  func()
	onHelp     func()
	onSettings func()
	onResume   func()
	onBackdate func()
	onDetails  func(e cramp.Entry)
	onDismiss  func(rule redflags.Rule)
	onNoticeOK func()
	// onInsights and onHistory are called when that tab is shown, to load
	// it: neither is read from the diary while out of sight.
	onInsights func()
	onHistory  func()
	// dismissed is the cramp whose morning card was put away this session.
	dismissed uint64
	last      *cramp.Entry
	// adviceCards are the cards in advice, in order.
	adviceCards []*adviceCard
}

func (v *mainView) build() fyne.CanvasObject {
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
		body("Glasses of water today"), v.glasses, v.progress,
		newTallButton("I drank a glass of water", theme.ContentAddIcon(), minTarget, v.onDrink),
	))
	cramps := widget.NewCard("", "", container.NewVBox(
		body("Cramps in the last 24 hours"), v.cramps, v.lastLine,
	))
	v.paused = body("")
	v.resume = newTallButton("Resume reminders", theme.MediaPlayIcon(), minTarget, v.onResume)
	v.pauseBox = container.NewBorder(nil, nil, nil, v.resume, v.paused)
	v.pauseBox.Hide()
	settingsBtn := newTallButton("Settings", theme.SettingsIcon(), minTarget, v.onSettings)
	v.mornText = body("")
	v.morning = container.NewVBox(widget.NewCard("", "", container.NewVBox(
		subheading("About last night"), v.mornText,
		container.NewGridWithColumns(2,
			newTallButton("Not now", nil, minTarget, func() {
				if v.last != nil {
					v.dismissed = v.last.ID
				}
				v.morning.Hide()
			}),
			mainButton("Add details", theme.DocumentCreateIcon(), func() {
				if v.last != nil {
					v.onDetails(*v.last)
				}
			})),
	)))
	v.morning.Hide()
	v.advice = container.NewVBox()
	v.noteText = body("")
	v.notice = container.NewVBox(widget.NewCard("", "", container.NewVBox(
		subheading("About your data"), v.noteText,
		newTallButton("OK", theme.ConfirmIcon(), minTarget, func() { v.onNoticeOK() }),
	)))
	v.notice.Hide()
	content := container.NewVBox(
		container.NewBorder(nil, nil, nil, settingsBtn, v.greeting),
		mainButton("Log a cramp now", theme.MediaRecordIcon(), v.onLogCramp),
		v.errLine,
		v.notice,
		v.advice,
		v.morning,
		container.NewGridWithColumns(2, water, cramps),
		container.NewGridWithColumns(2,
			newTallButton("Start evening stretch", theme.MediaPlayIcon(), minTarget, v.onStretch),
			newTallButton("Log a cramp I had…", theme.HistoryIcon(), minTarget, v.onBackdate)),
		v.pauseBox,
	)
	today := container.NewVScroll(container.NewPadded(content))
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Today", theme.HomeIcon(), today),
		container.NewTabItemWithIcon("History", theme.ListIcon(), v.history.build()),
		container.NewTabItemWithIcon("Insights", theme.InfoIcon(), v.insights.build()),
	)
	v.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case "Insights":
			v.onInsights()
		case "History":
			v.onHistory()
		}
	}
	return container.NewBorder(nil, adviceFooter(v.onHelp), nil, nil, v.tabs)
}

// showingInsights reports whether the Insights tab is in front.
func (v *mainView) showingInsights() bool {
	return v.tabs != nil && v.tabs.Selected() != nil && v.tabs.Selected().Text == "Insights"
}

// showingHistory reports whether the History tab is in front.
func (v *mainView) showingHistory() bool {
	return v.tabs != nil && v.tabs.Selected() != nil && v.tabs.Selected().Text == "History"
}

// refresh shows st; it must run on the Fyne thread.
func (v *mainView) refresh(st service.Status) {
	v.greeting.SetText(greeting(st.Now))
	v.glasses.SetText(fmt.Sprintf("%d of %d glasses", st.Glasses, st.Goal))
	if st.Goal > 0 {
		v.progress.SetValue(min(1, float64(st.Glasses)/float64(st.Goal)))
	}
	switch st.Cramps24h {
	case 0:
		v.cramps.SetText("None")
	case 1:
		v.cramps.SetText("1 cramp")
	default:
		v.cramps.SetText(fmt.Sprintf("%d cramps", st.Cramps24h))
	}
	if st.LastCramp != nil {
		v.lastLine.SetText("Last one: " + st.LastCramp.At.Local().Format("Monday 15:04"))
	} else {
		v.lastLine.SetText("Log one with the big button, day or night.")
	}
	v.showAdvice(st.Advice)
	if st.Notice != "" {
		v.noteText.SetText(st.Notice)
		v.notice.Show()
	} else {
		v.notice.Hide()
	}
	// The morning card asks about the newest cramp while it has no
	// details, until the user puts it away.
	v.last = st.LastCramp
	if c := st.LastCramp; c != nil && c.NeedsDetails() && c.ID != v.dismissed && st.Now.Sub(c.At) < 36*time.Hour {
		v.mornText.SetText(fmt.Sprintf("You logged a cramp at %s. A few taps now help you and your doctor see what helps.", c.At.Local().Format("15:04")))
		v.morning.Show()
	} else {
		v.morning.Hide()
	}
	v.errLine.Hide()
	if st.PausedUntil.IsZero() {
		v.pauseBox.Hide()
	} else {
		v.paused.SetText("Reminders are paused until " + st.PausedUntil.Local().Format("Monday 15:04") + ".")
		v.pauseBox.Show()
	}
}

// showError puts a plain message under the main button instead of a
// dialog that a sleepy person has to dismiss.
func (v *mainView) showError(msg string) {
	v.errLine.SetText(msg)
	v.errLine.Show()
}

func greeting(t time.Time) string {
	switch h := t.Hour(); {
	case h < 5 || h >= 22:
		return "Good night"
	case h < 12:
		return "Good morning"
	case h < 18:
		return "Good afternoon"
	default:
		return "Good evening"
	}
}

// showAdvice puts a calm card per piece of doctor advice: what, why (the
// user's own figures), the red flags one click away, and Hide for 30 days.
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
	for len(v.adviceCards) < len(list) {
		c := &adviceCard{title: subheading(""), reason: body("")}
		c.obj = widget.NewCard("", "", container.NewVBox(
			c.title, c.reason,
			container.NewGridWithColumns(2,
				newTallButton("Hide for 30 days", nil, minTarget, func() { v.onDismiss(c.rule) }),
				newTallButton("When to get help", theme.WarningIcon(), minTarget, v.onHelp)),
		))
		v.adviceCards = append(v.adviceCards, c)
		v.advice.Add(c.obj)
	}
	for len(v.adviceCards) > len(list) {
		last := v.adviceCards[len(v.adviceCards)-1]
		v.adviceCards = v.adviceCards[:len(v.adviceCards)-1]
		v.advice.Remove(last.obj)
	}
	for i, a := range list {
		c := v.adviceCards[i]
		c.rule = a.Rule
		importance := widget.MediumImportance
		if a.Level == redflags.Promptly {
			importance = widget.DangerImportance
		}
		if c.title.Text != a.Title || c.title.Importance != importance {
			c.title.Importance = importance
			c.title.SetText(a.Title)
		}
		if c.reason.Text != a.Reason {
			c.reason.SetText(a.Reason)
		}
	}
}

// adviceCard is the widgets of one piece of doctor advice.
type adviceCard struct {
	obj    fyne.CanvasObject
	title  *widget.Label
	reason *widget.Label
	rule   redflags.Rule // what Hide puts away
}
