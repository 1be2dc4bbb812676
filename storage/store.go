package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Defaults for Options.
const (
	DefaultEventLimit  = 50
	DefaultEventMaxAge = 90 * 24 * time.Hour
	DefaultTimeout     = 1500 * time.Millisecond
)

// Options tune a Store; the zero value is usable.
type Options struct {
	// EventLimit bounds each member's event log (default DefaultEventLimit).
	EventLimit int
	// EventMaxAge drops events older than this before the newest of a
	// write (default DefaultEventMaxAge), a few per write.
	EventMaxAge time.Duration
	// Timeout bounds each call, retries included, when the caller's
	// context allows longer (default DefaultTimeout; negative: none), so
	// that an outage is answered quickly. It needs a client that honours
	// context deadlines (ContextTimeoutEnabled, as Open and Embedded set).
	Timeout time.Duration
}

// Store is the Redis implementation of bot.Store and bot.Cache. It is safe
// for concurrent use.
type Store struct {
	rdb     redis.UniversalClient
	limit   int
	maxAge  time.Duration
	timeout time.Duration
	cluster bool // the global workspaces set cannot join a scope's MULTI

	// scriptsSent is set once a write sent the write path's scripts as
	// EVAL, which leaves them cached on the server; later writes send
	// EVALSHA (shaCalls). Not on a cluster, whose nodes each cache their
	// own: there every write sends EVAL.
	scriptsSent atomic.Bool

	mu         sync.Mutex
	registered map[bot.Scope]bool // scopes known to be in WorkspacesKey

	codes codeCache // what this process learnt of the skill code books

	stored stored // what the members that loads returned held (stored.go)
}

var (
	_ bot.Store = (*Store)(nil)
	_ bot.Cache = (*Store)(nil)
)

// New returns a Store on rdb with default options.
func New(rdb redis.UniversalClient) *Store { return NewWithOptions(rdb, Options{}) }

// NewWithOptions returns a Store on rdb.
func NewWithOptions(rdb redis.UniversalClient, o Options) *Store {
	if o.EventLimit <= 0 {
		o.EventLimit = DefaultEventLimit
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.EventMaxAge <= 0 {
		o.EventMaxAge = DefaultEventMaxAge
	}
	_, cluster := rdb.(*redis.ClusterClient)
	return &Store{rdb: rdb, limit: o.EventLimit, maxAge: o.EventMaxAge, timeout: o.Timeout, cluster: cluster, registered: map[bot.Scope]bool{}}
}

// bound applies the Store's timeout to ctx, and the deadline of the
// request it is made for (bot.WithStoreDeadline), whichever comes first.
func (s *Store) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	at, ok := bot.StoreDeadline(ctx) // the request's, shared by its calls
	if s.timeout >= 0 {
		if own := time.Now().Add(s.timeout); !ok || own.Before(at) {
			at, ok = own, true
		}
	}
	if !ok {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, at)
}

// Load returns the members with the given ids, in order, with their skills;
// a member never seen is nil. It is one pipelined round trip.
func (s *Store) Load(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	return s.load(ctx, sc, true, ids)
}

// LoadOwn returns the members' own records (bot.Store): profile, skills
// and lead, three reads a member in one round trip where Load has eight.
func (s *Store) LoadOwn(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	return s.load(ctx, sc, false, ids)
}

// leadSide is what Load reads of a member as a lead or an invitee, and
// LoadOwn leaves out.
type leadSide struct {
	chans, invited *redis.StringCmd
	invites        *redis.MapStringStringCmd
	count          *redis.IntCmd
	rights         *redis.BoolCmd
}

