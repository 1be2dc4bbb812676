package console_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// A lead's digest posted in a channel: names, stages and counts only;
// as well as the DM, or instead of it; off again.
func TestDigestChannel(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@lead0 /mentor assign @m1", "is now in your mentees")
	r.must("@m1 /mentor done git", "1/10")
	r.must("@m1 /mentor digest channel #team", "Only leads and admins")
	r.must("@lead0 /mentor digest channel team", "isn't a channel")
	// The console writes a channel reference as typed, #team, as it
	// writes a mention as @name (journey j5 finding 5).
	if got := r.say("@lead0 /mentor digest channel #team"); !strings.Contains(got, "will be posted in #team as well as by DM") || strings.Contains(got, "<#") {
		t.Errorf("digest channel #team: %q", got)
	}
	if got := r.say("@lead0 /mentor digest"); !strings.Contains(got, "It's posted in #team as well as by DM") || strings.Contains(got, "<#") {
		t.Errorf("digest: %q", got)
	}

	got := r.say(":advance 7d")
	post := section(got, "[to #team]")
	if post == "" || !strings.Contains(post, "Team digest: @lead0's mentees") || !strings.Contains(post, "• *m1* — Junior backend developer · 1/10 done") {
		t.Fatalf("the channel post:\n%s", got)
	}
	if strings.Contains(post, "Talking point") || strings.Contains(post, "Git") {
		t.Errorf("the channel post shows what belongs in the DM:\n%s", post)
	}
	if len(dms(got)["lead0"]) != 1 {
		t.Errorf("the DM did not follow the post:\n%s", got)
	}

	r.must("@lead0 /mentor digest channel #team only", "instead of by DM")
	got = r.say(":advance 7d")
	if section(got, "[to #team]") == "" || len(dms(got)["lead0"]) != 0 {
		t.Fatalf("only the channel:\n%s", got)
	}
	r.must("@lead0 /mentor digest channel off", "by DM only again")
	r.must("@lead0 /mentor digest channel off", "isn't posted to a channel")
	got = r.say(":advance 7d")
	if strings.Contains(got, "[to #team]") || len(dms(got)["lead0"]) != 1 {
		t.Fatalf("after off:\n%s", got)
	}
}

// section returns the block of out that starts with head, up to the next
// unindented line.
func section(out, head string) string {
	i := strings.Index(out, head)
	if i < 0 {
		return ""
	}
	rest := out[i+len(head)+1:]
	var b strings.Builder
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// noChannels is the console as a platform where the bot was invited to no
// channel: every channel post is unreachable.
type noChannels struct{ *console.Console }

func (n noChannels) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	if to.Channel != "" {
		return fmt.Errorf("not_in_channel: %w", bot.ErrUnreachable)
	}
	return n.Console.Send(ctx, to, m)
}

// A digest channel the bot can't post in: the lead is told by DM once,
// and the digest falls back to the DM every week.
func TestDigestChannelFallsBack(t *testing.T) {
	base := newRig(t)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(base.rdb)
	clk := console.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Cache: store, Clock: clk, Admins: []string{"root"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	var tick func(context.Context) error
	con := console.New(console.Config{Handler: b, Out: out, Clock: clk, Workspace: base.ws,
		Tick: func(ctx context.Context) error { return tick(ctx) }})
	tick = newScheduler(t, b, store, clk, noChannels{con}).Tick
	r := &rig{t: t, con: con, out: out, clk: clk, b: b, rdb: base.rdb, ws: base.ws}

	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@lead0 /mentor assign @m1", "is now in your mentees")
	r.must("@lead0 /mentor digest channel #secret only", "instead of by DM")
	for week := range 3 {
		got := dms(r.say(":advance 7d"))["lead0"]
		if len(got) != 1 || !strings.Contains(got[0], "Your mentees this week") {
			t.Fatalf("week %d: lead0's DMs %q", week, got)
		}
		note := strings.Contains(got[0], "I couldn't post your weekly digest in #secret")
		if note != (week == 0) {
			t.Errorf("week %d: the note shown %v:\n%s", week, note, got[0])
		}
	}
}

// A digest posted in the channel only carries the news the DM carries:
// members who leave or decline are told the lead sees it in their next
// digest (journey j6 finding 1); and once there is nothing to tell,
// neither version goes out (finding 2).
func TestChannelDigestCarriesNews(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@lead0 /mentor digest channel #leads only", "instead of by DM")
	r.must("@lead0 /mentor assign @m1", "invited them")
	r.must("@lead0 /mentor assign @m2", "invited them")
	r.must("@lead0 /mentor assign @m3", "invited them")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@m1 /mentor lead leave", "They'll see that in their next weekly digest")
	r.must("@m2 /mentor lead leave", "They'll see that in their next weekly digest")
	got := r.say(":advance 7d")
	post := section(got, "[to #leads]")
	for _, want := range []string{"*Left this week:* m1.", "*Declined the invitation:* @m2.", "*Invited, not joined yet:* @m3 (since"} {
		if !strings.Contains(post, want) {
			t.Errorf("the channel post lacks %q:\n%s", want, got)
		}
	}
	if len(dms(got)["lead0"]) != 0 {
		t.Errorf("a DM with channel only:\n%s", got)
	}
	r.must("@lead0 /mentor unassign @m3", "")
	got = r.say(":advance 14d")
	if strings.Contains(got, "[to #leads]") || len(dms(got)["lead0"]) != 0 {
		t.Errorf("an empty digest went out:\n%s", got)
	}
}
