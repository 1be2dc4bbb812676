package console_test

import (
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
)

// TestConsoleMentionsAsTyped: on a pipe and on a terminal alike, the
// console writes every mention as @name, as its users type them, in text
// and in code spans ("`/mentor leads add @you`"), never <@name>.
func TestConsoleMentionsAsTyped(t *testing.T) {
	r := newRig(t, "root")
	r.must("/mentor join", "Welcome")
	lines := []string{
		"@root /mentor leads add @lea",
		"@lea /mentor assign @you",
		"/mentor lead",
		"@root /mentor assign @lea @you",
		"@root /mentor leads remove @lea",
		"/mentor mentees",
	}
	mentioned := 0
	for _, line := range lines {
		got := r.say(line)
		if strings.Contains(got, "<@") {
			t.Errorf("%s (pipe): %s", line, got)
		}
		mentioned += strings.Count(got, "@lea") + strings.Count(got, "@you")
	}
	if mentioned == 0 {
		t.Fatal("no reply named anyone")
	}
	sc := bot.Scope{Platform: console.Platform, Workspace: r.ws}
	m := r.b.Handle(t.Context(), bot.Request{Scope: sc, User: "root", Name: "root", Text: "assign @lea @you"})
	if !strings.Contains(m.Text, "`/mentor assign <@you> <@lea>`") {
		t.Fatalf("the core's answer has no mention in a code span to draw: %s", m.Text)
	}
	for name, out := range map[string]string{"pipe": console.Render(m), "terminal": console.RenderTerminal(m, 80, false)} {
		if strings.Contains(out, "<@") || !strings.Contains(out, "@you") {
			t.Errorf("%s: %s", name, out)
		}
	}
}
