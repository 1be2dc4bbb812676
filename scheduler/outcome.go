package scheduler

// Outcome is what became of one claimed member, as Observe is told.
type Outcome string

// Outcomes of a claim.
const (
	Sent        Outcome = "sent"         // the week's DM went out
	Reminded    Outcome = "reminded"     // a snoozed reminder went out
	Duplicate   Outcome = "duplicate"    // already sent this week (by an earlier holder, or for a slot moved within the week)
	Late        Outcome = "late"         // too late to send; the week is skipped and recorded
	Blocked     Outcome = "blocked"      // the recipient can't be reached; nudges pause
	Unscheduled Outcome = "unscheduled"  // nothing to send any more (nudges off, left, no mentees)
	Rescheduled Outcome = "rescheduled"  // paused: due again when the pause ends
	Retry       Outcome = "retry"        // given back for a later tick (an error, or still rate limited)
	RateLimited Outcome = "rate-limited" // the platform asked to wait (one per 429; the send goes on)
	Lost        Outcome = "lost"         // the claim's lease ran out before it was completed (its taker counts the expiry)
	// TakenOver is reported, beside the claim's own outcome, for a claim
	// taken over from a holder whose lease ran out: counted by the taker,
	// so that a holder that died is counted too.
	TakenOver Outcome = "taken-over"
)

// Outcomes lists every Outcome, for metrics to map and test.
func Outcomes() []Outcome {
	return []Outcome{Sent, Reminded, Duplicate, Late, Blocked, Unscheduled, Rescheduled, Retry, RateLimited, Lost, TakenOver}
}
