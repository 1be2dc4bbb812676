package bot

import (
	"context"
	"fmt"
)

// CacheRef names one shared-cache entry: its key in a scope's cache, or,
// with Member set, its key among what the cache keeps with that member's
// own record (MemberCache).
type CacheRef struct {
	Scope  Scope
	Key    string
	Member string
}

// MemberCache is a Cache that can keep a value with a member's own record
// (storage keeps it in their profile while they have one), which forget
// then deletes with it.
type MemberCache interface {
	GetFor(ctx context.Context, sc Scope, member, key string) (string, error)
	DeleteFor(ctx context.Context, sc Scope, member, key string) error
}

// PeopleCache is an adapter that keeps what its platform says about people
// (a profile, a DM channel, whether an id is a person) in the shared cache
// and in its process. `export` shows it and `forget` drops it, since it
// is data about the person as much as their profile is.
type PeopleCache interface {
	// CachedAbout names the shared-cache entries that may hold something
	// about user of sc.
	CachedAbout(sc Scope, user string) []CacheRef
	// InProcess returns what this process holds about user of sc, by name.
	InProcess(sc Scope, user string) map[string]string
	// Drop forgets what this process holds about user of sc.
	Drop(sc Scope, user string)
}

// CacheDeleter is a Cache that can delete entries.
type CacheDeleter interface {
	Delete(ctx context.Context, sc Scope, keys ...string) error
}

// exportCached is one cached entry about someone, in their export.
type exportCached struct {
	Where string `json:"where"` // "redis" (the shared cache) or "process"
	Key   string `json:"key"`
	Value string `json:"value"`
}

// peopleCache is the adapter of sc's platform when it caches people.
func (b *Bot) peopleCache(sc Scope) (PeopleCache, bool) {
	pc, ok := b.messenger(sc).(PeopleCache)
	return pc, ok
}

// cachedAbout reads every cached entry about user for their export.
func (b *Bot) cachedAbout(ctx context.Context, sc Scope, user string) ([]exportCached, error) {
	pc, ok := b.peopleCache(sc)
	if !ok {
		return nil, nil
	}
	var out []exportCached
	if b.cache != nil {
		mc, withMember := b.cache.(MemberCache)
		for _, r := range pc.CachedAbout(sc, user) {
			var v string
			var err error
			switch {
			case r.Member == "":
				v, err = b.cache.Get(ctx, r.Scope, r.Key)
			case withMember:
				v, err = mc.GetFor(ctx, r.Scope, r.Member, r.Key)
			}
			if err != nil {
				return nil, fmt.Errorf("export cache of %s: %w", user, err)
			}
			if v != "" {
				out = append(out, exportCached{Where: "redis", Key: r.Key, Value: v})
			}
		}
	}
	for k, v := range pc.InProcess(sc, user) {
		out = append(out, exportCached{Where: "process", Key: k, Value: v})
	}
	return out, nil
}

// forgetCached drops every cached entry about user, in this process and
// in the shared cache. Other replicas' in-process entries run out on
// their own (minutes).
func (b *Bot) forgetCached(ctx context.Context, sc Scope, user string) error {
	pc, ok := b.peopleCache(sc)
	if !ok {
		return nil
	}
	pc.Drop(sc, user)
	del, ok := b.cache.(CacheDeleter)
	if !ok {
		return nil
	}
	mc, withMember := b.cache.(MemberCache)
	byScope := map[Scope][]string{}
	for _, r := range pc.CachedAbout(sc, user) {
		switch {
		case r.Member == "":
			byScope[r.Scope] = append(byScope[r.Scope], r.Key)
		case withMember:
			if err := mc.DeleteFor(ctx, r.Scope, r.Member, r.Key); err != nil {
				return fmt.Errorf("forget cache of %s: %w", user, err)
			}
		}
	}
	for s, keys := range byScope {
		if err := del.Delete(ctx, s, keys...); err != nil {
			return fmt.Errorf("forget cache of %s: %w", user, err)
		}
	}
	return nil
}
