package slack

import (
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Members of SLACK_LEAD_GROUP are leads: named by handle or by id, read
// with usergroups.users.list through slack-go, cached so that a second
// command costs no call; others are not.
func TestLeadGroup(t *testing.T) {
	for _, tc := range []struct{ name, group string }{{"handle", "@s0back-leads"}, {"id", "S0BACK"}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(c *Config) { c.LeadGroup = tc.group })
			e.slack.mu.Lock()
			e.slack.groups = map[string][]string{"S0BACK": {"ULEAD", "UOTHER"}, "S0ELSE": {"UMEM"}}
			e.slack.mu.Unlock()
			reply := func(user, text string) string {
				w := e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now))
				return w.Body.String()
			}
			if got := reply("ULEAD", "mentees"); !strings.Contains(got, "You have no mentees yet") {
				t.Fatalf("a lead by the group: %s", got)
			}
			if got := reply("UMEM", "mentees"); !strings.Contains(got, "Only leads and admins can do that") {
				t.Fatalf("someone outside the group: %s", got)
			}
			e.now = e.now.Add(2 * time.Minute) // past the process's copy: the shared cache answers
			reply("ULEAD", "mentees")
			reqs := e.h.calls()
			if reqs[0].Role != bot.RoleLead || reqs[1].Role != bot.RoleMember || reqs[2].Role != bot.RoleLead {
				t.Fatalf("roles %v %v %v", reqs[0].Role, reqs[1].Role, reqs[2].Role)
			}
			if n := e.slack.count("usergroups.users.list"); n != 1 {
				t.Errorf("usergroups.users.list called %d times, want 1 (cached)", n)
			}
			want := 1
			if tc.name == "id" {
				want = 0
			}
			if n := e.slack.count("usergroups.list"); n != want {
				t.Errorf("usergroups.list called %d times, want %d", n, want)
			}
		})
	}
}

func TestLeadGroupUnset(t *testing.T) {
	e := newEnv(t, nil)
	e.serve(signedRequest("/slack/commands", e.commandForm("ULEAD", "mentees"), e.now))
	if n := e.slack.count("usergroups.users.list") + e.slack.count("usergroups.list"); n != 0 {
		t.Errorf("%d user group calls with no SLACK_LEAD_GROUP", n)
	}
}
