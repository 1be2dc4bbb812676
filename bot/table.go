package bot

import "slices"

// Table returns the /mentor command set, the one place commands are
// declared: usage, help, the README's command table, the Slack manifest
// and the Discord registration are generated from it, its Args are bound
// and checked before a handler runs, and Perm is enforced by
// call.authorize. (*Bot).Commands returns the same table.
func Table() []Command {
	skill := func(help string) []Arg {
		return []Arg{{Name: "skill", Help: help, Kind: ArgSkill, Required: true}}
	}
	return []Command{
		{Name: "help", Summary: "Show what I can do, or how to use one command.",
			Examples: []string{"help", "help done"}, Perm: Anyone,
			Args: []Arg{{Name: "command", Help: "a command name", Kind: ArgCommand}}, run: (*call).help},
		{Name: "roadmap", Summary: "Show the roadmap, or one stage or track in detail.",
			Examples: []string{"roadmap", "roadmap mid", "roadmap devops"}, Perm: Anyone,
			Args: []Arg{{Name: "level", Help: "a stage or track", Kind: ArgLevel}}, run: (*call).roadmap},
		{Name: "ask", Summary: "Ask anything about the roadmap.",
			Examples: []string{"ask how do I get better at SQL performance?", "ask what should I learn next?"}, Perm: Anyone,
			Args: []Arg{{Name: "question", Help: "your question", Kind: ArgText, Required: true}}, run: (*call).askCmd},
		{Name: "join", Summary: "Join the roadmap, at the first stage or the one you name.",
			Examples: []string{"join", "join mid"}, Perm: Anyone,
			Args: []Arg{{Name: "stage", Help: "your current stage", Kind: ArgStage}}, run: (*call).join},
		{Name: "stage", Summary: "Move to another stage.",
			Examples: []string{"stage mid", "stage senior"}, Perm: Joined,
			Args: []Arg{{Name: "stage", Help: "the stage to move to", Kind: ArgStage, Required: true}}, run: (*call).stage},
		{Name: "track", Summary: "Choose a specialization track (from mid-level on).",
			Examples: []string{"track api", "track devops"}, Perm: Joined,
			Args: []Arg{{Name: "track", Help: "the track to follow", Kind: ArgTrack, Required: true}}, run: (*call).track},
		{Name: "skills", Summary: "List the skills of your stage and track with your status on each.",
			Examples: []string{"skills"}, Perm: Joined, Own: true, run: (*call).skills},
		{Name: "start", Summary: "Mark a skill as being learned.",
			Examples: []string{"start git", "start sql-basics"}, Perm: Joined, Own: true, Args: skill("the skill you start"), run: setSkill(Learning)},
		{Name: "done", Summary: "Mark a skill as done.",
			Examples: []string{"done git"}, Perm: Joined, Own: true, Args: skill("the skill you finished"), run: setSkill(Done)},
		{Name: "skip", Summary: "Skip a skill you don't need (it stops being suggested).",
			Examples: []string{"skip graphql"}, Perm: Joined, Own: true, Args: skill("the skill to skip"), run: setSkill(Skipped)},
		{Name: "undo", Summary: "Clear your status on a skill.",
			Examples: []string{"undo git"}, Perm: Joined, Own: true, Args: skill("the skill to clear"), run: (*call).undo},
		{Name: "next", Summary: "Suggest what to learn next.",
			Examples: []string{"next"}, Perm: Joined, Own: true, run: (*call).next},
		{Name: "progress", Summary: "Show your progress, or a mentee's if you lead them.",
			Examples: []string{"progress", "progress @alice"}, Perm: SelfLeadAdmin, Own: true,
			Args: []Arg{{Name: "member", Help: "a mentee", Kind: ArgUser}}, run: (*call).progress},
		{Name: "nudges", Summary: "Your weekly nudge: see it, turn it on or off, pause it, set its day, time and zone, or snooze or skip this week's.",
			Perm: Joined, Default: "status", Subs: []Command{
				{Name: "status", Summary: "Show your nudge settings and when the next one comes.",
					Examples: []string{"nudges status"}, Also: []string{"show", "settings", "info", "list", "next"}, run: (*call).nudgeStatus},
				{Name: "on", Summary: "Turn weekly nudges on.", Examples: []string{"nudges on"},
					Also: []string{"start", "resume", "enable", "unpause", "unmute", "continue"}, run: (*call).nudgesOn},
				{Name: "off", Summary: "Turn weekly nudges off.", Examples: []string{"nudges off"},
					Also: []string{"stop", "disable", "mute", "unsubscribe", "silence", "quiet", "end", "cancel"}, run: (*call).nudgesOff},
				{Name: "pause", Summary: "Pause nudges for some weeks or days, or until a date.", Also: []string{"hold", "break", "holiday", "vacation"}, Examples: []string{"nudges pause 2 weeks", "nudges pause 10 days", "nudges pause until 2027-01-04"},
					Args: []Arg{{Name: "length", Help: "2 weeks, 10 days, or until a date such as 2027-01-04", Kind: ArgText, Required: true}},
					run:  (*call).nudgesPause},
				{Name: "time", Summary: "Set the day, time and (optionally) zone of your nudge.",
					Examples: []string{"nudges time fri 16:30 Europe/Berlin", "nudges time mon 9am PST", "nudges time mon 09:00"},
					Args: []Arg{
						{Name: "day", Help: "day of the week, mon to sun", Kind: ArgDay, Required: true},
						{Name: "time", Help: "a time, e.g. 09:00, 9am, 9:30pm, noon", Kind: ArgClock, Required: true},
						{Name: "zone", Help: "a time zone, e.g. Europe/Berlin, PST, UTC+2", Kind: ArgZone},
					}, run: (*call).nudgesTime},
				{Name: "snooze", Summary: "Be reminded of this week's nudge tomorrow.", Examples: []string{"nudges snooze"},
					Also: []string{"later", "tomorrow", "remind"}, run: (*call).snooze},
				{Name: "skip", Summary: "Skip this week's nudge.", Examples: []string{"nudges skip"}, run: (*call).skipWeek},
			}},
		{Name: "lead", Summary: "See who your lead is, or leave them (or decline an invitation).",
			Perm: Anyone, Default: "show", Subs: []Command{
				{Name: "show", Summary: "Show who your lead is.", Examples: []string{"lead"}, run: (*call).leadShow},
				{Name: "leave", Summary: "Leave your lead, or decline their invitation (they are told in their next digest).", Examples: []string{"lead leave"},
					Also: []string{"quit", "exit", "decline", "stop", "remove", "drop"}, run: (*call).leadLeave},
			}},
		{Name: "export", Summary: "Get all your data as JSON.",
			Examples: []string{"export"}, Perm: Anyone, run: (*call).export},
		{Name: "forget", Summary: "Delete all your data (asks first).",
			Examples: []string{"forget", "forget confirm"}, Perm: Anyone,
			Args: []Arg{{Name: "confirm", Help: "type confirm to delete", Kind: ArgChoice, Choices: []string{"confirm"}}}, run: (*call).forget},
		{Name: "assign", Summary: "Take a member as your mentee (admins: assign them to any lead).",
			Examples: []string{"assign @alice", "assign @alice @bob"}, Perm: LeadOrAdmin,
			Args: []Arg{{Name: "member", Help: "the mentee", Kind: ArgUser, Required: true}, {Name: "lead", Help: "their lead (admins only)", Kind: ArgUser}},
			run:  (*call).assign},
		{Name: "unassign", Summary: "Stop leading a member (admins: any member).",
			Examples: []string{"unassign @alice"}, Perm: LeadOrAdmin,
			Args: []Arg{{Name: "member", Help: "the mentee", Kind: ArgUser, Required: true}}, run: (*call).unassign},
		{Name: "mentees", Summary: "See how your mentees are doing, stuck first, a page at a time (csv: all of them as a file; admins: any lead's).",
			Examples: []string{"mentees", "mentees page 2", "mentees csv", "mentees @bob", "mentees @bob page 2"}, Perm: LeadOrAdmin,
			Args: []Arg{{Name: "lead", Help: "another lead, whose mentees to see (admins only)", Kind: ArgUser},
				{Name: "format", Help: "csv for a file, page to pick a page", Kind: ArgChoice, Choices: []string{"csv", "page"}, Final: []string{"csv"}},
				{Name: "page", Help: "the page, from 1", Kind: ArgInt, Min: 1, Max: maxPage}}, run: (*call).mentees},
		{Name: "team", Summary: "Every lead with their mentee counts and who is stuck, stuck first, a page at a time (admins).",
			Examples: []string{"team", "team 2"}, Perm: Admin,
			Args: []Arg{{Name: "page", Help: "the page, from 1", Kind: ArgInt, Min: 1, Max: maxPage}}, run: (*call).team},
		{Name: "digest", Summary: "See your weekly lead digest's settings, post it to a channel too or instead of your DM (names, stages and counts only), or set its time.",
			Perm: LeadOrAdmin, Default: "status", Subs: []Command{
				{Name: "status", Summary: "Show when your digest comes, what sets its time, and where it goes.",
					Examples: []string{"digest", "digest status"}, run: (*call).digestStatus},
				{Name: "channel", Summary: "Set the channel of your digest, or turn it off.",
					Examples: []string{"digest channel #team-backend", "digest channel #team-backend only", "digest channel off"},
					Args: []Arg{{Name: "channel", Help: "a #channel, or off", Kind: ArgText, Required: true, Or: []string{"off"}},
						{Name: "mode", Help: "only: not by DM as well", Kind: ArgChoice, Choices: []string{"only", "also"}}},
					run: (*call).digestChannel},
				{Name: "time", Summary: "Set the day, time and (optionally) zone of your digest, for a lead who hasn't joined (members: it follows `nudges time`).",
					Examples: []string{"digest time fri 16:30 Europe/Berlin", "digest time mon 09:00"},
					Args: []Arg{
						{Name: "day", Help: "day of the week, mon to sun", Kind: ArgDay, Required: true},
						{Name: "time", Help: "a time, e.g. 09:00, 9am, 9:30pm, noon", Kind: ArgClock, Required: true},
						{Name: "zone", Help: "a time zone, e.g. Europe/Berlin, PST, UTC+2", Kind: ArgZone},
					}, run: (*call).digestTime},
			}},
		{Name: "leads", Summary: "Lead rights: list who has them, grant or revoke them (admins).",
			Perm: Admin, Default: "list", Subs: []Command{
				{Name: "list", Summary: "List the leads and how each is one.", Examples: []string{"leads", "leads list"}, run: (*call).leadsList},
				{Name: "add", Summary: "Give someone lead rights; they need not have joined.", Examples: []string{"leads add @bob"}, Also: []string{"grant", "give", "make"},
					Args: []Arg{{Name: "member", Help: "the new lead", Kind: ArgUser, Required: true}}, run: (*call).leadsAdd},
				{Name: "remove", Summary: "Take lead rights back; a lead with mentees is asked first, then all of them are unassigned and told.", Examples: []string{"leads remove @bob", "leads remove @bob confirm"},
					Also: []string{"revoke", "delete", "drop", "take"},
					Args: []Arg{{Name: "member", Help: "the lead", Kind: ArgUser, Required: true},
						{Name: "confirm", Help: "confirm to unassign their mentees too", Kind: ArgChoice, Choices: []string{"confirm"}}}, run: (*call).leadsRemove},
			}},
	}
}

