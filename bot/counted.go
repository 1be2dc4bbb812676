package bot

import "context"

// counted is the Store as one command sees it: it counts the round trips
// the command spent (each method is one, Mentees two), so that what a
// command does besides its own work (touch) keeps to the two round trips
// a command may cost.
type counted struct{ c *call }

var _ Store = counted{}

func (s counted) Load(ctx context.Context, sc Scope, ids ...string) ([]*Member, error) {
	s.c.trips++
	return s.c.b.store.Load(ctx, sc, ids...)
}

func (s counted) LoadOwn(ctx context.Context, sc Scope, ids ...string) ([]*Member, error) {
	s.c.trips++
	return s.c.b.store.LoadOwn(ctx, sc, ids...)
}

func (s counted) Apply(ctx context.Context, sc Scope, w Write) error {
	s.c.trips++
	return s.c.b.store.Apply(ctx, sc, w)
}

func (s counted) Mentees(ctx context.Context, sc Scope, lead string) ([]*Member, error) {
	s.c.trips += 2
	return s.c.b.store.Mentees(ctx, sc, lead)
}

func (s counted) Leads(ctx context.Context, sc Scope) (map[string][]string, error) {
	s.c.trips++
	return s.c.b.store.Leads(ctx, sc)
}

func (s counted) Events(ctx context.Context, sc Scope, id string, n int) ([]Event, error) {
	s.c.trips++
	return s.c.b.store.Events(ctx, sc, id, n)
}

func (s counted) Invitations(ctx context.Context, sc Scope, leads ...string) (map[string][]Invite, error) {
	s.c.trips++
	return s.c.b.store.Invitations(ctx, sc, leads...)
}

func (s counted) MenteePage(ctx context.Context, sc Scope, lead string, q PageQuery) (MenteePage, error) {
	s.c.trips++
	return s.c.b.store.MenteePage(ctx, sc, lead, q)
}

func (s counted) TeamPage(ctx context.Context, sc Scope, q PageQuery) (TeamPage, error) {
	s.c.trips++
	return s.c.b.store.TeamPage(ctx, sc, q)
}
