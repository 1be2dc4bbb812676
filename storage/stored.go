package storage

import (
	"sync"
	"weak"

	"github.com/mentorbot/mentorbot/bot"
)

// stored is what a Store remembers of the members its loads returned: which
// command-owned fields each one's profile hash held, and whether its skills
// hash held a field named by a skill's id (written before skill codes).
// Apply then deletes only fields that may be there: without it a profile
// written whole sends an HDEL of every empty field on every write, and a
// skill write an HDEL of the skill id's field, though neither was stored
// (issue 16: two of the sixteen Redis commands of a `done`).
//
// It is keyed by the *bot.Member a load returned, held weakly so that it
// keeps nothing alive. A member the core made or copied is not known here,
// and Apply deletes every empty field as it always has. Safe for concurrent
// use.
type stored struct {
	mu      sync.Mutex
	m       map[weak.Pointer[bot.Member]]storedAs
	sweepAt int // len(m) at which collected members' entries are dropped
}

// storedAs is what one loaded member's hashes held.
type storedAs struct {
	sc     bot.Scope
	id     string
	fields uint32 // bit i: commandFields[i] is in the profile hash
	legacy bool   // the skills hash has a field named by a skill id
}

// storedSweep is the least len(stored.m) at which it is swept.
const storedSweep = 1024

// note records as for m, which a load returns.
func (st *stored) note(m *bot.Member, as storedAs) {
	k := weak.Make(m)
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.m == nil {
		st.m = map[weak.Pointer[bot.Member]]storedAs{}
	}
	if len(st.m) >= max(st.sweepAt, storedSweep) {
		for p := range st.m {
			if p.Value() == nil {
				delete(st.m, p)
			}
		}
		st.sweepAt = 2 * len(st.m)
	}
	st.m[k] = as
}

// of returns what m's hashes in sc held when it was loaded (or last
// written), if m is a member a load returned.
func (st *stored) of(sc bot.Scope, m *bot.Member) (storedAs, bool) {
	k := weak.Make(m)
	st.mu.Lock()
	defer st.mu.Unlock()
	as, ok := st.m[k]
	return as, ok && as.sc == sc && as.id == m.ID
}

// forget drops what is known of ms: after a write that failed, whose
// outcome is not known.
func (st *stored) forget(ms []*bot.Member) {
	ks := make([]weak.Pointer[bot.Member], len(ms))
	for i, m := range ms {
		ks[i] = weak.Make(m)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, k := range ks {
		delete(st.m, k)
	}
}
