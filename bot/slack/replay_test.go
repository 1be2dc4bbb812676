package slack

import (
	"context"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// roundTrips counts the round trips a client makes: commands and
// pipelines alike.
type roundTrips struct{ n atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { h.n.Add(1); return next(ctx, cmd) }
}
func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { h.n.Add(1); return next(ctx, cmds) }
}

// TestReplayedRequestsActOnce sends signed slash commands and a button
// press again byte for byte, within the window in which their signatures
// are accepted: each acts once, the replay says so and changes nothing,
// and marking costs no round trip of its own (a signed command makes as
// many as the same command unsigned over Socket Mode).
func TestReplayedRequestsActOnce(t *testing.T) {
	rdb := realRedis(t)
	rt := &roundTrips{}
	rdb.AddHook(rt)
	e := newEnvOn(t, rdb, nil)
	send := func(user, text string) string {
		t.Helper()
		w := e.serve(signedRequest("/slack/commands", e.commandForm(user, text), e.now))
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", text, w.Code, w.Body.String())
		}
		return w.Body.String()
	}
	send("U1", "join")
	done := e.commandForm("U1", "done git")
	for i, want := range []string{"Done", "already handled"} {
		w := e.serve(signedRequest("/slack/commands", done, e.now))
		if !strings.Contains(w.Body.String(), want) {
			t.Fatalf("done git, time %d: %s, want %q", i+1, w.Body.String(), want)
		}
	}
	undo := e.commandForm("U1", "undo git")
	e.serve(signedRequest("/slack/commands", undo, e.now))
	if w := e.serve(signedRequest("/slack/commands", undo, e.now)); !strings.Contains(w.Body.String(), "already handled") {
		t.Fatalf("replayed undo: %s", w.Body.String())
	}
	// The replayed done after the undo must not mark it done again.
	e.serve(signedRequest("/slack/commands", done, e.now))
	if m := e.member("U1"); m.Skills["git"].Status == bot.Done {
		t.Fatalf("a replayed done acted again: %+v", m.Skills["git"])
	}

	// A button press sent again.
	press := url.Values{"payload": {fmtJSON(map[string]any{
		"type": "block_actions", "team": map[string]any{"id": e.team}, "user": map[string]any{"id": "U1", "name": "u1"},
		"response_url": e.slack.srv.URL + "/response/press", "container": map[string]any{"type": "message"},
		"actions": []any{map[string]any{"type": "button", "block_id": "b1", "action_id": "mentor_0", "value": "done debugging"}},
	})}}.Encode()
	for n := 1; n <= 2; n++ {
		e.serve(signedRequest("/slack/interactions", press, e.now))
		e.slack.waitFor("button reply", func() bool { return e.slack.count("response_url") >= n })
	}
	var replies []string
	for _, m := range e.slack.messages() {
		if m.Method == "response_url" {
			replies = append(replies, m.Blocks)
		}
	}
	if len(replies) != 2 || strings.Contains(replies[0], "already handled") || !strings.Contains(replies[1], "already handled") {
		t.Fatalf("button replies %q: want it done once, then the replay refused", replies)
	}

	// No round trip of its own: a fresh signed command costs what the same
	// command costs without a signature to mark.
	send("U2", "join")
	send("U3", "join")
	before := rt.n.Load()
	send("U2", "done git")
	signed := rt.n.Load() - before
	before = rt.n.Load()
	e.a.command(context.Background(), slack.SlashCommand{TeamID: e.team, UserID: "U3", UserName: "u3", Text: "done git"},
		func(*slack.WebhookMessage) {})
	plain := rt.n.Load() - before
	t.Logf("round trips of a signed done: %d; unsigned: %d", signed, plain)
	if signed != plain {
		t.Errorf("a signed command made %d round trips, the same command unmarked %d", signed, plain)
	}
}
