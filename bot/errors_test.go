package bot

import (
	"errors"
	"fmt"
	"testing"
)

// TestReplyToStorageErrors checks what users read, and how it is counted,
// for storage failures: a write whose outcome is unknown is told so, with
// how to check, and still counted as unavailable.
func TestReplyToStorageErrors(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		text    string
		outcome Outcome
	}{
		{"unavailable", fmt.Errorf("load: %w: %w", ErrUnavailable, errors.New("dial refused")), unavailableText, OutcomeUnavailable},
		{"unconfirmed", fmt.Errorf("apply: %w: %w", ErrUnconfirmed, errors.New("i/o timeout")), unconfirmedText, OutcomeUnavailable},
		{"platform", fmt.Errorf("look up U1: %w: %w", ErrPlatformUnavailable, errors.New("users.info: connection refused")), platformText, OutcomeUnavailable},
		{"internal", errors.New("bug"), internalText, OutcomeError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, o := reply(c.err)
			if m.Text != c.text || o != c.outcome || !m.Private {
				t.Errorf("reply = %q, %s, private %v; want %q, %s, private", m.Text, o, m.Private, c.text, c.outcome)
			}
		})
	}
	if ErrorCode(ErrUnconfirmed) != CodeUnavailable {
		t.Errorf("ErrUnconfirmed has code %v, want CodeUnavailable", ErrorCode(ErrUnconfirmed))
	}
}
