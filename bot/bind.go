package bot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The binder turns a command line, or a platform's typed options, into the
// command to run and its checked, typed arguments, from the table alone:
// Required, Choices and Kind are checked here, once, and every usage
// answer is made here, in one form.

// resolve finds the command a line names: the top-level command, and the
// subcommand when it has them. rest is what follows the names.
func (b *Bot) resolve(text string) (top, cmd *Command, path, rest string, err error) {
	// "/mentor Progress?" and "/mentor /mentor progress" are said the
	// way DMs are, and read the same.
	text, _ = dropMentor(text)
	name, rest := commandWord(text)
	top, ok := b.Command(name)
	if !ok {
		if h, ok := b.lineHint(text); ok {
			return nil, nil, "", "", hintError(name, h.Text, h.Buttons)
		}
		msg := fmt.Sprintf("I don't know the command %q.", name)
		if subs := b.subsNamed(name, strings.TrimSpace(rest)); len(subs) > 0 {
			msg += " Did you mean " + quoteList(subs) + "?"
		} else if s := closest(name, b.commandNames(), 2); len(s) > 0 {
			msg += " Did you mean " + quoteList(s) + "?"
		}
		return nil, nil, "", "", invalid("%s Try `/mentor help`.", msg)
	}
	rest = strings.TrimSpace(rest)
	if len(top.Subs) == 0 {
		return top, top, top.Name, rest, nil
	}
	sub, after, _ := strings.Cut(rest, " ")
	sub = strings.ToLower(strings.TrimRight(sub, endPunct))
	if sub == "" {
		sub = top.Default
	}
	cmd, ok = top.Sub(sub)
	if !ok {
		names := make([]string, len(top.Subs))
		for i := range top.Subs {
			names[i] = top.Subs[i].Name
		}
		msg := fmt.Sprintf("I don't know `%s %s`.", top.Name, sub)
		if sub == "" {
			msg = fmt.Sprintf("`/mentor %s` needs one of %s.", top.Name, quoteList(names))
		} else if s := alsoNames(top, sub); len(s) > 0 {
			msg += " Did you mean " + quoteList(s) + "?"
		} else if s := closest(sub, names, 2); len(s) > 0 {
			msg += " Did you mean " + quoteList(s) + "?"
		}
		return top, nil, top.Name, "", invalid("%s %s", msg, usageLine(top, top, top.Name))
	}
	return top, cmd, top.Name + " " + cmd.Name, strings.TrimSpace(after), nil
}

// commandWord splits a command line (after "/mentor") into the command's
// name, as the table spells it, and the rest.
func commandWord(text string) (name, rest string) {
	name, rest, _ = strings.Cut(text, " ")
	name = strings.ToLower(strings.TrimRight(name, endPunct))
	if name == "" {
		name = "help"
	}
	return name, rest
}

// hintError answers a word that is no command but means one (Hints).
func hintError(name, text string, buttons []Button) error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf("%q isn't a command. %s", name, text), Buttons: buttons}
}

// alsoNames are the full names ("nudges off") of top's subcommands that
// people also call word.
func alsoNames(top *Command, word string) []string {
	var out []string
	for _, s := range top.Subs {
		if slices.Contains(s.Also, word) {
			out = append(out, top.Name+" "+s.Name)
		}
	}
	return out
}

// subsNamed are the command lines a top-level word that is only a
// subcommand's name most likely meant: "pause 1 week" is `nudges pause 1
// week`, rest being what followed the word.
func (b *Bot) subsNamed(word, rest string) []string {
	var out []string
	for _, c := range b.commands {
		if _, ok := c.Sub(word); ok {
			out = append(out, strings.TrimSpace(c.Name+" "+word+" "+dropNaming(c.Name, rest)))
		}
	}
	return out
}

