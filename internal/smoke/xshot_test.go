//go:build smoke

package smoke

import (
	"context"
	xbin "encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// xshot reads a window's pixels straight from the X server (GetImage), to
// tell when what a window shows changes. It speaks the few requests it
// needs itself: `import` takes 40 ms or more a picture, which is coarse
// next to the 0.3 s it measures and takes CPU from the app being measured.
type xshot struct {
	conn   net.Conn
	window uint32
}

// newXShot connects to the session's X server and finds the visible
// window with this title.
func (s *session) newXShot(ctx context.Context, title string) (*xshot, error) {
	find := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^"+title+"$")
	find.Env = s.env()
	out, err := find.Output()
	if err != nil {
		return nil, fmt.Errorf("no window %q: %v", title, err)
	}
	id, err := strconv.ParseUint(strings.Fields(string(out))[0], 10, 32)
	if err != nil {
		return nil, err
	}
	conn, err := net.Dial("unix", "/tmp/.X11-unix/X"+strings.TrimPrefix(s.display, ":"))
	if err != nil {
		return nil, err
	}
	// Connection set-up, little-endian, protocol 11.0, no authorisation:
	// the private Xvfb takes local connections, as xdotool's.
	setup := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := conn.Write(setup); err != nil {
		conn.Close()
		return nil, err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(conn, head); err != nil {
		conn.Close()
		return nil, err
	}
	rest := make([]byte, 4*int(xbin.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(conn, rest); err != nil {
		conn.Close()
		return nil, err
	}
	if head[0] != 1 {
		conn.Close()
		return nil, errors.New("the X server refused the connection")
	}
	return &xshot{conn: conn, window: uint32(id)}, nil
}

func (x *xshot) close() { x.conn.Close() }

// reply sends a request and reads its reply (32 bytes and the rest).
func (x *xshot) reply(req []byte) ([]byte, error) {
	x.conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := x.conn.Write(req); err != nil {
		return nil, err
	}
	head := make([]byte, 32)
	if _, err := io.ReadFull(x.conn, head); err != nil {
		return nil, err
	}
	if head[0] == 0 {
		return nil, fmt.Errorf("X error %d", head[1])
	}
	data := make([]byte, 32+4*int(xbin.LittleEndian.Uint32(head[4:])))
	copy(data, head)
	if _, err := io.ReadFull(x.conn, data[32:]); err != nil {
		return nil, err
	}
	return data, nil
}

// hash returns a hash of the window's pixels as they are now.
func (x *xshot) hash() (uint64, error) {
	geo := make([]byte, 8)
	geo[0] = 14 // GetGeometry
	xbin.LittleEndian.PutUint16(geo[2:], 2)
	xbin.LittleEndian.PutUint32(geo[4:], x.window)
	g, err := x.reply(geo)
	if err != nil {
		return 0, err
	}
	w, h := xbin.LittleEndian.Uint16(g[16:]), xbin.LittleEndian.Uint16(g[18:])
	img := make([]byte, 20)
	img[0], img[1] = 73, 2 // GetImage, ZPixmap
	xbin.LittleEndian.PutUint16(img[2:], 5)
	xbin.LittleEndian.PutUint32(img[4:], x.window)
	xbin.LittleEndian.PutUint16(img[12:], w)
	xbin.LittleEndian.PutUint16(img[14:], h)
	xbin.LittleEndian.PutUint32(img[16:], 0xffffffff)
	data, err := x.reply(img)
	if err != nil {
		return 0, err
	}
	f := fnv.New64a()
	f.Write(data[32:])
	return f.Sum64(), nil
}

// waitChange returns when the window first shows something other than
// from, looking every few milliseconds.
func (x *xshot) waitChange(ctx context.Context, from uint64) (time.Time, error) {
	for {
		h, err := x.hash()
		if err != nil {
			return time.Time{}, err
		}
		if h != from {
			return time.Now(), nil
		}
		select {
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("the window never changed: %w", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// waitStill returns the window's hash once it has not changed for quiet.
func (x *xshot) waitStill(ctx context.Context, quiet time.Duration) (uint64, error) {
	last, err := x.hash()
	if err != nil {
		return 0, err
	}
	since := time.Now()
	for time.Since(since) < quiet {
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("the window never settled: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
		h, err := x.hash()
		if err != nil {
			return 0, err
		}
		if h != last {
			last, since = h, time.Now()
		}
	}
	return last, nil
}
