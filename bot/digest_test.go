package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// On a fixed clock: a mentee idle for 14 days and one who ignored three
// nudges (with progress 10 days ago, so only the nudge rule applies) are
// stuck, each with a talking point from the roadmap; one who finished a
// skill this week moved; one who finished one 10 days ago is quiet.
func TestDigestStuckMovedQuiet(t *testing.T) {
	b := nudgeBot(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC) // a Monday
	day := 24 * time.Hour
	idle := &Member{ID: "idle", Name: "Ida", Stage: "junior", Joined: now.Add(-20 * day), LastProgress: now.Add(-14 * day),
		Skills: map[string]SkillState{"git": {Status: Done, At: now.Add(-14 * day)}}}
	ignorer := &Member{ID: "ign", Name: "Igor", Stage: "mid", Joined: now.Add(-60 * day), LastProgress: now.Add(-10 * day),
		NudgeState: NudgeState{Ignored: 3, Last: now.Add(-3 * day)}, Skills: map[string]SkillState{}}
	mover := &Member{ID: "mov", Name: "Mo", Stage: "junior", Joined: now.Add(-30 * day), LastProgress: now.Add(-2 * day),
		NudgeState: NudgeState{Ignored: 3, Last: now.Add(-3 * day)}, // progress since the last nudge clears the count
		Skills: map[string]SkillState{
			"git":               {Status: Done, At: now.Add(-2 * day)},
			"internet-and-http": {Status: Done, At: now.Add(-5 * day)},
			"os-and-terminal":   {Status: Learning, At: now.Add(-1 * day)},
			"sql-basics":        {Status: Done, At: now.Add(-9 * day)}, // before the window
		}}
	quiet := &Member{ID: "qui", Name: "Quinn", Stage: "junior", Joined: now.Add(-30 * day), LastProgress: now.Add(-10 * day),
		Skills: map[string]SkillState{"git": {Status: Done, At: now.Add(-10 * day)}}}

	stuck := map[*Member]string{idle: "no progress since", ignorer: "3 nudges without progress", mover: "", quiet: ""}
	for m, want := range stuck {
		got := b.Stuck(m, now)
		if (want == "") != (got == "") || !strings.HasPrefix(got, want) {
			t.Errorf("Stuck(%s) = %q, want %q", m.ID, got, want)
		}
	}
	// A day less idle is not stuck yet.
	if got := b.Stuck(&Member{LastProgress: now.Add(-13 * day)}, now); got != "" {
		t.Errorf("13 days idle: stuck %q", got)
	}

	msg := b.DigestFor(&Member{ID: "lead"}, MenteePage{Members: []*Member{quiet, mover, ignorer, idle}, Total: 4}, now)
	t.Logf("%s\n%s", msg.Title, msg.Text)
	for _, want := range []string{
		"4 mentees: 1 moved, 2 stuck, 1 quiet.",
		"• *Mo* — finished How the internet and HTTP work, Git and version control; started Operating system and terminal basics",
		"• *Ida* — no progress since Mon 23 Nov (14 days)\n  Talking point: agree a smaller step toward ",
		"• *Igor* — 3 nudges without progress; no progress since Fri 27 Nov (10 days)\n  Talking point: ",
		"*Quiet this week:* Quinn.",
	} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, msg.Text)
		}
	}
	if strings.Contains(msg.Text, "SQL basics") {
		t.Errorf("a skill finished before the week is listed:\n%s", msg.Text)
	}
	if !strings.Contains(msg.Footer, "week of Mon 7 Dec 2026") {
		t.Errorf("footer %q", msg.Footer)
	}
	if len(msg.Buttons) != 1 || msg.Buttons[0].Command != "mentees" || msg.Buttons[0].Label != "See mentees" {
		t.Errorf("buttons %+v", msg.Buttons)
	}
}

// Every talking point comes from the roadmap: the next skill's smaller
// nudge step, else its first task, else the stage's "ready" text once the
// stage's skills are covered.
func TestTalkingPoint(t *testing.T) {
	b := nudgeBot(t)
	fresh := &Member{ID: "f", Stage: "junior", Skills: map[string]SkillState{}}
	next := b.nextSkills(fresh, 1)[0].Skill
	got := b.talkingPoint(fresh)
	fromRoadmap := strings.Contains(got, next.Name) &&
		(len(next.Tasks) > 0 && strings.Contains(got, next.Tasks[0]) || strings.Contains(got, "smaller step"))
	if !fromRoadmap {
		t.Errorf("talking point for a fresh junior: %q (next skill %s)", got, next.Name)
	}
	for _, small := range b.nudgePool(fresh) {
		if small.Skill == next.ID && small.Small != "" && !strings.Contains(got, small.Small) {
			t.Errorf("talking point %q lacks the nudge's smaller step %q", got, small.Small)
		}
	}

	done := &Member{ID: "d", Stage: "junior", Skills: map[string]SkillState{}}
	for _, r := range b.rm.LevelSkills("junior", "") {
		done.Skills[r.Skill.ID] = SkillState{Status: Done}
	}
	st, _ := b.rm.Stage("junior")
	if got := b.talkingPoint(done); !strings.Contains(got, firstSentence(st.Ready)) {
		t.Errorf("talking point once the stage is covered: %q", got)
	}
}

