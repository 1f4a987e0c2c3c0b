package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// testBackend is the real service plus the reminder controls the agent
// would provide.
type testBackend struct {
	*service.Service
	later, tests, quits int
	testErr             error
}

func (b *testBackend) Quit(context.Context) error { b.quits++; return nil }

func (b *testBackend) Later(context.Context) error { b.later++; return nil }
func (b *testBackend) TestNotification(context.Context) error {
	b.tests++
	return b.testErr
}

// newTestUI builds the window process's UI on Fyne's test app, over a real
// service on a temp store; the service's change hook plays the agent's
// "changed" event.
func newTestUI(t *testing.T, now time.Time) (*ui, *store.Store) {
	t.Helper()
	return newTestUIClock(t, func() time.Time { return now })
}

// newTestUIClock is newTestUI on a clock the test moves.
func newTestUIClock(t testing.TB, clock func() time.Time) (*ui, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var u *ui
	svc := service.New(service.Params{Store: st, Now: clock, OnChange: func(c diary.Change) {
		u.handle(api.Event{Type: api.EventChanged, Change: string(c)})
	}})
	u = newUI(a, &testBackend{Service: svc}, clock, os.Stderr, "en_GB.UTF-8")
	// Reads and drawings run at once. Every change is
	// read at once; TestBurstOfChangesIsReadOnce and
	// TestHistoryReadsAtMostEveryGap look at the gap. No real one-second
	// ticker: in the test driver fyne.Do runs on the ticker's goroutine,
	// racing the test (and outliving it). Tests that need time to pass
	// install a manualTicker.
	u.pace.fetch = func(get func() (put func())) { get()() }
	u.pace.every = func(time.Duration, func()) func() { return func() {} }
	u.pace.historyGap = 0
	u.pace.readDone = nil
	return u, st
}

// viewOf is the view in the open window of kind, or nil when none is open:
// how a test reaches a window opened by a tap.
func viewOf[V any](u *ui, kind string) V {
	var v V
	if w := u.windows[kind]; w != nil {
		v, _ = w.view.(V)
	}
	return v
}

// reliefOf is the open relief window's steps, or nil when the window is
// closed or its steps are not read yet.
func reliefOf(u *ui) *reliefView {
	if r := viewOf[*reliefWindow](u, "relief"); r != nil {
		return r.view
	}
	return nil
}

// walkShown visits o and what it holds as the window shows it, depth
// first: a container's objects, a scroll's content (not its bars), the
// selected tab of AppTabs, a widget's renderer objects. visit says whether
// to look inside what it was given (hidden objects are visited too, for it
// to judge). walk (cramp_ui_test.go) visits everything.
func walkShown(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !visit(o) {
		return
	}
	switch v := o.(type) {
	case *container.Scroll:
		walkShown(v.Content, visit)
	case *container.AppTabs:
		if v.Selected() != nil {
			walkShown(v.Selected().Content, visit)
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			walkShown(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walkShown(c, visit)
		}
	}
}

// findButton walks a widget tree for the button with this text.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *tallButton {
	t.Helper()
	var found *tallButton
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*tallButton); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

var day = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
var atNight = time.Date(2026, 11, 23, 3, 0, 0, 0, time.Local)

func TestMainWindowDrinkAndLog(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("main")
	w := u.windows["main"]
	if w == nil || w.Title() != TitleMain {
		t.Fatalf("main window = %v", w)
	}
	if got := u.main.glasses.Text; got != "0 of 8 glasses" {
		t.Errorf("glasses = %q", got)
	}
	if got := u.main.greeting.Text; got != "Good morning" {
		t.Errorf("greeting = %q", got)
	}

	test.Tap(findButton(t, w.Content(), "I drank a glass of water"))
	if got := u.main.glasses.Text; got != "1 of 8 glasses" {
		t.Errorf("after a glass: %q, want 1 of 8 glasses", got)
	}
	if got := u.main.progress.Value; math.Abs(got-0.125) > 1e-9 {
		t.Errorf("progress = %v, want 0.125", got)
	}

	test.Tap(findButton(t, w.Content(), "Log a cramp now"))
	cr, err := st.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cr) != 1 || !cr[0].At.Equal(day) {
		t.Fatalf("stored cramps %v, want one at %v", cr, day)
	}
	if got := u.main.cramps.Text; got != "1 cramp" {
		t.Errorf("cramps label = %q", got)
	}
	relief := u.windows["relief"]
	if relief == nil || relief.Title() != TitleRelief {
		t.Fatalf("relief window not open: %v", relief)
	}
	test.Tap(findButton(t, relief.Content(), "Show me what to do"))
	test.Tap(findButton(t, relief.Content(), "It's over"))
	test.Tap(findButton(t, relief.Content(), "Done"))
	if _, open := u.windows["relief"]; open {
		t.Error("relief window still open after It's over and Done")
	}
}

