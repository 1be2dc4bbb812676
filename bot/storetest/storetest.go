// Package storetest is the contract of bot.Store: one suite of cases that
// every implementation must pass, run against the in-memory store (bot's
// unit tests use it) and the Redis store (production), so that the two
// cannot drift apart.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Harness is one store under test and what the suite needs beyond
// bot.Store to see and set what only the scheduler writes.
type Harness struct {
	Store bot.Store
	// Scope returns a fresh, empty scope of the store.
	Scope func(t *testing.T) bot.Scope
	// SetState records a member's NudgeState as the scheduler's
	// completions would.
	SetState func(t *testing.T, sc bot.Scope, member string, st bot.NudgeState)
	// Due reads a member's entry of one kind in the schedule.
	Due func(ctx context.Context, sc bot.Scope, kind bot.DueKind, member string) (time.Time, bool, error)
}

var t0 = time.Date(2026, 9, 7, 9, 0, 0, 0, time.UTC)

// Run runs every case of the contract, each with its own scope.
func Run(t *testing.T, h Harness) {
	cases := []struct {
		name string
		f    func(t *testing.T, h Harness, sc bot.Scope)
	}{
		{"profile round trip", profileRoundTrip},
		{"unknown members are nil", unknownMembers},
		{"state belongs to the scheduler", stateKept},
		{"skills", skills},
		{"events newest first", events},
		{"links and mentees", links},
		{"schedule", schedule},
		{"digest entries follow mentees", digests},
		{"forget", forget},
		{"leads who never joined", neverJoined},
		{"lead rights", rights},
		{"invitations", invitations},
		{"digest channels", digestChannels},
		{"own records", ownRecords},
		{"checked links", checkedLinks},
		{"one of two racing assigners wins", race},
		{"snooze once a week", snooze},
		{"pages of mentees and team", pages},
		{"scopes are apart", isolation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.f(t, h, h.Scope(t))
		})
	}
}

func apply(t *testing.T, h Harness, sc bot.Scope, w bot.Write) {
	t.Helper()
	if err := h.Store.Apply(context.Background(), sc, w); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

func load(t *testing.T, h Harness, sc bot.Scope, ids ...string) []*bot.Member {
	t.Helper()
	ms, err := h.Store.Load(context.Background(), sc, ids...)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(ms) != len(ids) {
		t.Fatalf("load %d ids returned %d members", len(ids), len(ms))
	}
	return ms
}

func due(t *testing.T, h Harness, sc bot.Scope, kind bot.DueKind, id string) (time.Time, bool) {
	t.Helper()
	at, ok, err := h.Due(context.Background(), sc, kind, id)
	if err != nil {
		t.Fatalf("due: %v", err)
	}
	return at.UTC(), ok
}

func full(id string) *bot.Member {
	return &bot.Member{ID: id, Name: "Ada", Stage: "mid", Track: "api", Joined: t0,
		LastActive: t0.Add(time.Hour), LastProgress: t0.Add(2 * time.Hour),
		Nudges: bot.NudgeSettings{Off: true, Day: time.Thursday, Minute: 570, Zone: "Europe/Berlin", ZoneChosen: true, PausedUntil: t0.Add(72 * time.Hour), PausedDay: "2026-12-07"}}
}

func profileRoundTrip(t *testing.T, h Harness, sc bot.Scope) {
	m := full("u1")
	apply(t, h, sc, bot.Write{Members: []*bot.Member{m, {ID: "u2"}}})
	got := load(t, h, sc, "u1", "u2")
	want := *m
	want.Skills = map[string]bot.SkillState{}
	if !reflect.DeepEqual(got[0], &want) {
		t.Errorf("u1:\n got %+v\nwant %+v", got[0], &want)
	}
	if got[1] == nil || got[1].ID != "u2" || got[1].HasJoined() {
		t.Errorf("u2 (all zero) = %+v", got[1])
	}
	// A whole rewrite clears what became empty.
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "u1", Name: "Ada"}}})
	if got := load(t, h, sc, "u1")[0]; got.Stage != "" || got.Nudges != (bot.NudgeSettings{}) || !got.Joined.IsZero() {
		t.Errorf("after rewrite: %+v", got)
	}
}

