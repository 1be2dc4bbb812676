package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
)

// export shows what the adapter caches about the member (users.info's
// answer, whether the id is a person, the DM channel), in Redis and in
// the process; after forget none of it survives, in either.
func TestExportAndForgetOfTheCache(t *testing.T) {
	e := newEnv(t, nil)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: e.store, Cache: e.store, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	b.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.h.Handler = b
	ctx := context.Background()
	sc := bot.Scope{Platform: Platform, Workspace: e.team}

	// users.info on the way in, a person check, a DM: three cache entries.
	w := e.serve(signedRequest("/slack/commands", e.commandForm("U10", "join"), e.now))
	blockReply(t, w, w.Body.String())
	if _, err := e.a.Person(ctx, sc, "U10"); err != nil {
		t.Fatal(err)
	}
	if err := e.a.Send(ctx, bot.Recipient{Scope: sc, User: "U10"}, bot.Message{Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	// The users.info answer is kept in the member's profile (GetFor),
	// the others under keys of their own.
	keys := []string{"slack:kind:U10", "slack:dm:U10"}
	for _, k := range keys {
		if v, _ := e.store.Get(ctx, sc, k); v == "" {
			t.Fatalf("nothing cached under %s: the test sets up nothing to forget", k)
		}
	}
	if v, _ := e.store.GetFor(ctx, sc, "U10", whoKey); v == "" {
		t.Fatalf("no users.info answer kept with U10: the test sets up nothing to forget")
	}

	msg := b.Handle(ctx, bot.Request{Scope: sc, User: "U10", Text: "export"})
	if msg.File == nil {
		t.Fatalf("export: no file: %+v", msg)
	}
	var doc struct {
		Cached []struct{ Where, Key, Value string } `json:"cached"`
	}
	if err := json.Unmarshal(msg.File.Data, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range doc.Cached {
		got[c.Where+" "+c.Key] = c.Value != ""
	}
	for _, want := range []string{"redis " + whoKey, "redis slack:kind:U10", "redis slack:dm:U10", "process slack:who:U10"} {
		if !got[want] {
			t.Errorf("export lacks the cached %s: %+v", want, doc.Cached)
		}
	}
	if !strings.Contains(msg.Text, "4 cached entries") {
		t.Errorf("export text: %q", msg.Text)
	}

	if msg := b.Handle(ctx, bot.Request{Scope: sc, User: "U10", Text: "forget confirm"}); !strings.HasPrefix(msg.Text, "Done: I've deleted everything") {
		t.Fatalf("forget: %q", msg.Text)
	}
	for _, k := range keys {
		if v, _ := e.store.Get(ctx, sc, k); v != "" {
			t.Errorf("after forget, Redis still caches %s = %q", k, v)
		}
	}
	if v, _ := e.store.GetFor(ctx, sc, "U10", whoKey); v != "" {
		t.Errorf("after forget, Redis still keeps U10's users.info answer %q", v)
	}
	if p := e.a.InProcess(sc, "U10"); len(p) != 0 {
		t.Errorf("after forget, the process still holds %v", p)
	}
	if msg := b.Handle(ctx, bot.Request{Scope: sc, User: "U10", Text: "export"}); msg.File != nil || !strings.HasPrefix(msg.Text, "I keep nothing about you") {
		t.Errorf("export after forget: %q (file %v)", msg.Text, msg.File != nil)
	}
}
