package bot

import (
	"strings"
	"testing"
)

// FuzzParseZone: whatever is typed, parseZone never panics, and a zone it
// accepts loads and is found again from its own name in any case. The
// seed corpus is in testdata/fuzz/FuzzParseZone beside the seeds below.
func FuzzParseZone(f *testing.F) {
	for _, s := range []string{"Europe/Berlin", "europe/berlin", "AMERICA/NEW_YORK", "EST", "pst", "Pacific Time", "UTC+2", "gmt-5", "+05:30", "utc", "Local", "../etc/passwd", "america/port-au-prince", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		z, ok := parseZone(s)
		if !ok {
			return
		}
		if _, err := loadZone(z); err != nil {
			t.Fatalf("parseZone(%q) = %q, which does not load: %v", s, z, err)
		}
		if z2, ok := parseZone(strings.ToLower(z)); !ok || z2 != z {
			t.Fatalf("parseZone(%q) = %q, but its lower case gives %q %v", s, z, z2, ok)
		}
	})
}