// load reads ids in one pipeline: profile, skills and lead, and with whole
// their lead side too.
func (s *Store) load(ctx context.Context, sc bot.Scope, whole bool, ids []string) ([]*bot.Member, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	for _, id := range ids {
		if err := checkID("member id", id); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, 0, 2*len(ids))
	leads := make([]*redis.StringCmd, 0, len(ids))
	var sides []leadSide
	if whole {
		sides = make([]leadSide, 0, len(ids))
	}
	mark := s.replayMark(ctx, sc)
	learn := func() {}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		mark.queue(ctx, p)
		learn = s.queueBook(ctx, p, sc, k)
		for _, id := range ids {
			if whole {
				sides = append(sides, leadSide{chans: p.HGet(ctx, k.dchan(), id), invited: p.HGet(ctx, k.invited(), id),
					invites: p.HGetAll(ctx, k.invites(id)), count: p.SCard(ctx, k.mentees(id)), rights: p.SIsMember(ctx, k.rights(), id)})
			}
			cmds = append(cmds, p.HGetAll(ctx, k.member(id)), p.HGetAll(ctx, k.skills(id)))
			leads = append(leads, p.HGet(ctx, k.lead(), id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, wrap(err, "load %d members in %s", len(ids), sc)
	}
	mark.report()
	learn()
	out := make([]*bot.Member, len(ids))
	for i, id := range ids {
		m, err := decodeMember(id, cmds[2*i].Val(), cmds[2*i+1].Val())
		if err != nil {
			return nil, fmt.Errorf("load in %s: %w", sc, err)
		}
		lead := leads[i].Val()
		var side leadSide
		if whole {
			side = sides[i]
		}
		if m == nil && (lead != "" || whole && (side.count.Val() > 0 || side.rights.Val() || side.chans.Val() != "")) {
			// A lead or an invited member who never joined.
			m = &bot.Member{ID: id, Skills: map[string]bot.SkillState{}}
		}
		if m == nil {
			continue
		}
		// The lead hash, written only by the link script, is the authority
		// on who leads whom; a whole-profile write made from an older read
		// cannot undo an assignment.
		m.Lead = lead
		if whole {
			side.fill(m)
		}
		out[i] = m
		s.stored.note(m, storedAs{sc: sc, id: id, fields: heldFields(cmds[2*i].Val()), legacy: hasLegacySkills(cmds[2*i+1].Val())})
	}
	if err := s.nameMembers(ctx, sc, k, out); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return out, nil
}

// fill sets m's lead side from what the pipeline read.
func (side leadSide) fill(m *bot.Member) {
	m.MenteeCount, m.LeadRights = int(side.count.Val()), side.rights.Val()
	m.Invites = decodeInvites(m.ID, side.invites.Val())
	if ch, mode, ok := strings.Cut(side.chans.Val(), "|"); ok {
		m.DigestChannel = bot.DigestChannel{Lead: m.ID, Channel: ch, Only: mode == "only"}
	}
	if l, at, ok := strings.Cut(side.invited.Val(), "|"); ok && l == m.Lead {
		if ms, err := strconv.ParseInt(at, 10, 64); err == nil {
			m.Invited = time.UnixMilli(ms).UTC()
		}
	}
}

// Apply writes w in one MULTI/EXEC round trip, in this order: members'
// command-owned fields (their profile hash fields are replaced), skills,
// events, links, the schedule (after the links, so that a digest entry
// sees the mentees the write leaves its lead), unblocks, and last Forget,
// so a Write that both changes and forgets a member leaves nothing of them.
//
// The first time a Store schedules a member of a scope, it also adds the
// scope to WorkspacesKey: inside the same transaction on a single server or
// Sentinel setup, and in one extra round trip before it on a cluster, where
// that key lives in another slot.
func (s *Store) Apply(ctx context.Context, sc bot.Scope, w bot.Write) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	if err := checkWrite(w); err != nil {
		return fmt.Errorf("apply in %s: %w", sc, err)
	}
	codes := s.knownCodes(sc, skillIDs(w))
	logs, err := eventLogs(w, codes)
	if err != nil {
		return fmt.Errorf("apply in %s: %w", sc, err)
	}
	register := s.mustRegister(sc, w.Schedule)
	if register && s.cluster {
		if err := s.rdb.SAdd(ctx, WorkspacesKey, sc.String()).Err(); err != nil {
			return wrap(err, "apply in %s: register scope", sc)
		}
	}
	var sha *shaCalls // EVAL, see shaCalls
	if !checked(w.Links) && !s.cluster && s.scriptsSent.Load() {
		sha = &shaCalls{}
	}
	learn := func() {}
	queue := func(p redis.Pipeliner) error {
		learn = s.queueWrite(ctx, p, sc, k, w, codes, logs, sha)
		if register && !s.cluster {
			p.SAdd(ctx, WorkspacesKey, sc.String())
		}
		if !s.cluster {
			lowerFor(ctx, p, sc, w.Schedule) // the due index, after the entries (index.go)
		}
		if len(w.Forget) > 0 {
			index(ctx, p, k, "forget", w.Forget)
			forgetScript.Eval(ctx, p, []string{k.lead()}, prefixed(k, w.Forget)...)
		}
		return nil
	}
	if err := ctx.Err(); err != nil {
		// The request's deadline is spent: nothing is sent, so "try
		// again" is true.
		return wrap(err, "apply in %s", sc)
	}
	if checked(w.Links) {
		err = s.applyChecked(ctx, k, w.Links, queue)
	} else {
		var cmds []redis.Cmder
		cmds, err = s.rdb.TxPipelined(ctx, queue)
		err = sha.redo(ctx, s.rdb, cmds, err)
		if err == nil {
			s.scriptsSent.Store(true)
		}
	}
	if err != nil {
		s.stored.forget(w.Members)
	}
	if errors.Is(err, bot.ErrConflict) {
		return fmt.Errorf("apply in %s: %w", sc, err)
	}
	if err != nil {
		return wrapWrite(err, "apply in %s", sc)
	}
	learn()
	if s.cluster && (!earliest(w.Schedule, bot.DueNudge).IsZero() || !earliest(w.Schedule, bot.DueDigest).IsZero()) {
		// The index is in another slot: written after the entries, so a
		// Settle running meanwhile sees them on its second read.
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			lowerFor(ctx, p, sc, w.Schedule)
			return nil
		}); err != nil {
			return wrapWrite(err, "apply in %s: due index", sc)
		}
	}
	if register {
		s.mu.Lock()
		s.registered[sc] = true
		s.mu.Unlock()
	}
	return nil
}

