package bot

import (
	"context"
	"slices"
	"strings"
)

// New users type commands into a DM ("join", "mentor done git", "/MENTOR
// help") and ask what the bot can do; answering those as roadmap
// questions sends them to an unrelated section. Free text stays a question
// unless it is a command line: a /mentor or mentor prefix, or a first word
// that names a command whose arguments all bind as written.

// mentorPrefixes are what people type before a command in a DM, compared
// in lower case.
var mentorPrefixes = [...]string{"/mentor", "mentor"}

// helpAsks are the ways of asking what the bot does, in lower case and
// without end punctuation.
var helpAsks = map[string]bool{
	"what can you do": true, "what can i do": true, "what do you do": true,
	"what can you help with": true, "what can you help me with": true,
	"commands": true, "list commands": true, "show commands": true,
	"what are your commands": true, "what commands are there": true,
	"how do i use you": true, "how do i use this": true, "how does this work": true,
}

// endPunct is what people put after a word said with feeling
// ("progress?", "JOIN!", "done git!!") or after a name they address
// ("Mentor: done git"). It is not part of a command, subcommand or
// argument name (bindCommand, resolve, typed).
const endPunct = "?!.,:;"

// dropMentor removes "/mentor" or "mentor" (any case, "mentor:" too)
// typed or pasted before a command line, once or more ("/mentor /mentor
// progress"), and reports whether there was one. The slash command and
// DMs both read lines through it.
func dropMentor(line string) (rest string, found bool) {
	rest = strings.TrimSpace(line)
	for {
		word, after, _ := strings.Cut(rest, " ")
		if !slices.Contains(mentorPrefixes[:], strings.ToLower(strings.TrimRight(word, endPunct))) {
			return rest, found
		}
		rest, found = strings.TrimSpace(after), true
	}
}

// commandLine reports whether free text is a command line, and returns it
// as the line after "/mentor"; text that is none comes back without the
// name it addressed ("Mentor: how do I grow?" is "how do I grow?").
func (b *Bot) commandLine(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if rest, ok := dropMentor(t); ok {
		if rest == "" {
			return "help", true
		}
		first, _, _ := strings.Cut(t, " ")
		if !strings.ContainsAny(first[len(first)-1:], endPunct) {
			// Said outright: run it, and a mistake gets the usage answer.
			return rest, true
		}
		// "Mentor: how do I grow?" addresses the bot by name: what
		// follows is a command only if it binds as written.
		t = rest
	}
	if helpAsks[strings.TrimRight(strings.ToLower(t), " "+endPunct)] {
		return "help", true
	}
	return t, b.bindsAsWritten(t) || b.bindsAsSub(t)
}

// bindsAsSub reports whether line starts with a subcommand's name alone
// ("pause 1 week") and binds as written as that subcommand's line
// (`nudges pause 1 week`). Such a DM is a command line that names no
// command, so it gets the pointer the slash command gives ("Did you mean
// `nudges pause 1 week`?") rather than a roadmap section. A word that is
// a hint's ("status") keeps the hint, and free text after the word must
// look like a value (valueLike): "pause and think about design?" and
// "channel capacity" stay questions.
func (b *Bot) bindsAsSub(line string) bool {
	name, rest := commandWord(line)
	if _, ok := b.Command(name); ok {
		return false
	}
	subs := b.subsNamed(name, strings.TrimSpace(rest))
	if _, ok := b.hintFor(line, true); ok && (dropNaming("", rest) == "" || len(subs) != 1 || !b.completeLine(subs[0])) {
		return false
	}
	for _, sub := range subs {
		if !b.bindsAsWritten(sub) {
			continue
		}
		top, cmd, path, after, _ := b.resolve(sub)
		raw, _ := b.split(top, cmd, path, after)
		if !slices.ContainsFunc(cmd.Args, func(a Arg) bool {
			v, given := raw[a.Name]
			return given && a.Kind == ArgText && !valueLike(a, v)
		}) {
			return true
		}
	}
	return false
}

// valueLike reports whether free text typed for a text argument looks
// like a value rather than words of a question: it holds a digit (a
// length, a date), names a #channel, or is one of the argument's Or.
func valueLike(a Arg, v string) bool {
	v = strings.TrimRight(strings.TrimSpace(v), endPunct)
	return strings.ContainsAny(v, "0123456789") || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "<#") ||
		slices.ContainsFunc(a.Or, func(o string) bool { return strings.EqualFold(o, v) })
}