func unknownMembers(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Name: "A"}}})
	got := load(t, h, sc, "nobody", "a", "ghost")
	if got[0] != nil || got[2] != nil || got[1] == nil {
		t.Errorf("load = %v", got)
	}
	if got, _ := h.Store.Load(context.Background(), sc); len(got) != 0 {
		t.Errorf("load of no ids = %v", got)
	}
}

func stateKept(t *testing.T, h Harness, sc bot.Scope) {
	m := full("u1")
	apply(t, h, sc, bot.Write{Members: []*bot.Member{m}})
	st := bot.NudgeState{Blocked: "dm closed", Ignored: 2, Unanswered: 5, Sent: []string{"n1", "n2"}, Last: t0, Week: "2026-W37", Skill: "git"}
	h.SetState(t, sc, "u1", st)
	// A command's write from an older read leaves the scheduler's state.
	stale := full("u1")
	stale.NudgeState = bot.NudgeState{}
	apply(t, h, sc, bot.Write{Members: []*bot.Member{stale}})
	if got := load(t, h, sc, "u1")[0].NudgeState; !reflect.DeepEqual(got, st) {
		t.Errorf("state after a command's write = %+v, want %+v", got, st)
	}
	apply(t, h, sc, bot.Write{Unblock: []string{"u1"}})
	want := st
	want.Blocked = ""
	if got := load(t, h, sc, "u1")[0].NudgeState; !reflect.DeepEqual(got, want) {
		t.Errorf("state after Unblock = %+v, want %+v", got, want)
	}
}

func skills(t *testing.T, h Harness, sc bot.Scope) {
	done := bot.SkillState{Status: bot.Done, At: t0}
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "u1", Stage: "junior"}},
		Skills: []bot.SkillWrite{{Member: "u1", Skill: "git", State: done},
			{Member: "u1", Skill: "sql", State: bot.SkillState{Status: bot.Learning, At: t0}}}})
	apply(t, h, sc, bot.Write{Skills: []bot.SkillWrite{{Member: "u1", Skill: "sql"}}})
	got := load(t, h, sc, "u1")[0].Skills
	if !reflect.DeepEqual(got, map[string]bot.SkillState{"git": done}) {
		t.Errorf("skills = %v", got)
	}
}

func events(t *testing.T, h Harness, sc bot.Scope) {
	for i := range 3 {
		apply(t, h, sc, bot.Write{Events: []bot.Event{{At: t0.Add(time.Duration(i) * time.Minute), Member: "u1", Actor: "u1", Kind: bot.EventDone, Skill: "s" + string(rune('0'+i))},
			{At: t0, Member: "lead", Actor: "u1", Kind: bot.EventForget}}})
	}
	evs, err := h.Store.Events(context.Background(), sc, "u1", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Skill != "s2" || evs[1].Skill != "s1" || evs[0].Kind != bot.EventDone || evs[0].Member != "u1" {
		t.Errorf("newest two = %+v", evs)
	}
	all, _ := h.Store.Events(context.Background(), sc, "lead", 0)
	if len(all) != 3 || all[0].Actor != "u1" || all[0].Kind != bot.EventForget {
		t.Errorf("lead's log = %+v", all)
	}
}

func links(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}, {ID: "b", Stage: "mid"}, {ID: "L", Stage: "lead"}}})
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "a", Lead: "L"}, {Mentee: "b", Lead: "L"}, {Mentee: "ghost", Lead: "L"}}})
	ms := load(t, h, sc, "a", "L")
	if ms[0].Lead != "L" || ms[1].MenteeCount != 3 {
		t.Errorf("a's lead %q, L's mentee count %d", ms[0].Lead, ms[1].MenteeCount)
	}
	// A mentee without a profile is a lead link, not a listed mentee.
	got, err := h.Store.Mentees(context.Background(), sc, "L")
	if err != nil {
		t.Fatal(err)
	}
	if ids := idsOf(got); !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("mentees of L = %v", ids)
	}
	// Moving b to another lead with a stale Old leaves it in one list only.
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "b", Lead: "M", Old: "X"}}})
	leads, _ := h.Store.Leads(context.Background(), sc)
	if !reflect.DeepEqual(leads, map[string][]string{"L": {"a", "ghost"}, "M": {"b"}}) {
		t.Errorf("leads = %v", leads)
	}
	// A whole profile write cannot undo a link.
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}}})
	if got := load(t, h, sc, "a")[0].Lead; got != "L" {
		t.Errorf("a's lead after a profile write = %q", got)
	}
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "a", Old: "L"}}})
	if got := load(t, h, sc, "a")[0].Lead; got != "" {
		t.Errorf("a's lead after unlinking = %q", got)
	}
}

