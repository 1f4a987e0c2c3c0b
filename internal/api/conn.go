package api

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// Bounds on what clients may make the agent hold. The agent runs all day on
// a person's computer, so no local client (a stuck script, a probe) may grow
// it without limit or stop it from answering the others.
const (
	// MaxConns bounds open connections. At the bound, the connection idle
	// the longest is closed to make room (a client that finds its
	// connection closed dials again), so idle connections cannot use up
	// the agent's file handles and lock everyone out.
	MaxConns = 128
	// smallRequest is what any number of requests may buffer at once; a
	// longer request (an import) waits for the one large-request slot, so
	// that all requests together hold at most about
	// MaxConns*smallRequest + MaxMessage.
	smallRequest = 256 << 10
	// readTimeout bounds reading one request once its first byte has come
	// (and, after a wait for the large-request slot, the rest of it): a
	// local client sends even the largest one in well under a second.
	readTimeout = time.Minute
	// slotTimeout bounds the wait for the large-request slot: a client in
	// the queue is not misbehaving, and each large request takes seconds.
	slotTimeout = 5 * time.Minute
	// writeTimeout bounds writing one reply to a client that does not read.
	writeTimeout = time.Minute
)

// Reasons a request line is not taken.
var (
	errTooLong      = fmt.Errorf("request larger than %d bytes", MaxMessage)
	errUnterminated = errors.New("request cut off before its end of line")
	errBusy         = errors.New("the agent is busy with another large request; try again")
)

// conn is one client connection and what the server knows of it.
type conn struct {
	net.Conn
	br *bufio.Reader
	// busy is set while a request is read or answered, and lastUsed is when
	// the connection was last busy: the server closes the idle connection
	// used longest ago when it needs room. Both are guarded by Server.mu.
	busy     bool
	lastUsed time.Time
}

func newConn(nc net.Conn) *conn {
	return &conn{Conn: nc, br: bufio.NewReader(nc), lastUsed: time.Now()}
}

// readLine reads one request line (without its newline). It waits as long
// as it takes for a request to begin, then bounds the time and memory the
// request may take: past smallRequest bytes it takes the server's one
// large-request slot (large is then true, and the caller gives the slot
// back once the request is answered). A line cut off by the client closing
// is never returned: a request must end with a newline to be carried out,
// so a client that goes away mid-write has not asked for anything.
func (s *Server) readLine(c *conn) (line []byte, large bool, err error) {
	if _, err := c.br.Peek(1); err != nil {
		return nil, false, err
	}
	s.setBusy(c, true)
	c.SetReadDeadline(time.Now().Add(readTimeout))
	defer c.SetReadDeadline(time.Time{})
	for {
		chunk, err := c.br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > MaxMessage+1 {
			return nil, large, errTooLong
		}
		if len(line) > smallRequest && !large {
			c.SetReadDeadline(time.Time{}) // the wait is not the client's doing
			if !s.acquireLarge(time.Now().Add(slotTimeout)) {
				return nil, false, errBusy
			}
			large = true
			c.SetReadDeadline(time.Now().Add(readTimeout))
		}
		switch {
		case err == nil:
			return line[:len(line)-1], large, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return nil, large, errUnterminated
		default:
			return nil, large, err
		}
	}
}
