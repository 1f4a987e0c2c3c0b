// Package api is the local API between the agent, which owns the store, and
// the window process and CLI, which ask it. It speaks newline-delimited JSON
// over a Unix socket (mode 0600) in the data folder: simple to debug with
// socat, and available on Linux, macOS and Windows 10+.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/store"
)

// WindowTokenEnv names the environment variable in which the agent gives
// the window process it starts the token that lets it attach.
const WindowTokenEnv = "CRAMPCARE_WINDOW_TOKEN"

// SocketName is the socket's file name inside the data folder.
const SocketName = "agent.sock"

// MaxMessage bounds one request or response line: the largest legitimate
// message is an export or import of the largest file export writes, and a
// bigger one is refused rather than buffered.
const MaxMessage = export.MaxMessage

// marshal encodes v for the wire without escaping <, > and & (which
// json.Marshal writes as six bytes each), so that a message is never
// longer than the export file it carries. The encoder's newline is cut.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// SocketPath is where the agent of dataDir listens.
func SocketPath(dataDir string) string { return filepath.Join(dataDir, SocketName) }

// Ops of the protocol.
const (
	opPing       = "ping"
	opLogCramp   = "log_cramp"
	opCramps     = "cramps"
	opLogGlass   = "log_glass"
	opStatus     = "status"
	opSettings   = "settings"
	opSetSetting = "set_setting"
	opShowWindow = "show_window"
	opAttach     = "attach"
	opStretch    = "stretch_done"
	opStretches  = "stretches"
	opLater      = "later"
	opTestNote   = "test_notification"
	opCramp      = "cramp"
	opEditCramp  = "edit_cramp"
	opDelete     = "delete_cramp"
	opRestore    = "restore_cramp"
	opDismiss    = "dismiss_advice"
	opExport     = "export"
	opImport     = "import"
	opInsights   = "insights"
	opNoticeOK   = "dismiss_notice"
	opDoctor     = "doctor"
)

// ErrInternal means the agent could not carry out a request because of a
// fault of its own (it is logged with the details). The request was not
// done; the agent and everything saved before are unharmed.
var ErrInternal = errors.New("CrampCare hit an unexpected problem and did not do this. Everything saved before is safe; the details are in CrampCare's log")

type request struct {
	Op   string          `json:"op"`
	Args json.RawMessage `json:"args,omitempty"`
}

type response struct {
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *wireError      `json:"error,omitempty"`
	Event  *Event          `json:"event,omitempty"`
}

// Error codes on the wire.
const (
	codeInvalid  = "invalid"
	codeNotFound = "not_found"
	codeInternal = "internal"
	codeDiskFull = "disk_full"
	codeReadOnly = "read_only"
	codeRefused  = "refused"
)

type wireError struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// Event is pushed by the agent to the attached window process.
type Event struct {
	Type   string `json:"type"`
	Window string `json:"window,omitempty"` // for EventShow
	Change string `json:"change,omitempty"` // for EventChanged
}

// Event types.
const (
	// EventShow asks the window process to show (or raise) a window.
	EventShow = "show"
	// EventChanged says the diary changed, so views refresh.
	EventChanged = "changed"
	// EventQuit asks the window process to close everything and exit.
	EventQuit = "quit"
)

func toWire(err error) *wireError {
	var ie *input.Error
	switch {
	case errors.As(err, &ie):
		return &wireError{Code: codeInvalid, Field: ie.Field, Message: ie.Message}
	case errors.Is(err, input.ErrInvalid):
		return &wireError{Code: codeInvalid, Message: err.Error()}
	case errors.Is(err, store.ErrNotFound):
		return &wireError{Code: codeNotFound, Message: err.Error()}
	case errors.Is(err, export.ErrFormat):
		return &wireError{Code: codeInvalid, Field: "file", Message: err.Error()}
	case errors.Is(err, store.ErrExists):
		return &wireError{Code: codeInvalid, Field: "id", Message: err.Error()}
	case errors.Is(err, store.ErrDiskFull):
		return &wireError{Code: codeDiskFull, Message: err.Error()}
	case errors.Is(err, store.ErrReadOnly):
		return &wireError{Code: codeReadOnly, Message: err.Error()}
	default:
		return &wireError{Code: codeInternal, Message: err.Error()}
	}
}

// fromWire turns a wire error back into the same sentinels, so callers test
// errors.Is(err, input.ErrInvalid) whether the diary is local or remote.
func fromWire(w *wireError) error {
	switch w.Code {
	case codeInvalid:
		return &input.Error{Field: w.Field, Message: w.Message}
	case codeNotFound:
		return fmt.Errorf("%s: %w", w.Message, store.ErrNotFound)
	case codeDiskFull:
		return &remoteError{msg: w.Message, is: store.ErrDiskFull}
	case codeReadOnly:
		return &remoteError{msg: w.Message, is: store.ErrReadOnly}
	case codeRefused:
		return &remoteError{msg: w.Message, is: ErrRefused}
	default:
		return fmt.Errorf("agent: %s", w.Message)
	}
}

// remoteError is an agent's error that matches a store sentinel, keeping
// the agent's text (which already names the sentinel) as it was.
type remoteError struct {
	msg string
	is  error
}

func (e *remoteError) Error() string { return "agent: " + e.msg }
func (e *remoteError) Unwrap() error { return e.is }
