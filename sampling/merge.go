package sampling

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
)

// Shard selects the objects one of Count processes reads: those whose
// name within their dataset (sampleKey) hashes to Index. Every process of
// a sharded sweep lists the same roots and reads a disjoint part; Merge
// joins their reports.
type Shard struct {
	Index, Count int
}

// holds reports whether the shard reads the object.
func (s Shard) holds(root, url string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(sampleKey(root, url)))
	return h.Sum64()%uint64(s.Count) == uint64(s.Index)
}

func (s Shard) check() error {
	if s.Count < 0 || s.Count > 0 && (s.Index < 0 || s.Index >= s.Count) {
		return fmt.Errorf("shard %d/%d: want 0 <= I < N", s.Index, s.Count)
	}
	return nil
}

// Merge joins the reports of the shards of one sweep into the report one
// process would have written: objects, skips and findings together, counts
// summed, and every estimate recomputed from the summed rows and hits.
// The reports must come from the same kind of run (schema, fingerprint
// key, threshold, mode, sample rate and seed); reports sampled by rows or
// until confident cannot be merged, their allocation spans every object.
func Merge(reports []*Report) (*Report, error) {
	if len(reports) == 0 {
		return nil, errors.New("merge: no reports")
	}
	first := reports[0]
	out := &Report{
		Schema: first.Schema, Started: first.Started, Finished: first.Finished, Seed: first.Seed, Mode: first.Mode,
		SampleRate: first.SampleRate, Sampling: first.Sampling, ObjectSampling: first.ObjectSampling, MinLikelihood: first.MinLikelihood,
		FingerprintKey: first.FingerprintKey,
	}
	roots := map[string]bool{}
	infoTypes := map[string]*InfoTypeStat{}
	estimates := map[string]*Estimate{}
	datasets := map[[2]string]*Dataset{}
	dsClusters := map[[2]string]*clusterStats{}
	splitClusters := map[[3]string]*clusterStats{}
	var clusters clusterStats
	var anyEst Estimate
	for i, r := range reports {
		switch {
		case r.Schema != first.Schema:
			return nil, fmt.Errorf("merge: report %d has schema %q, the first %q", i+1, r.Schema, first.Schema)
		case r.FingerprintKey != first.FingerprintKey:
			return nil, fmt.Errorf("merge: report %d was made with fingerprint key %s, the first with %s: shards must share a key", i+1, r.FingerprintKey, first.FingerprintKey)
		case r.MinLikelihood != first.MinLikelihood || r.Mode != first.Mode || r.SampleRate != first.SampleRate || r.Seed != first.Seed:
			return nil, fmt.Errorf("merge: report %d was made with other settings (threshold, mode, sample rate or seed) than the first", i+1)
		case r.Decision != nil || r.Sampling != nil && r.Sampling.Method != "rate":
			return nil, fmt.Errorf("merge: report %d was sampled by rows or until confident, whose allocation spans every object: shard full or --sample-rate runs", i+1)
		}
		if r.Started.Before(out.Started) {
			out.Started = r.Started
		}
		if r.Finished.After(out.Finished) {
			out.Finished = r.Finished
		}
		for _, root := range r.Roots {
			if !roots[root] {
				roots[root] = true
				out.Roots = append(out.Roots, root)
			}
		}
		out.Objects = append(out.Objects, r.Objects...)
		out.Skipped = append(out.Skipped, r.Skipped...)
		out.Findings = append(out.Findings, r.Findings...)
		out.FindingsTotal += r.FindingsTotal
		out.FindingsTruncated = out.FindingsTruncated || r.FindingsTruncated
		for _, s := range r.InfoTypes {
			a := infoTypes[s.InfoType]
			if a == nil {
				a = &InfoTypeStat{InfoType: s.InfoType, Category: s.Category, Likelihood: map[string]int64{}}
				infoTypes[s.InfoType] = a
			}
			a.Findings += s.Findings
			a.Objects += s.Objects
			for l, n := range s.Likelihood {
				a.Likelihood[l] += n
			}
		}
		addEstimates(estimates, r.Estimates)
		t := &out.Totals
		t.Objects += r.Totals.Objects
		t.Skipped += r.Totals.Skipped
		t.ObjectErrors += r.Totals.ObjectErrors
		t.Rows += r.Totals.Rows
		t.RowsScanned += r.Totals.RowsScanned
		t.BytesRead += r.Totals.BytesRead
		t.BytesDecoded += r.Totals.BytesDecoded
		t.Findings += r.Totals.Findings
		t.RootsFailed += r.Totals.RootsFailed
		sumEstimate(&anyEst, r.Totals.Any)
		clusters.add(r.Clusters)
		for _, d := range r.Datasets {
			k := [2]string{d.Name, d.Root}
			m := datasets[k]
			if m == nil {
				m = &Dataset{Name: d.Name, Root: d.Root, Layout: d.Layout}
				datasets[k] = m
				dsClusters[k] = &clusterStats{}
			}
			mergeDataset(m, &d)
			dsClusters[k].add(d.Clusters)
			for _, s := range d.Splits {
				sk := [3]string{d.Name, d.Root, s.Name}
				if splitClusters[sk] == nil {
					splitClusters[sk] = &clusterStats{}
				}
				splitClusters[sk].add(s.Clusters)
			}
		}
	}
	// A root that could not be listed failed in every shard: once here.
	slices.SortFunc(out.Skipped, func(a, b Skipped) int { return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.Reason, b.Reason)) })
	out.Skipped = slices.Compact(out.Skipped)
	out.Totals.Skipped, out.Totals.RootsFailed = int64(len(out.Skipped)), 0
	for _, s := range out.Skipped {
		if roots[s.URL] {
			out.Totals.RootsFailed++
		}
	}
	for _, a := range infoTypes {
		out.InfoTypes = append(out.InfoTypes, *a)
	}
	out.Estimates, out.Totals.Any = finishEstimates(estimates, anyEst, &clusters)
	sampled := out.Mode == ModeSampled
	out.Clusters = clusters.export(sampled)
	for k, d := range datasets {
		c := dsClusters[k]
		d.Estimates, d.Any = finishEstimates(toSums(d.Estimates), d.Any, c)
		d.Clusters = c.export(sampled)
		for i := range d.Splits {
			s := &d.Splits[i]
			sc := splitClusters[[3]string{k[0], k[1], s.Name}]
			s.Estimates, s.Any = finishEstimates(toSums(s.Estimates), s.Any, sc)
			s.Clusters = sc.export(sampled)
		}
		out.Datasets = append(out.Datasets, *d)
	}
	slices.SortFunc(out.Datasets, func(a, b Dataset) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Root, b.Root)) })
	sortReport(out)
	if out.Objects == nil {
		out.Objects = []Object{}
	}
	if out.Skipped == nil {
		out.Skipped = []Skipped{}
	}
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	if out.Estimates == nil {
		out.Estimates = []Estimate{}
	}
	return out, nil
}

