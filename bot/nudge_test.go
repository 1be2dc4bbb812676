package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

// nudgeBot is a Bot for building messages only; it never touches a store.
func nudgeBot(t *testing.T) *Bot {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Config{Roadmap: rm, Store: struct{ Store }{}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNudgeRotation(t *testing.T) {
	b := nudgeBot(t)
	m := &Member{ID: "u", Stage: "junior", Skills: map[string]SkillState{}}
	pool := len(b.nudgePool(m))
	if pool < 3 {
		t.Fatalf("junior pool has %d nudges", pool)
	}
	var order []string
	for range 2 * pool {
		_, p := b.NudgeFor(m)
		order = append(order, p.Nudge.ID)
		m.NudgeState.Sent = p.Rotation
	}
	first := map[string]bool{}
	for i, id := range order[:pool] {
		if first[id] {
			t.Errorf("nudge %s repeated within the first rotation at %d: %v", id, i, order)
		}
		first[id] = true
	}
	for i := 1; i < len(order); i++ {
		if order[i] == order[i-1] {
			t.Errorf("same nudge twice in a row at %d: %v", i, order)
		}
	}
	// A nudge whose skill is done gives way to one still open.
	m.NudgeState.Sent = nil
	_, p := b.NudgeFor(m)
	m.Skills[p.Nudge.Skill] = SkillState{Status: Done}
	if _, q := b.NudgeFor(m); q.Nudge.ID == p.Nudge.ID || q.Skill == p.Nudge.Skill {
		t.Errorf("nudge for a done skill chosen: %+v", q)
	}
}

func TestNudgeSmallStep(t *testing.T) {
	b := nudgeBot(t)
	last := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		ignored  int
		progress time.Time
		small    bool
	}{
		{ignored: 0, small: false},
		{ignored: 2, progress: last.Add(time.Hour), small: false}, // moved since the last nudge
		{ignored: 2, progress: last.Add(-time.Hour), small: true}, // the third ignored nudge
		{ignored: 3, small: true},
		{ignored: 5, progress: last.Add(time.Hour), small: false}, // progress resets the count
	} {
		m := &Member{ID: "u", Stage: "junior", LastProgress: tc.progress, NudgeState: NudgeState{Ignored: tc.ignored, Last: last}}
		msg, p := b.NudgeFor(m)
		if p.Small != tc.small || strings.Contains(msg.Text, p.Nudge.Small) != tc.small {
			t.Errorf("ignored %d progress %v: small %v, text %q", tc.ignored, tc.progress, p.Small, msg.Text)
		}
		var cmds []string
		for _, bt := range msg.Buttons {
			cmds = append(cmds, bt.Command)
		}
		if got := strings.Join(cmds, ","); got != "done "+p.Skill+",nudges snooze,nudges skip,nudges off" {
			t.Errorf("buttons %s", got)
		}
	}
}

func TestWeek(t *testing.T) {
	kiri, _ := time.LoadLocation("Pacific/Kiritimati")
	minus12, _ := time.LoadLocation("Etc/GMT+12")
	// Sunday 2026-11-29 11:00 UTC is Monday 01:00 in Kiritimati and
	// Saturday 23:00 at UTC-12.
	at := time.Date(2026, 11, 29, 11, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		loc  *time.Location
		week string
		end  time.Time
	}{
		{time.UTC, "2026-W48", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)},
		{kiri, "2026-W49", time.Date(2026, 12, 7, 0, 0, 0, 0, kiri)},
		{minus12, "2026-W48", time.Date(2026, 11, 30, 0, 0, 0, 0, minus12)},
	} {
		if got := Week(at, tc.loc); got != tc.week {
			t.Errorf("%s: week %s, want %s", tc.loc, got, tc.week)
		}
		if got := WeekEnd(at, tc.loc); !got.Equal(tc.end) {
			t.Errorf("%s: week ends %v, want %v", tc.loc, got, tc.end)
		}
	}
	// Santiago's DST starts at midnight: Sunday 6 Sep 2026 has no 00:00,
	// which must not shift the week's end to the day before or after.
	scl, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	sun := time.Date(2026, 9, 6, 12, 0, 0, 0, scl)
	if got, want := WeekEnd(sun, scl), time.Date(2026, 9, 7, 0, 0, 0, 0, scl); !got.Equal(want) {
		t.Errorf("Santiago: week ends %v, want %v", got, want)
	}
}