// queueWrite queues the writes of w but Forget on p; learn, called once
// p has run, records the skill codes it assigned.
func (s *Store) queueWrite(ctx context.Context, p redis.Pipeliner, sc bot.Scope, k keys, w bot.Write, codes map[string]string, logs eventLog, sha *shaCalls) (learn func()) {
	var known []storedAs // of members a load returned, as written here
	var noted []*bot.Member
	for _, m := range w.Members {
		// Fields the scheduler and the link script own are left to them,
		// so a command that read the profile earlier cannot undo them.
		f := profileFields(m)
		bits, held := fieldBits(f), allFields()
		as, ok := s.stored.of(sc, m)
		if ok {
			// Only what the load saw may need deleting: an HDEL of
			// fields never stored is a command for nothing.
			held = as.fields
			as.fields = bits
			known, noted = append(known, as), append(noted, m)
		}
		if gone := emptyFields(held &^ bits); len(gone) > 0 {
			p.HDel(ctx, k.member(m.ID), gone...)
		}
		p.HSet(ctx, k.member(m.ID), f...)
	}
	learnCodes := s.queueSkills(ctx, p, sc, k, w.Skills, codes, known)
	learn = func() {
		learnCodes()
		for i, m := range noted {
			s.stored.note(m, known[i])
		}
	}
	for id, ev := range logs.joins {
		p.HSet(ctx, k.member(id), fJoinEvent, ev)
	}
	if len(w.Links) > 0 {
		args := make([]any, 1, 1+3*len(w.Links))
		args[0] = k.prefix
		linked := make([]string, 0, len(w.Links))
		for _, l := range w.Links {
			args = append(args, l.Mentee, l.Lead, l.Old)
			linked = append(linked, l.Mentee)
		}
		index(ctx, p, k, "drop", linked) // from their old leads' rosters
		linkScript.Eval(ctx, p, []string{k.lead()}, args...)
		index(ctx, p, k, "add", linked) // to their new leads'
	}
	var digests []bot.Due
	for _, d := range w.Schedule {
		switch {
		case d.Kind == bot.DueDigest:
			digests = append(digests, d)
		case d.At.IsZero():
			p.ZRem(ctx, k.due(), d.Member)
		case d.Keep:
			p.ZAddNX(ctx, k.due(), redis.Z{Score: float64(d.At.UnixMilli()), Member: d.Member})
		default:
			p.ZAdd(ctx, k.due(), redis.Z{Score: float64(d.At.UnixMilli()), Member: d.Member})
		}
	}
	if len(digests) > 0 {
		digestsScript.Eval(ctx, p, []string{k.digest()}, digestArgs(k, digests)...)
	}
	for _, id := range w.Unblock {
		p.HDel(ctx, k.member(id), fBlock)
	}
	for _, iv := range w.Invites {
		if iv.At.IsZero() {
			p.HDel(ctx, k.invites(iv.Lead), iv.Mentee)
			p.HDel(ctx, k.invited(), iv.Mentee)
		} else {
			p.HSet(ctx, k.invites(iv.Lead), iv.Mentee, msArg(iv.At))
			p.HSet(ctx, k.invited(), iv.Mentee, iv.Lead+"|"+msArg(iv.At))
		}
	}
	for _, dc := range w.DigestChannels {
		switch {
		case dc.Channel == "":
			p.HDel(ctx, k.dchan(), dc.Lead)
		case dc.Only:
			p.HSet(ctx, k.dchan(), dc.Lead, dc.Channel+"|only")
		default:
			p.HSet(ctx, k.dchan(), dc.Lead, dc.Channel+"|also")
		}
	}
	for _, r := range w.Rights {
		if r.Lead {
			p.SAdd(ctx, k.rights(), r.Member)
		} else {
			p.SRem(ctx, k.rights(), r.Member)
		}
	}
	ids := make([]string, len(w.Members))
	for i, m := range w.Members {
		ids[i] = m.ID
	}
	// Last: the events, and the re-index of the members written (progress
	// and joining move StuckAt), which reads what came before.
	s.writeLog(ctx, p, k, logs, ids, sha)
	return learn
}

