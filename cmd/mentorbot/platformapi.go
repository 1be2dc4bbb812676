package main

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

// platformAPI is a chat platform's Web API state as its adapter last found
// it: reported by /healthz and the mentorbot_platform_api_up gauge, never
// part of readiness, since a signed request is answered without it.
type platformAPI struct {
	platform string
	state    func() (up bool, line string)
}

var platformAPIUp = prometheus.NewDesc("mentorbot_platform_api_up",
	"1 when the platform's Web API answered the adapter's last check (Slack: auth.test), else 0 (down, or not checked yet).",
	[]string{"platform"}, nil)

// addAPI reports a platform's Web API state from now on.
func (o *ops) addAPI(platform string, state func() (up bool, line string)) {
	o.checksMu.Lock()
	defer o.checksMu.Unlock()
	if len(o.apis) == 0 {
		o.reg.MustRegister(apiCollector{o: o})
	}
	o.apis = append(o.apis, platformAPI{platform: platform, state: state})
}

func (o *ops) platformAPIs() []platformAPI {
	o.checksMu.Lock()
	defer o.checksMu.Unlock()
	return append([]platformAPI(nil), o.apis...)
}

// health is /healthz's answer: "ok", then a line per platform Web API.
func (o *ops) health() string {
	lines := []string{"ok"}
	for _, a := range o.platformAPIs() {
		_, line := a.state()
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// apiCollector exports mentorbot_platform_api_up, read at scrape time.
type apiCollector struct{ o *ops }

func (apiCollector) Describe(ch chan<- *prometheus.Desc) { ch <- platformAPIUp }

func (c apiCollector) Collect(ch chan<- prometheus.Metric) {
	for _, a := range c.o.platformAPIs() {
		v := 0.0
		if up, _ := a.state(); up {
			v = 1
		}
		ch <- prometheus.MustNewConstMetric(platformAPIUp, prometheus.GaugeValue, v, a.platform)
	}
}
