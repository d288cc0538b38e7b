package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/server"
)

// testServer serves a fresh SQLite store.
type testServer struct {
	t   *testing.T
	db  *lineage.DB
	url string
}

func newTestServer(t *testing.T, o server.Options) *testServer {
	t.Helper()
	return serveStore(t, filepath.Join(t.TempDir(), "state.db"), o)
}

func serveStore(t *testing.T, dsn string, o server.Options) *testServer {
	t.Helper()
	db, err := lineage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(server.New(db, o))
	t.Cleanup(func() {
		hs.Close()
		db.Close()
	})
	return &testServer{t: t, db: db, url: hs.URL}
}

type response struct {
	code int
	body string
	hdr  http.Header
}

func (s *testServer) do(method, path string, body io.Reader, hdr ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{resp.StatusCode, string(b), resp.Header}
}

func (s *testServer) post(body string, hdr ...string) response {
	s.t.Helper()
	return s.do("POST", "/api/v1/lineage", strings.NewReader(body), append([]string{"Content-Type", "application/json"}, hdr...)...)
}

func (s *testServer) counts() (runs, nodes int) {
	s.t.Helper()
	rs, err := s.db.Runs(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	ns, err := s.db.Nodes(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return len(rs), len(ns)
}

func (s *testServer) graph(query string) server.Graph {
	s.t.Helper()
	r := s.do("GET", "/api/v1/lineage?"+query, nil)
	if r.code != http.StatusOK {
		s.t.Fatalf("GET lineage?%s: %d %s", query, r.code, r.body)
	}
	var g server.Graph
	if err := json.Unmarshal([]byte(r.body), &g); err != nil {
		s.t.Fatal(err)
	}
	return g
}

const (
	trainStart    = `{"eventType":"START","eventTime":"2026-11-01T08:00:00Z","run":{"runId":"0a4b52f4-4f0e-4d43-9f53-1b6a2c5d1e01"},"job":{"namespace":"ml","name":"train"},"inputs":[{"namespace":"s3://lake","name":"corpus/2026-11"}],"producer":"test"}`
	trainComplete = `{"eventType":"COMPLETE","eventTime":"2026-11-01T09:30:00Z","run":{"runId":"0a4b52f4-4f0e-4d43-9f53-1b6a2c5d1e01"},"job":{"namespace":"ml","name":"train"},"outputs":[{"namespace":"hf://acme","name":"base","facets":{"datasetType":{"_producer":"test","_schemaURL":"https://openlineage.io/spec/facets/1-0-0/DatasetTypeDatasetFacet.json","datasetType":"MODEL"},"version":{"datasetVersion":"v1"}}}],"producer":"test"}`
	noTime        = `{"eventType":"START","run":{"runId":"1b"},"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"s3://lake","name":"other"}]}`
)

func decodeError(t *testing.T, r response) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error == "" {
		t.Fatalf("%d %q is not a JSON error", r.code, r.body)
	}
	return e.Error
}

// TestPostMalformedStoresNothing: a request with one malformed event is
// answered 400 with the reason, located, and none of its events is stored.
func TestPostMalformedStoresNothing(t *testing.T) {
	s := newTestServer(t, server.Options{})
	if r := s.post(trainStart); r.code != http.StatusCreated {
		t.Fatalf("post: %d %s", r.code, r.body)
	}
	runs, nodes := s.counts()
	for _, c := range []struct{ name, body, want string }{
		{"array", "[\n" + trainComplete + ",\n" + noTime + "\n]", "event 2 (line 3): eventTime: missing"},
		{"ndjson", trainComplete + "\n" + noTime + "\n", "event 2 (line 2): eventTime: missing"},
		{"not json", "{oops", "event 1 (line 1): not JSON"},
		{"truncated array", "[" + trainComplete + ",", "event 2 (line 1): not JSON"},
		{"not an object", `"hello"`, "event 1 (line 1): not JSON"},
		{"empty", "", "no OpenLineage event"},
		{"no job", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"}}`, "job: missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(c.body)
			if r.code != http.StatusBadRequest {
				t.Fatalf("%d %s", r.code, r.body)
			}
			if msg := decodeError(t, r); !strings.Contains(msg, c.want) {
				t.Errorf("error %q, want %q", msg, c.want)
			}
			if rn, nn := s.counts(); rn != runs || nn != nodes {
				t.Errorf("stored: runs %d -> %d, datasets and models %d -> %d", runs, rn, nodes, nn)
			}
		})
	}
	all, err := s.db.Runs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all[0].Outputs) != 0 {
		t.Errorf("the rejected COMPLETE was stored: %+v", all[0])
	}
}

func TestPostGzip(t *testing.T) {
	s := newTestServer(t, server.Options{})
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, trainStart+"\n"+trainComplete+"\n")
	zw.Close()
	r := s.do("POST", "/api/v1/lineage", &b, "Content-Type", "application/json", "Content-Encoding", "gzip")
	if r.code != http.StatusCreated || !strings.Contains(r.body, `"accepted": 2`) {
		t.Fatalf("%d %s", r.code, r.body)
	}
	runs, err := s.db.Runs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || len(runs[0].Inputs) != 1 || len(runs[0].Outputs) != 1 || runs[0].State != "COMPLETE" ||
		runs[0].Outputs[0].Kind != lineage.KindModel || runs[0].Outputs[0].URI != "hf://acme/base" || runs[0].Outputs[0].Version != "v1" {
		t.Errorf("runs: %+v", runs)
	}
	if r := s.do("POST", "/api/v1/lineage", strings.NewReader("not gzip"), "Content-Encoding", "gzip"); r.code != http.StatusBadRequest {
		t.Errorf("broken gzip: %d %s", r.code, r.body)
	}
	if r := s.do("POST", "/api/v1/lineage", strings.NewReader(trainStart), "Content-Encoding", "br"); r.code != http.StatusUnsupportedMediaType {
		t.Errorf("brotli: %d %s", r.code, r.body)
	}
}

