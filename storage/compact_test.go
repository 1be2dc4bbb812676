package storage

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

func TestCompactForms(t *testing.T) {
	at := time.UnixMilli(1764230000123).UTC()
	for _, e := range []bot.Event{
		{At: at, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "git"},
		{At: at, Member: "U1", Actor: "L1", Kind: bot.EventAssign, Detail: "U1 -> L1 with  spaces | and bars"},
		{Member: "U1", Kind: "x"},
		{At: at, Member: "U1", Actor: "U1", Kind: bot.EventJoin, Detail: "junior"},
	} {
		s := encodeEventCompact(e)
		got, err := decodeEvent("U1", s)
		if err != nil || got != e {
			t.Errorf("event %+v: %q reads back as %+v, %v", e, s, got, err)
		}
		js, _ := encodeEventJSON(e)
		if old, err := decodeEvent("U1", js); err != nil || old != e {
			t.Errorf("the older JSON form %q reads as %+v, %v", js, old, err)
		}
	}
	for _, st := range []bot.SkillState{{Status: bot.Done, At: at}, {Status: bot.Learning, At: at}, {Status: bot.Skipped}} {
		v := encodeSkillCompact(st)
		if got, err := decodeSkillCompact(v); err != nil || got != st {
			t.Errorf("skill %+v: %q reads back as %+v, %v", st, v, got, err)
		}
		if got, err := decodeSkillCompact(encodeSkill(st)); err != nil || got != st {
			t.Errorf("the older skill form of %+v reads as %+v, %v", st, got, err)
		}
	}
	for _, c := range []struct{ ids, want []string }{
		{nil, nil},
		{[]string{"mid-n1"}, []string{"mid-n1"}},
		{[]string{"mid-n1", "api-n1", "mid-n2", "mid-n10", "api-n3", "mid-n4"}, []string{"api-n1", "api-n3", "mid-n1", "mid-n2", "mid-n10", "mid-n4"}},
		{[]string{"warmup", "warm07", "x1"}, []string{"warmup", "warm07", "x1"}},
		{[]string{"123", "a1"}, []string{"123", "a1"}},
	} {
		s := encodeRotation(c.ids)
		if got := decodeRotation(s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("rotation %q: %q reads back as %q, want %q (the same ids, the last one last)", c.ids, s, got, c.want)
		}
	}
	if got := encodeRotation([]string{"mid-n1", "api-n1", "mid-n2", "mid-n3", "mid-n4", "mid-n5", "mid-n6", "mid-n7", "mid-n8",
		"mid-n9", "mid-n10", "mid-n11", "api-n2", "mid-n12", "mid-n13", "mid-n14", "api-n3", "api-n4", "api-n5", "api-n6",
		"api-n7", "api-n8", "api-n9", "api-n10", "api-n11", "api-n12", "api-n13"}); len(got) > 64 {
		t.Errorf("a stage's and a track's rotation takes %d bytes (%q), over the 64 a listpack value holds", len(got), got)
	}
	if got := decodeRotation("mid-n1,mid-n2"); !reflect.DeepEqual(got, []string{"mid-n1", "mid-n2"}) {
		t.Errorf("an older plain rotation reads as %q", got)
	}
}

// A member's join event lives in their profile, not in a log key of its
// own, and Events returns it in its place by time (last, here); old
// events are dropped by age.
func TestJoinEventAndAge(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		k, _ := newKeys(sc)
		at := time.UnixMilli(1764230000000).UTC()
		join := bot.Event{At: at, Member: "U1", Actor: "U1", Kind: bot.EventJoin, Detail: "junior"}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "A", Stage: "junior", Joined: at}}, Events: []bot.Event{join}})
		if n, _ := rdb.Exists(ctx, k.events("U1")).Result(); n != 0 {
			t.Errorf("a member who only joined has an event log key")
		}
		evs, err := s.Events(ctx, sc, "U1", 0)
		if err != nil || !reflect.DeepEqual(evs, []bot.Event{join}) {
			t.Fatalf("events = %+v, %v; want the join", evs, err)
		}
		old := bot.Event{At: at.Add(time.Hour), Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "git"}
		mustApply(t, s, sc, bot.Write{Events: []bot.Event{old}})
		later := bot.Event{At: at.Add(DefaultEventMaxAge + 2*time.Hour), Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "sql"}
		mustApply(t, s, sc, bot.Write{Events: []bot.Event{later}})
		evs, err = s.Events(ctx, sc, "U1", 0)
		if err != nil || !reflect.DeepEqual(evs, []bot.Event{later, join}) {
			t.Errorf("after %s: events = %+v, %v; want the newer one and the join", DefaultEventMaxAge, evs, err)
		}
		if evs, _ := s.Events(ctx, sc, "U1", 1); !reflect.DeepEqual(evs, []bot.Event{later}) {
			t.Errorf("Events(1) = %+v", evs)
		}
	})
}

// Someone given lead rights before joining has older events in their log
// than their join (kept in the profile): Events still returns newest
// first, the join in its place, and n counts it.
func TestJoinEventInTimeOrder(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		at := time.UnixMilli(1764230000000).UTC()
		granted := bot.Event{At: at, Member: "L1", Actor: "A1", Kind: bot.EventLeadRights, Detail: "granted"}
		mustApply(t, s, sc, bot.Write{Events: []bot.Event{granted}})
		join := bot.Event{At: at.Add(time.Hour), Member: "L1", Actor: "L1", Kind: bot.EventJoin, Detail: "mid"}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "L1", Name: "L", Stage: "mid", Joined: join.At}}, Events: []bot.Event{join}})
		done := bot.Event{At: at.Add(2 * time.Hour), Member: "L1", Actor: "L1", Kind: bot.EventDone, Skill: "git"}
		mustApply(t, s, sc, bot.Write{Events: []bot.Event{done}})
		evs, err := s.Events(ctx, sc, "L1", 0)
		if err != nil || !reflect.DeepEqual(evs, []bot.Event{done, join, granted}) {
			t.Fatalf("events = %+v, %v; want done, join, granted", evs, err)
		}
		if evs, _ := s.Events(ctx, sc, "L1", 2); !reflect.DeepEqual(evs, []bot.Event{done, join}) {
			t.Errorf("Events(2) = %+v, want done and the join", evs)
		}
	})
}
