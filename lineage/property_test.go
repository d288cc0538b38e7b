package lineage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
)

// pdag is a random lineage DAG as the test sees it, for a walk that
// shares nothing with the store's.
type pdag struct {
	versions map[string]*pversion // by "uri@id"
	models   map[string]*pmodel   // by "uri@label"
	revs     []lineage.Revocation
	remedied map[string]bool // "model@label#revocation"
}

type pversion struct {
	uri      string
	objects  map[string][]string // url -> fingerprints
	complete bool
	madeBy   [][]string // input keys of each run that wrote it
}

type pmodel struct {
	madeBy [][]string
}

// TestStatusesMatchReachability checks TAINTED against a simple recursive
// walk on 1,000 random lineage DAGs recorded in one SQLite store.
func TestStatusesMatchReachability(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "p.db"))
	rng := rand.New(rand.NewPCG(7, 11))
	n := 1000
	if testing.Short() {
		n = 200
	}
	dags := make([]*pdag, n)
	for i := range dags {
		dags[i] = randomDAG(t, s, rng, i)
	}
	st, err := s.Statuses(ctx, lineage.StatusOptions{AllVersions: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range st {
		got[m.Model+"@"+m.Version] = m.Status
	}
	var tainted, remediated, total int
	for i, d := range dags {
		for key := range d.models {
			want := d.status(key)
			total++
			switch want {
			case lineage.StatusTainted:
				tainted++
			case lineage.StatusRemediated:
				remediated++
			}
			g := got[key]
			if g == lineage.StatusSensitive {
				g = lineage.StatusClean
			}
			if g != want {
				t.Errorf("dag %d: %s is %s, the walk says %s", i, key, got[key], want)
			}
		}
	}
	t.Logf("%d DAGs, %d model versions: %d tainted, %d remediated", n, total, tainted, remediated)
	if tainted < total/10 || tainted > total*9/10 || remediated == 0 {
		t.Errorf("the random DAGs test too little: %d of %d tainted, %d remediated", tainted, total, remediated)
	}
}

func randomDAG(t *testing.T, s *lineage.DB, rng *rand.Rand, i int) *pdag {
	ctx := context.Background()
	d := &pdag{versions: map[string]*pversion{}, models: map[string]*pmodel{}, remedied: map[string]bool{}}
	base := fmt.Sprintf("s3://g%d", i)
	fp := func() string { return fmt.Sprintf("hmac-sha256:g%d-%d", i, rng.IntN(6)) }
	when := t0
	tick := func() time.Time { when = when.Add(time.Hour); return when }
	var nodes []lineage.Ref // every version so far, as refs naming it exactly
	var keys []string
	// Source datasets, scanned.
	for k := range 1 + rng.IntN(3) {
		uri := fmt.Sprintf("%s/d%d", base, k)
		objects := map[string][]string{}
		for o := range 1 + rng.IntN(3) {
			var fps []string
			for range rng.IntN(3) {
				fps = append(fps, fp())
			}
			objects[fmt.Sprintf("%s/o%d", uri, o)] = fps
		}
		full := rng.IntN(2) == 0
		id := record(t, s, uri, tick(), full, objects)
		key := fmt.Sprintf("%s@%d", uri, id)
		d.versions[key] = &pversion{uri: uri, objects: objects, complete: full}
		nodes = append(nodes, lineage.Ref{Kind: lineage.KindDataset, URI: uri, Version: fmt.Sprint(id)})
		keys = append(keys, key)
	}
	// Runs, each writing one new node from earlier ones.
	for r := range 2 + rng.IntN(6) {
		var in []lineage.Ref
		var inKeys []string
		for _, j := range rng.Perm(len(nodes))[:1+rng.IntN(min(3, len(nodes)))] {
			in = append(in, nodes[j])
			inKeys = append(inKeys, keys[j])
		}
		var out lineage.Ref
		var key string
		switch rng.IntN(3) {
		case 0: // a derived dataset, scanned before the run records it
			uri := fmt.Sprintf("%s/derived%d", base, r)
			objects := map[string][]string{}
			var fps []string
			for range rng.IntN(2) {
				fps = append(fps, fp())
			}
			objects[uri+"/part0"] = fps
			full := rng.IntN(2) == 0
			id := record(t, s, uri, tick(), full, objects)
			out = lineage.Ref{Kind: lineage.KindDataset, URI: uri, Version: fmt.Sprint(id)}
			key = fmt.Sprintf("%s@%d", uri, id)
			d.versions[key] = &pversion{uri: uri, objects: objects, complete: full, madeBy: [][]string{inKeys}}
		case 1: // a derived dataset nobody scanned
			uri := fmt.Sprintf("%s/placeholder%d", base, r)
			out = lineage.Ref{Kind: lineage.KindDataset, URI: uri, Version: "v1"}
			key = uri + "@v1"
			d.versions[key] = &pversion{uri: uri, madeBy: [][]string{inKeys}}
		default:
			uri := fmt.Sprintf("m://g%d/m%d", i, rng.IntN(3))
			label := fmt.Sprintf("r%d", r)
			out = lineage.Ref{Kind: lineage.KindModel, URI: uri, Version: label}
			key = uri + "@" + label
			d.models[key] = &pmodel{madeBy: [][]string{inKeys}}
		}
		when := tick()
		if _, err := s.RecordRun(ctx, lineage.RunRecord{Key: fmt.Sprintf("g%d-r%d", i, r), Name: "run", Time: when,
			Inputs: in, Outputs: []lineage.Ref{out}, Strict: true}, when); err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, out)
		keys = append(keys, key)
	}
	// Revocations.
	for range rng.IntN(3) {
		var r lineage.Revocation
		switch rng.IntN(4) {
		case 0:
			r = lineage.Revocation{Kind: lineage.RevokeSubject, InfoType: "EMAIL_ADDRESS", Fingerprints: []string{fp()}}
		case 1:
			r = lineage.Revocation{Kind: lineage.RevokeObject, Target: fmt.Sprintf("%s/d%d/o%d", base, rng.IntN(3), rng.IntN(3))}
		case 2:
			r = lineage.Revocation{Kind: lineage.RevokePrefix, Target: fmt.Sprintf("%s/d%d", base, rng.IntN(3))}
		default:
			r = lineage.Revocation{Kind: lineage.RevokeDataset, Target: fmt.Sprintf("%s/d%d", base, rng.IntN(3))}
		}
		r.Reason, r.Effective, r.Recorded = "other", tick(), when
		id, err := s.Revoke(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		r.ID = id
		d.revs = append(d.revs, r)
		for key := range d.models {
			if rng.IntN(4) == 0 {
				m, label, _ := strings.Cut(key, "@")
				if _, err := s.Remediate(ctx, lineage.Remediation{Model: m, Version: label, RevocationID: id,
					Method: "retrain", Evidence: "test", Recorded: when}); err != nil {
					t.Fatal(err)
				}
				d.remedied[fmt.Sprintf("%s#%d", key, id)] = true
			}
		}
	}
	return d
}

func record(t *testing.T, s *lineage.DB, uri string, at time.Time, full bool, objects map[string][]string) int64 {
	t.Helper()
	ctx := context.Background()
	ds, err := s.Dataset(ctx, uri, at)
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := s.OpenRun(ctx, ds.ID, "scan-"+at.Format(time.RFC3339Nano), 1, at)
	if err != nil {
		t.Fatal(err)
	}
	for url, fps := range objects {
		var counts []lineage.FingerprintCount
		for _, f := range fps {
			counts = append(counts, lineage.FingerprintCount{InfoType: "EMAIL_ADDRESS", Fingerprint: f, Count: 1})
		}
		if err := s.PutObject(ctx, v.ID, lineage.ObjectRecord{URL: url, ObjectVersion: "e", Status: lineage.StatusScanned,
			Recorded: at}, counts); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FinishVersion(ctx, v.ID, json.RawMessage(`{}`), full, at); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// holds is the walk: does the node hold what r revokes, itself or
// through the runs that made it?
func (d *pdag) holds(key string, r lineage.Revocation, memo map[string]bool) bool {
	if v, ok := memo[key]; ok {
		return v
	}
	memo[key] = false
	var made [][]string
	held := false
	if v, ok := d.versions[key]; ok {
		made = v.madeBy
		switch r.Kind {
		case lineage.RevokeSubject:
			for _, fps := range v.objects {
				for _, f := range fps {
					held = held || f == r.Fingerprints[0]
				}
			}
		case lineage.RevokeObject:
			_, held = v.objects[r.Target]
			held = held || v.uri == r.Target
		case lineage.RevokePrefix:
			held = strings.HasPrefix(v.uri, r.Target)
			for url := range v.objects {
				held = held || strings.HasPrefix(url, r.Target)
			}
		case lineage.RevokeDataset:
			held = v.uri == r.Target
		}
		if v.complete && r.Kind == lineage.RevokeSubject {
			made = nil
		}
	} else {
		made = d.models[key].madeBy
	}
	for _, ins := range made {
		for _, in := range ins {
			held = held || d.holds(in, r, memo)
		}
	}
	memo[key] = held
	return held
}

func (d *pdag) status(model string) string {
	st := lineage.StatusClean
	for _, r := range d.revs {
		if !d.holds(model, r, map[string]bool{}) {
			continue
		}
		if !d.remedied[fmt.Sprintf("%s#%d", model, r.ID)] {
			return lineage.StatusTainted
		}
		st = lineage.StatusRemediated
	}
	return st
}
