package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// trips counts network round trips: one per command or pipeline sent.
type trips struct{ n atomic.Int64 }

func (t *trips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (t *trips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		switch strings.ToLower(cmd.Name()) {
		case "hello", "client": // the handshake of a new connection
		default:
			t.n.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (t *trips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		t.n.Add(1)
		return next(ctx, cmds)
	}
}

// Every command of the table touches Redis in at most two round trips.
func TestRoundTripsPerCommand(t *testing.T) {
	rdb := redistest.Client(t)
	sc := redistest.Scope(t, rdb, "test", "rt-")
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: storage.New(rdb), Admins: []string{"boss"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	say := func(user, text string) bot.Message {
		return b.Handle(ctx, bot.Request{Scope: sc, User: user, Text: text})
	}
	for _, u := range []string{"boss", "lead", "amy"} {
		say(u, "join")
	}
	say("boss", "assign @amy @lead")
	var n trips
	rdb.AddHook(&n)
	cases := []struct{ user, text string }{
		{"amy", "help"}, {"amy", "roadmap"}, {"amy", "roadmap mid"}, {"amy", "ask how do I learn sql"},
		{"amy", "what should I learn next"}, {"newbie", "join"}, {"amy", "skills"}, {"amy", "start git"},
		{"amy", "done git"}, {"amy", "skip debugging"}, {"amy", "undo debugging"}, {"amy", "next"},
		{"amy", "progress"}, {"lead", "progress @amy"}, {"amy", "stage mid"}, {"amy", "track api"},
		{"amy", "nudges status"}, {"amy", "nudges time fri 10:00 Europe/Berlin"}, {"amy", "nudges pause 2"},
		{"amy", "nudges on"}, {"amy", "nudges snooze"}, {"amy", "nudges skip"}, {"amy", "nudges off"},
		{"amy", "export"}, {"lead", "mentees"}, {"lead", "mentees csv"}, {"boss", "team"},
		{"lead", "unassign @amy"}, {"lead", "assign @amy"}, {"amy", "forget"}, {"newbie", "forget confirm"},
		{"amy", "frobnicate"}, {"amy", "done nonsense-skill"},
	}
	for _, c := range cases {
		before := n.n.Load()
		msg := say(c.user, c.text)
		got := n.n.Load() - before
		if got > 2 {
			t.Errorf("%s: /mentor %s took %d round trips, want at most 2 (reply %q)", c.user, c.text, got, msg.Text)
		}
		if c.text == "done git" && got != 2 { // a load and a write: the counter itself works
			t.Errorf("/mentor done git counted %d round trips, want 2", got)
		}
	}
}
