package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// Any one request a local process sends gets one well-formed reply, and
// the server goes on answering: it never panics, hangs or drops the agent.
// The fuzzer's bytes are the body, sent to every POST route in turn.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		`{"leg":"left","muscle":"calf","intensity":5}`,
		`{"at":"2099-01-01T00:00:00Z"}`,
		`{"intensity":11,"note":"x"}`,
		`{"since":"0001-01-01T00:00:00Z"}`,
		`{"id":999,"at":"2026-11-22T03:00:00Z"}`,
		`{"id":1}`, `{"id":0}`,
		`{"key":"hydration.goal","value":"lots"}`,
		`{"key":"ui.scale","value":"1.5"}`,
		`{"source":"nowhere"}`,
		`{"format":"crampcare-export","version":1}`,
		`{"cramps":[{"at":"2026-11-22T03:00:00Z","uid":""}]}`,
		`{"rule":"two-weeks"}`, `{"name":"main"}`,
		`{"op":7}`, `[1,2]`, `{nope`, `null`, `""`, "\xff",
	} {
		f.Add([]byte(s))
	}
	st, err := store.Open(filepath.Join(tempDir(f), store.FileName), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv := NewServer(Params{
		Diary:     service.New(service.Params{Store: st, Now: func() time.Time { return now }}),
		Host:      &fakeHost{events: make(chan Event)},
		Reminders: nopReminders{},
	})
	h := srv.Handler()
	ask := func(t *testing.T, method, path string, body []byte) {
		t.Helper()
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusOK {
			return
		}
		var eb errorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil || eb.Error == nil || eb.Error.Code == "" || eb.Error.Message == "" {
			t.Fatalf("%s %s %q: reply %d %q does not say why it failed", method, path, body, rec.Code, rec.Body.Bytes())
		}
	}
	var posts []string
	for _, rt := range srv.routes() {
		if rt.method == http.MethodPost {
			posts = append(posts, rt.path)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range posts {
			ask(t, http.MethodPost, path, body)
		}
		ask(t, http.MethodPost, "/v2/no-such-thing", body)
		// The store is still whole, and the server answers.
		if _, err := srv.p.Diary.Status(context.Background()); err != nil {
			t.Fatalf("after %q: %v", body, err)
		}
		ask(t, http.MethodGet, opPing.path, nil)
	})
}
