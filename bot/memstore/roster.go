package memstore

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// stuckKey is bot.StuckAt as the Redis store scores it: unix ms, +inf for
// never.
func stuckKey(m *bot.Member) float64 {
	at := bot.StuckAt(m)
	if at.IsZero() {
		return math.Inf(1)
	}
	return float64(at.UnixMilli())
}

// roster returns lead's mentees that have a profile, in the Redis store's
// roster order: StuckAt, then id.
func (d *scope) roster(lead string) []*bot.Member {
	var out []*bot.Member
	for id, l := range d.lead {
		if l == lead {
			if m := d.member(id); d.members[id] != nil {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b *bot.Member) int {
		return cmp.Or(cmp.Compare(stuckKey(a), stuckKey(b)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// moved is the Redis store's count of progress since q.MovedSince: unix
// ms, from that instant on.
func moved(m *bot.Member, q bot.PageQuery) bool {
	return !q.MovedSince.IsZero() && !m.LastProgress.IsZero() && m.LastProgress.UnixMilli() >= q.MovedSince.UnixMilli()
}

func stuckAt(m *bot.Member, at time.Time) bool { return stuckKey(m) <= float64(at.UnixMilli()) }

func page[T any](all []T, q bot.PageQuery) []T {
	if q.Limit <= 0 || q.Offset >= len(all) {
		return nil
	}
	return slices.Clone(all[max(q.Offset, 0):min(max(q.Offset, 0)+q.Limit, len(all))])
}

// MenteePage returns one page of lead's mentees, stuck first.
func (s *Store) MenteePage(ctx context.Context, sc bot.Scope, lead string, q bot.PageQuery) (bot.MenteePage, error) {
	if err := ctx.Err(); err != nil {
		return bot.MenteePage{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.scope(sc).roster(lead)
	p := bot.MenteePage{Total: len(all), Members: page(all, q)}
	var movers []*bot.Member
	for _, m := range all {
		if stuckAt(m, q.At) {
			p.Stuck++
		}
		if moved(m, q) {
			movers = append(movers, m)
		}
	}
	slices.SortFunc(movers, func(a, b *bot.Member) int {
		return cmp.Or(b.LastProgress.Compare(a.LastProgress), cmp.Compare(b.ID, a.ID))
	})
	p.MovedCount = len(movers)
	if !q.MovedCountOnly {
		p.Moved = page(movers, bot.PageQuery{Limit: q.Limit})
	}
	return p, nil
}

// TeamPage returns one page of the scope's leads, longest stuck first.
func (s *Store) TeamPage(ctx context.Context, sc bot.Scope, q bot.PageQuery) (bot.TeamPage, error) {
	if err := ctx.Err(); err != nil {
		return bot.TeamPage{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	type lead struct {
		bot.LeadSummary
		first float64
	}
	seen := map[string]bool{}
	var leads []lead
	invited := 0
	for _, ivs := range d.invites {
		invited += len(ivs)
	}
	p := bot.TeamPage{MenteeCount: len(d.lead) - invited} // invitations are no mentees yet
	for _, id := range d.lead {
		if seen[id] {
			continue
		}
		seen[id] = true
		ms := d.roster(id)
		if len(ms) == 0 {
			continue
		}
		l := lead{LeadSummary: bot.LeadSummary{ID: id, Mentees: len(ms)}, first: stuckKey(ms[0])}
		if m := d.members[id]; m != nil {
			l.Name = m.Name
		}
		for _, m := range ms {
			if stuckAt(m, q.At) {
				l.Stuck++
			}
			if m.LastProgress.After(l.LastProgress) {
				l.LastProgress = m.LastProgress
			}
			if moved(m, q) {
				l.Moved++
			}
		}
		p.Stuck += l.Stuck
		leads = append(leads, l)
	}
	slices.SortFunc(leads, func(a, b lead) int { return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(a.ID, b.ID)) })
	p.LeadCount = len(leads)
	for _, l := range page(leads, q) {
		p.Leads = append(p.Leads, l.LeadSummary)
	}
	return p, nil
}
