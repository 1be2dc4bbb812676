// Package memstore is an in-memory bot.Store (and bot.Snoozer) for the
// core's unit tests, so that they need no Redis. It follows the Redis
// store's rules — command-owned profile fields, the lead hash as the
// authority on links, digest entries only while a lead has mentees,
// bounded event logs — and bot/storetest runs the same contract cases
// against both so they cannot drift. Production never uses it: the
// embedded mode runs the real storage code on miniredis.
package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// EventLimit bounds each member's event log, as storage.DefaultEventLimit.
const EventLimit = 50

// EventMaxAge drops older events, as storage.DefaultEventMaxAge.
const EventMaxAge = 90 * 24 * time.Hour

// Store is an in-memory bot.Store. It is safe for concurrent use.
type Store struct {
	mu     sync.Mutex
	scopes map[bot.Scope]*scope
}

// scope is one workspace's data.
type scope struct {
	members map[string]*bot.Member // profiles without Lead, MenteeCount, Skills
	skills  map[string]map[string]bot.SkillState
	events  map[string][]bot.Event // newest first
	lead    map[string]string      // mentee -> lead
	due     map[bot.DueKind]map[string]time.Time
	snoozed map[string]bool                 // member + "|" + week
	rights  map[string]bool                 // lead rights granted by an admin
	invites map[string]map[string]time.Time // lead -> invited mentee -> at
	dchan   map[string]bot.DigestChannel
}

var (
	_ bot.Store   = (*Store)(nil)
	_ bot.Snoozer = (*Store)(nil)
)

// New returns an empty Store.
func New() *Store { return &Store{scopes: map[bot.Scope]*scope{}} }

func (s *Store) scope(sc bot.Scope) *scope {
	d := s.scopes[sc]
	if d == nil {
		d = &scope{members: map[string]*bot.Member{}, skills: map[string]map[string]bot.SkillState{},
			events: map[string][]bot.Event{}, lead: map[string]string{},
			due: map[bot.DueKind]map[string]time.Time{bot.DueNudge: {}, bot.DueDigest: {}}, snoozed: map[string]bool{}, rights: map[string]bool{}, invites: map[string]map[string]time.Time{}, dchan: map[string]bot.DigestChannel{}}
		s.scopes[sc] = d
	}
	return d
}

// Load returns copies of the members with the given ids, nil for those
// never seen.
func (s *Store) Load(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	out := make([]*bot.Member, len(ids))
	for i, id := range ids {
		out[i] = d.member(id)
	}
	return out, nil
}

// LoadOwn returns the members' own records (bot.Store.LoadOwn).
func (s *Store) LoadOwn(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	ms, err := s.Load(ctx, sc, ids...)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	for i, m := range ms {
		if m == nil {
			continue
		}
		if d.members[m.ID] == nil && m.Lead == "" {
			ms[i] = nil
			continue
		}
		m.MenteeCount, m.LeadRights, m.Invites, m.Invited, m.DigestChannel = 0, false, nil, time.Time{}, bot.DigestChannel{}
	}
	return ms, nil
}

// member returns a copy of a profile with its skills, lead and mentee
// count, or nil.
func (d *scope) member(id string) *bot.Member {
	p := d.members[id]
	if p == nil {
		if d.lead[id] == "" && !d.rights[id] && !d.leads(id) && len(d.invites[id]) == 0 && d.dchan[id].Channel == "" {
			return nil
		}
		p = &bot.Member{ID: id} // a lead or an invited member who never joined
	}
	m := *p
	m.NudgeState.Sent = slices.Clone(p.NudgeState.Sent)
	m.Skills = maps.Clone(d.skills[id])
	if m.Skills == nil {
		m.Skills = map[string]bot.SkillState{}
	}
	m.Lead = d.lead[id]
	m.LeadRights = d.rights[id]
	m.Invited = d.invites[m.Lead][id]
	m.Invites = d.invitesOf(id)
	m.DigestChannel = d.dchan[id]
	for _, l := range d.lead {
		if l == id {
			m.MenteeCount++
		}
	}
	return &m
}

// Apply makes w's changes in the order the Redis store does: members,
// skills, events, links, schedule, unblocks, forget.
func (s *Store) Apply(ctx context.Context, sc bot.Scope, w bot.Write) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	for _, l := range w.Links {
		if l.Check && d.lead[l.Mentee] != l.Old {
			return fmt.Errorf("lead of %s is %q, not %q: %w", l.Mentee, d.lead[l.Mentee], l.Old, bot.ErrConflict)
		}
	}
	for _, m := range w.Members {
		p := &bot.Member{ID: m.ID, Name: m.Name, Stage: m.Stage, Track: m.Track, Joined: m.Joined,
			LastActive: m.LastActive, LastProgress: m.LastProgress, Nudges: m.Nudges}
		if old := d.members[m.ID]; old != nil {
			p.NudgeState = old.NudgeState // the scheduler's, not the command's
		}
		d.members[m.ID] = p
	}
	for _, sw := range w.Skills {
		if sw.State == (bot.SkillState{}) {
			delete(d.skills[sw.Member], sw.Skill)
			continue
		}
		if d.skills[sw.Member] == nil {
			d.skills[sw.Member] = map[string]bot.SkillState{}
		}
		d.skills[sw.Member][sw.Skill] = sw.State
	}
	for _, e := range w.Events {
		log := append([]bot.Event{e}, d.events[e.Member]...)
		log = log[:min(len(log), EventLimit)]
		for len(log) > 1 && log[len(log)-1].At.Before(e.At.Add(-EventMaxAge)) {
			log = log[:len(log)-1]
		}
		d.events[e.Member] = log
	}
	for _, l := range w.Links {
		if l.Lead == "" {
			delete(d.lead, l.Mentee)
		} else {
			d.lead[l.Mentee] = l.Lead
		}
	}
	for _, due := range w.Schedule {
		d.schedule(due)
	}
	for _, id := range w.Unblock {
		if p := d.members[id]; p != nil {
			p.NudgeState.Blocked = ""
		}
	}
	for _, iv := range w.Invites {
		switch {
		case iv.At.IsZero():
			delete(d.invites[iv.Lead], iv.Mentee)
		case d.invites[iv.Lead] == nil:
			d.invites[iv.Lead] = map[string]time.Time{iv.Mentee: iv.At}
		default:
			d.invites[iv.Lead][iv.Mentee] = iv.At
		}
	}
	for _, dc := range w.DigestChannels {
		if dc.Channel == "" {
			delete(d.dchan, dc.Lead)
		} else {
			d.dchan[dc.Lead] = dc
		}
	}
	for _, r := range w.Rights {
		if r.Lead {
			d.rights[r.Member] = true
		} else {
			delete(d.rights, r.Member)
		}
	}
	for _, id := range w.Forget {
		d.forget(id)
	}
	return nil
}

