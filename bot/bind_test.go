package bot_test

import (
	"context"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// outcomes records what Observe was told, by command.
type outcomes struct {
	mu   sync.Mutex
	last map[string]bot.Outcome
}

func (o *outcomes) observe(cmd string, oc bot.Outcome, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.last[cmd] = oc
}

func (o *outcomes) of(cmd string) bot.Outcome {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.last[cmd]
}

// tableBot is a bot on the in-memory store where "boss" is an admin and
// "lead" leads "alice"; everyone named in the table's examples has joined.
func tableBot(t *testing.T) (*bot.Bot, *outcomes, func(user, line string) bot.Message) {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	obs := &outcomes{last: map[string]bot.Outcome{}}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"boss"},
		Logger: slog.New(slog.DiscardHandler), Observe: obs.observe})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "table"}
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Text: line})
	}
	for _, u := range []string{"boss", "lead", "amy", "alice", "bob"} {
		say(u, "join")
	}
	say("boss", "assign @alice @lead")
	return b, obs, say
}

// leaves are every runnable command of the table with its full name.
func leaves(b *bot.Bot) map[string]bot.Command {
	out := map[string]bot.Command{}
	for _, c := range b.Commands() {
		if len(c.Subs) == 0 {
			out[c.Name] = c
		}
		for _, s := range c.Subs {
			s.Perm = c.Perm
			out[c.Name+" "+s.Name] = s
		}
	}
	return out
}

func callerFor(p bot.Perm) string {
	switch p {
	case bot.Admin:
		return "boss"
	case bot.LeadOrAdmin, bot.SelfLeadAdmin:
		return "lead"
	}
	return "amy"
}

// Every required argument of every command, left out, gets the one form
// of usage answer, counted as rejected.
func TestBinderRequired(t *testing.T) {
	b, obs, say := tableBot(t)
	for path, c := range leaves(b) {
		required := false
		for _, a := range c.Args {
			required = required || a.Required
		}
		if !required {
			continue
		}
		top, _, _ := strings.Cut(path, " ")
		msg := say(callerFor(c.Perm), path)
		want := "`/mentor " + path + "` needs `" + c.Usage() + "`, e.g. `/mentor " + path
		if !strings.HasPrefix(msg.Text, want) {
			t.Errorf("/mentor %s: %q, want it to start %q", path, msg.Text, want)
		}
		if got := obs.of(top); got != bot.OutcomeRejected {
			t.Errorf("/mentor %s counted %q, want rejected", path, got)
		}
	}
}

// A value of the wrong kind, for every checked argument of every
// command, gets what was wrong and the usage line, counted as rejected.
func TestBinderBadValues(t *testing.T) {
	b, obs, say := tableBot(t)
	bad := map[bot.ArgKind]string{bot.ArgStage: "nowhere", bot.ArgTrack: "devop", bot.ArgLevel: "devop",
		bot.ArgChoice: "frob", bot.ArgInt: "many", bot.ArgDay: "someday", bot.ArgClock: "25:61",
		bot.ArgZone: "Mars/Olympus", bot.ArgCommand: "frobnicate", bot.ArgUser: "bob"}
	good := map[bot.ArgKind]string{bot.ArgStage: "mid", bot.ArgTrack: "api", bot.ArgLevel: "mid", bot.ArgInt: "2",
		bot.ArgDay: "fri", bot.ArgClock: "16:30", bot.ArgZone: "UTC", bot.ArgCommand: "done", bot.ArgUser: "@alice",
		bot.ArgSkill: "git", bot.ArgText: "hello"}
	n := 0
	for path, c := range leaves(b) {
		top, _, _ := strings.Cut(path, " ")
		for i, a := range c.Args {
			v, ok := bad[a.Kind]
			if !ok {
				continue
			}
			words := []string{path}
			for j, other := range c.Args {
				switch {
				case j == i:
					words = append(words, v)
				case j < i:
					g := good[other.Kind]
					if other.Kind == bot.ArgChoice {
						g = other.Choices[0]
					}
					words = append(words, g)
				}
			}
			line := strings.Join(words, " ")
			msg := say(callerFor(c.Perm), line)
			if !strings.Contains(msg.Text, "`/mentor "+path+"` takes `"+c.Usage()+"`") {
				t.Errorf("/mentor %s: %q lacks the usage line", line, msg.Text)
			}
			if got := obs.of(top); got != bot.OutcomeRejected {
				t.Errorf("/mentor %s counted %q, want rejected", line, got)
			}
			n++
		}
	}
	if n < 10 {
		t.Fatalf("only %d bad values tried", n)
	}
}