func TestHelpIsOneClickAway(t *testing.T) {
	u, _ := newTestUI(t, day)
	for _, name := range []string{"main", "relief", "stretch", "reminder:hydration", "reminder:stretch"} {
		u.show(name)
		kind, _, _ := cutColon(name)
		test.Tap(findButton(t, u.windows[kind].Content(), "When to get help"))
		h := u.windows["help"]
		if h == nil || h.Title() != TitleHelp {
			t.Fatalf("%s: help window not open", name)
		}
		test.Tap(findButton(t, h.Content(), "Close"))
		if _, open := u.windows["help"]; open {
			t.Errorf("%s: help still open after Close", name)
		}
		if kind != "main" {
			u.windows[kind].Close()
		}
	}
}

func TestShowRaisesInsteadOfDuplicating(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("main")
	first := u.windows["main"]
	u.show("main")
	if u.windows["main"] != first {
		t.Error("a second show made a second main window")
	}
	u.handle(api.Event{Type: api.EventShow, Window: "stretch"})
	if w := u.windows["stretch"]; w == nil || w.Title() != TitleStretch {
		t.Error("show event did not open the stretch window")
	}
}

func TestNightThemeAtNight(t *testing.T) {
	u, _ := newTestUI(t, atNight)
	th, ok := u.app.Settings().Theme().(careTheme)
	if !ok || !th.night {
		t.Fatalf("theme at 03:00 = %#v, want the night theme", u.app.Settings().Theme())
	}
	if c := th.Color(theme.ColorNameBackground, theme.VariantLight); c != nightBg {
		t.Errorf("night background = %v", c)
	}
	u2, _ := newTestUI(t, day)
	if th := u2.app.Settings().Theme().(careTheme); th.night {
		t.Error("day theme is dark")
	}
}

func TestTargetsAreLargeEnough(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("main")
	c := u.windows["main"].Content()
	if h := findButton(t, c, "Log a cramp now").MinSize().Height; h < mainTarget {
		t.Errorf("main action is %v px tall, want >= %d", h, mainTarget)
	}
	for _, label := range []string{"I drank a glass of water", "Start evening stretch", "When to get help"} {
		if h := findButton(t, c, label).MinSize().Height; h < minTarget {
			t.Errorf("%q is %v px tall, want >= %d", label, h, minTarget)
		}
	}
	if s := (careTheme{scale: 1}).Size(theme.SizeNameText); s < 16 {
		t.Errorf("body text %v px, want >= 16", s)
	}
}

// luminance and contrast follow WCAG 2.x.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrast(t *testing.T) {
	for _, th := range []careTheme{{night: false}, {night: true}} {
		pairs := map[string][2]fyne.ThemeColorName{
			"text on background":     {theme.ColorNameForeground, theme.ColorNameBackground},
			"text on button":         {theme.ColorNameForeground, theme.ColorNameButton},
			"text on main button":    {theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
			"red flag on background": {theme.ColorNameError, theme.ColorNameBackground},
			"helped on background":   {theme.ColorNameSuccess, theme.ColorNameBackground},
			// Fyne tints a focused button with the focus colour; its label
			// must still read (a solid accent left it at 1.6:1).
			"text on focused button": {theme.ColorNameForeground, theme.ColorNameFocus},
		}
		for name, p := range pairs {
			fg, bg := th.Color(p[0], 0), th.Color(p[1], 0)
			if p[1] == theme.ColorNameFocus {
				// The focus colour is blended over the button.
				bg = over(bg, th.Color(theme.ColorNameButton, 0))
			}
			// A translucent button is drawn over the background.
			if r := contrast(fg, over(bg, th.Color(theme.ColorNameBackground, 0))); r < 4.5 {
				t.Errorf("night=%v %s: contrast %.2f, want >= 4.5", th.night, name, r)
			}
		}
		// Where the keyboard is must show: the focus outline (a picture
		// button's) against the window, at WCAG's 3:1 for non-text.
		bg := th.Color(theme.ColorNameBackground, 0)
		if r := contrast(over(th.Color(colorNameFocusRing, 0), bg), bg); r < 3 {
			t.Errorf("night=%v focus ring: contrast %.2f, want >= 3", th.night, r)
		}
		// An unchecked box must not look disabled: its border at 3:1
		// (WCAG 1.4.11), on the window and on a card.
		for _, under := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			if r := contrast(th.Color(theme.ColorNameInputBorder, 0), over(th.Color(under, 0), bg)); r < 3 {
				t.Errorf("night=%v unchecked box border on %s: contrast %.2f, want >= 3", th.night, under, r)
			}
		}
	}
}