func idsOf(ms []*bot.Member) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func schedule(t *testing.T, h Harness, sc bot.Scope) {
	t1, t2 := t0.Add(time.Hour), t0.Add(2*time.Hour)
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "u1", Stage: "junior"}}, Schedule: []bot.Due{{Member: "u1", At: t1}}})
	if at, ok := due(t, h, sc, bot.DueNudge, "u1"); !ok || !at.Equal(t1) {
		t.Errorf("due %v %v, want %v", at, ok, t1)
	}
	apply(t, h, sc, bot.Write{Schedule: []bot.Due{{Member: "u1", At: t2}}})
	if at, _ := due(t, h, sc, bot.DueNudge, "u1"); !at.Equal(t2) {
		t.Errorf("moved to %v, want %v", at, t2)
	}
	apply(t, h, sc, bot.Write{Schedule: []bot.Due{{Member: "u1"}}})
	if _, ok := due(t, h, sc, bot.DueNudge, "u1"); ok {
		t.Error("a zero due time left the entry")
	}
}

func digests(t *testing.T, h Harness, sc bot.Scope) {
	t1, t2 := t0.Add(time.Hour), t0.Add(2*time.Hour)
	dd := func(id string, at time.Time, keep bool) bot.Due {
		return bot.Due{Member: id, Kind: bot.DueDigest, At: at, Keep: keep}
	}
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}, {ID: "b", Stage: "junior"}},
		Links: []bot.Link{{Mentee: "a", Lead: "L"}}, Schedule: []bot.Due{dd("L", t1, true)}})
	if at, ok := due(t, h, sc, bot.DueDigest, "L"); !ok || !at.Equal(t1) {
		t.Fatalf("digest %v %v, want %v", at, ok, t1)
	}
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "b", Lead: "L"}}, Schedule: []bot.Due{dd("L", t2, true)}})
	if at, _ := due(t, h, sc, bot.DueDigest, "L"); !at.Equal(t1) {
		t.Errorf("kept entry moved to %v", at)
	}
	apply(t, h, sc, bot.Write{Schedule: []bot.Due{dd("L", t2, false)}})
	if at, _ := due(t, h, sc, bot.DueDigest, "L"); !at.Equal(t2) {
		t.Errorf("moved entry at %v, want %v", at, t2)
	}
	apply(t, h, sc, bot.Write{Schedule: []bot.Due{dd("nolead", t1, false)}})
	if _, ok := due(t, h, sc, bot.DueDigest, "nolead"); ok {
		t.Error("an entry for someone without mentees")
	}
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "a", Old: "L"}}, Schedule: []bot.Due{dd("L", time.Time{}, false)}})
	if _, ok := due(t, h, sc, bot.DueDigest, "L"); !ok {
		t.Error("removed while b is still a mentee")
	}
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "b", Old: "L"}}, Schedule: []bot.Due{dd("L", time.Time{}, false)}})
	if _, ok := due(t, h, sc, bot.DueDigest, "L"); ok {
		t.Error("kept with no mentees left")
	}
}