// Hint points what people type for a command that has another name to
// the commands that do it: "stop" means `nudges off`, not a misspelt
// `skip`, and "delete my data" means `forget`. A line that names no
// command, and a DM that is no command line, get the hint instead of
// "did you mean" or a roadmap answer.
type Hint struct {
	// Says are the words that mean it, in lower case: a command line that
	// is one of them or starts with one gets the hint, and so does a DM
	// that is one of them.
	Says []string
	// About are words of which a longer DM must hold one besides one of
	// Says ("stop sending me nudges"), since "stop overthinking code
	// reviews?" is a question. Without them only a DM that is one of Says
	// gets the hint.
	About []string
	// Text is the answer; it names each button's command as `/mentor …`.
	Text    string
	Buttons []Button
	// Before and BeforeButtons answer someone who hasn't joined, when Text
	// names commands they can't use yet (nudges, progress); Before names
	// each of its buttons' commands too.
	Before        string
	BeforeButtons []Button
}

// Hints returns the words that mean a command by another name, matched
// in this order.
func Hints() []Hint {
	// What a DM is about when it means the weekly nudge.
	nudgeWords := []string{"nudge", "nudges", "reminder", "reminders", "message", "messages", "dm", "dms",
		"notification", "notifications"}
	return []Hint{
		{Says: []string{"stop", "unsubscribe", "mute", "silence", "quiet", "opt out", "turn off", "disable", "no more", "stop sending"},
			About: append(slices.Clone(nudgeWords), "messaging", "ping", "pings", "pinging"),
			Text: "To stop your weekly nudges: `/mentor nudges off` (`/mentor nudges on` brings them back), " +
				"or `/mentor nudges pause 2 weeks` for a while.",
			Buttons: []Button{{Label: "Turn nudges off", Command: "nudges off"}, {Label: "Pause for 2 weeks", Command: "nudges pause 2 weeks"}},
			Before: "You haven't joined, so I send you no nudges: there's nothing to stop. " +
				"`/mentor join` would start them; `/mentor forget` deletes whatever I keep about you.",
			BeforeButtons: []Button{{Label: "Join", Command: "join"}, {Label: "Delete my data…", Command: "forget"}}},
		{Says: []string{"resume", "unpause", "unmute", "unsnooze", "turn on", "enable"},
			About:         nudgeWords,
			Text:          "To have your weekly nudges again, paused or off: `/mentor nudges on` (`/mentor nudges` shows when the next one comes).",
			Buttons:       []Button{{Label: "Resume nudges", Command: "nudges on", Style: "primary"}, {Label: "Nudge settings", Command: "nudges"}},
			Before:        "You haven't joined, so there are no nudges to resume. `/mentor join` starts your weekly nudge.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}}},
		// "pause" alone is `nudges pause` without the length it needs:
		// the hint shows the lengths it takes.
		{Says: []string{"pause", "pause it", "pause nudges", "pause my nudges", "take a break", "hold"},
			About: nudgeWords,
			Text: "To pause your weekly nudges: `/mentor nudges pause 1 week`, `/mentor nudges pause 2 weeks`, " +
				"`/mentor nudges pause 10 days` or `/mentor nudges pause until 2027-01-04`; `/mentor nudges on` resumes them.",
			Buttons: []Button{{Label: "Pause for 1 week", Command: "nudges pause 1 week"}, {Label: "Pause for 2 weeks", Command: "nudges pause 2 weeks"}},
			Before: "You haven't joined, so I send you no nudges: there's nothing to pause. " +
				"`/mentor join` starts your weekly nudge.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}}},
		{Says: []string{"snooze", "snooze it", "remind me later", "remind me tomorrow", "later"},
			About: nudgeWords,
			// No snooze button: before this week's nudge has come there
			// is nothing to snooze, and the nudge carries its own.
			Text: "To have this week's nudge again tomorrow once it has come: its Snooze button, or `/mentor nudges snooze`. " +
				"`/mentor nudges skip` skips this week's; `/mentor nudges` shows when it comes.",
			Buttons: []Button{{Label: "Skip this week", Command: "nudges skip"}, {Label: "Nudge settings", Command: "nudges"}},
			Before: "You haven't joined, so I send you no nudges: there's nothing to snooze. " +
				"`/mentor join` starts your weekly nudge.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}}},
		{Says: []string{"delete", "erase", "wipe", "remove me", "remove my", "forget me", "gdpr"},
			About:   []string{"me", "my data", "my account", "my profile", "my progress", "everything about me", "mentorbot"},
			Text:    "To delete all your data: `/mentor forget` (it asks first; `/mentor export` shows what I keep).",
			Buttons: []Button{{Label: "Delete my data…", Command: "forget"}, {Label: "Export my data", Command: "export"}}},
		{Says: []string{"status", "settings", "me", "my status", "my settings", "profile", "my profile", "account", "my account",
			"whoami", "preferences", "config", "info", "my info"},
			Text:    "Your own settings and standing: `/mentor progress` shows your stage and skills, `/mentor nudges` your nudge settings.",
			Buttons: []Button{{Label: "Progress", Command: "progress"}, {Label: "Nudges", Command: "nudges"}},
			Before: "You haven't joined yet, so there's no progress or nudge settings to show: `/mentor join` starts you on the roadmap. " +
				"`/mentor lead` shows your lead or an invitation, `/mentor export` all I keep about you.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "My lead", Command: "lead"}, {Label: "Export my data", Command: "export"}}},
		// Questions about oneself, said in a DM, are about the caller's
		// own record, not the roadmap: "who is my lead" is no Senior
		// stage page and "how am I doing" no section at all.
		{Says: []string{"my lead", "my mentor", "my team lead"},
			About:   []string{"who", "whos", "who's", "which", "show", "see", "tell", "what", "whats", "what's"},
			Text:    "`/mentor lead` shows who your lead is (or an invitation to answer); `/mentor lead leave` leaves them.",
			Buttons: []Button{{Label: "My lead", Command: "lead"}},
			Before: "`/mentor lead` shows your lead, or an invitation to answer, even before you join; " +
				"`/mentor join` starts you on the roadmap.",
			BeforeButtons: []Button{{Label: "My lead", Command: "lead"}, {Label: "Join", Command: "join", Style: "primary"}}},
		{Says: []string{"my progress", "how am i doing", "how im doing", "how i'm doing", "how is my progress", "how am i progressing"},
			About:   []string{"what", "whats", "what's", "show", "see", "check", "view", "where", "so far"},
			Text:    "`/mentor progress` shows your stage and skills; `/mentor next` suggests what to learn next.",
			Buttons: []Button{{Label: "Progress", Command: "progress"}, {Label: "What next?", Command: "next"}},
			Before: "You haven't joined yet, so there's no progress to show: `/mentor join` starts you on the roadmap, " +
				"then `/mentor help progress` says how it's tracked.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "Help on progress", Command: "help progress"}}},
		{Says: []string{"my next nudge", "my nudge", "my nudges", "nudge time", "nudge day", "my reminder", "my reminders"},
			About: []string{"when", "what", "whats", "what's", "change", "set", "move", "show", "see", "pick"},
			Text: "`/mentor nudges` shows when your next nudge comes; `/mentor nudges time fri 16:30 Europe/Berlin` " +
				"sets its day, time and zone.",
			Buttons: []Button{{Label: "Nudge settings", Command: "nudges"}},
			Before: "You haven't joined, so I send you no nudges yet: `/mentor join` starts your weekly nudge, " +
				"then `/mentor help nudges` says how to set its time.",
			BeforeButtons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "Help on nudges", Command: "help nudges"}}},
	}
}
