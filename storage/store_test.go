package storage

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func fullMember(id string) *bot.Member {
	return &bot.Member{
		ID: id, Name: "Ada Lovelace", Stage: "mid", Track: "api",
		Joined: ms(1764230000000), LastActive: ms(1764230001000), LastProgress: ms(1764230002000),
		Lead: "lead1",
		Nudges: bot.NudgeSettings{
			Off: true, Day: time.Thursday, Minute: 9*60 + 30, Zone: "Europe/Berlin",
			PausedUntil: ms(1764230003000),
		},
		NudgeState: bot.NudgeState{Blocked: "dm closed", Ignored: 3,
			Sent: []string{"n1", "n2", "n3"}, Last: ms(1764230004000), Week: "2026-W48", Skill: "git"},
	}
}

func mustApply(t *testing.T, s *Store, sc bot.Scope, w bot.Write) {
	t.Helper()
	if err := s.Apply(context.Background(), sc, w); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

func mustLoad(t *testing.T, s *Store, sc bot.Scope, ids ...string) []*bot.Member {
	t.Helper()
	ms, err := s.Load(context.Background(), sc, ids...)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return ms
}

func TestMemberRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		full := fullMember("U1")
		empty := &bot.Member{ID: "U2"} // every field zero, Sunday 00:00
		epoch := &bot.Member{ID: "U3", Name: "E", Joined: ms(0)}
		// The lead comes from the lead hash, which only links write.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{full, empty, epoch},
			Links: []bot.Link{{Mentee: "U1", Lead: "lead1"}}})
		got := mustLoad(t, s, sc, "U1", "U2", "U3")
		for i, want := range []*bot.Member{full, empty, epoch} {
			w := *want
			w.Skills = map[string]bot.SkillState{}
			// The scheduler's state is written by its scripts, not by Apply.
			w.NudgeState = bot.NudgeState{}
			if !reflect.DeepEqual(got[i], &w) {
				t.Errorf("member %s:\n got %+v\nwant %+v", want.ID, got[i], &w)
			}
		}
		// Rewriting whole clears fields that became empty, but not the
		// lead: a profile written from an older read cannot undo a link.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada"}}})
		got = mustLoad(t, s, sc, "U1")
		want := &bot.Member{ID: "U1", Name: "Ada", Lead: "lead1", Skills: map[string]bot.SkillState{}}
		if !reflect.DeepEqual(got[0], want) {
			t.Errorf("after rewrite: got %+v, want %+v", got[0], want)
		}
	})
}

func TestLoadUnknown(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "known", Name: "K"}}})
		got := mustLoad(t, s, sc, "nobody", "known", "ghost")
		if len(got) != 3 || got[0] != nil || got[1] == nil || got[1].Name != "K" || got[2] != nil {
			t.Errorf("got %v, want [nil K nil]", got)
		}
		if got := mustLoad(t, s, sc); len(got) != 0 {
			t.Errorf("no ids: got %v", got)
		}
		// Skills alone do not make a member.
		mustApply(t, s, sc, bot.Write{Skills: []bot.SkillWrite{{Member: "ghost", Skill: "git", State: bot.SkillState{Status: bot.Done, At: ms(1)}}}})
		if got := mustLoad(t, s, sc, "ghost"); got[0] != nil {
			t.Errorf("ghost loaded: %+v", got[0])
		}
	})
}

