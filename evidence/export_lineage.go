package evidence

import (
	"cmp"
	"slices"
	"time"

	"github.com/residuehq/residue/lineage"
)

// LineageSchema names the shape of lineage.json.
const LineageSchema = "residue.lineage/v1"

// lineageSnapshot is lineage.json: the datasets and their recorded
// versions, the runs between them and the models, the revocations and
// remediations, and every model version's status with the paths that
// prove it. Fingerprints in it are keyed HMACs, never values.
type lineageSnapshot struct {
	Schema       string                `json:"schema"`
	Created      time.Time             `json:"created"`
	Scope        Scope                 `json:"scope"`
	Datasets     []lineageDataset      `json:"datasets"`
	Runs         []lineage.Run         `json:"runs"`
	Models       []lineageModel        `json:"models"`
	Revocations  []lineage.Revocation  `json:"revocations"`
	Remediations []lineage.Remediation `json:"remediations"`
	Statuses     []lineage.ModelStatus `json:"statuses"`
}

type lineageDataset struct {
	URI string `json:"uri"`
	// Versions are the recordings in scope, oldest first; versions that
	// runs name but no scan recorded appear in the runs only.
	Versions []lineage.VersionInfo `json:"versions"`
}

type lineageModel struct {
	URI      string                 `json:"uri"`
	Versions []lineage.ModelVersion `json:"versions"`
}

func newLineageSnapshot(o ExportOptions, s *snapshot) lineageSnapshot {
	out := lineageSnapshot{Schema: LineageSchema, Created: o.Now, Scope: o.Scope,
		Datasets: []lineageDataset{}, Runs: s.runs, Models: []lineageModel{},
		Revocations: s.revocations, Remediations: s.remediations, Statuses: s.statuses}
	byURI := map[string]int{}
	add := func(uri string) int {
		i, ok := byURI[uri]
		if !ok {
			i = len(out.Datasets)
			byURI[uri] = i
			out.Datasets = append(out.Datasets, lineageDataset{URI: uri, Versions: []lineage.VersionInfo{}})
		}
		return i
	}
	for _, v := range s.versions {
		i := add(v.Dataset)
		out.Datasets[i].Versions = append(out.Datasets[i].Versions, v)
	}
	for _, r := range s.runs {
		for _, n := range slices.Concat(r.Inputs, r.Outputs) {
			if n.Kind == lineage.KindDataset {
				add(n.URI)
			}
		}
	}
	slices.SortFunc(out.Datasets, func(a, b lineageDataset) int { return cmp.Compare(a.URI, b.URI) })
	for _, m := range s.models {
		if n := len(out.Models); n > 0 && out.Models[n-1].URI == m.Model {
			out.Models[n-1].Versions = append(out.Models[n-1].Versions, m)
			continue
		}
		out.Models = append(out.Models, lineageModel{URI: m.Model, Versions: []lineage.ModelVersion{m}})
	}
	if out.Runs == nil {
		out.Runs = []lineage.Run{}
	}
	if out.Revocations == nil {
		out.Revocations = []lineage.Revocation{}
	}
	if out.Remediations == nil {
		out.Remediations = []lineage.Remediation{}
	}
	if out.Statuses == nil {
		out.Statuses = []lineage.ModelStatus{}
	}
	return out
}
