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

// A paused member is shown the way back wherever their nudges come up:
// the pause's answer, a snooze (of an old nudge's button) that can't be,
// the status with a Resume button, and "resume" as a command or a DM
// (journey finding).
func TestPausedSeesHowToResume(t *testing.T) {
	b, sc := clockBot(t, "paused-resume", bot.Config{})
	say := func(line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line})
	}
	say("join")
	resumes := func(m bot.Message) bool {
		for _, bt := range m.Buttons {
			if bt.Command == "nudges on" {
				return strings.Contains(m.Text, "`/mentor nudges on`")
			}
		}
		return false
	}
	for _, line := range []string{"nudges pause 2", "nudges snooze", "nudges status", "resume"} {
		if m := say(line); !resumes(m) {
			t.Errorf("%s while paused: %q %+v, want `/mentor nudges on` and its button", line, m.Text, m.Buttons)
		}
	}
	if m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: "resume my nudges", Free: true}); !resumes(m) {
		t.Errorf("DM 'resume my nudges': %q", m.Text)
	}
	say("nudges off")
	if m := say("nudges snooze"); !resumes(m) {
		t.Errorf("snooze while off: %q %+v", m.Text, m.Buttons)
	}
}
