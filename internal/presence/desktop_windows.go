package presence

import (
	"context"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	shell32                       = windows.NewLazySystemDLL("shell32.dll")
	user32                        = windows.NewLazySystemDLL("user32.dll")
	kernel32                      = windows.NewLazySystemDLL("kernel32.dll")
	procSHQueryUserNotificationSt = shell32.NewProc("SHQueryUserNotificationState")
	procGetLastInputInfo          = user32.NewProc("GetLastInputInfo")
	procGetTickCount              = kernel32.NewProc("GetTickCount")
)

// The values of QUERY_USER_NOTIFICATION_STATE.
const (
	qunsNotPresent           = 1 // a screen saver runs, the machine is locked, or a fast user switch is in progress
	qunsBusy                 = 2 // a full-screen application runs
	qunsRunningD3DFullScreen = 3
	qunsPresentationMode     = 4
	qunsAcceptsNotifications = 5
	qunsQuietTime            = 6 // the first hour after a new user's first sign-in
	qunsApp                  = 7 // a Windows Store app runs full screen
)

// Desktop asks Windows what the person is doing: there is no signal to
// watch, so State asks SHQueryUserNotificationState and GetLastInputInfo;
// the agent calls it only while a reminder is due, at most once a minute.
type Desktop struct{}

// Watch returns the Desktop; changed is not called (a held reminder looks
// again every Recheck).
func Watch(context.Context, func()) *Desktop { return &Desktop{} }

// State says what the person is doing now.
func (*Desktop) State() State {
	var s State
	var q int32
	if r, _, _ := procSHQueryUserNotificationSt.Call(uintptr(unsafe.Pointer(&q))); r == 0 { // S_OK
		switch q {
		case qunsNotPresent:
			s.Locked = true
		case qunsBusy, qunsRunningD3DFullScreen, qunsPresentationMode, qunsApp:
			s.FullScreen = true
		case qunsQuietTime:
			s.DoNotDisturb = true
		}
	}
	info := struct {
		size uint32
		time uint32
	}{size: 8}
	if r, _, _ := procGetLastInputInfo.Call(uintptr(unsafe.Pointer(&info))); r != 0 {
		now, _, _ := procGetTickCount.Call()
		// Both in milliseconds since boot, wrapping after 49 days: the
		// unsigned difference is right across the wrap.
		s.Idle = time.Duration(uint32(now)-info.time) * time.Millisecond
	}
	return s
}
