package storage

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

func TestLinks(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		var ms []*bot.Member
		for _, id := range []string{"a", "b", "c", "L1", "L2"} {
			ms = append(ms, &bot.Member{ID: id, Name: strings.ToUpper(id)})
		}
		mustApply(t, s, sc, bot.Write{
			Members: ms,
			Skills:  []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Done, At: time.UnixMilli(7).UTC()}}},
			Links:   []bot.Link{{Mentee: "a", Lead: "L1"}, {Mentee: "b", Lead: "L1"}, {Mentee: "c", Lead: "L2"}},
		})
		checkLeads(t, s, sc, map[string][]string{"L1": {"a", "b"}, "L2": {"c"}})
		got, err := s.Mentees(ctx, sc, "L1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" || got[0].Lead != "L1" ||
			got[0].Skills["git"].Status != bot.Done || got[1].Name != "B" {
			t.Errorf("Mentees(L1) = %+v %+v", got[0], got[1])
		}
		// Move b with the right Old, c with a stale one, unlink a.
		mustApply(t, s, sc, bot.Write{Links: []bot.Link{
			{Mentee: "b", Lead: "L2", Old: "L1"},
			{Mentee: "c", Lead: "L1", Old: "nobody"},
			{Mentee: "a", Lead: "", Old: "L1"},
		}})
		checkLeads(t, s, sc, map[string][]string{"L1": {"c"}, "L2": {"b"}})
		for lead, want := range map[string][]string{"L1": {"c"}, "L2": {"b"}, "a": nil} {
			got, err := s.Mentees(ctx, sc, lead)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range got {
				ids = append(ids, m.ID)
				if m.Lead != lead {
					t.Errorf("mentee %s profile lead %q, want %q", m.ID, m.Lead, lead)
				}
			}
			if !slices.Equal(ids, want) {
				t.Errorf("Mentees(%s) = %v, want %v", lead, ids, want)
			}
		}
		if a := mustLoad(t, s, sc, "a")[0]; a.Lead != "" {
			t.Errorf("unlinked a still has lead %q", a.Lead)
		}
	})
}

func checkLeads(t *testing.T, s *Store, sc bot.Scope, want map[string][]string) {
	t.Helper()
	got, err := s.Leads(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Leads = %v, want %v", got, want)
	}
}

func TestForget(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		now := time.UnixMilli(1764230000000).UTC()
		mustApply(t, s, sc, bot.Write{
			Members:  []*bot.Member{{ID: "X", Name: "X"}, {ID: "Y", Name: "Y"}, {ID: "L", Name: "L"}, {ID: "Z", Name: "Z"}},
			Skills:   []bot.SkillWrite{{Member: "X", Skill: "git", State: bot.SkillState{Status: bot.Done, At: now}}},
			Events:   []bot.Event{{At: now, Member: "X", Actor: "X", Kind: "join"}},
			Links:    []bot.Link{{Mentee: "X", Lead: "L"}, {Mentee: "Y", Lead: "X"}, {Mentee: "Z", Lead: "L"}},
			Schedule: []bot.Due{{Member: "X", At: now}, {Member: "Y", At: now}},
		})
		mustApply(t, s, sc, bot.Write{Forget: []string{"X"}})
		if got := mustLoad(t, s, sc, "X")[0]; got != nil {
			t.Errorf("X still loads: %+v", got)
		}
		if evs, _ := s.Events(ctx, sc, "X", 0); len(evs) != 0 {
			t.Errorf("X still has events")
		}
		checkLeads(t, s, sc, map[string][]string{"L": {"Z"}})
		if y := mustLoad(t, s, sc, "Y")[0]; y == nil || y.Lead != "" {
			t.Errorf("Y after forgetting its lead: %+v", y)
		}
		if due, _ := rdb.ZRange(ctx, "mb:{"+sc.String()+"}:due", 0, -1).Result(); !slices.Equal(due, []string{"Y"}) {
			t.Errorf("due = %v, want [Y]", due)
		}
		for _, k := range scopeKeys(t, rdb, sc) {
			if strings.HasSuffix(k, ":X") {
				t.Errorf("key %s left", k)
			}
		}
	})
}
