package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/version"
	"github.com/crampcare/crampcare/internal/water"
)

// ErrNoAgent means nothing answers on the socket: no agent runs for this
// data folder.
var ErrNoAgent = errors.New("no CrampCare agent is running")

// ErrRefused means the agent would not serve us: it belongs to another
// user, or this is not the window process it started.
var ErrRefused = errors.New("refused by the agent")

// ErrBusy means the agent was busy with other large requests for minutes.
var ErrBusy = errors.New("the agent is busy")

// ErrNotOurs means a socket was found where the agent's should be, but it
// is not this user's: someone else could be listening in the agent's place,
// so nothing is said to it.
var ErrNotOurs = errors.New("the socket there is not this user's CrampCare")

// Timeouts of one request: the agent answers in milliseconds, so a longer
// wait means it is stuck, and the caller should hear that rather than hang.
// A whole diary exported or imported may take seconds.
const (
	requestTimeout = 15 * time.Second
	longTimeout    = 5 * time.Minute
)

// Client talks to the agent over HTTP on its socket. It is safe for
// concurrent use, and each request stands alone: one that times out or
// fails leaves the next one unharmed (a new connection is dialled as
// needed).
type Client struct {
	path string
	tr   *http.Transport
	hc   *http.Client

	mu           sync.Mutex
	agentVersion string // as the last reply said
}

var _ diary.Diary = (*Client)(nil)

// Dial connects to the agent listening at path.
func Dial(path string) (*Client, error) {
	// Look now, so that a caller without an agent falls back at once.
	conn, err := dialOurs(path)
	if err != nil {
		return nil, err
	}
	conn.Close()
	tr := &http.Transport{
		DialContext:     func(context.Context, string, string) (net.Conn, error) { return dialOurs(path) },
		MaxIdleConns:    2,
		IdleConnTimeout: time.Minute, // shorter than the agent's, so it is we who close
	}
	return &Client{path: path, tr: tr, hc: &http.Client{Transport: tr}}, nil
}

// Close lets go of the client's idle connections.
func (c *Client) Close() error {
	c.tr.CloseIdleConnections()
	return nil
}

// AgentVersion is the agent's version, as its last reply said.
func (c *Client) AgentVersion() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.agentVersion
}

// newRequest makes the HTTP request for an operation.
func (c *Client) newRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://crampcare"+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set(VersionHeader, version.Version)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// call runs operation o with req and returns its result.
func call[Req, Resp any](ctx context.Context, c *Client, o op[Req, Resp], req Req) (Resp, error) {
	var out Resp
	timeout := requestTimeout
	if o.long {
		timeout = longTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var body []byte
	if o.method == http.MethodPost {
		var err error
		if body, err = marshal(req); err != nil {
			return out, err
		}
	}
	hr, err := c.newRequest(ctx, o.method, o.path, body)
	if err != nil {
		return out, err
	}
	resp, err := c.hc.Do(hr)
	if err != nil {
		return out, fmt.Errorf("api: %s: %w", o.path, err)
	}
	defer resp.Body.Close()
	c.mu.Lock()
	c.agentVersion = resp.Header.Get(VersionHeader)
	c.mu.Unlock()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxMessage+1))
	if err != nil {
		return out, fmt.Errorf("api: %s: %w", o.path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var eb errorBody
		if json.Unmarshal(raw, &eb) == nil && eb.Error != nil {
			return out, fromWire(eb.Error)
		}
		return out, fmt.Errorf("api: %s: %s", o.path, resp.Status)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return out, fmt.Errorf("api: %s: malformed result: %w", o.path, err)
	}
	return out, nil
}

// Ping checks that the agent answers, and says which one.
func (c *Client) Ping(ctx context.Context) (PingResult, error) { return call(ctx, c, opPing, None{}) }

// LogCramp implements diary.Diary.
func (c *Client) LogCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	return call(ctx, c, opLogCramp, e)
}

// Cramps implements diary.Diary.
func (c *Client) Cramps(ctx context.Context, since time.Time) ([]cramp.Entry, error) {
	return call(ctx, c, opCramps, SinceArgs{Since: since})
}

// Cramp implements diary.Diary.
func (c *Client) Cramp(ctx context.Context, id uint64) (cramp.Entry, error) {
	return call(ctx, c, opCramp, IDArgs{ID: id})
}

// EditCramp implements diary.Diary.
func (c *Client) EditCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	return call(ctx, c, opEditCramp, e)
}

// DeleteCramp implements diary.Diary.
func (c *Client) DeleteCramp(ctx context.Context, id uint64) (cramp.Entry, error) {
	return call(ctx, c, opDelete, IDArgs{ID: id})
}

