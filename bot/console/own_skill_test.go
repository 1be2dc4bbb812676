package console_test

import (
	"strings"
	"testing"
)

// On the DBA track, a close spelling and a word of the track's own skills
// mark those skills, not mid-level Scalability whose aliases mention them.
func TestOwnTrackWinsCloseSpelling(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join mid", "Welcome")
	r.must("/mentor track dba", "DBA")
	out := r.must("/mentor done replicaton", "Replication and high availability")
	if strings.Contains(out, "Scalability") {
		t.Fatalf("done replicaton: %s", out)
	}
	out = r.must("/mentor done sharding", "Partitioning and sharding")
	if strings.Contains(out, "already") || strings.Contains(out, "Scalability") {
		t.Fatalf("done sharding: %s", out)
	}
	// A skill outside the stage and track is still found, with its note.
	r.must("/mentor done git", "It isn't part of your current stage or track")
}

// A close spelling of a skill outside the member's stage and track is
// offered, never saved on a guess: "done gti" from a mid-level member
// asks about junior Git and changes nothing, while "done git" said in
// full is taken with its note.
func TestOtherStageTypoIsOnlyOffered(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join mid", "Welcome")
	before := r.say("/mentor export")
	out := r.must("/mentor done gti", "Did you mean")
	if !strings.Contains(out, "git") || strings.Contains(out, "Marked") {
		t.Fatalf("done gti: %s", out)
	}
	if after := r.say("/mentor export"); after != before {
		t.Fatalf("done gti changed what is stored:\nbefore %s\nafter  %s", before, after)
	}
	r.must("/mentor done git", "It isn't part of your current stage or track")
}
