//go:build !linux && !darwin

package api

import "net"

// peerUID cannot ask the kernel here (Windows has no peer credentials on
// AF_UNIX sockets); the socket's folder, private to the user by its
// inherited ACL, is what keeps other users out.
func peerUID(net.Conn) (uid int, known bool, err error) { return 0, false, nil }
