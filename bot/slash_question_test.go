package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// A question typed after /mentor (or "mentor" in a DM) is answered, not
// refused as an unknown command; a near miss of a command still gets
// "did you mean", and a two-word DM of a command and a filler runs the
// command (fresh journey findings 2 and 3).
func TestQuestionAfterMentor(t *testing.T) {
	b, sc := clockBot(t, "slash-question", bot.Config{})
	for _, tc := range []struct {
		text string
		free bool
		want string // in the reply
		not  string
	}{
		{"how do I become a DBA", false, "Database Administrator", "know the command"},
		{"what should I learn next?", false, "What to learn next", "know the command"},
		{"mentor how do i become a dba", true, "Database Administrator", "know the command"},
		{"/mentor which track fits someone who loves automating deploys", false, "", "know the command"},
		{"prgress", false, "Did you mean `progress`", ""},
		{"prgress please now ok", false, "Did you mean `progress`", ""},
		{"foo bar", false, "I don't know the command \"foo\"", ""},
		{"pause my nudges for a while", false, "nudges pause", ""},
		{"join now", true, "Welcome", "SQL"},
	} {
		m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "U" + strings.ReplaceAll(tc.text, " ", "")[:6], Text: tc.text, Free: tc.free})
		got := m.Title + "\n" + m.Text
		if !strings.Contains(got, tc.want) || (tc.not != "" && strings.Contains(got, tc.not)) {
			t.Errorf("%q (DM %v) = %q; want %q, not %q", tc.text, tc.free, got, tc.want, tc.not)
		}
	}
	// A command named first is never read as a question, whatever follows.
	const q = " how do i get better at sql?"
	asked := b.Handle(context.Background(), bot.Request{Scope: sc, User: "Utable", Text: "ask" + q})
	for _, c := range bot.Table() {
		if c.Name == "ask" {
			continue
		}
		m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "Utable", Text: c.Name + q})
		if m.Text == asked.Text {
			t.Errorf("%q was answered as a question: %q", c.Name+q, m.Text)
		}
	}
}

// "done everything" or "skip all" as a DM gets the refusal the slash
// command gives, not a roadmap section (fourth journey finding 3).
func TestEverySkillAsDM(t *testing.T) {
	b, sc := clockBot(t, "every-skill-dm", bot.Config{})
	b.Handle(context.Background(), bot.Request{Scope: sc, User: "U1", Text: "join"})
	for _, line := range []string{"done everything", "skip all", "start all skills"} {
		dm := b.Handle(context.Background(), bot.Request{Scope: sc, User: "U1", Text: line, Free: true}).Text
		slash := b.Handle(context.Background(), bot.Request{Scope: sc, User: "U1", Text: line}).Text
		if dm != slash || !strings.Contains(dm, "takes one skill at a time") {
			t.Errorf("%q as a DM: %q; as /mentor: %q", line, dm, slash)
		}
	}
}
