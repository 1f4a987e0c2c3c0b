package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
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
		case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameSelection:
			return nightAccent
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
		case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
			return dayAccent
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
// 1.0 (the design asks for at least 16), everything times the user's scale.
func (t careTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
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
	case theme.SizeNameInnerPadding:
		s = 10
	case countdownSize:
		s = 48
	}
	scale := t.scale
	if scale <= 0 {
		scale = 1
	}
	return s * scale
}

// Font implements fyne.Theme.
func (careTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon implements fyne.Theme.
func (careTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
