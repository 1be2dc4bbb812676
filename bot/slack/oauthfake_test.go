package slack

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// fakeOAuth is Slack's side of OAuth v2 for the fake: codes it handed out
// on its consent page, the tokens they were exchanged for, and rotation.
type fakeOAuth struct {
	clientID, secret string
	codes            map[string]grant  // code -> what it installs
	tokens           map[string]string // working token -> team
	refresh          map[string]string // refresh token -> team
	revoked          map[string]bool
	issued           []string // every token and refresh token, for the plain-text scan
	expiresIn        int      // with rotation: the tokens' life in seconds; 0: rotation off
	refuseRefresh    bool
	refreshDown      bool // refreshes get 503, as from an outage
	seq              int
}

// grant is what a consent made.
type grant struct {
	team, name, installer, redirect string
	org                             bool
}

// oauthSlack turns on OAuth on the fake.
func (f *fakeSlack) oauthSlack() *fakeOAuth {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.oauth = &fakeOAuth{clientID: "1234.5678", secret: "client-secret-abc", codes: map[string]grant{},
		tokens: map[string]string{}, refresh: map[string]string{}, revoked: map[string]bool{}}
	return f.oauth
}

// consent plays an admin of team approving the app on Slack's authorize
// page: it checks the link's parameters and returns the callback URL
// Slack sends the browser to.
func (f *fakeSlack) consent(t *testing.T, authorize string, g grant) string {
	t.Helper()
	u, err := url.Parse(authorize)
	if err != nil || u.Scheme+"://"+u.Host+u.Path != authorizeURL {
		t.Fatalf("install redirects to %q, want %s", authorize, authorizeURL)
	}
	q := u.Query()
	if q.Get("client_id") != f.oauth.clientID || q.Get("scope") != strings.Join(BotScopes(), ",") || q.Get("state") == "" {
		t.Fatalf("authorize parameters: %v", q)
	}
	f.mu.Lock()
	f.oauth.seq++
	code := fmt.Sprintf("code-%s-%d", g.team, f.oauth.seq)
	g.redirect = q.Get("redirect_uri")
	f.oauth.codes[code] = g
	f.mu.Unlock()
	return g.redirect + "?" + url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
}

// oauthAccess is oauth.v2.access: a code (or, with grant_type
// refresh_token, a refresh token) for a bot token.
func (f *fakeSlack) oauthAccess(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls["oauth.v2.access"]++
	o := f.oauth
	if o == nil || r.Form.Get("client_id") != o.clientID || r.Form.Get("client_secret") != o.secret {
		writeOK(w, map[string]any{"ok": false, "error": "invalid_client_id"})
		return
	}
	var g grant
	if r.Form.Get("grant_type") == "refresh_token" {
		f.calls["refresh"]++
		if o.refreshDown {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		team, ok := o.refresh[r.Form.Get("refresh_token")]
		if !ok || o.refuseRefresh {
			writeOK(w, map[string]any{"ok": false, "error": "invalid_refresh_token"})
			return
		}
		delete(o.refresh, r.Form.Get("refresh_token"))
		g = grant{team: team}
	} else {
		var ok bool
		g, ok = o.codes[r.Form.Get("code")]
		switch {
		case !ok:
			writeOK(w, map[string]any{"ok": false, "error": "invalid_code"})
			return
		case r.Form.Get("redirect_uri") != g.redirect:
			writeOK(w, map[string]any{"ok": false, "error": "bad_redirect_uri"})
			return
		}
		delete(o.codes, r.Form.Get("code"))
	}
	o.seq++
	tok := fmt.Sprintf("xoxb-%s-%d-secretbot", g.team, o.seq)
	o.tokens[tok] = g.team
	o.issued = append(o.issued, tok)
	res := map[string]any{"ok": true, "access_token": tok, "token_type": "bot", "scope": strings.Join(BotScopes(), ","),
		"bot_user_id": "UBOT" + g.team, "app_id": "A0MENTOR",
		"team":        map[string]any{"id": g.team, "name": g.name},
		"authed_user": map[string]any{"id": g.installer}}
	if g.org {
		res["is_enterprise_install"] = true
		res["team"] = nil
		res["enterprise"] = map[string]any{"id": "E" + g.team, "name": "Org"}
	}
	if o.expiresIn > 0 {
		ref := fmt.Sprintf("xoxe-1-%s-%d-secretrefresh", g.team, o.seq)
		o.refresh[ref] = g.team
		o.issued = append(o.issued, ref)
		res["access_token"] = "xoxe." + tok
		delete(o.tokens, tok)
		o.tokens["xoxe."+tok] = g.team
		o.issued = append(o.issued, "xoxe."+tok)
		res["refresh_token"], res["expires_in"] = ref, o.expiresIn
	}
	writeOK(w, res)
}

// callsOf returns the Web API calls made with each team's token.
func (f *fakeSlack) callsOf() []authCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]authCall(nil), f.authd...)
}
