package bot_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// dms records the DMs a bot sends, by recipient.
type dms struct {
	mu  sync.Mutex
	got map[string][]string
}

func (d *dms) Send(_ context.Context, to bot.Recipient, m bot.Message) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got[to.User] = append(d.got[to.User], m.Text)
	return nil
}

func (d *dms) to(user string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.got[user]...)
}

// dmBot is tableBot that also sends DMs (recorded) and says a line as a
// DM when free is set.
func dmBot(t *testing.T) (*outcomes, *dms, func(user, line string, free bool) bot.Message) {
	t.Helper()
	obs := &outcomes{last: map[string]bot.Outcome{}}
	b, sc := clockBot(t, "hints", bot.Config{Admins: []string{"boss"}, Observe: obs.observe})
	sent := &dms{got: map[string][]string{}}
	b.SetMessengers(map[string]bot.Messenger{"test": sent})
	say := func(user, line string, free bool) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Text: line, Free: free})
	}
	for _, u := range []string{"boss", "lead", "amy", "alice", "bob"} {
		say(u, "join", false)
	}
	say("boss", "assign @alice @lead", false)
	return obs, sent, say
}

// hintWith is the hint of bot.Hints that offers the command as a button.
func hintWith(t *testing.T, command string) bot.Hint {
	t.Helper()
	for _, h := range bot.Hints() {
		for _, b := range h.Buttons {
			if b.Command == command {
				return h
			}
		}
	}
	t.Fatalf("no hint offers %q", command)
	return bot.Hint{}
}

// Every word of every hint, as a DM and (when its first word is no
// command) as a slash command, gets the hint rather than "did you mean"
// or a roadmap answer; every button runs its command, and the text names
// each button's command.
func TestHintsTable(t *testing.T) {
	obs, _, say := dmBot(t)
	commands := map[string]bool{}
	for _, c := range bot.Table() {
		commands[c.Name] = true
	}
	for _, h := range bot.Hints() {
		if len(h.Says) == 0 || len(h.Buttons) == 0 {
			t.Fatalf("hint %q has no words or no buttons", h.Text)
		}
		for _, w := range h.Says {
			if got := say("amy", w, true); got.Text != h.Text || !reflect.DeepEqual(got.Buttons, h.Buttons) {
				t.Errorf("DM %q: got %q %+v, want the hint %q", w, got.Text, got.Buttons, h.Text)
			}
			first, _, _ := strings.Cut(w, " ")
			if commands[first] {
				continue
			}
			got := say("amy", w, false)
			if !strings.HasSuffix(got.Text, h.Text) || strings.Contains(got.Text, "Did you mean") || !reflect.DeepEqual(got.Buttons, h.Buttons) {
				t.Errorf("/mentor %s: got %q %+v, want the hint %q", w, got.Text, got.Buttons, h.Text)
			}
		}
		for _, b := range h.Buttons {
			if !strings.Contains(h.Text, "`/mentor "+b.Command+"`") {
				t.Errorf("hint %q doesn't name its button's command %q", h.Text, b.Command)
			}
			// Pressed by someone who just joined, as one of each
			// button: "pause" after "off" is a correction.
			user := "new-" + strings.ReplaceAll(b.Command, " ", "-")
			say(user, "join", false)
			top, _, _ := strings.Cut(b.Command, " ")
			if msg := say(user, b.Command, false); obs.of(top) != bot.OutcomeOK {
				t.Errorf("hint button /mentor %s: %s %q", b.Command, obs.of(top), msg.Text)
			}
		}
	}
}

// The dead ends a new user met (journey finding 7): ways of saying stop,
// snooze, delete my data and show my settings point to the commands that do it,
// by slash command and by DM; questions that share a word stay questions.
func TestHintsForDeadEnds(t *testing.T) {
	_, _, say := dmBot(t)
	off, forget, mine := hintWith(t, "nudges off").Text, hintWith(t, "forget").Text, hintWith(t, "progress").Text
	snooze := hintWith(t, "nudges skip").Text
	for _, c := range []struct {
		line string
		free bool
		want string
	}{
		{"stop", false, off},
		{"unsubscribe", false, off},
		{"Mute!", false, off},
		{"/mentor stop", false, off},
		{"delete my data", false, forget},
		{"remove me", false, forget},
		{"status", false, mine},
		{"settings", false, mine},
		{"me", false, mine},
		{"help me", false, mine},
		{"stop sending me nudges", true, off},
		{"Please stop the reminders!", true, off},
		{"unsubscribe", true, off},
		{"delete my data", true, forget},
		{"can you remove me from mentorbot?", true, forget},
		{"settings?", true, mine},
		{"mentor stop", true, off},
		{"snooze", true, snooze},
		{"Snooze!", false, snooze},
		{"snooze this nudge", true, snooze},
		{"remind me later", true, snooze},
	} {
		got := say("amy", c.line, c.free)
		if !strings.Contains(got.Text, c.want) || strings.Contains(got.Text, "Did you mean") {
			t.Errorf("%q (DM %v): got %q, want %q", c.line, c.free, got.Text, c.want)
		}
	}
	for _, q := range []string{"stop overthinking code reviews?", "how do I delete data safely in SQL?",
		"what is the status of a senior developer?", "how do I remove merge conflicts in git",
		"should I snooze flaky tests or fix them?"} {
		want := say("amy", "ask "+q, false)
		if got := say("amy", q, true); !reflect.DeepEqual(got, want) {
			t.Errorf("DM %q: got %q, want the answer %q %q", q, got.Text, want.Title, want.Text)
		}
	}
}

