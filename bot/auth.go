package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// refusal is the one answer to anything a person may not see or do. It
// says nothing about whether the named person exists.
const refusal = "Sorry, you can't do that for that member."

// authorize is the single place rights are checked, from the command's
// Perm. It loads the caller and any member the arguments name in one round
// trip, so handlers find them in c.me, c.target and c.users.
func (c *call) authorize(ctx context.Context, perm Perm) error {
	switch perm {
	case Anyone:
		return nil
	case Admin:
		// Admin rights come from the platform and ADMIN_USERS, so the
		// check costs no round trip.
		if !c.b.isAdmin(c.req) {
			return c.notAdmin("do that")
		}
		return nil
	}
	if err := c.load(ctx); err != nil {
		return err
	}
	admin := c.b.isAdmin(c.req)
	switch perm {
	case Joined:
		if !c.me.HasJoined() {
			return refuse("%s", "You haven't joined yet. Start with `/mentor join` (or `/mentor join mid`)."+c.leadHint())
		}
	case SelfLeadAdmin:
		if c.targetID == c.req.User {
			if !c.me.HasJoined() {
				return refuse("%s", "You haven't joined yet. Start with `/mentor join`."+c.leadHint())
			}
			return nil
		}
		if !admin && (c.target == nil || c.target.Lead != c.req.User) {
			return refuse(refusal)
		}
		if !c.target.HasJoined() {
			return refuse("That member hasn't joined yet.")
		}
	case LeadOrAdmin:
		if !c.isLead() {
			return c.notLead()
		}
	}
	return nil
}

// isLead reports whether the caller has lead rights: an admin, a lead by
// the platform's role (DISCORD_LEAD_ROLE, SLACK_LEAD_GROUP), granted by an
// admin, or leading someone. None of them needs to have joined. It needs
// c.me loaded.
func (c *call) isLead() bool {
	return c.b.isAdmin(c.req) || c.req.Role >= RoleLead || c.me != nil && (c.me.LeadRights || c.me.MenteeCount > 0)
}

// leadHint tells a lead who never joined what works for them anyway.
func (c *call) leadHint() string {
	if !c.isLead() {
		return ""
	}
	return " As a lead you don't need to: `/mentor mentees`, `/mentor assign @member` and `/mentor digest time mon 09:00` (your digest's time) work as you are."
}

// load fetches the caller and every member the arguments name.
func (c *call) load(ctx context.Context) error {
	ids := []string{c.req.User}
	if c.cmd != nil {
		for _, a := range c.cmd.Args {
			if v, ok := c.args[a.Name]; ok && a.Kind == ArgUser && !slices.Contains(ids, v.User) {
				ids = append(ids, v.User)
			}
		}
	}
	ms, err := c.loadMembers(ctx, ids)
	if err != nil {
		return err
	}
	// Every command that writes loads first, and the load (or an adapter's
	// look-up before it) has set the request's replay mark by now.
	if Replayed(ctx) {
		return errReplayed
	}
	c.users = make(map[string]*Member, len(ids))
	for i, id := range ids {
		c.users[id] = ms[i]
	}
	c.me = ms[0]
	c.targetID = c.req.User
	if len(ids) > 1 {
		c.targetID = ids[1]
	}
	c.target = c.users[c.targetID]
	return nil
}

// loadMembers loads ids, only their own records when the command is Own
// and all of them have joined; else (a refusal is coming, whose hint says
// what they are as a lead) whole.
func (c *call) loadMembers(ctx context.Context, ids []string) ([]*Member, error) {
	if c.cmd == nil || !c.cmd.Own {
		return c.store.Load(ctx, c.req.Scope, ids...)
	}
	ms, err := c.store.LoadOwn(ctx, c.req.Scope, ids...)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if !m.HasJoined() {
			return c.store.Load(ctx, c.req.Scope, ids...)
		}
	}
	return ms, nil
}

// A refusal for missing rights says who asked, since a shared channel or a
// forwarded screenshot leaves it unclear, and who can grant the rights, so
// that the person knows whom to ask.

// notLead refuses a lead's command to someone without lead rights.
func (c *call) notLead() error {
	me := mention(c.req.User)
	who, ok := c.b.anAdmin(c.req.Scope)
	if !ok {
		return refuse("Only leads and admins can do that, and you (%s) aren't a lead here. %s", me, c.noAdmins())
	}
	return refuse("Only leads and admins can do that, and you (%s) aren't a lead here; %s can make you one with `/mentor leads add %s`.",
		me, who, me)
}

// notAdmin refuses an admin's command (what: "do that") to someone
// without admin rights.
func (c *call) notAdmin(what string) error {
	who, ok := c.b.anAdmin(c.req.Scope)
	if !ok {
		return refuse("Only admins can %s, and you (%s) aren't one here. %s", what, mention(c.req.User), c.noAdmins())
	}
	return refuse("Only admins can %s, and you (%s) aren't one here; ask %s.", what, mention(c.req.User), who)
}

// noAdmins says how to become an admin where nobody can grant it: on the
// console the person running it names themselves in ADMIN_USERS.
func (c *call) noAdmins() string {
	return fmt.Sprintf("Nobody is an admin here: start mentorbot with `ADMIN_USERS=%s` to be one; admins do what leads do and make others leads with `/mentor leads add @name`.", c.req.User)
}

// maxNamedAdmins bounds how many of ADMIN_USERS a refusal names.
const maxNamedAdmins = 3

// anAdmin names the admins of ADMIN_USERS, "an admin (@boss, @kim)", or
// when there are none the platform's own ("a workspace admin"), which the
// core cannot list; false when the platform has none either (the console).
func (b *Bot) anAdmin(sc Scope) (string, bool) {
	ids := make([]string, 0, len(b.admins))
	for id := range b.admins {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		if n, ok := b.messenger(sc).(AdminNamer); ok {
			who := n.PlatformAdmins()
			return who, who != ""
		}
		return "a workspace admin", true
	}
	slices.Sort(ids)
	names := make([]string, 0, maxNamedAdmins+1)
	for i, id := range ids {
		if i == maxNamedAdmins {
			names = append(names, fmt.Sprintf("%d more", len(ids)-i))
			break
		}
		names = append(names, mention(id))
	}
	return "an admin (" + strings.Join(names, ", ") + ")", true
}
