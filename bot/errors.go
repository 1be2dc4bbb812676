package bot

import (
	"errors"
	"fmt"
)

// Code classifies an error by what the person who asked should be told,
// in the spirit of WTF Dial's error codes: each code maps once to the text
// a user reads (Reply) and to the metrics outcome (Outcome).
type Code int

// Error codes.
const (
	// CodeInternal is a bug or an unexpected failure: "something went wrong".
	CodeInternal Code = iota
	// CodeRefusal is a request the caller may not make.
	CodeRefusal
	// CodeInvalid is a request that can't be carried out as written: a
	// missing or unknown argument, a usage answer, a correction.
	CodeInvalid
	// CodeUnavailable is storage that could not be reached or answer in
	// time: "try again shortly".
	CodeUnavailable
)

// ErrUnavailable marks a storage failure worth retrying later. Storage
// wraps it into the errors it returns; it alone makes CodeUnavailable.
var ErrUnavailable = errors.New("storage is unavailable")

// ErrUnconfirmed marks a write that was sent to storage and not answered
// in time: it may or may not have been applied, so "try again" would be a
// guess. It wraps ErrUnavailable (the code and metrics outcome stay
// CodeUnavailable); users are told to check before repeating it.
var ErrUnconfirmed = fmt.Errorf("write sent but not confirmed: %w", ErrUnavailable)

// ErrPlatformUnavailable marks a look-up the chat platform did not answer
// (Slack's or Discord's API down or slow), while storage is fine. It wraps
// ErrUnavailable (the code and metrics outcome stay CodeUnavailable), but
// users are told which side failed: "storage is unavailable" would send
// them, and whoever runs mentorbot, to the wrong place.
var ErrPlatformUnavailable = fmt.Errorf("the chat platform did not answer: %w", ErrUnavailable)

// Error is an error with a code and, for refusals and corrections, the
// text the user reads, with buttons for the likely next step ("did you
// mean").
type Error struct {
	Code    Code
	Message string   // shown to the user as it is (refusal, invalid)
	Buttons []Button // offered with the message
	Err     error    // the cause, for logs; may be nil
}

// Error returns the user's message, with the cause when there is one.
func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Message
	case e.Message == "":
		return e.Err.Error()
	}
	return e.Message + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns err's code: that of the first *Error in its chain,
// CodeUnavailable when it wraps ErrUnavailable, CodeInternal otherwise.
// A nil error has no code; ErrorCode returns CodeInternal for it, so ask
// only about errors.
func ErrorCode(err error) Code {
	var e *Error
	switch {
	case errors.As(err, &e) && e.Code != CodeInternal:
		return e.Code
	case errors.Is(err, ErrUnavailable):
		return CodeUnavailable
	}
	return CodeInternal
}

// Outcome is how a handled command ended, as metrics and logs count it.
type Outcome string

// Command outcomes.
const (
	OutcomeOK          Outcome = "ok"
	OutcomeRejected    Outcome = "rejected" // a refusal or a correction shown to the user
	OutcomeUnavailable Outcome = "unavailable"
	OutcomeError       Outcome = "error"
)

// Outcomes lists every Outcome, for metrics to export before they happen.
func Outcomes() []Outcome {
	return []Outcome{OutcomeOK, OutcomeRejected, OutcomeUnavailable, OutcomeError}
}

// Texts users read for the codes that carry no message of their own.
const (
	unavailableText = "Storage is unavailable, try again shortly."
	platformText    = "I couldn't reach the chat platform just now to check who that is; try again shortly."
	unconfirmedText = "I couldn't confirm that was saved (storage is slow). Check with `/mentor progress` before trying again."
	internalText    = "Something went wrong on my side; try again shortly."
)

// reply maps an error to what the user reads and how it is counted: the
// one place codes become words.
func reply(err error) (Message, Outcome) {
	if err == nil {
		return Message{}, OutcomeOK
	}
	switch ErrorCode(err) {
	case CodeRefusal, CodeInvalid:
		var e *Error
		errors.As(err, &e)
		return Message{Text: e.Message, Buttons: e.Buttons, Private: true}, OutcomeRejected
	case CodeUnavailable:
		if errors.Is(err, ErrUnconfirmed) {
			return Message{Text: unconfirmedText, Private: true}, OutcomeUnavailable
		}
		if errors.Is(err, ErrPlatformUnavailable) {
			return Message{Text: platformText, Private: true}, OutcomeUnavailable
		}
		return Message{Text: unavailableText, Private: true}, OutcomeUnavailable
	}
	return Message{Text: internalText, Private: true}, OutcomeError
}

// refuse returns a refusal whose text the user reads as it is.
func refuse(format string, args ...any) error {
	return &Error{Code: CodeRefusal, Message: fmt.Sprintf(format, args...)}
}

// invalid returns a correction or usage answer whose text the user reads.
func invalid(format string, args ...any) error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}
