package evidence

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

// Data classifications the ML-BOM gives a dataset version, from what its
// recording found.
const (
	ClassRestricted   = "restricted"              // secrets or credentials found
	ClassConfidential = "confidential"            // personal data found, no secrets
	ClassNoneFound    = "no-sensitive-data-found" // scanned, nothing found
	ClassNotScanned   = "not-scanned"             // named by a run, never recorded by a scan
)

func modelRef(id int64) string   { return "model-version-" + strconv.FormatInt(id, 10) }
func datasetRef(id int64) string { return "dataset-version-" + strconv.FormatInt(id, 10) }

// buildBOM makes the CycloneDX ML-BOM: a machine-learning-model
// component per model version in scope, whose model card references the
// data components of the dataset versions its runs read, and a data
// component per dataset version with its classification, the sensitive
// data found in it and its governance. The dependency graph follows the
// runs: an output depends on the inputs of the runs that made it.
func buildBOM(o ExportOptions, s *snapshot, cats map[string]category) (*cdx.BOM, error) {
	serial, err := uuid4()
	if err != nil {
		return nil, err
	}
	bom := cdx.NewBOM()
	bom.SerialNumber = "urn:uuid:" + serial
	bom.Metadata = &cdx.Metadata{
		Timestamp: o.Now.Format(time.RFC3339),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{Type: cdx.ComponentTypeApplication,
			Name: o.Tool.Name, Version: o.Tool.Version}}},
		Properties: scopeProperties(o.Scope),
	}

	// What made each node: the runs that wrote it, over all time, so
	// that a model card names its data even when the run is older than
	// --since.
	madeBy := map[node][]lineage.Run{}
	for _, r := range s.allRuns {
		for _, n := range r.Outputs {
			k := node{n.Kind, n.ID}
			madeBy[k] = append(madeBy[k], r)
		}
	}
	// The dataset versions of the BOM: those in the snapshot and those
	// the models in it were trained on.
	datasets := map[int64]lineage.NodeRef{}
	for _, v := range s.versions {
		datasets[v.ID] = lineage.NodeRef{Kind: lineage.KindDataset, ID: v.ID, URI: v.Dataset, Version: versionLabel(v)}
	}
	for _, m := range s.models {
		for _, r := range madeBy[node{lineage.KindModel, m.ID}] {
			for _, n := range r.Inputs {
				if n.Kind == lineage.KindDataset {
					datasets[n.ID] = n
				}
			}
		}
	}
	inBOM := map[string]bool{}
	statusOf := map[int64]lineage.ModelStatus{}
	for _, st := range s.statuses {
		statusOf[st.ID] = st
	}
	revokedIn := map[int64][]string{} // dataset version → revocations reaching models through it
	for _, st := range s.statuses {
		for _, r := range st.Reasons {
			if r.Revocation == nil {
				continue
			}
			for _, step := range r.Path {
				if step.Kind != lineage.StepDatasetVersion {
					continue
				}
				what := fmt.Sprintf("revocation %d (%s)", r.Revocation.ID, r.Revocation.Reason)
				if !slices.Contains(revokedIn[step.ID], what) {
					revokedIn[step.ID] = append(revokedIn[step.ID], what)
				}
			}
		}
	}
	verdictsOf := map[int64][]lineage.Verdict{}
	for _, v := range s.verdicts {
		verdictsOf[v.VersionID] = append(verdictsOf[v.VersionID], v)
	}

	var comps []cdx.Component
	var nodes []node // the node of each component
	for _, m := range s.models {
		comps = append(comps, modelComponent(m, statusOf[m.ID], madeBy[node{lineage.KindModel, m.ID}]))
		nodes = append(nodes, node{lineage.KindModel, m.ID})
		inBOM[modelRef(m.ID)] = true
	}
	ids := make([]int64, 0, len(datasets))
	for id := range datasets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		n := datasets[id]
		v, recorded := s.allVersions[id]
		comps = append(comps, dataComponent(n, v, recorded, cats, revokedIn[id], verdictsOf[id], o.DataOwner))
		nodes = append(nodes, node{lineage.KindDataset, id})
		inBOM[datasetRef(id)] = true
	}
	bom.Components = &comps

	var deps []cdx.Dependency
	for i, c := range comps {
		var on []string
		for _, r := range madeBy[nodes[i]] {
			for _, in := range r.Inputs {
				ref := datasetRef(in.ID)
				if in.Kind == lineage.KindModel {
					ref = modelRef(in.ID)
				}
				if inBOM[ref] && !slices.Contains(on, ref) {
					on = append(on, ref)
				}
			}
		}
		d := cdx.Dependency{Ref: c.BOMRef}
		if len(on) > 0 {
			slices.Sort(on)
			d.Dependencies = &on
		}
		deps = append(deps, d)
	}
	bom.Dependencies = &deps
	return bom, nil
}

