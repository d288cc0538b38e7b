package evidence

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage"
)

// Scope is what an export covers. Empty Datasets and Models mean every
// dataset and model; a zero Since means all time.
type Scope struct {
	// Since keeps the records made at or after it: reports, verdicts,
	// dataset versions (by when they were finished), runs (by start),
	// revocations and remediations (by when they were recorded). Datasets
	// and models are not records: they and their current statuses stay.
	Since time.Time `json:"since,omitzero"`
	// Datasets limits the export to these dataset URIs and to what was
	// made from them: derived datasets and the models trained on any of
	// them, followed through runs.
	Datasets []string `json:"datasets,omitempty"`
	// Models limits the export to these models (a URI for every version,
	// URI@V for one) and to what they were made from: base models and
	// the dataset versions they or their bases were trained on.
	Models []string `json:"models,omitempty"`
}

func (s Scope) filtered() bool { return len(s.Datasets) > 0 || len(s.Models) > 0 }

// node is a dataset or model version of the lineage graph.
type node struct {
	kind string // lineage.KindDataset or lineage.KindModel
	id   int64
}

// inScope is the resolved scope: the dataset and model versions an
// export covers. all is true for an unfiltered export.
type inScope struct {
	all      bool
	datasets map[int64]bool // dataset version IDs
	models   map[int64]bool // model version IDs
}

func (s *inScope) dataset(id int64) bool { return s.all || s.datasets[id] }
func (s *inScope) model(id int64) bool   { return s.all || s.models[id] }

// resolveScope follows runs from the nodes the scope names: downstream
// from datasets (what learned from or was derived from them), upstream
// from models (what they learned from).
func resolveScope(sc Scope, versions []lineage.VersionInfo, models []lineage.ModelVersion, runs []lineage.Run) *inScope {
	if !sc.filtered() {
		return &inScope{all: true}
	}
	out := &inScope{datasets: map[int64]bool{}, models: map[int64]bool{}}
	wantDS := map[string]bool{}
	for _, d := range sc.Datasets {
		wantDS[strings.TrimRight(d, "/")] = true
	}
	var down, up []node
	for _, v := range versions {
		if wantDS[v.Dataset] {
			down = append(down, node{lineage.KindDataset, v.ID})
		}
	}
	// Placeholder versions (named by runs, never recorded) appear only
	// in runs.
	for _, r := range runs {
		for _, n := range slices.Concat(r.Inputs, r.Outputs) {
			if n.Kind == lineage.KindDataset && wantDS[n.URI] {
				down = append(down, node{lineage.KindDataset, n.ID})
			}
		}
	}
	for _, m := range sc.Models {
		uri, ver, _ := cutVersion(m)
		for _, mv := range models {
			if mv.Model == uri && (ver == "" || mv.Version == ver) {
				up = append(up, node{lineage.KindModel, mv.ID})
			}
		}
	}
	// Runs indexed by the nodes they read and write, for the walks.
	readBy, wroteBy := map[node][]int{}, map[node][]int{}
	for i, r := range runs {
		for _, n := range r.Inputs {
			readBy[node{n.Kind, n.ID}] = append(readBy[node{n.Kind, n.ID}], i)
		}
		for _, n := range r.Outputs {
			wroteBy[node{n.Kind, n.ID}] = append(wroteBy[node{n.Kind, n.ID}], i)
		}
	}
	reach := func(start []node, runsOf map[node][]int, next func(lineage.Run) []lineage.NodeRef) {
		seen := map[node]bool{}
		queue := slices.Clone(start)
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if seen[n] {
				continue
			}
			seen[n] = true
			if n.kind == lineage.KindModel {
				out.models[n.id] = true
			} else {
				out.datasets[n.id] = true
			}
			for _, i := range runsOf[n] {
				for _, x := range next(runs[i]) {
					queue = append(queue, node{x.Kind, x.ID})
				}
			}
		}
	}
	reach(down, readBy, func(r lineage.Run) []lineage.NodeRef { return r.Outputs })
	reach(up, wroteBy, func(r lineage.Run) []lineage.NodeRef { return r.Inputs })
	return out
}

// cutVersion splits URI@V at the last @ when what follows names no path,
// as the command line's references do.
func cutVersion(s string) (uri, version string, ok bool) {
	if i := strings.LastIndexByte(s, '@'); i > 0 && !strings.Contains(s[i+1:], "/") {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// under reports whether url is the dataset uri's root object or below it.
func under(uri, url string) bool {
	return url == uri || strings.HasPrefix(url, uri+"/")
}

// versionLabel is how runs and statuses name a dataset version: its
// label, else its ID.
func versionLabel(v lineage.VersionInfo) string {
	if v.Label != "" {
		return v.Label
	}
	return strconv.FormatInt(v.ID, 10)
}

// snapshot is the lineage an export covers, after scope and time.
type snapshot struct {
	versions     []lineage.VersionInfo // finished in scope and since
	allVersions  map[int64]lineage.VersionInfo
	runs         []lineage.Run // started since
	allRuns      []lineage.Run
	models       []lineage.ModelVersion
	revocations  []lineage.Revocation
	remediations []lineage.Remediation
	statuses     []lineage.ModelStatus
	verdicts     []lineage.Verdict
}

func takeSnapshot(sc Scope, sel *inScope, versions []lineage.VersionInfo, runs []lineage.Run, models []lineage.ModelVersion,
	revs []lineage.Revocation, rems []lineage.Remediation, statuses []lineage.ModelStatus, verdicts []lineage.Verdict) *snapshot {
	s := &snapshot{allVersions: map[int64]lineage.VersionInfo{}, allRuns: runs}
	for _, v := range versions {
		s.allVersions[v.ID] = v
		if sel.dataset(v.ID) && !v.Finished.Before(sc.Since) {
			s.versions = append(s.versions, v)
		}
	}
	for _, r := range runs {
		if r.Started.Before(sc.Since) {
			continue
		}
		touches := false
		for _, n := range slices.Concat(r.Inputs, r.Outputs) {
			if n.Kind == lineage.KindDataset && sel.dataset(n.ID) || n.Kind == lineage.KindModel && sel.model(n.ID) {
				touches = true
			}
		}
		if touches {
			s.runs = append(s.runs, r)
		}
	}
	inModels := map[string]bool{}
	for _, m := range models {
		if sel.model(m.ID) {
			s.models = append(s.models, m)
			inModels[m.Model+"@"+m.Version] = true
		}
	}
	for _, r := range revs {
		if !r.Recorded.Before(sc.Since) {
			s.revocations = append(s.revocations, r)
		}
	}
	for _, r := range rems {
		if !r.Recorded.Before(sc.Since) && inModels[r.Model+"@"+r.Version] {
			s.remediations = append(s.remediations, r)
		}
	}
	for _, st := range statuses {
		if sel.model(st.ID) {
			s.statuses = append(s.statuses, st)
		}
	}
	for _, v := range verdicts {
		if sel.dataset(v.VersionID) {
			s.verdicts = append(s.verdicts, v)
		}
	}
	slices.SortFunc(s.versions, func(a, b lineage.VersionInfo) int {
		return cmp.Or(cmp.Compare(a.Dataset, b.Dataset), cmp.Compare(a.ID, b.ID))
	})
	return s
}