// Near misses of stages, tracks, choices and commands get "did you mean"
// with buttons that run the corrected line.
func TestBinderSuggestions(t *testing.T) {
	_, _, say := tableBot(t)
	for _, c := range []struct{ line, button string }{
		{"track devop", "track devops"},
		{"roadmap senoir", "roadmap senior"},
		{"help dnoe", "help done"},
		{"done databse", ""},
		{"nudges tme fri 10:00", ""},
	} {
		msg := say("amy", c.line)
		if !strings.Contains(msg.Text, "Did you mean") && !strings.Contains(msg.Text, "did you mean") {
			t.Errorf("/mentor %s: %q, want a suggestion", c.line, msg.Text)
		}
		if c.button == "" {
			continue
		}
		found := false
		for _, bt := range msg.Buttons {
			found = found || bt.Command == c.button
		}
		if !found {
			t.Errorf("/mentor %s: buttons %+v, want one running %q", c.line, msg.Buttons, c.button)
		}
	}
}

// Typed options, as Discord sends them, bind exactly as the same command
// typed as text.
func TestBinderOptions(t *testing.T) {
	b, _, _ := tableBot(t)
	sc := bot.Scope{Platform: "test", Workspace: "opts"}
	ctx := context.Background()
	for _, u := range []string{"t1", "t2"} {
		b.Handle(ctx, bot.Request{Scope: sc, User: u, Text: "join"})
	}
	for _, c := range []struct {
		text string
		path string
		opts map[string]string
	}{
		{"nudges time fri 16:30 Europe/Berlin", "nudges time", map[string]string{"day": "fri", "time": "16:30", "zone": "Europe/Berlin"}},
		{"done git", "done", map[string]string{"skill": "git"}},
		{"roadmap devops", "roadmap", map[string]string{"level": "devops"}},
		{"nudges pause 0", "nudges pause", map[string]string{"length": "0"}},
		{"help", "help", map[string]string{}},
	} {
		text := b.Handle(ctx, bot.Request{Scope: sc, User: "t1", Text: c.text})
		typed := b.Handle(ctx, bot.Request{Scope: sc, User: "t2", Text: c.path, Options: c.opts})
		if !reflect.DeepEqual(text, typed) {
			t.Errorf("%s: as text\n %+v\nas options\n %+v", c.text, text, typed)
		}
	}
}

// Usage strings come from the Args alone.
func TestUsageGenerated(t *testing.T) {
	b, _, _ := tableBot(t)
	for name, want := range map[string]string{
		"nudges":   "status|on|off|pause <length>|time <day> <time> [zone]|snooze|skip",
		"assign":   "@member [@lead]",
		"roadmap":  "[stage|track]",
		"mentees":  "[@lead] [csv|page] [page]",
		"done":     "<skill>",
		"skills":   "",
		"progress": "[@member]",
	} {
		c, ok := b.Command(name)
		if !ok {
			t.Fatalf("no command %s", name)
		}
		if got := c.Usage(); got != want {
			t.Errorf("%s: usage %q, want %q", name, got, want)
		}
	}
}

// Every example in the table binds: none gets a usage answer.
func TestExamplesBind(t *testing.T) {
	b, _, say := tableBot(t)
	for _, c := range b.Commands() {
		for _, ex := range c.AllExamples() {
			msg := say(callerFor(c.Perm), ex)
			if strings.Contains(msg.Text, "` needs `") || strings.Contains(msg.Text, "` takes `") {
				t.Errorf("example /mentor %s gets a usage answer: %q", ex, msg.Text)
			}
		}
	}
}

