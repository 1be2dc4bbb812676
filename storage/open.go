package storage

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Timeouts applied when the URL does not set its own, so that an outage
// is answered in about a second instead of hanging a chat command.
const (
	dialTimeout = time.Second
	ioTimeout   = time.Second
	poolTimeout = time.Second
	maxRetries  = 1
)

// Open connects to the Redis server named by rawURL and pings it with ctx.
// Three forms are accepted, told apart as follows:
//
//   - Sentinel, when the query has master_name (required) or the scheme is
//     redis+sentinel:// or rediss+sentinel://:
//     redis://[user:pass@]sentinel1:26379/0?master_name=mymaster&addr=sentinel2:26379&password=masterpass
//     The host and every addr= are sentinels; user:pass@ authenticates to the
//     sentinels and the username=/password= query parameters to the master
//     (redis.ParseFailoverURL).
//   - Cluster, when the query has one or more addr= or the scheme is
//     redis+cluster:// or rediss+cluster:// (a cluster known by one seed):
//     redis://[user:pass@]node1:6379?addr=node2:6379&addr=node3:6379
//     (redis.ParseClusterURL).
//   - Otherwise a single server: redis://[user:pass@]host:6379/0 or rediss://
//     for TLS (redis.ParseURL).
//
// The other query parameters are go-redis's (dial_timeout, read_timeout,
// max_retries, ...); those left out get short defaults: 1 s dial, read and
// write timeouts, 1 retry, and context deadlines honoured. Errors name the
// URL with its passwords replaced by "xxxxx". A server that cannot be
// reached gives an error wrapping bot.ErrUnavailable.
func Open(ctx context.Context, rawURL string) (redis.UniversalClient, error) {
	safe := redactURL(rawURL)
	rdb, err := newClient(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redis URL %s: %w", safe, err)
	}
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		u, _ := url.Parse(rawURL) // parsed fine in newClient
		return nil, wrap(scrub(err, u), "redis %s: ping", safe)
	}
	return rdb, nil
}

// newClient builds the client for rawURL without connecting. Its errors
// never quote the URL.
func newClient(rawURL string) (redis.UniversalClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// url.Error quotes the whole URL, password included: say less.
		return nil, errors.New("malformed URL")
	}
	q := u.Query()
	switch {
	case q.Has("master_name") || strings.HasSuffix(u.Scheme, "+sentinel"):
		if !q.Has("master_name") {
			return nil, errors.New("a sentinel URL needs master_name=NAME")
		}
		o, err := redis.ParseFailoverURL(strings.Replace(rawURL, "+sentinel://", "://", 1))
		if err != nil {
			return nil, err
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = orDur(o.DialTimeout, dialTimeout), orDur(o.ReadTimeout, ioTimeout), orDur(o.WriteTimeout, ioTimeout)
		o.PoolTimeout, o.MaxRetries = orDur(o.PoolTimeout, poolTimeout), orInt(o.MaxRetries, maxRetries)
		o.DialerRetries = orInt(o.DialerRetries, 1)
		o.ContextTimeoutEnabled = true
		return redis.NewFailoverClient(o), nil
	case q.Has("addr") || strings.HasSuffix(u.Scheme, "+cluster"):
		o, err := redis.ParseClusterURL(strings.Replace(rawURL, "+cluster://", "://", 1))
		if err != nil {
			return nil, err
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = orDur(o.DialTimeout, dialTimeout), orDur(o.ReadTimeout, ioTimeout), orDur(o.WriteTimeout, ioTimeout)
		o.PoolTimeout, o.MaxRetries = orDur(o.PoolTimeout, poolTimeout), orInt(o.MaxRetries, maxRetries)
		o.DialerRetries = orInt(o.DialerRetries, 1)
		o.ContextTimeoutEnabled = true
		return redis.NewClusterClient(o), nil
	default:
		o, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, err
		}
		return redis.NewClient(withDefaults(o)), nil
	}
}

// withDefaults fills in the short timeouts that o leaves unset.
func withDefaults(o *redis.Options) *redis.Options {
	o.DialTimeout, o.ReadTimeout, o.WriteTimeout = orDur(o.DialTimeout, dialTimeout), orDur(o.ReadTimeout, ioTimeout), orDur(o.WriteTimeout, ioTimeout)
	o.PoolTimeout, o.MaxRetries = orDur(o.PoolTimeout, poolTimeout), orInt(o.MaxRetries, maxRetries)
	o.DialerRetries = orInt(o.DialerRetries, 1)
	o.ContextTimeoutEnabled = true
	return o
}

func orDur(v, def time.Duration) time.Duration {
	if v == 0 {
		return def
	}
	return v
}

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// redactURL returns rawURL with every password replaced by "xxxxx".
func redactURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		scheme, _, _ := strings.Cut(rawURL, "://")
		if len(scheme) > 20 || strings.ContainsAny(scheme, "@:/") {
			scheme = "?"
		}
		return scheme + "://(not shown)"
	}
	if q := u.Query(); q.Has("password") || q.Has("sentinel_password") {
		for _, k := range []string{"password", "sentinel_password"} {
			if q.Has(k) {
				q.Set(k, "xxxxx")
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// scrub makes sure no password of u shows in err's text, should a server
// or library ever echo one, while keeping err's chain for errors.Is.
func scrub(err error, u *url.URL) error {
	var secrets []string
	if p, ok := u.User.Password(); ok && p != "" {
		secrets = append(secrets, p)
	}
	for _, k := range []string{"password", "sentinel_password"} {
		if p := u.Query().Get(k); p != "" {
			secrets = append(secrets, p)
		}
	}
	msg := err.Error()
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "xxxxx")
	}
	if msg == err.Error() {
		return err
	}
	return &scrubbed{msg: msg, err: err}
}

type scrubbed struct {
	msg string
	err error
}

func (s *scrubbed) Error() string { return s.msg }
func (s *scrubbed) Unwrap() error { return s.err }

// Embedded starts an in-process Redis (miniredis) and returns a client for
// it and a function that stops both. Nothing is kept after stop: it is for
// running without REDIS_URL, and for tests.
func Embedded() (redis.UniversalClient, func(), error) {
	m, err := miniredis.Run()
	if err != nil {
		return nil, nil, fmt.Errorf("start embedded redis: %w", err)
	}
	rdb := redis.NewClient(withDefaults(&redis.Options{Addr: m.Addr()}))
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		rdb.Close()
		m.Close()
		return nil, nil, fmt.Errorf("embedded redis: ping: %w", err)
	}
	stop := func() {
		rdb.Close()
		m.Close()
	}
	return rdb, stop, nil
}
