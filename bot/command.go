package bot

import (
	"context"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

// Perm says who may run a command.
type Perm int

// Permissions, checked in one place (call.authorize) for every adapter.
const (
	// Anyone may run the command, joined or not.
	Anyone Perm = iota
	// Joined needs the caller to have joined the roadmap.
	Joined
	// SelfLeadAdmin acts on the caller, or on a member named by the command's
	// user argument when the caller is that member's lead or an admin.
	SelfLeadAdmin
	// LeadOrAdmin needs lead rights (a lead role or at least one mentee) or admin rights.
	LeadOrAdmin
	// Admin needs admin rights.
	Admin
)

// Who says in a few words who may run a command with this permission,
// for help and the README's command table.
func (p Perm) Who() string {
	switch p {
	case Joined:
		return "member"
	case SelfLeadAdmin:
		return "member; lead of @member; admin"
	case LeadOrAdmin:
		return "lead, admin"
	case Admin:
		return "admin"
	}
	return "anyone"
}

// ArgKind says what an argument holds. The binder checks and converts
// each kind once, before the handler runs, and adapters offer typed
// options, choices and autocomplete from it.
type ArgKind int

// Argument kinds.
const (
	ArgText    ArgKind = iota // free text; as the last argument it takes the rest of the line
	ArgStage                  // a stage id or title
	ArgTrack                  // a track id or title
	ArgLevel                  // a stage or a track
	ArgSkill                  // a skill id, alias or close spelling
	ArgUser                   // a member: @name, <@U123>, <@U123|name>, <@!123>
	ArgChoice                 // one of Choices
	ArgInt                    // a whole number from Min to Max
	ArgDay                    // a day of the week: mon, tuesday, ...
	ArgClock                  // a time of day: 21:00, 9am, 9:30pm, noon
	ArgZone                   // a time zone: IANA name, region, abbreviation or UTC offset
	ArgCommand                // a command of the table, or a subcommand ("nudges time")
)

// takesRest reports whether an argument of this kind, when it is the
// last, takes every remaining word: names of skills, stages and tracks
// may have spaces.
func (k ArgKind) takesRest() bool {
	switch k {
	case ArgText, ArgSkill, ArgStage, ArgTrack, ArgLevel, ArgCommand, ArgZone:
		return true
	}
	return false
}

// Arg describes one argument of a command.
type Arg struct {
	Name     string // lower case; also the option name on Discord
	Help     string
	Kind     ArgKind
	Required bool
	Choices  []string // ArgChoice
	Min, Max int      // ArgInt
	// Or are words taken in place of a value, shown beside it in usage
	// ("<channel|off>"), so that a form the handler reads is not hidden.
	Or []string
	// Final are choices after which the command takes nothing more
	// ("csv": a file holds every mentee, so there is no page).
	Final []string
}

// Placeholder is how the argument is shown in usage: "<skill>", "[zone]",
// "@member", "on|off", "<time>".
func (a Arg) Placeholder() string {
	var p string
	switch a.Kind {
	case ArgUser:
		p = "@" + a.Name
		if a.Required {
			return p
		}
		return "[" + p + "]"
	case ArgChoice:
		p = strings.Join(a.Choices, "|")
	case ArgLevel:
		p = "stage|track"
	default:
		p = strings.Join(append([]string{a.Name}, a.Or...), "|")
	}
	if a.Required {
		return "<" + p + ">"
	}
	return "[" + p + "]"
}

// Command is one row of the command table: everything help text, usage
// answers and the Slack and Discord registrations need, and the handler.
// A command has either Args or Subs.
type Command struct {
	Name     string
	Summary  string
	Examples []string // command lines after /mentor, e.g. "done git"
	Args     []Arg
	// Subs are subcommands ("nudges time"); they share the parent's Perm.
	Subs []Command
	// Default is the subcommand run when none is named.
	Default string
	// Also are other words people type for a subcommand ("stop" for
	// `nudges off`): an unknown subcommand that is one of them is answered
	// "did you mean" with this one, not with the closest spelling.
	Also []string
	Perm Perm
	// Own says the handler reads only its members' own records
	// (Store.LoadOwn); a caller or target who has not joined is loaded
	// again whole, for the refusal and its hint. TestOwnLoadsAnswerTheSame
	// holds every Own command to the answers of a whole load.
	Own bool
	run func(c *call, ctx context.Context) (Message, error)
}

// Usage is the command's arguments as help shows them, generated from
// Args or Subs: "<skill>", "[stage|track]", "on|off|pause <weeks>|...".
func (c *Command) Usage() string {
	if len(c.Subs) > 0 {
		parts := make([]string, len(c.Subs))
		for i := range c.Subs {
			parts[i] = strings.TrimSpace(c.Subs[i].Name + " " + c.Subs[i].Usage())
		}
		return strings.Join(parts, "|")
	}
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.Placeholder()
	}
	return strings.Join(parts, " ")
}

// Sub returns the subcommand with the given name.
func (c *Command) Sub(name string) (*Command, bool) {
	for i := range c.Subs {
		if c.Subs[i].Name == name {
			return &c.Subs[i], true
		}
	}
	return nil, false
}

// AllExamples returns the command's examples and its subcommands'.
func (c *Command) AllExamples() []string {
	out := append([]string(nil), c.Examples...)
	for i := range c.Subs {
		out = append(out, c.Subs[i].Examples...)
	}
	return out
}

// Value is one bound argument: Raw as given, and the typed value of its
// kind.
type Value struct {
	Raw     string
	Stage   *roadmap.Stage // ArgStage, ArgLevel
	Track   *roadmap.Track // ArgTrack, ArgLevel
	Level   *roadmap.Level // ArgLevel, ArgStage, ArgTrack
	Skill   roadmap.Ref    // ArgSkill
	User    string         // ArgUser: the user id
	Int     int            // ArgInt
	Day     time.Weekday   // ArgDay
	Minute  int            // ArgClock: minute of the day
	Zone    string         // ArgZone: the name to store (IANA, or "UTC+05:30")
	Choice  string         // ArgChoice, in lower case
	Command *Command       // ArgCommand; Raw is then its full name
}

// Values are a call's bound arguments by name; an argument not given is
// absent.
type Values map[string]Value

// Has reports whether the argument was given.
func (v Values) Has(name string) bool {
	_, ok := v[name]
	return ok
}

// call is one command being handled.
type call struct {
	b    *Bot
	req  Request
	cmd  *Command // the command or subcommand run
	path string   // its full name: "done", "nudges time"
	args Values
	raw  map[string]string // the arguments before binding, by name
	now  time.Time
	// me and target are loaded by authorize when the command's permission
	// needs them; target is me when the command names nobody else.
	me, target *Member
	targetID   string
	users      map[string]*Member
	// store is the bot's Store counting the round trips spent (trips).
	store Store
	trips int
	// stamp is the confirmation stamp the line ended with (a button's;
	// see confirm.go), "" for a line typed without one.
	stamp string
	// stale is why stampLive refused the stamp, said before the question
	// is asked again.
	stale string
	// live is stampLive's answer, asked once before the command runs:
	// true for a line typed without a stamp.
	live bool
}
