package bot

import (
	"errors"
	"time"
)

// Install is one workspace's installation of the app, as an OAuth
// exchange left it: what an adapter needs to call the platform for that
// workspace. Storage keeps the tokens sealed.
type Install struct {
	Scope     Scope
	BotToken  string
	BotUser   string // the bot's own user id in the workspace
	Installer string // who installed it
	AppID     string
	// Refresh is the refresh token when token rotation is on; Expires is
	// when BotToken stops working then (zero: never).
	Refresh string
	Expires time.Time
	At      time.Time // when it was installed
}

// ErrNotInstalled is returned for a workspace that has no working
// installation: never installed, uninstalled, or whose tokens were revoked
// or could not be refreshed. Its users are asked to reinstall the app.
var ErrNotInstalled = errors.New("the app is not installed in this workspace")

// Reply returns what a user reads for err, with the texts commands use:
// storage trouble is "try again shortly", a refusal its own words.
func Reply(err error) Message {
	m, _ := reply(err)
	return m
}
