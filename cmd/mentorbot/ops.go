package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

// readyTimeout bounds the Redis PING and each readiness check, so that a
// probe answers well within a load balancer's usual few seconds.
const readyTimeout = time.Second

// nudgeOutcomes are the outcomes of mentorbot_nudges_total.
var nudgeOutcomes = []string{"sent", "failed", "skipped", "rate_limited"}

// schedulerOutcomes maps every scheduler.Outcome to nudgeOutcomes, but
// TakenOver (a claim taken over from a holder whose lease ran out), which
// is a lease expiry rather than a nudge outcome, and Lost (the same expiry
// seen by the holder that lost the claim, counted by its taker). A test checks that every
// outcome the scheduler has is mapped.
var schedulerOutcomes = map[scheduler.Outcome]string{
	scheduler.Sent: "sent", scheduler.Reminded: "sent",
	scheduler.Blocked: "failed", scheduler.Retry: "failed",
	scheduler.Duplicate: "skipped", scheduler.Late: "skipped", scheduler.Unscheduled: "skipped", scheduler.Rescheduled: "skipped",
	scheduler.RateLimited: "rate_limited",
}

// ops is the operational surface: Prometheus metrics, the go-redis hook
// counting Redis errors, and the /healthz, /readyz and /metrics endpoints.
// It is safe for concurrent use.
type ops struct {
	rdb redis.UniversalClient
	log *slog.Logger
	reg *prometheus.Registry

	commands     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	nudges       *prometheus.CounterVec
	digests      *prometheus.CounterVec
	leases       prometheus.Counter
	redisErrors  prometheus.Counter
	llmRequests  *prometheus.CounterVec
	llmLatency   prometheus.Histogram
	draining     atomic.Bool
	checksMu     sync.Mutex
	checks       []readyCheck
	apis         []platformAPI
	lastReadyMu  sync.Mutex
	lastReadyMsg string // last /readyz answer, to log changes only
}

type readyCheck struct {
	name  string
	check func(ctx context.Context) error
}

// newOps registers mentorbot's metrics, with the Go runtime and process
// collectors, on a registry of its own, and hooks rdb to count its errors.
func newOps(rdb redis.UniversalClient, log *slog.Logger) *ops {
	if log == nil {
		log = slog.Default()
	}
	o := &ops{rdb: rdb, log: log, reg: prometheus.NewRegistry()}
	o.commands = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mentorbot_commands_total",
		Help: "Commands handled, by command name and outcome (ok, rejected, unavailable, error).",
	}, []string{"command", "outcome"})
	o.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "mentorbot_command_duration_seconds",
		Help: "Time to handle a command, storage included, by command name.",
		// From a cached answer (~0.1 ms) to the 2.5 s Slack acknowledgement budget.
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"command"})
	o.nudges = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mentorbot_nudges_total",
		Help: "Weekly nudges by outcome (sent, failed, skipped, rate_limited).",
	}, []string{"outcome"})
	for _, oc := range nudgeOutcomes {
		o.nudges.WithLabelValues(oc) // exported as 0 before the first nudge
	}
	o.digests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mentorbot_digests_total",
		Help: "Weekly lead digests by outcome (sent, failed, skipped, rate_limited).",
	}, []string{"outcome"})
	for _, oc := range nudgeOutcomes {
		o.digests.WithLabelValues(oc)
	}
	o.leases = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "mentorbot_lease_expiries_total",
		Help: "Nudge claims whose lease ran out before they were completed (a replica stopped or stalled).",
	})
	o.redisErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "mentorbot_redis_errors_total",
		Help: "Redis commands and pipelines that failed (a missing key is not a failure).",
	})
	o.llmRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mentorbot_llm_requests_total",
		Help: "Calls to the optional language model (ASK_LLM_URL) by outcome: ok, timeout, error, invalid (a reply the offline answer replaced).",
	}, []string{"outcome"})
	for _, oc := range []string{"ok", "timeout", "error", "invalid"} {
		o.llmRequests.WithLabelValues(oc)
	}
	o.llmLatency = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "mentorbot_llm_request_duration_seconds",
		Help:    "Time the language model took to answer, whatever the outcome.",
		Buckets: []float64{0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20},
	})
	b := readBuildInfo()
	info := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "mentorbot_build_info",
		Help: "Always 1; its labels tell the running build (mentorbot version, VCS revision, Go version).",
	}, []string{"version", "revision", "goversion"})
	info.WithLabelValues(b.Version, b.Revision, b.GoVersion).Set(1)
	o.reg.MustRegister(
		info,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		o.commands, o.latency, o.nudges, o.digests, o.leases, o.redisErrors, o.llmRequests, o.llmLatency,
	)
	if rdb != nil {
		o.reg.MustRegister(poolCollector{rdb: rdb})
		rdb.AddHook(errorHook{n: o.redisErrors})
	}
	return o
}

