package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// ErrNoAgent means nothing answers on the socket: no agent runs for this
// data folder.
var ErrNoAgent = errors.New("no CrampCare agent is running")

// ErrRefused means the agent would not serve us: it belongs to another
// user.
var ErrRefused = errors.New("refused by the agent")

// requestTimeout bounds one round trip: the agent answers in milliseconds,
// so a longer wait means it is stuck, and the caller should hear that rather
// than hang.
const requestTimeout = 15 * time.Second

// Client talks to the agent. It is safe for concurrent use; requests on one
// client are serialised over its connection.
type Client struct {
	path string
	mu   sync.Mutex
	conn net.Conn
	sc   *bufio.Scanner
}

var _ service.Diary = (*Client)(nil)

// ErrNotOurs means a socket was found where the agent's should be, but it
// is not this user's: someone else could be listening in the agent's place,
// so nothing is said to it.
var ErrNotOurs = errors.New("the socket there is not this user's CrampCare")

// Dial connects to the agent listening at path.
func Dial(path string) (*Client, error) {
	c, err := dialOurs(path)
	if err != nil {
		return nil, err
	}
	return &Client{path: path, conn: c, sc: newScanner(c)}, nil
}

// dialOurs connects to path only if the socket and its folder are this
// user's and the process listening runs as this user (the kernel says so):
// the diary's contents go over this connection, and another local user
// must not be able to stand in for the agent, least of all in a shared
// temporary folder.
func dialOurs(path string) (net.Conn, error) {
	for _, p := range []string{filepath.Dir(path), path} {
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
		}
		if !ours(fi) {
			return nil, fmt.Errorf("%w: %s (%w)", ErrNoAgent, p, ErrNotOurs)
		}
	}
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoAgent, err)
	}
	uid, known, err := peerUID(c)
	if err == nil && known && uid != os.Getuid() {
		err = fmt.Errorf("it is served by uid %d", uid)
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %s: %v (%w)", ErrNoAgent, path, err, ErrNotOurs)
	}
	return c, nil
}

func newScanner(c net.Conn) *bufio.Scanner {
	sc := bufio.NewScanner(c)
	sc.Buffer(make([]byte, 0, 64<<10), MaxMessage)
	return sc
}

// Close ends the connection.
func (c *Client) Close() error { return c.conn.Close() }

func (c *Client) call(ctx context.Context, op string, args, result any) error {
	req := request{Op: op}
	if args != nil {
		raw, err := marshal(args)
		if err != nil {
			return err
		}
		req.Args = raw
	}
	line, err := marshal(req)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	deadline := time.Now().Add(requestTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	c.conn.SetDeadline(deadline)
	if _, err := c.conn.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("api: send %s: %w", op, err)
	}
	if !c.sc.Scan() {
		err := c.sc.Err()
		if err == nil {
			err = errors.New("connection closed")
		}
		return fmt.Errorf("api: %s: %w", op, err)
	}
	var resp response
	if err := json.Unmarshal(c.sc.Bytes(), &resp); err != nil {
		return fmt.Errorf("api: %s: malformed response: %w", op, err)
	}
	if resp.Error != nil {
		return fromWire(resp.Error)
	}
	if result != nil && len(resp.Result) > 0 {
		if err := json.Unmarshal(resp.Result, result); err != nil {
			return fmt.Errorf("api: %s: malformed result: %w", op, err)
		}
	}
	return nil
}

// Ping checks that the agent answers, and says which one.
func (c *Client) Ping(ctx context.Context) (PingResult, error) {
	var r PingResult
	err := c.call(ctx, opPing, nil, &r)
	return r, err
}

// LogCramp implements service.Diary.
func (c *Client) LogCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	var out cramp.Entry
	err := c.call(ctx, opLogCramp, e, &out)
	return out, err
}

// Cramps implements service.Diary.
func (c *Client) Cramps(ctx context.Context, since time.Time) ([]cramp.Entry, error) {
	var out []cramp.Entry
	err := c.call(ctx, opCramps, sinceArgs{Since: since}, &out)
	return out, err
}

// Cramp implements service.Diary.
func (c *Client) Cramp(ctx context.Context, id uint64) (cramp.Entry, error) {
	var out cramp.Entry
	err := c.call(ctx, opCramp, idArgs{ID: id}, &out)
	return out, err
}

// EditCramp implements service.Diary.
func (c *Client) EditCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	var out cramp.Entry
	err := c.call(ctx, opEditCramp, e, &out)
	return out, err
}

// DeleteCramp implements service.Diary.
func (c *Client) DeleteCramp(ctx context.Context, id uint64) (cramp.Entry, error) {
	var out cramp.Entry
	err := c.call(ctx, opDelete, idArgs{ID: id}, &out)
	return out, err
}

