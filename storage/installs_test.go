package storage

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/keyring"
	"github.com/mentorbot/mentorbot/internal/redisproc"
)

func testRing(t *testing.T, old ...keyring.Key) (*keyring.Ring, keyring.Key) {
	t.Helper()
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	k, err := keyring.ParseKey(base64.StdEncoding.EncodeToString(b))
	if err != nil {
		t.Fatal(err)
	}
	r, err := keyring.New(k, old...)
	if err != nil {
		t.Fatal(err)
	}
	return r, k
}

// testInstalls returns an installation store whose clock the test moves,
// and drops sc from the global keys at the end.
func testInstalls(t *testing.T, rdb redis.UniversalClient, seal Sealer, sc bot.Scope, retention time.Duration) (*Installs, *time.Time) {
	now := time.Now()
	s := NewInstalls(rdb, seal, retention)
	s.now = func() time.Time { return now }
	t.Cleanup(func() {
		ctx := context.Background()
		rdb.ZRem(ctx, forgetKey, sc.String())
		rdb.SRem(ctx, installsKey, sc.String())
	})
	return s, &now
}

func sampleInstall(sc bot.Scope) bot.Install {
	return bot.Install{Scope: sc, BotToken: "xoxe.xoxb-1-SECRETBOT" + sc.Workspace, BotUser: "UBOT", Installer: "UINSTALLER",
		AppID: "A1", Refresh: "xoxe-1-SECRETREFRESH" + sc.Workspace, Expires: time.UnixMilli(time.Now().Add(12 * time.Hour).UnixMilli())}
}

// dump returns every key and value of sc and of the global keys an
// installation writes, as text.
func dump(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, k := range append(scopeKeys(t, rdb, sc), installsKey, forgetKey) {
		b.WriteString(k + "\n")
		switch typ := rdb.Type(ctx, k).Val(); typ {
		case "string":
			b.WriteString(rdb.Get(ctx, k).Val())
		case "hash":
			for f, v := range rdb.HGetAll(ctx, k).Val() {
				b.WriteString(f + "=" + v + "\n")
			}
		case "set":
			b.WriteString(strings.Join(rdb.SMembers(ctx, k).Val(), "\n"))
		case "zset":
			b.WriteString(strings.Join(rdb.ZRange(ctx, k, 0, -1).Val(), "\n"))
		case "list":
			b.WriteString(strings.Join(rdb.LRange(ctx, k, 0, -1).Val(), "\n"))
		}
	}
	return b.String()
}

func TestInstallsSaveLoad(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s, _ := testInstalls(t, rdb, ring, sc, time.Hour)
		if _, err := s.Load(ctx, sc); !errors.Is(err, bot.ErrNotInstalled) {
			t.Fatalf("Load before install: %v", err)
		}
		in := sampleInstall(sc)
		if err := s.Save(ctx, in); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		in.At = got.At
		if got != in {
			t.Fatalf("Load = %+v\nwant %+v", got, in)
		}
		all := dump(t, rdb, sc)
		for _, secret := range []string{in.BotToken, in.Refresh, "SECRET"} {
			if strings.Contains(all, secret) {
				t.Fatalf("plain token %q in Redis:\n%s", secret, all)
			}
		}
		// A sealed token copied into another workspace's record does not
		// open there.
		other := newTestScope(t, rdb, "other")
		s2, _ := testInstalls(t, rdb, ring, other, time.Hour)
		if err := s2.Save(ctx, sampleInstall(other)); err != nil {
			t.Fatal(err)
		}
		k1, _ := installKey(sc)
		k2, _ := installKey(other)
		rdb.HSet(ctx, k2, fTok, rdb.HGet(ctx, k1, fTok).Val())
		if _, err := s2.Load(ctx, other); err == nil {
			t.Fatal("a token sealed for another workspace opened")
		}
	})
}

