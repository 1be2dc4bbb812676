package bot

import (
	"context"
	"time"
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

// ArgKind says what an argument holds, so adapters can offer typed options,
// choices and autocomplete.
type ArgKind int

// Argument kinds.
const (
	ArgText   ArgKind = iota // free text, may contain spaces when it is the last argument
	ArgStage                 // a stage id
	ArgTrack                 // a track id
	ArgLevel                 // a stage or a track id
	ArgSkill                 // a skill id, alias or close spelling
	ArgUser                  // a member: @name, <@U123>, <@U123|name>, <@!123>
	ArgChoice                // one of Choices
)

// Arg describes one argument of a command.
type Arg struct {
	Name     string
	Help     string
	Kind     ArgKind
	Required bool
	Choices  []string
}

// Command is one row of the command table: everything help text and the
// Slack and Discord registrations need, and the handler.
type Command struct {
	Name     string
	Usage    string // arguments as shown in help, e.g. "<skill>"
	Summary  string
	Examples []string
	Args     []Arg
	Perm     Perm
	run      func(c *call, ctx context.Context) (Message, error)
}

// call is one command being handled.
type call struct {
	b    *Bot
	req  Request
	cmd  *Command
	rest string   // the text after the command name
	args []string // rest split into words
	now  time.Time
	// me and target are loaded by authorize when the command's permission
	// needs them; target is me when the command names nobody else.
	me, target *Member
	targetID   string
	users      map[string]*Member
}
