package sampling

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Dataset is a root given to the scan, seen as one dataset: a Hugging Face
// save_to_disk folder, a hub-style repository (data/train-00000-of-00004
// .parquet), or any directory; its objects fall into splits by folder or
// file name.
type Dataset struct {
	Name        string     `json:"name"`
	Root        string     `json:"root"`
	Layout      string     `json:"layout"` // "huggingface-save-to-disk", "huggingface-hub", "directory", "file"
	Objects     int64      `json:"objects"`
	Rows        int64      `json:"rows"`
	RowsScanned int64      `json:"rows_scanned"`
	Splits      []Split    `json:"splits,omitempty"`
	Estimates   []Estimate `json:"estimates"`
	Any         Estimate   `json:"any"`
	// Clusters: as in Report.
	Clusters *ClusterSums `json:"clusters,omitempty"`
}

// Split is one split of a dataset ("train", "test", …); objects that name
// no split are in the split "".
type Split struct {
	Name        string       `json:"name"`
	Objects     int64        `json:"objects"`
	Rows        int64        `json:"rows"`
	RowsScanned int64        `json:"rows_scanned"`
	Estimates   []Estimate   `json:"estimates"`
	Any         Estimate     `json:"any"`
	Clusters    *ClusterSums `json:"clusters,omitempty"`
}

// splitNames are the folder and file-name words that name splits.
var splitNames = map[string]string{
	"train": "train", "training": "train", "test": "test", "testing": "test",
	"validation": "validation", "valid": "validation", "val": "validation", "dev": "validation",
	"eval": "eval", "evaluation": "eval",
}

// splitFile matches hub-style shard names: train-00000-of-00004.parquet,
// test.jsonl, validation_0.csv.
var splitFile = regexp.MustCompile(`^([a-z]+)(?:[-_.].*)?$`)

// splitOf finds an object's split from its path relative to its dataset.
func splitOf(rel string) string {
	dir, file := path.Split(rel)
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		if s, ok := splitNames[strings.ToLower(part)]; ok {
			return s
		}
	}
	if m := splitFile.FindStringSubmatch(strings.ToLower(file)); m != nil {
		if s, ok := splitNames[m[1]]; ok {
			return s
		}
	}
	return ""
}

// hfMarkers are the files a Hugging Face save_to_disk folder holds beside
// its Arrow shards.
var hfMarkers = []string{"dataset_info.json", "state.json", "dataset_dict.json"}

// datasetTally sums what a dataset or split needs for its estimates.
type datasetTally struct {
	objects, rows, scanned int64
	types                  map[string]int64
	any                    int64
	clusters               clusterStats
}

func (t *datasetTally) add(a *objAcc) {
	if t.types == nil {
		t.types = map[string]int64{}
	}
	t.objects++
	t.rows += a.rep.Rows
	t.scanned += a.rep.RowsScanned
	for name, n := range a.typeRows {
		t.types[name] += n
	}
	t.any += a.anyRows
	t.clusters.merge(&a.clusters)
}

func (t *datasetTally) estimates() ([]Estimate, Estimate) {
	var es []Estimate
	for name, hits := range t.types {
		es = append(es, t.clusters.estimate(name, t.scanned, hits, t.rows, t.any))
	}
	slices.SortFunc(es, func(a, b Estimate) int { return cmp.Compare(a.InfoType, b.InfoType) })
	if es == nil {
		es = []Estimate{}
	}
	return es, t.clusters.estimate(anyType, t.scanned, t.any, t.rows, t.any)
}

// datasets groups the objects by the root they were listed from.
func (r *run) datasets() []Dataset {
	byRoot := map[string][]*objAcc{}
	for _, a := range r.objects {
		byRoot[a.root] = append(byRoot[a.root], a)
	}
	var out []Dataset
	for root, accs := range byRoot {
		slices.SortFunc(accs, func(a, b *objAcc) int { return cmp.Compare(a.rep.URL, b.rep.URL) })
		d := Dataset{Name: datasetName(root), Root: root, Layout: "directory"}
		prefix := rootPrefix(accs, d.Name)
		if len(accs) == 1 && path.Base(accs[0].rep.URL) == d.Name {
			d.Layout = "file"
		}
		var all datasetTally
		splits := map[string]*datasetTally{}
		for _, a := range accs {
			rel := strings.TrimPrefix(a.rep.URL, prefix)
			all.add(a)
			s := splitOf(rel)
			if splits[s] == nil {
				splits[s] = &datasetTally{}
			}
			splits[s].add(a)
			if strings.HasPrefix(path.Base(rel), "data-") && strings.HasSuffix(rel, ".arrow") {
				d.Layout = "huggingface-save-to-disk"
			} else if strings.Contains("/"+rel, "/data/") && splitOf(rel) != "" && d.Layout == "directory" {
				d.Layout = "huggingface-hub"
			}
		}
		for _, m := range hfMarkers {
			if r.seenFile(prefix + m) {
				d.Layout = "huggingface-save-to-disk"
			}
		}
		d.Objects, d.Rows, d.RowsScanned = all.objects, all.rows, all.scanned
		d.Estimates, d.Any = all.estimates()
		d.Clusters = all.clusters.export(r.report.Mode == ModeSampled)
		if len(splits) > 1 || splits[""] == nil {
			for name, t := range splits {
				s := Split{Name: name, Objects: t.objects, Rows: t.rows, RowsScanned: t.scanned, Clusters: t.clusters.export(r.report.Mode == ModeSampled)}
				s.Estimates, s.Any = t.estimates()
				d.Splits = append(d.Splits, s)
			}
			slices.SortFunc(d.Splits, func(a, b Split) int { return cmp.Compare(a.Name, b.Name) })
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Dataset) int { return cmp.Compare(a.Root, b.Root) })
	return out
}

// seenFile reports whether a URL was listed, read or skipped.
func (r *run) seenFile(url string) bool {
	if _, ok := r.objects[url]; ok {
		return true
	}
	for _, s := range r.report.Skipped {
		if s.URL == url {
			return true
		}
	}
	return false
}

// rootPrefix is the URL prefix of a directory root: up to the root's own
// name in the first object's URL when the objects share it, else their
// common directory.
func rootPrefix(accs []*objAcc, name string) string {
	dir := commonDir(accs)
	if i := strings.LastIndex(dir, "/"+name+"/"); i >= 0 {
		return dir[:i+len(name)+2]
	}
	return dir
}

// commonDir is the longest directory prefix (ending in '/') shared by the
// objects' URLs; for one object, its own directory.
func commonDir(accs []*objAcc) string {
	p := accs[0].rep.URL
	for _, a := range accs[1:] {
		u := a.rep.URL
		n := 0
		for n < len(p) && n < len(u) && p[n] == u[n] {
			n++
		}
		p = p[:n]
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return p
}

// datasetName is the last path element of a root.
func datasetName(root string) string {
	root = strings.TrimRight(root, "/")
	if i := strings.LastIndexByte(root, '/'); i >= 0 {
		return root[i+1:]
	}
	return root
}
