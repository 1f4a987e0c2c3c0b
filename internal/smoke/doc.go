// Package smoke holds the end-to-end test of the real crampcare binary under
// Xvfb, on a private session D-Bus with a notification server and a tray
// host provided by the test (internal/dbustest). It needs the smoke build
// tag: `make test` runs it, `go test ./...` alone does not build it.
package smoke
