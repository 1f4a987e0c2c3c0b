//go:build smoke

package smoke

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/export"
)

// The probes of issue 18 ("Hold under every probe") that concern the agent
// process itself, each against the real binary.

// alive fails t if the agent has exited.
func (a *agent) alive(t *testing.T) {
	t.Helper()
	select {
	case err := <-a.done:
		a.done <- err
		t.Fatalf("the agent died: %v\n%s", err, a.log.String())
	default:
	}
}

// writeExport writes an export of n cramps with long notes (about 4 kB
// each) to a file in dir and returns its path.
func writeExport(t *testing.T, dir string, n int) string {
	t.Helper()
	f := export.File{ExportedAt: time.Now()}
	note := strings.Repeat("The calf went hard again after a long walk. ", 100)[:cramp.MaxNoteBytes-10]
	start := time.Now().AddDate(-1, 0, 0)
	for i := range n {
		f.Cramps = append(f.Cramps, cramp.Entry{
			At:   start.Add(time.Duration(i) * 37 * time.Minute),
			UID:  fmt.Sprintf("probe-%06d", i),
			Note: note,
		})
	}
	path := filepath.Join(dir, "export.json")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := export.WriteJSON(out, f); err != nil {
		t.Fatal(err)
	}
	return path
}

// Point 1: the agent used to drop its own executable's mappings five
// seconds after start (internal/memtrim), which zeroed the dynamic linker's
// tables: the next C call it had not made before jumped to address 0. An
// import and a report well after start must leave it running.
func TestProbeImportAndReportLongAfterStart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	started := time.Now()
	dialAgent(ctx, t, s).Close()
	path := writeExport(t, t.TempDir(), 12000) // about 50 MB
	if fi, err := os.Stat(path); err != nil || fi.Size() < 48e6 {
		t.Fatalf("export file: %v, %d bytes; want 50 MB", err, fi.Size())
	}
	// The trim ran 5 s after start; what it broke showed from then on.
	time.Sleep(time.Until(started.Add(8 * time.Second)))
	if out, err := s.crampcare(ctx, "import", path); err != nil || !strings.Contains(out, "12000") {
		t.Fatalf("import: %q, %v", out, err)
	}
	a.alive(t)
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	if _, err := s.crampcare(ctx, "report", "-o", pdf); err != nil {
		t.Fatalf("report: %v", err)
	}
	a.alive(t)
	if out, err := s.crampcare(ctx, "status"); err != nil {
		t.Fatalf("status after import and report: %q, %v", out, err)
	}
}
