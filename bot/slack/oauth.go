package slack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// authorizeURL is Slack's OAuth v2 consent page.
const authorizeURL = "https://slack.com/oauth/v2/authorize"

// stateTTL is how long an install link's state stays usable.
const stateTTL = 10 * time.Minute

// oauthRoutes registers OAuth mode's GET /slack/install and
// /slack/oauth/callback.
func (a *Adapter) oauthRoutes(mux *http.ServeMux) {
	if !a.oauth() {
		return
	}
	mux.HandleFunc("GET /slack/install", a.serveInstall)
	mux.HandleFunc("GET /slack/oauth/callback", a.serveCallback)
}

func (a *Adapter) redirectURI() string { return a.cfg.OAuth.PublicURL + "/slack/oauth/callback" }

// serveInstall sends the browser to Slack's consent page with a fresh
// single-use state.
func (a *Adapter) serveInstall(w http.ResponseWriter, r *http.Request) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	state := hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := a.cfg.OAuth.Installs.PutState(ctx, state, stateTTL); err != nil {
		a.log.Warn("slack install: keep state", slog.String("err", err.Error()))
		a.page(w, http.StatusServiceUnavailable, "Try again shortly",
			"mentorbot could not reach its storage to start the installation. Nothing was installed.", true)
		return
	}
	q := url.Values{
		"client_id":    {a.cfg.OAuth.ClientID},
		"scope":        {strings.Join(a.cfg.OAuth.Scopes, ",")},
		"state":        {state},
		"redirect_uri": {a.redirectURI()},
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, authorizeURL+"?"+q.Encode(), http.StatusFound)
}

// serveCallback finishes an installation: it checks and uses up the
// state, exchanges the code with oauth.v2.access and stores the token.
// Whatever goes wrong, nothing is stored and the page says what to do.
func (a *Adapter) serveCallback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	state := q.Get("state")
	if state == "" {
		a.page(w, http.StatusBadRequest, "This is not a valid install link",
			"The link has no state. Start the installation from the install page.", true)
		return
	}
	ok, err := a.cfg.OAuth.Installs.TakeState(ctx, state)
	switch {
	case err != nil:
		a.log.Warn("slack install: take state", slog.String("err", err.Error()))
		a.page(w, http.StatusServiceUnavailable, "Try again shortly",
			"mentorbot could not reach its storage to finish the installation. Nothing was installed.", true)
		return
	case !ok:
		a.page(w, http.StatusBadRequest, "This install link has expired or was already used",
			"Install links work once, within 10 minutes. Nothing was installed. Start again from the install page.", true)
		return
	}
	if e := q.Get("error"); e != "" {
		a.page(w, http.StatusBadRequest, "The installation was cancelled",
			"Slack answered "+e+". Nothing was installed.", true)
		return
	}
	code := q.Get("code")
	if code == "" {
		a.page(w, http.StatusBadRequest, "This is not a valid install link",
			"Slack sent no code. Nothing was installed. Start again from the install page.", true)
		return
	}
	o := a.cfg.OAuth
	res, err := slack.GetOAuthV2ResponseContext(ctx, a.http, o.ClientID, o.ClientSecret, code, a.redirectURI(), slack.OAuthOptionAPIURL(a.base))
	if err != nil {
		a.exchangeFailed(w, err)
		return
	}
	if res.IsEnterpriseInstall || res.Team.ID == "" {
		a.refuseOrgInstall(ctx, w, res)
		return
	}
	if res.AccessToken == "" {
		a.log.Warn("slack install: no bot token in oauth.v2.access", slog.String("team", res.Team.ID))
		a.page(w, http.StatusBadGateway, "Slack sent no bot token",
			"Slack's answer had no bot token, so nothing was installed. Check that the app asks for bot scopes, then try again.", true)
		return
	}
	in := bot.Install{Scope: scope(res.Team.ID), BotToken: res.AccessToken, BotUser: res.BotUserID,
		Installer: res.AuthedUser.ID, AppID: res.AppID, Refresh: res.RefreshToken, At: a.now()}
	if res.ExpiresIn > 0 {
		in.Expires = a.now().Add(time.Duration(res.ExpiresIn) * time.Second)
	}
	if err := o.Installs.Save(ctx, in); err != nil {
		a.log.Warn("slack install: save", slog.String("team", res.Team.ID), slog.String("err", err.Error()))
		a.page(w, http.StatusServiceUnavailable, "Try again shortly",
			"Slack agreed, but mentorbot could not store the installation, so nothing was installed.", true)
		return
	}
	a.teams.drop(res.Team.ID)
	a.log.Info("slack workspace installed", slog.String("team", res.Team.ID), slog.String("by", res.AuthedUser.ID),
		slog.Bool("rotating", in.Refresh != ""))
	name := res.Team.Name
	if name == "" {
		name = "your workspace"
	}
	a.page(w, http.StatusOK, "mentorbot is installed in "+name,
		"Next, in Slack: type /mentor help in any channel to see what it does, /mentor join to start your roadmap, "+
			"or ask it a question in its Messages tab. Invite it to a channel (/invite @mentorbot) to ask it there by mention. "+
			"Admins and owners of the workspace can assign mentees to leads with /mentor assign.", false)
}

