package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// Any one line a local process sends gets one well-formed reply, and the
// server goes on answering: it never panics, hangs or drops the agent.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		`{"op":"ping"}`,
		`{"op":"log_cramp","args":{"leg":"left","muscle":"calf","intensity":5}}`,
		`{"op":"log_cramp","args":{"at":"2099-01-01T00:00:00Z"}}`,
		`{"op":"log_cramp","args":{"intensity":11,"note":"x"}}`,
		`{"op":"cramps","args":{"since":"0001-01-01T00:00:00Z"}}`,
		`{"op":"edit_cramp","args":{"id":999,"at":"2026-11-22T03:00:00Z"}}`,
		`{"op":"delete_cramp","args":{"id":1}}`,
		`{"op":"restore_cramp","args":{"id":0}}`,
		`{"op":"set_setting","args":{"key":"hydration.goal","value":"lots"}}`,
		`{"op":"set_setting","args":{"key":"ui.scale","value":"1.5"}}`,
		`{"op":"stretch_done","args":{"source":"nowhere"}}`,
		`{"op":"import","args":{"format":"crampcare-export","version":1}}`,
		`{"op":"import","args":{"cramps":[{"at":"2026-11-22T03:00:00Z","uid":""}]}}`,
		`{"op":"dismiss_advice","args":{"rule":"two-weeks"}}`,
		`{"op":"insights"}`, `{"op":"status"}`, `{"op":"export"}`, `{"op":"show_window","args":{"name":"main"}}`,
		`{"op":"drop_tables"}`, `{"op":7}`, `{"op":"ping","args":[1,2]}`, `{nope`, `null`, `""`,
	} {
		f.Add([]byte(s))
	}
	st, err := store.Open(filepath.Join(f.TempDir(), store.FileName), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv := NewServer(Params{
		Diary: service.New(service.Params{Store: st, Now: func() time.Time { return now }}),
		Host:  &fakeHost{events: make(chan Event)},
	})
	ask := func(t *testing.T, line []byte) response {
		t.Helper()
		client, server := net.Pipe()
		defer client.Close()
		done := make(chan struct{})
		go func() { defer close(done); srv.handle(newConn(server)); server.Close() }()
		client.SetDeadline(time.Now().Add(10 * time.Second))
		go client.Write(append(line, '\n'))
		reply, err := bufio.NewReader(client).ReadBytes('\n')
		if err != nil {
			t.Fatalf("no reply to %q: %v", line, err)
		}
		var r response
		if err := json.Unmarshal(reply, &r); err != nil {
			t.Fatalf("reply %q to %q is not a response: %v", reply, line, err)
		}
		if !r.OK && r.Error == nil {
			t.Fatalf("reply %q to %q fails without saying why", reply, line)
		}
		client.Close()
		<-done
		return r
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		// One request per line: a newline inside would make it two.
		line = bytes.ReplaceAll(line, []byte("\n"), []byte(" "))
		ask(t, line)
		if r := ask(t, []byte(`{"op":"ping"}`)); !r.OK {
			t.Fatalf("after %q the server no longer answers a ping", line)
		}
		// The store is still whole.
		if _, err := srv.p.Diary.Status(context.Background()); err != nil {
			t.Fatalf("after %q: %v", line, err)
		}
	})
}