func forget(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}, {ID: "b", Stage: "junior"}, {ID: "L", Stage: "lead"}},
		Links:  []bot.Link{{Mentee: "a", Lead: "L"}, {Mentee: "L", Lead: "boss"}},
		Skills: []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Done, At: t0}}},
		Events: []bot.Event{{At: t0, Member: "a", Kind: bot.EventJoin}},
		Schedule: []bot.Due{{Member: "a", At: t0}, {Member: "L", Kind: bot.DueDigest, At: t0},
			{Member: "boss", Kind: bot.DueDigest, At: t0}}})
	apply(t, h, sc, bot.Write{Forget: []string{"a"}})
	if m := load(t, h, sc, "a")[0]; m != nil {
		t.Errorf("a after forget = %+v", m)
	}
	if evs, _ := h.Store.Events(context.Background(), sc, "a", 0); len(evs) != 0 {
		t.Errorf("a's events after forget = %v", evs)
	}
	if _, ok := due(t, h, sc, bot.DueNudge, "a"); ok {
		t.Error("a still scheduled")
	}
	if _, ok := due(t, h, sc, bot.DueDigest, "L"); ok {
		t.Error("L keeps a digest for a forgotten last mentee")
	}
	// Forgetting a lead unlinks their mentees and drops their own lead's digest.
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "b", Lead: "L"}}})
	apply(t, h, sc, bot.Write{Forget: []string{"L"}})
	if m := load(t, h, sc, "b")[0]; m == nil || m.Lead != "" {
		t.Errorf("b after its lead was forgotten = %+v", m)
	}
	if leads, _ := h.Store.Leads(context.Background(), sc); len(leads) != 0 {
		t.Errorf("leads after forgetting L = %v", leads)
	}
	if _, ok := due(t, h, sc, bot.DueDigest, "boss"); ok {
		t.Error("boss keeps a digest for a forgotten last mentee")
	}
}

func snooze(t *testing.T, h Harness, sc bot.Scope) {
	sn, ok := h.Store.(bot.Snoozer)
	if !ok {
		t.Fatalf("%T is not a bot.Snoozer", h.Store)
	}
	ctx := context.Background()
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "u1", Stage: "junior"}}, Schedule: []bot.Due{{Member: "u1", At: t0.AddDate(0, 0, 7)}}})
	at := t0.Add(24 * time.Hour)
	if ok, err := sn.Snooze(ctx, sc, "u1", "2026-W37", at); !ok || err != nil {
		t.Fatalf("first snooze: %v %v", ok, err)
	}
	if ok, _ := sn.Snooze(ctx, sc, "u1", "2026-W37", at.Add(time.Hour)); ok {
		t.Error("second snooze of the week accepted")
	}
	if got, _ := due(t, h, sc, bot.DueNudge, "u1"); !got.Equal(at) {
		t.Errorf("due after snooze = %v, want %v", got, at)
	}
}

func isolation(t *testing.T, h Harness, sc bot.Scope) {
	other := h.Scope(t)
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "u1", Name: "here"}}, Links: []bot.Link{{Mentee: "u1", Lead: "L"}}})
	apply(t, h, other, bot.Write{Members: []*bot.Member{{ID: "u1", Name: "there"}}})
	if a, b := load(t, h, sc, "u1")[0], load(t, h, other, "u1")[0]; a.Name != "here" || b.Name != "there" || b.Lead != "" {
		t.Errorf("members across scopes: %+v / %+v", a, b)
	}
	if leads, _ := h.Store.Leads(context.Background(), other); len(leads) != 0 {
		t.Errorf("the other scope sees leads %v", leads)
	}
}

func neverJoined(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}},
		Links: []bot.Link{{Mentee: "a", Lead: "L"}, {Mentee: "inv", Lead: "L"}}})
	ms := load(t, h, sc, "L", "inv", "nobody")
	if l := ms[0]; l == nil || l.HasJoined() || l.MenteeCount != 2 || l.LeadRights {
		t.Errorf("a lead who never joined = %+v", l)
	}
	if m := ms[1]; m == nil || m.HasJoined() || m.Lead != "L" {
		t.Errorf("a linked member who never joined = %+v", m)
	}
	if ms[2] != nil {
		t.Errorf("nobody = %+v", ms[2])
	}
	// Forgetting a lead who never joined removes their links.
	apply(t, h, sc, bot.Write{Forget: []string{"L"}})
	ms = load(t, h, sc, "L", "a")
	if ms[0] != nil || ms[1] == nil || ms[1].Lead != "" {
		t.Errorf("after forgetting L: L %+v, a %+v", ms[0], ms[1])
	}
}

