package lineage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// tx is a transaction that rewrites placeholders for the dialect.
type tx struct {
	s  *DB
	tx *sql.Tx
}

func (t tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.s.q(query), args...)
}

func (t tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.s.q(query), args...)
}

// inTx runs fn in one transaction, committed when fn returns nil.
func (s *DB) inTx(ctx context.Context, fn func(t tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer t.Rollback()
	if err := fn(tx{s, t}); err != nil {
		return err
	}
	return t.Commit()
}

// ensureDataset returns the dataset of uri, creating it, and records its
// OpenLineage names when it has none yet.
func (t tx) ensureDataset(ctx context.Context, r Ref, now time.Time) (int64, error) {
	if _, err := t.exec(ctx, `INSERT INTO datasets (uri, created_at) VALUES (?, ?) ON CONFLICT (uri) DO NOTHING`, r.URI, stamp(now)); err != nil {
		return 0, err
	}
	var id int64
	if err := t.queryRow(ctx, `SELECT id FROM datasets WHERE uri = ?`, r.URI).Scan(&id); err != nil {
		return 0, err
	}
	if r.Namespace != "" || r.Name != "" {
		if _, err := t.exec(ctx, `UPDATE datasets SET namespace = ?, name = ? WHERE id = ? AND namespace IS NULL`, r.Namespace, r.Name, id); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func (t tx) ensureModel(ctx context.Context, r Ref, now time.Time) (int64, error) {
	if _, err := t.exec(ctx, `INSERT INTO models (uri, namespace, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (uri) DO NOTHING`,
		r.URI, nullIf(r.Namespace, ""), nullIf(r.Name, ""), stamp(now)); err != nil {
		return 0, err
	}
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM models WHERE uri = ?`, r.URI).Scan(&id)
	return id, err
}

// datasetVersion resolves a dataset Ref to a version ID.
func (t tx) datasetVersion(ctx context.Context, r Ref, input, strict bool, now time.Time) (int64, error) {
	ds, err := t.ensureDataset(ctx, r, now)
	if err != nil {
		return 0, err
	}
	var id int64
	if r.Version == "" {
		err := t.queryRow(ctx, `SELECT id FROM dataset_versions WHERE dataset_id = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`, ds).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		// Never recorded: a placeholder carries the lineage.
		err = t.queryRow(ctx, `INSERT INTO dataset_versions (dataset_id, started_at, finished_at) VALUES (?, ?, ?) RETURNING id`,
			ds, stamp(now), stamp(now)).Scan(&id)
		return id, err
	}
	err = t.queryRow(ctx, `SELECT id FROM dataset_versions WHERE dataset_id = ? AND label = ?`, ds, r.Version).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	// On the command line @3 may name version ID 3; a producer's "3" (a
	// Delta table's version) is a label of its own.
	if n, perr := strconv.ParseInt(r.Version, 10, 64); perr == nil && strict {
		err := t.queryRow(ctx, `SELECT id FROM dataset_versions WHERE dataset_id = ? AND id = ?`, ds, n).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if input && strict {
		return 0, fmt.Errorf("dataset %s has no version %s", r.URI, r.Version)
	}
	err = t.queryRow(ctx, `INSERT INTO dataset_versions (dataset_id, started_at, finished_at, label) VALUES (?, ?, ?, ?) RETURNING id`,
		ds, stamp(now), stamp(now), r.Version).Scan(&id)
	return id, err
}

// modelVersion resolves a model Ref to a version ID. run is the run whose
// output it is (0 for an input).
func (t tx) modelVersion(ctx context.Context, r Ref, run int64, runStart time.Time, strict bool, now time.Time) (int64, error) {
	m, err := t.ensureModel(ctx, r, now)
	if err != nil {
		return 0, err
	}
	var id int64
	label := r.Version
	if label == "" {
		if run == 0 {
			err := t.queryRow(ctx, `SELECT id FROM model_versions WHERE model_id = ? ORDER BY id DESC LIMIT 1`, m).Scan(&id)
			if err == nil {
				return id, nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
			if strict {
				return 0, fmt.Errorf("model %s has no recorded version: name one with %s@VERSION", r.URI, r.URI)
			}
			label = "unversioned"
		} else {
			// The run's START and COMPLETE name the same new version.
			err := t.queryRow(ctx, `SELECT e.node_id FROM run_edges e JOIN model_versions v ON v.id = e.node_id
				WHERE e.run_id = ? AND e.direction = 'out' AND e.kind = 'model' AND v.model_id = ?`, run, m).Scan(&id)
			if err == nil {
				return id, nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
			label = runStart.UTC().Format(time.RFC3339)
			for i := 2; ; i++ {
				var n int
				if err := t.queryRow(ctx, `SELECT count(*) FROM model_versions WHERE model_id = ? AND label = ?`, m, label).Scan(&n); err != nil {
					return 0, err
				}
				if n == 0 {
					break
				}
				label = runStart.UTC().Format(time.RFC3339) + "-" + strconv.Itoa(i)
			}
		}
	} else if run == 0 && strict {
		var n int
		if err := t.queryRow(ctx, `SELECT count(*) FROM model_versions WHERE model_id = ? AND label = ?`, m, label).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("model %s has no version %s", r.URI, label)
		}
	}
	if _, err := t.exec(ctx, `INSERT INTO model_versions (model_id, label, created_at) VALUES (?, ?, ?) ON CONFLICT (model_id, label) DO NOTHING`,
		m, label, stamp(now)); err != nil {
		return 0, err
	}
	err = t.queryRow(ctx, `SELECT id FROM model_versions WHERE model_id = ? AND label = ?`, m, label).Scan(&id)
	return id, err
}

// RecordRun records a run, or adds to the run of the same key: its
// inputs and outputs join the earlier ones, its state and end time are
// the latest event's. All of it is stored or none.
func (s *DB) RecordRun(ctx context.Context, r RunRecord, now time.Time) (int64, error) {
	if r.Key == "" || r.Name == "" {
		return 0, errors.New("record run: a run needs a key and a name")
	}
	state := r.State
	if state == "" {
		state = "COMPLETE"
	}
	if r.Time.IsZero() {
		r.Time = now
	}
	for _, ref := range slices.Concat(r.Inputs, r.Outputs) {
		if ref.Kind != KindDataset && ref.Kind != KindModel {
			return 0, fmt.Errorf("record run %s: %s: kind %q is neither dataset nor model", r.Name, ref.URI, ref.Kind)
		}
		if ref.URI == "" {
			return 0, fmt.Errorf("record run %s: an input or output without a URI", r.Name)
		}
	}
	var id int64
	err := s.inTx(ctx, func(t tx) error {
		if _, err := t.exec(ctx, `INSERT INTO runs (run_key, namespace, name, state, started_at, ended_at, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING`,
			r.Key, r.Namespace, r.Name, state, stamp(r.Time), stamp(r.Time), stamp(now)); err != nil {
			return err
		}
		var started, ended sql.NullString
		if err := t.queryRow(ctx, `SELECT id, started_at, ended_at FROM runs WHERE run_key = ?`, r.Key).Scan(&id, &started, &ended); err != nil {
			return err
		}
		st, en := parseStamp(started), parseStamp(ended)
		if r.Time.Before(st) {
			if _, err := t.exec(ctx, `UPDATE runs SET started_at = ? WHERE id = ?`, stamp(r.Time), id); err != nil {
				return err
			}
			st = r.Time
		}
		if !r.Time.Before(en) {
			// A run that ended stays ended: a late RUNNING or OTHER
			// event does not reopen it.
			if _, err := t.exec(ctx, `UPDATE runs SET ended_at = ?,
				state = CASE WHEN state IN ('COMPLETE', 'FAIL', 'ABORT') AND ? NOT IN ('COMPLETE', 'FAIL', 'ABORT') THEN state ELSE ? END
				WHERE id = ?`, stamp(r.Time), state, state, id); err != nil {
				return err
			}
		}
		add := func(dir string, ref Ref) error {
			var node int64
			var err error
			if ref.Kind == KindDataset {
				node, err = t.datasetVersion(ctx, ref, dir == "in", r.Strict, now)
			} else {
				run := int64(0)
				if dir == "out" {
					run = id
				}
				node, err = t.modelVersion(ctx, ref, run, st, r.Strict && dir == "in", now)
			}
			if err != nil {
				return err
			}
			_, err = t.exec(ctx, `INSERT INTO run_edges (run_id, direction, kind, node_id) VALUES (?, ?, ?, ?)
				ON CONFLICT (run_id, direction, kind, node_id) DO NOTHING`, id, dir, ref.Kind, node)
			return err
		}
		// Rows are locked in one order, by kind and URI, whatever order
		// the event lists them in: two runs naming the same new datasets
		// the other way round would otherwise deadlock on PostgreSQL.
		type edge struct {
			dir string
			ref Ref
		}
		var edges []edge
		for _, in := range r.Inputs {
			edges = append(edges, edge{"in", in})
		}
		for _, out := range r.Outputs {
			edges = append(edges, edge{"out", out})
		}
		slices.SortStableFunc(edges, func(a, b edge) int {
			return cmp.Or(cmp.Compare(a.ref.Kind, b.ref.Kind), cmp.Compare(a.ref.URI, b.ref.URI))
		})
		for _, e := range edges {
			if err := add(e.dir, e.ref); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("record run %s: %w", r.Name, err)
	}
	return id, nil
}

// Touch records a dataset or model (and the version a Ref names) without a
// run: what an OpenLineage DatasetEvent says.
func (s *DB) Touch(ctx context.Context, r Ref, now time.Time) error {
	err := s.inTx(ctx, func(t tx) error {
		var err error
		switch {
		case r.Kind == KindModel && r.Version != "":
			_, err = t.modelVersion(ctx, r, 0, now, false, now)
		case r.Kind == KindModel:
			_, err = t.ensureModel(ctx, r, now)
		case r.Version != "":
			_, err = t.datasetVersion(ctx, r, false, false, now)
		default:
			_, err = t.ensureDataset(ctx, r, now)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("record %s %s: %w", r.Kind, r.URI, err)
	}
	return nil
}

// Runs returns every run with its inputs and outputs, oldest first.
func (s *DB) Runs(ctx context.Context) ([]Run, error) {
	rows, err := s.query(ctx, `SELECT id, run_key, namespace, name, coalesce(state, ''), started_at, ended_at FROM runs ORDER BY started_at, id`)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	var runs []Run
	byID := map[int64]int{}
	for rows.Next() {
		var r Run
		var st, en sql.NullString
		if err := rows.Scan(&r.ID, &r.Key, &r.Namespace, &r.Name, &r.State, &st, &en); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read runs: %w", err)
		}
		r.Started, r.Ended = parseStamp(st), parseStamp(en)
		r.Inputs, r.Outputs = []NodeRef{}, []NodeRef{}
		byID[r.ID] = len(runs)
		runs = append(runs, r)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	rows, err = s.query(ctx, `SELECT e.run_id, e.direction, e.kind, e.node_id,
		coalesce(d.uri, m.uri), coalesce(dv.label, mv.label, ''), coalesce(d.namespace, m.namespace, ''), coalesce(d.name, m.name, '')
		FROM run_edges e
		LEFT JOIN dataset_versions dv ON e.kind = 'dataset' AND dv.id = e.node_id
		LEFT JOIN datasets d ON d.id = dv.dataset_id
		LEFT JOIN model_versions mv ON e.kind = 'model' AND mv.id = e.node_id
		LEFT JOIN models m ON m.id = mv.model_id
		ORDER BY e.run_id, e.direction, e.kind, e.node_id`)
	if err != nil {
		return nil, fmt.Errorf("read run edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var run int64
		var dir string
		var n NodeRef
		if err := rows.Scan(&run, &dir, &n.Kind, &n.ID, &n.URI, &n.Version, &n.Namespace, &n.Name); err != nil {
			return nil, fmt.Errorf("read run edges: %w", err)
		}
		if n.Version == "" {
			n.Version = strconv.FormatInt(n.ID, 10)
		}
		i, ok := byID[run]
		if !ok {
			continue
		}
		if dir == "in" {
			runs[i].Inputs = append(runs[i].Inputs, n)
		} else {
			runs[i].Outputs = append(runs[i].Outputs, n)
		}
	}
	return runs, rows.Err()
}

// ModelVersions returns every model version, by model URI and age.
func (s *DB) ModelVersions(ctx context.Context) ([]ModelVersion, error) {
	rows, err := s.query(ctx, `SELECT v.id, m.uri, v.label, v.created_at,
		v.id = (SELECT max(l.id) FROM model_versions l WHERE l.model_id = m.id)
		FROM model_versions v JOIN models m ON m.id = v.model_id ORDER BY m.uri, v.id`)
	if err != nil {
		return nil, fmt.Errorf("read model versions: %w", err)
	}
	defer rows.Close()
	var out []ModelVersion
	for rows.Next() {
		var v ModelVersion
		var created sql.NullString
		var latest sql.NullBool
		if err := rows.Scan(&v.ID, &v.Model, &v.Version, &created, &latest); err != nil {
			return nil, fmt.Errorf("read model versions: %w", err)
		}
		v.Created, v.Latest = parseStamp(created), latest.Bool
		out = append(out, v)
	}
	return out, rows.Err()
}

// Revoke records a revocation and returns its ID.
func (s *DB) Revoke(ctx context.Context, r Revocation) (int64, error) {
	switch r.Kind {
	case RevokeSubject:
		if len(r.Fingerprints) == 0 || r.InfoType == "" {
			return 0, errors.New("revoke subject: no infoType or fingerprint")
		}
	case RevokeObject, RevokePrefix, RevokeDataset:
		if r.Target == "" {
			return 0, fmt.Errorf("revoke %s: no target", r.Kind)
		}
	default:
		return 0, fmt.Errorf("revoke: unknown kind %q", r.Kind)
	}
	if !slices.Contains(Reasons, r.Reason) {
		return 0, fmt.Errorf("revoke: reason %q is not one of %s", r.Reason, strings.Join(Reasons, ", "))
	}
	if r.Source == "" {
		r.Source = "cli"
	}
	var id int64
	err := s.inTx(ctx, func(t tx) error {
		if r.Source == "sweep" {
			// A sweep notices the same refusal every night: one
			// revocation says it.
			err := t.queryRow(ctx, `SELECT id FROM revocations WHERE source = 'sweep' AND kind = ? AND target = ?
				AND coalesce(object_version, '') = ? AND reason = ? ORDER BY id LIMIT 1`, r.Kind, r.Target, r.ObjectVersion, r.Reason).Scan(&id)
			if err == nil {
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if err := t.queryRow(ctx, `INSERT INTO revocations (kind, info_type, target, object_version, reason, note, source, effective_at, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.Kind, nullIf(r.InfoType, ""), nullIf(r.Target, ""),
			nullIf(r.ObjectVersion, ""), r.Reason, nullIf(r.Note, ""), r.Source, stamp(r.Effective), stamp(r.Recorded)).Scan(&id); err != nil {
			return err
		}
		for _, f := range r.Fingerprints {
			if _, err := t.exec(ctx, `INSERT INTO revocation_fingerprints (revocation_id, fingerprint) VALUES (?, ?)
				ON CONFLICT (revocation_id, fingerprint) DO NOTHING`, id, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("record revocation: %w", err)
	}
	return id, nil
}

// Revocations returns every revocation, oldest first.
func (s *DB) Revocations(ctx context.Context) ([]Revocation, error) {
	rows, err := s.query(ctx, `SELECT id, kind, coalesce(info_type, ''), coalesce(target, ''), coalesce(object_version, ''),
		reason, coalesce(note, ''), source, effective_at, recorded_at FROM revocations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read revocations: %w", err)
	}
	var out []Revocation
	byID := map[int64]int{}
	for rows.Next() {
		var r Revocation
		var eff, rec sql.NullString
		if err := rows.Scan(&r.ID, &r.Kind, &r.InfoType, &r.Target, &r.ObjectVersion, &r.Reason, &r.Note, &r.Source, &eff, &rec); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read revocations: %w", err)
		}
		r.Effective, r.Recorded = parseStamp(eff), parseStamp(rec)
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read revocations: %w", err)
	}
	rows, err = s.query(ctx, `SELECT revocation_id, fingerprint FROM revocation_fingerprints ORDER BY revocation_id, fingerprint`)
	if err != nil {
		return nil, fmt.Errorf("read revoked fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f string
		if err := rows.Scan(&id, &f); err != nil {
			return nil, fmt.Errorf("read revoked fingerprints: %w", err)
		}
		if i, ok := byID[id]; ok {
			out[i].Fingerprints = append(out[i].Fingerprints, f)
		}
	}
	return out, rows.Err()
}

// Remediate records a remediation of a model version, named by its model
// URI and version label.
func (s *DB) Remediate(ctx context.Context, r Remediation) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(t tx) error {
		var mv int64
		err := t.queryRow(ctx, `SELECT v.id FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.uri = ? AND v.label = ?`,
			r.Model, r.Version).Scan(&mv)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("model %s has no version %s", r.Model, r.Version)
		}
		if err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, `SELECT count(*) FROM revocations WHERE id = ?`, r.RevocationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no revocation %d", r.RevocationID)
		}
		return t.queryRow(ctx, `INSERT INTO remediations (model_version_id, revocation_id, method, evidence, recorded_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, mv, r.RevocationID, r.Method, r.Evidence, stamp(r.Recorded)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("record remediation: %w", err)
	}
	return id, nil
}

// Remediations returns every remediation, oldest first.
func (s *DB) Remediations(ctx context.Context) ([]Remediation, error) {
	rows, err := s.query(ctx, `SELECT r.id, m.uri, v.label, r.revocation_id, r.method, r.evidence, r.recorded_at
		FROM remediations r JOIN model_versions v ON v.id = r.model_version_id JOIN models m ON m.id = v.model_id ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("read remediations: %w", err)
	}
	defer rows.Close()
	var out []Remediation
	for rows.Next() {
		var r Remediation
		var rec sql.NullString
		if err := rows.Scan(&r.ID, &r.Model, &r.Version, &r.RevocationID, &r.Method, &r.Evidence, &rec); err != nil {
			return nil, fmt.Errorf("read remediations: %w", err)
		}
		r.Recorded = parseStamp(rec)
		out = append(out, r)
	}
	return out, rows.Err()
}
