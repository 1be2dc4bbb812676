package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
)

// A member written by the version before skill codes (skills hash fields
// named by skill id, states "d<base 36>" and "learning:<ms>", events in
// the compact and JSON forms) reads back the same with codes: Load,
// Events and `export` give skill ids. A later write moves a skill to its
// code and drops the field under its id.
func TestUpgradeKeepsProgress(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		k, _ := newKeys(sc)
		joined, doneAt, learnAt := ms(1764230000000), ms(1764316400123), ms(1764402800456)
		// What main's code wrote, by hand.
		rdb.HSet(ctx, k.member("U1"), fName, "Ada", fStage, "junior", fJoined, "1764230000000",
			fActive, "1764402800456", fProgress, "1764402800456", fJoinEvent, "=junior")
		rdb.HSet(ctx, k.skills("U1"), "git", "d"+strconv.FormatInt(doneAt.UnixMilli(), 36),
			"sql-basics", "learning:1764402800456")
		rdb.RPush(ctx, k.events("U1"),
			strconv.FormatInt(learnAt.UnixMilli(), 36)+" learning sql-basics  ",
			`{"t":1764316400123,"k":"done","s":"git"}`)

		s := New(rdb)
		wantSkills := map[string]bot.SkillState{
			"git":        {Status: bot.Done, At: doneAt},
			"sql-basics": {Status: bot.Learning, At: learnAt},
		}
		wantEvents := []bot.Event{
			{At: learnAt, Member: "U1", Actor: "U1", Kind: bot.EventLearning, Skill: "sql-basics"},
			{At: doneAt, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "git"},
			{At: joined, Member: "U1", Actor: "U1", Kind: bot.EventJoin, Detail: "junior"},
		}
		check := func(when string) {
			t.Helper()
			m := mustLoad(t, s, sc, "U1")[0]
			if m == nil || m.Name != "Ada" || !m.Joined.Equal(joined) || !reflect.DeepEqual(m.Skills, wantSkills) {
				t.Errorf("%s: member %+v, skills %v; want skills %v", when, m, m.Skills, wantSkills)
			}
			evs, err := s.Events(ctx, sc, "U1", 0)
			if err != nil || !reflect.DeepEqual(evs, wantEvents) {
				t.Errorf("%s: events %v (%v), want %v", when, evs, err, wantEvents)
			}
		}
		check("as written before codes")

		// `export` names skills by id, in the skills and in the events.
		rm, err := roadmap.Default()
		if err != nil {
			t.Fatal(err)
		}
		bt, err := bot.New(bot.Config{Roadmap: rm, Store: s, Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		out := bt.Handle(ctx, bot.Request{Scope: sc, User: "U1", Text: "export"})
		if out.File == nil {
			t.Fatalf("export: no file: %+v", out)
		}
		var doc struct {
			Skills map[string]bot.SkillState
			Events []bot.Event
		}
		if err := json.Unmarshal(out.File.Data, &doc); err != nil {
			t.Fatal(err)
		}
		if _, ok := doc.Skills["git"]; !ok || len(doc.Skills) != 2 || doc.Events[0].Skill != "sql-basics" {
			t.Errorf("export: skills %v, events %v", doc.Skills, doc.Events)
		}

		// Finishing sql-basics now writes it under its code.
		doneSQL := ms(1764489200789)
		mustApply(t, s, sc, bot.Write{
			Skills: []bot.SkillWrite{{Member: "U1", Skill: "sql-basics", State: bot.SkillState{Status: bot.Done, At: doneSQL}}},
			Events: []bot.Event{{At: doneSQL, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "sql-basics"}},
		})
		wantSkills["sql-basics"] = bot.SkillState{Status: bot.Done, At: doneSQL}
		wantEvents = append([]bot.Event{{At: doneSQL, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "sql-basics"}}, wantEvents...)
		check("after a write")
		fields := rdb.HKeys(ctx, k.skills("U1")).Val()
		if len(fields) != 2 || !slicesHas(fields, "git") || slicesHas(fields, "sql-basics") {
			t.Errorf("skills fields after the write: %v, want git and a code", fields)
		}
		// A Store of another process, which knows no codes yet, reads the same.
		s = New(rdb)
		check("from a fresh Store")
	})
}