func rights(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Rights: []bot.Right{{Member: "R", Lead: true}, {Member: "S", Lead: true}}})
	if r := load(t, h, sc, "R")[0]; r == nil || !r.LeadRights || r.HasJoined() {
		t.Errorf("R with rights = %+v", r)
	}
	leads, _ := h.Store.Leads(context.Background(), sc)
	if !reflect.DeepEqual(leads, map[string][]string{"R": {}, "S": {}}) {
		t.Errorf("leads with rights and no mentee = %v", leads)
	}
	apply(t, h, sc, bot.Write{Rights: []bot.Right{{Member: "R"}}})
	if r := load(t, h, sc, "R")[0]; r != nil {
		t.Errorf("R after revoking = %+v", r)
	}
	apply(t, h, sc, bot.Write{Forget: []string{"S"}})
	if leads, _ := h.Store.Leads(context.Background(), sc); len(leads) != 0 {
		t.Errorf("leads after forgetting S = %v", leads)
	}
}

func checkedLinks(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: "a", Stage: "junior"}}, Links: []bot.Link{{Mentee: "a", Lead: "L"}}})
	w := bot.Write{Links: []bot.Link{{Mentee: "a", Lead: "M", Check: true}},
		Events:   []bot.Event{{At: t0, Member: "a", Kind: bot.EventAssign}},
		Schedule: []bot.Due{{Member: "M", Kind: bot.DueDigest, At: t0}}}
	if err := h.Store.Apply(context.Background(), sc, w); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("a checked link with a stale Old: %v, want ErrConflict", err)
	}
	if m := load(t, h, sc, "a")[0]; m.Lead != "L" {
		t.Errorf("a's lead after a conflict = %q", m.Lead)
	}
	if evs, _ := h.Store.Events(context.Background(), sc, "a", 0); len(evs) != 0 {
		t.Errorf("a conflicting write left events %v", evs)
	}
	if _, ok := due(t, h, sc, bot.DueDigest, "M"); ok {
		t.Error("a conflicting write scheduled a digest")
	}
	w.Links[0].Old = "L"
	apply(t, h, sc, w)
	if m := load(t, h, sc, "a")[0]; m.Lead != "M" {
		t.Errorf("a's lead after a checked move = %q", m.Lead)
	}
}

// race runs two checked assignments of one unassigned member at the same
// moment, 50 times: exactly one wins each time.
func race(t *testing.T, h Harness, sc bot.Scope) {
	for i := range 50 {
		id := "m" + strconv.Itoa(i)
		apply(t, h, sc, bot.Write{Members: []*bot.Member{{ID: id, Stage: "junior"}}})
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for j, lead := range []string{"L1", "L2"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[j] = h.Store.Apply(context.Background(), sc, bot.Write{
					Links:  []bot.Link{{Mentee: id, Lead: lead, Check: true}},
					Events: []bot.Event{{At: t0, Member: lead, Kind: bot.EventAssign, Detail: id}}})
			}()
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, bot.ErrConflict):
				t.Fatalf("trial %d: %v", i, err)
			}
		}
		if won != 1 {
			t.Fatalf("trial %d: %d winners (%v)", i, won, errs)
		}
		m := load(t, h, sc, id)[0]
		leads, _ := h.Store.Leads(context.Background(), sc)
		if n := len(leads["L1"]) + len(leads["L2"]); n != i+1 || m.Lead == "" {
			t.Fatalf("trial %d: %s led by %q, %d links in all", i, id, m.Lead, n)
		}
	}
}

func invitations(t *testing.T, h Harness, sc bot.Scope) {
	ctx := context.Background()
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "n1", Lead: "L"}, {Mentee: "n2", Lead: "L"}},
		Invites: []bot.Invite{{Mentee: "n2", Lead: "L", At: t0.Add(time.Hour)}, {Mentee: "n1", Lead: "L", At: t0}}})
	got, err := h.Store.Invitations(ctx, sc, "L", "M")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]bot.Invite{"L": {{Mentee: "n1", Lead: "L", At: t0}, {Mentee: "n2", Lead: "L", At: t0.Add(time.Hour)}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("invitations = %v, want %v", got, want)
	}
	if m := load(t, h, sc, "n1")[0]; m == nil || m.Lead != "L" || m.HasJoined() || !m.Invited.Equal(t0) {
		t.Errorf("an invited member = %+v", m)
	}
	if l := load(t, h, sc, "L")[0]; l == nil || !reflect.DeepEqual(l.Invites, want["L"]) {
		t.Errorf("the inviting lead = %+v", l)
	}
	// Removing a record leaves the link; forgetting the mentee or the lead
	// removes the rest.
	apply(t, h, sc, bot.Write{Invites: []bot.Invite{{Mentee: "n1", Lead: "L"}}})
	apply(t, h, sc, bot.Write{Forget: []string{"n2"}})
	got, _ = h.Store.Invitations(ctx, sc, "L")
	if m := load(t, h, sc, "n1")[0]; len(got) != 0 || m.Lead != "L" || !m.Invited.IsZero() {
		t.Errorf("after removing n1's record and forgetting n2: %v, n1 %+v", got, m)
	}
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "n3", Lead: "L"}}, Invites: []bot.Invite{{Mentee: "n3", Lead: "L", At: t0}}})
	apply(t, h, sc, bot.Write{Forget: []string{"L"}})
	if got, _ := h.Store.Invitations(ctx, sc, "L"); len(got) != 0 {
		t.Errorf("a forgotten lead's invitations = %v", got)
	}
	if m := load(t, h, sc, "n3")[0]; m != nil {
		t.Errorf("n3 after its inviting lead was forgotten = %+v", m)
	}
}

