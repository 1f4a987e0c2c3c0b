package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// fallbackArea is the work area assumed when the platform tells none (no
// monitor yet, or a headless driver): a small laptop's screen, so that a
// window sized for it fits on any real one.
func fallbackArea() fyne.Size { return fyne.NewSize(1024, 600) }

// titleBar is what the window manager adds above a window: the work area
// holds the frame and the title bar as well as the content Fyne sizes.
const titleBar = 40

// glfwWorkArea is the usable part of the primary monitor (without panels,
// docks and task bars), in Fyne's units at canvas scale sc. Fyne does not
// expose it, so it comes from GLFW, which Fyne's desktop driver runs on:
// glfwGetMonitorWorkarea reads _NET_WORKAREA of the root window on X11
// (the whole monitor under a window manager that sets none, as Xvfb
// alone), asks SystemParametersInfo(SPI_GETWORKAREA) / GetMonitorInfo's
// rcWork on Windows, and NSScreen's visibleFrame on macOS; on Wayland it
// is the monitor's size. It must run on the main thread after Fyne has
// started GLFW, which creating a window does: openers call it from the
// Fyne thread once their window exists.
func glfwWorkArea(sc float32) (area fyne.Size) {
	// go-gl/glfw panics on any GLFW error still queued, including one an
	// earlier call of Fyne's left behind (Fyne reads them its own way):
	// a window process must not die of that, so the small screen is
	// assumed instead.
	defer func() {
		if recover() != nil {
			area = fallbackArea()
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fallbackArea()
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	if w <= 0 || h <= 0 {
		return fallbackArea()
	}
	if sc <= 0 {
		sc = 1
	}
	return fyne.NewSize(float32(w)/sc, float32(h)/sc)
}