// RestoreCramp implements diary.Diary.
func (c *Client) RestoreCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error) {
	return call(ctx, c, opRestore, e)
}

// LogGlass implements diary.Diary.
func (c *Client) LogGlass(ctx context.Context, at time.Time) (water.Glass, error) {
	return call(ctx, c, opLogGlass, AtArgs{At: at})
}

// Status implements diary.Diary.
func (c *Client) Status(ctx context.Context) (diary.Status, error) {
	return call(ctx, c, opStatus, None{})
}

// DismissNotice implements diary.Diary.
func (c *Client) DismissNotice(ctx context.Context) error {
	_, err := call(ctx, c, opNoticeOK, None{})
	return err
}

// Doctor implements diary.Diary.
func (c *Client) Doctor(ctx context.Context) (diary.Health, error) {
	return call(ctx, c, opDoctor, None{})
}

// Insights implements diary.Diary.
func (c *Client) Insights(ctx context.Context) (insights.Summary, error) {
	return call(ctx, c, opInsights, None{})
}

// Settings implements diary.Diary.
func (c *Client) Settings(ctx context.Context) ([]settings.Item, error) {
	return call(ctx, c, opSettings, None{})
}

// SetSetting implements diary.Diary.
func (c *Client) SetSetting(ctx context.Context, key, value string) (settings.Item, error) {
	return call(ctx, c, opSetSetting, SettingArgs{Key: key, Value: value})
}

// StretchDone implements diary.Diary.
func (c *Client) StretchDone(ctx context.Context, st stretch.Session) (stretch.Session, error) {
	return call(ctx, c, opStretch, st)
}

// Stretches implements diary.Diary.
func (c *Client) Stretches(ctx context.Context, since time.Time) ([]stretch.Session, error) {
	return call(ctx, c, opStretches, SinceArgs{Since: since})
}

// DismissAdvice implements diary.Diary.
func (c *Client) DismissAdvice(ctx context.Context, rule redflags.Rule) error {
	_, err := call(ctx, c, opDismiss, RuleArgs{Rule: rule})
	return err
}

// Export implements diary.Diary.
func (c *Client) Export(ctx context.Context) (export.File, error) {
	return call(ctx, c, opExport, None{})
}

// Import implements diary.Diary.
func (c *Client) Import(ctx context.Context, f export.File) (export.Summary, error) {
	return call(ctx, c, opImport, f)
}

// Later puts tonight's stretch reminder off by a few minutes.
func (c *Client) Later(ctx context.Context) error {
	_, err := call(ctx, c, opLater, None{})
	return err
}

// TestNotification asks the agent to send a sample notification.
func (c *Client) TestNotification(ctx context.Context) error {
	_, err := call(ctx, c, opTestNote, None{})
	return err
}

// Act hands the agent an action pressed on a reminder's notification.
func (c *Client) Act(ctx context.Context, key string) error {
	_, err := call(ctx, c, opAct, ActionArgs{Key: key})
	return err
}

// ShowWindow asks the agent to show a window (starting the window process
// if none runs).
func (c *Client) ShowWindow(ctx context.Context, name string) error {
	_, err := call(ctx, c, opShowWindow, WindowArgs{Name: name})
	return err
}

// Detach ends this window process's event stream once the events sent so
// far have been delivered (see Host.Detach).
func (c *Client) Detach(ctx context.Context, token string) error {
	_, err := call(ctx, c, opDetach, TokenArgs{Token: token})
	return err
}

// Quit stops the agent and its reminders (the tray's Quit, for a desktop
// without a tray).
func (c *Client) Quit(ctx context.Context) error {
	_, err := call(ctx, c, opQuit, None{})
	return err
}

// Attach opens the event stream on which the agent pushes events to the
// window process it started, which proves itself with token. The channel
// closes when the agent goes away or ctx ends.
func (c *Client) Attach(ctx context.Context, token string) (<-chan Event, error) {
	req, err := c.newRequest(ctx, http.MethodGet, pathEvents, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(TokenHeader, token)
	// The stream lives as long as ctx: no request timeout applies.
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("api: events: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var eb errorBody
		if json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&eb) == nil && eb.Error != nil {
			return nil, fromWire(eb.Error)
		}
		return nil, fmt.Errorf("api: events: %s", resp.Status)
	}
	out := make(chan Event, 16)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			var ev Event
			if json.Unmarshal(sc.Bytes(), &ev) != nil {
				continue
			}
			out <- ev
		}
	}()
	return out, nil
}
