package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Keys of installations and departures; the schema is in keys.go.
const (
	installsKey = "mb:installs"
	forgetKey   = "mb:forget"
	stateKey    = "mb:oauth:"
)

// Installation hash fields.
const (
	fTok     = "tok"
	fRef     = "ref"
	fExp     = "exp"
	fUser    = "user"
	fBy      = "by"
	fApp     = "app"
	fAt      = "at"
	fState   = "state"
	fGone    = "gone"
	stateOK  = "ok"
	stateOff = "gone"      // uninstalled, tokens revoked
	stateFix = "reinstall" // tokens no longer work (a refresh failed)
)

// Sealer encrypts tokens before they are stored; *keyring.Ring is one.
type Sealer interface {
	// Seal encrypts plain, bound to aad.
	Seal(plain, aad []byte) (string, error)
	// Open decrypts a sealed value; stale says an old key sealed it.
	Open(sealed string, aad []byte) (plain []byte, stale bool, err error)
}

// Installs keeps workspaces' installations with their tokens sealed, the
// OAuth states in flight, and the schedule of data to delete once a
// workspace has left. It is safe for concurrent use.
type Installs struct {
	rdb       redis.UniversalClient
	seal      Sealer
	retention time.Duration
	timeout   time.Duration
	now       func() time.Time
}

// NewInstalls returns an installation store on rdb sealing tokens with
// seal. retention is how long a workspace's data outlives its uninstall
// (0: deleted at once).
func NewInstalls(rdb redis.UniversalClient, seal Sealer, retention time.Duration) *Installs {
	return &Installs{rdb: rdb, seal: seal, retention: retention, timeout: DefaultTimeout, now: time.Now}
}

func (s *Installs) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout)
}

func installKey(sc bot.Scope) (string, error) {
	k, err := newKeys(sc)
	if err != nil {
		return "", err
	}
	return k.prefix + "install", nil
}

// aad binds a sealed value to its scope and field.
func aad(sc bot.Scope, field string) []byte { return []byte(sc.String() + "|" + field) }

// Save stores an installation, replacing any earlier one of its scope,
// and cancels a pending deletion of the scope's data: the workspace is
// back.
func (s *Installs) Save(ctx context.Context, in bot.Install) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	key, err := installKey(in.Scope)
	if err != nil {
		return fmt.Errorf("save install: %w", err)
	}
	if in.BotToken == "" {
		return errors.New("save install: no bot token")
	}
	fields, err := s.sealed(in)
	if err != nil {
		return fmt.Errorf("save install in %s: %w", in.Scope, err)
	}
	// The record is replaced in one transaction, so a reader never sees
	// it missing. The global keys are in other cluster slots: they follow,
	// and a crash in between leaves a working install whose pending
	// deletion sees it back and gives up (forget checks).
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, key)
		p.HSet(ctx, key, fields)
		return nil
	})
	if err != nil {
		return wrap(err, "save install in %s", in.Scope)
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.ZRem(ctx, forgetKey, in.Scope.String())
		p.SAdd(ctx, installsKey, in.Scope.String())
		return nil
	})
	if err != nil {
		return wrap(err, "save install in %s", in.Scope)
	}
	return nil
}

// sealed returns the hash fields of an installation, tokens sealed.
func (s *Installs) sealed(in bot.Install) (map[string]any, error) {
	if s.seal == nil {
		return nil, errors.New("no key to seal tokens with (SLACK_TOKEN_KEY)")
	}
	tok, err := s.seal.Seal([]byte(in.BotToken), aad(in.Scope, fTok))
	if err != nil {
		return nil, err
	}
	at := in.At
	if at.IsZero() {
		at = s.now()
	}
	f := map[string]any{fTok: tok, fState: stateOK, fAt: strconv.FormatInt(at.UnixMilli(), 10)}
	if in.Refresh != "" {
		if f[fRef], err = s.seal.Seal([]byte(in.Refresh), aad(in.Scope, fRef)); err != nil {
			return nil, err
		}
	}
	if !in.Expires.IsZero() {
		f[fExp] = strconv.FormatInt(in.Expires.UnixMilli(), 10)
	}
	for k, v := range map[string]string{fUser: in.BotUser, fBy: in.Installer, fApp: in.AppID} {
		if v != "" {
			f[k] = v
		}
	}
	return f, nil
}

// Load returns the scope's installation with its tokens opened. A scope
// without a working one gives an error wrapping bot.ErrNotInstalled. A
// token sealed by an old key is sealed again with the current one.
func (s *Installs) Load(ctx context.Context, sc bot.Scope) (bot.Install, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	key, err := installKey(sc)
	if err != nil {
		return bot.Install{}, fmt.Errorf("load install: %w", err)
	}
	h, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return bot.Install{}, wrap(err, "load install of %s", sc)
	}
	if h[fState] != stateOK || h[fTok] == "" {
		why := "never installed"
		switch h[fState] {
		case stateOff:
			why = "uninstalled"
		case stateFix:
			why = "its token stopped working"
		}
		return bot.Install{}, fmt.Errorf("%s: %s: %w", sc, why, bot.ErrNotInstalled)
	}
	in := bot.Install{Scope: sc, BotUser: h[fUser], Installer: h[fBy], AppID: h[fApp],
		At: millis(h[fAt]), Expires: millis(h[fExp])}
	var restale []any
	for _, f := range []struct {
		name string
		to   *string
	}{{fTok, &in.BotToken}, {fRef, &in.Refresh}} {
		if h[f.name] == "" {
			continue
		}
		plain, stale, err := s.seal.Open(h[f.name], aad(sc, f.name))
		if err != nil {
			return bot.Install{}, fmt.Errorf("install of %s: %s: %w", sc, f.name, err)
		}
		*f.to = string(plain)
		if stale {
			again, err := s.seal.Seal(plain, aad(sc, f.name))
			if err != nil {
				return bot.Install{}, fmt.Errorf("install of %s: reseal: %w", sc, err)
			}
			restale = append(restale, f.name, again)
		}
	}
	if len(restale) > 0 {
		// Only over the same sealed value: a refresh racing this must win.
		if err := resealScript.Run(ctx, s.rdb, []string{key}, append([]any{h[fTok], h[fRef]}, restale...)...).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return in, wrap(err, "reseal install of %s", sc)
		}
	}
	return in, nil
}

