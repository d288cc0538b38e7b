package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/server"
)

// marquezDir holds OpenLineage events Marquez wrote (see its README),
// outside the repository in the shared evaluation data.
var marquezDir = filepath.Join("..", "..", "..", "shared", "evaldata", "openlineage-marquez")

// marquezEvents are the events of the shared data, and what they say:
// each job's inputs and outputs (the union over its events, as graph node
// IDs), the runs and the datasets, read from the raw JSON without residue's
// parser.
type marquezEvents struct {
	files    []string
	events   [][]byte // one per request, as the HTTP transport sends them
	jobs     map[string][2]map[string]bool
	runs     map[string]bool
	datasets map[string]bool // every dataset named, as a node ID
	lone     map[string]bool // datasets only a DatasetEvent names
}

func loadMarquezEvents(t *testing.T) *marquezEvents {
	t.Helper()
	ndjson := filepath.Join(marquezDir, "food_delivery.ndjson")
	if _, err := os.Stat(ndjson); os.IsNotExist(err) {
		t.Skipf("Marquez's events not present at %s", marquezDir)
	}
	files, err := filepath.Glob(filepath.Join(marquezDir, "events", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events in %s: %v", marquezDir, err)
	}
	m := &marquezEvents{files: append(files, ndjson), jobs: map[string][2]map[string]bool{},
		runs: map[string]bool{}, datasets: map[string]bool{}, lone: map[string]bool{}}
	for _, f := range m.files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".ndjson") {
			for _, line := range bytes.Split(b, []byte("\n")) {
				if len(bytes.TrimSpace(line)) > 0 {
					m.events = append(m.events, line)
				}
			}
		} else {
			m.events = append(m.events, b)
		}
	}
	type name struct{ Namespace, Name string }
	for _, b := range m.events {
		var ev struct {
			Run     *struct{ RunID string }
			Job     *name
			Dataset *name
			Inputs  []name
			Outputs []name
		}
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Dataset != nil {
			m.lone["dataset:"+ev.Dataset.Namespace+":"+ev.Dataset.Name] = true
		}
		if ev.Job == nil {
			continue
		}
		id := "job:" + ev.Job.Namespace + ":" + ev.Job.Name
		if ev.Run != nil {
			m.runs[ev.Run.RunID] = true
		} else {
			// A JobEvent is one run per job (docs/lineage.md).
			m.runs["job:"+ev.Job.Namespace+"/"+ev.Job.Name] = true
		}
		j, ok := m.jobs[id]
		if !ok {
			j = [2]map[string]bool{{}, {}}
			m.jobs[id] = j
		}
		for i, list := range [][]name{ev.Inputs, ev.Outputs} {
			for _, d := range list {
				j[i]["dataset:"+d.Namespace+":"+d.Name] = true
				m.datasets["dataset:"+d.Namespace+":"+d.Name] = true
			}
		}
	}
	maps.Copy(m.datasets, m.lone)
	return m
}

// syncBuffer is a buffer a command writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a `residue serve` running in the test's process.
type served struct {
	t      *testing.T
	url    string
	token  string
	stderr *syncBuffer
	stop   func() int
}

var listening = regexp.MustCompile(`listening on (\S+) `)

// startServe runs `residue serve --listen 127.0.0.1:0` on c's database and
// waits for the address it prints.
func startServe(t *testing.T, c *cli, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{t: t, stderr: &syncBuffer{}, token: c.env["RESIDUE_SERVE_TOKEN"]}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...), strings.NewReader(""),
			io.Discard, s.stderr, func(k string) string { return c.env[k] })
	}()
	var once sync.Once
	code := -1
	s.stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Errorf("serve did not stop\n%s", s.stderr)
			}
		})
		return code
	}
	t.Cleanup(func() { s.stop() })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = "http://" + m[1]
			return s
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d\n%s", code, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address\n%s", s.stderr)
	return nil
}

func (s *served) request(method, path string, body []byte) (int, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
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
	return resp.StatusCode, b
}