// sumEstimate adds the rows and hits of e into a.
func sumEstimate(a *Estimate, e Estimate) {
	a.RowsSampled += e.RowsSampled
	a.RowsWithHits += e.RowsWithHits
	a.RowsTotal += e.RowsTotal
}

func addEstimates(m map[string]*Estimate, es []Estimate) {
	for _, e := range es {
		a := m[e.InfoType]
		if a == nil {
			a = &Estimate{InfoType: e.InfoType}
			m[e.InfoType] = a
		}
		sumEstimate(a, e)
	}
}

func toSums(es []Estimate) map[string]*Estimate {
	m := map[string]*Estimate{}
	addEstimates(m, es)
	return m
}

// finishEstimates recomputes estimates from the summed hits, over the rows
// of every shard (all): a shard that found none of an infoType sampled its
// rows all the same. The summed cluster sums make block samples' design
// effects what one process would have computed.
func finishEstimates(m map[string]*Estimate, all Estimate, c *clusterStats) ([]Estimate, Estimate) {
	out := make([]Estimate, 0, len(m))
	for t, a := range m {
		out = append(out, c.estimate(t, all.RowsSampled, a.RowsWithHits, all.RowsTotal, all.RowsWithHits))
	}
	slices.SortFunc(out, func(a, b Estimate) int { return cmp.Compare(a.InfoType, b.InfoType) })
	return out, c.estimate(anyType, all.RowsSampled, all.RowsWithHits, all.RowsTotal, all.RowsWithHits)
}

// mergeDataset adds one shard's view of a dataset into m. Estimates are
// kept as sums until the end.
func mergeDataset(m *Dataset, d *Dataset) {
	if layoutRank(d.Layout) > layoutRank(m.Layout) {
		m.Layout = d.Layout
	}
	m.Objects += d.Objects
	m.Rows += d.Rows
	m.RowsScanned += d.RowsScanned
	m.Estimates = append(m.Estimates, d.Estimates...)
	sumEstimate(&m.Any, d.Any)
	for _, s := range d.Splits {
		i := slices.IndexFunc(m.Splits, func(x Split) bool { return x.Name == s.Name })
		if i < 0 {
			m.Splits = append(m.Splits, Split{Name: s.Name})
			i = len(m.Splits) - 1
		}
		ms := &m.Splits[i]
		ms.Objects += s.Objects
		ms.Rows += s.Rows
		ms.RowsScanned += s.RowsScanned
		ms.Estimates = append(ms.Estimates, s.Estimates...)
		sumEstimate(&ms.Any, s.Any)
	}
	slices.SortFunc(m.Splits, func(a, b Split) int { return cmp.Compare(a.Name, b.Name) })
}

// layoutRank prefers what a shard recognised over "directory": a shard
// holding no marker file sees a plain directory.
func layoutRank(l string) int {
	switch l {
	case "huggingface-save-to-disk":
		return 3
	case "huggingface-hub":
		return 2
	case "directory":
		return 1
	}
	return 0
}
