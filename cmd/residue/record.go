package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sampling"
)

// fpCounts counts, per infoType and keyed fingerprint, the findings of one
// object and their highest likelihood: what a dataset version records of
// it (never the values).
type fpCounts map[[2]string]fpCount

type fpCount struct {
	n    int64
	most classify.Likelihood
}

// fingerprintCounts adds findings to m (a new map when m is nil).
func fingerprintCounts(m fpCounts, findings []sampling.Finding) fpCounts {
	if m == nil {
		m = fpCounts{}
	}
	for _, f := range findings {
		k := [2]string{f.InfoType, f.Fingerprint.String()}
		c := m[k]
		c.n++
		c.most = max(c.most, f.Likelihood)
		m[k] = c
	}
	return m
}

func (m fpCounts) list() []lineage.FingerprintCount {
	out := make([]lineage.FingerprintCount, 0, len(m))
	for k, c := range m {
		out = append(out, lineage.FingerprintCount{InfoType: k[0], Fingerprint: k[1], Count: c.n, Likelihood: c.most})
	}
	return out
}

// fingerprintIndex gathers the fingerprint counts of every object of a
// scan, across the passes a sample makes over an object.
type fingerprintIndex struct {
	mu  sync.Mutex
	fps map[string]fpCounts
}

// add is a sampling Done hook.
func (x *fingerprintIndex) add(obj sampling.Object, findings []sampling.Finding) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.fps == nil {
		x.fps = map[string]fpCounts{}
	}
	x.fps[obj.URL] = fingerprintCounts(x.fps[obj.URL], findings)
}

func (x *fingerprintIndex) of(url string) []lineage.FingerprintCount { return x.fps[url].list() }

// under reports whether url is the dataset's root object or below it.
func under(uri, url string) bool {
	return url == uri || strings.HasPrefix(url, uri+"/")
}

// recordScan records every root of a scan as a new version of its dataset:
// the manifest of the objects read (and those that could not be), each
// object's report entry and fingerprint index, and the dataset's summary.
// It reports each version on stderr, keeping stdout for the report.
//
// kind is "scan" or "gate": what recorded the versions and their report.
func recordScan(ctx context.Context, e *env, g *globals, rep *sampling.Report, idx *fingerprintIndex, kind string) ([]int64, error) {
	st, err := g.openDB(ctx, e)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	now := time.Now()
	var versions []int64
	for _, root := range rep.Roots {
		uri, err := datasetURI(root)
		if err != nil {
			return nil, err
		}
		ds, err := st.Dataset(ctx, uri, now)
		if err != nil {
			return nil, err
		}
		// A run name of its own: a scan records a version of its own,
		// never resuming a sweep's unfinished one.
		v, _, err := st.OpenRun(ctx, ds.ID, kind+"-"+now.UTC().Format(time.RFC3339Nano), 1, now)
		if err != nil {
			return nil, err
		}
		for _, o := range rep.Objects {
			if !under(uri, o.URL) {
				continue
			}
			result, err := json.Marshal(o)
			if err != nil {
				return nil, err
			}
			if err := st.PutObject(ctx, v.ID, lineage.ObjectRecord{URL: o.URL, ObjectVersion: o.Version, Size: o.Size,
				Status: lineage.StatusScanned, Result: result, Recorded: now}, idx.of(o.URL)); err != nil {
				return nil, err
			}
		}
		for _, s := range rep.Skipped {
			if s.URL == root || !under(uri, s.URL) {
				continue
			}
			if err := st.PutObject(ctx, v.ID, lineage.ObjectRecord{URL: s.URL, Status: lineage.StatusFailed,
				Reason: s.Reason, Recorded: now}, nil); err != nil {
				return nil, err
			}
		}
		var summary any = rep.Totals
		for _, d := range rep.Datasets {
			if d.Root == root {
				summary = d
			}
		}
		b, err := json.Marshal(map[string]any{"mode": rep.Mode, "seed": rep.Seed, "summary": summary})
		if err != nil {
			return nil, err
		}
		digest, err := st.FinishVersion(ctx, v.ID, b, rep.Mode == sampling.ModeFull, time.Now())
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "residue: recorded %s as version %d (%s)\n", uri, v.ID, digest)
		versions = append(versions, v.ID)
	}
	// The whole report, for evidence exports: masked previews and
	// fingerprints only, as the report always is.
	var body bytes.Buffer
	if err := evidence.WriteJSON(&body, rep); err != nil {
		return nil, err
	}
	if _, err := st.AddReport(ctx, kind, versions, body.Bytes(), now); err != nil {
		return nil, err
	}
	return versions, nil
}
