//go:build linux || darwin

package api

import "net"

// peerUID is the user of the process at the other end of c, from the
// kernel, so a client cannot claim to be someone else.
func peerUID(c net.Conn) (uid int, known bool, err error) {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return 0, false, nil
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return 0, false, err
	}
	var serr error
	if err := raw.Control(func(fd uintptr) { uid, serr = socketPeerUID(int(fd)) }); err != nil {
		return 0, false, err
	}
	if serr != nil {
		return 0, false, serr
	}
	return uid, true, nil
}
