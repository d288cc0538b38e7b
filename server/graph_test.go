package server_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/server"
)

const tuneEvent = `{"eventType":"COMPLETE","eventTime":"2026-11-03T08:00:00Z","run":{"runId":"5d0e7f7c-2b0a-4c55-8d0e-000000000002"},"job":{"namespace":"ml","name":"tune"},` +
	`"inputs":[{"namespace":"hf://acme","name":"base","facets":{"residue_model":{"version":"v1"}}},{"namespace":"food_delivery","name":"public.orders"}],` +
	`"outputs":[{"namespace":"hf://acme","name":"tuned","facets":{"residue_model":{"version":"v1"}}}]}`

// lineageFixture: train reads a corpus and writes a base model; tune
// reads the base model and a table and writes a tuned one; a run recorded
// on the command line reads a local dataset; a dataset event names a
// dataset no run uses.
func lineageFixture(t *testing.T) *testServer {
	s := newTestServer(t, server.Options{})
	body := strings.Join([]string{trainStart, trainComplete, tuneEvent,
		`{"eventTime":"2026-11-04T08:00:00Z","dataset":{"namespace":"gs://archive","name":"old"}}`}, "\n")
	if r := s.post(body); r.code != http.StatusCreated {
		t.Fatalf("%d %s", r.code, r.body)
	}
	_, err := s.db.RecordRun(context.Background(), lineage.RunRecord{Key: "cli-train@1", Name: "cli-train",
		Time:    time.Date(2026, 11, 5, 8, 0, 0, 0, time.UTC),
		Inputs:  []lineage.Ref{{Kind: lineage.KindDataset, URI: "file:///data/x"}},
		Outputs: []lineage.Ref{{Kind: lineage.KindModel, URI: "hf://acme/other", Version: "v1"}}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// shape writes a graph as "ID TYPE <- origins -> destinations" lines.
func shape(g server.Graph) []string {
	var out []string
	for _, n := range g.Graph {
		line := n.ID + " " + n.Type
		for _, e := range n.InEdges {
			if e.Destination != n.ID {
				line += " BAD-IN"
			}
			line += " <-" + e.Origin
		}
		for _, e := range n.OutEdges {
			if e.Origin != n.ID {
				line += " BAD-OUT"
			}
			line += " ->" + e.Destination
		}
		out = append(out, line)
	}
	return out
}

func TestGraph(t *testing.T) {
	s := lineageFixture(t)
	const (
		train  = "job:ml:train"
		tune   = "job:ml:tune"
		cli    = "job::cli-train"
		corpus = "dataset:s3://lake:corpus/2026-11"
		orders = "dataset:food_delivery:public.orders"
		local  = "dataset:file:/data/x"
		base   = "model:hf://acme:base"
		tuned  = "model:hf://acme:tuned"
		other  = "model:hf://acme:other"
		old    = "dataset:gs://archive:old"
	)
	for _, c := range []struct {
		name, nodeID, depth string
		want                []string
	}{
		{"job, depth 1", train, "1", []string{
			corpus + " DATASET ->" + train,
			train + " JOB <-" + corpus + " ->" + base,
			base + " MODEL <-" + train,
		}},
		{"by URI, whole component", "s3://lake/corpus/2026-11", "", []string{
			orders + " DATASET ->" + tune,
			corpus + " DATASET ->" + train,
			train + " JOB <-" + corpus + " ->" + base,
			tune + " JOB <-" + orders + " <-" + base + " ->" + tuned,
			base + " MODEL <-" + train + " ->" + tune,
			tuned + " MODEL <-" + tune,
		}},
		{"depth 2 stops at the tune job", corpus, "2", []string{
			corpus + " DATASET ->" + train,
			train + " JOB <-" + corpus + " ->" + base,
			base + " MODEL <-" + train,
		}},
		{"depth 3 takes the tune job's edges to known nodes only", corpus, "3", []string{
			corpus + " DATASET ->" + train,
			train + " JOB <-" + corpus + " ->" + base,
			tune + " JOB <-" + base,
			base + " MODEL <-" + train + " ->" + tune,
		}},
		{"depth 0", base, "0", []string{base + " MODEL"}},
		{"command line run", "file:///data/x", "5", []string{
			local + " DATASET ->" + cli,
			cli + " JOB <-" + local + " ->" + other,
			other + " MODEL <-" + cli,
		}},
		{"model by URI", "hf://acme/other", "1", []string{
			cli + " JOB ->" + other,
			other + " MODEL <-" + cli,
		}},
		{"Marquez's form of a URI node", "dataset:s3://lake/corpus:2026-11", "0", []string{corpus + " DATASET"}},
		{"dataset event", old, "", []string{old + " DATASET"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := url.Values{"nodeId": {c.nodeID}}
			if c.depth != "" {
				q.Set("depth", c.depth)
			}
			got := shape(s.graph(q.Encode()))
			slices.Sort(c.want)
			if !slices.Equal(got, c.want) {
				t.Errorf("graph\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}

	// The job's data lists all its inputs and outputs even where the
	// graph stops.
	g := s.graph("nodeId=job:ml:tune&depth=0")
	b, _ := json.Marshal(g.Graph[0].Data)
	var job server.JobData
	json.Unmarshal(b, &job)
	want := server.JobData{ID: server.NodeName{Namespace: "ml", Name: "tune"}, Namespace: "ml", Name: "tune",
		Inputs:  []server.NodeName{{Namespace: "food_delivery", Name: "public.orders"}, {Namespace: "hf://acme", Name: "base"}},
		Outputs: []server.NodeName{{Namespace: "hf://acme", Name: "tuned"}}, Runs: 1,
		LatestRun: &server.RunData{ID: "5d0e7f7c-2b0a-4c55-8d0e-000000000002", State: "COMPLETE",
			StartedAt: time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC), EndedAt: time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)}}
	if got, w := mustJSON(t, job), mustJSON(t, want); got != w {
		t.Errorf("job data\n got %s\nwant %s", got, w)
	}
	g = s.graph("nodeId=" + url.QueryEscape(base) + "&depth=0")
	var model server.DatasetData
	b, _ = json.Marshal(g.Graph[0].Data)
	json.Unmarshal(b, &model)
	if model.Kind != lineage.KindModel || model.URI != "hf://acme/base" || !slices.Equal(model.Versions, []string{"v1"}) {
		t.Errorf("model data %+v", model)
	}

	for _, c := range []struct {
		query string
		code  int
	}{
		{"", http.StatusBadRequest},
		{"nodeId=job:ml:train&depth=-1", http.StatusBadRequest},
		{"nodeId=job:ml:train&depth=x", http.StatusBadRequest},
		{"nodeId=job:ml:nothing", http.StatusNotFound},
		{"nodeId=s3://lake/nothing", http.StatusNotFound},
	} {
		if r := s.do("GET", "/api/v1/lineage?"+c.query, nil); r.code != c.code {
			t.Errorf("%s: %d %s, want %d", c.query, r.code, r.body, c.code)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestModels(t *testing.T) {
	s := lineageFixture(t)
	get := func(query string) map[string]string {
		t.Helper()
		r := s.do("GET", "/api/v1/models?"+query, nil)
		if r.code != http.StatusOK {
			t.Fatalf("%s: %d %s", query, r.code, r.body)
		}
		var m server.Models
		if err := json.Unmarshal([]byte(r.body), &m); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, st := range m.Models {
			out[st.Model+"@"+st.Version] = st.Status
		}
		return out
	}
	clean := map[string]string{"hf://acme/base@v1": "CLEAN", "hf://acme/tuned@v1": "CLEAN", "hf://acme/other@v1": "CLEAN"}
	if got := get(""); !maps.Equal(got, clean) {
		t.Errorf("models %v", got)
	}
	if _, err := s.db.Revoke(context.Background(), lineage.Revocation{Kind: lineage.RevokeDataset, Target: "s3://lake/corpus/2026-11",
		Reason: "license-expired", Effective: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Recorded: time.Now()}); err != nil {
		t.Fatal(err)
	}
	tainted := map[string]string{"hf://acme/base@v1": "TAINTED", "hf://acme/tuned@v1": "TAINTED"}
	if got := get("status=tainted"); !maps.Equal(got, tainted) {
		t.Errorf("tainted %v", got)
	}
	if got := get("status=CLEAN,SENSITIVE&all_versions=true&min_likelihood=possible"); !maps.Equal(got, map[string]string{"hf://acme/other@v1": "CLEAN"}) {
		t.Errorf("clean %v", got)
	}
	for _, q := range []string{"status=BAD", "all_versions=maybe", "min_likelihood=sure"} {
		if r := s.do("GET", "/api/v1/models?"+q, nil); r.code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", q, r.code, r.body)
		}
	}
}
