package main

import (
	"bufio"
	"context"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// cpuCost is the CPU time one command costs: this process's (the HTTP
// client, the handler and the Redis client) and redis-server's. Unlike
// throughput, it hardly moves when other work shares the machine, so it
// shows a change on a busy machine that the ratio of throughputs hides.
type cpuCost struct {
	proc, redis time.Duration
}

func (c cpuCost) total() time.Duration { return c.proc + c.redis }

// least is the cheaper of c and d, the zero value counting as none.
func (c cpuCost) least(d cpuCost) cpuCost {
	if c.total() == 0 || d.total() < c.total() {
		return d
	}
	return c
}

// since is the cost of each of n commands run between before and c.
func (c cpuCost) since(before cpuCost, n int) cpuCost {
	return cpuCost{proc: (c.proc - before.proc) / time.Duration(n), redis: (c.redis - before.redis) / time.Duration(n)}
}

// cpuNow reads the CPU time used so far by this process and by the
// redis-server behind rdb.
func cpuNow(tb testing.TB, rdb redis.UniversalClient) cpuCost {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	proc := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	info, err := rdb.Info(context.Background(), "cpu").Result()
	if err != nil {
		tb.Fatal(err)
	}
	var secs float64
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if ok && (k == "used_cpu_sys" || k == "used_cpu_user") {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				tb.Fatalf("INFO cpu %s: %v", k, err)
			}
			secs += f
		}
	}
	return cpuCost{proc: proc, redis: time.Duration(secs * float64(time.Second))}
}
