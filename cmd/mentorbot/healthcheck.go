package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// healthcheckTimeout bounds one `mentorbot healthcheck` probe.
const healthcheckTimeout = 3 * time.Second

// runHealthcheck is `mentorbot healthcheck [URL]`: GET URL (default:
// /healthz on HTTP_ADDR, on the loopback address) and exit 0 on a 2xx
// answer, 1 otherwise. It is the container health check, since a scratch
// image has no curl or wget.
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer, env lookupEnv) int {
	if len(args) > 1 {
		fmt.Fprint(stderr, "Usage: mentorbot healthcheck [URL]   (default: http://127.0.0.1<HTTP_ADDR's port>/healthz)\n")
		return 2
	}
	target := ""
	if len(args) == 1 {
		target = args[0]
	} else {
		u, err := healthURL(env.get("HTTP_ADDR"))
		if err != nil {
			fmt.Fprintf(stderr, "mentorbot healthcheck: %v\n", err)
			return 2
		}
		target = u
	}
	if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(stderr, "mentorbot healthcheck: %q is not an http(s) URL\n", target)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot healthcheck: %v\n", err)
		return 2
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot healthcheck: %v\n", err)
		return 1
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	if res.StatusCode/100 != 2 {
		fmt.Fprintf(stderr, "mentorbot healthcheck: %s: %s %s\n", target, res.Status, body)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %s", target, body)
	return 0
}

// healthURL is /healthz on HTTP_ADDR, dialled on the loopback address when
// the server listens on every address.
func healthURL(addr string) (string, error) {
	if addr == "" {
		return "", fmt.Errorf("HTTP_ADDR: not set; set it, or give the URL (mentorbot healthcheck http://host:port/healthz)")
	}
	if err := httpConfig(&config{HTTPAddr: addr}, nil); err != nil {
		return "", err
	}
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
