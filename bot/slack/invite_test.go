package slack

import (
	"strings"
	"testing"

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