func TestInstallsUninstallAndRetention(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s, now := testInstalls(t, rdb, ring, sc, 30*24*time.Hour)
		st := New(rdb)
		if err := s.Save(ctx, sampleInstall(sc)); err != nil {
			t.Fatal(err)
		}
		if err := st.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Stage: "junior", Joined: *now}},
			Schedule: []bot.Due{{Member: "U1", At: now.Add(time.Hour)}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Uninstall(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, sc); !errors.Is(err, bot.ErrNotInstalled) || !strings.Contains(err.Error(), "uninstalled") {
			t.Fatalf("Load after uninstall: %v", err)
		}
		k, _ := installKey(sc)
		if h := rdb.HGetAll(ctx, k).Val(); h[fTok] != "" || h[fRef] != "" || h[fState] != stateOff {
			t.Fatalf("record after uninstall: %v", h)
		}
		at, err := s.ForgetAt(ctx, sc)
		if err != nil || !at.Equal(time.UnixMilli(now.Add(30*24*time.Hour).UnixMilli())) {
			t.Fatalf("ForgetAt = %v, %v", at, err)
		}
		// A second uninstall event does not push the deadline back.
		*now = now.Add(time.Hour)
		_ = s.Uninstall(ctx, sc)
		if again, _ := s.ForgetAt(ctx, sc); !again.Equal(at) {
			t.Fatalf("deadline moved from %v to %v", at, again)
		}
		if done, err := s.ForgetDue(ctx); err != nil || len(done) != 0 {
			t.Fatalf("ForgetDue before the retention ran out: %v, %v", done, err)
		}
		if ms, _ := st.Load(ctx, sc, "U1"); ms[0] == nil {
			t.Fatal("data deleted before the retention ran out")
		}
		*now = at.Add(time.Second)
		done, err := s.ForgetDue(ctx)
		if err != nil || len(done) != 1 || done[0] != sc {
			t.Fatalf("ForgetDue = %v, %v", done, err)
		}
		if keys := scopeKeys(t, rdb, sc); len(keys) != 1 || keys[0] != k {
			t.Fatalf("keys left after forgetting: %v", keys)
		}
		if h := rdb.HGetAll(ctx, k).Val(); h[fBy] != "" || h[fState] != stateOff {
			t.Fatalf("record after forgetting: %v", h)
		}
		if at, _ := s.ForgetAt(ctx, sc); !at.IsZero() {
			t.Fatalf("still scheduled: %v", at)
		}
		for _, ix := range []string{NudgeIndexKey, DigestIndexKey} {
			if err := rdb.ZScore(ctx, ix, sc.String()).Err(); !errors.Is(err, redis.Nil) {
				t.Fatalf("%s still lists the forgotten workspace: %v", ix, err)
			}
		}
	})
}

func TestInstallsReinstallKeepsData(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s, now := testInstalls(t, rdb, ring, sc, time.Hour)
		st := New(rdb)
		_ = s.Save(ctx, sampleInstall(sc))
		_ = st.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Stage: "mid", Joined: *now}}})
		_ = s.Uninstall(ctx, sc)
		if err := s.Save(ctx, sampleInstall(sc)); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(2 * time.Hour)
		if done, err := s.ForgetDue(ctx); err != nil || len(done) != 0 {
			t.Fatalf("ForgetDue after reinstall = %v, %v", done, err)
		}
		if ms, _ := st.Load(ctx, sc, "U1"); ms[0] == nil || ms[0].Stage != "mid" {
			t.Fatalf("reinstall lost the data: %+v", ms[0])
		}
		if _, err := s.Load(ctx, sc); err != nil {
			t.Fatalf("Load after reinstall: %v", err)
		}
	})
}

func TestInstallsZeroRetention(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s, now := testInstalls(t, rdb, ring, sc, 0)
		st := New(rdb)
		_ = s.Save(ctx, sampleInstall(sc))
		_ = st.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Stage: "mid", Joined: *now}}})
		if err := s.Uninstall(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if keys := scopeKeys(t, rdb, sc); len(keys) != 1 {
			t.Fatalf("keys left: %v", keys)
		}
	})
}

func TestInstallsBroken(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s, _ := testInstalls(t, rdb, ring, sc, time.Hour)
		_ = s.Save(ctx, sampleInstall(sc))
		if err := s.Broken(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, sc); !errors.Is(err, bot.ErrNotInstalled) || !strings.Contains(err.Error(), "stopped working") {
			t.Fatalf("Load after a failed refresh: %v", err)
		}
		if at, _ := s.ForgetAt(ctx, sc); !at.IsZero() {
			t.Fatalf("a broken token schedules forgetting at %v", at)
		}
	})
}

