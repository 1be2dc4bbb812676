package slack

import (
	"sync"
	"time"
)

// APIProbeEvery is how often, once the bot token has worked, auth.test is
// called again to keep the Web API state fresh.
const APIProbeEvery = time.Minute

// apiState is what the last call to Slack's Web API auth.test found. It
// is reported, never waited for: in HTTP mode signed requests are
// answered, through their response_url, whether or not the Web API
// answers, so its state belongs in /healthz and a gauge, not in readiness.
type apiState struct {
	mu      sync.Mutex
	checked bool
	up      bool
	why     string // the failure, short; empty when up
	at      time.Time
}

func (s *apiState) record(err error, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checked, s.up, s.at, s.why = true, err == nil, at, ""
	if err != nil {
		s.why = err.Error()
	}
}

// APIState reports the state of Slack's Web API as the bot token last
// found it: whether it has been checked yet, whether it answered, and a
// line for /healthz. ok is false in OAuth mode, where every workspace
// has a token of its own and no one state says it.
func (a *Adapter) APIState() (up bool, line string, ok bool) {
	if a.oauth() {
		return false, "", false
	}
	s := &a.webAPI
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !s.checked:
		return false, "slack web api: not checked yet", true
	case s.up:
		return true, "slack web api: up (auth.test at " + s.at.UTC().Format(time.RFC3339) + ")", true
	}
	return false, "slack web api: down since the auth.test at " + s.at.UTC().Format(time.RFC3339) + ": " + short(s.why), true
}

// short keeps an error's first 200 bytes: enough to tell DNS from a
// refused connection, without a response body in /healthz.
func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
