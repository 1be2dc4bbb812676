package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/scripts/reference"
)

// hotPathRounds is how many times each side runs, alternating, so that a
// burst of load from elsewhere on a shared machine does not land on one
// side only; each side's best round counts.
const hotPathRounds = 5

// BenchmarkHotPath runs mentorbot's signed /mentor progress and /mentor
// done end to end side by side with scripts/reference, a minimal net/http
// handler doing the same work (signature, one pipelined read; for done a
// MULTI/EXEC write after it; about 1 KB of JSON), against the same
// redis-server, from the same HTTP client, and logs mentorbot's
// throughput as a fraction of the reference's. The goals (issue 16) are
// 0.7 for progress and 0.6 for done.
//
//	go test ./cmd/mentorbot -run '^$' -bench BenchmarkHotPath -benchtime 2000x
func BenchmarkHotPath(b *testing.B) {
	e := newBenchEnv(b)
	opt, err := redis.ParseURL("redis://" + e.addr + "/0")
	if err != nil {
		b.Fatal(err)
	}
	ref := redis.NewClient(opt)
	ref.AddHook(e.trips)
	b.Cleanup(func() { ref.Close() })
	const prefix = "ref:"
	seedReference(b, ref, prefix, e)
	srv := httptest.NewServer(reference.Handler(ref, e.secret, prefix))
	b.Cleanup(srv.Close)

	for _, name := range []string{"progress", "done"} {
		best := map[string]float64{}
		cpu := map[string]cpuCost{}
		for range hotPathRounds {
			for _, side := range []string{"reference", "mentorbot"} {
				base := e.url
				if side == "reference" {
					base = srv.URL
				}
				b.Run(name+"/"+side, func(b *testing.B) {
					before := cpuNow(b, e.rdb)
					start := time.Now()
					e.measure(b, name, side, func(user int, text string) error {
						_, err := e.commandAt(base, user, text)
						return err
					})
					if b.N > 1 {
						cps := float64(b.N) / time.Since(start).Seconds()
						best[side] = max(best[side], cps)
						cpu[side] = cpu[side].least(cpuNow(b, e.rdb).since(before, b.N))
					}
				})
			}
		}
		if best["reference"] > 0 {
			// Printed, not logged: a parent benchmark's log is not shown.
			fmt.Printf("hot path /mentor %s: mentorbot %.0f cmds/s, reference %.0f cmds/s: ratio %.2f (best of %d rounds each)\n",
				name, best["mentorbot"], best["reference"], best["mentorbot"]/best["reference"], hotPathRounds)
			m, r := cpu["mentorbot"], cpu["reference"]
			fmt.Printf("hot path /mentor %s CPU a command: mentorbot %v (Go %v, Redis %v), reference %v (Go %v, Redis %v): ratio %.2f (least of %d rounds each)\n",
				name, m.total(), m.proc, m.redis, r.total(), r.proc, r.redis, float64(r.total())/float64(m.total()), hotPathRounds)
		}
	}
	for _, name := range []string{"progress", "done"} {
		for _, side := range []struct{ name, url string }{{"reference", srv.URL}, {"mentorbot", e.url}} {
			text := name
			if name == "done" {
				text += " " + e.skills[0]
			}
			out, err := e.commandAt(side.url, 1, text)
			if err != nil {
				b.Fatal(err)
			}
			fmt.Printf("hot path /mentor %s reply from %s: %d bytes\n", name, side.name, len(out))
		}
	}
}

// seedReference gives the reference's members what mentorbot's have: a
// profile and a few skills, so that its reply is about 1 KB.
func seedReference(b *testing.B, rdb *redis.Client, prefix string, e *benchEnv) {
	ctx := context.Background()
	_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range benchUsers {
			who := fmt.Sprintf("%s%s:U%05d", prefix, e.team, i)
			p.HSet(ctx, who+":m", "name", "u"+strconv.Itoa(i), "tz", "Europe/Berlin", "stage", "junior", "joined", "mii3v7sw")
			p.Expire(ctx, who+":m", time.Hour)
			for _, s := range e.skills[:min(8, len(e.skills))] {
				p.HSet(ctx, who+":s", s, "dmii3v7sw")
			}
			p.Expire(ctx, who+":s", time.Hour)
			p.Expire(ctx, who+":e", time.Hour)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