func TestSkills(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		mustApply(t, s, sc, bot.Write{
			Members: []*bot.Member{{ID: "U1", Name: "A"}},
			Skills: []bot.SkillWrite{
				{Member: "U1", Skill: "git", State: bot.SkillState{Status: bot.Done, At: ms(1764230000000)}},
				{Member: "U1", Skill: "sql", State: bot.SkillState{Status: bot.Learning, At: ms(1764230000001)}},
				{Member: "U1", Skill: "k8s", State: bot.SkillState{Status: bot.Skipped, At: ms(1764230000002)}},
			},
		})
		mustApply(t, s, sc, bot.Write{Skills: []bot.SkillWrite{
			{Member: "U1", Skill: "sql"}, // remove
			{Member: "U1", Skill: "k8s", State: bot.SkillState{Status: bot.Learning, At: ms(1764230000009)}},
		}})
		got := mustLoad(t, s, sc, "U1")[0].Skills
		want := map[string]bot.SkillState{
			"git": {Status: bot.Done, At: ms(1764230000000)},
			"k8s": {Status: bot.Learning, At: ms(1764230000009)},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("skills: got %v, want %v", got, want)
		}
		// Stored under the workspace's code of the skill, as unix ms × 4 +
		// the status's number (compact.go, skillcodes.go).
		ctx := context.Background()
		code, _ := rdb.HGet(ctx, "mb:{"+sc.String()+"}:sk", "git").Result()
		raw, _ := rdb.HGet(ctx, "mb:{"+sc.String()+"}:s:U1", code).Result()
		if code != "A" || raw != strconv.FormatInt(1764230000000*4+1, 10) {
			t.Errorf("stored skill = code %q, state %q", code, raw)
		}
	})
}

func TestEvents(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		var evs []bot.Event
		for i := range 205 {
			evs = append(evs, bot.Event{At: ms(int64(1000 + i)), Member: "U1", Actor: "U1", Kind: "done", Skill: fmt.Sprint("s", i)})
		}
		mustApply(t, s, sc, bot.Write{Events: evs[:100]})
		mustApply(t, s, sc, bot.Write{Events: evs[100:]})
		all, err := s.Events(ctx, sc, "U1", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != DefaultEventLimit {
			t.Fatalf("log holds %d events, want %d", len(all), DefaultEventLimit)
		}
		if all[0] != evs[204] || all[DefaultEventLimit-1] != evs[205-DefaultEventLimit] {
			t.Errorf("not newest first: first %+v last %+v", all[0], all[DefaultEventLimit-1])
		}
		three, err := s.Events(ctx, sc, "U1", 3)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(three, []bot.Event{evs[204], evs[203], evs[202]}) {
			t.Errorf("Events(3) = %+v", three)
		}
		// Actors other than the member, and none at all, survive.
		odd := []bot.Event{
			{At: ms(5000), Member: "U2", Actor: "L1", Kind: "assign", Detail: "by lead"},
			{Member: "U2", Kind: "x"},
		}
		mustApply(t, s, sc, bot.Write{Events: odd})
		got, err := s.Events(ctx, sc, "U2", 10)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, []bot.Event{odd[1], odd[0]}) {
			t.Errorf("got %+v", got)
		}
		if got, _ := s.Events(ctx, sc, "nobody", 10); len(got) != 0 {
			t.Errorf("unknown member has events %v", got)
		}
		small := NewWithOptions(rdb, Options{EventLimit: 5})
		mustApply(t, small, sc, bot.Write{Events: evs[:20]})
		if n, _ := rdb.LLen(ctx, "mb:{"+sc.String()+"}:e:U1").Result(); n != 5 {
			t.Errorf("EventLimit 5: log has %d", n)
		}
	})
}

func TestScopeIsolation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc1 bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		sc2 := newTestScope(t, rdb, "b")
		sc2.Platform = "test2"
		t.Cleanup(func() { dropScope(t, rdb, sc2) })
		for i, sc := range []bot.Scope{sc1, sc2} {
			name := fmt.Sprint("scope", i)
			mustApply(t, s, sc, bot.Write{
				Members: []*bot.Member{{ID: "U1", Name: name}, {ID: "L", Name: "L"}},
				Skills:  []bot.SkillWrite{{Member: "U1", Skill: name, State: bot.SkillState{Status: bot.Done, At: ms(1)}}},
				Events:  []bot.Event{{Member: "U1", Kind: bot.EventKind(name)}},
				Links:   []bot.Link{{Mentee: "U1", Lead: "L"}},
			})
			if err := s.Set(ctx, sc, "k", name, 0); err != nil {
				t.Fatal(err)
			}
		}
		mustApply(t, s, sc2, bot.Write{Forget: []string{"L"}})
		for i, sc := range []bot.Scope{sc1, sc2} {
			name := fmt.Sprint("scope", i)
			m := mustLoad(t, s, sc, "U1")[0]
			if m.Name != name || len(m.Skills) != 1 || m.Skills[name].Status != bot.Done {
				t.Errorf("%s: member %+v", sc, m)
			}
			if evs, _ := s.Events(ctx, sc, "U1", 0); len(evs) != 1 || string(evs[0].Kind) != name {
				t.Errorf("%s: events %+v", sc, evs)
			}
			if v, _ := s.Get(ctx, sc, "k"); v != name {
				t.Errorf("%s: cache %q", sc, v)
			}
		}
		checkLeads(t, s, sc1, map[string][]string{"L": {"U1"}})
		checkLeads(t, s, sc2, map[string][]string{})
	})
}

