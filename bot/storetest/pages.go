package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// pages: a lead's mentees and the team come a page at a time, stuck first
// (by bot.StuckAt), with counts that follow every write that moves them:
// progress, links, forgetting, and the nudges the scheduler records.
func pages(t *testing.T, h Harness, sc bot.Scope) {
	ctx := context.Background()
	now := t0.AddDate(0, 1, 0)
	day := 24 * time.Hour
	member := func(id string, progress time.Duration) *bot.Member {
		m := &bot.Member{ID: id, Name: "N" + id, Stage: "junior", Joined: now.Add(-60 * day)}
		if progress > 0 {
			m.LastProgress = now.Add(-progress)
		}
		return m
	}
	// a: stuck longest (no progress ever: since joining); b: stuck for a
	// day; c: moving; d: moved yesterday; L2's e: moving.
	ms := []*bot.Member{member("a", 0), member("b", 15*day), member("c", 10*day), member("d", day),
		member("e", 2*day), {ID: "L", Name: "Lea"}, {ID: "L2", Name: "Leo"}}
	apply(t, h, sc, bot.Write{Members: ms, Links: []bot.Link{{Mentee: "d", Lead: "L"}, {Mentee: "c", Lead: "L"},
		{Mentee: "b", Lead: "L"}, {Mentee: "a", Lead: "L"}, {Mentee: "e", Lead: "L2"}, {Mentee: "ghost", Lead: "L2"}}})

	menteePage := func(q bot.PageQuery) bot.MenteePage {
		t.Helper()
		p, err := h.Store.MenteePage(ctx, sc, "L", q)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := menteePage(bot.PageQuery{At: now, Limit: 3, MovedSince: now.Add(-7 * day)})
	if ids := idsOf(p.Members); !slices.Equal(ids, []string{"a", "b", "c"}) || p.Total != 4 || p.Stuck != 2 {
		t.Errorf("page 1 = %v, total %d, stuck %d; want [a b c], 4, 2", ids, p.Total, p.Stuck)
	}
	if ids := idsOf(p.Moved); !slices.Equal(ids, []string{"d"}) || p.MovedCount != 1 {
		t.Errorf("moved = %v (%d), want [d] (1)", ids, p.MovedCount)
	}
	if p := menteePage(bot.PageQuery{At: now, Limit: 3, MovedSince: now.Add(-7 * day), MovedCountOnly: true}); len(p.Moved) != 0 || p.MovedCount != 1 {
		t.Errorf("moved count only = %v (%d), want none loaded (1)", idsOf(p.Moved), p.MovedCount)
	}
	if len(p.Members) > 0 && len(p.Members[0].Skills) != 0 || p.Members[0].Name != "Na" {
		t.Errorf("page member = %+v", p.Members[0])
	}
	if ids := idsOf(menteePage(bot.PageQuery{At: now, Offset: 3, Limit: 3}).Members); !slices.Equal(ids, []string{"d"}) {
		t.Errorf("page 2 = %v, want [d]", ids)
	}
	if p := menteePage(bot.PageQuery{At: now, Offset: 9, Limit: 3}); len(p.Members) != 0 || p.Total != 4 {
		t.Errorf("past the end: %v, total %d", idsOf(p.Members), p.Total)
	}
	// Time alone makes c stuck: no write needed.
	if p := menteePage(bot.PageQuery{At: now.Add(5 * day)}); p.Stuck != 3 || len(p.Members) != 0 {
		t.Errorf("five days on: stuck %d, members %v; want 3 and none (limit 0)", p.Stuck, idsOf(p.Members))
	}

	team := func() bot.TeamPage {
		t.Helper()
		p, err := h.Store.TeamPage(ctx, sc, bot.PageQuery{At: now, Limit: 10, MovedSince: now.Add(-7 * day)})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tp := team()
	want := []bot.LeadSummary{{ID: "L", Name: "Lea", Mentees: 4, Stuck: 2, Moved: 1, LastProgress: now.Add(-day)},
		{ID: "L2", Name: "Leo", Mentees: 1, Moved: 1, LastProgress: now.Add(-2 * day)}}
	if !sameLeads(tp.Leads, want) || tp.LeadCount != 2 || tp.MenteeCount != 6 || tp.Stuck != 2 {
		t.Errorf("team = %+v (leads %d, mentees %d, stuck %d), want %+v, 2, 6, 2", tp.Leads, tp.LeadCount, tp.MenteeCount, tp.Stuck, want)
	}

	// Progress by a moves them to the end; moving b to L2 puts L2 first.
	a := member("a", time.Hour)
	apply(t, h, sc, bot.Write{Members: []*bot.Member{a}, Links: []bot.Link{{Mentee: "b", Lead: "L2", Old: "L"}}})
	if ids := idsOf(menteePage(bot.PageQuery{At: now, Limit: 5}).Members); !slices.Equal(ids, []string{"c", "d", "a"}) {
		t.Errorf("after a's progress and b's move: %v, want [c d a]", ids)
	}
	tp = team()
	if len(tp.Leads) != 2 || tp.Leads[0].ID != "L2" || tp.Leads[0].Stuck != 1 || tp.Leads[1].Stuck != 0 || tp.Stuck != 1 {
		t.Errorf("team after the move = %+v, stuck %d", tp.Leads, tp.Stuck)
	}
	// Three nudges ignored make d stuck at the last one.
	h.SetState(t, sc, "d", bot.NudgeState{Ignored: 3, Last: now.Add(-time.Hour)})
	if p := menteePage(bot.PageQuery{At: now, Limit: 1}); p.Stuck != 1 || idsOf(p.Members)[0] != "d" {
		t.Errorf("after d ignored three nudges: stuck %d, first %v", p.Stuck, idsOf(p.Members))
	}
	// Unlinking and forgetting leave no trace in the counts.
	apply(t, h, sc, bot.Write{Links: []bot.Link{{Mentee: "c", Old: "L"}}, Forget: []string{"L2"}})
	tp = team()
	if len(tp.Leads) != 1 || tp.Leads[0].ID != "L" || tp.Leads[0].Mentees != 2 || tp.LeadCount != 1 || tp.MenteeCount != 2 || tp.Stuck != 1 {
		t.Errorf("team after unlink and forget = %+v (leads %d, mentees %d, stuck %d)", tp.Leads, tp.LeadCount, tp.MenteeCount, tp.Stuck)
	}
	apply(t, h, sc, bot.Write{Forget: []string{"d", "a"}})
	if tp := team(); tp.LeadCount != 0 || tp.MenteeCount != 0 || tp.Stuck != 0 || len(tp.Leads) != 0 {
		t.Errorf("team with no mentees left = %+v", tp)
	}
}

func sameLeads(got, want []bot.LeadSummary) bool {
	return slices.EqualFunc(got, want, func(a, b bot.LeadSummary) bool {
		return a.ID == b.ID && a.Name == b.Name && a.Mentees == b.Mentees && a.Stuck == b.Stuck && a.Moved == b.Moved && a.LastProgress.Equal(b.LastProgress)
	})
}
