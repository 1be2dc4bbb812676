package bot_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// journeyBot is tableBot on a fixed clock, so that two of them answer the
// same lines with the same messages; free says a line as a DM.
func journeyBot(t *testing.T) func(user, line string, free bool) bot.Message {
	t.Helper()
	b, sc := clockBot(t, "journey", bot.Config{Admins: []string{"boss"}})
	say := func(user, line string, free bool) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Text: line, Free: free})
	}
	for _, u := range []string{"boss", "lead", "amy", "alice", "bob"} {
		say(u, "join", false)
	}
	say("boss", "assign @alice @lead", false)
	return say
}

// Every command's name, every subcommand and every example of the table,
// sent as a DM as it is, after "/MENTOR" or after "mentor", gets the same
// answer as the slash command.
func TestFreeTextRunsEveryCommand(t *testing.T) {
	slash := journeyBot(t)
	forms := map[string]func(string) string{
		"plain":   func(l string) string { return l },
		"/MENTOR": func(l string) string { return "/MENTOR " + l },
		"mentor":  func(l string) string { return "mentor " + l },
		"Mentor:": func(l string) string { return "Mentor: " + l },
	}
	dms := map[string]func(user, line string, free bool) bot.Message{}
	for name := range forms {
		dms[name] = journeyBot(t)
	}
	for _, c := range bot.Table() {
		lines := []string{c.Name}
		for _, s := range c.Subs {
			lines = append(lines, c.Name+" "+s.Name)
		}
		lines = append(lines, c.AllExamples()...)
		for _, line := range lines {
			user := callerFor(c.Perm)
			want := slash(user, line, false)
			for name, form := range forms {
				if got := dms[name](user, form(line), true); !sameMessage(got, want) {
					t.Errorf("DM %q (%s): got %q %q, want the command's %q %q", form(line), name, got.Title, got.Text, want.Title, want.Text)
				}
			}
		}
	}
}

// Asking what the bot does is help; questions, including ones that start
// with a command's name, are still questions.
func TestFreeTextQuestionsStayQuestions(t *testing.T) {
	say := journeyBot(t)
	help := say("amy", "help", false)
	for _, q := range []string{"what can you do?", "What can you do", "how does this work?", "progress?", "Join!"} {
		want := help
		if q == "progress?" {
			want = say("amy", "progress", false)
		}
		if q == "Join!" {
			want = say("amy", "join", false)
		}
		if got := say("amy", q, true); !reflect.DeepEqual(got, want) {
			t.Errorf("DM %q: got %q %q, want %q", q, got.Title, got.Text, want.Title)
		}
	}
	for _, q := range []string{"how do I get better at SQL performance?", "next steps after junior?", "roadmap for a DBA?",
		"help me with SQL", "skills I need for devops", "team lead responsibilities", "what should I learn next?",
		"lead a team?", "done with git, what now?", "start learning kubernetes from scratch please"} {
		want := say("amy", "ask "+q, false)
		if want.Title == "" {
			t.Fatalf("ask %q has no answer title: %q", q, want.Text)
		}
		if got := say("amy", q, true); !reflect.DeepEqual(got, want) {
			t.Errorf("DM %q: got %q %q, want the answer %q", q, got.Title, got.Text, want.Title)
		}
	}
}

// lineCommand is the command (or subcommand) a line of the table runs.
func lineCommand(line string) bot.Command {
	words := strings.Fields(line)
	for _, c := range bot.Table() {
		if c.Name != words[0] {
			continue
		}
		if len(c.Subs) == 0 {
			return c
		}
		sub := c.Default
		if len(words) > 1 {
			sub = words[1]
		}
		for _, s := range c.Subs {
			if s.Name == sub {
				return s
			}
		}
	}
	return bot.Command{}
}