// resealScript replaces sealed fields when the record still holds the
// values that were read. ARGV: the tok and ref read, then field, value
// pairs.
var resealScript = redis.NewScript(`
if (redis.call('HGET', KEYS[1], 'tok') or '') ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'ref') or '') ~= ARGV[2] then
  return 0
end
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i+1]) end
return 1
`)

func millis(v string) time.Time {
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil || ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// Uninstall deletes the scope's tokens at once and schedules the deletion
// of its data after the retention (at once when it is zero).
func (s *Installs) Uninstall(ctx context.Context, sc bot.Scope) error {
	if err := s.drop(ctx, sc, stateOff); err != nil {
		return err
	}
	return s.ForgetAfter(ctx, sc, s.retention)
}

// Broken deletes the scope's tokens, which no longer work (a refresh was
// refused), and marks it as needing reinstall. Its data is kept: the app
// is still installed.
func (s *Installs) Broken(ctx context.Context, sc bot.Scope) error {
	return s.drop(ctx, sc, stateFix)
}

func (s *Installs) drop(ctx context.Context, sc bot.Scope, state string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	key, err := installKey(sc)
	if err != nil {
		return fmt.Errorf("uninstall: %w", err)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, key, fTok, fRef, fExp)
		p.HSet(ctx, key, fState, state, fGone, strconv.FormatInt(s.now().UnixMilli(), 10))
		return nil
	})
	if err != nil {
		return wrap(err, "uninstall %s", sc)
	}
	return nil
}

// PutState keeps an OAuth state for ttl, to be taken once.
func (s *Installs) PutState(ctx context.Context, state string, ttl time.Duration) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := checkCacheKey(state); err != nil {
		return fmt.Errorf("oauth state: %w", err)
	}
	if err := s.rdb.Set(ctx, stateKey+state, "1", ttl).Err(); err != nil {
		return wrap(err, "oauth state")
	}
	return nil
}

// TakeState reports whether state was issued and unused, and uses it up.
func (s *Installs) TakeState(ctx context.Context, state string) (bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if checkCacheKey(state) != nil {
		return false, nil
	}
	err := s.rdb.GetDel(ctx, stateKey+state).Err()
	switch {
	case errors.Is(err, redis.Nil):
		return false, nil
	case err != nil:
		return false, wrap(err, "oauth state")
	}
	return true, nil
}

// Lock takes a short lock on the scope's installation (a token refresh in
// flight), reporting false when another holder has it.
func (s *Installs) Lock(ctx context.Context, sc bot.Scope, ttl time.Duration) (bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	key, err := installKey(sc)
	if err != nil {
		return false, fmt.Errorf("lock install: %w", err)
	}
	ok, err := s.rdb.SetNX(ctx, key+":lock", "1", ttl).Result()
	if err != nil {
		return false, wrap(err, "lock install of %s", sc)
	}
	return ok, nil
}

// Unlock releases Lock.
func (s *Installs) Unlock(ctx context.Context, sc bot.Scope) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	key, err := installKey(sc)
	if err != nil {
		return fmt.Errorf("unlock install: %w", err)
	}
	if err := s.rdb.Del(ctx, key+":lock").Err(); err != nil {
		return wrap(err, "unlock install of %s", sc)
	}
	return nil
}

// Rekey seals every stored token that an old key sealed with the current
// key, and returns how many installations it changed. Once it has run with
// no error, the old key can be retired.
func (s *Installs) Rekey(ctx context.Context) (int, error) {
	raw, err := s.rdb.SMembers(ctx, installsKey).Result()
	if err != nil {
		return 0, wrap(err, "rekey: list installs")
	}
	n := 0
	var errs []error
	for _, v := range raw {
		sc, err := parseScope(v)
		if err != nil {
			continue
		}
		changed, err := s.rekeyOne(ctx, sc)
		if err != nil && !errors.Is(err, bot.ErrNotInstalled) {
			errs = append(errs, err)
		}
		if changed {
			n++
		}
	}
	return n, errors.Join(errs...)
}

func (s *Installs) rekeyOne(ctx context.Context, sc bot.Scope) (bool, error) {
	key, err := installKey(sc)
	if err != nil {
		return false, err
	}
	before, err := s.rdb.HGet(ctx, key, fTok).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, wrap(err, "rekey %s", sc)
	}
	if _, err := s.Load(ctx, sc); err != nil {
		return false, err
	}
	after, err := s.rdb.HGet(ctx, key, fTok).Result()
	if err != nil {
		return false, wrap(err, "rekey %s", sc)
	}
	return after != before, nil
}
