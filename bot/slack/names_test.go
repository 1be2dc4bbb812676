package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// TestNamesFromUsersInfo: a member is named as Slack shows them (users.info's
// display name), never by the slash command's legacy user_name, whichever
// way they came in, so the lead's and the admin's lists name them alike.
func TestNamesFromUsersInfo(t *testing.T) {
	e := newEnv(t, nil)
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.mu.Unlock()
	reply := func(user, text string) string {
		t.Helper()
		e.now = e.now.Add(time.Second)
		body := e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now)).Body.Bytes()
		return string(body)
	}
	reply("UADM", "leads add <@ULEAD>")
	reply("ULEAD", "digest time mon 09:00")
	reply("U1", "join")
	reply("ULEAD", "assign <@U1>")
	reply("U1", "lead show")
	for _, id := range []string{"U1", "ULEAD"} {
		if got := e.member(id).Name; got != "Name "+id {
			t.Errorf("%s is stored as %q, want Slack's display name %q", id, got, "Name "+id)
		}
	}
	for _, c := range []struct{ user, line, want string }{
		{"ULEAD", "mentees", "Name U1"},
		{"UADM", "team", "Name ULEAD"},
	} {
		got := reply(c.user, c.line)
		if !strings.Contains(got, c.want) || strings.Contains(got, `"u1"`) || strings.Contains(got, "ulead") {
			t.Errorf("%s: %s\nwant %q and no legacy user_name", c.line, got, c.want)
		}
	}
}

// A member stored under another name (the legacy user_name kept before,
// or a display name changed since) is renamed on their next command.
func TestNameFollowsSlack(t *testing.T) {
	e := newEnv(t, nil)
	reply := func(user, text string) {
		e.now = e.now.Add(time.Second)
		e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now))
	}
	reply("U1", "join")
	m := e.member("U1")
	m.Name = "u1"
	if err := e.store.Apply(context.Background(), scope(e.team), bot.Write{Members: []*bot.Member{m}}); err != nil {
		t.Fatal(err)
	}
	reply("U1", "skills")
	if got := e.member("U1").Name; got != "Name U1" {
		t.Errorf("after a command the member is named %q, want %q", got, "Name U1")
	}
}

// A lead who never joined (no name kept here) is named by users.info on
// the team's drill-down button, whose plain text shows no mentions: "Name
// UL9's mentees", not "UL9's mentees".
func TestTeamButtonNamesNeverJoinedLead(t *testing.T) {
	e := newEnv(t, nil)
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.mu.Unlock()
	reply := func(user, text string) string {
		t.Helper()
		e.now = e.now.Add(time.Second)
		return e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now)).Body.String()
	}
	reply("UADM", "leads add <@UL9>")
	reply("U1", "join")
	reply("UADM", "assign <@U1> <@UL9>")
	got := reply("UADM", "team")
	if !strings.Contains(got, `"text":"Name UL9's mentees"`) || strings.Contains(got, `"text":"UL9's mentees"`) {
		t.Errorf("team: %s\nwant the button \"Name UL9's mentees\"", got)
	}
}