func modelComponent(m lineage.ModelVersion, st lineage.ModelStatus, madeBy []lineage.Run) cdx.Component {
	props := []cdx.Property{{Name: "residue:model-version-id", Value: strconv.FormatInt(m.ID, 10)}}
	if st.Status != "" {
		props = append(props, cdx.Property{Name: "residue:status", Value: st.Status})
	}
	var sets []cdx.MLDatasetChoice
	for _, r := range madeBy {
		props = append(props, cdx.Property{Name: "residue:made-by-run", Value: r.Name})
		for _, n := range r.Inputs {
			if n.Kind == lineage.KindDataset && !slices.ContainsFunc(sets, func(c cdx.MLDatasetChoice) bool { return c.Ref == datasetRef(n.ID) }) {
				sets = append(sets, cdx.MLDatasetChoice{Ref: datasetRef(n.ID)})
			}
		}
	}
	card := &cdx.MLModelCard{BOMRef: "model-card-" + strconv.FormatInt(m.ID, 10)}
	if len(sets) > 0 {
		card.ModelParameters = &cdx.MLModelParameters{Datasets: &sets}
	}
	// What residue knows of a model's data goes where a model card keeps
	// the data's risks: each reason for its status, and what was done.
	var ethics []cdx.MLModelCardEthicalConsideration
	for _, r := range st.Reasons {
		ec := cdx.MLModelCardEthicalConsideration{Name: r.Status + ": " + r.Text}
		switch {
		case r.Remediation != nil:
			ec.MitigationStrategy = fmt.Sprintf("%s (%s), recorded %s", r.Remediation.Method, r.Remediation.Evidence,
				r.Remediation.Recorded.UTC().Format(time.RFC3339))
		case r.Status == lineage.StatusTainted:
			ec.MitigationStrategy = "none recorded: retrain without the revoked data or unlearn it, then record the remediation"
		}
		ethics = append(ethics, ec)
	}
	if len(ethics) > 0 {
		card.Considerations = &cdx.MLModelCardConsiderations{EthicalConsiderations: &ethics}
	}
	return cdx.Component{
		BOMRef: modelRef(m.ID), Type: cdx.ComponentTypeMachineLearningModel,
		Name: m.Model, Version: m.Version, ModelCard: card, Properties: &props,
	}
}