// textColour finds the canvas text saying text inside o, as drawn.
func textColour(t *testing.T, o fyne.CanvasObject, text string) color.Color {
	t.Helper()
	var c color.Color
	walk(o, func(o fyne.CanvasObject) {
		if x, ok := o.(*canvas.Text); ok && x.Text == text && c == nil {
			c = x.Color
		}
	})
	if c == nil {
		t.Fatalf("no text %q", text)
	}
	return c
}

// focusRing finds a visible outline of at least 2 px among w's own
// objects.
func focusRing(w fyne.Widget) *canvas.Rectangle {
	for _, o := range test.WidgetRenderer(w).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() && r.StrokeWidth >= 2 && r.StrokeColor != nil {
			if _, _, _, a := r.StrokeColor.RGBA(); a > 0 {
				return r
			}
		}
	}
	return nil
}

// Selected and focused controls, as drawn, by day and by night: light
// text on the accent, a focused button still readable, and a focus ring
// that is not the "selected" accent.
func TestSelectedAndFocusedAreReadable(t *testing.T) {
	for _, night := range []bool{false, true} {
		a := test.NewTempApp(t)
		th := careTheme{night: night}
		a.Settings().SetTheme(th)
		bg := th.Color(theme.ColorNameBackground, 0)
		primary := th.Color(theme.ColorNamePrimary, 0)

		// A chosen picture ("Calf" after "Which muscle?").
		calf := newPictureButton("Calf", (&artist{fetch: func(get func() func()) { get()() }}).illustration(theme.HomeIcon(), fyne.NewSize(96, 96)), func() {})
		hide := newTallButton("Hide for 30 days", nil, minTarget, func() {})
		w := test.NewTempWindow(t, container.NewVBox(calf, hide))
		calf.setSelected(true)
		if r := contrast(textColour(t, calf, "Calf"), calf.bg.FillColor); r < 4.5 {
			t.Errorf("night=%v selected picture's caption: contrast %.2f, want >= 4.5", night, r)
		}

		// "Hide for 30 days" reached with Tab.
		w.Canvas().Focus(hide)
		var fill color.Color
		for _, o := range test.WidgetRenderer(hide).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && fill == nil {
				fill = over(r.FillColor, bg)
			}
		}
		if r := contrast(textColour(t, hide, "Hide for 30 days"), fill); r < 4.5 {
			t.Errorf("night=%v focused button's label: contrast %.2f, want >= 4.5", night, r)
		}
		if r := contrast(fill, primary); r < 1.5 {
			t.Errorf("night=%v focused button looks selected: %.2f:1 from the accent", night, r)
		}

		// Both show a ring where the keyboard is, on the window, in a
		// colour other than the accent that marks a choice.
		for name, wid := range map[string]fyne.Widget{"button": hide, "selected picture": calf} {
			if name == "button" {
				w.Canvas().Focus(hide)
			} else {
				w.Canvas().Focus(calf)
			}
			ring := focusRing(wid)
			if ring == nil {
				t.Errorf("night=%v focused %s: no focus ring", night, name)
				continue
			}
			if r := contrast(over(ring.StrokeColor, bg), bg); r < 3 {
				t.Errorf("night=%v focused %s: ring contrast %.2f, want >= 3", night, name, r)
			}
			if r := contrast(over(ring.StrokeColor, bg), primary); r < 1.5 {
				t.Errorf("night=%v focused %s: ring is the selection accent (%.2f:1)", night, name, r)
			}
		}
	}
}