// The slash command reads a line the way a DM does (journey finding 8):
// end punctuation after the command's name, its subcommand and an
// argument ("/mentor Progress?", "/mentor JOIN!", "/mentor done git!!"),
// and a "/mentor" or "mentor" pasted before it ("/mentor /mentor
// progress", "/mentor Mentor: progress"). Every name, subcommand and
// example of the table said those ways gets the plain line's answer; a
// free-text argument (a question, a channel) is taken as typed, so it is
// left out of the punctuated form.
func TestSlashReadsLikeDM(t *testing.T) {
	plain := journeyBot(t)
	forms := map[string]func(line string) string{
		"/mentor": func(l string) string { return "/mentor " + l },
		"mentor":  func(l string) string { return "MENTOR " + l },
		"mentor:": func(l string) string { return "Mentor: " + l },
		"name?": func(l string) string {
			name, rest, _ := strings.Cut(l, " ")
			return strings.TrimSpace(strings.ToUpper(name) + "? " + rest)
		},
		"last!!": func(l string) string {
			for _, a := range lineCommand(l).Args {
				if a.Kind == bot.ArgText {
					return l
				}
			}
			return l + "!!"
		},
	}
	slashes := map[string]func(user, line string, free bool) bot.Message{}
	for name := range forms {
		slashes[name] = journeyBot(t)
	}
	for _, c := range bot.Table() {
		lines := []string{c.Name}
		for _, s := range c.Subs {
			lines = append(lines, c.Name+" "+s.Name)
		}
		lines = append(lines, c.AllExamples()...)
		for _, line := range lines {
			user := callerFor(c.Perm)
			want := plain(user, line, false)
			for name, form := range forms {
				if got := slashes[name](user, form(line), false); !sameMessage(got, want) {
					t.Errorf("/mentor %s (%s): got %q %q, want the command's %q %q", form(line), name, got.Title, got.Text, want.Title, want.Text)
				}
			}
		}
	}
	// The lines the tester typed.
	for line, want := range map[string]string{"Progress?": "progress", "JOIN!": "join", "done git!!": "done git",
		"/mentor progress": "progress", "mentor progress": "progress", "start Git.": "start git"} {
		typed, exact := journeyBot(t), journeyBot(t)
		if got, exp := typed("bob", line, false), exact("bob", want, false); got.Text != exp.Text || strings.Contains(got.Text, "I don't know") {
			t.Errorf("/mentor %s: got %q, want /mentor %s's %q", line, got.Text, want, exp.Text)
		}
	}
}

// A DM that starts with a subcommand's name and binds as its arguments
// ("pause 1 week") gets the pointer the slash command gives ("Did you
// mean `nudges pause 1 week`?"), not a roadmap section; every example of
// every subcommand said without its command's name is checked. A
// question that starts with such a word stays a question.
func TestDMSubcommandWordPoints(t *testing.T) {
	say := journeyBot(t)
	top := map[string]bool{}
	for _, c := range bot.Table() {
		top[c.Name] = true
	}
	hinted := map[string]bool{}
	for _, h := range bot.Hints() {
		for _, w := range h.Says {
			hinted[w] = true
		}
	}
	checked := 0
	for _, c := range bot.Table() {
		for _, s := range c.Subs {
			if top[s.Name] || hinted[s.Name] {
				continue // the command or the hint answers the word
			}
			for _, ex := range s.Examples {
				line, ok := strings.CutPrefix(ex, c.Name+" ")
				if !ok || !strings.HasPrefix(line, s.Name) {
					continue // the command's own default ("lead")
				}
				user := callerFor(c.Perm)
				want := say(user, line, false)
				if !strings.Contains(want.Text, "Did you mean ") || !strings.Contains(want.Text, "`"+ex+"`") {
					t.Errorf("/mentor %s: %q, want a pointer to `%s`", line, want.Text, ex)
				}
				if got := say(user, line, true); !sameMessage(got, want) {
					t.Errorf("DM %q: got %q %q, want the slash command's %q", line, got.Title, got.Text, want.Text)
				}
				checked++
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d examples checked", checked)
	}
	for _, q := range []string{"pause and think about design?", "channel capacity planning", "time management tips"} {
		want := say("amy", "ask "+q, false)
		if got := say("amy", q, true); !sameMessage(got, want) {
			t.Errorf("DM %q: got %q %q, want the answer %q", q, got.Title, got.Text, want.Title)
		}
	}
}

// A DM with no words in it ("🚀🚀🚀") gets a short pointer, what the bot
// does with a Help button, rather than "pick one of the closest
// sections" with three arbitrary sections (journey j5 finding 7); so does
// `/mentor ask` with nothing but emoji.
func TestNoWordsDM(t *testing.T) {
	say := journeyBot(t)
	for _, c := range []struct {
		line string
		free bool
	}{{"🚀🚀🚀", true}, {"👍", true}, {"🎉 🎉 ✨", true}, {"ask 🚀", false}} {
		for _, user := range []string{"amy", "newcomer"} {
			got := say(user, c.line, c.free)
			if !strings.HasPrefix(got.Text, "I didn't find any words in that to go on. I answer questions about") ||
				strings.Contains(got.Text, "closest sections") || got.Footer != "" || len(got.Buttons) == 0 || got.Buttons[0].Command != "help" {
				t.Errorf("%s: %q (DM %v): %q %q %+v", user, c.line, c.free, got.Text, got.Footer, got.Buttons)
			}
		}
	}
}

// A DM that addresses the bot by name ("mentor, …", "Mentor: …") asks
// what follows the name: "mentor, what is next?" is what "what is next?"
// is, not a roadmap search for "mentor" (Mentoring junior developers).
func TestAddressedQuestionDropsTheName(t *testing.T) {
	say := journeyBot(t)
	plain := say("amy", "what is next?", true)
	for _, dm := range []string{"mentor, what is next?", "mentor: what is next?", "Mentor, what is next?"} {
		got := say("amy", dm, true)
		if got.Title != plain.Title || got.Text != plain.Text || strings.Contains(got.Title, "Mentoring") {
			t.Errorf("DM %q: %q, want what %q gets (%q)", dm, got.Title, "what is next?", plain.Title)
		}
	}
}
