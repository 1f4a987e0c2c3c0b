package cli

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// actions records what the agent was handed.
type actions struct {
	mu   sync.Mutex
	keys []string
}

func (a *actions) Later() error            { return nil }
func (a *actions) TestNotification() error { return nil }
func (a *actions) Act(key string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.keys = append(a.keys, key)
	return nil
}

// TestActionURIHandsOff: "crampcare crampcare:drink", as Windows starts it
// for a toast's button, hands the action to the running agent over the
// API and exits; anything else is refused before it reaches the agent.
func TestActionURIHandsOff(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "crampcare:drink"); r.code != ExitError || !strings.Contains(r.stderr, "not running") {
		t.Errorf("without an agent: %+v", r)
	}
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ln, err := api.Listen(api.SocketPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	got := &actions{}
	srv := api.NewServer(api.Params{Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}),
		Reminders: got, Owner: os.Getuid()})
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { ln.Close(); srv.CloseConns(); <-done }()

	for _, uri := range []string{"crampcare:drink", "crampcare:stretch-later/", "CrampCare:Stretched"} {
		if r := run(t, dir, uri); r.code != ExitOK || r.stdout != "" {
			t.Errorf("%s: %+v", uri, r)
		}
	}
	for _, bad := range []string{"crampcare:", "crampcare:rm", "crampcare:drink;stretched"} {
		if r := run(t, dir, bad); r.code != ExitUsage {
			t.Errorf("%s: %+v, want a usage error", bad, r)
		}
	}
	got.mu.Lock()
	defer got.mu.Unlock()
	if strings.Join(got.keys, " ") != "drink stretch-later stretched" {
		t.Errorf("the agent was handed %q", got.keys)
	}
}
