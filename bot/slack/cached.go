package slack

import "github.com/mentorbot/mentorbot/bot"

var _ bot.PeopleCache = (*Adapter)(nil)

// CachedAbout names the shared-cache entries the adapter keeps about user:
// users.info's answer (rights, zone, name), whether the id is a person,
// and the DM channel with them.
func (a *Adapter) CachedAbout(sc bot.Scope, user string) []bot.CacheRef {
	who := bot.CacheRef{Scope: sc, Key: "slack:who:" + user}
	if _, ok := a.cfg.Cache.(memberCache); ok {
		who = bot.CacheRef{Scope: sc, Key: whoKey, Member: user} // as lookup keeps it
	}
	return []bot.CacheRef{who, {Scope: sc, Key: "slack:kind:" + user}, {Scope: sc, Key: "slack:dm:" + user}}
}

// InProcess returns the users.info answer this process holds about user.
func (a *Adapter) InProcess(sc bot.Scope, user string) map[string]string {
	p, ok := a.people.learnt(sc.Workspace+"/"+user, a.now())
	if !ok {
		return nil
	}
	return map[string]string{"slack:who:" + user: p.encode()}
}

// Drop forgets the users.info answer this process holds about user.
func (a *Adapter) Drop(sc bot.Scope, user string) { a.people.drop(sc.Workspace+"/"+user, a.now()) }