// eventLog is a Write's events encoded, by member, in first-seen order.
// A member's own join event, written with their profile, goes into the
// profile (fJoinEvent) instead of their log.
type eventLog struct {
	order  []string
	by     map[string][]any
	newest map[string]time.Time
	joins  map[string]string
}

func eventLogs(w bot.Write, codes map[string]string) (eventLog, error) {
	l := eventLog{by: make(map[string][]any), newest: make(map[string]time.Time), joins: make(map[string]string)}
	for _, e := range w.Events {
		js, err := encodeEvent(e, codes[e.Skill])
		if err != nil {
			return l, fmt.Errorf("event: %w", err)
		}
		own := e.Actor == e.Member
		if i := slices.IndexFunc(w.Members, func(m *bot.Member) bool { return m != nil && m.ID == e.Member }); e.Kind == bot.EventJoin && own && l.joins[e.Member] == "" && i >= 0 {
			if e.At.UnixMilli() == w.Members[i].Joined.UnixMilli() && !e.At.IsZero() {
				js = "=" + e.Detail // at the profile's joined time: the detail is all it takes
			}
			l.joins[e.Member] = js
			continue
		}
		if _, ok := l.by[e.Member]; !ok {
			l.order = append(l.order, e.Member)
		}
		l.by[e.Member] = append(l.by[e.Member], js)
		if e.At.After(l.newest[e.Member]) {
			l.newest[e.Member] = e.At
		}
	}
	return l, nil
}

