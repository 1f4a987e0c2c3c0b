package notify

import (
	"errors"
	"net"
	"strings"

	"github.com/godbus/dbus/v5"
)

// kind sorts the private bus's failure: no bus to connect to, nobody on
// it owning the notifications name, or anything else.
func kind(err error) error {
	var de dbus.Error
	var dp *dbus.Error
	switch {
	// privateBus.send says "session bus: ..." when it cannot connect.
	case strings.HasPrefix(err.Error(), "session bus:"), errors.As(err, new(*net.OpError)):
		return ErrNoSession
	case errors.As(err, &de) && noService(de.Name), errors.As(err, &dp) && noService(dp.Name):
		return ErrNoService
	default:
		return ErrRefused
	}
}

// noService reports whether a D-Bus error name means nobody answers for
// the notifications name.
func noService(name string) bool {
	return name == "org.freedesktop.DBus.Error.ServiceUnknown" || name == "org.freedesktop.DBus.Error.NameHasNoOwner"
}
