package bot

import (
	"context"
	"fmt"
	"time"
)

// A lead's mentees and an admin's team are read a page at a time, from
// aggregates the store keeps as it writes, so that their cost does not
// grow with the number of mentees or leads.

// Roster reads mentees and leads a page at a time. Every method is one
// round trip whatever the size of the lists.
type Roster interface {
	// MenteePage returns one page of lead's mentees with their skills,
	// stuck first (see StuckAt), with counts.
	MenteePage(ctx context.Context, sc Scope, lead string, q PageQuery) (MenteePage, error)
	// TeamPage returns one page of the scope's leads, those with the
	// longest-stuck mentees first (see StuckAt), with the scope's totals.
	TeamPage(ctx context.Context, sc Scope, q PageQuery) (TeamPage, error)
}

// PageQuery asks for one page of a list.
type PageQuery struct {
	// At is the instant at which stuck is judged.
	At time.Time
	// Offset and Limit pick the page; Limit <= 0 asks for counts only.
	Offset, Limit int
	// MovedSince, when set, asks MenteePage for the mentees who made
	// progress since then (Moved, latest first, up to Limit) and their
	// number (MovedCount), and TeamPage for each lead's number of them
	// (LeadSummary.Moved).
	MovedSince time.Time
	// MovedCountOnly asks MenteePage for MovedCount without loading the
	// Moved members (a view that shows only the count).
	MovedCountOnly bool
}

// MenteePage is one page of a lead's mentees.
type MenteePage struct {
	// Members are ordered by StuckAt, earliest first (the longest stuck
	// first, then those closest to it, then those who never can be: no
	// date at all), ties by id.
	Members []*Member
	// Moved are mentees with progress since PageQuery.MovedSince.
	Moved []*Member
	// Total is the number of mentees, Stuck those stuck at PageQuery.At,
	// MovedCount those with progress since PageQuery.MovedSince.
	Total, Stuck, MovedCount int
}

// LeadSummary is one lead at a glance.
type LeadSummary struct {
	ID, Name string // Name is "" when the lead never joined
	Mentees  int
	Stuck    int
	// Moved counts mentees with progress since PageQuery.MovedSince
	// (zero when it is not set).
	Moved int
	// LastProgress is the latest progress of any of their mentees; zero
	// when none made any.
	LastProgress time.Time
}

// TeamPage is one page of a scope's leads.
type TeamPage struct {
	// Leads are ordered by the StuckAt of their earliest-stuck mentee.
	Leads []LeadSummary
	// Totals of the scope: leads, mentees, and mentees stuck at
	// PageQuery.At.
	LeadCount, MenteeCount, Stuck int
}

// StuckAt is the instant from which a member counts as stuck (see Stuck),
// zero when nothing in their record will ever make them so: the earlier of
// their last nudge, once IgnoredToStuck nudges in a row went without
// progress since, and StuckAfter past their last progress (or, with none,
// their joining). Stores order mentees by it, so it is the one rule both
// Stuck and the stores' aggregates follow.
func StuckAt(m *Member) time.Time {
	var at time.Time
	since := m.LastProgress
	if since.IsZero() {
		since = m.Joined
	}
	if !since.IsZero() {
		at = since.Add(StuckAfter)
	}
	if st := m.NudgeState; st.Ignored >= IgnoredToStuck && m.LastProgress.Before(st.Last) && (at.IsZero() || st.Last.Before(at)) {
		at = st.Last
	}
	return at
}

// MovedWithin reports whether m moved in the DigestWindow before now: a
// skill started or finished (LastProgress) in the last seven days. It is
// the one definition of "moved" of every lead view (mentees, the digest,
// team), beside Stuck: a mentee is stuck, else moved, else quiet. Stores
// count it from the progress time they index (PageQuery.MovedSince =
// MovedFrom(now)).
func MovedWithin(m *Member, now time.Time) bool {
	return !m.LastProgress.IsZero() && !m.LastProgress.Before(MovedFrom(now))
}

// MovedFrom is the instant from which progress counts as moved at now.
func MovedFrom(now time.Time) time.Time { return now.Add(-DigestWindow) }

// standing is how the lead views sum up mentees, in one form: "3
// mentees: 1 moved, 1 stuck, 1 quiet." Counts from a store may count a
// stuck mentee with recent progress as moved too; stuck wins, as it does
// for one mentee, so the three always add up to total.
func standing(total, moved, stuck int) string {
	stuck = min(max(stuck, 0), total)
	moved = min(max(moved, 0), total-stuck)
	return fmt.Sprintf("%s: %d moved, %d stuck, %d quiet.", plural(total, "mentee", "mentees"), moved, stuck, total-stuck-moved)
}