// The week's nudge follows the skill being learned now: its task and its
// Done button, the latest started first; a member still on the same skill
// a week later gets another of its tasks, not the same text again (journey
// finding).
func TestNudgeFollowsLearning(t *testing.T) {
	b := nudgeBot(t)
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	m := &Member{ID: "u", Stage: "junior", Skills: map[string]SkillState{
		"git":        {Status: Done, At: at},
		"sql-basics": {Status: Learning, At: at},
	}}
	msg, p := b.NudgeFor(m)
	if p.Nudge.Skill != "sql-basics" || p.Skill != "sql-basics" || msg.Buttons[0].Command != "done sql-basics" {
		t.Fatalf("nudge for %q (Done: %q, %+v), want the skill being learned", p.Nudge.Skill, p.Skill, msg.Buttons[0])
	}
	first := msg.Text
	m.NudgeState.Sent, m.NudgeState.Week = p.Rotation, "2026-W48"
	msg, q := b.NudgeFor(m)
	if q.Skill != "sql-basics" || msg.Text == first || !strings.HasPrefix(msg.Text, "Still on *") {
		t.Errorf("a week later, still learning: skill %q, text %q (first %q)", q.Skill, msg.Text, first)
	}
	m.NudgeState.Week = "2026-W49"
	if again, _ := b.NudgeFor(m); again.Text == msg.Text {
		t.Errorf("the week after, the same text again: %q", again.Text)
	}
	// Starting another skill moves the nudge to it.
	m.Skills["os-and-terminal"] = SkillState{Status: Learning, At: at.Add(time.Hour)}
	if _, r := b.NudgeFor(m); r.Skill != "os-and-terminal" {
		t.Errorf("after starting os-and-terminal the nudge is for %q", r.Skill)
	}
}

// The weekly nudge and its list agree on what comes first (journey j5
// finding 8): a nudge about an open skill names that skill, its Done
// button marks it, and the list below is headed "After that" and names
// only other skills; the snoozed reminder reads the same.
func TestNudgeListFollowsItsSkill(t *testing.T) {
	b := nudgeBot(t)
	for _, learning := range [][]string{nil, {"git"}, {"os-and-terminal", "git"}} {
		m := &Member{ID: "u", Stage: "junior", Skills: map[string]SkillState{}}
		for i, id := range learning {
			m.Skills[id] = SkillState{Status: Learning, At: time.Date(2026, 11, 1+i, 0, 0, 0, 0, time.UTC)}
		}
		msg, p := b.NudgeFor(m)
		m.NudgeState.Sent = p.Rotation
		reminder := b.ReminderFor(m)
		for what, msg := range map[string]Message{"nudge": msg, "reminder": reminder} {
			ref, ok := b.rm.Skill(p.Nudge.Skill)
			if !ok {
				t.Fatalf("learning %v: the nudge %q has no skill", learning, p.Nudge.ID)
			}
			task, list, found := strings.Cut(msg.Text, "\n\n*After that*\n")
			if !found || strings.Contains(msg.Text, "*Next up*") {
				t.Errorf("learning %v: %s has no After that list:\n%s", learning, what, msg.Text)
				continue
			}
			if !strings.Contains(task, "*"+ref.Skill.Name+"*") || strings.Contains(list, ref.Skill.Name) {
				t.Errorf("learning %v: %s about %s doesn't name it first, or lists it again:\n%s", learning, what, ref.Skill.Name, msg.Text)
			}
			if len(msg.Buttons) == 0 || msg.Buttons[0].Command != "done "+ref.Skill.ID {
				t.Errorf("learning %v: %s's buttons %+v, want Done for %s first", learning, what, msg.Buttons, ref.Skill.ID)
			}
		}
		if len(learning) > 0 && p.Nudge.Skill != learning[len(learning)-1] {
			t.Errorf("learning %v: the nudge is about %q, want the latest started", learning, p.Nudge.Skill)
		}
	}
}
