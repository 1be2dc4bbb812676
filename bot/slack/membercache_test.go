package slack

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestCacheForMember: the users.info answer fetched for a join is kept
// in the new member's profile (stored after the handler ran, so the
// profile exists), not under a key of its own; someone who never joined
// gets a key with an hour's TTL. Another process's adapter reads the
// member's answer from the profile without asking Slack again.
func TestCacheForMember(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	prefix := "mb:{slack:" + e.team + "}:"
	if w := e.serve(signedRequest("/slack/commands", e.commandForm("U1", "join"), e.now)); !strings.Contains(w.Body.String(), "elcome") {
		t.Fatalf("join: %d %s", w.Code, w.Body)
	}
	if f := e.rdb.HGet(ctx, prefix+"m:U1", "~who").Val(); !strings.HasPrefix(f, "member|Europe/Berlin|Name U1|") {
		t.Errorf("profile's ~who = %q", f)
	}
	if n := e.rdb.Exists(ctx, prefix+"c:who:U1", prefix+"c:slack:who:U1").Val(); n != 0 {
		t.Errorf("%d separate users.info keys for a member", n)
	}
	e.serve(signedRequest("/slack/commands", e.commandForm("U2", "help"), e.now))
	if ttl := e.rdb.PTTL(ctx, prefix+"c:who:U2").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("non-member's users.info key: TTL %v", ttl)
	}
	if e.rdb.Exists(ctx, prefix+"m:U2").Val() != 0 {
		t.Error("a profile for someone who only asked for help")
	}
	asked := e.slack.count("users.info")
	other, err := New(e.cfg) // another replica: an empty in-process cache
	if err != nil {
		t.Fatal(err)
	}
	e.a = other
	if w := e.serve(signedRequest("/slack/commands", e.commandForm("U1", "progress"), e.now)); w.Code != 200 {
		t.Fatalf("progress: %d %s", w.Code, w.Body)
	}
	if n := e.slack.count("users.info"); n != asked {
		t.Errorf("users.info asked %d more times; the profile's answer was not used", n-asked)
	}
}
