package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Colours from shared/design/look-and-feel.md. Red is kept for red flags.
var (
	dayAccent     = color.NRGBA{0x2F, 0x7F, 0x86, 0xFF}
	nightBg       = color.NRGBA{0x10, 0x14, 0x18, 0xFF}
	nightText     = color.NRGBA{0xC8, 0xC2, 0xB8, 0xFF}
	nightAccent   = color.NRGBA{0x3E, 0x6E, 0x73, 0xFF}
	nightButton   = color.NRGBA{0x1E, 0x25, 0x2B, 0xFF}
	nightSurface  = color.NRGBA{0x17, 0x1C, 0x21, 0xFF}
	nightMuted    = color.NRGBA{0x8E, 0x89, 0x81, 0xFF}
	nightOnAccent = color.NRGBA{0xEC, 0xE6, 0xDC, 0xFF}
	nightRed      = color.NRGBA{0xE0, 0x8A, 0x7A, 0xFF}
	dayRed        = color.NRGBA{0xB3, 0x26, 0x1E, 0xFF}
	// Greens for "helped you": Fyne's are bright enough to glare at night
	// and too pale to read on white by day.
	nightGreen = color.NRGBA{0x7F, 0xA8, 0x84, 0xFF}
	dayGreen   = color.NRGBA{0x2E, 0x6B, 0x32, 0xFF}
	// Focus tints a focused control lightly, so that its label keeps its
	// contrast (5.2:1 by day, 7.3:1 by night); the ring (focusRing) is
	// what shows where the keyboard is. A solid accent made a focused
	// button look selected, with its dark label at 1.6:1.
	dayFocus   = color.NRGBA{0x2F, 0x7F, 0x86, 0x33}
	nightFocus = color.NRGBA{0x3E, 0x6E, 0x73, 0x33}
	// Borders of unchecked boxes and empty fields, at least 3:1 against
	// the window (WCAG 1.4.11): Fyne's are 1.3:1 by day and 1.6:1 by night,
	// so an unchecked box looked disabled.
	dayBorder   = color.NRGBA{0x8A, 0x8A, 0x8A, 0xFF}
	nightBorder = color.NRGBA{0x7A, 0x75, 0x6E, 0xFF}
	// nightTab is the selected tab's label and bar at night: the dimmed
	// accent is 3.2:1 on the near-black, too faint for text; this lighter
	// teal is 5.4:1 and still darker than the body text.
	nightTab = color.NRGBA{0x5E, 0x94, 0x99, 0xFF}
)

// Colours of our own, beyond Fyne's names.
const (
	// colorNameFocusRing outlines the control that has the keyboard
	// focus: the text colour, so it differs from the accent that marks
	// a selected choice, and reads on the window by day and night. (Fyne's
	// own name, so that a theme without ours, as in tests, draws it too.)
	colorNameFocusRing = theme.ColorNameForeground
	// colorNameSelectedTab is the selected tab's colour (see tabTheme).
	colorNameSelectedTab fyne.ThemeColorName = "crampcare-selected-tab"
)

// careTheme is Fyne's theme made larger and, at night, dark and dim: the
// people using it are often over 50, and at 3 a.m. their eyes are used to
// the dark. It ignores the system's light/dark choice on purpose: the night
// look follows the clock (night.start..night.end), not the desktop.
type careTheme struct {
	night bool
	scale float32
}

var _ fyne.Theme = careTheme{}

func (t careTheme) variant() fyne.ThemeVariant {
	if t.night {
		return theme.VariantDark
	}
	return theme.VariantLight
}

// Color implements fyne.Theme.
func (t careTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if t.night {
		switch n {
		case theme.ColorNameBackground:
			return nightBg
		case theme.ColorNameForeground, theme.ColorNameHyperlink:
			return nightText
		case theme.ColorNamePrimary, theme.ColorNameSelection:
			return nightAccent
		case theme.ColorNameFocus:
			return nightFocus
		case theme.ColorNameInputBorder:
			return nightBorder
		case colorNameSelectedTab:
			return nightTab
		case theme.ColorNameForegroundOnPrimary:
			return nightOnAccent
		case theme.ColorNameButton, theme.ColorNameInputBackground:
			return nightButton
		case theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
			return nightSurface
		case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
			return nightMuted
		case theme.ColorNameError, theme.ColorNameWarning:
			return nightRed
		case theme.ColorNameSuccess:
			return nightGreen
		}
	} else {
		switch n {
		case theme.ColorNamePrimary, theme.ColorNameHyperlink, colorNameSelectedTab:
			return dayAccent
		case theme.ColorNameFocus:
			return dayFocus
		case theme.ColorNameInputBorder:
			return dayBorder
		case theme.ColorNameForegroundOnPrimary:
			return color.White
		case theme.ColorNameError, theme.ColorNameWarning:
			// Fyne's red is 3.7:1 on white; red-flag text needs 4.5:1.
			return dayRed
		case theme.ColorNameSuccess:
			return dayGreen
		}
	}
	return theme.DefaultTheme().Color(n, t.variant())
}