// llm records one call to the language model; it is llm.Config.Observe.
func (o *ops) llm(outcome string, took time.Duration) {
	o.llmRequests.WithLabelValues(outcome).Inc()
	o.llmLatency.Observe(took.Seconds())
}

// observe records one handled command; it is bot.Config.Observe.
func (o *ops) observe(command string, outcome bot.Outcome, took time.Duration) {
	o.commands.WithLabelValues(command, string(outcome)).Inc()
	o.latency.WithLabelValues(command).Observe(took.Seconds())
}

// nudge records one nudge outcome; it is scheduler.Config.Observe.
func (o *ops) nudge(outcome scheduler.Outcome) { o.scheduled(o.nudges, outcome) }

// digest records one lead digest outcome; it is
// scheduler.Config.ObserveDigest.
func (o *ops) digest(outcome scheduler.Outcome) { o.scheduled(o.digests, outcome) }

func (o *ops) scheduled(c *prometheus.CounterVec, outcome scheduler.Outcome) {
	switch outcome {
	case scheduler.TakenOver:
		o.leaseExpired(1)
		return
	case scheduler.Lost:
		// The claim's taker counts the expiry (TakenOver); counting it
		// here too would count it twice.
		return
	}
	oc, ok := schedulerOutcomes[outcome]
	if !ok {
		oc = "other"
	}
	c.WithLabelValues(oc).Inc()
}

// leaseExpired records n nudge claims found with an expired lease.
func (o *ops) leaseExpired(n int) {
	if n > 0 {
		o.leases.Add(float64(n))
	}
}

// addCheck adds a readiness check, e.g. an adapter's Ready. name shows in
// /readyz's answer when the check fails; the error itself goes only to
// the log. A check gets a context ending after readyTimeout and should
// return by then; /readyz stops waiting for it anyway.
func (o *ops) addCheck(name string, check func(ctx context.Context) error) {
	o.checksMu.Lock()
	defer o.checksMu.Unlock()
	o.checks = append(o.checks, readyCheck{name: name, check: check})
}

// drain makes /readyz answer 503 "shutting down" from now on, so that a
// load balancer stops sending work while in-flight requests finish. Call
// it first thing on SIGTERM.
func (o *ops) drain() { o.draining.Store(true) }

// routes registers GET /healthz, /readyz and /metrics on mux.
func (o *ops) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		plain(w, http.StatusOK, o.health())
	})
	mux.HandleFunc("GET /readyz", o.serveReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(o.reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(o.log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
	}))
}

func (o *ops) serveReady(w http.ResponseWriter, r *http.Request) {
	problems, errs := o.ready(r.Context())
	msg := "ok"
	if len(problems) > 0 {
		msg = "not ready: " + strings.Join(problems, "; ")
	}
	o.logChange(msg, errs)
	if len(problems) > 0 {
		plain(w, http.StatusServiceUnavailable, msg)
		return
	}
	plain(w, http.StatusOK, msg)
}

// ready runs the Redis PING and every check at once and returns the
// short public reasons for those that failed, and their errors for the log.
func (o *ops) ready(ctx context.Context) ([]string, []error) {
	if o.draining.Load() {
		return []string{"shutting down"}, nil
	}
	o.checksMu.Lock()
	checks := append([]readyCheck(nil), o.checks...)
	o.checksMu.Unlock()
	if o.rdb != nil {
		checks = append([]readyCheck{{name: "redis", check: func(ctx context.Context) error {
			return o.rdb.Ping(ctx).Err()
		}}}, checks...)
	}
	results := make([]error, len(checks))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, readyTimeout)
			defer cancel()
			results[i] = runCheck(cctx, c.check)
		})
	}
	wg.Wait()
	var problems []string
	var errs []error
	for i, err := range results {
		if err == nil {
			continue
		}
		why := "not ready"
		if checks[i].name == "redis" {
			why = "not answering"
		}
		if errors.Is(err, context.DeadlineExceeded) {
			why = "timed out"
		}
		problems = append(problems, checks[i].name+": "+why)
		errs = append(errs, fmt.Errorf("%s: %w", checks[i].name, err))
	}
	return problems, errs
}