// exchangeFailed answers an oauth.v2.access that did not give a token.
func (a *Adapter) exchangeFailed(w http.ResponseWriter, err error) {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		a.log.Warn("slack install: oauth.v2.access refused", slog.String("err", se.Err))
		a.page(w, http.StatusBadGateway, "Slack refused the installation",
			"Slack answered "+se.Err+", so nothing was installed. Start again from the install page; "+
				"if it keeps failing, check SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and the redirect URL in the app's settings.", true)
		return
	}
	a.log.Warn("slack install: oauth.v2.access failed", slog.String("err", err.Error()))
	a.page(w, http.StatusBadGateway, "Slack could not be reached",
		"mentorbot could not finish the installation with Slack, so nothing was installed. Try again shortly.", true)
}

// refuseOrgInstall answers an org-wide (Enterprise Grid) install, which
// mentorbot does not take: its data is per workspace. The token Slack
// issued is revoked at once, so nothing is left behind.
func (a *Adapter) refuseOrgInstall(ctx context.Context, w http.ResponseWriter, res *slack.OAuthV2Response) {
	if res.AccessToken != "" {
		if _, err := slack.New(res.AccessToken, a.opts...).SendAuthRevokeContext(ctx, ""); err != nil {
			a.log.Warn("slack install: revoke an org-wide token", slog.String("err", err.Error()))
		}
	}
	a.log.Info("slack install: org-wide install refused", slog.String("enterprise", res.Enterprise.ID))
	a.page(w, http.StatusBadRequest, "Org-wide installs are not supported",
		"mentorbot keeps each workspace's progress apart, so it is installed into workspaces one at a time. "+
			"Nothing was installed. Start again from the install page and pick a single workspace of your organization.", true)
}

// uninstalled acts on app_uninstalled or tokens_revoked: the workspace's
// tokens are deleted at once, its members' data after the retention.
func (a *Adapter) uninstalled(ctx context.Context, sc bot.Scope, why string) {
	if !a.oauth() {
		a.log.Error("slack: "+why+" for the workspace of SLACK_BOT_TOKEN; the token no longer works", slog.String("team", sc.Workspace))
		return
	}
	a.teams.drop(sc.Workspace)
	if err := a.cfg.OAuth.Installs.Uninstall(ctx, sc); err != nil {
		a.log.Error("slack: "+why+": delete tokens", slog.String("team", sc.Workspace), slog.String("err", err.Error()))
		return
	}
	a.log.Info("slack workspace uninstalled", slog.String("team", sc.Workspace), slog.String("event", why))
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}} · mentorbot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#2c3e50}</style>
</head><body>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
{{if .Install}}<p><a href="{{.Install}}">Open the install page</a></p>{{end}}
</body></html>
`))

// page answers with a short HTML page; retry adds the install link.
func (a *Adapter) page(w http.ResponseWriter, status int, title, text string, retry bool) {
	data := struct{ Title, Text, Install string }{Title: title, Text: text}
	if retry {
		data.Install = a.installLink()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, data); err != nil {
		a.log.Warn("slack install page", slog.String("err", err.Error()))
	}
}
