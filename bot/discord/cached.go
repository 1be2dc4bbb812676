package discord

import "github.com/mentorbot/mentorbot/bot"

var _ bot.PeopleCache = (*Adapter)(nil)

// CachedAbout names the shared-cache entries the adapter keeps about user:
// whether the id is a person, their name in the guild, the DM channel
// with them, and (in the DM
// scope) the guild they were last seen in, which routes their DMs.
func (a *Adapter) CachedAbout(sc bot.Scope, user string) []bot.CacheRef {
	return []bot.CacheRef{{Scope: sc, Key: "discord:kind:" + user}, {Scope: sc, Key: "discord:name:" + user}, {Scope: sc, Key: "discord:dm:" + user},
		{Scope: bot.Scope{Platform: Platform, Workspace: dmWorkspace}, Key: "discord:home:" + user}}
}

// InProcess returns the guild this process last saw user in.
func (a *Adapter) InProcess(sc bot.Scope, user string) map[string]string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if g, ok := a.homes[user]; ok {
		return map[string]string{"discord:home:" + user: g}
	}
	return nil
}

// Drop forgets the guild this process last saw user in.
func (a *Adapter) Drop(sc bot.Scope, user string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.homes, user)
}
