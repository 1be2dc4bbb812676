package console

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{"7d", 7 * 24 * time.Hour, false},
		{"36h", 36 * time.Hour, false},
		{"90m", 90 * time.Minute, false},
		{"1d12h", 36 * time.Hour, false},
		{" 2d ", 48 * time.Hour, false},
		{"", 0, true},
		{"soon", 0, true},
		{"-1d", 0, true},
		{"99999d", 0, true},
		{"d", 0, true},
		{"1w", 7 * 24 * time.Hour, false},
		{"2w3d", 17 * 24 * time.Hour, false},
		{"1w12h", (7*24 + 12) * time.Hour, false},
		{"w", 0, true},
		{"1d1w", 0, true},
		{"999w", 0, true},
		// Units in any case; others refused (journey j1 finding 8).
		{"1W", 7 * 24 * time.Hour, false},
		{"2W3D", 17 * 24 * time.Hour, false},
		{"1D12H", 36 * time.Hour, false},
		{"90M", 90 * time.Minute, false},
		{"1y", 0, true},
		{"1Y", 0, true},
		{"2mo", 0, true},
		{"1w2x", 0, true},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		if (err != nil) != c.bad || (!c.bad && got != c.want) {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, bad=%v", c.in, got, err, c.want, c.bad)
		}
	}
}

// FuzzParseDuration checks :advance's parser against the standard
// library: "<n>d<rest>" is n days plus time.ParseDuration(rest), day counts
// beyond ten years are refused, and nothing panics. Seeds are in
// testdata/fuzz/FuzzParseDuration.
func FuzzParseDuration(f *testing.F) {
	f.Fuzz(func(t *testing.T, days uint16, rest string) {
		s := fmt.Sprintf("%dd%s", days, rest)
		got, err := ParseDuration(s)
		if days > 3660 {
			if err == nil {
				t.Fatalf("ParseDuration(%q) accepted %d days", s, days)
			}
			return
		}
		if strings.Contains(strings.ToLower(rest), "d") || strings.TrimSpace(rest) != rest || strings.ToLower(rest) != rest {
			return // more day groups, spaces or capitals: not comparable to the standard library
		}
		var base time.Duration
		if rest != "" {
			b, berr := time.ParseDuration(rest)
			if berr != nil {
				if err == nil {
					t.Fatalf("ParseDuration(%q) = %v, but %q is no duration", s, got, rest)
				}
				return
			}
			base = b
		}
		if want := time.Duration(days)*24*time.Hour + base; err != nil || got != want {
			t.Fatalf("ParseDuration(%q) = %v, %v; want %v", s, got, err, want)
		}
	})
}
