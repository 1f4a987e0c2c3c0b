package presence

/*
#cgo pkg-config: xcb
#include <stdlib.h>
#include <string.h>
#include <xcb/xcb.h>

static xcb_atom_t cc_atom(xcb_connection_t *c, const char *name) {
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(c, xcb_intern_atom(c, 1, strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return a;
}

// cc_fullscreen (any property type: a window manager sets WINDOW and ATOM,
// but a tool may not): 1 if the active window (_NET_ACTIVE_WINDOW) has
// _NET_WM_STATE_FULLSCREEN, 0 if not, -1 if the X server cannot be asked.
// xcb reports errors per request rather than through a handler that
// exits the process, as Xlib's default does.
static int cc_fullscreen(const char *display) {
	xcb_connection_t *c = xcb_connect(display, NULL);
	if (xcb_connection_has_error(c)) {
		xcb_disconnect(c);
		return -1;
	}
	int result = 0;
	xcb_window_t root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
	xcb_atom_t active = cc_atom(c, "_NET_ACTIVE_WINDOW");
	xcb_atom_t state = cc_atom(c, "_NET_WM_STATE");
	xcb_atom_t full = cc_atom(c, "_NET_WM_STATE_FULLSCREEN");
	if (active == XCB_ATOM_NONE || state == XCB_ATOM_NONE || full == XCB_ATOM_NONE) {
		xcb_disconnect(c);
		return 0;
	}
	xcb_get_property_reply_t *r = xcb_get_property_reply(c,
		xcb_get_property(c, 0, root, active, XCB_GET_PROPERTY_TYPE_ANY, 0, 1), NULL);
	xcb_window_t win = XCB_WINDOW_NONE;
	if (r && xcb_get_property_value_length(r) >= 4) {
		win = *(xcb_window_t *)xcb_get_property_value(r);
	}
	free(r);
	if (win != XCB_WINDOW_NONE) {
		r = xcb_get_property_reply(c, xcb_get_property(c, 0, win, state, XCB_GET_PROPERTY_TYPE_ANY, 0, 64), NULL);
		if (r) {
			int n = xcb_get_property_value_length(r) / 4;
			xcb_atom_t *atoms = (xcb_atom_t *)xcb_get_property_value(r);
			for (int i = 0; i < n; i++) {
				if (atoms[i] == full) {
					result = 1;
				}
			}
		}
		free(r);
	}
	xcb_disconnect(c);
	return result;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// fullScreen asks the X server on display whether the active window is
// full screen (a presentation, a film, a video call). It opens a
// connection for the one question: it is asked only while a reminder is
// due, at most once a minute, so a connection kept open all day would
// cost more than it saves. On Wayland without Xwayland, or without a
// window manager that sets _NET_ACTIVE_WINDOW, the answer is "no".
func fullScreen(display string) (bool, error) {
	if display == "" {
		return false, errors.New("no X display")
	}
	d := C.CString(display)
	defer C.free(unsafe.Pointer(d))
	switch C.cc_fullscreen(d) {
	case 1:
		return true, nil
	case 0:
		return false, nil
	}
	return false, errors.New("the X server cannot be reached")
}
