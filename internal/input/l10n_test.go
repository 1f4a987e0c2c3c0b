package input

import (
	"errors"
	"testing"

	"github.com/crampcare/crampcare/internal/l10n"
)

func TestErrorInGerman(t *testing.T) {
	_, err := ParseInt("goal", "x", 1, 30)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("not an *Error: %v", err)
	}
	if got := err.Error(); got != `goal: "x" must be a whole number from 1 to 30` {
		t.Errorf("English: %q", got)
	}
	de := l10n.New(l10n.Prefs{Language: "de"}, "")
	if got := e.In(de); got != `goal: "x" muss eine ganze Zahl von 1 bis 30 sein` {
		t.Errorf("German: %q", got)
	}
}
