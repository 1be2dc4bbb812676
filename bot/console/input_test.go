package console_test

import (
	"strings"
	"testing"
)

// Keys that are not text reach a console line as escape sequences and
// control characters (an arrow key is ^[[A): they are dropped before the
// line is read, a line of nothing else is answered as such, and what
// remains is read as typed, a command it doesn't name answered as unknown
// with no escape tail echoed (journey j1 finding 5).
func TestControlKeysInInput(t *testing.T) {
	r := newRig(t)
	for _, line := range []string{"\x1b[A", "\x1b[A\x1b[B", "\x1bOA", "\x1b", "\x07\x7f", " \x1b[1;5C "} {
		if got := r.say(line); got != "(Arrow keys and other control keys aren't read here: type the line itself. :help lists the console's controls.)\n" {
			t.Errorf("%q: %q", line, got)
		}
	}
	r.must("/mentor join\x1b[D", "Welcome")
	r.must("\x1b[A/mentor skills", "Junior backend developer")
	r.must("/mentor nudges\tstatus\x1b[C", "Next:")
	for _, line := range []string{"/mentor jion\x1b[D\x1b[D", "/mentor \x1b[Ajion"} {
		got := r.say(line)
		if !strings.Contains(got, `I don't know the command "jion". Did you mean `+"`join`?") || strings.Contains(got, "\x1b") || strings.Contains(got, "[d") {
			t.Errorf("%q: %q", line, got)
		}
	}
	if got := r.say("\x1b]0;title\x07:as ann"); got != "(you are now ann)\n" {
		t.Errorf("an OSC before :as: %q", got)
	}
	if got := r.say("hi\u009b"); !strings.HasPrefix(got, "Hi! I'm mentorbot") {
		t.Errorf("a C1 control after hi: %q", got)
	}
}

// :advance reads its units in any case, and a unit it doesn't know gets
// why and what to type (journey j1 finding 8).
func TestAdvanceUnits(t *testing.T) {
	r := newRig(t)
	r.must(":advance 1W", "(it is now Wed 2 Dec 2026 10:00 UTC)")
	r.must(":advance 1D12H", "(it is now Thu 3 Dec 2026 22:00 UTC)")
	for line, want := range map[string]string{
		":advance 1y":   `Can't advance by "1y": "y" is no unit here; the units are w (weeks), d (days), h (hours) and m (minutes), in any case`,
		":advance 2mo":  `"mo" is no unit here`,
		":advance soon": `Can't advance by "soon": "soon" is no unit here`,
		":advance 0d":   `Can't advance by "0d": that's no length of time`,
	} {
		if got := r.say(line); !strings.Contains(got, want) || !strings.Contains(got, "a year is 52w.") {
			t.Errorf("%s: %q, want %q in it", line, got, want)
		}
	}
}