// checkGraph asks the served graph about every job and every dataset
// event of m, and compares the jobs' edges with the events'.
func checkGraph(t *testing.T, s *served, m *marquezEvents) {
	t.Helper()
	for id, want := range m.jobs {
		code, body := s.request("GET", "/api/v1/lineage?"+url.Values{"nodeId": {id}, "depth": {"1"}}.Encode(), nil)
		if code != http.StatusOK {
			t.Errorf("%s: %d %s", id, code, body)
			continue
		}
		var g server.Graph
		if err := json.Unmarshal(body, &g); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(g.Graph, func(n server.GraphNode) bool { return n.ID == id })
		if i < 0 || g.Graph[i].Type != server.NodeJob {
			t.Errorf("%s: not in its graph: %s", id, body)
			continue
		}
		got := [2]map[string]bool{{}, {}}
		for _, e := range g.Graph[i].InEdges {
			got[0][e.Origin] = true
		}
		for _, e := range g.Graph[i].OutEdges {
			got[1][e.Destination] = true
		}
		for k, what := range []string{"inputs", "outputs"} {
			if !maps.Equal(got[k], want[k]) {
				t.Errorf("%s %s: %v, want %v", id, what, slices.Sorted(maps.Keys(got[k])), slices.Sorted(maps.Keys(want[k])))
			}
		}
		if len(g.Graph) != 1+len(want[0])+len(want[1])-len(intersect(want[0], want[1])) {
			t.Errorf("%s: depth 1 holds %d nodes", id, len(g.Graph))
		}
	}
	t.Logf("%d jobs and %d lone datasets as the events describe them", len(m.jobs), len(m.lone))
	for id := range m.lone {
		code, body := s.request("GET", "/api/v1/lineage?"+url.Values{"nodeId": {id}}.Encode(), nil)
		if code != http.StatusOK || !strings.Contains(string(body), `"id": "`+id+`"`) {
			t.Errorf("%s: %d %s", id, code, body)
		}
	}
}

func intersect(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}

// checkStored compares the runs of a database with m's: the same runs of
// the same jobs, nothing else.
func checkStored(t *testing.T, db string, m *marquezEvents) {
	t.Helper()
	st, err := lineage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	keys, jobs, wantJobs := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range runs {
		keys[r.Key] = true
		jobs["job:"+r.Namespace+":"+r.Name] = true
	}
	for id := range m.jobs {
		wantJobs[id] = true
	}
	if !maps.Equal(keys, m.runs) {
		t.Errorf("runs %v, want %v", slices.Sorted(maps.Keys(keys)), slices.Sorted(maps.Keys(m.runs)))
	}
	if !maps.Equal(jobs, wantJobs) {
		t.Errorf("jobs %v, want %v", slices.Sorted(maps.Keys(jobs)), slices.Sorted(maps.Keys(wantJobs)))
	}
}

// TestMarquezEventsImport: every event Marquez's demo and API tests send
// is imported by `residue lineage import`, and the graph `residue serve`
// answers holds each job with the inputs and outputs its events name.
func TestMarquezEventsImport(t *testing.T) {
	m := loadMarquezEvents(t)
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "state.db")
	c.env["RESIDUE_DB"] = db
	r := c.run(append([]string{"lineage", "import"}, m.files...)...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	want := fmt.Sprintf("imported from %d files: %d events: %d runs, %d datasets, 0 models\n",
		len(m.files), len(m.events), len(m.runs), len(m.datasets))
	if !strings.HasSuffix(r.stdout, want) {
		t.Errorf("import said\n%s\nwant it to end with\n%s", r.stdout, want)
	}
	if !strings.Contains(r.stdout, "food_delivery.ndjson: 26 events: 13 runs, 13 datasets, 0 models\n") {
		t.Errorf("import said\n%s", r.stdout)
	}
	checkStored(t, db, m)
	// Importing again changes nothing.
	if r := c.run(append([]string{"lineage", "import"}, m.files...)...); r.code != 0 {
		t.Fatalf("import again: exit %d\n%s", r.code, r.stderr)
	}
	checkStored(t, db, m)
	s := startServe(t, c)
	checkGraph(t, s, m)
	if code := s.stop(); code != 0 {
		t.Errorf("serve exited %d\n%s", code, s.stderr)
	}
}

