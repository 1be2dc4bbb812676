package storage

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// No script spells out a field or key name: they all come from fields.go
// through the names script() defines.
func TestScriptsUseNames(t *testing.T) {
	srcs := map[string]string{"link": linkSrc, "forget": forgetSrc, "index": indexSrc, "mentee page": menteePageSrc, "team page": teamPageSrc, "digests": digestsSrc,
		"claim": claimSrc, "extend": extendSrc, "unmark": unmarkSrc, "complete": completeSrc, "release": releaseSrc, "snooze": snoozeSrc,
		"skills": skillsSrc, "set for": setForSrc, "mark": markSrc, "unmark field": unmarkFieldSrc}
	names := map[string]bool{}
	for _, n := range append(luaNames, rosterLuaNames...) {
		names[n[1]] = true
	}
	for _, f := range append(commandFields, fLead, fBlock, fIgnored, fUnanswer, fSent, fLast, fWeek, fSkill, fSendMark) {
		if !names[f] {
			t.Errorf("field %q has no Lua name", f)
		}
	}
	literal := regexp.MustCompile(`'([^']*)'`)
	for name, src := range srcs {
		for _, m := range literal.FindAllStringSubmatch(src, -1) {
			if names[m[1]] {
				t.Errorf("%s script spells out %q; use its name from fields.go", name, m[1])
			}
		}
	}
}

// TestSharedRules runs the rules that are written both in Go (bot) and in
// Lua (the scripts) on the same cases: they must agree.
func TestSharedRules(t *testing.T) {
	rdb := realRedis(t)
	ctx := context.Background()
	last := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	eval := script(luaNextIgnored + `
local function arg(i) if ARGV[i] == '' then return false end return ARGV[i] end
return next_ignored(arg(1), arg(2), arg(3))
`)
	ms := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	for _, c := range []struct {
		name     string
		last     time.Time
		progress time.Time
		ignored  int
	}{
		{"never nudged", time.Time{}, time.Time{}, 0},
		{"never nudged, some progress", time.Time{}, last, 0},
		{"no progress ever", last, time.Time{}, 0},
		{"no progress since", last, last.Add(-time.Hour), 2},
		{"progress since", last, last.Add(time.Hour), 4},
		{"progress at the same instant", last, last, 1},
	} {
		m := &bot.Member{LastProgress: c.progress, NudgeState: bot.NudgeState{Last: c.last, Ignored: c.ignored}}
		want := bot.NextIgnored(m)
		// The same cases with the last command for the last progress.
		una := &bot.Member{LastActive: c.progress, NudgeState: bot.NudgeState{Last: c.last, Unanswered: c.ignored}}
		if got := bot.NextUnanswered(una); got != want {
			t.Errorf("%s: NextUnanswered says %d, NextIgnored (and Lua) %d", c.name, got, want)
		}
		ign := ""
		if c.ignored != 0 {
			ign = strconv.Itoa(c.ignored)
		}
		got, err := eval.Eval(ctx, rdb, []string{"rules-test"}, ms(c.last), ms(c.progress), ign).Int()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: Lua says %d, Go says %d", c.name, got, want)
		}
	}
}

// TestStuckAtRule holds the roster's Lua stuck_at to bot.StuckAt.
func TestStuckAtRule(t *testing.T) {
	rdb := realRedis(t)
	ctx := context.Background()
	eval := script(luaStuckAt + `
local f = {}
for i = 1, 4 do if ARGV[i] ~= '' then f[i] = ARGV[i] else f[i] = false end end
return score(stuck_at(f))
`)
	ms := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, m := range []bot.Member{
		{},
		{Joined: at},
		{Joined: at, LastProgress: at.Add(time.Hour)},
		{LastProgress: at, NudgeState: bot.NudgeState{Ignored: 3, Last: at.Add(48 * time.Hour)}},
		{LastProgress: at, NudgeState: bot.NudgeState{Ignored: 2, Last: at.Add(48 * time.Hour)}},
		{LastProgress: at, NudgeState: bot.NudgeState{Ignored: 4, Last: at.Add(20 * 24 * time.Hour)}},
		{LastProgress: at.Add(time.Hour), NudgeState: bot.NudgeState{Ignored: 5, Last: at}},
		{Joined: at, NudgeState: bot.NudgeState{Ignored: 3, Last: at.Add(time.Hour)}},
	} {
		want := "+inf"
		if s := bot.StuckAt(&m); !s.IsZero() {
			want = ms(s)
		}
		ign := ""
		if m.NudgeState.Ignored != 0 {
			ign = strconv.Itoa(m.NudgeState.Ignored)
		}
		got, err := eval.Eval(ctx, rdb, []string{"rules-test"}, ms(m.LastProgress), ms(m.Joined), ign, ms(m.NudgeState.Last)).Text()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%+v: Lua says %s, Go says %s", m, got, want)
		}
	}
}