// writeLogSrc pushes events onto event logs and bounds each, then
// re-indexes members in their lead's roster (indexSrc's "add"): one
// script call for what a `done` writes besides its hashes. KEYS[1] is the
// lead hash, KEYS[1+j] the j-th log; ARGV[1] the prefix, ARGV[2] how many
// events a log keeps, ARGV[3] the number of logs, then per log the unix ms
// before which its events are dropped, the number of its events and the
// events (oldest first, as LPUSH takes them); the rest are the ids to
// re-index.
const writeLogSrc = luaStuckAt + luaLeadSummary + luaReindex + `
local p, limit, n, i = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), 4
for j = 1, n do
  local log, cutoff, count = KEYS[1 + j], tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  -- trimmed only when over the limit: an LTRIM that keeps everything is a
  -- command for nothing
  if redis.call('LPUSH', log, unpack(ARGV, i + 2, i + 1 + count)) > limit then
    redis.call('LTRIM', log, 0, limit - 1)
  end
  -- events older than cutoff go from the oldest end, a few a write (each
  -- write trims, so the log keeps up)
  for _ = 1, 8 do
    local last = redis.call('LINDEX', log, -1)
    if not last then break end
    local t
    if string.sub(last, 1, 1) == '{' then
      t = tonumber(string.match(last, '"t":(%d+)'))
    else
      t = tonumber(string.match(last, '^([0-9a-z]+)'), 36)
    end
    if t and t < cutoff then redis.call('RPOP', log) else break end
  end
  i = i + 2 + count
end
return reindex(p, KEYS[1], 'add', ARGV, i)
`

var writeLogScript = script(writeLogSrc)

// writeLog queues writeLogSrc for logs and the members ids, if any.
func (s *Store) writeLog(ctx context.Context, p redis.Pipeliner, k keys, logs eventLog, ids []string, sha *shaCalls) {
	if len(logs.order) == 0 && len(ids) == 0 {
		return
	}
	ks := make([]string, 1, 1+len(logs.order))
	ks[0] = k.lead()
	args := make([]any, 3, 3+len(ids)+4*len(logs.order))
	args[0], args[1], args[2] = k.prefix, s.limit, len(logs.order)
	for _, id := range logs.order {
		ks = append(ks, k.events(id))
		args = append(args, logs.newest[id].Add(-s.maxAge).UnixMilli(), len(logs.by[id]))
		args = append(args, logs.by[id]...)
	}
	for _, id := range ids {
		args = append(args, id)
	}
	sha.run(ctx, p, writeLogScript, ks, args...)
}

