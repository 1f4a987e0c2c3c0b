package export

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

var fuzzNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// An import file is whatever the user picks: ReadJSON never panics, refuses
// with a format or input error, or returns a file whose every entry is
// valid and which survives a write and a second read unchanged in size.
func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"format":"crampcare-export","version":2,"cramps":[{"id":1,"uid":"A","at":"2026-11-22T03:00:00Z","leg":"left","muscle":"calf","intensity":6,"helped":{"stretch":"yes"},"triggers":["little-water"],"note":"ünï"}],"glasses":[{"id":1,"at":"2026-11-22T09:00:00Z"}],"stretches":[{"id":1,"start":"2026-11-21T21:30:00Z","end":"2026-11-21T21:45:00Z","source":"guided"}],"settings":{"hydration.goal":"6"}}`,
		`{"format":"crampcare-export","version":1,"cramps":[],"glasses":[],"stretches":[],"settings":{}}`,
		`{"format":"crampcare-export","version":3}`,
		`{"format":"crampcare-export","version":1,"cramps":[{"at":"2099-01-01T00:00:00Z"}]}`,
		`{"format":"crampcare-export","version":1,"cramps":[{"at":"2026-11-22T03:00:00Z","intensity":-1}]}`,
		`{"format":"crampcare-export","version":1,"settings":{"ui.scale":"9"}}`,
		`{"format":"crampcare-export","version":1,"extra":true}`,
		`[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ReadJSON(bytes.NewReader(data), fuzzNow)
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, input.ErrInvalid) {
				t.Fatalf("ReadJSON: %v is neither a format nor an input error", err)
			}
			return
		}
		for _, e := range file.Cramps {
			if err := e.Validate(fuzzNow.Add(ClockSkew)); err != nil {
				t.Fatalf("accepted an invalid cramp: %v", err)
			}
		}
		var buf bytes.Buffer
		if err := WriteJSON(&buf, file); err != nil {
			t.Fatal(err)
		}
		again, err := ReadJSON(&buf, fuzzNow)
		if err != nil {
			t.Fatalf("a file read once does not read again: %v", err)
		}
		if len(again.Cramps) != len(file.Cramps) || len(again.Glasses) != len(file.Glasses) ||
			len(again.Stretches) != len(file.Stretches) || len(again.Settings) != len(file.Settings) {
			t.Fatalf("round trip changed the file")
		}
	})
}