func TestCache(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		if v, err := s.Get(ctx, sc, "dm:U1"); v != "" || err != nil {
			t.Errorf("missing key: %q, %v", v, err)
		}
		if err := s.Set(ctx, sc, "dm:U1", "D123", time.Hour); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Get(ctx, sc, "dm:U1"); v != "D123" {
			t.Errorf("Get = %q", v)
		}
		for i, want := range []bool{true, false, false} {
			got, err := s.Once(ctx, sc, "evt:Ev1", time.Minute)
			if err != nil || got != want {
				t.Errorf("Once #%d = %v, %v; want %v", i, got, err, want)
			}
		}
		if ok, _ := s.Once(ctx, sc, "evt:Ev2", 0); !ok {
			t.Error("Once of another key = false")
		}
		k, _ := newKeys(sc)
		for key, max := range map[string]time.Duration{"dm:U1": time.Hour, "evt:Ev1": time.Minute, "evt:Ev2": -1} {
			ttl, err := rdb.PTTL(ctx, k.cache(key)).Result()
			if err != nil {
				t.Fatal(err)
			}
			if (max < 0 && ttl != -1*time.Millisecond && ttl != -1) || (max > 0 && (ttl <= 0 || ttl > max)) {
				t.Errorf("%s ttl %v, want up to %v", key, ttl, max)
			}
		}
		if _, err := s.Once(ctx, sc, "bad key", time.Minute); err == nil {
			t.Error("cache key with space accepted")
		}
		// Delete drops the keys named, in one call; missing ones are no error.
		if err := s.Delete(ctx, sc, "dm:U1", "evt:Ev1", "dm:nobody"); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]string{"dm:U1": "", "evt:Ev1": "", "evt:Ev2": "1"} {
			if v, _ := s.Get(ctx, sc, key); v != want {
				t.Errorf("after Delete, %s = %q, want %q", key, v, want)
			}
		}
		if err := s.Delete(ctx, sc, "bad key"); err == nil {
			t.Error("cache delete of a key with space accepted")
		}
		if err := s.Delete(ctx, sc); err != nil {
			t.Errorf("Delete of no keys: %v", err)
		}
	})
}

func TestWorkspaces(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "U1"}}}) // removal only
		if ok, _ := rdb.SIsMember(ctx, WorkspacesKey, sc.String()).Result(); ok {
			t.Error("registered without a due time")
		}
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "U1", At: ms(1764230000000)}}})
		all, err := s.Workspaces(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(all, sc) {
			t.Errorf("Workspaces() = %v, missing %v", all, sc)
		}
		score, err := rdb.ZScore(ctx, "mb:{"+sc.String()+"}:due", "U1").Result()
		if err != nil || int64(score) != 1764230000000 {
			t.Errorf("due score %v, %v", score, err)
		}
	})
}

