package lineage

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/residuehq/residue/classify"
)

// Model statuses.
const (
	StatusTainted    = "TAINTED"    // an input, followed through runs, holds revoked data
	StatusRemediated = "REMEDIATED" // it did, and every such revocation is remediated for this version
	StatusSensitive  = "SENSITIVE"  // inputs hold findings, nothing revoked
	StatusClean      = "CLEAN"
)

// StatusOptions tune Statuses.
type StatusOptions struct {
	// MinLikelihood is the least likelihood of a finding that makes a
	// model SENSITIVE; zero means LIKELY.
	MinLikelihood classify.Likelihood
	// AllVersions reports every version of every model, not only the
	// latest.
	AllVersions bool
}

// ModelStatus is a model version's status with its reasons.
type ModelStatus struct {
	ModelVersion
	Status  string   `json:"status"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one cause of a status, with the path that proves it: from
// the model version back through runs and dataset versions to the object
// or fingerprint, and the revocation.
type Reason struct {
	// Status is the status this reason supports.
	Status      string       `json:"status"`
	Revocation  *Revocation  `json:"revocation,omitempty"`
	Remediation *Remediation `json:"remediation,omitempty"`
	// TrainedAfter says the run that made the model version started
	// after the revocation took effect: it used data it had no right to.
	TrainedAfter bool `json:"trained_after_revocation,omitempty"`
	// InfoTypes counts, for SENSITIVE, the findings at or above the
	// least likelihood in the dataset version the path ends at.
	InfoTypes map[string]int64 `json:"info_types,omitempty"`
	Path      []Step           `json:"path"`
	Text      string           `json:"text"`
}

// Step kinds of a path.
const (
	StepModelVersion   = "model_version"
	StepRun            = "run"
	StepDatasetVersion = "dataset_version"
	StepObject         = "object"
	StepFingerprint    = "fingerprint"
	StepDataset        = "dataset"
	StepRevocation     = "revocation"
)

// Step is one node of a path.
type Step struct {
	Kind     string    `json:"kind"`
	ID       int64     `json:"id,omitempty"`
	URI      string    `json:"uri,omitempty"`
	Version  string    `json:"version,omitempty"`
	Name     string    `json:"name,omitempty"`
	InfoType string    `json:"info_type,omitempty"`
	Time     time.Time `json:"time,omitzero"`
}

// Statuses returns the status of every model's latest version (every
// version with AllVersions), by model URI and version.
//
// A revocation reaches a model version when a dataset version holds what
// it revokes (the subject's fingerprint in its index; the object, or an
// object under the prefix, in its manifest; a version of the dataset) and
// a chain of runs leads from that dataset version to the model version.
// A derived dataset version inherits its inputs' revoked subjects unless
// it was scanned in full: its own index then says whether it holds them.
// A remediation clears its revocation from its model version only, not
// from models trained from that version: they learned from the weights
// before the remediation and need their own.
func (s *DB) Statuses(ctx context.Context, o StatusOptions) ([]ModelStatus, error) {
	if o.MinLikelihood == 0 {
		o.MinLikelihood = classify.Likely
	}
	g, err := s.loadGraph(ctx)
	if err != nil {
		return nil, err
	}
	revs, err := s.Revocations(ctx)
	if err != nil {
		return nil, err
	}
	rems, err := s.Remediations(ctx)
	if err != nil {
		return nil, err
	}
	remedied := map[[2]int64]*Remediation{}
	for i, r := range rems {
		if mv, ok := g.modelByLabel[r.Model+"@"+r.Version]; ok {
			remedied[[2]int64{mv, r.RevocationID}] = &rems[i]
		}
	}
	sens, err := s.sensitiveVersions(ctx, o.MinLikelihood)
	if err != nil {
		return nil, err
	}
	reasons := map[int64][]Reason{}
	for i := range revs {
		r := &revs[i]
		held, err := s.holders(ctx, g.inGraph, r)
		if err != nil {
			return nil, err
		}
		for mv, path := range g.reach(r, held) {
			rs := Reason{Status: StatusTainted, Revocation: r, Path: path}
			if rem := remedied[[2]int64{mv, r.ID}]; rem != nil {
				rs.Status, rs.Remediation = StatusRemediated, rem
			}
			if made := path[1]; made.Kind == StepRun && !made.Time.Before(r.Effective) {
				rs.TrainedAfter = true
			}
			rs.Text = reasonText(rs)
			reasons[mv] = append(reasons[mv], rs)
		}
	}
	var out []ModelStatus
	for _, mv := range g.models {
		if !o.AllVersions && !mv.Latest {
			continue
		}
		st := ModelStatus{ModelVersion: mv, Status: StatusClean, Reasons: reasons[mv.ID]}
		for _, r := range st.Reasons {
			switch {
			case r.Status == StatusTainted:
				st.Status = StatusTainted
			case st.Status != StatusTainted:
				st.Status = StatusRemediated
			}
		}
		for _, r := range g.sensitive(mv, sens) {
			if st.Status == StatusClean {
				st.Status = StatusSensitive
			}
			st.Reasons = append(st.Reasons, r)
		}
		if st.Reasons == nil {
			st.Reasons = []Reason{}
		}
		out = append(out, st)
	}
	return out, nil
}

// node is a dataset version or a model version of the graph.
type node struct {
	kind byte // 'd' or 'm'
	id   int64
}

type runInfo struct {
	name    string
	started time.Time
	in, out []node
}

type versionInfo struct {
	uri, label string
	complete   bool
}

// graph is the lineage the runs record, in memory: about a hundred bytes
// per edge, so ten thousand runs are a few megabytes.
type graph struct {
	runs         map[int64]*runInfo
	readBy       map[node][]int64 // the runs reading a node
	madeBy       map[node][]int64 // the runs writing a node
	datasets     map[int64]versionInfo
	models       []ModelVersion // by model URI and age
	modelIDs     map[int64]int
	modelByLabel map[string]int64
}

// inGraph reports whether a run reads or writes the dataset version.
func (g *graph) inGraph(version int64) bool {
	_, ok := g.datasets[version]
	return ok
}

func (s *DB) loadGraph(ctx context.Context) (*graph, error) {
	g := &graph{runs: map[int64]*runInfo{}, readBy: map[node][]int64{}, madeBy: map[node][]int64{},
		datasets: map[int64]versionInfo{}, modelIDs: map[int64]int{}, modelByLabel: map[string]int64{}}
	mvs, err := s.ModelVersions(ctx)
	if err != nil {
		return nil, err
	}
	g.models = mvs
	for i, mv := range mvs {
		g.modelIDs[mv.ID] = i
		g.modelByLabel[mv.Model+"@"+mv.Version] = mv.ID
	}
	rows, err := s.query(ctx, `SELECT id, name, started_at FROM runs`)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	for rows.Next() {
		var id int64
		var r runInfo
		var st string
		if err := rows.Scan(&id, &r.name, &st); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read runs: %w", err)
		}
		r.started, _ = time.Parse(time.RFC3339Nano, st)
		g.runs[id] = &r
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	rows, err = s.query(ctx, `SELECT run_id, direction, kind, node_id FROM run_edges`)
	if err != nil {
		return nil, fmt.Errorf("read run edges: %w", err)
	}
	for rows.Next() {
		var run, id int64
		var dir, kind string
		if err := rows.Scan(&run, &dir, &kind, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read run edges: %w", err)
		}
		r := g.runs[run]
		if r == nil {
			continue
		}
		n := node{'d', id}
		if kind == KindModel {
			n.kind = 'm'
		}
		if dir == "in" {
			r.in = append(r.in, n)
			g.readBy[n] = append(g.readBy[n], run)
		} else {
			r.out = append(r.out, n)
			g.madeBy[n] = append(g.madeBy[n], run)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read run edges: %w", err)
	}
	rows, err = s.query(ctx, `SELECT v.id, d.uri, coalesce(v.label, ''), v.complete FROM dataset_versions v
		JOIN datasets d ON d.id = v.dataset_id
		WHERE v.id IN (SELECT node_id FROM run_edges WHERE kind = 'dataset')`)
	if err != nil {
		return nil, fmt.Errorf("read dataset versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v versionInfo
		var complete int
		if err := rows.Scan(&id, &v.uri, &v.label, &complete); err != nil {
			return nil, fmt.Errorf("read dataset versions: %w", err)
		}
		v.complete = complete != 0
		g.datasets[id] = v
	}
	return g, rows.Err()
}

// holders returns the dataset versions keep accepts that hold what r
// revokes, each with the step that shows it.
func (s *DB) holders(ctx context.Context, keep func(version int64) bool, r *Revocation) (map[int64]Step, error) {
	held := map[int64]Step{}
	add := func(query string, step func(url, infoType string) Step, args ...any) error {
		rows, err := s.query(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("find what revocation %d holds: %w", r.ID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int64
			var url, infoType string
			if err := rows.Scan(&v, &url, &infoType); err != nil {
				return fmt.Errorf("find what revocation %d holds: %w", r.ID, err)
			}
			if !keep(v) {
				continue
			}
			if _, ok := held[v]; !ok {
				held[v] = step(url, infoType)
			}
		}
		return rows.Err()
	}
	object := func(url, _ string) Step { return Step{Kind: StepObject, URI: url} }
	dataset := func(url, _ string) Step { return Step{Kind: StepDataset, URI: url} }
	switch r.Kind {
	case RevokeSubject:
		for _, f := range r.Fingerprints {
			if err := add(`SELECT version_id, url, info_type FROM version_fingerprints WHERE fingerprint = ?`,
				func(url, infoType string) Step { return Step{Kind: StepFingerprint, URI: url, InfoType: infoType} }, f); err != nil {
				return nil, err
			}
		}
	case RevokeObject:
		q := `SELECT version_id, url, '' FROM version_objects WHERE url = ?`
		args := []any{r.Target}
		if r.ObjectVersion != "" {
			q += ` AND object_version = ?`
			args = append(args, r.ObjectVersion)
		}
		if err := add(q, object, args...); err != nil {
			return nil, err
		}
		if err := add(`SELECT v.id, d.uri, '' FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.uri = ?`,
			dataset, r.Target); err != nil {
			return nil, err
		}
	case RevokePrefix:
		lo, hi := prefixRange(r.Target)
		collate := ""
		if s.dialect == "postgres" {
			collate = ` COLLATE "C"`
		}
		if err := add(`SELECT version_id, url, '' FROM version_objects WHERE url`+collate+` >= ? AND url`+collate+` < ?`,
			object, lo, hi); err != nil {
			return nil, err
		}
		if err := add(`SELECT v.id, d.uri, '' FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
			WHERE d.uri`+collate+` >= ? AND d.uri`+collate+` < ?`, dataset, lo, hi); err != nil {
			return nil, err
		}
	case RevokeDataset:
		if err := add(`SELECT v.id, d.uri, '' FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.uri = ?`,
			dataset, strings.TrimSuffix(r.Target, "/")); err != nil {
			return nil, err
		}
	}
	return held, nil
}

// prefixRange gives the bounds of the strings starting with p, compared
// byte by byte: [p, p with its last byte below 0xff raised by one).
func prefixRange(p string) (lo, hi string) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return p, string(b[:i+1])
		}
	}
	// Every byte is 0xff (or p is empty): everything from p on.
	return p, "\U0010FFFF\U0010FFFF"
}

type hop struct {
	run  int64
	from node
}

// reach follows r from the dataset versions holding it forward through
// runs, breadth first, and returns every model version it reaches with
// the shortest path that proves it, from the model version back to r.
func (g *graph) reach(r *Revocation, held map[int64]Step) map[int64][]Step {
	parent := map[node]hop{}
	var queue []node
	for _, v := range slices.Sorted(maps.Keys(held)) {
		n := node{'d', v}
		parent[n] = hop{}
		queue = append(queue, n)
	}
	out := map[int64][]Step{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.kind == 'm' {
			out[n.id] = g.path(n, parent, held, r)
		}
		for _, run := range g.readBy[n] {
			for _, o := range g.runs[run].out {
				if _, seen := parent[o]; seen {
					continue
				}
				// A version scanned in full speaks for itself about
				// subjects; not holding one, it is a new start.
				if o.kind == 'd' && r.Kind == RevokeSubject && g.datasets[o.id].complete {
					continue
				}
				parent[o] = hop{run: run, from: n}
				queue = append(queue, o)
			}
		}
	}
	return out
}

func (g *graph) path(n node, parent map[node]hop, held map[int64]Step, r *Revocation) []Step {
	p, end := g.walk(n, parent)
	return append(p, held[end.id], Step{Kind: StepRevocation, ID: r.ID, InfoType: r.InfoType, URI: r.Target, Time: r.Effective})
}

// walk follows links from n, a run at a time, to a node without one, and
// returns the steps on the way and that node.
func (g *graph) walk(n node, links map[node]hop) ([]Step, node) {
	var p []Step
	for {
		p = append(p, g.step(n))
		h := links[n]
		if h.run == 0 {
			return p, n
		}
		run := g.runs[h.run]
		p = append(p, Step{Kind: StepRun, ID: h.run, Name: run.name, Time: run.started})
		n = h.from
	}
}

func (g *graph) step(n node) Step {
	if n.kind == 'm' {
		mv := g.models[g.modelIDs[n.id]]
		return Step{Kind: StepModelVersion, ID: n.id, URI: mv.Model, Version: mv.Version}
	}
	v := g.datasets[n.id]
	label := v.label
	if label == "" {
		label = strconv.FormatInt(n.id, 10)
	}
	return Step{Kind: StepDatasetVersion, ID: n.id, URI: v.uri, Version: label}
}

// sensitiveVersions returns the findings at or above min per infoType of
// every dataset version some run reads or writes. Findings recorded
// before likelihoods were (0) count whatever min is.
func (s *DB) sensitiveVersions(ctx context.Context, min classify.Likelihood) (map[int64]map[string]int64, error) {
	rows, err := s.query(ctx, `SELECT version_id, info_type, CAST(sum(count) AS BIGINT) FROM version_infotypes
		WHERE (likelihood >= ? OR likelihood = 0) AND version_id IN (SELECT node_id FROM run_edges WHERE kind = 'dataset')
		GROUP BY version_id, info_type`, int(min))
	if err != nil {
		return nil, fmt.Errorf("read findings of dataset versions: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]int64{}
	for rows.Next() {
		var v, n int64
		var t string
		if err := rows.Scan(&v, &t, &n); err != nil {
			return nil, fmt.Errorf("read findings of dataset versions: %w", err)
		}
		if out[v] == nil {
			out[v] = map[string]int64{}
		}
		out[v][t] = n
	}
	return out, rows.Err()
}

// maxSensitiveReasons caps the SENSITIVE reasons of one model version: the
// nearest inputs with findings make the point.
const maxSensitiveReasons = 5

// sensitive walks back from a model version through the runs that made it
// and returns a reason for each upstream dataset version with findings,
// nearest first. A derived version scanned in full speaks for its inputs.
func (g *graph) sensitive(mv ModelVersion, sens map[int64]map[string]int64) []Reason {
	start := node{'m', mv.ID}
	child := map[node]hop{start: {}}
	queue := []node{start}
	var out []Reason
	for len(queue) > 0 && len(out) < maxSensitiveReasons {
		n := queue[0]
		queue = queue[1:]
		if n.kind == 'd' {
			if f := sens[n.id]; len(f) > 0 {
				p, _ := g.walk(n, child)
				slices.Reverse(p)
				rs := Reason{Status: StatusSensitive, InfoTypes: f, Path: p}
				rs.Text = reasonText(rs)
				out = append(out, rs)
			}
			if g.datasets[n.id].complete {
				continue
			}
		}
		for _, run := range g.madeBy[n] {
			for _, in := range g.runs[run].in {
				if _, seen := child[in]; seen {
					continue
				}
				child[in] = hop{run: run, from: n}
				queue = append(queue, in)
			}
		}
	}
	return out
}

// reasonText says a reason in plain words.
func reasonText(r Reason) string {
	var b strings.Builder
	if r.Status == StatusSensitive {
		end := r.Path[len(r.Path)-1]
		types := slices.Sorted(maps.Keys(r.InfoTypes))
		parts := make([]string, len(types))
		for i, t := range types {
			parts[i] = fmt.Sprintf("%d %s", r.InfoTypes[t], t)
		}
		fmt.Fprintf(&b, "input %s@%s holds %s", end.URI, end.Version, strings.Join(parts, ", "))
		return b.String()
	}
	rv := r.Revocation
	what := rv.Kind + " " + rv.Target
	if rv.Kind == RevokeSubject {
		what = "subject " + rv.InfoType
	}
	fmt.Fprintf(&b, "revocation %d (%s, %s) reaches it", rv.ID, rv.Reason, what)
	if src := r.Path[len(r.Path)-3]; src.Kind == StepDatasetVersion {
		fmt.Fprintf(&b, " from %s@%s", src.URI, src.Version)
	}
	if r.TrainedAfter {
		fmt.Fprintf(&b, "; trained after it took effect (%s)", rv.Effective.UTC().Format(time.RFC3339))
	} else {
		fmt.Fprintf(&b, "; trained before it took effect (%s)", rv.Effective.UTC().Format(time.RFC3339))
	}
	if r.Remediation != nil {
		fmt.Fprintf(&b, "; remediated by %s: %s", r.Remediation.Method, r.Remediation.Evidence)
	}
	return b.String()
}

// Embodied is a model version that holds a subject, with the path that
// shows it.
type Embodied struct {
	ModelVersion
	Path []Step `json:"path"`
}

// ModelsHolding returns the model versions that a subject, named by its
// fingerprints, reaches through runs: what a revocation of it would
// taint. Nothing is recorded.
func (s *DB) ModelsHolding(ctx context.Context, infoType string, fingerprints []string) ([]Embodied, error) {
	g, err := s.loadGraph(ctx)
	if err != nil {
		return nil, err
	}
	r := &Revocation{Kind: RevokeSubject, InfoType: infoType, Fingerprints: fingerprints}
	held, err := s.holders(ctx, g.inGraph, r)
	if err != nil {
		return nil, err
	}
	reached := g.reach(r, held)
	out := []Embodied{}
	for _, mv := range g.models {
		if p, ok := reached[mv.ID]; ok {
			out = append(out, Embodied{ModelVersion: mv, Path: p[:len(p)-1]})
		}
	}
	return out, nil
}
