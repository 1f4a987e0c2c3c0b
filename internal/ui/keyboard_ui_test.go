package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// clickables lists what a mouse can use in o: the enabled, visible
// tappable widgets, not looking inside one (a button's own parts). The
// tab bar of AppTabs is left out: Ctrl+1, 2, 3 switch tabs.
func clickables(o fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	walkShown(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if _, ok := o.(fyne.Tappable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				out = append(out, o)
			}
			return false
		}
		// A scroll's bars are for the mouse (walkShown leaves them out); the
		// keyboard scrolls by moving the focus (see reveal).
		return true
	})
	return out
}

func describe(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *tallButton:
		return fmt.Sprintf("button %q", v.Text)
	case *widget.Button:
		return fmt.Sprintf("button %q", v.Text)
	case *pictureButton:
		return fmt.Sprintf("picture %q", v.label)
	case *focusCheck:
		return fmt.Sprintf("check %q", v.Text)
	}
	return fmt.Sprintf("%T", o)
}

// auditKeyboard checks that Tab, going round the window, reaches every
// control a mouse can use, and that each is a target of 44 px or more.
func auditKeyboard(t *testing.T, where string, w fyne.Window) {
	t.Helper()
	c := w.Canvas()
	reached := map[fyne.CanvasObject]bool{}
	c.Unfocus()
	for range 500 {
		c.FocusNext()
		f := c.Focused()
		if f == nil || reached[f.(fyne.CanvasObject)] {
			break
		}
		o := f.(fyne.CanvasObject)
		reached[o] = true
		if !inView(o) {
			t.Errorf("%s: Tab reached %s out of sight", where, describe(o))
		}
	}
	all := clickables(c.Content())
	if len(all) == 0 {
		t.Fatalf("%s: nothing to use: the audit would prove nothing", where)
	}
	for _, o := range all {
		if !reached[o] {
			t.Errorf("%s: %s cannot be reached with Tab", where, describe(o))
		}
		if s := o.MinSize(); s.Height < minTarget {
			t.Errorf("%s: %s is %.0f px tall, want >= %d", where, describe(o), s.Height, minTarget)
		}
	}
	c.Unfocus()
}

// TestEveryControlByKeyboard goes through every window (and each state
// of the ones that change) as a keyboard-only user would.
func TestEveryControlByKeyboard(t *testing.T) {
	// In every language: longer words must not put a control out of
	// the keyboard's reach (issue 17).
	for _, lang := range l10n.Languages() {
		t.Run(lang, func(t *testing.T) { everyControlByKeyboard(t, lang) })
	}
}

func everyControlByKeyboard(t *testing.T, lang string) {
	u, st := newTestUI(t, day)
	if _, err := u.diary.SetSetting(context.Background(), settings.Language, lang); err != nil {
		t.Fatal(err)
	}
	u.loadStatus()
	e, err := st.AddCramp(cramp.Entry{At: day.Add(-5 * 3600e9)})
	if err != nil {
		t.Fatal(err)
	}

	u.show("main")
	main := u.windows["main"]
	for i, tab := range u.main.tabs.Items {
		u.main.tabs.SelectIndex(i)
		auditKeyboard(t, "main window, "+tab.Text, main)
	}
	u.main.tabs.SelectIndex(0)

	for _, name := range []string{"settings", "fordoctor", "help", "help:prevent", fmt.Sprintf("details:%d", e.ID), "stretch", "reminder:hydration", "reminder:stretch"} {
		u.show(name)
		kind, _, _ := cutColon(name)
		w := u.windows[kind]
		if w == nil {
			t.Errorf("%s did not open", name)
			continue
		}
		auditKeyboard(t, name, w)
		w.Close()
	}

	// The relief flow: where is the cramp, the steps, the steps after 10
	// minutes, the urgent advice, then the questions after "It's over".
	u.show(fmt.Sprintf("relief:%d", e.ID))
	relief := u.windows["relief"]
	v := reliefOf(u)
	auditKeyboard(t, "relief, where is the cramp", relief)
	test.Tap(v.goOn)
	auditKeyboard(t, "relief steps", relief)
	v.checkLong() // the cramp was logged 5 hours ago
	if !v.long.Visible() {
		t.Error("no word about a long cramp")
	}
	auditKeyboard(t, "relief steps, a long cramp", relief)
	test.Tap(v.warn["swelling"])
	auditKeyboard(t, "relief, get medical help now", relief)
	test.Tap(findButton(t, relief.Content(), u.lang.T("Back to the steps")))
	test.Tap(findButton(t, relief.Content(), u.lang.T("It's over")))
	auditKeyboard(t, "relief questions", relief)
}

// inView: o lies within the visible part of every Scroll that holds it.
func inView(o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return false
	}
	for _, s := range scrollsHolding(c.Content(), o) {
		rel := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(s))
		if rel.Y < 0 || rel.Y+o.Size().Height > s.Size().Height+0.5 {
			return false
		}
	}
	return true
}

func cutColon(s string) (string, string, bool) {
	for i := range s {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// The stepper moves onto its steps, keeps a value set elsewhere until
// moved, and greys out the button that would leave the range.
func TestStepper(t *testing.T) {
	test.NewTempApp(t)
	s := newStepper(15, 180, 15, 70, func(m int) string { return fmt.Sprint(m) })
	if s.value() != 70 || s.label.Text != "70" {
		t.Fatalf("starts at %d %q, want 70 as set", s.value(), s.label.Text)
	}
	test.Tap(s.minus)
	if s.value() != 60 {
		t.Errorf("down from 70 = %d, want 60 (onto the steps)", s.value())
	}
	test.Tap(s.plus)
	test.Tap(s.plus)
	if s.value() != 90 {
		t.Errorf("up twice from 60 = %d, want 90", s.value())
	}
	s.set(500)
	if s.value() != 180 || !s.plus.Disabled() || s.minus.Disabled() {
		t.Errorf("set(500): %d, plus disabled %v, minus disabled %v; want 180, true, false", s.value(), s.plus.Disabled(), s.minus.Disabled())
	}
	for range 20 {
		test.Tap(s.minus)
	}
	if s.value() != 15 || !s.minus.Disabled() {
		t.Errorf("all the way down: %d, minus disabled %v", s.value(), s.minus.Disabled())
	}
}