func TestValidation(t *testing.T) {
	rdb := embeddedRedis(t)
	s := New(rdb)
	ctx := context.Background()
	good := bot.Scope{Platform: "slack", Workspace: "T1"}
	bad := []string{"", "a:b", "a{b", "a}b", "a b", "a\tb", "a\nb", strings.Repeat("x", 65)}
	for _, id := range bad {
		if _, err := s.Load(ctx, good, id); err == nil {
			t.Errorf("Load(%q) accepted", id)
		}
		if _, err := s.Load(ctx, bot.Scope{Platform: "slack", Workspace: id}); err == nil {
			t.Errorf("workspace %q accepted", id)
		}
		if _, err := s.Leads(ctx, bot.Scope{Platform: id, Workspace: "T1"}); err == nil {
			t.Errorf("platform %q accepted", id)
		}
		if _, err := s.Mentees(ctx, good, id); err == nil {
			t.Errorf("Mentees(%q) accepted", id)
		}
		if _, err := s.Events(ctx, good, id, 1); err == nil {
			t.Errorf("Events(%q) accepted", id)
		}
		for _, w := range []bot.Write{
			{Members: []*bot.Member{{ID: id}}},
			{Skills: []bot.SkillWrite{{Member: id, Skill: "git"}}},
			{Events: []bot.Event{{Member: id}}},
			{Links: []bot.Link{{Mentee: "a", Lead: id + "x:"}}},
			{Schedule: []bot.Due{{Member: id}}},
			{Forget: []string{id}},
		} {
			if err := s.Apply(ctx, good, w); err == nil {
				t.Errorf("Apply(%+v) accepted", w)
			}
		}
	}
	if _, err := s.Load(ctx, good, strings.Repeat("x", 64), "U024BE7LH", "123456789012345678", "you"); err != nil {
		t.Errorf("valid ids rejected: %v", err)
	}
	if n, _ := rdb.DBSize(ctx).Result(); n != 0 {
		t.Errorf("a rejected write reached Redis: %d keys", n)
	}
}

func TestRoundTrips(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		rt := &roundTrips{}
		rdb.AddHook(rt)
		s := New(rdb)
		at := ms(1764230000000)
		w := bot.Write{
			Members:  []*bot.Member{fullMember("a"), fullMember("b"), {ID: "L", Name: "L"}},
			Skills:   []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Done, At: at}}, {Member: "b", Skill: "sql"}},
			Events:   []bot.Event{{At: at, Member: "a", Kind: "join"}, {At: at, Member: "b", Kind: "join"}},
			Links:    []bot.Link{{Mentee: "a", Lead: "L"}, {Mentee: "b", Lead: "L"}},
			Schedule: []bot.Due{{Member: "a", At: at}, {Member: "b"}},
			Forget:   []string{"gone"},
		}
		rt.take()
		steps := []struct {
			name string
			run  func() error
		}{
			{"Apply first", func() error { return s.Apply(ctx, sc, w) }},
			{"Apply", func() error { return s.Apply(ctx, sc, w) }},
			{"Load", func() error { _, err := s.Load(ctx, sc, "a", "b", "L", "nobody"); return err }},
			{"Mentees", func() error { _, err := s.Mentees(ctx, sc, "L"); return err }},
			{"Leads", func() error { _, err := s.Leads(ctx, sc); return err }},
			{"MenteePage", func() error { _, err := s.MenteePage(ctx, sc, "L", bot.PageQuery{At: at, Limit: 10}); return err }},
			{"TeamPage", func() error { _, err := s.TeamPage(ctx, sc, bot.PageQuery{At: at, Limit: 20}); return err }},
			{"Events", func() error { _, err := s.Events(ctx, sc, "a", 10); return err }},
			{"Get", func() error { _, err := s.Get(ctx, sc, "k"); return err }},
			{"Set", func() error { return s.Set(ctx, sc, "k", "v", time.Minute) }},
			{"Once", func() error { _, err := s.Once(ctx, sc, "o", time.Minute); return err }},
		}
		for _, st := range steps {
			if err := st.run(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			want := int64(1)
			if st.name == "Mentees" {
				want = 2 // the ids, then their records (see Store.Mentees)
			}
			if n := rt.take(); n != want {
				t.Errorf("%s took %d round trips, want %d", st.name, n, want)
			}
		}
		if got, _ := s.Mentees(ctx, sc, "L"); len(got) != 2 {
			t.Errorf("Mentees after Apply = %d members", len(got))
		}
	})
}
