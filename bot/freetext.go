package bot

import "strings"

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

// commandLine reports whether free text is a command line, and returns it
// as the line after "/mentor".
func (b *Bot) commandLine(text string) (string, bool) {
	t := strings.TrimSpace(text)
	low := strings.ToLower(t)
	for _, p := range mentorPrefixes {
		if low == p {
			return "help", true
		}
		if strings.HasPrefix(low, p+" ") {
			// Said outright: run it, and a mistake gets the usage answer.
			return strings.TrimSpace(t[len(p):]), true
		}
	}
	if helpAsks[strings.TrimRight(low, " ?!.")] {
		return "help", true
	}
	if !strings.ContainsRune(t, ' ') {
		// "progress?" and "join!" are the command said with feeling.
		t = strings.TrimRight(t, "?!.")
	}
	return t, b.bindsAsWritten(t)
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
	raw, err := split(top, cmd, path, rest)
	if err != nil {
		return false
	}
	for _, a := range cmd.Args {
		v, ok := raw[a.Name]
		if !ok {
			continue
		}
		if a.Kind == ArgSkill {
			if _, _, found := b.rm.FindSkillFor(v, "", ""); !found {
				return false
			}
			continue
		}
		if a.Kind != ArgText {
			v = strings.Trim(v, "\"'`“”‘’")
		}
		if _, problem := b.bindValue(a, v); problem != "" {
			return false
		}
	}
	return true
}
