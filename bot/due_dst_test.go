package bot

import (
	"testing"
	"time"
)

// TestNextDueDSTGap: a slot that a spring-forward gap skips comes once,
// later that day, and the weeks after keep the chosen local time.
func TestNextDueDSTGap(t *testing.T) {
	for _, tc := range []struct {
		zone   string
		from   time.Time
		minute int
		want   []string
	}{
		{"America/New_York", time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), 150,
			[]string{"2026-03-08 03:30", "2026-03-15 02:30", "2026-03-22 02:30"}},
		{"Europe/Berlin", time.Date(2026, 3, 22, 12, 0, 0, 0, time.UTC), 150,
			[]string{"2026-03-29 03:30", "2026-04-05 02:30", "2026-04-12 02:30"}},
		{"America/Santiago", time.Date(2026, 8, 30, 12, 0, 0, 0, time.UTC), 30,
			[]string{"2026-09-06 01:30", "2026-09-13 00:30", "2026-09-20 00:30"}},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		at := tc.from
		for i, want := range tc.want {
			at = NextDue(NudgeSettings{Day: time.Sunday, Minute: tc.minute}, at, loc)
			if got := at.In(loc).Format("2006-01-02 15:04"); got != want {
				t.Errorf("%s: slot %d at %s, want %s", tc.zone, i, got, want)
			}
		}
	}
}