// dropNaming removes from what followed a subcommand's name the words
// that only say again what it acts on ("pause nudges for 3 weeks", "pause
// my nudges"), which no argument takes: the suggestion is then a command
// that works (`nudges pause for 3 weeks`).
func dropNaming(top, rest string) string {
	one := strings.TrimSuffix(top, "s")
	var out []string
	for _, w := range fields(rest) {
		switch strings.ToLower(strings.TrimRight(w, endPunct)) {
		case top, one, "my", "the", "it":
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// lineHint is the hint for a command line that names no command, unless
// it is a subcommand's name with what that needs ("pause 3 weeks"), which
// is pointed to the command that runs it; alone ("pause", which needs a
// length) it gets the hint, which shows the forms.
func (b *Bot) lineHint(line string) (*Hint, bool) {
	h, ok := b.hintFor(line, false)
	if !ok {
		return nil, false
	}
	line, _ = dropMentor(line)
	name, rest := commandWord(line)
	if rest = dropNaming("", rest); rest == "" {
		return h, true
	}
	if subs := b.subsNamed(name, rest); len(subs) == 1 && b.completeLine(subs[0]) {
		return nil, false
	}
	return h, true
}

// completeLine reports whether a command line binds as written and gives
// every required argument, so that it runs as it is.
func (b *Bot) completeLine(line string) bool {
	if !b.bindsAsWritten(line) {
		return false
	}
	top, cmd, path, rest, _ := b.resolve(line)
	raw, _ := b.split(top, cmd, path, rest)
	for _, a := range cmd.Args {
		if _, given := raw[a.Name]; a.Required && !given {
			return false
		}
	}
	return true
}

// split reads positional arguments from text: one word each, except that
// the last argument takes the rest of the line when its kind allows
// spaces. Words left over are a usage answer.
func (b *Bot) split(top, cmd *Command, path, rest string) (map[string]string, error) {
	words := joinMeridiem(cmd, dropPageWord(cmd, fields(rest)))
	raw := make(map[string]string, len(cmd.Args))
	args := cmd.Args
	if users, others, ok := routeMentions(cmd, words); ok {
		args, words = nil, others
		for _, a := range cmd.Args {
			switch {
			case a.Kind != ArgUser:
				args = append(args, a)
			case len(users) > 0:
				raw[a.Name], users = users[0], users[1:]
			}
		}
		if len(users) > 0 {
			return nil, invalid("I didn't expect %q. %s", strings.Join(users, " "), usageLine(top, cmd, path))
		}
	}
	for i, a := range args {
		if i >= len(words) {
			break
		}
		if i == len(args)-1 && a.Kind.takesRest() {
			raw[a.Name] = strings.Join(words[i:], " ")
			return raw, nil
		}
		raw[a.Name] = words[i]
		if w := strings.ToLower(typed(a, words[i])); slices.Contains(a.Final, w) && i+1 < len(words) {
			return nil, invalid("I didn't expect %q: `/mentor %s %s` takes nothing after `%s`. %s",
				strings.Join(words[i+1:], " "), path, w, w, usageLine(top, cmd, path))
		}
	}
	if len(words) > len(args) {
		if len(args) == 0 {
			return nil, invalid("`/mentor %s` takes no arguments (I didn't expect %q).", path, strings.Join(words, " "))
		}
		// The unexpected words start at the first of the trailing
		// optional arguments that their word does not fit: in "digest
		// channel #a b c", "b" is no mode, so "b c" is what is extra.
		from := len(args)
		for i := len(args) - 1; i >= 0; i-- {
			a := args[i]
			if a.Required || a.Kind == ArgText || a.Kind == ArgSkill {
				break
			}
			if _, problem := b.bindValue(a, typed(a, words[i])); problem != "" {
				from = i
			}
		}
		return nil, invalid("I didn't expect %q. %s", strings.Join(words[from:], " "), usageLine(top, cmd, path))
	}
	return raw, nil
}

// routeMentions splits a command line's words into those that name
// someone and the rest, for a command whose optional member argument sits
// among arguments of other kinds ("mentees [@lead] [csv|page] [page]"): a
// name goes to the member argument wherever it is typed (`mentees csv
// @bob`, `mentees @bob page 2`), the rest fill the others in order. A
// command with text or a skill, which may hold an @, keeps its positions.
func routeMentions(cmd *Command, words []string) (users, others []string, ok bool) {
	optionalUser, otherKind := false, false
	for _, a := range cmd.Args {
		switch {
		case a.Kind == ArgText || a.Kind == ArgSkill:
			return nil, nil, false
		case a.Kind == ArgUser && !a.Required:
			optionalUser = true
		case a.Kind != ArgUser:
			otherKind = true
		}
	}
	if !optionalUser || !otherKind {
		return nil, nil, false
	}
	for _, w := range words {
		if strings.HasPrefix(w, "@") || strings.HasPrefix(w, "<@") {
			users = append(users, w)
		} else {
			others = append(others, w)
		}
	}
	return users, others, true
}

// dropPageWord removes the word "page" before a page number ("team page
// 3", as the footer "Page 2 of 3" reads) from a command whose page is a
// bare number; where "page" is one of the command's choices it stays.
func dropPageWord(cmd *Command, words []string) []string {
	if !hasPageArg(cmd) {
		return words
	}
	for _, a := range cmd.Args {
		if slices.Contains(a.Choices, "page") {
			return words
		}
	}
	return slices.DeleteFunc(words, func(w string) bool { return strings.EqualFold(w, "page") })
}

// hasPageArg reports whether the command shows its answer a page at a
// time: it takes a page number, in an argument named page.
func hasPageArg(cmd *Command) bool {
	return slices.ContainsFunc(cmd.Args, isPage)
}

// isPage reports whether a is a page number: an ArgInt named page.
func isPage(a Arg) bool { return a.Name == "page" && a.Kind == ArgInt }

// options takes a platform's typed options as the raw arguments, keeping
// only those the command declares. Each goes through clean, as a typed
// line does, so that a Discord option holding "\x07git\x1b[A" is "git"
// and a 600-character question is refused on every platform alike.
func options(cmd *Command, opts map[string]string) (map[string]string, error) {
	raw := make(map[string]string, len(cmd.Args))
	for _, a := range cmd.Args {
		v, err := clean(opts[a.Name])
		if err != nil {
			return nil, err
		}
		if v != "" {
			raw[a.Name] = v
		}
	}
	return raw, nil
}

// bind checks the raw arguments against the command's Args and converts
// them, all but skills, which need the caller's profile (bindSkills).
func (c *call) bind(top *Command) error {
	c.args = make(Values, len(c.raw))
	for i, a := range c.cmd.Args {
		v, ok := c.raw[a.Name]
		if a.Kind != ArgText {
			v = typed(a, v)
			c.raw[a.Name] = v
		}
		if !ok || v == "" {
			if a.Required {
				return c.usage(top, a, "")
			}
			continue
		}
		val, problem := c.b.bindValue(a, v)
		if problem != "" && !a.Required && c.shift(i, v) {
			continue
		}
		if o, ok := c.claimedBy(i, v); problem != "" && ok {
			// "mentees 0" is a page out of range, not a wrong format.
			_, p := c.b.bindValue(o, v)
			return c.usage(top, o, p)
		}
		if problem != "" {
			return c.usage(top, a, problem+c.misplaced(a, v))
		}
		c.args[a.Name] = val
	}
	return nil
}

// typed is an argument's value without what people put around it that is
// not part of it: quotes around a name ("git", `mid`) and end punctuation
// after it ("done git!!", "stage mid?"). Text is kept as it is, and a
// mention's punctuation is ParseMention's to drop.
func typed(a Arg, v string) string {
	const quotes = "\"'`“”‘’"
	switch a.Kind {
	case ArgText:
		return v
	case ArgUser:
		return strings.Trim(v, quotes)
	}
	return strings.Trim(strings.TrimRight(strings.Trim(v, quotes), endPunct), quotes)
}

// shift moves the value typed for the optional argument i to a later
// argument that is not given and takes it, since optional arguments may
// be left out: `mentees 2` is the page, with no format before it. It
// reports whether it moved the value; the later argument binds it in
// its turn.
func (c *call) shift(i int, v string) bool {
	for _, o := range c.cmd.Args[i+1:] {
		if _, given := c.raw[o.Name]; given || o.Kind == ArgText || o.Kind == ArgSkill {
			continue
		}
		if _, problem := c.b.bindValue(o, v); problem == "" {
			delete(c.raw, c.cmd.Args[i].Name)
			c.raw[o.Name] = v
			return true
		}
	}
	return false
}

// claimedBy is the later argument, not given, that an optional argument's
// value that did not bind is plainly meant for by its look: a whole
// number, for a number argument, since no choice or name is one. Its
// own answer ("isn't a whole number from 1 to 10000") then says what is
// wrong, not the first argument's list of choices.
func (c *call) claimedBy(i int, v string) (Arg, bool) {
	if c.cmd.Args[i].Required || c.cmd.Args[i].Kind == ArgInt {
		return Arg{}, false
	}
	if _, err := strconv.Atoi(v); err != nil {
		return Arg{}, false
	}
	for _, o := range c.cmd.Args[i+1:] {
		if _, given := c.raw[o.Name]; !given && o.Kind == ArgInt {
			return o, true
		}
	}
	return Arg{}, false
}

// misplaced says, for a value that did not bind, which other argument it
// looks like, since arguments are read by position: "9:00" given where
// the day goes.
func (c *call) misplaced(a Arg, v string) string {
	for _, o := range c.cmd.Args {
		if o.Name == a.Name || o.Kind == ArgText || o.Kind == ArgSkill || o.Kind == a.Kind {
			continue
		}
		if _, problem := c.b.bindValue(o, v); problem == "" {
			return fmt.Sprintf(" (It looks like the `%s`; the `%s` comes first.)", o.Placeholder(), a.Placeholder())
		}
	}
	return ""
}

// bindSkills resolves the skill arguments; an unknown name gets "did you
// mean" buttons that run the same command with a suggestion.
func (c *call) bindSkills() error {
	for _, a := range c.cmd.Args {
		v, ok := c.args[a.Name]
		if a.Kind != ArgSkill || !ok {
			continue
		}
		var stage, track string
		if c.me != nil {
			stage, track = c.me.Stage, c.me.Track
		}
		if everySkill(v.Raw) {
			example := c.skillExample(stage, track)
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf(
				"`/mentor %s` takes one skill at a time, not %q: name the skill, as in `/mentor %s %s`. `/mentor skills` lists yours.",
				c.path, v.Raw, c.path, example)}
		}
		ref, sugg, found := c.b.rm.FindSkillFor(v.Raw, stage, track)
		if found {
			v.Skill = ref
			c.args[a.Name] = v
			continue
		}
		e := &Error{Code: CodeInvalid, Message: fmt.Sprintf("I don't know a skill called %q.", v.Raw)}
		if len(sugg) == 0 {
			e.Message += " See `/mentor skills` for yours."
			return e
		}
		e.Message += " Did you mean " + quoteList(sugg) + "?"
		for _, id := range sugg {
			label := id
			if r, ok := c.b.rm.Skill(id); ok {
				label = r.Skill.Name
			}
			e.Buttons = append(e.Buttons, Button{Label: label, Command: c.lineWith(a.Name, id)})
		}
		return e
	}
	return nil
}

// skillExample is a skill the caller could name to the command now: for
// undo the one whose status they set last, for start, done or skip the
// first of their level's skills not already so; else "<skill>", since an
// example that would only be refused ("no status on git to undo") misleads.
func (c *call) skillExample(stage, track string) string {
	var skills map[string]SkillState
	if c.me != nil {
		skills = c.me.Skills
	}
	if c.cmd.Name == "undo" {
		best := ""
		for id, st := range skills {
			if best == "" || st.At.After(skills[best].At) || st.At.Equal(skills[best].At) && id < best {
				best = id
			}
		}
		return cmp.Or(best, "<skill>")
	}
	want := map[string]Status{"start": Learning, "done": Done, "skip": Skipped}[c.cmd.Name]
	for _, ref := range c.b.rm.LevelSkills(stage, track) {
		if st, ok := skills[ref.Skill.ID]; !ok || st.Status != want && st.Status != Done {
			return ref.Skill.ID
		}
	}
	return "<skill>"
}

// everySkill reports whether a skill argument asks for every skill at
// once ("skip all"), which no command does: a guessed skill would be
// marked instead, or a "did you mean" of unrelated skills offered.
func everySkill(raw string) bool {
	switch strings.ToLower(strings.Trim(raw, " .!?")) {
	case "all", "everything", "all of them", "all skills", "every skill", "*":
		return true
	}
	return false
}

// bindValue converts one raw argument of a kind other than ArgSkill. What
// is wrong with it, if anything, is the first half of a usage answer.
func (b *Bot) bindValue(a Arg, s string) (Value, string) {
	v := Value{Raw: s}
	low := strings.ToLower(s)
	switch a.Kind {
	case ArgStage, ArgTrack, ArgLevel:
		return b.bindLevel(a.Kind, s)
	case ArgSkill:
		// resolved by bindSkills, with the caller's profile at hand
	case ArgUser:
		id, ok := ParseMention(s)
		if !ok {
			// With an @ they did name someone, just no one an id can be.
			if strings.HasPrefix(s, "@") || strings.HasPrefix(s, "<@") {
				return v, fmt.Sprintf("I can't find %s in this workspace: pick the person from the list that typing @ opens.", s)
			}
			return v, fmt.Sprintf("%q isn't a member: name them with @.", s)
		}
		v.User = id
	case ArgChoice:
		for _, ch := range a.Choices {
			if low == ch {
				v.Choice = ch
				return v, ""
			}
		}
		msg := fmt.Sprintf("%q isn't one of %s.", s, quoteList(a.Choices))
		if len(a.Choices) == 1 {
			msg = fmt.Sprintf("%q isn't %s.", s, quoteList(a.Choices))
		} else if sg := closest(low, a.Choices, 1); len(sg) > 0 {
			msg = fmt.Sprintf("%q isn't one of %s; did you mean `%s`?", s, quoteList(a.Choices), sg[0])
		}
		return v, msg
	case ArgInt:
		n, err := strconv.Atoi(s)
		if err == nil && n > a.Max && isPage(a) {
			// No list runs past maxPage pages: a bigger page is past the
			// end, which the command answers with its last page.
			v.Int = n
			return v, ""
		}
		if err != nil || n < a.Min || n > a.Max {
			return v, fmt.Sprintf("%q isn't a whole number from %d to %d.", s, a.Min, a.Max)
		}
		v.Int = n
	case ArgDay:
		d, ok := parseDay(low)
		if !ok && strings.ContainsAny(s, "0123456789") && !isClock(s) {
			// "nudges time 25:00": meant as a time, and not one either.
			return v, fmt.Sprintf("%q isn't a day (mon to sun), nor a time I can read (such as 09:00, 9am or noon).", s)
		}
		if !ok {
			return v, fmt.Sprintf("%q isn't a day (mon to sun).", s)
		}
		v.Day = d
	case ArgClock:
		m, ok := parseClock(s)
		if !ok {
			return v, fmt.Sprintf("%q isn't a time I can read (such as 09:00, 9am, 9:30pm or noon).", s)
		}
		v.Minute = m
	case ArgZone:
		z, ok := parseZone(s)
		if !ok {
			return v, fmt.Sprintf("%q isn't a time zone I know (such as Europe/Berlin, PST, Pacific, UTC+2 or +05:30).", s)
		}
		v.Zone = z
	case ArgCommand:
		return b.bindCommand(s)
	}
	return v, ""
}

// bindLevel resolves a stage, a track, or either.
func (b *Bot) bindLevel(k ArgKind, s string) (Value, string) {
	v := Value{Raw: s}
	if k != ArgTrack {
		if st, ok := b.findStage(s); ok {
			v.Stage, v.Level = st, &st.Level
			return v, ""
		}
	}
	if k != ArgStage {
		if tr, ok := b.findTrack(s); ok {
			v.Track, v.Level = tr, &tr.Level
			return v, ""
		}
	}
	what, ids := "stage or track", append(b.stageIDs(), b.trackIDs()...)
	switch k {
	case ArgStage:
		what, ids = "stage", b.stageIDs()
	case ArgTrack:
		what, ids = "track", b.trackIDs()
	}
	if hint := b.levelHint(s, k); hint != "" {
		return v, fmt.Sprintf("There's no %s %q.%s", what, s, hint)
	}
	return v, b.noSuch(what, s, ids)
}

// levelHint points a name that isn't the kind asked for to what it is: a
// track given as a stage, a stage as a track, a skill as a level.
func (b *Bot) levelHint(s string, k ArgKind) string {
	if tr, ok := b.findTrack(s); ok && k == ArgStage {
		return fmt.Sprintf(" `%s` is a track: `/mentor track %s`.", tr.ID, tr.ID)
	}
	if st, ok := b.findStage(s); ok && k == ArgTrack {
		return fmt.Sprintf(" `%s` is a stage: `/mentor stage %s`.", st.ID, st.ID)
	}
	if r, ok := b.rm.Skill(strings.ToLower(s)); ok {
		return fmt.Sprintf(" %s is a skill: `/mentor ask %s` explains it, `/mentor start %s` starts it.", r.Skill.Name, r.Skill.ID, r.Skill.ID)
	}
	// A word of a title ("databases" for Database Administrator).
	stem := strings.TrimSuffix(strings.ToLower(s), "s")
	if len(stem) < 3 {
		return ""
	}
	// A word of a title, or a close spelling of one ("databse").
	inTitle := func(title string) bool {
		t := strings.ToLower(title)
		return strings.Contains(t, stem) || len(stem) >= 5 && len(closest(stem, fields(t), 2)) > 0
	}
	var ids []string
	for _, tr := range b.rm.Tracks {
		if k != ArgStage && inTitle(tr.Title) {
			ids = append(ids, tr.ID)
		}
	}
	for _, st := range b.rm.Stages {
		if k != ArgTrack && inTitle(st.Title) {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) == 0 || len(ids) > 2 {
		return ""
	}
	return " Did you mean " + quoteList(ids) + "?"
}

// bindCommand resolves a command, or a subcommand ("nudges time"), by name,
// with or without "/mentor" before it.
func (b *Bot) bindCommand(s string) (Value, string) {
	v := Value{Raw: s}
	line, _ := dropMentor(s)
	words := fields(strings.TrimPrefix(strings.ToLower(line), "/"))
	for i := range words {
		words[i] = strings.TrimRight(words[i], endPunct)
	}
	if len(words) == 0 || words[0] == "" {
		return v, "Name a command."
	}
	cmd, ok := b.Command(words[0])
	if !ok {
		if h, ok := b.hintFor(strings.Join(words, " "), false); ok {
			return v, fmt.Sprintf("%q isn't a command. %s", words[0], h.Text)
		}
		msg := fmt.Sprintf("I don't know the command %q.", words[0])
		if sg := closest(words[0], b.commandNames(), 2); len(sg) > 0 {
			msg += " Did you mean " + quoteList(sg) + "?"
		}
		return v, msg
	}
	v.Command, v.Raw = cmd, cmd.Name
	if len(words) > 1 && len(cmd.Subs) > 0 {
		sub, ok := cmd.Sub(words[1])
		if !ok {
			return v, fmt.Sprintf("`/mentor %s` has no %q; it takes `%s`.", cmd.Name, words[1], cmd.Usage())
		}
		v.Command = sub
		v.Raw = cmd.Name + " " + sub.Name
	}
	return v, ""
}

// noSuch says that no item of what is called s, with close spellings.
func (b *Bot) noSuch(what, s string, ids []string) string {
	msg := fmt.Sprintf("There's no %s %q.", what, s)
	if sg := closest(s, ids, 2); len(sg) > 0 {
		return fmt.Sprintf("%s Did you mean %s?", msg, quoteList(sg))
	}
	return fmt.Sprintf("%s Choose from %s.", msg, quoteList(ids))
}

// usage is the one form of a usage answer: what was wrong, if anything,
// what the command needs and an example, with "did you mean" buttons for
// a near miss of a stage, track, choice or command.
func (c *call) usage(top *Command, a Arg, problem string) error {
	e := &Error{Code: CodeInvalid}
	if problem == "" {
		e.Message = fmt.Sprintf("`/mentor %s` needs `%s`, %s", c.path, c.cmd.Usage(), exampleOf(top, c.cmd, c.path))
		if len(c.raw) > 0 && c.raw[c.cmd.Args[0].Name] != "" {
			e.Message = fmt.Sprintf("`/mentor %s` is missing its `%s`: it takes `%s`, %s", c.path, a.Placeholder(), c.cmd.Usage(), exampleOf(top, c.cmd, c.path))
		}
		if a.Kind == ArgSkill {
			e.Message += " `/mentor skills` lists yours."
		}
		return e
	}
	e.Message = problem + " " + usageLine(top, c.cmd, c.path)
	if raw := c.raw[a.Name]; raw != "" && strings.Contains(problem, "Did you mean") {
		for _, s := range c.b.suggest(a, raw) {
			e.Buttons = append(e.Buttons, Button{Label: s, Command: c.lineWith(a.Name, s)})
		}
	}
	return e
}

// suggest returns close spellings of s among the values an argument
// takes, for buttons.
func (b *Bot) suggest(a Arg, s string) []string {
	var ids []string
	switch a.Kind {
	case ArgStage:
		ids = b.stageIDs()
	case ArgTrack:
		ids = b.trackIDs()
	case ArgLevel:
		ids = append(b.stageIDs(), b.trackIDs()...)
	case ArgCommand:
		ids = b.commandNames()
	default:
		// Choices get no button: pressing a guess at "forget confirm"
		// must not be one click away from a typo.
		return nil
	}
	return closest(s, ids, 2)
}

// lineWith is the call's command line with one argument replaced.
func (c *call) lineWith(name, value string) string {
	words := []string{c.path}
	for _, a := range c.cmd.Args {
		v := c.raw[a.Name]
		if a.Name == name {
			v = value
		}
		if v != "" {
			words = append(words, v)
		}
	}
	return strings.Join(words, " ")
}

// usageLine says what a command takes, with an example.
func usageLine(top, cmd *Command, path string) string {
	return fmt.Sprintf("`/mentor %s` takes `%s`, %s", path, cmd.Usage(), exampleOf(top, cmd, path))
}

// exampleOf is "e.g. `/mentor ...`." from the command's examples, or its
// parent's that start with its path, preferring one that shows arguments.
func exampleOf(top, cmd *Command, path string) string {
	exs := cmd.Examples
	if len(exs) == 0 {
		for _, e := range top.AllExamples() {
			if e == path || strings.HasPrefix(e, path+" ") {
				exs = append(exs, e)
			}
		}
	}
	ex := path
	for i, e := range exs {
		if i == 0 || len(fields(e)) > len(fields(ex)) && len(fields(ex)) <= len(fields(path)) {
			ex = e
		}
	}
	return "e.g. `/mentor " + ex + "`."
}

func (b *Bot) stageIDs() []string {
	ids := make([]string, len(b.rm.Stages))
	for i, st := range b.rm.Stages {
		ids[i] = st.ID
	}
	return ids
}

func (b *Bot) trackIDs() []string {
	ids := make([]string, len(b.rm.Tracks))
	for i, tr := range b.rm.Tracks {
		ids[i] = tr.ID
	}
	return ids
}

var days = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseDay reads a day of the week by its first three letters or more.
func parseDay(d string) (time.Weekday, bool) {
	if len(d) < 3 {
		return 0, false
	}
	day, ok := days[d[:3]]
	return day, ok && strings.HasPrefix(strings.ToLower(day.String()), d)
}

// isClock reports whether s reads as a time of day.
func isClock(s string) bool {
	_, ok := parseClock(s)
	return ok
}