// RestoreCramp implements service.Diary.
func (c *Client) RestoreCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	var out cramp.Entry
	err := c.call(ctx, opRestore, e, &out)
	return out, err
}

// LogGlass implements service.Diary.
func (c *Client) LogGlass(ctx context.Context, at time.Time) (water.Glass, error) {
	var out water.Glass
	err := c.call(ctx, opLogGlass, atArgs{At: at}, &out)
	return out, err
}

// Status implements service.Diary.
func (c *Client) Status(ctx context.Context) (service.Status, error) {
	var out service.Status
	err := c.call(ctx, opStatus, nil, &out)
	return out, err
}

// DismissNotice implements service.Diary.
func (c *Client) DismissNotice(ctx context.Context) error {
	return c.call(ctx, opNoticeOK, nil, nil)
}

// Doctor implements service.Diary.
func (c *Client) Doctor(ctx context.Context) (backup.Health, error) {
	var out backup.Health
	err := c.call(ctx, opDoctor, nil, &out)
	return out, err
}

// Insights implements service.Diary.
func (c *Client) Insights(ctx context.Context) (insights.Summary, error) {
	var out insights.Summary
	err := c.call(ctx, opInsights, nil, &out)
	return out, err
}

// Settings implements service.Diary.
func (c *Client) Settings(ctx context.Context) ([]settings.Item, error) {
	var out []settings.Item
	err := c.call(ctx, opSettings, nil, &out)
	return out, err
}

// SetSetting implements service.Diary.
func (c *Client) SetSetting(ctx context.Context, key, value string) (settings.Item, error) {
	var out settings.Item
	err := c.call(ctx, opSetSetting, settingArgs{Key: key, Value: value}, &out)
	return out, err
}

// StretchDone implements service.Diary.
func (c *Client) StretchDone(ctx context.Context, st stretch.Session) (stretch.Session, error) {
	var out stretch.Session
	err := c.call(ctx, opStretch, st, &out)
	return out, err
}

// Stretches implements service.Diary.
func (c *Client) Stretches(ctx context.Context, since time.Time) ([]stretch.Session, error) {
	var out []stretch.Session
	err := c.call(ctx, opStretches, sinceArgs{Since: since}, &out)
	return out, err
}

// DismissAdvice implements service.Diary.
func (c *Client) DismissAdvice(ctx context.Context, rule redflags.Rule) error {
	return c.call(ctx, opDismiss, ruleArgs{Rule: rule}, nil)
}

// Export implements service.Diary.
func (c *Client) Export(ctx context.Context) (export.File, error) {
	var out export.File
	err := c.call(ctx, opExport, nil, &out)
	return out, err
}

// Import implements service.Diary.
func (c *Client) Import(ctx context.Context, f export.File) (export.Summary, error) {
	var out export.Summary
	err := c.call(ctx, opImport, f, &out)
	return out, err
}

// Later puts tonight's stretch reminder off by a few minutes.
func (c *Client) Later(ctx context.Context) error { return c.call(ctx, opLater, nil, nil) }

// TestNotification asks the agent to send a sample notification.
func (c *Client) TestNotification(ctx context.Context) error {
	return c.call(ctx, opTestNote, nil, nil)
}

// ShowWindow asks the agent to show a window (starting the window process
// if none runs).
func (c *Client) ShowWindow(ctx context.Context, name string) error {
	return c.call(ctx, opShowWindow, windowArgs{Name: name}, nil)
}

// Attach opens a second connection on which the agent pushes events to the
// window process it started, which proves itself with token. The channel
// closes when the agent goes away or ctx ends.
func (c *Client) Attach(ctx context.Context, token string) (<-chan Event, error) {
	conn, err := dialOurs(c.path)
	if err != nil {
		return nil, err
	}
	args, _ := json.Marshal(attachArgs{Token: token})
	line, _ := json.Marshal(request{Op: opAttach, Args: args})
	if _, err := conn.Write(append(line, '\n')); err != nil {
		conn.Close()
		return nil, err
	}
	sc := newScanner(conn)
	if !sc.Scan() {
		conn.Close()
		return nil, fmt.Errorf("api: attach: no answer")
	}
	var first response
	if err := json.Unmarshal(sc.Bytes(), &first); err != nil || !first.OK {
		conn.Close()
		if err == nil && first.Error != nil {
			return nil, fromWire(first.Error)
		}
		return nil, fmt.Errorf("api: attach refused")
	}
	out := make(chan Event, 16)
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
	go func() {
		defer close(out)
		defer conn.Close()
		for sc.Scan() {
			var r response
			if json.Unmarshal(sc.Bytes(), &r) != nil || r.Event == nil {
				continue
			}
			out <- *r.Event
		}
	}()
	return out, nil
}