// Size implements fyne.Theme: body text 18 px and headings 28 px at scale
// 1.0 (the design asks for at least 16). The user's scale enlarges the
// text and the icons beside it; the space around them grows no further
// than at 100 %: large text needs room for its letters, not twice the
// padding, and on a laptop screen at 200 % doubled padding took a third
// of the height that the step, its countdown and the buttons need.
func (t careTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	text := true
	switch n {
	case theme.SizeNameText:
		s = 18
	case theme.SizeNameSubHeadingText:
		s = 22
	case theme.SizeNameHeadingText:
		s = 28
	case theme.SizeNameCaptionText:
		s = 15
	case theme.SizeNameInlineIcon:
		s = 24
	case countdownSize:
		s = 48
	case theme.SizeNameInnerPadding:
		s, text = 10, false
	default:
		text = false
	}
	scale := t.scale
	if scale <= 0 {
		scale = 1
	}
	if !text {
		scale = min(scale, 1)
	}
	return s * scale
}

// Font implements fyne.Theme.
func (careTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon implements fyne.Theme.
func (careTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// tabTheme is the app's theme as the tab bar of the main window sees it:
// Fyne draws the selected tab's label in the primary colour, which at
// night is the dimmed accent, too faint for text; here it is the selected
// tab colour instead. It asks the app for its theme on every call, so it
// follows the change from day to night. Each tab's page is put back under
// appTheme, so the buttons there keep the dimmed accent.
type tabTheme struct{ appTheme }

// Color implements fyne.Theme.
func (t tabTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		n = colorNameSelectedTab
	}
	return t.appTheme.Color(n, v)
}

// appTheme is whatever theme the app has now: a page inside the tabs is
// drawn with it rather than with tabTheme.
type appTheme struct{}

func (appTheme) current() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().Theme()
	}
	return careTheme{}
}

// Color implements fyne.Theme.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.current().Color(n, v)
}

// Size implements fyne.Theme.
func (t appTheme) Size(n fyne.ThemeSizeName) float32 { return t.current().Size(n) }

// Font implements fyne.Theme.
func (t appTheme) Font(s fyne.TextStyle) fyne.Resource { return t.current().Font(s) }

// Icon implements fyne.Theme.
func (t appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.current().Icon(n) }

// nightPalette recolours the pictures for the night: the props' light
// beige (#D8D2C8, a bed drawn across the width of the picture) was the
// brightest thing on the screen, brighter than the text, to eyes used to
// the dark. The props go dim and warm; the person and the highlighted
// muscle keep their colours, which are already darker than the text.
var nightPalette = strings.NewReplacer(
	"#D8D2C8", "#5C574F", // props: bed, wall, pillow
	"#B8B0A4", "#6B655C", // props' shade: bed legs, pillow
)

// themedPicture is an illustration as a resource, in the night palette
// when the app shows the night theme. The name says which, since Fyne
// caches a picture by its name.
func themedPicture(a fyne.App, name string, svg []byte) fyne.Resource {
	if th, ok := a.Settings().Theme().(careTheme); ok && th.night {
		return fyne.NewStaticResource("night-"+name, []byte(nightPalette.Replace(string(svg))))
	}
	return fyne.NewStaticResource(name, svg)
}

// listTheme is the app's theme with the space around each line of a list
// cut down: a list of warning signs reads as one block, and at large text
// the padding of eight labels was most of a screen.
type listTheme struct{ appTheme }

// Size implements fyne.Theme.
func (t listTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameInnerPadding:
		return 3
	case theme.SizeNamePadding:
		return 2
	}
	return t.appTheme.Size(n)
}

// tightList draws o, a list of labels, with listTheme.
func tightList(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(o, listTheme{})
}
