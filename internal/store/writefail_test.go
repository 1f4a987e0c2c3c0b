package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
)

func TestWriteErrNamesWhatAPersonCanFix(t *testing.T) {
	path := &fs.PathError{Op: "write", Path: "/data/crampcare.db", Err: syscall.ENOSPC}
	cases := []struct {
		err  error
		want error
	}{
		{path, ErrDiskFull},
		{fmt.Errorf("commit: %w", &fs.PathError{Op: "write", Path: "x", Err: syscall.EDQUOT}), ErrDiskFull},
		{&fs.PathError{Op: "truncate", Path: "x", Err: syscall.EFBIG}, ErrDiskFull},
		// bbolt wraps a failed resize with %s, losing the errno.
		{errors.New("file resize error: truncate x: no space left on device"), ErrDiskFull},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, ErrReadOnly},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, ErrReadOnly},
		{errors.New("mmap allocate error: read-only file system"), ErrReadOnly},
	}
	for _, c := range cases {
		got := writeErr(c.err)
		if !errors.Is(got, c.want) {
			t.Errorf("writeErr(%v) = %v, want %v", c.err, got, c.want)
		}
		if !strings.Contains(got.Error(), c.err.Error()) {
			t.Errorf("writeErr(%v) = %q dropped the system's words (the log needs them)", c.err, got)
		}
	}
	other := errors.New("cramp 3 has no UID")
	if got := writeErr(other); got != other {
		t.Errorf("writeErr(%v) = %v, want it unchanged", other, got)
	}
	if writeErr(nil) != nil {
		t.Error("writeErr(nil) != nil")
	}
}

func TestMessageAndExplain(t *testing.T) {
	full := fmt.Errorf("store: add cramp: %w", writeErr(&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}))
	msg := diary.Explain("The cramp was not logged", full)
	for _, want := range []string{"The cramp was not logged. The disk is full.", "Free some space", "Everything saved before is safe."} {
		if !strings.Contains(msg, want) {
			t.Errorf("Explain = %q, want it to say %q", msg, want)
		}
	}
	if strings.Contains(msg, "no space left") {
		t.Errorf("Explain = %q: the system's wording is for the log, not the person", msg)
	}
	if got := diary.Explain("The glass was not logged", errors.New("agent: bad time")); got != "The glass was not logged: agent: bad time" {
		t.Errorf("diary.Explain(other) = %q", got)
	}
}

// TestReadOnlyStore opens a real file read-only: everything reads, every
// write fails with ErrReadOnly and changes nothing, and the file (at the
// current schema) is not written at open.
func TestReadOnlyStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCramp(cramp.Entry{At: t0}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	ro, err := Open(path, Options{ReadOnly: true, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := ro.Cramps(t0.AddDate(0, 0, -1), t0.AddDate(0, 0, 1)); err != nil || len(list) != 1 {
		t.Fatalf("read-only Cramps = %v, %v; want the one cramp", list, err)
	}
	writes := map[string]error{}
	_, writes["AddCramp"] = ro.AddCramp(cramp.Entry{At: t0})
	_, writes["AddGlass"] = ro.AddGlass(t0)
	writes["SetSetting"] = ro.SetSetting("water.goal", "6")
	writes["SetState"] = ro.SetState("k", 1)
	for op, err := range writes {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store: %v, want ErrReadOnly", op, err)
		}
	}
	ro.Close()
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the read-only store changed the file")
	}

	// A read-write open of a current file writes nothing either: it must
	// work on a full disk.
	rw, err := Open(path, Options{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	if again, _ := os.ReadFile(path); string(again) != string(before) {
		t.Error("opening a current file wrote to it")
	}
}

func TestReadOnlyRefusesAnOldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, itob(SchemaVersion-1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only open of an older schema: %v, want ErrReadOnly", err)
	}
}