// bindsAsWritten reports whether line names a command (and subcommand)
// and every argument it gives binds, so that "next steps after junior?"
// and "help me with SQL" stay questions. A command named alone counts: it
// runs, or answers with its usage.
func (b *Bot) bindsAsWritten(line string) bool {
	top, cmd, path, rest, err := b.resolve(line)
	if top == nil || err != nil {
		return false
	}
	raw, err := b.split(top, cmd, path, rest)
	if err != nil {
		return false
	}
	for _, a := range cmd.Args {
		v, ok := raw[a.Name]
		if !ok {
			continue
		}
		v = typed(a, v)
		if a.Kind == ArgSkill {
			if everySkill(v) {
				continue // "done everything": the command's own refusal says how to name one
			}
			if _, _, found := b.rm.FindSkillFor(v, "", ""); !found {
				return false
			}
			continue
		}
		if _, problem := b.bindValue(a, v); problem != "" {
			return false
		}
	}
	return true
}

// hintFor returns the hint (Hints) for a line that names no command:
// dm says it is a DM, which must be one of the hint's words, or hold one
// of them and one of its About words, where a command line need only
// start with one.
func (b *Bot) hintFor(text string, dm bool) (*Hint, bool) {
	line := " " + strings.Join(plainWords(text), " ") + " "
	has := func(w string) bool { return strings.Contains(line, " "+w+" ") }
	for i := range b.hints {
		h := &b.hints[i]
		for _, say := range h.Says {
			switch {
			case line == " "+say+" ",
				!dm && strings.HasPrefix(line, " "+say+" "),
				dm && has(say) && slices.ContainsFunc(h.About, has):
				return h, true
			}
		}
	}
	return nil, false
}

// questionStarts are first words that begin a question, not a command.
var questionStarts = map[string]bool{
	"how": true, "what": true, "whats": true, "what's": true, "why": true, "when": true, "where": true,
	"which": true, "who": true, "should": true, "can": true, "could": true, "is": true, "are": true,
	"am": true, "do": true, "does": true, "will": true, "would": true, "i": true, "i'm": true, "im": true,
	"my": true, "any": true, "tips": true, "explain": true, "tell": true,
}

// asksAQuestion reports whether a command line that names no command is a
// question put after /mentor ("/mentor how do I become a DBA?"): it
// starts with a question word, or ends with "?", or runs to four words,
// and its first word is neither a near miss of a command nor a hint's
// word, which keep their own answers ("/mentor prgress" → did you mean).
func (b *Bot) asksAQuestion(line string) bool {
	// A line that starts with a command's name asks nothing: most typed
	// commands are told apart here, before the line is split into words.
	if first, _, _ := strings.Cut(strings.TrimSpace(line), " "); first != "" {
		if _, ok := b.Command(strings.ToLower(first)); ok {
			return false
		}
	}
	words := plainWords(line)
	if len(words) < 2 {
		return false
	}
	first := words[0]
	if _, ok := b.Command(first); ok {
		return false
	}
	if _, ok := b.hintFor(line, false); ok {
		return false
	}
	if len(b.subsNamed(first, "")) > 0 {
		return false // "pause my nudges for a while" means `nudges pause`
	}
	if len(closest(first, b.commandNames(), 2)) > 0 && !questionStarts[first] {
		return false
	}
	return questionStarts[first] || strings.HasSuffix(strings.TrimSpace(line), "?") || len(words) >= 4
}

// fillers are words said after a command name in a DM that ask nothing
// more of it ("join now", "progress please").
var fillers = map[string]bool{"now": true, "please": true, "pls": true, "plz": true, "me": true, "today": true, "again": true}

// commandAndFiller returns the command a two-word DM means when its
// second word is a filler: "join now" joins rather than searching the
// roadmap for JOINs.
func (b *Bot) commandAndFiller(text string) (string, bool) {
	words := plainWords(text)
	if len(words) != 2 || !fillers[words[1]] {
		return "", false
	}
	if _, ok := b.Command(words[0]); !ok {
		return "", false
	}
	return words[0], true
}

// hintAnswer is h's answer for the caller of req: Before for someone who
// hasn't joined, when the hint has one, since Text names commands they
// can't use yet. It costs a load only then; if the load fails, the answer
// is Text, which is true for everyone who joined.
func (b *Bot) hintAnswer(ctx context.Context, req Request, h *Hint) (string, []Button) {
	if h.Before == "" {
		return h.Text, h.Buttons
	}
	if ms, err := b.store.Load(ctx, req.Scope, req.User); err != nil || len(ms) > 0 && ms[0].HasJoined() {
		return h.Text, h.Buttons
	}
	return h.Before, h.BeforeButtons
}