// "undo everything" names, as its example, a skill the member can undo:
// the one they marked last, or the generic form when they have none; a
// done skill is not the example of "done everything".
func TestEverySkillExampleCanBeDone(t *testing.T) {
	say := journeyBot(t)
	say("ann", "join junior", false)
	for line, want := range map[string]string{
		"undo everything": "as in `/mentor undo <skill>`.",
	} {
		if got := say("ann", line, false).Text; !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it", line, got, want)
		}
	}
	say("ann", "done internet-and-http", false)
	say("ann", "start git", false)
	for line, want := range map[string]string{
		"undo everything": "as in `/mentor undo git`.",
		"done all":        "as in `/mentor done os-and-terminal`.",
		"start all":       "as in `/mentor start os-and-terminal`.",
	} {
		if got := say("ann", line, false).Text; !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it", line, got, want)
		}
	}
}

// "join lead" by someone already on the roadmap names the exact command
// and gives the button that moves them, as other replies give buttons.
func TestJoinAgainOffersTheMove(t *testing.T) {
	say := journeyBot(t)
	say("ann", "join junior", false)
	got := say("ann", "join lead", false)
	if want := "You're already on the roadmap at Junior backend developer. Move to Lead backend developer with `/mentor stage lead`."; got.Text != want {
		t.Errorf("join lead: %q, want %q", got.Text, want)
	}
	if len(got.Buttons) != 1 || got.Buttons[0].Command != "stage lead" {
		t.Errorf("join lead: buttons %+v, want one running stage lead", got.Buttons)
	}
	if got := say("ann", "join junior", false); strings.Contains(got.Text, "Move") || len(got.Buttons) != 0 {
		t.Errorf("join junior again: %q %+v", got.Text, got.Buttons)
	}
}

// DMs about oneself, and the same after /mentor, are answered with the
// command that shows it, not a
// roadmap page ("who is my lead" was the Senior stage) or "not sure"; a
// caller who never joined gets the hint's Before.
func TestSelfQuestionsGetHints(t *testing.T) {
	_, _, say := dmBot(t)
	for dm, command := range map[string]string{
		"who is my lead":                "lead",
		"Who's my mentor?":              "lead",
		"what is my progress":           "progress",
		"how am I doing":                "progress",
		"How am I doing so far?":        "progress",
		"when is my next nudge":         "nudges",
		"how do I change my nudge time": "nudges",
	} {
		for _, free := range []bool{true, false} {
			// After /mentor too: "/mentor who is my lead?" (journey 10).
			got := say("amy", dm, free)
			if !strings.Contains(got.Text, "`/mentor "+command+"`") || !hasCommand(got, command) {
				t.Errorf("%q (DM %v): %q %v, want a hint to `/mentor %s`", dm, free, got.Text, got.Buttons, command)
			}
		}
		before := say("ghost", dm, true)
		if !strings.Contains(before.Text, "`/mentor join`") && command != "lead" || !strings.Contains(before.Text, "`/mentor") {
			t.Errorf("never joined, DM %q: %q", dm, before.Text)
		}
	}
	for _, q := range []string{"how do i ask my lead for feedback on my work", "my lead basically rewrote my whole design doc"} {
		if got := say("amy", q, true); strings.Contains(got.Text, "`/mentor lead`") {
			t.Errorf("question %q got the lead hint: %q", q, got.Text)
		}
	}
}

// "pause" alone gets a hint that shows the lengths `nudges pause` takes,
// as stop, snooze and resume do, not "did you mean `nudges pause`?",
// which only asks for one; "pause nudges for 3 weeks" is pointed to a
// command that works, without the words no argument takes.
func TestPauseHintAndWorkingSuggestion(t *testing.T) {
	_, _, say := dmBot(t)
	for _, l := range []struct {
		text string
		free bool
	}{{"pause", true}, {"pause", false}, {"Pause!", true}, {"pause it", false}, {"pause my nudges", true}} {
		got := say("amy", l.text, l.free)
		if !strings.Contains(got.Text, "`/mentor nudges pause 2 weeks`") || !hasCommand(got, "nudges pause 1 week") {
			t.Errorf("%q (DM %v): %q %v, want the pause hint", l.text, l.free, got.Text, got.Buttons)
		}
	}
	for _, l := range []struct {
		text string
		free bool
	}{{"pause nudges for 3 weeks", true}, {"pause nudges for 3 weeks", false}, {"pause my nudges for 3 weeks", true}} {
		got := say("amy", l.text, l.free)
		if !strings.Contains(got.Text, "Did you mean `nudges pause for 3 weeks`?") {
			t.Errorf("%q (DM %v): %q", l.text, l.free, got.Text)
		}
	}
	if got := say("amy", "nudges pause for 3 weeks", false).Text; !strings.HasPrefix(got, "Nudges paused for 3 weeks") {
		t.Errorf("the suggested command: %q", got)
	}
}
