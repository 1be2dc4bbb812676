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

// wholeStore answers LoadOwn with a whole Load: the answers every command
// gave before Command.Own.
type wholeStore struct{ bot.Store }

func (s wholeStore) LoadOwn(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	return s.Load(ctx, sc, ids...)
}

// TestOwnLoadsAnswerTheSame runs every example of every Own command of
// bot.Table(), as every kind of caller, on a bot whose store loads only
// own records and on one whose store loads everything, and wants the same
// answers: what an Own command leaves unread must not change what it says.
func TestOwnLoadsAnswerTheSame(t *testing.T) {
	t.Parallel()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := fixedClock{time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)}
	sc := bot.Scope{Platform: "test", Workspace: "own"}
	newBot := func(whole bool) *bot.Bot {
		var st bot.Store = memstore.New()
		if whole {
			st = wholeStore{st}
		}
		b, err := bot.New(bot.Config{Roadmap: rm, Store: st, Clock: now, Admins: []string{"admin"}, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		// The callers: a member with a lead, a lead with mentees, rights
		// and a digest channel, an admin, someone invited who never
		// joined, a lead who never joined, and a stranger.
		for _, line := range []string{
			"member: join", "lead: join mid", "admin: join", "admin: leads add @lead",
			"lead: assign @member", "lead: assign @invitee", "admin: assign @m2 @ghostlead",
			"lead: digest channel <#C1> also", "member: start git",
		} {
			user, text, _ := strings.Cut(line, ": ")
			m := b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: text, Role: roleOf(user)})
			if strings.Contains(m.Text, "went wrong") {
				t.Fatalf("%s: %s", line, m.Text)
			}
		}
		return b
	}
	own, whole := newBot(false), newBot(true)
	callers := []string{"member", "lead", "admin", "invitee", "ghostlead", "stranger"}
	ran := 0
	for _, c := range bot.Table() {
		if !c.Own {
			continue
		}
		for _, ex := range c.AllExamples() {
			for _, who := range callers {
				for _, line := range []string{ex, strings.ReplaceAll(ex, "@alice", "@member")} {
					req := bot.Request{Scope: sc, User: who, Text: line, Role: roleOf(who)}
					got, want := own.Handle(context.Background(), req), whole.Handle(context.Background(), req)
					if !sameMessage(got, want) {
						t.Errorf("%s as %s:\n own load: %+v\nwhole load: %+v", line, who, got, want)
					}
					ran++
				}
			}
		}
	}
	if ran == 0 {
		t.Fatal("no Own command in the table")
	}
}

func roleOf(user string) bot.Role {
	if user == "admin" {
		return bot.RoleAdmin
	}
	return bot.RoleMember
}