// TestMarquezEventsPost: the same events posted one per request, as the
// OpenLineage HTTP transport sends them, with a bearer token, build the
// same graph.
func TestMarquezEventsPost(t *testing.T) {
	m := loadMarquezEvents(t)
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "state.db")
	c.env["RESIDUE_DB"] = db
	c.env["RESIDUE_SERVE_TOKEN"] = "marquez-compat-token"
	s := startServe(t, c)
	for i, ev := range m.events {
		if code, body := s.request("POST", "/api/v1/lineage", ev); code != http.StatusCreated {
			t.Fatalf("event %d: %d %s", i, code, body)
		}
	}
	checkGraph(t, s, m)
	if !strings.Contains(s.stderr.String(), "bearer token required") {
		t.Errorf("serve said\n%s", s.stderr)
	}
	if code := s.stop(); code != 0 {
		t.Errorf("serve exited %d\n%s", code, s.stderr)
	}
	if !strings.Contains(s.stderr.String(), "residue serve: stopped") {
		t.Errorf("serve said\n%s", s.stderr)
	}
	checkStored(t, db, m)
}

// TestLineageImportRejects: a malformed event is reported where it is and
// not stored; the others are; the command exits 2 saying how many.
func TestLineageImportRejects(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	c.env["RESIDUE_DB"] = db
	const secret = "SELECT card FROM payments -- 4111111111111111"
	bad := filepath.Join(dir, "events.ndjson")
	writeFile(t, bad, strings.Join([]string{
		`{"eventType":"START","eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r1"},"job":{"namespace":"ml","name":"train","facets":{"sql":{"query":"` + secret + `"}}},"inputs":[{"namespace":"s3://lake","name":"corpus"}]}`,
		`{"eventType":"COMPLETE","run":{"runId":"r1"},"job":{"namespace":"ml","name":"train"},"outputs":[{"namespace":"hf://acme","name":"leaked","facets":{"datasetType":{"datasetType":"MODEL"}}}]}`,
		`{"eventType":"COMPLETE","eventTime":"2026-11-01T09:00:00Z","run":{"runId":"r1"},"job":{"namespace":"ml","name":"train"},"outputs":[{"namespace":"hf://acme","name":"base","facets":{"residue_model":{"version":"v1"}}}]}`,
		`not json at all`,
	}, "\n")+"\n")
	r := c.runIn(`{"eventTime":"2026-11-02T00:00:00Z","dataset":{"namespace":"gs://b","name":"d"}}`, "lineage", "import", bad, "-", filepath.Join(dir, "missing.json"))
	if r.code != 2 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		bad + ": event 2 (line 2): eventTime: missing\n",
		bad + ": event 4 (line 4): not JSON",
		"missing.json: no such file",
		"residue: 1 file could not be read and 2 of 5 events were rejected (listed above); the other events were imported\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr has no %q:\n%s", want, r.stderr)
		}
	}
	for _, want := range []string{
		bad + ": 2 events: 1 run, 1 dataset, 1 model; 2 rejected\n",
		"stdin: 1 event: 0 runs, 1 dataset, 0 models\n",
		"imported from 2 files: 3 events: 1 run, 2 datasets, 1 model; 2 rejected\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout has no %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout+r.stderr, "4111") {
		t.Error("a facet's content was printed")
	}
	st, err := lineage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mvs, err := st.ModelVersions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(mvs) != 1 || mvs[0].Model != "hf://acme/base" || mvs[0].Version != "v1" {
		t.Errorf("model versions %+v", mvs)
	}
}

func TestServeFlags(t *testing.T) {
	c := newCLI(t)
	c.env["RESIDUE_DB"] = filepath.Join(t.TempDir(), "state.db")
	empty := filepath.Join(t.TempDir(), "token")
	writeFile(t, empty, "\n")
	for _, args := range [][]string{
		{"serve", "--token-file", empty},
		{"serve", "--token-file", filepath.Join(t.TempDir(), "none")},
		{"serve", "--listen", "256.0.0.1:x"},
		{"serve", "extra"},
	} {
		if r := c.run(args...); r.code != 2 {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeFile(t, tokenFile, "from-the-file\n")
	s := startServe(t, c, "--token-file", tokenFile)
	s.token = "from-the-file"
	if code, body := s.request("GET", "/api/v1/models", nil); code != http.StatusOK || !strings.Contains(string(body), `"models": []`) {
		t.Errorf("models: %d %s", code, body)
	}
	s.token = "wrong"
	if code, _ := s.request("GET", "/api/v1/models", nil); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", code)
	}
	if code, body := s.request("GET", "/healthz", nil); code != http.StatusOK || string(body) != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
}
