package console_test

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/testkit"
)

// every is a message with every part the renderers draw.
var every = bot.Message{
	Title: "Progress of <@U1|dave>",
	Text:  "You're at *Junior backend developer*, learning _two_ skills: `git` and <https://go.dev|Go>.\n• A bullet that is long enough to need wrapping on a narrow terminal, see <https://example.com/a/very/long/path>",
	Fields: []bot.Field{
		{Name: "Lead", Value: "<@U2>"},
		{Name: "Learning", Value: "Git\nSQL basics"},
	},
	Progress: []bot.Bar{{Label: "Junior backend developer", Done: 3, Total: 10}},
	File:     &bot.File{Name: "export.json", Data: []byte("{\"a\": \"*not bold*\", \"b\": \"<@U1>\"}\n")},
	Footer:   "Weekly nudge · _Junior_",
	Buttons:  []bot.Button{{Label: "Progress", Command: "progress <@U1>"}, {Label: "Next", Command: "next"}},
}

// TestRenderPlainUnchanged pins the pipe output byte for byte: scripts
// and tests rely on it (design.md, console contract). Mentions are
// written @name, as a console user types them, except in a file.
func TestRenderPlainUnchanged(t *testing.T) {
	want := "== Progress of @dave ==\n" +
		"You're at *Junior backend developer*, learning _two_ skills: `git` and <https://go.dev|Go>.\n" +
		"• A bullet that is long enough to need wrapping on a narrow terminal, see <https://example.com/a/very/long/path>\n" +
		"Lead: @U2\n" +
		"Learning:\n  Git\n  SQL basics\n" +
		"Junior backend developer ▓▓▓░░░░░░░ 3/10\n" +
		"--- export.json ---\n{\"a\": \"*not bold*\", \"b\": \"<@U1>\"}\n---\n" +
		"Weekly nudge · _Junior_\n" +
		"[Progress → /mentor progress @U1] [Next → /mentor next]"
	if got := console.Render(every); got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkup(t *testing.T) {
	for _, tc := range []struct{ in, ansi, plain string }{
		{"*bold* text", "\x1b[1mbold\x1b[22m text", "bold text"},
		{"a _slanted_ word", "a \x1b[3mslanted\x1b[23m word", "a slanted word"},
		{"run `/mentor done git`", "run \x1b[36m/mentor done git\x1b[39m", "run `/mentor done git`"},
		{"`*not bold*` in code", "\x1b[36m*not bold*\x1b[39m in code", "`*not bold*` in code"},
		{"*You're at _mid_*.", "\x1b[1mYou're at \x1b[3mmid\x1b[23m\x1b[22m.", "You're at mid."},
		{"<@dave> and <@U1|Dana> and <@!123>", "@dave and @Dana and @123", "@dave and @Dana and @123"},
		{"`/mentor leads add <@you>`", "\x1b[36m/mentor leads add @you\x1b[39m", "`/mentor leads add @you`"},
		{"see <https://go.dev|the Go site>", "see the Go site (https://go.dev)", "see the Go site (https://go.dev)"},
		{"<https://go.dev>", "https://go.dev", "https://go.dev"},
		{"in <#C1|general> <!here>", "in #general @here", "in #general @here"},
		// Not markup: left as it is.
		{"sql_basics and internet_and_http", "sql_basics and internet_and_http", "sql_basics and internet_and_http"},
		{"2*3*4 = 24", "2*3*4 = 24", "2*3*4 = 24"},
		{"* a star list", "* a star list", "* a star list"},
		{"an *open marker", "an *open marker", "an *open marker"},
		{"/mentor ask <question>", "/mentor ask <question>", "/mentor ask <question>"},
		{"a < b > c", "a < b > c", "a < b > c"},
		{"*bold\nacross lines*", "*bold\nacross lines*", "*bold\nacross lines*"},
		{"✅ Done: *Git*.", "✅ Done: \x1b[1mGit\x1b[22m.", "✅ Done: Git."},
	} {
		if got := console.Markup(tc.in, true); got != tc.ansi {
			t.Errorf("Markup(%q, ansi) = %q, want %q", tc.in, got, tc.ansi)
		}
		if got := console.Markup(tc.in, false); got != tc.plain {
			t.Errorf("Markup(%q, plain) = %q, want %q", tc.in, got, tc.plain)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"one two three four", 9, "one two\nthree\nfour"},
		{"one two three four", 0, "one two three four"},
		{"short", 80, "short"},
		{"• an item that wraps", 10, "• an item\n  that\n  wraps"},
		{"  indented text wraps here", 12, "  indented\n  text wraps\n  here"},
		{"see https://example.com/a/very/long/path now", 12, "see\nhttps://example.com/a/very/long/path\nnow"},
		{"✅ 📚 ab cd", 7, "✅ 📚\nab cd"},
		{"\x1b[1mbold words\x1b[22m here", 10, "\x1b[1mbold words\x1b[22m\nhere"},
		{"first line\nsecond line", 6, "first\nline\nsecond\nline"},
	} {
		if got := console.Wrap(tc.in, tc.width); got != tc.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

var escapes = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// columns is the widest line of s, escapes left out (every rune one column:
// the message below has no wide ones).
func columns(s string) int {
	w := 0
	for _, line := range strings.Split(escapes.ReplaceAllString(s, ""), "\n") {
		w = max(w, utf8.RuneCountInString(line))
	}
	return w
}

func TestRenderTerminal(t *testing.T) {
	m := every
	m.File = nil
	for _, want := range []string{"\x1b[36mgit\x1b[39m and Go (https://go.dev)", "see https://example.com/a/very/long/path"} {
		if got := console.RenderTerminal(m, 0, true); !strings.Contains(got, want) {
			t.Errorf("RenderTerminal lacks %q:\n%s", want, got)
		}
	}
	got := console.RenderTerminal(m, 40, true)
	for _, want := range []string{
		"\x1b[1m== Progress of @dave ==\x1b[22m",
		"\x1b[1mJunior backend developer\x1b[22m",
		"Lead: @U2",
		"Learning:\n  Git\n  SQL basics",
		"Junior backend developer ▓▓▓░░░░░░░ 3/10",
		"[Progress → /mentor progress @U1]",
		"\n  ", // the bullet's continuation lines up under its text
	} {
		if !strings.Contains(got, want) {
			t.Errorf("RenderTerminal lacks %q:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if w := columns(line); w > 40 && !strings.Contains(line, "https://example.com/a/very/long/path") {
			t.Errorf("line of %d columns (> 40): %q", w, line)
		}
	}
	if strings.ContainsAny(escapes.ReplaceAllString(got, ""), "*`") || strings.Contains(got, "<@") {
		t.Errorf("markup left in:\n%s", got)
	}
	plain := console.RenderTerminal(m, 0, false)
	if strings.Contains(plain, "\x1b") || strings.Contains(plain, "*") || !strings.Contains(plain, "== Progress of @dave ==") {
		t.Errorf("RenderTerminal without ANSI:\n%s", plain)
	}
	// The file stays as it is.
	got = console.RenderTerminal(every, 20, true)
	if !strings.Contains(got, "{\"a\": \"*not bold*\", \"b\": \"<@U1>\"}") {
		t.Errorf("the attached file was changed:\n%s", got)
	}
}

// TestTerminalSession: a console given a Terminal starts with the hint,
// prompts with the current user's name, answers :help, wraps to the width
// and prints no markup; the prompt makes way for a DM and comes back.
func TestTerminalSession(t *testing.T) {
	r := newRig(t)
	in, inW := io.Pipe()
	out := &testkit.Buffer{}
	con := console.New(console.Config{Handler: r.b, In: in, Out: out, Clock: r.clk, Workspace: r.ws,
		Terminal: &console.Terminal{Width: func() int { return 50 }, ANSI: true, Prompt: true}})
	done := make(chan error, 1)
	go func() { done <- con.Run(context.Background()) }()
	send := func(line, want string) string {
		t.Helper()
		mark := len(out.String())
		if line != "" {
			io.WriteString(inW, line+"\n")
		}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(out.String()[mark:], want) {
			if time.Now().After(deadline) {
				t.Fatalf("after %q, no %q in:\n%q", line, want, out.String()[mark:])
			}
			time.Sleep(5 * time.Millisecond)
		}
		return out.String()[mark:]
	}
	send("", console.Hint+"\n\x1b[1myou>\x1b[22m ")
	got := send("/mentor join", "\x1b[1myou>\x1b[22m ")
	if !strings.Contains(got, "\x1b[1mJunior backend developer\x1b[22m") {
		t.Errorf("join not rendered for the terminal:\n%q", got)
	}
	for _, line := range strings.Split(got, "\n") {
		if w := columns(line); w > 50 {
			t.Errorf("line of %d columns (> 50): %q", w, line)
		}
	}
	if strings.ContainsAny(escapes.ReplaceAllString(got, ""), "*`") {
		t.Errorf("markup left in:\n%s", got)
	}
	got = send(":help", "you>")
	if !strings.Contains(got, "Console controls:") || !strings.Contains(got, ":advance 1w") {
		t.Errorf(":help:\n%s", got)
	}
	send(":as dana", "\x1b[1mdana>\x1b[22m ")
	// A DM while the prompt waits: the prompt's line is cleared, the DM
	// printed and the prompt shown again.
	mark := len(out.String())
	con.Send(context.Background(), bot.Recipient{Scope: con.Scope(), User: "dana"}, bot.Message{Text: "*Hi*"})
	if got := out.String()[mark:]; got != "\r\x1b[K[DM to dana]\n  \x1b[1mHi\x1b[22m\n\x1b[1mdana>\x1b[22m " {
		t.Errorf("DM at the prompt: %q", got)
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "dana>\x1b[22m \n") {
		t.Errorf("end of input does not end the prompt's line: %q", out.String()[len(out.String())-20:])
	}
}

// TestPipeSessionPlain: without a Terminal nothing of the terminal's shows:
// no hint, prompt or escape, and :help is the one addition.
func TestPipeSessionPlain(t *testing.T) {
	r := newRig(t)
	out := &testkit.Buffer{}
	con := console.New(console.Config{Handler: r.b, In: strings.NewReader("/mentor join\n:bogus\n:help\n"), Out: out, Clock: r.clk, Workspace: r.ws})
	if err := con.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, console.Hint) || strings.Contains(got, "you> ") || strings.Contains(got, "\x1b") {
		t.Errorf("terminal output on a pipe:\n%s", got)
	}
	if !strings.HasPrefix(got, "== Welcome to the Backend developer roadmap ==\nYou're starting at *Junior backend developer*.") {
		t.Errorf("join on a pipe:\n%s", got)
	}
	if !strings.Contains(got, "\nConsole commands: :help, :as NAME, @NAME <line>, :advance DURATION (1w, 7d, 36h, 90m), :quit (or :q). Anything else is a message to the bot.\nConsole controls:\n") {
		t.Errorf(":bogus and :help on a pipe:\n%s", got)
	}
}
