package console_test

import (
	"context"
	"strings"
	"testing"
)

// TestConsoleControls checks the console's own controls: :q quits as
// :quit does, an unknown control lists every control there is, and a
// long :advance reports where it has got to every simulated week.
func TestConsoleControls(t *testing.T) {
	r := newRig(t)
	for _, quit := range []string{":quit", ":q"} {
		if !r.con.Line(context.Background(), quit) {
			t.Errorf("%s did not end the session", quit)
		}
	}
	got := r.say(":nonsense")
	for _, want := range []string{":help", ":as NAME", "@NAME", ":advance", ":quit", ":q"} {
		if !strings.Contains(got, want) {
			t.Errorf(":nonsense hint %q leaves out %s", got, want)
		}
	}
	if got := r.say(":advance 7d"); strings.Contains(got, "(advancing:") {
		t.Errorf("a week's advance printed progress: %s", got)
	}
	got = r.say(":advance 3w2d")
	want := []string{
		"(advancing: it is now Wed 9 Dec 2026 10:00 UTC)",
		"(advancing: it is now Wed 16 Dec 2026 10:00 UTC)",
		"(advancing: it is now Wed 23 Dec 2026 10:00 UTC)",
		"(it is now Fri 25 Dec 2026 10:00 UTC)",
	}
	if lines := strings.Split(strings.TrimSpace(got), "\n"); strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf(":advance 3w2d printed\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