// mustRegister reports whether a write scheduling these entries must add
// the scope to WorkspacesKey: it schedules someone, and this Store has not
// registered the scope yet.
func (s *Store) mustRegister(sc bot.Scope, ds []bot.Due) bool {
	if !slices.ContainsFunc(ds, func(d bot.Due) bool { return !d.At.IsZero() }) {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.registered[sc]
}

// prefixed is the ARGV of a script taking the scope prefix, then ids.
func prefixed(k keys, ids []string) []any {
	args := make([]any, 1, 1+len(ids))
	args[0] = k.prefix
	for _, id := range ids {
		args = append(args, id)
	}
	return args
}

// checkWrite validates every id in w before anything is sent.
func checkWrite(w bot.Write) error {
	var errs []error
	id := func(what, v string) {
		if err := checkID(what, v); err != nil {
			errs = append(errs, err)
		}
	}
	opt := func(what, v string) {
		if v != "" {
			id(what, v)
		}
	}
	for _, m := range w.Members {
		if m == nil {
			errs = append(errs, errors.New("nil member"))
			continue
		}
		id("member id", m.ID)
		opt("lead id", m.Lead)
	}
	for _, sw := range w.Skills {
		id("member id", sw.Member)
		if sw.Skill == "" {
			errs = append(errs, fmt.Errorf("member %s: empty skill id", sw.Member))
		}
	}
	for _, e := range w.Events {
		id("event member id", e.Member)
	}
	for _, l := range w.Links {
		id("mentee id", l.Mentee)
		opt("lead id", l.Lead)
		opt("old lead id", l.Old)
		if l.Lead == l.Mentee {
			errs = append(errs, fmt.Errorf("member %s cannot lead themselves", l.Mentee))
		}
	}
	for _, d := range w.Schedule {
		id("scheduled member id", d.Member)
	}
	for _, u := range w.Unblock {
		id("unblocked member id", u)
	}
	for _, f := range w.Forget {
		id("forgotten member id", f)
	}
	for _, r := range w.Rights {
		id("lead rights member id", r.Member)
	}
	for _, dc := range w.DigestChannels {
		id("digest lead id", dc.Lead)
		if strings.ContainsAny(dc.Channel, "|") {
			errs = append(errs, fmt.Errorf("digest channel %q: contains |", dc.Channel))
		}
	}
	for _, iv := range w.Invites {
		id("invited member id", iv.Mentee)
		id("inviting lead id", iv.Lead)
	}
	return errors.Join(errs...)
}

// Mentees returns the members whose lead is lead, with their skills, in id
// order: the whole list, for a file. It is two round trips, the set's
// members, then a pipeline of two HGETALLs per mentee, so that no single
// call holds the server for longer than one mentee takes, whatever their
// number.
func (s *Store) Mentees(ctx context.Context, sc bot.Scope, lead string) ([]*bot.Member, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err == nil {
		err = checkID("lead id", lead)
	}
	if err != nil {
		return nil, fmt.Errorf("mentees: %w", err)
	}
	ids, err := s.rdb.SMembers(ctx, k.mentees(lead)).Result()
	if err != nil {
		return nil, wrap(err, "mentees of %s in %s", lead, sc)
	}
	slices.Sort(ids)
	ids = slices.DeleteFunc(ids, func(id string) bool { return checkID("mentee id", id) != nil })
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, 0, 2*len(ids))
	learn := func() {}
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		learn = s.queueBook(ctx, p, sc, k)
		for _, id := range ids {
			cmds = append(cmds, p.HGetAll(ctx, k.member(id)), p.HGetAll(ctx, k.skills(id)))
		}
		return nil
	}); err != nil {
		return nil, wrap(err, "mentees of %s in %s", lead, sc)
	}
	learn()
	out := make([]*bot.Member, 0, len(ids))
	for i, id := range ids {
		m, err := decodeMember(id, cmds[2*i].Val(), cmds[2*i+1].Val())
		if err != nil {
			return nil, fmt.Errorf("mentees of %s in %s: %w", lead, sc, err)
		}
		if m != nil {
			m.Lead = lead
			out = append(out, m)
		}
	}
	if err := s.nameMembers(ctx, sc, k, out); err != nil {
		return nil, fmt.Errorf("mentees of %s: %w", lead, err)
	}
	return out, nil
}

// pairs turns a flat HGETALL reply from a script into a map.
func pairs(v any) map[string]string {
	a, _ := v.([]any)
	m := make(map[string]string, len(a)/2)
	for i := 0; i+1 < len(a); i += 2 {
		k, _ := a[i].(string)
		v, _ := a[i+1].(string)
		m[k] = v
	}
	return m
}

