package server

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request
// duration histogram.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

var (
	eventTypes   = []string{"run", "job", "dataset", "unknown"}
	knownMethods = []string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}
	storeOps     = []string{"record", "read", "ping"}
)

type requestKey struct {
	route, method string
	code          int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

// metrics are the server's counters, written out in the Prometheus text
// format by hand: a handful of series need no client library.
type metrics struct {
	mu          sync.Mutex
	events      map[[2]string]uint64 // by outcome (received, accepted, rejected) and type
	requests    map[requestKey]uint64
	durations   map[[2]string]*histogram // by route and method
	storeErrors map[string]uint64        // by op
}

func newMetrics() *metrics {
	return &metrics{events: map[[2]string]uint64{}, requests: map[requestKey]uint64{},
		durations: map[[2]string]*histogram{}, storeErrors: map[string]uint64{}}
}

func (m *metrics) event(outcome, typ string) {
	m.mu.Lock()
	m.events[[2]string{outcome, typ}]++
	m.mu.Unlock()
}

func (m *metrics) storeError(op string) {
	m.mu.Lock()
	m.storeErrors[op]++
	m.mu.Unlock()
}

func (m *metrics) request(route, method string, code int, d time.Duration) {
	if !slices.Contains(knownMethods, method) {
		method = "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, method, code}]++
	h := m.durations[[2]string{route, method}]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets))}
		m.durations[[2]string{route, method}] = h
	}
	sec := d.Seconds()
	if i, _ := slices.BinarySearch(durationBuckets, sec); i < len(durationBuckets) {
		h.counts[i]++
	}
	h.sum += sec
	h.count++
}

func (s *Server) writeMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w)
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range []struct{ outcome, help string }{
		{"received", "OpenLineage events read from requests, by type."},
		{"accepted", "OpenLineage events stored, by type."},
		{"rejected", "OpenLineage events not stored (malformed, in a request with a malformed one, or failed to store), by type."},
	} {
		name := "residue_openlineage_events_" + c.outcome + "_total"
		header(w, name, c.help, "counter")
		for _, t := range eventTypes {
			fmt.Fprintf(w, "%s{type=%s} %d\n", name, quote(t), m.events[[2]string{c.outcome, t}])
		}
	}
	header(w, "residue_http_requests_total", "HTTP requests, by route, method and status code.", "counter")
	keys := slices.SortedFunc(maps.Keys(m.requests), func(a, b requestKey) int {
		return cmp.Or(strings.Compare(a.route, b.route), strings.Compare(a.method, b.method), cmp.Compare(a.code, b.code))
	})
	for _, k := range keys {
		fmt.Fprintf(w, "residue_http_requests_total{route=%s,method=%s,code=%s} %d\n",
			quote(k.route), quote(k.method), quote(strconv.Itoa(k.code)), m.requests[k])
	}
	header(w, "residue_http_request_duration_seconds", "Time to answer HTTP requests, by route and method.", "histogram")
	for _, k := range slices.SortedFunc(maps.Keys(m.durations), func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	}) {
		h := m.durations[k]
		labels := fmt.Sprintf("route=%s,method=%s", quote(k[0]), quote(k[1]))
		var cum uint64
		for i, le := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "residue_http_request_duration_seconds_bucket{%s,le=%s} %d\n", labels, quote(strconv.FormatFloat(le, 'g', -1, 64)), cum)
		}
		fmt.Fprintf(w, "residue_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", labels, h.count)
		fmt.Fprintf(w, "residue_http_request_duration_seconds_sum{%s} %s\n", labels, strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(w, "residue_http_request_duration_seconds_count{%s} %d\n", labels, h.count)
	}
	header(w, "residue_store_errors_total", "Failed operations on the lineage store, by operation.", "counter")
	for _, op := range storeOps {
		fmt.Fprintf(w, "residue_store_errors_total{op=%s} %d\n", quote(op), m.storeErrors[op])
	}
}

func header(w io.Writer, name, help, typ string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// quote writes a label value as the exposition format escapes it.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}
