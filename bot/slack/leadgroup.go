package slack

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/slack-go/slack"
)

// SLACK_LEAD_GROUP makes the members of one Slack user group leads, for
// workspaces that keep roles there. Its members are read with
// usergroups.users.list (after usergroups.list when the group is named by
// its handle), kept in the shared cache for leadGroupTTL so that every
// replica shares one read, and in the process for a minute so that a
// command costs no extra round trip.
const (
	leadGroupTTL   = 10 * time.Minute // a change to the group shows within ten minutes
	leadGroupLocal = time.Minute
	leadGroupRetry = time.Minute // after a failed read, members are not leads by the group for this long
)

// leadGroups is the process's copy of each workspace's lead group.
type leadGroups struct {
	mu sync.Mutex
	m  map[string]groupAt
}

type groupAt struct {
	members []string
	until   time.Time
}

func (g *leadGroups) get(team string, now time.Time) ([]string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.m[team]
	if !ok || now.After(e.until) {
		return nil, false
	}
	return e.members, true
}

func (g *leadGroups) put(team string, members []string, until time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]groupAt{}
	}
	g.m[team] = groupAt{members, until}
}

// inLeadGroup reports whether user is in the workspace's SLACK_LEAD_GROUP.
// A failure to read the group is logged and counts as not in it.
func (a *Adapter) inLeadGroup(ctx context.Context, sc bot.Scope, user string) bool {
	if a.cfg.LeadGroup == "" {
		return false
	}
	now := a.now()
	members, ok := a.groups.get(sc.Workspace, now)
	if !ok {
		var err error
		// Not bounded by lookupBudget: a slow Slack must still be heard
		// once, and a failure is not asked again for leadGroupRetry.
		members, err = a.leadGroupMembers(ctx, sc)
		until := now.Add(leadGroupLocal)
		if err != nil {
			a.log.Warn("lead group", slog.String("group", a.cfg.LeadGroup), slog.String("err", err.Error()))
			until = now.Add(leadGroupRetry)
		}
		a.groups.put(sc.Workspace, members, until)
	}
	return slices.Contains(members, user)
}

// leadGroupMembers reads the group's members from the shared cache, else
// from Slack (and fills the cache).
func (a *Adapter) leadGroupMembers(ctx context.Context, sc bot.Scope) ([]string, error) {
	key := "slack:leadgroup:" + a.cfg.LeadGroup
	if v, err := a.cfg.Cache.Get(ctx, sc, key); err == nil && strings.HasPrefix(v, "ok|") {
		return strings.FieldsFunc(v[3:], func(r rune) bool { return r == ',' }), nil
	}
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return nil, err
	}
	id, err := a.leadGroupID(ctx, api)
	if err != nil {
		return nil, err
	}
	members, err := api.GetUserGroupMembersContext(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("usergroups.users.list %s: %w", id, err)
	}
	if err := a.cfg.Cache.Set(ctx, sc, key, "ok|"+strings.Join(members, ","), leadGroupTTL); err != nil {
		a.log.Warn("lead group cache", slog.String("err", err.Error()))
	}
	return members, nil
}

// leadGroupID is the group's id: SLACK_LEAD_GROUP itself when it is one
// (S...), else the id of the group with that handle ("@backend-leads" or
// "backend-leads").
func (a *Adapter) leadGroupID(ctx context.Context, api *slack.Client) (string, error) {
	g := a.cfg.LeadGroup
	if isGroupID(g) {
		return g, nil
	}
	handle := strings.TrimPrefix(g, "@")
	groups, err := api.GetUserGroupsContext(ctx)
	if err != nil {
		return "", fmt.Errorf("usergroups.list: %w", err)
	}
	for _, ug := range groups {
		if strings.EqualFold(ug.Handle, handle) {
			return ug.ID, nil
		}
	}
	return "", fmt.Errorf("no user group with the handle %q", handle)
}

// isGroupID reports whether s looks like a Slack user group id.
func isGroupID(s string) bool {
	if len(s) < 2 || s[0] != 'S' {
		return false
	}
	for _, r := range s[1:] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