func dataComponent(n lineage.NodeRef, v lineage.VersionInfo, recorded bool, cats map[string]category,
	revoked []string, verdicts []lineage.Verdict, owner string) cdx.Component {
	props := []cdx.Property{{Name: "residue:dataset-version-id", Value: strconv.FormatInt(n.ID, 10)}}
	data := cdx.ComponentData{Type: cdx.ComponentDataTypeDataset, Name: n.URI,
		Contents: &cdx.ComponentDataContents{URL: uriRef(n.URI)}, Classification: ClassNotScanned,
		Description: fmt.Sprintf("Version %s of %s, named by a run but never recorded by a scan.", n.Version, n.URI)}
	if recorded {
		props = append(props, cdx.Property{Name: "residue:digest", Value: v.Digest},
			cdx.Property{Name: "residue:complete", Value: strconv.FormatBool(v.Complete)},
			cdx.Property{Name: "residue:recorded", Value: v.Finished.UTC().Format(time.RFC3339)})
		how := "sampled, or with objects that could not be read"
		if v.Complete {
			how = "complete: every object read in full"
		}
		data.Description = fmt.Sprintf("Version %s of %s, recorded %s (%s); manifest digest %s.",
			versionLabel(v), v.Dataset, v.Finished.UTC().Format(time.RFC3339), how, v.Digest)
		data.Classification = ClassNoneFound
		var sensitive []string
		types := make([]string, 0, len(v.InfoTypes))
		for t, c := range v.InfoTypes {
			if c > 0 {
				types = append(types, t)
			}
		}
		slices.Sort(types)
		for _, t := range types {
			cat := cmp.Or(cats[t].Category, "custom")
			sensitive = append(sensitive, fmt.Sprintf("%s (%s): %s", t, cat, plural(v.InfoTypes[t], "finding", "findings")))
			switch {
			case cat == classify.CategorySecrets:
				data.Classification = ClassRestricted
			case data.Classification != ClassRestricted:
				data.Classification = ClassConfidential
			}
		}
		if len(sensitive) > 0 {
			data.SensitiveData = &sensitive
		}
	}
	for _, r := range revoked {
		props = append(props, cdx.Property{Name: "residue:revoked", Value: r})
	}
	for _, vd := range verdicts {
		props = append(props, cdx.Property{Name: "residue:gate-verdict",
			Value: fmt.Sprintf("%s %s (policy %s)", vd.Verdict, vd.Decided.UTC().Format(time.RFC3339), vd.Policy)})
	}
	gov := &cdx.DataGovernance{Custodians: &[]cdx.ComponentDataGovernanceResponsibleParty{
		{Organization: &cdx.OrganizationalEntity{Name: custodian(n.URI)}}}}
	if owner != "" {
		gov.Owners = &[]cdx.ComponentDataGovernanceResponsibleParty{{Organization: &cdx.OrganizationalEntity{Name: owner}}}
	}
	data.Governance = gov
	return cdx.Component{
		BOMRef: datasetRef(n.ID), Type: cdx.ComponentTypeData, Name: n.URI, Version: n.Version,
		Data: &[]cdx.ComponentData{data}, Properties: &props,
	}
}

// custodian names who keeps the bytes of a dataset: the store its URI
// is in.
func custodian(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	switch u.Scheme {
	case "s3":
		return "Amazon S3 bucket " + u.Host
	case "gs":
		return "Google Cloud Storage bucket " + u.Host
	case "file":
		return "local file system"
	default:
		return u.Scheme + "://" + u.Host
	}
}

func scopeProperties(sc Scope) *[]cdx.Property {
	props := []cdx.Property{}
	if !sc.Since.IsZero() {
		props = append(props, cdx.Property{Name: "residue:scope:since", Value: sc.Since.UTC().Format(time.RFC3339)})
	}
	for _, d := range sc.Datasets {
		props = append(props, cdx.Property{Name: "residue:scope:dataset", Value: d})
	}
	for _, m := range sc.Models {
		props = append(props, cdx.Property{Name: "residue:scope:model", Value: m})
	}
	if len(props) == 0 {
		return nil
	}
	return &props
}

// encodeBOM writes the BOM as CycloneDX 1.6 JSON.
func encodeBOM(w io.Writer, bom *cdx.BOM) error {
	return cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON).SetPretty(true).SetEscapeHTML(false).EncodeVersion(bom, cdx.SpecVersion1_6)
}

// uuid4 makes a random RFC 4122 version 4 UUID for the BOM's serial
// number.
func uuid4() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make BOM serial number: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
