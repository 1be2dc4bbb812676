package main

import (
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/testkit"
)

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// TestConsoleOnATerminal runs the binary on a pseudo-terminal 60 columns
// wide: it shows the hint and a prompt, renders markup as terminal text,
// wraps to the width and ends at Ctrl-D with exit 0.
func TestConsoleOnATerminal(t *testing.T) {
	cmd := exec.Command(binary)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TERM=xterm-256color", "REDIS_URL=memory://"}
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 60})
	if err != nil {
		t.Fatalf("start on a pty: %v", err)
	}
	defer tty.Close()
	out := &testkit.Buffer{}
	go io.Copy(out, tty)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer cmd.Process.Kill()

	// wait returns the output from mark on, once it holds want.
	wait := func(mark int, want string) string {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !strings.Contains(out.String()[mark:], want); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q on the terminal:\n%q", want, out.String())
			}
		}
		return out.String()[mark:]
	}
	prompt := "\x1b[1myou>\x1b[22m "
	wait(0, console.Hint+"\r\n"+prompt)
	mark := len(out.String())
	io.WriteString(tty, "/mentor join\r")
	got := wait(mark, "os-and-terminal]\r\n"+prompt)
	for _, want := range []string{"\x1b[1m== Welcome to the Backend developer roadmap ==\x1b[22m", "\x1b[1mJunior backend developer\x1b[22m", "\x1b[36m/mentor skills\x1b[39m"} {
		if !strings.Contains(got, want) {
			t.Errorf("join on the terminal lacks %q:\n%q", want, got)
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(got, "\r\n", "\n"), "\n") {
		if w := len([]rune(ansiRE.ReplaceAllString(line, ""))); w > 60 {
			t.Errorf("line of %d columns on a 60-column terminal: %q", w, line)
		}
	}
	io.WriteString(tty, "\x04") // Ctrl-D: end of input
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\n%q", err, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("still running 10 s after Ctrl-D")
	}
}
