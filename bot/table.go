package bot

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
			Examples: []string{"skills"}, Perm: Joined, run: (*call).skills},
		{Name: "start", Summary: "Mark a skill as being learned.",
			Examples: []string{"start git", "start sql-basics"}, Perm: Joined, Args: skill("the skill you start"), run: setSkill(Learning)},
		{Name: "done", Summary: "Mark a skill as done.",
			Examples: []string{"done git"}, Perm: Joined, Args: skill("the skill you finished"), run: setSkill(Done)},
		{Name: "skip", Summary: "Skip a skill you don't need (it stops being suggested).",
			Examples: []string{"skip graphql"}, Perm: Joined, Args: skill("the skill to skip"), run: setSkill(Skipped)},
		{Name: "undo", Summary: "Clear your status on a skill.",
			Examples: []string{"undo git"}, Perm: Joined, Args: skill("the skill to clear"), run: (*call).undo},
		{Name: "next", Summary: "Suggest what to learn next.",
			Examples: []string{"next"}, Perm: Joined, run: (*call).next},
		{Name: "progress", Summary: "Show your progress, or a mentee's if you lead them.",
			Examples: []string{"progress", "progress @alice"}, Perm: SelfLeadAdmin,
			Args: []Arg{{Name: "member", Help: "a mentee", Kind: ArgUser}}, run: (*call).progress},
		{Name: "nudges", Summary: "Your weekly nudge: see it, turn it on or off, pause it, set its day, time and zone, or snooze or skip this week's.",
			Perm: Joined, Default: "status", Subs: []Command{
				{Name: "status", Summary: "Show your nudge settings and when the next one comes.",
					Examples: []string{"nudges status"}, run: (*call).nudgeStatus},
				{Name: "on", Summary: "Turn weekly nudges on.", Examples: []string{"nudges on"}, run: (*call).nudgesOn},
				{Name: "off", Summary: "Turn weekly nudges off.", Examples: []string{"nudges off"}, run: (*call).nudgesOff},
				{Name: "pause", Summary: "Pause nudges for a number of weeks.", Examples: []string{"nudges pause 2"},
					Args: []Arg{{Name: "weeks", Help: "how many weeks, 1 to 52", Kind: ArgInt, Required: true, Min: 1, Max: 52}},
					run:  (*call).nudgesPause},
				{Name: "time", Summary: "Set the day, time and (optionally) zone of your nudge.",
					Examples: []string{"nudges time fri 16:30 Europe/Berlin", "nudges time mon 09:00"},
					Args: []Arg{
						{Name: "day", Help: "day of the week, mon to sun", Kind: ArgDay, Required: true},
						{Name: "time", Help: "24-hour time, HH:MM", Kind: ArgClock, Required: true},
						{Name: "zone", Help: "IANA time zone, e.g. Europe/Berlin", Kind: ArgZone},
					}, run: (*call).nudgesTime},
				{Name: "snooze", Summary: "Be reminded of this week's nudge tomorrow.", Examples: []string{"nudges snooze"}, run: (*call).snooze},
				{Name: "skip", Summary: "Skip this week's nudge.", Examples: []string{"nudges skip"}, run: (*call).skipWeek},
			}},
		{Name: "export", Summary: "Get all your data as JSON.",
			Examples: []string{"export"}, Perm: Joined, run: (*call).export},
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
		{Name: "mentees", Summary: "See how your mentees are doing (csv: as a file).",
			Examples: []string{"mentees", "mentees csv"}, Perm: LeadOrAdmin,
			Args: []Arg{{Name: "format", Help: "csv for a file", Kind: ArgChoice, Choices: []string{"csv"}}}, run: (*call).mentees},
		{Name: "team", Summary: "Every lead with their mentee counts and who is stuck (admins).",
			Examples: []string{"team"}, Perm: Admin, run: (*call).team},
	}
}