func digestChannels(t *testing.T, h Harness, sc bot.Scope) {
	dc := bot.DigestChannel{Lead: "L", Channel: "C1", Only: true}
	apply(t, h, sc, bot.Write{DigestChannels: []bot.DigestChannel{dc}})
	if l := load(t, h, sc, "L")[0]; l == nil || l.DigestChannel != dc {
		t.Errorf("a lead with a digest channel = %+v", l)
	}
	apply(t, h, sc, bot.Write{DigestChannels: []bot.DigestChannel{{Lead: "L", Channel: "C2"}}})
	if l := load(t, h, sc, "L")[0]; l.DigestChannel != (bot.DigestChannel{Lead: "L", Channel: "C2"}) {
		t.Errorf("moved: %+v", l.DigestChannel)
	}
	apply(t, h, sc, bot.Write{DigestChannels: []bot.DigestChannel{{Lead: "L"}}})
	if l := load(t, h, sc, "L")[0]; l != nil {
		t.Errorf("after off: %+v", l)
	}
	apply(t, h, sc, bot.Write{DigestChannels: []bot.DigestChannel{dc}})
	apply(t, h, sc, bot.Write{Forget: []string{"L"}})
	if l := load(t, h, sc, "L")[0]; l != nil {
		t.Errorf("after forget: %+v", l)
	}
}

// ownRecords holds LoadOwn to Load less what a member is as a lead or an
// invitee, for every kind of member: joined, a lead who never joined, a
// lead with rights and a digest channel, an invitee, nobody.
func ownRecords(t *testing.T, h Harness, sc bot.Scope) {
	apply(t, h, sc, bot.Write{
		Members:        []*bot.Member{full("m"), full("L")},
		Skills:         []bot.SkillWrite{{Member: "m", Skill: "git", State: bot.SkillState{Status: bot.Done, At: t0}}},
		Links:          []bot.Link{{Mentee: "m", Lead: "L"}, {Mentee: "inv", Lead: "L"}, {Mentee: "x", Lead: "G"}},
		Invites:        []bot.Invite{{Mentee: "inv", Lead: "L", At: t0}},
		Rights:         []bot.Right{{Member: "L", Lead: true}, {Member: "R", Lead: true}},
		DigestChannels: []bot.DigestChannel{{Lead: "L", Channel: "C1"}},
	})
	ids := []string{"m", "L", "G", "inv", "R", "nobody"}
	whole := load(t, h, sc, ids...)
	own, err := h.Store.LoadOwn(context.Background(), sc, ids...)
	if err != nil || len(own) != len(ids) {
		t.Fatalf("load own: %d members, %v", len(own), err)
	}
	for i, id := range ids {
		var want *bot.Member
		if w := whole[i]; w != nil && (w.HasJoined() || w.Lead != "") {
			c := *w
			c.MenteeCount, c.LeadRights, c.Invites, c.Invited, c.DigestChannel = 0, false, nil, time.Time{}, bot.DigestChannel{}
			want = &c
		}
		if !reflect.DeepEqual(own[i], want) {
			t.Errorf("own record of %s = %+v, want %+v", id, own[i], want)
		}
	}
}
