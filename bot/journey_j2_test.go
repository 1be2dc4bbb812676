package bot_test

import (
	"context"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/roadmap"
)

// `progress` names each skill once: the one being learned under Learning
// (with its Done button), not again under Next up, which lists what is
// not started yet (journey finding).
func TestProgressNamesEachSkillOnce(t *testing.T) {
	b, sc := clockBot(t, "progress-once", bot.Config{})
	say := func(line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line})
	}
	say("join")
	say("done git")
	say("start internet-and-http")
	m := say("progress")
	if n := strings.Count(shown(m), "How the internet and HTTP work"); n != 1 {
		t.Errorf("the skill being learned is named %d times:\n%s", n, shown(m))
	}
	var learning, next string
	for _, f := range m.Fields {
		switch f.Name {
		case "Learning":
			learning = f.Value
		case "Next up":
			next = f.Value
		}
	}
	if learning != "How the internet and HTTP work" || !strings.Contains(next, "Operating system and terminal basics") {
		t.Errorf("Learning %q, Next up %q", learning, next)
	}
	var cmds []string
	for _, bt := range m.Buttons {
		cmds = append(cmds, bt.Command)
	}
	if got := strings.Join(cmds, ", "); !strings.HasPrefix(got, "done internet-and-http, start os-and-terminal") {
		t.Errorf("buttons: %s", got)
	}
}

// A paused member is shown the way back wherever their nudges come up:
// the pause's answer, a snooze (of an old nudge's button) that can't be,
// the status with a Resume button, and "resume" as a command or a DM
// (journey finding).
func TestPausedSeesHowToResume(t *testing.T) {
	b, sc := clockBot(t, "paused-resume", bot.Config{})
	say := func(line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line})
	}
	say("join")
	resumes := func(m bot.Message) bool {
		for _, bt := range m.Buttons {
			if bt.Command == "nudges on" {
				return strings.Contains(m.Text, "`/mentor nudges on`")
			}
		}
		return false
	}
	for _, line := range []string{"nudges pause 2", "nudges snooze", "nudges status", "resume"} {
		if m := say(line); !resumes(m) {
			t.Errorf("%s while paused: %q %+v, want `/mentor nudges on` and its button", line, m.Text, m.Buttons)
		}
	}
	if m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: "resume my nudges", Free: true}); !resumes(m) {
		t.Errorf("DM 'resume my nudges': %q", m.Text)
	}
	say("nudges off")
	if m := say("nudges snooze"); !resumes(m) {
		t.Errorf("snooze while off: %q %+v", m.Text, m.Buttons)
	}
}

// movingClock is a clock a test moves on.
type movingClock struct{ t *time.Time }

func (c movingClock) Now() time.Time { return *c.t }

// A confirmation button works once and for 15 minutes: an old message's
// "Yes, forget me" pressed later, or a button pressed a second time,
// changes nothing and asks again with a fresh button; a typed `forget
// confirm` acts as typed (journey finding).
func TestConfirmButtonsWorkOnceAndExpire(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Cache: testkit.NewCache(), Logger: slog.New(slog.DiscardHandler),
		Clock: movingClock{&now}, Admins: []string{"boss"}})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "confirm-once"}
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	danger := func(m bot.Message) string {
		for _, bt := range m.Buttons {
			if bt.Style == "danger" {
				return bt.Command
			}
		}
		t.Fatalf("no confirmation button in %q", m.Text)
		return ""
	}
	say("ann", "join")
	old := danger(say("ann", "forget"))
	if !strings.HasPrefix(old, "forget confirm ~") {
		t.Fatalf("button %q", old)
	}
	now = now.Add(16 * time.Minute)
	m := say("ann", old)
	if !strings.HasPrefix(m.Text, "That button no longer works") || danger(m) == old {
		t.Errorf("a 16-minute-old button: %q, button %q", m.Text, danger(m))
	}
	if got := say("ann", "progress").Title; got != "Your progress" {
		t.Fatalf("the stale button deleted ann: %q", got)
	}
	fresh := danger(m)
	if got := say("ann", fresh).Text; !strings.HasPrefix(got, "Done: I've deleted everything") {
		t.Fatalf("the fresh button: %q", got)
	}
	// A double click's second press, after the first deleted everything:
	// not "nothing to delete" in the place of the first answer (journey 11).
	if got := say("ann", fresh); !strings.HasPrefix(got.Text, "That button was already pressed") || got.Replace {
		t.Errorf("the second press after the deletion: %q replace %v", got.Text, got.Replace)
	}
	say("ann", "join")
	// Pressed again (a double click, or later within its 15 minutes):
	// no fresh button, nothing done (journey 10).
	if got := say("ann", fresh); !strings.HasPrefix(got.Text, "That button was already pressed") || len(got.Buttons) > 0 || got.Replace {
		t.Errorf("the same button again: %q %v replace %v", got.Text, got.Buttons, got.Replace)
	}
	if got := say("ann", "progress").Title; got != "Your progress" {
		t.Fatalf("the button pressed again deleted ann: %q", got)
	}
	if got := say("ann", "forget confirm").Text; !strings.HasPrefix(got, "Done: I've deleted everything") {
		t.Errorf("typed forget confirm: %q", got)
	}

	say("boss", "leads add <@lea>")
	say("amy", "join")
	say("lea", "assign <@amy>")
	again := danger(say("boss", "leads remove <@lea>"))
	now = now.Add(time.Hour)
	if m := say("boss", again); !strings.HasPrefix(m.Text, "That button no longer works") {
		t.Errorf("an hour-old leads remove button: %q", m.Text)
	}
	if got := say("lea", "mentees").Title; !strings.HasPrefix(got, "Your mentees (1)") {
		t.Errorf("the stale button unassigned: %q", got)
	}
}

