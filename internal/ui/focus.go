package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// reveal scrolls each Scroll that holds o so that o is in view. Fyne moves
// the focus with Tab but does not scroll to it (fyne-io/fyne#3029), and a
// control out of sight is not reachable in any useful sense; so every
// focusable control of ours calls this when it gains the focus.
func reveal(o fyne.CanvasObject) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	d := a.Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return
	}
	for _, s := range scrollsHolding(c.Content(), o) {
		rel := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(s))
		off, h := s.Offset, o.Size().Height
		switch {
		case rel.Y < 0:
			off.Y += rel.Y
		case rel.Y+h > s.Size().Height:
			off.Y += rel.Y + h - s.Size().Height
		default:
			continue
		}
		s.ScrollToOffset(off)
		// ScrollToOffset does not say it scrolled; a virtual list (the
		// history) needs to hear it to put the rows now in view there.
		if s.OnScrolled != nil {
			s.OnScrolled(s.Offset)
		}
	}
}

// scrollsHolding lists the Scrolls between root and o, innermost first. It
// knows the containers our windows are made of; o inside anything else is
// not found, and nothing scrolls.
func scrollsHolding(root, o fyne.CanvasObject) []*container.Scroll {
	var path []*container.Scroll
	var find func(n fyne.CanvasObject) bool
	find = func(n fyne.CanvasObject) bool {
		if n == nil {
			return false
		}
		if n == o {
			return true
		}
		switch v := n.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				if find(c) {
					return true
				}
			}
		case *container.Scroll:
			if find(v.Content) {
				path = append(path, v)
				return true
			}
		case *widget.Card:
			return find(v.Content)
		case *container.ThemeOverride:
			return find(v.Content)
		case *container.AppTabs:
			if s := v.Selected(); s != nil {
				return find(s.Content)
			}
		}
		return false
	}
	find(root)
	return path
}

// focusCheck, focusSelect and focusEntry are Fyne's widgets that scroll
// into view when Tab reaches them.
type focusCheck struct {
	widget.Check
	focused bool
}

func newCheck(label string) *focusCheck {
	c := &focusCheck{}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained implements fyne.Focusable.
func (c *focusCheck) FocusGained() { c.focused = true; c.Check.FocusGained(); reveal(c) }

// FocusLost implements fyne.Focusable.
func (c *focusCheck) FocusLost() { c.focused = false; c.Check.FocusLost() }

// CreateRenderer implements fyne.Widget: Fyne's check with a focus ring.
func (c *focusCheck) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(c, c.Check.CreateRenderer(), func() bool { return c.focused })
}

type focusSelect struct {
	widget.Select
	focused bool
}

func newSelect(options []string) *focusSelect {
	s := &focusSelect{}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

// FocusGained implements fyne.Focusable.
func (s *focusSelect) FocusGained() { s.focused = true; s.Select.FocusGained(); reveal(s) }

// FocusLost implements fyne.Focusable.
func (s *focusSelect) FocusLost() { s.focused = false; s.Select.FocusLost() }

// CreateRenderer implements fyne.Widget: Fyne's select with a focus ring.
func (s *focusSelect) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(s, s.Select.CreateRenderer(), func() bool { return s.focused })
}

type focusEntry struct{ widget.Entry }

func newMultiLineEntry() *focusEntry {
	e := &focusEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained implements fyne.Focusable.
func (e *focusEntry) FocusGained() { e.Entry.FocusGained(); reveal(e) }