// The selected tab's label in the main window, by day and by night (at
// night the dimmed accent was 3.2:1 on the near-black).
func TestSelectedTabIsReadable(t *testing.T) {
	for _, now := range []time.Time{day, atNight} {
		u, _ := newTestUI(t, now)
		u.show("main")
		c := u.windows["main"].Content()
		th := u.app.Settings().Theme()
		bg := th.Color(theme.ColorNameBackground, 0)
		if r := contrast(textColour(t, c, "Today"), bg); r < 4.5 {
			t.Errorf("at %s: selected tab contrast %.2f, want >= 4.5", now.Format("15:04"), r)
		}
		// The pages keep the app's accent: the main button is not drawn
		// in the tab colour.
		b := findButton(t, c, "Log a cramp now")
		if fill := test.WidgetRenderer(b).Objects()[0].(*canvas.Rectangle).FillColor; fill != th.Color(theme.ColorNamePrimary, 0) {
			t.Errorf("at %s: main button %v, want the accent %v", now.Format("15:04"), fill, th.Color(theme.ColorNamePrimary, 0))
		}
		u.windows["main"].Close()
	}
}

// At night no coloured text may outshine the body text: eyes used to the
// dark see a bright green or red as a glare. (Text on the accent button is
// the one exception: on the dimmed accent it needs to be brighter for 4.5:1.)
func TestNightColoursNoBrighterThanText(t *testing.T) {
	th := careTheme{night: true}
	text := luminance(th.Color(theme.ColorNameForeground, 0))
	for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameError, theme.ColorNameWarning,
		theme.ColorNamePrimary, theme.ColorNameHyperlink} {
		if l := luminance(th.Color(n, 0)); l > text*1.05 {
			t.Errorf("%s at night: luminance %.2f, body text %.2f", n, l, text)
		}
	}
}

// over composites a possibly translucent colour on an opaque one.
func over(c, bg color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(n.R, b.R), mix(n.G, b.G), mix(n.B, b.B), 255}
}

func TestAppIDMatchesFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ID\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != AppID {
		t.Errorf("FyneApp.toml ID %q, ui.AppID %q", m, AppID)
	}
}

func TestMainWindowMarkup(t *testing.T) {
	for name, now := range map[string]time.Time{"main_day.xml": day, "main_night.xml": atNight} {
		u, _ := newTestUI(t, now)
		u.show("main")
		w := u.windows["main"]
		w.Resize(fyne.NewSize(640, 600))
		test.AssertRendersToMarkup(t, name, w.Canvas())
		w.Close()
	}
}

// At night no part of a picture may be brighter than the body text: the
// beige bed across the relief pictures was the brightest thing on screen.
func TestNightPicturesNoBrighterThanText(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(careTheme{night: true})
	text := luminance(nightText)
	hex := regexp.MustCompile(`#[0-9A-Fa-f]{6}\b`)
	names := assets.Illustrations()
	if len(names) == 0 {
		t.Fatal("no illustrations")
	}
	for _, name := range names {
		svg, err := assets.Illustration(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range hex.FindAllString(string(themedPicture(a, name+".svg", svg).Content()), -1) {
			var r, g, b uint8
			fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
			if l := luminance(color.NRGBA{r, g, b, 0xFF}); l > text {
				t.Errorf("%s at night: %s has luminance %.2f, body text %.2f", name, c, l, text)
			}
		}
	}
}

// statusFails is a backend whose status cannot be read.
type statusFails struct{ *testBackend }

func (statusFails) Status(context.Context) (diary.Status, error) {
	return diary.Status{}, errors.New("i/o timeout")
}

// TestMainWindowWhenTheFirstStatusFails: the window process's first read
// of the status failing (an agent busy at start) still shows the main
// window in our theme. Before, the window was built in Fyne's theme, which
// has no colour for our names: the test theme's nil colour panicked.
func TestMainWindowWhenTheFirstStatusFails(t *testing.T) {
	clock := func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local) }
	ok, _ := newTestUIClock(t, clock)
	u := newUI(test.NewTempApp(t), statusFails{ok.diary.(*testBackend)}, clock, io.Discard, "en_GB.UTF-8")
	u.pace = ok.pace
	u.show("main")
	if _, is := u.app.Settings().Theme().(careTheme); !is {
		t.Errorf("theme %T, want careTheme", u.app.Settings().Theme())
	}
	if u.windows["main"] == nil {
		t.Error("no main window")
	}
}