// sameMessage is reflect.DeepEqual of two messages but for the stamps
// that end confirmation buttons' commands, which are new in every answer.
func sameMessage(a, b bot.Message) bool {
	unstamp := func(m bot.Message) bot.Message {
		m.Buttons = append([]bot.Button(nil), m.Buttons...)
		for i, bt := range m.Buttons {
			if j := strings.LastIndex(bt.Command, " ~"); j >= 0 {
				m.Buttons[i].Command = bt.Command[:j]
			}
		}
		return m
	}
	return reflect.DeepEqual(unstamp(a), unstamp(b))
}

// An admin's second invitation of someone replaces the first, and says
// so: to the admin, in the new invitation DM, and to the first lead, who
// no longer has them in their list (journey finding).
func TestMovedInvitationSaysSo(t *testing.T) {
	_, sent, say := dmBot(t)
	say("boss", "leads add @l1", false)
	say("boss", "leads add @l2", false)
	say("boss", "assign @newbie @l1", false)
	got := say("boss", "assign @newbie @l2", false).Text
	if !strings.Contains(got, "It replaces <@l1>'s invitation of Thu 3 Dec 2026, which is withdrawn; I've told <@l1>, and said so in <@newbie>'s new invitation.") {
		t.Errorf("the admin is told: %q", got)
	}
	if d := sent.to("newbie"); len(d) != 2 || !strings.Contains(d[1], "This replaces the invitation from <@l1>, which is withdrawn.") {
		t.Errorf("the invitee's DMs: %q", d)
	}
	if d := sent.to("l1"); len(d) != 1 || !strings.Contains(d[0], "<@boss> moved your invitation of <@newbie> to <@l2>") {
		t.Errorf("the first lead's DMs: %q", d)
	}
	// Inviting again to the same lead replaces nothing.
	if got := say("boss", "assign @newbie @l2", false).Text; strings.Contains(got, "replaces") {
		t.Errorf("the same invitation again: %q", got)
	}
}

// A confirmation button is bound to the person it was made for: U2B's
// "Yes, forget me" pressed by U1A (or its command pasted by them) deletes
// nobody's data, asks U1A afresh, and still works for U2B; a stamp from
// another workspace, or one admin's leads remove pressed by another, is
// refused the same way.
func TestConfirmButtonsBoundToTheirPerson(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Cache: testkit.NewCache(), Logger: slog.New(slog.DiscardHandler),
		Clock: fixedClock{time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}, Admins: []string{"UBOSS", "UADM"}})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "slack", Workspace: "T1"}
	sayIn := func(sc bot.Scope, user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say := func(user, line string) bot.Message { return sayIn(sc, user, line) }
	button := func(m bot.Message) string {
		for _, bt := range m.Buttons {
			if bt.Style == "danger" {
				return bt.Command
			}
		}
		t.Fatalf("no confirmation button in %q", m.Text)
		return ""
	}
	say("U1A", "join")
	say("U2B", "join")
	hers := button(say("U2B", "forget"))
	if got := say("U1A", hers).Text; !strings.HasPrefix(got, "That button was made for someone else") {
		t.Errorf("U2B's button pressed by U1A: %q", got)
	}
	if got := say("U1A", "progress").Title; got != "Your progress" {
		t.Fatalf("U2B's button deleted U1A's data: %q", got)
	}
	other := bot.Scope{Platform: "slack", Workspace: "T2"}
	sayIn(other, "U2B", "join")
	if got := sayIn(other, "U2B", hers).Text; !strings.HasPrefix(got, "That button was made for someone else") {
		t.Errorf("U2B's button pressed in another workspace: %q", got)
	}
	if got := say("U2B", hers).Text; !strings.HasPrefix(got, "Done: I've deleted everything") {
		t.Errorf("U2B's own button: %q", got)
	}

	say("UBOSS", "leads add <@ULEA>")
	say("ULEA", "assign <@U1A>")
	remove := button(say("UBOSS", "leads remove <@ULEA>"))
	if got := say("UADM", remove).Text; !strings.HasPrefix(got, "That button was made for someone else") {
		t.Errorf("UBOSS's leads remove button pressed by another admin: %q", got)
	}
	if got := say("ULEA", "mentees").Title; !strings.HasPrefix(got, "Your mentees (1)") {
		t.Errorf("leads remove pressed by someone else unassigned: %q", got)
	}
}
