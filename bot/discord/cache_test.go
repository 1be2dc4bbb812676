package discord

import (
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/storage"
)

// newTestCache returns the adapter's cache for a test: the storage code on
// an embedded Redis of the test's own (the cmd/mentorbot end-to-end tests
// run the adapter on the real server), so bot/... needs no server.
func newTestCache(t *testing.T, ids []string) bot.Cache {
	t.Helper()
	return storage.New(redistest.Embedded(t))
}
