package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// queuing is a bot.Handoff whose every SendOrQueue hands the DM on, as a
// platform adapter does when the DM's turn under its rate limit is beyond
// the command's budget; Send, for the DMs the core wants sent now, sends.
type queuing struct {
	dms
	queued map[string]int
}

func (q *queuing) SendOrQueue(_ context.Context, to bot.Recipient, _ bot.Message) (bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.queued[to.User]++
	return true, nil
}

// TestInvitationOnItsWay: an invitation whose DM was handed to the
// platform's background sender says it is on its way, not that it went;
// a move says the new invitation, on its way, says so; and the DM telling
// the first lead is sent now (a reply's "I've told" is of a DM sent).
func TestInvitationOnItsWay(t *testing.T) {
	b, sc := clockBot(t, "queued", bot.Config{Admins: []string{"boss"}})
	q := &queuing{dms: dms{got: map[string][]string{}}, queued: map[string]int{}}
	b.SetMessengers(map[string]bot.Messenger{"test": q})
	say := func(user, line string) string {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Text: line}).Text
	}
	for _, u := range []string{"boss", "lead", "amy"} {
		say(u, "join")
	}
	say("boss", "leads add @lead")
	say("boss", "leads add @amy")
	got := say("lead", "assign @newbie")
	if !strings.Contains(got, "they'll get a DM naming their lead shortly, with Join buttons") || strings.Contains(got, "they got a DM") {
		t.Errorf("assign: %q", got)
	}
	got = say("boss", "assign @newbie @amy")
	if !strings.Contains(got, "I've told <@lead>, and said so in <@newbie>'s new invitation, which is on its way.") {
		t.Errorf("move: %q", got)
	}
	if q.queued["newbie"] != 2 || len(q.to("lead")) != 1 {
		t.Errorf("queued %v, lead's DMs %q", q.queued, q.to("lead"))
	}
}
