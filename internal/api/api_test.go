package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
)

type fakeHost struct {
	mu       sync.Mutex
	shown    []string
	events   chan Event
	detached bool
}

func (h *fakeHost) ShowWindow(name string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.shown = append(h.shown, name)
	return nil
}

func (h *fakeHost) Attach(token string) (<-chan Event, func(), error) {
	if token != "right" {
		return nil, nil, errors.New("refused: not the window process")
	}
	return h.events, func() {}, nil
}

func (h *fakeHost) Detach(token string) error {
	if token != "right" {
		return errors.New("refused: not the window process")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.detached {
		h.detached = true
		close(h.events)
	}
	return nil
}

var now = time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)

// startServer runs a real server on a real store in a temp folder.
func startServer(t *testing.T) (string, *fakeHost) {
	t.Helper()
	dir := tempDir(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	host := &fakeHost{events: make(chan Event, 4)}
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}), Host: host, Owner: os.Getuid()})
	path := SocketPath(dir)
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ln.Close()
		srv.CloseConns()
		if err := <-done; err != nil {
			t.Error(err)
		}
		st.Close()
	})
	return path, host
}

func dial(t *testing.T, path string) *Client {
	t.Helper()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestLogAndListOverSocket(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	ctx := context.Background()
	seven := 7
	e, err := c.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Hour), Leg: cramp.LegRight, Muscle: cramp.MuscleFoot, Intensity: &seven, Duration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 {
		t.Fatal("no ID assigned")
	}
	if _, err := c.LogGlass(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	list, err := c.Cramps(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != e.ID || list[0].Muscle != cramp.MuscleFoot || *list[0].Intensity != 7 {
		t.Errorf("list = %+v, want the one cramp logged", list)
	}
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cramps24h != 1 || st.Glasses != 1 || st.Goal != 8 || !st.Night {
		t.Errorf("status = %+v, want 1 cramp, 1 of 8 glasses, night", st)
	}
}

func TestInvalidInputKeepsFieldAcrossTheWire(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	eleven := 11
	_, err := c.LogCramp(context.Background(), cramp.Entry{At: now, Intensity: &eleven})
	var ie *input.Error
	if !errors.As(err, &ie) || ie.Field != "intensity" || !errors.Is(err, input.ErrInvalid) {
		t.Fatalf("err = %v, want an input error on intensity", err)
	}
	if _, err := c.SetSetting(context.Background(), "hydration.goal", "lots"); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("bad setting: err = %v, want ErrInvalid", err)
	}
	list, err := c.Cramps(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("a refused cramp was stored: %v", list)
	}
}

func TestSettingsOverSocket(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	it, err := c.SetSetting(context.Background(), "hydration.goal", " 10 ")
	if err != nil {
		t.Fatal(err)
	}
	if it.Value != "10" {
		t.Errorf("normalised value = %q, want 10", it.Value)
	}
	items, err := c.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range items {
		if it.Key == "hydration.goal" {
			found = it.Value == "10"
		}
	}
	if !found {
		t.Errorf("settings = %v, want hydration.goal=10", items)
	}
}

func TestMalformedAndOversizedRequests(t *testing.T) {
	path, _ := startServer(t)
	tooBig := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: crampcare\r\nContent-Length: %d\r\n\r\n{", opLogCramp.path, MaxMessage+10)
	for name, req := range map[string]string{
		"not json":      rawPost(opLogCramp.path, "{nope"),
		"unknown route": rawPost("/v2/drop_tables", "{}"),
		"bad args":      rawPost(opLogCramp.path, `{"at":"yesterday"}`),
		"too big":       tooBig,
	} {
		t.Run(name, func(t *testing.T) {
			code, body := rawAsk(t, path, req)
			if code != http.StatusBadRequest || !strings.Contains(body, `"code":"invalid"`) {
				t.Errorf("reply = %d %s, want an invalid error", code, body)
			}
		})
	}
	// The server is still alive after all of that.
	if _, err := dial(t, path).Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestShowWindowAndAttach(t *testing.T) {
	path, host := startServer(t)
	c := dial(t, path)
	if err := c.ShowWindow(context.Background(), "main"); err != nil {
		t.Fatal(err)
	}
	if len(host.shown) != 1 || host.shown[0] != "main" {
		t.Errorf("shown = %v, want [main]", host.shown)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := c.Attach(ctx, "wrong"); !errors.Is(err, ErrRefused) {
		t.Fatalf("attach with the wrong token: %v, want ErrRefused", err)
	}
	events, err := c.Attach(ctx, "right")
	if err != nil {
		t.Fatal(err)
	}
	host.events <- Event{Type: EventShow, Window: "stretch"}
	select {
	case ev := <-events:
		if ev.Type != EventShow || ev.Window != "stretch" {
			t.Errorf("event = %+v", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
}

// TestDetachEndsTheStreamAfterWhatWasSent: a window process that lets go
// of its events (it is ending) still receives every event sent before,
// then the stream ends: it knows every window it was asked for.
func TestDetachEndsTheStreamAfterWhatWasSent(t *testing.T) {
	path, host := startServer(t)
	c := dial(t, path)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	events, err := c.Attach(ctx, "right")
	if err != nil {
		t.Fatal(err)
	}
	host.events <- Event{Type: EventShow, Window: "relief"}
	host.events <- Event{Type: EventShow, Window: "help"}
	if err := c.Detach(ctx, "wrong"); !errors.Is(err, ErrRefused) {
		t.Fatalf("detach with the wrong token: %v, want ErrRefused", err)
	}
	if err := c.Detach(ctx, "right"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for ev := range events { // ends when the agent ends the stream
		got = append(got, ev.Window)
	}
	if len(got) != 2 || got[0] != "relief" || got[1] != "help" {
		t.Errorf("events before the end: %v, want relief and help", got)
	}
}

func TestListenSocketRules(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("socket files only; Windows: TestPipeRules")
	}
	path, _ := startServer(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode = %v, want 0600", fi.Mode().Perm())
	}
	if _, err := Listen(path); err == nil {
		t.Error("a second Listen took over a live agent's socket")
	}

	// A socket file nobody answers on (an agent that crashed) is replaced.
	stale := filepath.Join(tempDir(t), SocketName)
	ln, err := net.Listen("unix", stale)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	ln2, err := Listen(stale)
	if err != nil {
		t.Fatalf("stale socket not replaced: %v", err)
	}
	ln2.Close()
}

func TestDialWithoutAgent(t *testing.T) {
	if _, err := Dial(filepath.Join(tempDir(t), SocketName)); !errors.Is(err, ErrNoAgent) {
		t.Fatalf("err = %v, want ErrNoAgent", err)
	}
}

func TestEditDeleteRestoreOverSocket(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	ctx := context.Background()
	e, err := c.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	e.Helped = map[cramp.Step]cramp.Rating{cramp.StepMassage: cramp.RatingYes}
	e.Symptoms = []string{"numbness-tingling"}
	if _, err := c.EditCramp(ctx, e); err != nil {
		t.Fatal(err)
	}
	got, err := c.Cramp(ctx, e.ID)
	if err != nil || got.Helped[cramp.StepMassage] != cramp.RatingYes || got.Symptoms[0] != "numbness-tingling" {
		t.Fatalf("after edit: %+v, %v", got, err)
	}
	gone, err := c.DeleteCramp(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Cramp(ctx, e.ID); !errors.Is(err, diary.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound across the wire", err)
	}
	if _, err := c.RestoreCramp(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RestoreCramp(ctx, gone); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("restore twice: %v, want a refusal", err)
	}
}

// Insights travel whole: the summary the window draws is the one the
// service computed, weeks, comparisons and breakdowns included.
func TestInsightsOverSocket(t *testing.T) {
	path, _ := startServer(t)
	c := dial(t, path)
	ctx := context.Background()
	// Twelve nights back: a stretch every evening, cramps on three nights,
	// all in the calf, one rated.
	for i := 12; i >= 1; i-- {
		evening := now.AddDate(0, 0, -i)
		if _, err := c.StretchDone(ctx, stretch.Session{Start: evening, Source: stretch.SourceCLI}); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			e := cramp.Entry{At: evening.Add(2 * time.Hour), Muscle: cramp.MuscleCalf}
			if i == 4 {
				e.Helped = map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes}
			}
			if _, err := c.LogCramp(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, err := c.Insights(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Weeks) != insights.Weeks || s.Cramps != 3 || s.CrampNights != 3 {
		t.Errorf("weeks %d, cramps %d on %d nights; want %d weeks, 3 on 3", len(s.Weeks), s.Cramps, s.CrampNights, insights.Weeks)
	}
	if s.Stretch.With < 11 || s.Stretch.WithCramp != 3 || s.Stretch.Without != 0 {
		t.Errorf("stretch comparison %+v", s.Stretch)
	}
	if b := s.Breakdowns[0]; b.Title != insights.ByMuscle || len(b.Counts) != 1 || b.Counts[0] != (insights.Count{Label: "Calf", N: 3}) {
		t.Errorf("muscles %+v", b)
	}
	if len(s.Helped) != 1 || s.Helped[0].Step != cramp.StepStretch || s.Helped[0].Yes != 1 {
		t.Errorf("helped %+v", s.Helped)
	}
}

// BenchmarkLogCrampAcknowledged times what the tray and the CLI wait for:
// a cramp sent over the socket until the agent acknowledges it, committed
// and fsynced (ext4 under the temp folder on the build machine).
func BenchmarkLogCrampAcknowledged(b *testing.B) {
	dir := tempDir(b)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: time.Now}), Host: &fakeHost{events: make(chan Event)}, Owner: os.Getuid()})
	path := SocketPath(dir)
	ln, err := Listen(path)
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	defer func() { ln.Close(); srv.CloseConns() }()
	c, err := Dial(path)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, err := c.LogCramp(context.Background(), cramp.Entry{At: time.Now().Add(-time.Duration(i) * time.Second)}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "ms-p99")
}

// TestStorageErrorsAcrossTheWire: a write the store cannot make (here a
// read-only file) reaches the client as the same sentinel, so the window
// and the CLI can say what to do in plain words.
func TestStorageErrorsAcrossTheWire(t *testing.T) {
	dir := tempDir(t)
	path := filepath.Join(dir, store.FileName)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = store.Open(path, store.Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}), Host: &fakeHost{}, Owner: os.Getuid()})
	ln, err := Listen(SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { ln.Close(); srv.CloseConns(); <-done }()

	c := dial(t, SocketPath(dir))
	_, err = c.LogCramp(context.Background(), cramp.Entry{})
	if !errors.Is(err, diary.ErrReadOnly) {
		t.Fatalf("LogCramp on a read-only store: %v, want ErrReadOnly across the wire", err)
	}
	if msg := diary.Explain("The cramp was not logged", err); !strings.Contains(msg, "cannot be written to") {
		t.Errorf("the client would say %q", msg)
	}
	// The agent still answers: reads work.
	if _, err := c.Cramps(context.Background(), time.Time{}); err != nil {
		t.Errorf("read after a failed write: %v", err)
	}
}

// failingReminders cannot show a notification, for want of a service.
type failingReminders struct{ nopReminders }

func (failingReminders) TestNotification() error {
	return &diary.NotificationError{Reason: diary.NotifyNoService}
}

// Issue 14: a test notification that cannot be shown reaches the client
// as the domain's error with its reason, so the window says what failed
// and what to do, never the system's words (those stay in the agent's log).
func TestNotificationErrorAcrossTheWire(t *testing.T) {
	dir := tempDir(t) // see tempdir_windows_test.go: this test runs under Wine too
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := NewServer(Params{Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}),
		Host: &fakeHost{}, Reminders: failingReminders{}, Owner: os.Getuid()})
	ln, err := Listen(SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { ln.Close(); srv.CloseConns(); <-done }()

	err = dial(t, SocketPath(dir)).TestNotification(context.Background())
	var ne *diary.NotificationError
	if !errors.As(err, &ne) || ne.Reason != diary.NotifyNoService || !errors.Is(err, diary.ErrNoNotifications) {
		t.Fatalf("TestNotification: %v, want a NotificationError (no service) across the wire", err)
	}
	if msg := diary.Message(err); !strings.Contains(msg, "no notification service") || strings.Contains(msg, "agent:") {
		t.Errorf("the window would say %q", msg)
	}
}