// Answers found wanting by someone trying the bot for the first time.
func TestBinderFirstUse(t *testing.T) {
	_, _, say := tableBot(t)
	for _, c := range []struct{ line, want string }{
		{"nudges time fri", "`/mentor nudges time` is missing its `<time>`"},
		{"nudges time 9:00", "(It looks like the `<time>`; the `<day>` comes first.)"},
		{"help nudges time", "Usage: `/mentor nudges time <day> <time> [zone]`"},
		{"help /mentor done", "Usage: `/mentor done <skill>`"},
		{"roadmap git", "Git and version control is a skill: `/mentor ask git`"},
		{"stage dba", "`dba` is a track: `/mentor track dba`."},
		{"track mid", "`mid` is a stage: `/mentor stage mid`."},
		{"track databases", "Did you mean `dba`?"},
		{"nudges foo", "I don't know `nudges foo`. `/mentor nudges` takes"},
		{`roadmap "mid"`, "What changes"},
		{"forget yes", "e.g. `/mentor forget confirm`."},
	} {
		msg := say("amy", c.line)
		if !strings.Contains(msg.Text+msg.Title, c.want) && !containsField(msg, c.want) {
			t.Errorf("/mentor %s: %q, want it to contain %q", c.line, msg.Text, c.want)
		}
	}
	// No near miss of "foo" among the subcommands, and no one-click
	// guess at a dangerous choice.
	if msg := say("amy", "nudges foo"); strings.Contains(msg.Text, "Did you mean") {
		t.Errorf("nudges foo suggests: %q", msg.Text)
	}
	if msg := say("amy", "forget confrim"); len(msg.Buttons) != 0 {
		t.Errorf("forget confrim offers buttons %+v", msg.Buttons)
	}
}

func containsField(m bot.Message, s string) bool {
	for _, f := range m.Fields {
		if strings.Contains(f.Name, s) || strings.Contains(f.Value, s) {
			return true
		}
	}
	return false
}

// A subcommand called by another word ("nudges stop") gets "did you mean"
// with the one the table names for it, not the closest spelling (`skip`),
// and a subcommand's name said alone ("pause 1 week") gets the command it
// belongs to (journey j1 finding 9). Every Also word of the table is
// answered with its own subcommand, and none is a subcommand's name.
func TestSubcommandByAnotherName(t *testing.T) {
	_, _, say := tableBot(t)
	for line, want := range map[string]string{
		"nudges stop":      "I don't know `nudges stop`. Did you mean `nudges off`?",
		"nudges Resume":    "Did you mean `nudges on`?",
		"lead quit":        "Did you mean `lead leave`?",
		"pause 1 week!":    "I don't know the command \"pause\". Did you mean `nudges pause 1 week!`?",
		"snooze":           "`/mentor nudges snooze`", // the hint (Hints)
		"time mon 9am":     "Did you mean `nudges time mon 9am` or `digest time mon 9am`?",
		"leads revoke @bo": "Did you mean `leads remove`?",
	} {
		if got := say("amy", line).Text; !strings.Contains(got, want) {
			t.Errorf("/mentor %s: %q, want %q in it", line, got, want)
		}
	}
	for _, top := range bot.Table() {
		for _, sub := range top.Subs {
			for _, w := range sub.Also {
				if _, ok := top.Sub(w); ok {
					t.Errorf("%s %s: %q is also a subcommand's name", top.Name, sub.Name, w)
				}
				want := "Did you mean `" + top.Name + " " + sub.Name + "`?"
				if got := say("amy", top.Name+" "+w).Text; !strings.Contains(got, want) {
					t.Errorf("/mentor %s %s: %q, want %q in it", top.Name, w, got, want)
				}
			}
		}
	}
}

func TestMentionNotFound(t *testing.T) {
	say := journeyBot(t)
	for _, line := range []string{"assign @😀", "progress @😀", "assign <@😀>"} {
		got := say("boss", line, false).Text
		if !strings.HasPrefix(got, "I can't find ") || !strings.Contains(got, "😀") || strings.Contains(got, "name them with @") {
			t.Errorf("%s: %q", line, got)
		}
	}
	if got := say("boss", "assign bob", false).Text; !strings.HasPrefix(got, `"bob" isn't a member: name them with @.`) {
		t.Errorf("assign bob: %q", got)
	}
}

// A bad time typed where the day goes ("nudges time 25:00") is told it is
// neither, not just "isn't a day" (fourth journey finding 7); every
// command whose first argument is a day answers so.
func TestBadTimeWhereTheDayGoes(t *testing.T) {
	b, _, say := tableBot(t)
	n := 0
	for path, c := range leaves(b) {
		if len(c.Args) == 0 || c.Args[0].Kind != bot.ArgDay {
			continue
		}
		n++
		if got := say("amy", path+" 25:00").Text; !strings.Contains(got, `"25:00" isn't a day (mon to sun), nor a time I can read`) {
			t.Errorf("/mentor %s 25:00: %q", path, got)
		}
	}
	if n == 0 {
		t.Fatal("no command takes a day first")
	}
}