// runCheck runs check, giving up when ctx ends even if check does not
// honour ctx, and turning a panic into an error.
func runCheck(ctx context.Context, check func(context.Context) error) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("check panicked: %v", p)
			}
		}()
		done <- check(ctx)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// logChange logs readiness when it changes, not on every probe.
func (o *ops) logChange(msg string, errs []error) {
	o.lastReadyMu.Lock()
	changed := msg != o.lastReadyMsg
	first := o.lastReadyMsg == ""
	o.lastReadyMsg = msg
	o.lastReadyMu.Unlock()
	switch {
	case !changed:
	case len(errs) == 0 && msg == "ok":
		if !first {
			o.log.Info("ready again")
		}
	default:
		o.log.Warn("not ready", slog.String("why", msg), slog.Any("err", errors.Join(errs...)))
	}
}

func plain(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

// errorHook counts failed Redis commands and pipelines. redis.Nil (no
// such key) is an answer, and a caller that gave up (context.Canceled) is
// not Redis's failure. The handshake of a new connection also passes
// through hooks; its optional parts fail on older servers (CLIENT SETINFO
// before Redis 7.2) without harm, and a failed AUTH fails the command that
// needed the connection, which is counted.
type errorHook struct{ n prometheus.Counter }

func handshake(cmds []redis.Cmder) bool {
	if len(cmds) == 0 {
		return false
	}
	switch cmds[0].Name() {
	case "hello", "client", "auth", "select":
		return true
	}
	return false
}

func (h errorHook) failed(err error) {
	if err != nil && !errors.Is(err, redis.Nil) && !errors.Is(err, context.Canceled) {
		h.n.Inc()
	}
}

func (h errorHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h errorHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if !handshake([]redis.Cmder{cmd}) {
			h.failed(err)
		}
		return err
	}
}

func (h errorHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if !handshake(cmds) {
			h.failed(err)
		}
		return err
	}
}

// poolCollector exports go-redis connection pool statistics, read at
// scrape time.
type poolCollector struct{ rdb redis.UniversalClient }

var (
	poolHits       = prometheus.NewDesc("mentorbot_redis_pool_hits_total", "Times a free connection was found in the go-redis pool.", nil, nil)
	poolMisses     = prometheus.NewDesc("mentorbot_redis_pool_misses_total", "Times no free connection was found in the go-redis pool.", nil, nil)
	poolTimeouts   = prometheus.NewDesc("mentorbot_redis_pool_timeouts_total", "Times waiting for a go-redis pool connection timed out.", nil, nil)
	poolStale      = prometheus.NewDesc("mentorbot_redis_pool_stale_conns_total", "Stale connections removed from the go-redis pool.", nil, nil)
	poolTotalConns = prometheus.NewDesc("mentorbot_redis_pool_total_conns", "Connections in the go-redis pool.", nil, nil)
	poolIdleConns  = prometheus.NewDesc("mentorbot_redis_pool_idle_conns", "Idle connections in the go-redis pool.", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolHits, poolMisses, poolTimeouts, poolStale, poolTotalConns, poolIdleConns} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.rdb.PoolStats()
	if s == nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(poolHits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(poolMisses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(poolTimeouts, prometheus.CounterValue, float64(s.Timeouts))
	ch <- prometheus.MustNewConstMetric(poolStale, prometheus.CounterValue, float64(s.StaleConns))
	ch <- prometheus.MustNewConstMetric(poolTotalConns, prometheus.GaugeValue, float64(s.TotalConns))
	ch <- prometheus.MustNewConstMetric(poolIdleConns, prometheus.GaugeValue, float64(s.IdleConns))
}

// redisLog sends go-redis's own messages (failed dials, sentinel and
// cluster changes) to slog, so that they follow LOG_FORMAT instead of
// going to stderr as bare lines: redis.SetLogger(redisLog{log}).
type redisLog struct{ log *slog.Logger }

// Printf logs one go-redis message at info level: the failures it tells
// of also fail a command or /readyz, which log them at warn.
func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.InfoContext(ctx, strings.TrimSpace(fmt.Sprintf(format, v...)), slog.String("from", "go-redis"))
}
