package discord

import (
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// newTestCache returns the cache the adapter under test uses.
func newTestCache(t *testing.T) bot.Cache {
	t.Helper()
	return newMemCache()
}