func TestInstallsKeyRotation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		oldRing, oldKey := testRing(t)
		s, _ := testInstalls(t, rdb, oldRing, sc, time.Hour)
		in := sampleInstall(sc)
		_ = s.Save(ctx, in)
		k, _ := installKey(sc)
		if tok := rdb.HGet(ctx, k, fTok).Val(); !strings.HasPrefix(tok, "mbk1."+oldKey.ID()+".") {
			t.Fatalf("sealed by %q, want the old key", tok)
		}
		newRing, newKey := testRing(t, oldKey)
		s.seal = newRing
		n, err := s.Rekey(ctx)
		if err != nil || n < 1 {
			t.Fatalf("Rekey = %d, %v", n, err)
		}
		for _, f := range []string{fTok, fRef} {
			if v := rdb.HGet(ctx, k, f).Val(); !strings.HasPrefix(v, "mbk1."+newKey.ID()+".") {
				t.Fatalf("%s after rekey: %q", f, v)
			}
		}
		// The old key retired: tokens still open.
		retired, _ := keyring.New(newKey)
		s.seal = retired
		got, err := s.Load(ctx, sc)
		if err != nil || got.BotToken != in.BotToken || got.Refresh != in.Refresh {
			t.Fatalf("Load with the old key retired: %+v, %v", got, err)
		}
		// Without the key that sealed them, tokens do not open, and the
		// error names the key id, never a token.
		other, _ := testRing(t)
		s.seal = other
		_, err = s.Load(ctx, sc)
		if !errors.Is(err, keyring.ErrUnknownKey) || strings.Contains(err.Error(), "SECRET") {
			t.Fatalf("Load with another key: %v", err)
		}
	})
}

func TestOAuthState(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		ring, _ := testRing(t)
		s := NewInstalls(rdb, ring, time.Hour)
		state := "st" + sc.Workspace
		if err := s.PutState(ctx, state, time.Minute); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rdb.Del(ctx, stateKey+state) })
		if ttl := rdb.PTTL(ctx, stateKey+state).Val(); ttl <= 0 || ttl > time.Minute {
			t.Fatalf("state TTL %v", ttl)
		}
		for i, want := range []bool{true, false} {
			if ok, err := s.TakeState(ctx, state); ok != want || err != nil {
				t.Fatalf("take %d = %v, %v; want %v", i, ok, err, want)
			}
		}
		for _, forged := range []string{"", "nope" + sc.Workspace, "has space", strings.Repeat("x", 300)} {
			if ok, err := s.TakeState(ctx, forged); ok || err != nil {
				t.Fatalf("forged state %q = %v, %v", forged, ok, err)
			}
		}
	})
}

func TestOAuthStateExpires(t *testing.T) {
	// The embedded server's clock does not run on its own: the real one.
	rdb := realRedis(t)
	ring, _ := testRing(t)
	s := NewInstalls(rdb, ring, time.Hour)
	ctx := context.Background()
	state := "expiring" + testScope(t, rdb).Workspace
	_ = s.PutState(ctx, state, 30*time.Millisecond)
	time.Sleep(80 * time.Millisecond)
	if ok, _ := s.TakeState(ctx, state); ok {
		t.Fatal("expired state taken")
	}
}

func TestInstallsLock(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := NewInstalls(rdb, nil, time.Hour)
		for i, want := range []bool{true, false} {
			if ok, err := s.Lock(ctx, sc, time.Minute); ok != want || err != nil {
				t.Fatalf("lock %d = %v, %v; want %v", i, ok, err, want)
			}
		}
		if err := s.Unlock(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.Lock(ctx, sc, time.Minute); !ok {
			t.Fatal("lock after unlock refused")
		}
		k, _ := installKey(sc)
		if ttl := rdb.PTTL(ctx, k+":lock").Val(); ttl <= 0 {
			t.Fatalf("lock without expiry: %v", ttl)
		}
		// Without a key ring nothing can be stored.
		if err := s.Save(ctx, sampleInstall(sc)); err == nil {
			t.Fatal("saved without a key to seal with")
		}
	})
}

// TestInstallsCluster: installations, uninstalls and the deletion of a
// departed workspace's keys work on a Redis Cluster, where the global keys
// live in other slots and the keys are found on every master.
func TestInstallsCluster(t *testing.T) {
	nodes := redisproc.StartCluster(t, 3)
	ctx := context.Background()
	rdb, err := Open(ctx, redisproc.ClusterURL(nodes))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	ring, _ := testRing(t)
	st := New(rdb)
	for _, sc := range spreadScopes(t, rdb.(*redis.ClusterClient), 3) {
		s, now := testInstalls(t, rdb, ring, sc, time.Hour)
		if err := s.Save(ctx, sampleInstall(sc)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if err := st.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Stage: "mid", Joined: *now}},
			Schedule: []bot.Due{{Member: "U1", At: now.Add(time.Hour)}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Uninstall(ctx, sc); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(2 * time.Hour)
		if done, err := s.ForgetDue(ctx); err != nil || !slices.Contains(done, sc) {
			t.Fatalf("ForgetDue on a cluster = %v, %v", done, err)
		}
		if keys := scopeKeys(t, rdb, sc); len(keys) != 1 {
			t.Fatalf("keys left on the cluster: %v", keys)
		}
	}
}
