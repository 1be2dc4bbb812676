package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// `progress` names each skill once: the one being learned under Learning
// (with its Done button), not again under Next up, which lists what is
// not started yet (journey finding).
func TestProgressNamesEachSkillOnce(t *testing.T) {
	b, sc := clockBot(t, "progress-once", bot.Config{})
	say := func(line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line})
	}
	say("join")
	say("done git")
	say("start internet-and-http")
	m := say("progress")
	if n := strings.Count(shown(m), "How the internet and HTTP work"); n != 1 {
		t.Errorf("the skill being learned is named %d times:\n%s", n, shown(m))
	}
	var learning, next string
	for _, f := range m.Fields {
		switch f.Name {
		case "Learning":
			learning = f.Value
		case "Next up":
			next = f.Value
		}
	}
	if learning != "How the internet and HTTP work" || !strings.Contains(next, "Operating system and terminal basics") {
		t.Errorf("Learning %q, Next up %q", learning, next)
	}
	var cmds []string
	for _, bt := range m.Buttons {
		cmds = append(cmds, bt.Command)
	}
	if got := strings.Join(cmds, ", "); !strings.HasPrefix(got, "done internet-and-http, start os-and-terminal") {
		t.Errorf("buttons: %s", got)
	}
}
