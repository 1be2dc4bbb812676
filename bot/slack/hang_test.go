package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/storage"
)

// TestHungRedisSocketMode freezes a test-owned redis-server with SIGSTOP
// under a Socket Mode adapter: slash commands from a member already seen
// and from a new one are acknowledged with "try again shortly" within 2 s
// of arriving, however many Redis calls the command would make.
func TestHungRedisSocketMode(t *testing.T) {
	srv := redisproc.Start(t)
	rdb, err := storage.Open(context.Background(), srv.URL(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	e := newEnvOn(t, rdb, func(c *Config) { c.AppToken = "xapp-test"; c.SigningSecret = "" })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	e.slack.waitFor("socket connected", func() bool { return e.a.Ready() == nil })
	command := func(id, user, text string) (map[string]any, time.Duration) {
		start := time.Now()
		e.slack.envelopes <- map[string]any{
			"envelope_id": id, "type": "slash_commands", "accepts_response_payload": true,
			"payload": map[string]any{
				"team_id": e.team, "user_id": user, "user_name": strings.ToLower(user), "command": "/mentor", "text": text,
				"channel_id": "C1", "response_url": e.slack.srv.URL + "/response/" + id,
			},
		}
		return e.slack.nextAck(t), time.Since(start)
	}
	if ack, _ := command("env-join", "USEEN", "join"); !strings.Contains(fmtJSON(ack), "Welcome") {
		t.Fatalf("join before the hang: %s", fmtJSON(ack))
	}
	srv.Stop()
	defer srv.Cont()
	for _, c := range []struct{ id, user, text string }{
		{"env-seen", "USEEN", "done git"},
		{"env-new", "UNEW", "join"},
	} {
		ack, took := command(c.id, c.user, c.text)
		t.Logf("%s %q: acknowledged in %s", c.user, c.text, took.Round(time.Millisecond))
		if !strings.Contains(fmtJSON(ack), "try again shortly") {
			t.Errorf("%s %q: ack %s, want the \"try again shortly\" answer", c.user, c.text, fmtJSON(ack))
		}
		if took > 2*time.Second {
			t.Errorf("%s %q: acknowledged after %s, want within 2 s", c.user, c.text, took)
		}
	}
}
