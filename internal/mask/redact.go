// Package mask shows URLs in messages without their secrets: URLs from
// the configuration may carry a password (a proxy's, an API key in the
// query), and errors and logs must never repeat it.
package mask

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask stands for what was hidden.
const Mask = "xxxxx"

// userinfo is "//user:pass@" in a URL that does not parse.
var userinfo = regexp.MustCompile(`//[^/?#]*@`)

// secretParams are query parameters whose values are hidden.
var secretParams = []string{"pass", "secret", "token", "key", "auth", "sig", "credential"}

// URL returns raw with its user info (name and password) and the values
// of query parameters named like secrets replaced by Mask. A URL that does
// not parse has anything between "//" and "@" replaced, and its query
// dropped.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		s, _, _ := strings.Cut(raw, "?")
		return userinfo.ReplaceAllString(s, "//"+Mask+"@")
	}
	changed := u.User != nil
	if changed {
		u.User = url.User(Mask)
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k, vs := range q {
			if secretName(k) {
				changed = true
				for i := range vs {
					vs[i] = Mask
				}
			}
		}
		u.RawQuery = q.Encode()
	}
	if !changed {
		return raw
	}
	return u.String()
}

func secretName(k string) bool {
	k = strings.ToLower(k)
	for _, s := range secretParams {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}
