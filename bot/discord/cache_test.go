package discord

import (
	"context"
	"os"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/storage"
)

// newTestCache returns the adapter's cache for a test: storage on the real
// Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379/0); the test fails
// when it cannot be reached. Every key the test writes contains one of ids
// and is removed at the end.
func newTestCache(t *testing.T, ids []string) bot.Cache {
	t.Helper()
	url := os.Getenv("REDIS_TEST_URL")
	if url == "" {
		url = "redis://127.0.0.1:6379/0"
	}
	rdb, err := storage.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("real Redis needed at REDIS_TEST_URL (default redis://127.0.0.1:6379/0): %v", err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		for _, id := range ids {
			iter := rdb.Scan(ctx, 0, "mb:*"+id+"*", 1000).Iterator()
			for iter.Next(ctx) {
				rdb.Del(ctx, iter.Val())
			}
			rdb.SRem(ctx, "mb:workspaces", "discord:"+id)
		}
		rdb.Close()
	})
	return storage.New(rdb)
}
