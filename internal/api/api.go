// Package api is the local API between the agent, which owns the store, and
// the window process and CLI, which ask it: HTTP with JSON bodies over a
// Unix socket (mode 0600) in the data folder, the way Docker's and
// Tailscale's local APIs work, so net/http does the framing, timeouts,
// cancellation and concurrency on both ends. Every operation is a line of
// ops.go; errors come back as a typed JSON body with a stable code and the
// plain-words message; events for the window process are one long-lived
// streaming response. Debug it with
// curl --unix-socket DATA/agent.sock http://crampcare/v2/status.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/version"
)

// WindowTokenEnv names the environment variable in which the agent gives
// the window process it starts the token that lets it attach.
const WindowTokenEnv = "CRAMPCARE_WINDOW_TOKEN"

// SocketName is the socket's file name inside the data folder.
const SocketName = "agent.sock"

// MaxMessage bounds one request or response body: the largest legitimate
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

// SocketPath is where the agent of dataDir listens: the socket in the data
// folder, or on Windows a named pipe of this user's named after the data
// folder (Windows has no AF_UNIX in every version, nor under Wine).
func SocketPath(dataDir string) string { return socketPath(dataDir) }

// ErrInternal means the agent could not carry out a request because of a
// fault of its own (it is logged with the details). The request was not
// done; the agent and everything saved before are unharmed.
var ErrInternal = errors.New(l10n.Mark("CrampCare hit an unexpected problem and did not do this. Everything saved before is safe; the details are in CrampCare's log"))

// Headers of the API.
const (
	// VersionHeader carries the version of the program at each end: the
	// agent's in every reply, the client's in every request, so that a
	// CLI or window process of another version never acts unaware.
	VersionHeader = "CrampCare-Version"
	// TokenHeader carries the window process's token on the event stream.
	TokenHeader = "CrampCare-Window-Token"
)

// errorBody is the JSON body of every error reply.
type errorBody struct {
	Error *wireError `json:"error"`
}

// Error codes on the wire: stable, whatever the wording.
const (
	codeInvalid  = "invalid"
	codeNotFound = "not_found"
	codeInternal = "internal"
	codeDiskFull = "disk_full"
	codeReadOnly = "read_only"
	codeRefused  = "refused"
	codeBusy     = "busy"
	codeVersion  = "other_version"
	// codeNoNotifications: a notification could not be shown; the field
	// carries the reason (diary.NotifyNoService, ...), the message the
	// plain words.
	codeNoNotifications = "no_notifications"
)

// httpStatus is the HTTP status of an error code, for curl and logs; the
// client goes by the code in the body.
func httpStatus(code string) int {
	switch code {
	case codeInvalid:
		return http.StatusBadRequest
	case codeNotFound:
		return http.StatusNotFound
	case codeDiskFull:
		return http.StatusInsufficientStorage
	case codeReadOnly:
		return http.StatusConflict
	case codeRefused:
		return http.StatusForbidden
	case codeBusy:
		return http.StatusServiceUnavailable
	case codeVersion:
		return http.StatusPreconditionFailed
	case codeNoNotifications:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

type wireError struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// otherVersion refuses a client of another version than the agent.
type otherVersion struct{ client string }

func (e *otherVersion) Error() string {
	return fmt.Sprintf("CrampCare was updated while it was running (this is version %s, the running one is %s). Quit CrampCare from its tray menu and start it again.", e.client, version.Version)
}

// ErrOtherVersion means the running agent is another version than this
// program: it must be restarted before they can work together.
var ErrOtherVersion = errors.New("the running CrampCare is another version")

// refusal is why the agent will not serve a client.
type refusal struct{ msg string }

func (e *refusal) Error() string { return "refused: " + e.msg }

func refusedf(format string, args ...any) error {
	return &refusal{msg: fmt.Sprintf(format, args...)}
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
	var ne *diary.NotificationError
	switch {
	case errors.As(err, &ie):
		return &wireError{Code: codeInvalid, Field: ie.Field, Message: ie.Message}
	case errors.Is(err, input.ErrInvalid):
		return &wireError{Code: codeInvalid, Message: err.Error()}
	case errors.Is(err, diary.ErrNotFound):
		return &wireError{Code: codeNotFound, Message: err.Error()}
	case errors.Is(err, export.ErrFormat):
		return &wireError{Code: codeInvalid, Field: "file", Message: err.Error()}
	case errors.Is(err, diary.ErrExists):
		return &wireError{Code: codeInvalid, Field: "id", Message: err.Error()}
	case errors.Is(err, diary.ErrDiskFull):
		return &wireError{Code: codeDiskFull, Message: err.Error()}
	case errors.Is(err, diary.ErrReadOnly):
		return &wireError{Code: codeReadOnly, Message: err.Error()}
	case errors.As(err, new(*refusal)):
		return &wireError{Code: codeRefused, Message: err.Error()}
	case errors.Is(err, errBusy):
		return &wireError{Code: codeBusy, Message: err.Error()}
	case errors.As(err, new(*otherVersion)):
		return &wireError{Code: codeVersion, Message: err.Error()}
	case errors.As(err, &ne):
		return &wireError{Code: codeNoNotifications, Field: ne.Reason, Message: ne.Error()}
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
		return fmt.Errorf("%s: %w", w.Message, diary.ErrNotFound)
	case codeDiskFull:
		return &remoteError{msg: w.Message, is: diary.ErrDiskFull}
	case codeReadOnly:
		return &remoteError{msg: w.Message, is: diary.ErrReadOnly}
	case codeRefused:
		return &remoteError{msg: w.Message, is: ErrRefused}
	case codeBusy:
		return &remoteError{msg: w.Message, is: ErrBusy}
	case codeVersion:
		return &remoteError{msg: w.Message, is: ErrOtherVersion}
	case codeNoNotifications:
		// The words are the domain's, for the reason: the same in the
		// window, the CLI and the agent's own log.
		return &diary.NotificationError{Reason: w.Field}
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
