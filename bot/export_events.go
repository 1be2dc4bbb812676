package bot

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// exportEvent is one entry of the activity log in an export, said from
// the side of whoever exports it: the log holds what others did to them
// (an admin granting lead rights, a lead assigning them) and, in a lead's
// log, what their mentees did, so who did it (By) and whom it concerns
// (About) are named apart, and Summary says it in a sentence.
type exportEvent struct {
	At      time.Time `json:"at"`
	Summary string    `json:"summary"`
	Kind    EventKind `json:"kind"`
	By      string    `json:"by,omitempty"`
	About   string    `json:"about,omitempty"`
	Lead    string    `json:"lead,omitempty"`
	Skill   string    `json:"skill,omitempty"`
	Detail  string    `json:"detail,omitempty"`
}

// exportEvents labels the events of owner's log and orders them newest
// first, whatever order the store kept them in (a lead granted rights
// before joining has their join stored apart from the rest).
// name says what people call an id ("" when nobody knows): an export is a
// file, where mentions don't render and a bare id means nothing to anyone.
func exportEvents(owner string, evs []Event, name func(id string) string) []exportEvent {
	out := make([]exportEvent, 0, len(evs))
	// One look-up a person, however many events name them.
	known := map[string]string{}
	n := namer{owner: owner, name: func(id string) string {
		v, ok := known[id]
		if !ok {
			v = name(id)
			known[id] = v
		}
		return v
	}}
	for _, e := range evs {
		out = append(out, n.labelEvent(e))
	}
	slices.SortStableFunc(out, func(a, b exportEvent) int { return b.At.Compare(a.At) })
	return out
}

// labelEvent names who did e and whom it is about, as owner reads it.
func (n namer) labelEvent(e Event) exportEvent {
	owner := n.owner
	x := exportEvent{At: e.At, Kind: e.Kind, By: e.Actor, About: cmp.Or(e.Member, owner), Skill: e.Skill, Detail: e.Detail}
	by := n.who(e.Actor, "someone")
	switch e.Kind {
	case EventAssign, EventUnassign, EventInvite:
		// Detail is "mentee -> lead" (assign, invite) or "mentee -/-> lead".
		sep := " -> "
		if e.Kind == EventUnassign {
			sep = " -/-> "
		}
		if mentee, lead, ok := strings.Cut(e.Detail, sep); ok {
			x.About, x.Lead = mentee, lead
			x.Detail = ""
			m, l := n.who(mentee, "a member"), n.whose(lead, "a lead")
			switch e.Kind {
			case EventAssign:
				x.Summary = sentence(by, "made "+m+" "+l+" mentee")
			case EventUnassign:
				x.Summary = sentence(by, "took "+m+" off "+l+" mentees")
			default:
				x.Summary = sentence(by, "invited "+m+" to be "+l+" mentee")
			}
			return x
		}
	case EventJoin, EventForget, EventLeft:
		// In a lead's log these are their mentee's doing, about the mentee.
		if e.Actor != "" && e.Actor != owner {
			x.About = e.Actor
		}
	case EventDeclined, EventInviteLapsed:
		x.About = cmp.Or(e.Detail, e.Actor)
	}
	about, yours := n.who(x.About, "a member"), "your"
	switch e.Kind {
	case EventJoin:
		x.Summary = sentence(about, "joined at "+e.Detail)
	case EventStage:
		x.Summary = sentence(by, "set "+n.whose(x.About, "a member")+" stage to "+e.Detail)
	case EventTrack:
		x.Summary = sentence(by, "set "+n.whose(x.About, "a member")+" track to "+e.Detail)
	case EventLearning:
		x.Summary = sentence(by, "started "+e.Skill)
	case EventDone:
		x.Summary = sentence(by, "marked "+e.Skill+" done")
	case EventSkipped:
		x.Summary = sentence(by, "skipped "+e.Skill)
	case EventUndo:
		x.Summary = sentence(by, "undid "+e.Skill)
	case EventLeadRights:
		if e.Detail == "revoked" {
			x.Summary = sentence(by, "removed "+n.whose(x.About, "a member")+" lead rights")
		} else {
			x.Summary = sentence(by, "gave "+about+" lead rights")
		}
	case EventForget:
		x.Summary = sentence(about, "deleted their data and left "+yours+" mentees")
	case EventLeft:
		x.Summary = sentence(about, "left "+yours+" mentees")
	case EventDeclined:
		x.Summary = sentence(about, "declined "+yours+" invitation")
	case EventInviteLapsed:
		x.Summary = sentence(yours, "invitation to "+about+" lapsed")
	default:
		// The scheduler's records: a nudge or digest not sent, and why.
		x.Summary = strings.ReplaceAll(string(e.Kind), "-", " ")
		if e.Detail != "" {
			x.Summary += ": " + e.Detail
		}
		x.Summary = sentence("", x.Summary)
	}
	return x
}

// namer names people in an export's sentences from the side of its owner.
type namer struct {
	owner string
	name  func(id string) string
}

// who is "you" for the owner of the export, else their name, else the
// neutral words given ("a lead"), never the bare id.
func (n namer) who(id, neutral string) string {
	switch {
	case id == n.owner:
		return "you"
	case id == "":
		return "someone"
	}
	if s := n.name(id); s != "" {
		return s
	}
	return neutral
}

// whose is "your" for the owner of the export, else "Name's" or the
// neutral words' possessive.
func (n namer) whose(id, neutral string) string {
	if id == n.owner {
		return "your"
	}
	return n.who(id, neutral) + "'s"
}

// sentence joins a subject and the rest and ends it with a full stop;
// only its own words ("you", "someone", "a lead") are capitalized, since names are kept as people wrote them.
func sentence(subject, rest string) string {
	s := rest
	if subject != "" {
		s = subject + " " + rest
	}
	if strings.HasPrefix(s, "you") || strings.HasPrefix(s, "someone") || strings.HasPrefix(s, "a ") || strings.HasPrefix(s, "nudge") || strings.HasPrefix(s, "digest") {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s + "."
}
