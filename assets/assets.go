// Package assets holds CrampCare's own artwork, embedded into the binary so
// the app needs no files beside the executable and always shows the same
// pictures, whatever directory it is started from.
//
// The SVG files are the sources; the PNG and ICO files are rendered from
// them (icon.png with rsvg-convert at 512 x 512, tray.png at 64 x 64, and
// tray.ico from the tray drawing rendered at 16, 24, 32, 48 and 64 px).
// Re-render them whenever an SVG changes; assets_test.go checks their sizes.
package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
)

// IconSVG is the app icon as drawn: a teal tile with a night-sky disc, a
// crescent moon and a resting lower leg whose calf is highlighted. It is
// the source of IconPNG and scales cleanly wherever a vector is accepted.
//
//go:embed icon.svg
var IconSVG []byte

// IconPNG is IconSVG rendered at 512 x 512. Window managers, taskbars and
// desktop files want a bitmap, and 512 px is large enough for every size
// they scale it down to.
//
//go:embed icon.png
var IconPNG []byte

// IconSmallPNG is IconSVG at 128 x 128, for notifications: beeep decodes
// the icon into raw pixels for every notification, and a 512 px icon would
// cost the all-day agent a megabyte each time for no visible gain.
//
//go:embed icon-128.png
var IconSmallPNG []byte

// TrayPNG is the monochrome tray icon at 64 x 64 with transparency: a light
// grey moon and leg with a dark outline, so it stays visible on both dark
// and light panels and still reads at 22 px. Linux and macOS trays take PNG.
//
//go:embed tray.png
var TrayPNG []byte

// TrayICO is the same tray drawing as a Windows icon file holding 16, 24,
// 32, 48 and 64 px images, because the Windows notification area only
// accepts ICO bytes and picks the size that suits the screen's scale.
//
//go:embed tray.ico
var TrayICO []byte

// TrayIcon returns the tray icon bytes in the format the running platform's
// tray expects: ICO on Windows, PNG everywhere else.
func TrayIcon() []byte {
	if runtime.GOOS == "windows" {
		return TrayICO
	}
	return TrayPNG
}

// illustrations are the pictures for the relief steps and the evening
// stretch: our own flat drawings in one style (shared/design), SVG so they
// stay crisp at any scale and on the day and night backgrounds alike.
//
//go:embed illustrations/*.svg
var illustrations embed.FS

// Illustration returns the SVG named name (without ".svg"), for example
// "relief-massage".
func Illustration(name string) ([]byte, error) {
	b, err := illustrations.ReadFile("illustrations/" + name + ".svg")
	if err != nil {
		return nil, fmt.Errorf("no illustration %q: %w", name, err)
	}
	return b, nil
}

// Illustrations lists the names of all illustrations.
func Illustrations() []string {
	entries, _ := fs.ReadDir(illustrations, "illustrations")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".svg"))
	}
	return names
}

// FontRegular and FontBold are Noto Sans (SIL Open Font License, see
// fonts/OFL.txt), embedded for the PDF report: a report must show a note
// in any language exactly as typed, which PDF's built-in fonts cannot.
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

// FontBold is the bold face of FontRegular.
//
//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte
