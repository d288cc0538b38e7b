package lineage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Verdict is what a gate's policy said of a dataset version.
type Verdict struct {
	ID           int64           `json:"id"`
	Dataset      string          `json:"dataset"`
	VersionID    int64           `json:"version"`
	Policy       string          `json:"policy"`        // where the policy came from
	PolicyDigest string          `json:"policy_digest"` // sha256 of its bytes
	Verdict      string          `json:"verdict"`       // pass, fail, inconclusive
	Detail       json.RawMessage `json:"detail"`        // each rule's evidence
	Decided      time.Time       `json:"decided"`
}

// AddVerdict records a verdict and returns its ID.
func (s *DB) AddVerdict(ctx context.Context, v Verdict) (int64, error) {
	var id int64
	if err := s.queryRow(ctx, `INSERT INTO verdicts (version_id, policy, policy_digest, verdict, detail, decided_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, v.VersionID, v.Policy, v.PolicyDigest, v.Verdict, string(v.Detail),
		stamp(v.Decided)).Scan(&id); err != nil {
		return 0, fmt.Errorf("record verdict on version %d: %w", v.VersionID, err)
	}
	return id, nil
}

// Verdicts returns the verdicts decided at or after since, oldest first.
func (s *DB) Verdicts(ctx context.Context, since time.Time) ([]Verdict, error) {
	rows, err := s.query(ctx, `SELECT v.id, d.uri, v.version_id, v.policy, v.policy_digest, v.verdict, v.detail, v.decided_at
		FROM verdicts v JOIN dataset_versions dv ON dv.id = v.version_id JOIN datasets d ON d.id = dv.dataset_id
		WHERE v.decided_at >= ? ORDER BY v.id`, stamp(since))
	if err != nil {
		return nil, fmt.Errorf("read verdicts: %w", err)
	}
	defer rows.Close()
	var out []Verdict
	for rows.Next() {
		var v Verdict
		var detail string
		var at sql.NullString
		if err := rows.Scan(&v.ID, &v.Dataset, &v.VersionID, &v.Policy, &v.PolicyDigest, &v.Verdict, &detail, &at); err != nil {
			return nil, fmt.Errorf("read verdicts: %w", err)
		}
		v.Detail, v.Decided = json.RawMessage(detail), parseStamp(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// VersionInfo is a finished dataset version as exports list it.
type VersionInfo struct {
	ID        int64            `json:"id"`
	Dataset   string           `json:"dataset"`
	Label     string           `json:"label,omitempty"`
	Started   time.Time        `json:"started"`
	Finished  time.Time        `json:"finished"`
	Digest    string           `json:"digest,omitempty"`
	Complete  bool             `json:"complete"`
	Summary   json.RawMessage  `json:"summary,omitempty"`
	InfoTypes map[string]int64 `json:"info_types"`
}

// DatasetVersions returns every finished dataset version finished at or
// after since, by dataset URI and age.
func (s *DB) DatasetVersions(ctx context.Context, since time.Time) ([]VersionInfo, error) {
	rows, err := s.query(ctx, `SELECT v.id, d.uri, coalesce(v.label, ''), v.started_at, v.finished_at, coalesce(v.digest, ''),
		v.complete, coalesce(v.summary, '') FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
		WHERE v.finished_at IS NOT NULL AND v.finished_at >= ? ORDER BY d.uri, v.id`, stamp(since))
	if err != nil {
		return nil, fmt.Errorf("read dataset versions: %w", err)
	}
	var out []VersionInfo
	for rows.Next() {
		var v VersionInfo
		var st, fin sql.NullString
		var complete int
		var summary string
		if err := rows.Scan(&v.ID, &v.Dataset, &v.Label, &st, &fin, &v.Digest, &complete, &summary); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read dataset versions: %w", err)
		}
		v.Started, v.Finished, v.Complete = parseStamp(st), parseStamp(fin), complete != 0
		if summary != "" {
			v.Summary = json.RawMessage(summary)
		}
		out = append(out, v)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read dataset versions: %w", err)
	}
	for i := range out {
		m, err := s.InfoTypeCounts(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].InfoTypes = m
	}
	return out, nil
}

// StoredReport is the JSON report of a recorded scan or gate.
type StoredReport struct {
	ID       int64           `json:"id"`
	Kind     string          `json:"kind"` // "scan", "gate"
	Created  time.Time       `json:"created"`
	Versions []int64         `json:"versions"` // the dataset versions it recorded or judged, one per root in order
	Body     json.RawMessage `json:"report"`
}

// AddReport stores a report of the dataset versions it recorded, given in
// the order of the report's roots (a scan records one version per root).
func (s *DB) AddReport(ctx context.Context, kind string, versions []int64, body json.RawMessage, now time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(t tx) error {
		if err := t.queryRow(ctx, `INSERT INTO reports (kind, created_at, body) VALUES (?, ?, ?) RETURNING id`,
			kind, stamp(now), string(body)).Scan(&id); err != nil {
			return err
		}
		for _, v := range versions {
			if _, err := t.exec(ctx, `INSERT INTO report_versions (report_id, version_id) VALUES (?, ?)
				ON CONFLICT (report_id, version_id) DO NOTHING`, id, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store %s report: %w", kind, err)
	}
	return id, nil
}

// Reports calls fn for every report stored at or after since, oldest
// first, one at a time: reports can be large.
func (s *DB) Reports(ctx context.Context, since time.Time, fn func(StoredReport) error) error {
	rows, err := s.query(ctx, `SELECT id, kind, created_at FROM reports WHERE created_at >= ? ORDER BY id`, stamp(since))
	if err != nil {
		return fmt.Errorf("read reports: %w", err)
	}
	var list []StoredReport
	for rows.Next() {
		var r StoredReport
		var at sql.NullString
		if err := rows.Scan(&r.ID, &r.Kind, &at); err != nil {
			rows.Close()
			return fmt.Errorf("read reports: %w", err)
		}
		r.Created = parseStamp(at)
		list = append(list, r)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("read reports: %w", err)
	}
	for _, r := range list {
		var body string
		if err := s.queryRow(ctx, `SELECT body FROM reports WHERE id = ?`, r.ID).Scan(&body); err != nil {
			return fmt.Errorf("read report %d: %w", r.ID, err)
		}
		r.Body = json.RawMessage(body)
		vr, err := s.query(ctx, `SELECT version_id FROM report_versions WHERE report_id = ? ORDER BY version_id`, r.ID)
		if err != nil {
			return fmt.Errorf("read report %d: %w", r.ID, err)
		}
		for vr.Next() {
			var v int64
			if err := vr.Scan(&v); err != nil {
				vr.Close()
				return fmt.Errorf("read report %d: %w", r.ID, err)
			}
			r.Versions = append(r.Versions, v)
		}
		if err := vr.Close(); err != nil {
			return fmt.Errorf("read report %d: %w", r.ID, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// RevokedIn describes what a dataset version holds of each revocation: a
// revoked subject's fingerprint in its index, a revoked object (or one
// under a revoked prefix) in its manifest, or the dataset itself revoked.
// The rules are those model statuses follow.
func (s *DB) RevokedIn(ctx context.Context, versionID int64) ([]string, error) {
	revs, err := s.Revocations(ctx)
	if err != nil {
		return nil, err
	}
	only := func(v int64) bool { return v == versionID }
	var out []string
	for i := range revs {
		r := &revs[i]
		held, err := s.holders(ctx, only, r)
		if err != nil {
			return nil, err
		}
		step, ok := held[versionID]
		if !ok {
			continue
		}
		what := "the revoked object " + step.URI
		switch step.Kind {
		case StepFingerprint:
			what = fmt.Sprintf("a revoked %s in %s", step.InfoType, step.URI)
		case StepDataset:
			what = "the dataset " + step.URI + " is revoked"
		}
		out = append(out, fmt.Sprintf("revocation %d (%s): %s", r.ID, r.Reason, what))
	}
	return out, nil
}

// LatestComplete returns the newest version of the dataset at uri read in
// full, other than version but; 0 when there is none.
func (s *DB) LatestComplete(ctx context.Context, uri string, but int64) (int64, error) {
	var id sql.NullInt64
	if err := s.queryRow(ctx, `SELECT max(v.id) FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
		WHERE d.uri = ? AND v.complete = 1 AND v.finished_at IS NOT NULL AND v.id <> ?`, uri, but).Scan(&id); err != nil {
		return 0, fmt.Errorf("find the latest full version of %s: %w", uri, err)
	}
	return id.Int64, nil
}

// VersionCounts counts a version's objects by what a sweep did with them,
// against the version before it.
type VersionCounts struct {
	New       int64 `json:"new"`
	Changed   int64 `json:"changed"`
	Unchanged int64 `json:"unchanged"`
	Denied    int64 `json:"denied"`
	Failed    int64 `json:"failed"`
}

// CountObjects counts the objects of version cur: read and new since prev
// (0 for none), read and changed, reused unchanged, denied, failed. The
// shard that seals a sharded sweep's version reports the whole of it so.
func (s *DB) CountObjects(ctx context.Context, cur, prev int64) (VersionCounts, error) {
	var c VersionCounts
	err := s.queryRow(ctx, `SELECT
		coalesce(sum(CASE WHEN status = 'scanned' AND NOT EXISTS (SELECT 1 FROM version_objects p WHERE p.version_id = ? AND p.url = o.url) THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'scanned' AND EXISTS (SELECT 1 FROM version_objects p WHERE p.version_id = ? AND p.url = o.url) THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'reused' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'denied' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0)
		FROM version_objects o WHERE version_id = ?`, prev, prev, cur).Scan(&c.New, &c.Changed, &c.Unchanged, &c.Denied, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("count objects of version %d: %w", cur, err)
	}
	return c, nil
}