func (d *scope) schedule(due bot.Due) {
	q := d.due[due.Kind]
	_, exists := q[due.Member]
	switch {
	case due.Kind == bot.DueDigest && !d.leads(due.Member):
		delete(q, due.Member)
	case due.At.IsZero():
		if due.Kind == bot.DueNudge {
			delete(q, due.Member)
		}
	case due.Keep && exists:
	default:
		q[due.Member] = due.At
	}
}

// leads reports whether id has a mentee.
func (d *scope) leads(id string) bool {
	for _, l := range d.lead {
		if l == id {
			return true
		}
	}
	return false
}

func (d *scope) forget(id string) {
	lead, had := d.lead[id]
	delete(d.lead, id)
	delete(d.invites[lead], id)
	delete(d.invites, id)
	if had && !d.leads(lead) {
		delete(d.due[bot.DueDigest], lead)
	}
	for mentee, l := range d.lead {
		if l == id {
			delete(d.lead, mentee)
		}
	}
	delete(d.members, id)
	delete(d.skills, id)
	delete(d.events, id)
	delete(d.due[bot.DueNudge], id)
	delete(d.due[bot.DueDigest], id)
	delete(d.rights, id)
	delete(d.dchan, id)
}

// Mentees returns the members whose lead is lead, in id order.
func (s *Store) Mentees(ctx context.Context, sc bot.Scope, lead string) ([]*bot.Member, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	var ids []string
	for m, l := range d.lead {
		if l == lead {
			ids = append(ids, m)
		}
	}
	slices.Sort(ids)
	var out []*bot.Member
	for _, id := range ids {
		if d.members[id] != nil {
			out = append(out, d.member(id))
		}
	}
	return out, nil
}

// Leads returns every lead with their mentees' ids, sorted.
func (s *Store) Leads(ctx context.Context, sc bot.Scope) (map[string][]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for id := range s.scope(sc).rights {
		out[id] = []string{}
	}
	for m, l := range s.scope(sc).lead {
		out[l] = append(out[l], m)
	}
	for _, ms := range out {
		slices.Sort(ms)
	}
	return out, nil
}

// Invitations returns each lead's open invitations, oldest first.
func (s *Store) Invitations(ctx context.Context, sc bot.Scope, leads ...string) (map[string][]bot.Invite, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	out := map[string][]bot.Invite{}
	for _, l := range leads {
		if ivs := d.invitesOf(l); len(ivs) > 0 {
			out[l] = ivs
		}
	}
	return out, nil
}

// invitesOf returns a lead's invitations, oldest first.
func (d *scope) invitesOf(lead string) []bot.Invite {
	var ivs []bot.Invite
	for m, at := range d.invites[lead] {
		ivs = append(ivs, bot.Invite{Mentee: m, Lead: lead, At: at})
	}
	slices.SortFunc(ivs, func(a, b bot.Invite) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Mentee, b.Mentee)
	})
	return ivs
}

// Events returns up to n of a member's newest events; n <= 0: all.
func (s *Store) Events(ctx context.Context, sc bot.Scope, id string, n int) ([]bot.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.scope(sc).events[id]
	if n > 0 && n < len(log) {
		log = log[:n]
	}
	return slices.Clone(log), nil
}

// Snooze schedules one reminder of week's nudge at at, once per week.
func (s *Store) Snooze(ctx context.Context, sc bot.Scope, member, week string, at time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.scope(sc)
	if d.snoozed[member+"|"+week] {
		return false, nil
	}
	d.snoozed[member+"|"+week] = true
	d.due[bot.DueNudge][member] = at
	return true, nil
}

// Due returns a member's entry of one kind in the schedule.
func (s *Store) Due(ctx context.Context, sc bot.Scope, kind bot.DueKind, member string) (time.Time, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	at, ok := s.scope(sc).due[kind][member]
	return at, ok, nil
}

// SetState sets a member's NudgeState, as the scheduler's completions
// would, for tests of what commands do with it.
func (s *Store) SetState(sc bot.Scope, member string, st bot.NudgeState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.scope(sc).members[member]; p != nil {
		p.NudgeState = st
	}
}
