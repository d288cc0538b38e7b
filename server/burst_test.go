package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/lineagetest"
	"github.com/residuehq/residue/server"
)

func TestBurstSQLite(t *testing.T) {
	testBurst(t, filepath.Join(t.TempDir(), "state.db"))
}

func TestBurstPostgres(t *testing.T) {
	testBurst(t, lineagetest.PostgresDSN(t))
}

const (
	burstRuns    = 500 // a START and a COMPLETE each
	burstClients = 16
	recordedURI  = "s3://burst/recorded"
	pairEvery    = 50
)

type burstRun struct {
	id      string
	inputs  []string
	outputs []string // URI@version
}

// testBurst: 1,000 OpenLineage events from 16 clients at once, while a
// second connection to the store records dataset versions as scan
// --record does, lose nothing: every run has both its events' inputs and
// outputs, and every version is there, finished.
func testBurst(t *testing.T, dsn string) {
	s := serveStore(t, dsn, server.Options{})
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	runs := make([]burstRun, burstRuns)
	var starts, completes []string
	for i := range runs {
		r := burstRun{id: fmt.Sprintf("7f0b3a52-0000-4000-8000-%012d", i)}
		ins := []string{fmt.Sprintf(`{"namespace":"s3://burst","name":"ds-%d"}`, i%25)}
		r.inputs = append(r.inputs, fmt.Sprintf("s3://burst/ds-%d", i%25))
		// Some pairs of runs name two new datasets in the opposite order:
		// on PostgreSQL their transactions can deadlock (found after a
		// second, deadlock_timeout), and the loser is tried again.
		var pair []string
		if i%pairEvery < 2 {
			pair = []string{fmt.Sprintf("pair-%d-a", i/2), fmt.Sprintf("pair-%d-b", i/2)}
		}
		if i%2 == 1 && pair != nil {
			pair[0], pair[1] = pair[1], pair[0]
		}
		for _, p := range pair {
			ins = append(ins, fmt.Sprintf(`{"namespace":"s3://burst","name":%q}`, p))
			r.inputs = append(r.inputs, "s3://burst/"+p)
		}
		if i%5 == 0 {
			ins = append(ins, `{"namespace":"s3://burst","name":"recorded"}`)
			r.inputs = append(r.inputs, recordedURI)
		}
		out := fmt.Sprintf(`{"namespace":"hf://burst","name":"m-%d","facets":{"datasetType":{"datasetType":"MODEL"},"version":{"datasetVersion":"v%d"}}}`, i%10, i)
		r.outputs = []string{fmt.Sprintf("hf://burst/m-%d@v%d", i%10, i)}
		start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		job := fmt.Sprintf(`"job":{"namespace":"burst","name":"job-%d"}`, i%40)
		starts = append(starts, fmt.Sprintf(`{"eventType":"START","eventTime":%q,"run":{"runId":%q},%s,"inputs":[%s]}`,
			start.Format(time.RFC3339Nano), r.id, job, strings.Join(ins, ",")))
		completes = append(completes, fmt.Sprintf(`{"eventType":"COMPLETE","eventTime":%q,"run":{"runId":%q},%s,"outputs":[%s]}`,
			start.Add(30*time.Second).Format(time.RFC3339Nano), r.id, job, out))
		runs[i] = r
	}
	// The STARTs of a pair go out back to back, to clients side by side;
	// everything else in a random order.
	var blocks [][]string
	for i := 0; i < burstRuns; i += 2 {
		blocks = append(blocks, starts[i:i+2])
	}
	for _, c := range completes {
		blocks = append(blocks, []string{c})
	}
	rng.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
	events := slices.Concat(blocks...)

	rec, err := lineage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	done := make(chan struct{})
	var versions []int64
	recErr := make(chan error, 1)
	go func() {
		recErr <- func() error {
			for i := 0; ; i++ {
				select {
				case <-done:
					if i >= 20 {
						return nil
					}
				default:
				}
				now := time.Now()
				ds, err := rec.Dataset(ctx, recordedURI, now)
				if err != nil {
					return err
				}
				v, _, err := rec.OpenRun(ctx, ds.ID, fmt.Sprintf("scan-%d", i), 1, now)
				if err != nil {
					return err
				}
				obj := lineage.ObjectRecord{URL: fmt.Sprintf("%s/part-%d.jsonl", recordedURI, i), ObjectVersion: fmt.Sprint("etag-", i),
					Size: 100, Status: lineage.StatusScanned, Recorded: now}
				fps := []lineage.FingerprintCount{{InfoType: "EMAIL_ADDRESS", Fingerprint: fmt.Sprintf("hmac-sha256:%064x", i), Count: 2, Likelihood: classify.Likely}}
				if err := rec.PutObject(ctx, v.ID, obj, fps); err != nil {
					return err
				}
				if _, err := rec.FinishVersion(ctx, v.ID, json.RawMessage(`{}`), true, now); err != nil {
					return err
				}
				versions = append(versions, v.ID)
				time.Sleep(time.Millisecond)
			}
		}()
	}()

	began := time.Now()
	work := make(chan string)
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	for range burstClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ev := range work {
				resp, err := http.Post(s.url+"/api/v1/lineage", "application/json", strings.NewReader(ev))
				msg := ""
				if err != nil {
					msg = err.Error()
				} else {
					var b strings.Builder
					fmt.Fprint(&b, resp.Status)
					buf := make([]byte, 512)
					n, _ := resp.Body.Read(buf)
					resp.Body.Close()
					if resp.StatusCode == http.StatusCreated {
						continue
					}
					msg = b.String() + " " + string(buf[:n])
				}
				mu.Lock()
				failures = append(failures, msg)
				mu.Unlock()
			}
		}()
	}
	for _, ev := range events {
		work <- ev
	}
	close(work)
	wg.Wait()
	close(done)
	if err := <-recErr; err != nil {
		t.Fatalf("recording versions: %v", err)
	}
	t.Logf("%d events from %d clients and %d versions recorded in %v", len(events), burstClients, len(versions), time.Since(began).Round(time.Millisecond))
	if len(failures) > 0 {
		t.Fatalf("%d of %d posts failed, first: %s", len(failures), len(events), failures[0])
	}

	stored, err := s.db.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]lineage.Run{}
	for _, r := range stored {
		byKey[r.Key] = r
	}
	if len(byKey) != burstRuns {
		t.Errorf("%d runs stored, want %d", len(byKey), burstRuns)
	}
	for _, want := range runs {
		got, ok := byKey[want.id]
		if !ok {
			t.Errorf("run %s lost", want.id)
			continue
		}
		var ins, outs []string
		for _, n := range got.Inputs {
			ins = append(ins, n.URI)
		}
		for _, n := range got.Outputs {
			outs = append(outs, n.URI+"@"+n.Version)
		}
		slices.Sort(ins)
		slices.Sort(want.inputs)
		if got.State != "COMPLETE" || !slices.Equal(ins, want.inputs) || !slices.Equal(outs, want.outputs) {
			t.Errorf("run %s: %s in %v out %v; want COMPLETE in %v out %v", want.id, got.State, ins, outs, want.inputs, want.outputs)
		}
	}
	all, err := s.db.DatasetVersions(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	finished := map[int64]lineage.VersionInfo{}
	for _, v := range all {
		finished[v.ID] = v
	}
	for _, id := range versions {
		v, ok := finished[id]
		if !ok || v.Dataset != recordedURI || !v.Complete || v.InfoTypes["EMAIL_ADDRESS"] != 2 {
			t.Errorf("version %d: %+v (found %v)", id, v, ok)
		}
	}
	r := s.do("GET", "/metrics", nil)
	if want := fmt.Sprintf(`residue_openlineage_events_accepted_total{type="run"} %d`, len(events)); !strings.Contains(r.body, want) {
		t.Errorf("metrics: no %s", want)
	}
}