func slicesHas(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Codes are distinct, never read as roadmap ids, and the same in every
// Store: one that learns of a code another assigned reads it right, in
// Load, Events and a mentee page.
func TestSkillCodes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		k, _ := newKeys(sc)
		a, b := New(rdb), New(rdb)
		at := ms(1764230000000)
		var w bot.Write
		want := map[string]bot.SkillState{}
		for i := range 1000 {
			id := fmt.Sprintf("skill-%d", i)
			w.Skills = append(w.Skills, bot.SkillWrite{Member: "U1", Skill: id, State: bot.SkillState{Status: bot.Done, At: at}})
			want[id] = bot.SkillState{Status: bot.Done, At: at}
		}
		mustApply(t, a, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada", Stage: "junior"}}})
		mustLoad(t, b, sc, "U1") // b has now read the (empty) book
		mustApply(t, a, sc, w)
		book := rdb.HGetAll(ctx, k.codeNames()).Val()
		if len(book) != 1001 || book[""] == "" {
			t.Fatalf("%d codes for 1000 skills, edition %q", len(book)-1, book[""])
		}
		for code := range book {
			if code != "" && (!isCode(code) || len(code) > 3) {
				t.Errorf("code %q", code)
			}
		}
		if c := rdb.HGet(ctx, k.codes(), "skill-0").Val(); c != "A" {
			t.Errorf("first code %q, want A", c)
		}
		if c := rdb.HGet(ctx, k.codes(), "skill-53").Val(); c != "A0" {
			t.Errorf("54th code %q, want A0", c)
		}
		if got := mustLoad(t, b, sc, "U1")[0].Skills; !reflect.DeepEqual(got, want) {
			t.Errorf("b reads %d skills, want 1000 (%v)", len(got), got["skill-7"])
		}
		// A checked write (one script, guarded.go) assigns codes too.
		mustApply(t, a, sc, bot.Write{Links: []bot.Link{{Mentee: "U1", Lead: "L1", Check: true}},
			Skills: []bot.SkillWrite{{Member: "U1", Skill: "skill-new", State: bot.SkillState{Status: bot.Learning, At: at}}}})
		want["skill-new"] = bot.SkillState{Status: bot.Learning, At: at}
		if got := mustLoad(t, New(rdb), sc, "U1")[0].Skills; !reflect.DeepEqual(got, want) {
			t.Errorf("after a checked write: skill-new %v", got["skill-new"])
		}
		// An event whose code b learns from the event log.
		c := New(rdb)
		mustApply(t, a, sc, bot.Write{Events: []bot.Event{{At: at, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "skill-999"}}})
		evs, err := c.Events(ctx, sc, "U1", 1)
		if err != nil || len(evs) != 1 || evs[0].Skill != "skill-999" {
			t.Errorf("events from a fresh Store: %v, %v", evs, err)
		}
		raw := rdb.LIndex(ctx, k.events("U1"), 0).Val()
		if shortTime(raw) < 0 || len(raw) > 12 {
			t.Errorf("stored event %q, want the short form", raw)
		}
	})
}

// Every form of an event and a skill state reads back as written; the
// short forms are used only where they can say it all.
func TestShortForms(t *testing.T) {
	at := time.UnixMilli(1764230000123).UTC()
	for _, e := range []bot.Event{
		{At: at, Member: "U1", Actor: "U1", Kind: bot.EventDone, Skill: "git"},
		{At: at, Member: "U1", Actor: "U1", Kind: bot.EventStage, Detail: "mid"},
		{At: at, Member: "L", Actor: "", Kind: bot.EventNudgeSkipped, Skill: "git", Detail: "a detail with spaces"},
		{At: at, Member: "L", Actor: "U2", Kind: bot.EventAssign, Detail: "U1"},
		{At: at, Member: "L", Actor: "U2", Kind: "some-new-kind", Skill: "git"},
		{Member: "U1", Actor: "U1", Kind: bot.EventJoin},
	} {
		code := ""
		if e.Skill != "" {
			code = "B7"
		}
		v, err := encodeEvent(e, code)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeEvent(e.Member, v)
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		if shortTime(v) > 0 {
			if got.Skill != code {
				t.Errorf("%q: skill %q, want the code", v, got.Skill)
			}
			got.Skill = e.Skill
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("%q reads %+v, want %+v", v, got, e)
		}
		if _, short := kindLetters[e.Kind]; short != (shortTime(v) > 0) {
			t.Errorf("%q: short form %v for kind %s", v, !short, e.Kind)
		}
	}
	for _, st := range []bot.SkillState{
		{Status: bot.Done, At: at}, {Status: bot.Learning, At: at}, {Status: bot.Skipped},
		{Status: "newer-status", At: at},
	} {
		v := encodeSkillShort(st)
		got, err := decodeSkillShort(v)
		if err != nil || !reflect.DeepEqual(got, st) {
			t.Errorf("%q reads %+v (%v), want %+v", v, got, err, st)
		}
	}
}

// A workspace whose data was deleted starts a new book, which may give
// the same codes to other skills: a Store that cached the old book sees
// the edition change and reads the new one right.
func TestSkillCodesNewEdition(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		k, _ := newKeys(sc)
		s := New(rdb)
		at := ms(1764230000000)
		write := func(skills ...string) {
			t.Helper()
			w := bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada", Stage: "junior"}}}
			for _, id := range skills {
				w.Skills = append(w.Skills, bot.SkillWrite{Member: "U1", Skill: id, State: bot.SkillState{Status: bot.Done, At: at}})
			}
			mustApply(t, s, sc, w)
		}
		write("git", "sql")
		mustLoad(t, s, sc, "U1") // s has read the book
		// The workspace's data goes (as retention.go deletes it) and the
		// workspace comes back: another process writes in another order.
		time.Sleep(2 * time.Millisecond) // a new edition: another server time
		for _, key := range []string{k.codes(), k.codeNames(), k.skills("U1"), k.member("U1")} {
			rdb.Del(ctx, key)
		}
		other := New(rdb)
		mustApply(t, other, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada", Stage: "junior"}},
			Skills: []bot.SkillWrite{{Member: "U1", Skill: "sql", State: bot.SkillState{Status: bot.Learning, At: at}}}})
		if c := rdb.HGet(ctx, k.codes(), "sql").Val(); c != "A" {
			t.Fatalf("sql's code in the new book %q, want A (git's in the old)", c)
		}
		want := map[string]bot.SkillState{"sql": {Status: bot.Learning, At: at}}
		if got := mustLoad(t, s, sc, "U1")[0].Skills; !reflect.DeepEqual(got, want) {
			t.Errorf("the Store that cached the old book reads %v, want %v", got, want)
		}
		// And its own writes use the new book from then on.
		write("git")
		want["git"] = bot.SkillState{Status: bot.Done, At: at}
		if got := mustLoad(t, New(rdb), sc, "U1")[0].Skills; !reflect.DeepEqual(got, want) {
			t.Errorf("after its write: %v, want %v", got, want)
		}
	})
}
