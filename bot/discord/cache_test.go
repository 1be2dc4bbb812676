package discord

import (
	"context"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/storage"
)

// newTestCache returns the adapter's cache for a test: storage on the real
// Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379/0); the test fails
// when it cannot be reached. Every key the test writes contains one of ids
// and is removed at the end.
func newTestCache(t *testing.T, ids []string) bot.Cache {
	t.Helper()
	rdb := redistest.Client(t)
	t.Cleanup(func() {
		ctx := context.Background()
		for _, id := range ids {
			iter := rdb.Scan(ctx, 0, "mb:*"+id+"*", 1000).Iterator()
			for iter.Next(ctx) {
				rdb.Del(ctx, iter.Val())
			}
			rdb.SRem(ctx, storage.WorkspacesKey, "discord:"+id)
		}
	})
	return storage.New(rdb)
}
