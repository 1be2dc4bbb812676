package storage

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/roadmap"
)

const unconfirmed = "I couldn't confirm that was saved"

// TestRepliesTrueAfterHang freezes a test-owned server with SIGSTOP for
// 3 s while members mark skills done concurrently, thaws it, and checks
// every reply against what was stored in the end: "done" replies must be
// stored, "try again shortly" ones must not, and "couldn't confirm" may be
// either. Redis runs what a frozen server had queued once it is thawed,
// so a write that timed out after it was sent is often applied.
func TestRepliesTrueAfterHang(t *testing.T) {
	srv := redisproc.Start(t)
	ctx := context.Background()
	rdb, err := Open(ctx, "redis://"+srv.Addr()+"/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	s := New(rdb)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: s, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "honest-hang"}
	ask := func(user, text string) bot.Message {
		return b.Handle(ctx, bot.Request{Scope: sc, User: user, Name: user, Text: text})
	}
	var skills []string
	for _, r := range rm.LevelSkills("junior", "") {
		skills = append(skills, r.Skill.ID)
	}
	if len(skills) < 4 {
		t.Fatalf("junior has %d skills; the test needs a few", len(skills))
	}
	const users = 60
	for u := range users {
		id := fmt.Sprintf("u%d", u)
		if m := ask(id, "join junior"); strings.Contains(m.Text, "try again") {
			t.Fatalf("join %s with the server up: %q", id, m.Text)
		}
	}

	type result struct {
		user, skill, text string
	}
	var (
		mu      sync.Mutex
		results []result
		wg      sync.WaitGroup
		busy    = make(chan struct{}) // closed when commands are in full flow
	)
	for u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("u%d", u)
			// Each (member, skill) is asked once, so the final state
			// tells whether that one command was applied.
			for _, sk := range skills {
				m := ask(id, "done "+sk)
				mu.Lock()
				results = append(results, result{id, sk, m.Text})
				if len(results) == users {
					close(busy)
				}
				mu.Unlock()
			}
		}()
	}
	// Stop with every member's command in flight, some in their read,
	// some in their write.
	<-busy
	srv.Stop()
	time.Sleep(3 * time.Second)
	srv.Cont()
	wg.Wait()

	var ok, retry, unsure int
	for _, r := range results {
		ms, err := s.Load(ctx, sc, r.user)
		if err != nil || ms[0] == nil {
			t.Fatalf("load %s after the hang: %v", r.user, err)
		}
		stored := ms[0].Skills[r.skill].Status == bot.Done
		switch {
		case r.text == unavailable:
			retry++
			if stored {
				t.Errorf("%s done %s: answered %q, but it was stored", r.user, r.skill, r.text)
			}
		case strings.HasPrefix(r.text, unconfirmed):
			unsure++
		case strings.Contains(r.text, "try again"):
			t.Errorf("%s done %s: answered %q", r.user, r.skill, r.text)
		default:
			ok++
			if !stored {
				t.Errorf("%s done %s: answered %q, but it was not stored", r.user, r.skill, r.text)
			}
		}
	}
	// "Couldn't confirm", then trying again: setting a state is
	// idempotent, so the repeat leaves the skill done whichever way the
	// first went.
	for _, r := range results {
		if !strings.HasPrefix(r.text, unconfirmed) {
			continue
		}
		if m := ask(r.user, "done "+r.skill); strings.Contains(m.Text, "try again") {
			t.Errorf("%s done %s again: %q", r.user, r.skill, m.Text)
		}
		ms, err := s.Load(ctx, sc, r.user)
		if err != nil || ms[0].Skills[r.skill].Status != bot.Done {
			t.Errorf("%s done %s again: stored %+v, %v", r.user, r.skill, ms[0].Skills[r.skill], err)
		}
	}
	// start and undo twice in a row leave what one would.
	for _, c := range []struct {
		cmd  string
		want bot.Status
	}{{"start", bot.Learning}, {"undo", ""}, {"done", bot.Done}} {
		for range 2 {
			if m := ask("u0", c.cmd+" "+skills[0]); strings.Contains(m.Text, "try again") || strings.Contains(m.Text, "went wrong") {
				t.Fatalf("%s %s: %q", c.cmd, skills[0], m.Text)
			}
			ms, err := s.Load(ctx, sc, "u0")
			if err != nil || ms[0].Skills[skills[0]].Status != c.want {
				t.Errorf("after %s %s: stored %+v, %v; want %q", c.cmd, skills[0], ms[0].Skills[skills[0]], err, c.want)
			}
		}
	}
	t.Logf("%d commands: %d done, %d try again (none stored), %d couldn't confirm", len(results), ok, retry, unsure)
	if retry+unsure == 0 {
		t.Errorf("no command met the hang: the test proves nothing")
	}
	for u := range users {
		s.Apply(ctx, sc, bot.Write{Forget: []string{fmt.Sprintf("u%d", u)}})
	}
}
