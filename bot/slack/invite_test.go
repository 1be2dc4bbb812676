package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// An invitation from a Slack slash command reaches the new hire as one DM
// through the adapter (conversations.open, chat.postMessage with the Join
// buttons); assigning again sends nothing more.
func TestInvitationDM(t *testing.T) {
	e := newEnv(t, nil)
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.mu.Unlock()
	reply := func(user, text string) string {
		return e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now)).Body.String()
	}
	if got := reply("UADM", "leads add <@ULEAD>"); !strings.Contains(got, "is now a lead") {
		t.Fatalf("leads add: %s", got)
	}
	if got := reply("ULEAD", "assign <@UNEW>"); !strings.Contains(got, "they got a DM naming their lead") {
		t.Fatalf("assign: %s", got)
	}
	e.now = e.now.Add(time.Second) // a new request, not a replay of the first
	if got := reply("ULEAD", "assign <@UNEW>"); !strings.Contains(got, "already invited") {
		t.Fatalf("assign again: %s", got)
	}
	var dms []posted
	for _, p := range e.slack.messages() {
		if p.Method == "chat.postMessage" {
			dms = append(dms, p)
		}
	}
	if len(dms) != 1 || dms[0].Channel != "DUNEW" || !strings.Contains(dms[0].Blocks, `"value":"join junior"`) ||
		!strings.Contains(dms[0].Blocks, `"value":"lead leave"`) || !strings.Contains(dms[0].Blocks, "would like to be your lead") {
		t.Fatalf("DMs = %+v", dms)
	}
	if got := reply("UNEW", "join"); !strings.Contains(got, "as they invited you") {
		t.Fatalf("join: %s", got)
	}
}

// Only real members of the workspace can be invited, assigned or named
// leads: users.info says who is a bot, deactivated or unknown, and a real
// person may be named a lead before they ever used mentorbot.
func TestRealPeopleOnly(t *testing.T) {
	e := newEnv(t, nil)
	e.bot.SetDirectories(map[string]bot.Directory{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.kinds = map[string]string{"UBOTX": "bot", "UOLD": "deleted", "UNOPE": "unknown", "carl": "unknown"}
	e.slack.mu.Unlock()
	reply := func(user, text string) string {
		var r struct{ Text string }
		body := e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now)).Body.Bytes()
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("%s: %s", text, body)
		}
		return r.Text
	}
	for _, c := range []struct{ user, line, want string }{
		{"UADM", "leads add <@UBOTX>", "is a bot: only people can be mentees or leads."},
		{"UADM", "leads add <@UNOPE>", "I can't find <@UNOPE> in this workspace."},
		{"UADM", "assign <@UNEW> <@UOLD>", "is deactivated or has left this workspace."},
		{"UADM", "assign <@UBOTX> <@UFRANK>", "is a bot"},
		// A real person who never used mentorbot can be named a lead.
		{"UADM", "assign <@UNEW> <@UFRANK>", "so I've invited them"},
		{"UFRANK", "assign <@UNOPE>", "I can't find <@UNOPE>"},
		// A typed name Slack did not turn into a mention is echoed as
		// typed, not as a broken <@carl> link.
		{"UADM", "leads add @carl", "I can't find @carl in this workspace."},
		{"UFRANK", "assign @Carl.", "I can't find @Carl in this workspace."},
		{"UFRANK", "mentees", "No mentees yet; 1 invitation open."},
	} {
		if got := reply(c.user, c.line); !strings.Contains(got, c.want) {
			t.Errorf("%s %s: %s, want %q", c.user, c.line, got, c.want)
		}
	}
	calls := e.slack.count("users.info")
	reply("UADM", "leads add <@UNOPE>")
	if n := e.slack.count("users.info"); n != calls {
		t.Errorf("a second look-up of the same id called users.info %d more times", n-calls)
	}
}

// TestDigestChannelChecked: the channel a lead names for their digest is
// checked with conversations.info before it is stored: a typed "#leads"
// Slack did not link is refused with how to pick it, without asking Slack
// (even where Slack could not have been asked), a channel Slack doesn't
// know is refused as typed, one without the bot says how to add it, and one Slack could not
// be asked about is stored with a note saying it wasn't checked.
func TestDigestChannelChecked(t *testing.T) {
	e := newEnv(t, nil)
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.channels = map[string]string{"leads": "missing", "leads-old": "noscope", "CGONE": "missing", "COLD": "archived", "COUT": "outside", "CDOWN": "down", "COLDAPP": "noscope"}
	e.slack.mu.Unlock()
	reply := func(user, text string) string {
		e.now = e.now.Add(time.Second)
		var r struct{ Text string }
		body := e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now)).Body.Bytes()
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("%s: %s", text, body)
		}
		return r.Text
	}
	if got := reply("UADM", "leads add <@ULEAD>"); !strings.Contains(got, "is now a lead") {
		t.Fatalf("leads add: %s", got)
	}
	for _, c := range []struct{ line, want, not string }{
		{"digest channel #leads", "#leads isn't linked, so I can't tell which channel it is: type # and pick the channel from the list", "<#leads>"},
		{"digest channel #leads-old", "#leads-old isn't linked", "couldn't check"},
		{"digest channel <#CGONE|old-team>", "I can't find the channel <#CGONE>", "will be posted"},
		{"digest channel <#COLD|archive>", "I can't find the channel <#COLD>", "will be posted"},
		{"digest channel <#COUT|team>", "I'm not in <#COUT>", "will be posted"},
		{"digest channel <#CDOWN|team> only", "(I couldn't check the channel just now.)", "I can't find"},
		{"digest channel <#COLDAPP|team>", "(I couldn't check that the channel exists.)", "I can't find"},
		{"digest channel <#CTEAM|team>", "will be posted in <#CTEAM> as well as by DM", "couldn't check"},
	} {
		got := reply("ULEAD", c.line)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%s: %s\nwant it to contain %q and not %q", c.line, got, c.want, c.not)
		}
	}
	// A name typed as text is refused without asking Slack about it.
	if n := e.slack.count("conversations.info"); n != 6 {
		t.Errorf("conversations.info called %d times, want 6", n)
	}
	if dc := e.member("ULEAD").DigestChannel; dc.Channel != "CTEAM" || dc.Only {
		t.Errorf("stored digest channel %+v, want CTEAM also", dc)
	}
}

// A digest channel: the post goes to the channel itself, no DM opened; a
// channel the bot was not invited to is unreachable.
func TestChannelPost(t *testing.T) {
	e := newEnv(t, nil)
	e.slack.mu.Lock()
	e.slack.notIn = map[string]bool{"CNOPE": true}
	e.slack.mu.Unlock()
	ctx := context.Background()
	to := bot.Recipient{Scope: scope(e.team), User: "ULEAD", Channel: "CTEAM"}
	if err := e.a.Send(ctx, to, bot.Message{Text: "team digest"}); err != nil {
		t.Fatal(err)
	}
	to.Channel = "CNOPE"
	if err := e.a.Send(ctx, to, bot.Message{Text: "team digest"}); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("not in channel: %v", err)
	}
	var posts []string
	for _, p := range e.slack.messages() {
		posts = append(posts, p.Method+" "+p.Channel)
	}
	if len(posts) != 1 || posts[0] != "chat.postMessage CTEAM" || e.slack.count("conversations.open") != 0 {
		t.Fatalf("posts %v, conversations.open %d", posts, e.slack.count("conversations.open"))
	}
}
