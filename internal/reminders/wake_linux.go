package reminders

import (
	"context"

	"github.com/godbus/dbus/v5"
)

// WatchResume calls wake each time logind reports the computer woke from
// suspend, so reminders are recomputed at once rather than at the next
// coarse check. Without a system bus (containers, some desktops) it returns
// an error and the coarse check alone covers waking up.
func WatchResume(ctx context.Context, wake func()) error {
	conn, err := dbus.ConnectSystemBus()
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
	// The channel first, then the match: a signal the bus sends as soon as
	// the match is in place must find somewhere to go.
	ch := make(chan *dbus.Signal, 4)
	conn.Signal(ch)
	if err := conn.AddMatchSignal(
		dbus.WithMatchInterface("org.freedesktop.login1.Manager"),
		dbus.WithMatchMember("PrepareForSleep"),
	); err != nil {
		conn.Close()
		return err
	}
	go func() {
		for sig := range ch {
			// PrepareForSleep(false) is sent on resume.
			if len(sig.Body) == 1 {
				if sleeping, ok := sig.Body[0].(bool); ok && !sleeping {
					wake()
				}
			}
		}
	}()
	return nil
}
