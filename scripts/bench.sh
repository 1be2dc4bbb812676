#!/usr/bin/env bash
# bench.sh measures mentorbot on this machine and prints a table:
#   - /mentor progress and done end to end (signed Slack HTTP request →
#     adapter → bot → Redis → reply) and through the bot core alone:
#     throughput, p50 and p99 latency, Redis round trips and commands per
#     command (go test -bench BenchmarkSlackCommand|BenchmarkHandle);
#   - redis-benchmark GET/SET on the same machine, for scale;
#   - start-up time (process start to first console reply) and idle RSS.
# Every redis-server it uses is its own, on a free local port, with the
# production settings (appendonly yes, appendfsync everysec, noeviction).
#
# Usage: scripts/bench.sh            (N=5000 commands per benchmark)
#        N=20000 scripts/bench.sh
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-5000}
for tool in go redis-server redis-cli redis-benchmark; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d)
redis_pid=""
bot_pid=""
cleanup() {
	[ -n "$bot_pid" ] && kill "$bot_pid" 2>/dev/null || true
	[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	echo "bench.sh: no free port" >&2
	exit 1
}

# start_redis starts the benchmark's redis-server and sets port.
start_redis() {
	port=$(free_port)
	mkdir -p "$work/redis"
	redis-server --port "$port" --bind 127.0.0.1 --dir "$work/redis" --save "" \
		--appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
		--logfile "$work/redis/redis.log" &
	redis_pid=$!
	for _ in $(seq 200); do
		redis-cli -p "$port" ping >/dev/null 2>&1 && return
		sleep 0.05
	done
	echo "bench.sh: redis-server did not start" >&2
	exit 1
}

echo "building mentorbot..." >&2
go build -o "$work/mentorbot" ./cmd/mentorbot

echo "go test -bench (N=$N per benchmark)..." >&2
go test ./cmd/mentorbot -run '^$' -bench 'BenchmarkSlackCommand|BenchmarkHandle' \
	-benchtime="${N}x" -count=1 -v >"$work/bench.txt" 2>&1 || { cat "$work/bench.txt" >&2; exit 1; }

start_redis
echo "redis-benchmark on port $port..." >&2
redis-benchmark -p "$port" -q -n 100000 -t get,set 2>/dev/null | tr '\r' '\n' |
	grep -E '^(SET|GET): [0-9.]+ requests per second' >"$work/redisbench.txt"
redis_set=$(awk '/^SET:/ {print $2}' "$work/redisbench.txt")
redis_get=$(awk '/^GET:/ {print $2}' "$work/redisbench.txt")

# rss_kib prints a process's resident set size in KiB.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# startup runs the console with env, keeps its stdin open on a FIFO, and
# prints "<ms to first reply> <idle RSS KiB>".
startup() {
	local fifo="$work/in.fifo" out="$work/out.txt" t0 t1
	rm -f "$fifo" "$out"
	mkfifo "$fifo"
	t0=$(date +%s%N)
	env -i PATH="$PATH" HOME="$HOME" "$@" "$work/mentorbot" console <"$fifo" >"$out" 2>/dev/null &
	bot_pid=$!
	exec 3>"$fifo"
	echo "/mentor help" >&3
	until [ -s "$out" ]; do sleep 0.002; done
	t1=$(date +%s%N)
	sleep 2 # idle
	echo "$(((t1 - t0) / 1000000)) $(rss_kib "$bot_pid")"
	exec 3>&-
	wait "$bot_pid" || true
	bot_pid=""
}
read -r start_ms rss_kb < <(startup REDIS_URL="redis://127.0.0.1:$port/0")
read -r start_emb_ms rss_emb_kb < <(startup)

# metric NAME UNIT prints the unit's figure from a benchmark's result line.
metric() {
	awk -v name="$1" -v unit="$2" '$1 ~ "^"name"(-[0-9]+)?$" {for (i = 2; i < NF; i++) if ($(i+1) == unit) print $i}' "$work/bench.txt"
}

printf '\nmentorbot on %s (%s CPUs, %s), go %s, %s\n\n' "$(uname -m)" "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(go env GOVERSION)" \
	"$(redis-server --version | awk '{print $1, $3}')"
printf '%-30s %10s %9s %9s %12s %12s %10s\n' "benchmark (N=$N)" "cmds/s" "p50 ms" "p99 ms" "round trips" "redis cmds" "of SET"
for b in SlackCommand/progress SlackCommand/done Handle/progress Handle/done; do
	cps=$(metric "Benchmark$b" cmds/s)
	printf '%-30s %10.0f %9s %9s %12s %12s %9.0f%%\n' "$b" "$cps" "$(metric "Benchmark$b" p50-ms)" \
		"$(metric "Benchmark$b" p99-ms)" "$(metric "Benchmark$b" round-trips/op)" \
		"$(metric "Benchmark$b" redis-cmds/op)" "$(echo "$cps $redis_set" | awk '{print 100 * $1 / $2}')"
done
printf '%-30s %10.0f\n' "redis-benchmark SET" "$redis_set"
printf '%-30s %10.0f\n' "redis-benchmark GET" "$redis_get"
printf '\n%-30s %7s ms   idle RSS %6.1f MiB\n' "start-up, REDIS_URL" "$start_ms" "$(echo "$rss_kb" | awk '{print $1 / 1024}')"
printf '%-30s %7s ms   idle RSS %6.1f MiB\n' "start-up, embedded Redis" "$start_emb_ms" "$(echo "$rss_emb_kb" | awk '{print $1 / 1024}')"
printf '\nRedis commands per /mentor command (INFO commandstats):\n'
grep -E 'Redis commands per command' "$work/bench.txt" | sed -E 's/^ *bench_test.go:[0-9]+: /  /'
