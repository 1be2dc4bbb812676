package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// A lead who never joined sets their digest's time without joining, and
// no command of the table answers them "something went wrong"; a lead who
// joined is pointed to `nudges time`, which their digest follows.
func TestLeadWhoNeverJoinedSetsDigestTime(t *testing.T) {
	b, sc := clockBot(t, "digest-time", bot.Config{Admins: []string{"boss"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("boss", "leads add @lead0")
	got := say("lead0", "digest time fri 16:30 Europe/Berlin").Text
	if want := "Your weekly digest now comes on Fridays at 16:30 (Europe/Berlin). It starts once you lead someone"; !strings.HasPrefix(got, want) {
		t.Errorf("digest time, no mentees: %q, want %q", got, want)
	}
	say("ann", "join")
	say("lead0", "assign @ann")
	if got := say("lead0", "digest time mon 08:00").Text; !strings.HasPrefix(got, "Your weekly digest now comes on Mondays at 08:00 (Europe/Berlin). The next: Mon 7 Dec 08:00 CET (Europe/Berlin).") {
		t.Errorf("digest time with a mentee: %q", got)
	}
	lead := &bot.Member{ID: "lead0", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 8 * 60, Zone: "Europe/Berlin"}}
	if s := bot.DigestSettings(lead); s.Day != time.Monday || s.Minute != 480 || s.Zone != "Europe/Berlin" {
		t.Errorf("DigestSettings of a lead who set a time: %+v", s)
	}
	if got := say("lead0", "nudges time fri 16:30").Text; !strings.Contains(got, "`/mentor digest time mon 09:00`") {
		t.Errorf("nudges time by a lead who never joined: %q", got)
	}
	if got := say("ann", "digest time fri 16:30").Text; !strings.Contains(got, "you (<@ann>) aren't a lead here") {
		t.Errorf("a member: %q", got)
	}
	say("boss", "join")
	if got := say("boss", "digest time fri 16:30").Text; !strings.Contains(got, "move both with `/mentor nudges time fri 16:30`") {
		t.Errorf("a lead who joined: %q", got)
	}
	for _, c := range b.Commands() {
		for _, ex := range c.AllExamples() {
			if strings.HasPrefix(ex, "forget") || strings.HasPrefix(ex, "join") {
				continue
			}
			if got := say("lead0", ex).Text; strings.Contains(got, "went wrong") {
				t.Errorf("lead0 (never joined): /mentor %s: %q", ex, got)
			}
		}
	}
	// Joining keeps the time the lead chose last (the table's example
	// "digest time mon 09:00", in the zone chosen before), now as their
	// nudge time.
	if got := say("lead0", "join").Text; !strings.Contains(got, "on Mondays at 09:00 (Europe/Berlin)") {
		t.Errorf("lead0 joins: %q", got)
	}
}

// A lead sees their digest's settings (`digest` alone and `digest
// status`): when, what sets that time, where it goes; the replies that
// tie the digest to the nudge say so, before joining, on joining and
// after; export shows the digest time under digest, not nudges; help
// shows `digest channel off` (journey finding 6).
func TestDigestSettingsShown(t *testing.T) {
	b, sc := clockBot(t, "digest-settings", bot.Config{Admins: []string{"boss"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("boss", "leads add @lea")
	say("ann", "join")
	steps := []struct {
		line       string
		want       []string
		exportHas  []string
		exportLack []string
	}{
		{line: "digest", want: []string{"Your weekly digest comes on Mondays at 09:00", ", the default: `/mentor digest time", "It starts once you lead someone", "It comes by DM only"}},
		{line: "digest status", want: []string{"Your weekly digest comes on Mondays at 09:00", ", the default: `/mentor digest time"}},
		{line: "digest time fri 16:30 Europe/Berlin", want: []string{"Fridays at 16:30", "If you join, your own weekly nudges come at this time too, and `/mentor nudges time` moves both."},
			exportHas: []string{`"digest": {`, `"day": 5`, `"minute": 990`, `"zone": "Europe/Berlin"`}, exportLack: []string{`"nudges"`, `"follows_nudges"`}},
		{line: "digest channel #team only", want: []string{"instead of by DM"}},
		{line: "digest", want: []string{"Fridays at 16:30", "as you set with `/mentor digest time`", "It's posted in <#team> instead of by DM (mode: only)"},
			exportHas: []string{`"channel": "team"`, `"channel_only": true`}},
		{line: "digest channel #team also", want: []string{"as well as by DM"}},
		{line: "digest status", want: []string{"It's posted in <#team> as well as by DM (mode: also)"}},
		{line: "assign @ann", want: []string{"is now in your mentees"}},
		{line: "digest status", want: []string{"The next: Fri 4 Dec 16:30 CET (Europe/Berlin)."}},
		{line: "join", want: []string{"on Fridays at 16:30", "(your lead digest comes at this time too: `/mentor nudges time` moves both)"},
			exportHas: []string{`"nudges": {`, `"follows_nudges": true`}},
		{line: "digest time wed 14:00", want: []string{"Your digest comes with your weekly nudge, Fridays at 16:30", "move both with `/mentor nudges time wed 14:00`"}},
		{line: "nudges time wed 14:00", want: []string{"Nudge time changed.", "Your weekly lead digest moves with it: the next on Wed 9 Dec 14:00 CET (Europe/Berlin)."}},
		{line: "digest", want: []string{"Wednesdays at 14:00", "with your weekly nudge: `/mentor nudges time` moves both."}},
		{line: "help digest", want: []string{"`status` — Show when your digest comes", "`channel <channel|off> [only|also]`"}},
	}
	for _, st := range steps {
		got := say("lea", st.line)
		for _, w := range st.want {
			if !strings.Contains(got.Text, w) {
				t.Errorf("/mentor %s\n got: %s\nwant: %s", st.line, got.Text, w)
			}
		}
		if len(st.exportHas)+len(st.exportLack) == 0 {
			continue
		}
		ex := say("lea", "export")
		if ex.File == nil {
			t.Fatalf("after %s: export has no file: %s", st.line, ex.Text)
		}
		for _, w := range st.exportHas {
			if !strings.Contains(string(ex.File.Data), w) {
				t.Errorf("after %s: export lacks %s:\n%s", st.line, w, ex.File.Data)
			}
		}
		for _, w := range st.exportLack {
			if strings.Contains(string(ex.File.Data), w) {
				t.Errorf("after %s: export has %s:\n%s", st.line, w, ex.File.Data)
			}
		}
	}
	// A member who leads nobody hears nothing of a digest from nudges time.
	if got := say("ann", "nudges time wed 14:00").Text; strings.Contains(got, "digest") {
		t.Errorf("a member without mentees: %q", got)
	}
}