func TestToken(t *testing.T) {
	const token = "s3cr3t-token-for-tests"
	s := newTestServer(t, server.Options{Token: token})
	for _, c := range []struct {
		name string
		hdr  []string
		want int
	}{
		{"none", nil, http.StatusUnauthorized},
		{"wrong", []string{"Authorization", "Bearer nope"}, http.StatusUnauthorized},
		{"prefix", []string{"Authorization", "Bearer " + token[:5]}, http.StatusUnauthorized},
		{"basic", []string{"Authorization", "Basic " + token}, http.StatusUnauthorized},
		{"right", []string{"Authorization", "Bearer " + token}, http.StatusCreated},
		{"scheme in lower case", []string{"Authorization", "bearer " + token}, http.StatusCreated},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(trainStart, c.hdr...)
			if r.code != c.want {
				t.Fatalf("%d %s, want %d", r.code, r.body, c.want)
			}
			if r.code == http.StatusUnauthorized && r.hdr.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	if r := s.do("GET", "/api/v1/models", nil); r.code != http.StatusUnauthorized {
		t.Errorf("models without a token: %d", r.code)
	}
	if r := s.do("GET", "/api/v1/lineage?nodeId=job:ml:train", nil); r.code != http.StatusUnauthorized {
		t.Errorf("lineage without a token: %d", r.code)
	}
	for _, p := range []string{"/healthz", "/metrics"} {
		if r := s.do("GET", p, nil); r.code != http.StatusOK {
			t.Errorf("%s: %d", p, r.code)
		}
	}
	if runs, _ := s.counts(); runs != 1 {
		t.Errorf("%d runs", runs)
	}
}

func TestOversize(t *testing.T) {
	const max = 64 << 10
	s := newTestServer(t, server.Options{MaxBody: max})
	big := `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"doc":{"description":"` +
		strings.Repeat("a", max) + `"}}}}`
	if r := s.post(big); r.code != http.StatusRequestEntityTooLarge {
		t.Errorf("plain: %d %s", r.code, r.body)
	}
	// Small compressed, large inflated.
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, big)
	zw.Close()
	if b.Len() >= max {
		t.Fatalf("compressed to %d bytes", b.Len())
	}
	if r := s.do("POST", "/api/v1/lineage", &b, "Content-Encoding", "gzip"); r.code != http.StatusRequestEntityTooLarge {
		t.Errorf("gzip: %d %s", r.code, r.body)
	}
	if _, nodes := s.counts(); nodes != 0 {
		t.Errorf("%d nodes stored", nodes)
	}
	// Just under the cap is fine.
	fits := `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"doc":{"description":"` +
		strings.Repeat("a", max-200) + `"}}}}`
	if r := s.post(fits); r.code != http.StatusCreated {
		t.Errorf("under the cap: %d %s", r.code, r.body)
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t, server.Options{})
	if r := s.do("GET", "/healthz", nil); r.code != http.StatusOK || r.body != "ok\n" {
		t.Errorf("%d %q", r.code, r.body)
	}
	s.db.Close()
	if r := s.do("GET", "/healthz", nil); r.code != http.StatusServiceUnavailable {
		t.Errorf("closed store: %d %q", r.code, r.body)
	}
	if r := s.do("GET", "/metrics", nil); !strings.Contains(r.body, `residue_store_errors_total{op="ping"} 1`) {
		t.Errorf("metrics:\n%s", r.body)
	}
}

func TestMetrics(t *testing.T) {
	s := newTestServer(t, server.Options{})
	s.post(trainStart + "\n" + trainComplete)
	s.post(`{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"s3://lake","name":"d"}}`)
	s.post("[" + trainStart + "," + noTime + "]")
	s.post("{oops")
	s.do("GET", "/nowhere", nil)
	s.do("DELETE", "/api/v1/lineage", nil)
	r := s.do("GET", "/metrics", nil)
	if ct := r.hdr.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	for _, want := range []string{
		`residue_openlineage_events_received_total{type="run"} 4`,
		`residue_openlineage_events_received_total{type="dataset"} 1`,
		`residue_openlineage_events_received_total{type="unknown"} 1`,
		`residue_openlineage_events_accepted_total{type="run"} 2`,
		`residue_openlineage_events_accepted_total{type="dataset"} 1`,
		`residue_openlineage_events_rejected_total{type="run"} 2`,
		`residue_openlineage_events_rejected_total{type="unknown"} 1`,
		`residue_openlineage_events_rejected_total{type="job"} 0`,
		`residue_http_requests_total{route="/api/v1/lineage",method="POST",code="201"} 2`,
		`residue_http_requests_total{route="/api/v1/lineage",method="POST",code="400"} 2`,
		`residue_http_requests_total{route="other",method="GET",code="404"} 1`,
		`residue_http_requests_total{route="other",method="DELETE",code="405"} 1`,
		`residue_http_request_duration_seconds_bucket{route="/api/v1/lineage",method="POST",le="+Inf"} 4`,
		`residue_http_request_duration_seconds_count{route="/api/v1/lineage",method="POST"} 4`,
		"# TYPE residue_http_request_duration_seconds histogram",
		`residue_store_errors_total{op="record"} 0`,
	} {
		if !strings.Contains(r.body, want+"\n") {
			t.Errorf("no %s in\n%s", want, r.body)
		}
	}
}