func TestNextDigest(t *testing.T) {
	b := nudgeBot(t)
	wed := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		lead *Member
		want time.Time
	}{
		{"never joined: Monday 09:00 default zone", &Member{ID: "x"}, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},
		{"joined: their nudge slot", &Member{ID: "y", Stage: "mid", Nudges: NudgeSettings{Day: time.Friday, Minute: 17 * 60, Zone: "Europe/Berlin"}},
			time.Date(2026, 11, 27, 16, 0, 0, 0, time.UTC)},
		{"nudges off: still their slot", &Member{ID: "z", Stage: "mid", Nudges: NudgeSettings{Off: true, Day: time.Thursday, Minute: 8 * 60}},
			time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		if got := b.NextDigest(c.lead, wed); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Someone who left or declined and was linked to the lead again is not
// listed as gone, whether they are on the digest's page or (for a lead
// with more mentees than a page) only the log shows their return.
func TestDigestGoneAndBack(t *testing.T) {
	b := nudgeBot(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	h := time.Hour
	ann := &Member{ID: "ann", Name: "ann", Stage: "junior", Joined: now.Add(-2 * h)}
	// Newest first, as the store returns a log.
	log := []Event{
		{At: now.Add(-2 * h), Member: "lea", Actor: "ann", Kind: EventJoin, Detail: "junior"},
		{At: now.Add(-3 * h), Member: "lea", Actor: "root", Kind: EventAssign, Detail: "bob -> lea"},
		{At: now.Add(-4 * h), Member: "lea", Actor: "ann", Kind: EventDeclined, Detail: "ann"},
		{At: now.Add(-5 * h), Member: "lea", Actor: "bob", Kind: EventLeft, Detail: "Bob"},
		{At: now.Add(-6 * h), Member: "lea", Actor: "carl", Kind: EventDeclined, Detail: "carl"},
		{At: now.Add(-7 * h), Member: "lea", Actor: "dan", Kind: EventLeft, Detail: "Dan"},
		{At: now.Add(-8 * h), Member: "lea", Actor: "lea", Kind: EventAssign, Detail: "dan -> other"},
	}
	for _, tt := range []struct {
		name    string
		members []*Member
	}{{"on the page", []*Member{ann}}, {"beyond the page", nil}} {
		msg := b.DigestWith(&Member{ID: "lea"}, MenteePage{Members: tt.members, Total: 30}, log, nil, now)
		for _, want := range []string{"*Declined your invitation:* <@carl>.", "*Left you this week:* Dan."} {
			if !strings.Contains(msg.Text, want) {
				t.Errorf("%s: digest lacks %q:\n%s", tt.name, want, msg.Text)
			}
		}
		if strings.Contains(msg.Text, "<@ann>") || strings.Contains(msg.Text, "Bob") {
			t.Errorf("%s: someone back with the lead is listed as gone:\n%s", tt.name, msg.Text)
		}
	}
}

// DigestNews and the digest agree: what counts as news is what a digest
// writes, so no digest goes out empty. A lead who left their own lead has
// that Left in their log too; it is no news of a mentee of theirs
// (journey j6 finding 2). Open invitations are bounded, with the rest
// counted.
func TestDigestNewsIsWhatDigestsSay(t *testing.T) {
	b := nudgeBot(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	lea := &Member{ID: "lea", Name: "Lea"}
	self := []Event{{At: now.Add(-time.Hour), Member: "lea", Actor: "lea", Kind: EventLeft, Detail: "Lea"}}
	if DigestNews("lea", self, nil, now) {
		t.Error("a lead leaving their own lead is news for their digest")
	}
	for _, msg := range []Message{b.DigestWith(lea, MenteePage{}, self, nil, now), b.ChannelDigestFor(lea, MenteePage{}, self, nil, now)} {
		if strings.Contains(msg.Text, "Left") {
			t.Errorf("the lead is listed as having left themselves:\n%s", msg.Text)
		}
	}
	var ivs []Invite
	for i := range DigestListSize + 5 {
		ivs = append(ivs, Invite{Mentee: fmt.Sprintf("n%02d", i), Lead: "lea", At: now.Add(-time.Duration(i+1) * time.Hour)})
	}
	if !DigestNews("lea", nil, ivs, now) {
		t.Error("open invitations are no news")
	}
	for _, msg := range []Message{b.DigestWith(lea, MenteePage{}, nil, ivs, now), b.ChannelDigestFor(lea, MenteePage{}, nil, ivs, now)} {
		if n := strings.Count(msg.Text, "(since "); n != DigestListSize || !strings.Contains(msg.Text, "And 5 more.") {
			t.Errorf("%d invitations named, want %d and 5 more:\n%s", n, DigestListSize, msg.Text)
		}
	}
}
