package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/scheduler"
)

// spreadScopes returns n scopes of the cluster whose keys live on n
// different masters (so n must not exceed the number of masters).
func spreadScopes(t *testing.T, rdb *redis.ClusterClient, n int) []bot.Scope {
	t.Helper()
	ctx := context.Background()
	seen := map[string]bool{}
	var out []bot.Scope
	for i := 0; len(out) < n && i < 1000; i++ {
		sc := bot.Scope{Platform: "test", Workspace: fmt.Sprintf("cluster-%d-%d", i, rand.Uint32())}
		k, _ := newKeys(sc)
		master, err := rdb.MasterForKey(ctx, k.lead())
		if err != nil {
			t.Fatalf("master for %s: %v", sc, err)
		}
		addr := master.Options().Addr
		if !seen[addr] {
			seen[addr] = true
			out = append(out, sc)
		}
	}
	if len(out) < n {
		t.Fatalf("found scopes on only %d masters", len(out))
	}
	return out
}

func TestCluster(t *testing.T) {
	nodes := redisproc.StartCluster(t, 3)
	ctx := context.Background()
	for _, u := range []string{redisproc.ClusterURL(nodes), "redis+cluster://" + nodes[1].Addr()} {
		t.Run(strings.SplitN(u, ":", 2)[0], func(t *testing.T) {
			rdb, err := Open(ctx, u)
			if err != nil {
				t.Fatalf("open %s: %v", u, err)
			}
			defer rdb.Close()
			cc, ok := rdb.(*redis.ClusterClient)
			if !ok {
				t.Fatalf("Open(%s) gave a %T, want a cluster client", u, rdb)
			}
			rt := &roundTrips{}
			rdb.AddHook(rt)
			s := New(rdb)
			for _, sc := range spreadScopes(t, cc, 3) {
				storeOps(t, s, rdb, sc, rt)
				queueOps(t, s, sc, rt)
			}
		})
	}
}

// queueOps runs the nudge queue's claim, extend, mark, complete, release,
// snooze and rebuild cycle in sc.
func queueOps(t *testing.T, s *Store, sc bot.Scope, rt *roundTrips) {
	t.Helper()
	ctx := context.Background()
	defer s.Apply(ctx, sc, bot.Write{Forget: []string{"qa", "qb", "qc"}})
	now := t0.Add(time.Hour)
	next := t0.AddDate(0, 0, 7)
	mustApply(t, s, sc, bot.Write{
		Members:  []*bot.Member{{ID: "qa", Name: "A", Stage: "junior"}, {ID: "qb", Name: "B", Stage: "junior"}, {ID: "qc", Name: "C", Stage: "junior"}},
		Schedule: []bot.Due{{Member: "qa", At: t0}, {Member: "qb", At: t0.Add(time.Minute)}, {Member: "qc", At: t0.Add(2 * time.Hour)}},
	})
	fail := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %s: %v", sc, step, err)
		}
	}
	rt.take()
	b, err := s.Claim(ctx, sc, now, time.Minute, 10)
	fail("claim", err)
	if len(b.Claims) != 2 || b.Claims[0].Member != "qa" || b.Claims[1].Member != "qb" {
		t.Fatalf("%s: claimed %+v, want qa and qb", sc, b.Claims)
	}
	// Scripts run as EVALSHA, falling back to EVAL the first time a node
	// sees them: one round trip, two the first time.
	if n := rt.take(); n > 2 {
		t.Errorf("%s: claim took %d round trips", sc, n)
	}
	again, err := s.Claim(ctx, sc, now, time.Minute, 10)
	fail("claim again", err)
	if len(again.Claims) != 0 {
		t.Errorf("%s: leased members claimed again: %+v", sc, again.Claims)
	}
	kept, err := s.Extend(ctx, sc, now.Add(30*time.Second), time.Minute, b.Claims)
	fail("extend", err)
	if len(kept) != 2 {
		t.Errorf("%s: extended %d claims, want 2", sc, len(kept))
	}
	week := bot.Week(t0, time.UTC)
	ok, _, err := s.MarkSent(ctx, sc, "qa", week, kept[0].Token+"|n1", time.Hour)
	fail("mark sent", err)
	ok2, prev, err := s.MarkSent(ctx, sc, "qa", week, "other|n2", time.Hour)
	fail("mark sent again", err)
	if !ok || ok2 || prev != kept[0].Token+"|n1" {
		t.Errorf("%s: mark sent %v, again %v %q", sc, ok, ok2, prev)
	}
	rt.take()
	held, err := s.Complete(ctx, sc, now.Add(time.Minute), []scheduler.Completion{
		{Claim: kept[0], Next: next, Sent: &scheduler.SentNudge{At: now, Week: week, Skill: "git", Rotation: []string{"n1"}}},
	})
	fail("complete", err)
	if len(held) != 1 || !held[0] {
		t.Errorf("%s: complete %v, want [true]", sc, held)
	}
	if n := rt.take(); n > 2 {
		t.Errorf("%s: complete took %d round trips", sc, n)
	}
	fail("release", s.Release(ctx, sc, kept[1:]))
	ms, err := s.Load(ctx, sc, "qa")
	fail("load", err)
	if ms[0].NudgeState.Week != week || ms[0].NudgeState.Skill != "git" || !ms[0].NudgeState.Last.Equal(now) {
		t.Errorf("%s: qa's nudges after completion: %+v", sc, ms[0].Nudges)
	}
	// qb was released: due again at its own time; qa is due next week.
	b, err = s.Claim(ctx, sc, now.Add(2*time.Minute), time.Minute, 10)
	fail("claim after release", err)
	if len(b.Claims) != 1 || b.Claims[0].Member != "qb" || !b.Claims[0].Due.Equal(t0.Add(time.Minute)) {
		t.Errorf("%s: after release claimed %+v, want qb due at its time", sc, b.Claims)
	}
	fail("complete qb", func() error {
		_, err := s.Complete(ctx, sc, now.Add(2*time.Minute), []scheduler.Completion{{Claim: b.Claims[0]}})
		return err
	}())
	snoozed, err := s.Snooze(ctx, sc, "qa", week, now.Add(3*time.Hour))
	fail("snooze", err)
	if !snoozed {
		t.Errorf("%s: snooze refused", sc)
	}
	// qb left the schedule with an empty Next: Rebuild, scanning every
	// master, puts it back.
	n, err := s.Rebuild(ctx, sc, func(m *bot.Member) time.Time { return next })
	fail("rebuild", err)
	if n != 1 {
		t.Errorf("%s: rebuild re-added %d, want 1 (qb)", sc, n)
	}
}

