package bot

import (
	"testing"
	"time"
)

// Location loads a zone once and serves the same *time.Location after
// that; offsets load as fixed zones, and an unknown name falls back to
// the bot's zone without being kept.
func TestLocationLoadsAZoneOnce(t *testing.T) {
	b := &Bot{zone: time.UTC}
	first := b.Location("Europe/Berlin")
	if first.String() != "Europe/Berlin" {
		t.Fatalf("Location(Europe/Berlin) = %v", first)
	}
	if again := b.Location("Europe/Berlin"); again != first {
		t.Errorf("Location(Europe/Berlin) loaded the zone again: %p, then %p", first, again)
	}
	if _, off := time.Date(2026, 1, 1, 0, 0, 0, 0, b.Location("UTC+02:00")).Zone(); off != 2*3600 {
		t.Errorf("Location(UTC+02:00) is %d s from UTC", off)
	}
	if got := b.Location("Nowhere/Atlantis"); got != time.UTC {
		t.Errorf("Location(Nowhere/Atlantis) = %v, want the bot's zone", got)
	}
	if _, kept := b.zones.m["Nowhere/Atlantis"]; kept {
		t.Error("an unknown zone was kept")
	}
}