// Leads returns every lead in the scope with their mentees' ids, sorted,
// and the leads with rights but no mentee with none. It is one pipelined
// HGETALL and SMEMBERS.
func (s *Store) Leads(ctx context.Context, sc bot.Scope) (map[string][]string, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err != nil {
		return nil, fmt.Errorf("leads: %w", err)
	}
	var all *redis.MapStringStringCmd
	var rights *redis.StringSliceCmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		all, rights = p.HGetAll(ctx, k.lead()), p.SMembers(ctx, k.rights())
		return nil
	})
	if err != nil {
		return nil, wrap(err, "leads in %s", sc)
	}
	out := make(map[string][]string)
	for _, id := range rights.Val() {
		out[id] = []string{}
	}
	for mentee, lead := range all.Val() {
		out[lead] = append(out[lead], mentee)
	}
	for _, ms := range out {
		slices.Sort(ms)
	}
	return out, nil
}

// Events returns up to n of a member's most recent events, newest first;
// n <= 0 returns the whole (bounded) log, the join (kept in the profile)
// last. It is one pipelined round trip.
func (s *Store) Events(ctx context.Context, sc bot.Scope, id string, n int) ([]bot.Event, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err == nil {
		err = checkID("member id", id)
	}
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	stop := int64(n - 1)
	if n <= 0 {
		stop = -1
	}
	var lr *redis.StringSliceCmd
	var join *redis.SliceCmd
	learn := func() {}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		learn = s.queueBook(ctx, p, sc, k)
		lr = p.LRange(ctx, k.events(id), 0, stop)
		join = p.HMGet(ctx, k.member(id), fJoinEvent, fJoined)
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, wrap(err, "events of %s in %s", id, sc)
	}
	learn()
	raw := lr.Val()
	joinAt := -1 // where raw holds the join, kept in the profile
	if jv := join.Val(); len(jv) == 2 {
		j, _ := jv[0].(string)
		if detail, ok := strings.CutPrefix(j, "="); ok {
			// The short form: the join at the profile's joined time.
			joined, _ := jv[1].(string)
			ms, _ := strconv.ParseInt(joined, 10, 64)
			j = encodeEventCompact(bot.Event{At: time.UnixMilli(ms), Member: id, Actor: id, Kind: bot.EventJoin, Detail: detail})
		}
		if j != "" {
			joinAt = len(raw)
			raw = append(raw, j)
		}
	}
	out := make([]bot.Event, 0, len(raw))
	var coded []string // the codes of short-form events' skills
	for _, r := range raw {
		e, err := decodeEvent(id, r)
		if err != nil {
			return nil, fmt.Errorf("events in %s: %w", sc, err)
		}
		if shortTime(r) > 0 && e.Skill != "" {
			coded = append(coded, e.Skill)
		}
		out = append(out, e)
	}
	if len(coded) > 0 {
		names, err := s.skillNames(ctx, sc, k, coded)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		for i, r := range raw {
			if shortTime(r) > 0 && out[i].Skill != "" {
				out[i].Skill = names[out[i].Skill]
			}
		}
	}
	if joinAt >= 0 {
		// The join is usually the oldest, but not for someone given lead
		// rights, assigned or invited before joining: it goes before the
		// first older event, and n counts it like any other.
		j := out[joinAt]
		out = out[:joinAt]
		i := slices.IndexFunc(out, func(e bot.Event) bool { return e.At.Before(j.At) })
		if i < 0 {
			i = len(out)
		}
		out = slices.Insert(out, i, j)
		if n > 0 && len(out) > n {
			out = out[:n]
		}
	}
	return out, nil
}

// Workspaces returns every scope that has ever had a member scheduled by
// Apply, for the nudge scheduler to walk. Unreadable entries are skipped.
func (s *Store) Workspaces(ctx context.Context) ([]bot.Scope, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	raw, err := s.rdb.SMembers(ctx, WorkspacesKey).Result()
	if err != nil {
		return nil, wrap(err, "list workspaces")
	}
	slices.Sort(raw)
	out := make([]bot.Scope, 0, len(raw))
	for _, r := range raw {
		if sc, err := parseScope(r); err == nil {
			out = append(out, sc)
		}
	}
	return out, nil
}