// storeOps runs a representative table of Store operations in sc and
// checks what each one reads back. It leaves nothing of sc behind.
func storeOps(t *testing.T, s *Store, rdb redis.UniversalClient, sc bot.Scope, rt *roundTrips) {
	t.Helper()
	ctx := context.Background()
	defer func() {
		if err := s.Apply(ctx, sc, bot.Write{Forget: []string{"ada", "bob", "cy", "lead"}, Schedule: []bot.Due{{Member: "ada"}}}); err != nil {
			t.Errorf("%s: forget all: %v", sc, err)
		}
		rdb.SRem(ctx, WorkspacesKey, sc.String())
		rdb.ZRem(ctx, NudgeIndexKey, sc.String())
		rdb.ZRem(ctx, DigestIndexKey, sc.String())
	}()
	at := ms(1764230000000)
	done := bot.SkillState{Status: bot.Done, At: at}
	learning := bot.SkillState{Status: bot.Learning, At: at}
	steps := []struct {
		name  string
		do    func() (any, error)
		want  any
		trips int64 // most round trips it may take; 0: do not check
	}{
		{"apply members, skills, events, links and a schedule", func() (any, error) {
			return nil, s.Apply(ctx, sc, bot.Write{
				Members: []*bot.Member{{ID: "ada", Name: "Ada", Stage: "junior"}, {ID: "bob", Name: "Bob", Stage: "mid"},
					{ID: "cy", Name: "Cy", Stage: "junior"}, {ID: "lead", Name: "Lea", Stage: "lead"}},
				Skills: []bot.SkillWrite{{Member: "ada", Skill: "git", State: done}, {Member: "ada", Skill: "sql-basics", State: learning},
					{Member: "bob", Skill: "git", State: done}},
				Events:   []bot.Event{{At: at, Member: "ada", Kind: "join"}, {At: at.Add(time.Second), Member: "ada", Kind: "done", Skill: "git"}},
				Links:    []bot.Link{{Mentee: "ada", Lead: "lead"}, {Mentee: "bob", Lead: "lead"}, {Mentee: "cy", Lead: "lead"}},
				Schedule: []bot.Due{{Member: "ada", At: at.Add(time.Hour)}},
			})
		}, nil, 3}, // the first schedule in a scope registers it in the global set, and the due index is written after (both in other slots)
		{"load", func() (any, error) {
			ms, err := s.Load(ctx, sc, "ada", "nobody")
			if err != nil || len(ms) != 2 || ms[0] == nil {
				return ms, err
			}
			return []any{ms[0].Name, ms[0].Lead, ms[0].Skills, ms[1] == nil}, nil
		}, []any{"Ada", "lead", map[string]bot.SkillState{"git": done, "sql-basics": learning}, true}, 1},
		{"mentees", func() (any, error) {
			ms, err := s.Mentees(ctx, sc, "lead")
			var ids []string
			for _, m := range ms {
				ids = append(ids, m.ID+":"+m.Stage)
			}
			return ids, err
		}, []string{"ada:junior", "bob:mid", "cy:junior"}, 2},
		{"mentee page", func() (any, error) {
			p, err := s.MenteePage(ctx, sc, "lead", bot.PageQuery{At: at, Limit: 2})
			var ids []string
			for _, m := range p.Members {
				ids = append(ids, m.ID)
			}
			return []any{ids, p.Total, p.Stuck}, err
		}, []any{[]string{"ada", "bob"}, 3, 0}, 1},
		{"team page", func() (any, error) {
			p, err := s.TeamPage(ctx, sc, bot.PageQuery{At: at, Limit: 20})
			if err != nil || len(p.Leads) != 1 {
				return p, err
			}
			return []any{p.LeadCount, p.MenteeCount, p.Leads[0].ID, p.Leads[0].Name, p.Leads[0].Mentees}, nil
		}, []any{1, 3, "lead", "Lea", 3}, 1},
		{"leads", func() (any, error) { return s.Leads(ctx, sc) }, map[string][]string{"lead": {"ada", "bob", "cy"}}, 1},
		{"events", func() (any, error) {
			es, err := s.Events(ctx, sc, "ada", 10)
			var kinds []string
			for _, e := range es {
				kinds = append(kinds, string(e.Kind)+":"+e.Skill)
			}
			return kinds, err
		}, []string{"done:git", "join:"}, 1},
		{"workspaces lists the scope", func() (any, error) {
			scs, err := s.Workspaces(ctx)
			for _, x := range scs {
				if x == sc {
					return true, err
				}
			}
			return false, err
		}, true, 1},
		{"relink and unlink", func() (any, error) {
			return nil, s.Apply(ctx, sc, bot.Write{Links: []bot.Link{{Mentee: "bob", Lead: "ada", Old: "lead"}, {Mentee: "cy", Old: "lead"}}})
		}, nil, 1},
		{"leads after relink", func() (any, error) { return s.Leads(ctx, sc) }, map[string][]string{"lead": {"ada"}, "ada": {"bob"}}, 1},
		{"forget ada", func() (any, error) { return nil, s.Apply(ctx, sc, bot.Write{Forget: []string{"ada"}}) }, nil, 1},
		{"load after forget", func() (any, error) {
			ms, err := s.Load(ctx, sc, "ada", "bob")
			if err != nil || len(ms) != 2 || ms[1] == nil {
				return ms, err
			}
			return []any{ms[0] == nil, ms[1].Lead}, nil
		}, []any{true, ""}, 1},
		{"events after forget", func() (any, error) { return s.Events(ctx, sc, "ada", 0) }, []bot.Event{}, 1},
		{"leads after forget", func() (any, error) { return s.Leads(ctx, sc) }, map[string][]string{}, 1},
		{"cache set", func() (any, error) { return nil, s.Set(ctx, sc, "dm:ada", "D123", time.Minute) }, nil, 1},
		{"cache get", func() (any, error) { return s.Get(ctx, sc, "dm:ada") }, "D123", 1},
		{"cache get missing", func() (any, error) { return s.Get(ctx, sc, "dm:nobody") }, "", 1},
		{"cache once", func() (any, error) { return s.Once(ctx, sc, "ev:1", time.Minute) }, true, 1},
		{"cache once again", func() (any, error) { return s.Once(ctx, sc, "ev:1", time.Minute) }, false, 1},
		{"cache delete", func() (any, error) { return nil, s.Delete(ctx, sc, "dm:ada", "ev:1") }, nil, 1},
		{"cache get deleted", func() (any, error) { return s.Get(ctx, sc, "dm:ada") }, "", 1},
	}
	for _, st := range steps {
		rt.take()
		got, err := st.do()
		trips := rt.take()
		if err != nil {
			t.Errorf("%s: %s: %v", sc, st.name, err)
			continue
		}
		if !reflect.DeepEqual(got, st.want) {
			t.Errorf("%s: %s: got %#v, want %#v", sc, st.name, got, st.want)
		}
		if st.trips > 0 && trips > st.trips {
			t.Errorf("%s: %s: %d round trips, want at most %d", sc, st.name, trips, st.trips)
		}
	}
	// Each cache key is in the scope's slot too: a MULTI over all of them
	// would be refused with CROSSSLOT otherwise.
	keys := scopeKeysCluster(t, rdb, sc)
	if len(keys) == 0 {
		t.Errorf("%s: no keys found", sc)
	}
	slots := map[int64]bool{}
	for _, k := range keys {
		slot, err := rdb.ClusterKeySlot(ctx, k).Result()
		if err != nil {
			t.Fatalf("keyslot %s: %v", k, err)
		}
		slots[slot] = true
	}
	if len(slots) != 1 {
		t.Errorf("%s: keys %v span %d slots, want 1", sc, keys, len(slots))
	}
}

// scopeKeysCluster lists sc's keys on every master.
func scopeKeysCluster(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) []string {
	t.Helper()
	cc, ok := rdb.(*redis.ClusterClient)
	if !ok {
		return scopeKeys(t, rdb, sc)
	}
	k, _ := newKeys(sc)
	var out []string
	ch := make(chan []string, 16)
	err := cc.ForEachMaster(context.Background(), func(ctx context.Context, m *redis.Client) error {
		keys, err := m.Keys(ctx, strings.ReplaceAll(k.prefix, "{", `\{`)+"*").Result()
		ch <- keys
		return err
	})
	close(ch)
	for ks := range ch {
		out = append(out, ks...)
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		t.Fatalf("keys of %s: %v", sc, err)
	}
	return out
}
