package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// A lead who never joined sets their digest's time without joining, and
// no command of the table answers them "something went wrong"; a lead who
// joined is pointed to `nudges time`, which their digest follows.
func TestLeadWhoNeverJoinedSetsDigestTime(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"boss"},
		Clock: fixedClock{time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "digest-time"}
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
	if got := say("lead0", "digest time mon 08:00").Text; got != "Your weekly digest now comes on Mondays at 08:00 (Europe/Berlin). The next: Mon 7 Dec 08:00 CET (Europe/Berlin)." {
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
