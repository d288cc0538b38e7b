package lineage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "modernc.org/sqlite"             // the "sqlite" driver, pure Go
)

//go:embed migrations
var migrations embed.FS

// DB is the Store in a SQL database: a SQLite file, the embedded default,
// or PostgreSQL, shared by the machines of a sharded deployment. The
// statements are the same for both but for the DDL of the migrations
// (one numbered set, a file per dialect) and the placeholders.
type DB struct {
	db      *sql.DB
	dialect string // "sqlite" or "postgres"
}

var _ Store = (*DB)(nil)

// Open opens the store a --db value names: a postgres:// or postgresql://
// URL, or a SQLite file path.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return OpenPostgres(ctx, dsn)
	}
	return OpenSQLite(ctx, dsn)
}

// OpenSQLite opens (creating) the database at path and applies the
// migrations it lacks.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	// Take the write lock when a transaction begins: a transaction that
	// reads and then writes would otherwise fail at once with SQLITE_BUSY
	// when another process (serve beside a scan) wrote in between, as the
	// busy timeout does not cover upgrading a read lock.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One writer at a time is what SQLite allows; one connection makes
	// the waiting happen in Go rather than in busy retries.
	db.SetMaxOpenConns(1)
	s := &DB{db: db, dialect: "sqlite"}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

// OpenPostgres connects to PostgreSQL (through pgx) and applies the
// migrations it lacks, under an advisory lock so that the pods of a
// sharded sweep starting together apply them once.
func OpenPostgres(ctx context.Context, dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	s := &DB{db: db, dialect: "postgres"}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate PostgreSQL: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// q rewrites a statement's ? placeholders as the dialect wants them.
func (s *DB) q(query string) string {
	if s.dialect != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (s *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(ctx, s.q(query), args...)
}

func (s *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.db.QueryRowContext(ctx, s.q(query), args...)
}

func (s *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, s.q(query), args...)
}

// migrate applies, in order and each in one transaction, the embedded
// migrations of the dialect not yet recorded in schema_migrations.
func (s *DB) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.dialect == "postgres" {
		// Held by this connection until it closes.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7271736964756501)`); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7271736964756501)`)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	dir := "migrations/" + s.dialect
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", base)
		}
		var n int
		if err := conn.QueryRowContext(ctx, s.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("apply %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			v, base, stamp(time.Now())); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("apply %s: %w", base, err)
		}
	}
	return nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseStamp(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s.String)
	return t
}

func (s *DB) Dataset(ctx context.Context, uri string, now time.Time) (Dataset, error) {
	if _, err := s.exec(ctx, `INSERT INTO datasets (uri, created_at) VALUES (?, ?) ON CONFLICT (uri) DO NOTHING`,
		uri, stamp(now)); err != nil {
		return Dataset{}, fmt.Errorf("record dataset %s: %w", uri, err)
	}
	d := Dataset{URI: uri}
	var created sql.NullString
	if err := s.queryRow(ctx, `SELECT id, created_at FROM datasets WHERE uri = ?`, uri).Scan(&d.ID, &created); err != nil {
		return Dataset{}, fmt.Errorf("read dataset %s: %w", uri, err)
	}
	d.Created = parseStamp(created)
	return d, nil
}

const versionCols = `id, dataset_id, started_at, finished_at, coalesce(digest, ''), coalesce(summary, '')`

func scanVersion(row interface{ Scan(...any) error }) (Version, error) {
	var v Version
	var started, finished sql.NullString
	var summary string
	if err := row.Scan(&v.ID, &v.DatasetID, &started, &finished, &v.Digest, &summary); err != nil {
		return Version{}, err
	}
	v.Started, v.Finished = parseStamp(started), parseStamp(finished)
	if summary != "" {
		v.Summary = json.RawMessage(summary)
	}
	return v, nil
}

func (s *DB) LatestVersion(ctx context.Context, datasetID int64) (Version, bool, error) {
	v, err := scanVersion(s.queryRow(ctx, `SELECT `+versionCols+` FROM dataset_versions
		WHERE dataset_id = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`, datasetID))
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, false, nil
	}
	if err != nil {
		return Version{}, false, fmt.Errorf("read latest version of dataset %d: %w", datasetID, err)
	}
	return v, true, nil
}

func (s *DB) OpenVersion(ctx context.Context, datasetID int64, now time.Time) (Version, bool, error) {
	v, err := scanVersion(s.queryRow(ctx, `SELECT `+versionCols+` FROM dataset_versions
		WHERE dataset_id = ? AND finished_at IS NULL AND run IS NULL ORDER BY id DESC LIMIT 1`, datasetID))
	if err == nil {
		return v, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Version{}, false, fmt.Errorf("read unfinished version of dataset %d: %w", datasetID, err)
	}
	var id int64
	if err := s.queryRow(ctx, `INSERT INTO dataset_versions (dataset_id, started_at) VALUES (?, ?) RETURNING id`,
		datasetID, stamp(now)).Scan(&id); err != nil {
		return Version{}, false, fmt.Errorf("start a version of dataset %d: %w", datasetID, err)
	}
	return Version{ID: id, DatasetID: datasetID, Started: now.UTC()}, false, nil
}

const objectCols = `url, object_version, size, status, coalesce(reused_from, 0), coalesce(reason, ''), coalesce(result, ''), recorded_at`

func scanObject(row interface{ Scan(...any) error }) (ObjectRecord, error) {
	var o ObjectRecord
	var result string
	var recorded sql.NullString
	if err := row.Scan(&o.URL, &o.ObjectVersion, &o.Size, &o.Status, &o.ReusedFrom, &o.Reason, &result, &recorded); err != nil {
		return ObjectRecord{}, err
	}
	if result != "" {
		o.Result = json.RawMessage(result)
	}
	o.Recorded = parseStamp(recorded)
	return o, nil
}

func (s *DB) Object(ctx context.Context, versionID int64, url string) (ObjectRecord, bool, error) {
	o, err := scanObject(s.queryRow(ctx, `SELECT `+objectCols+` FROM version_objects WHERE version_id = ? AND url = ?`, versionID, url))
	if errors.Is(err, sql.ErrNoRows) {
		return ObjectRecord{}, false, nil
	}
	if err != nil {
		return ObjectRecord{}, false, fmt.Errorf("read %s of version %d: %w", url, versionID, err)
	}
	return o, true, nil
}

func nullIf[T comparable](v, zero T) any {
	if v == zero {
		return nil
	}
	return v
}

func (s *DB) PutObject(ctx context.Context, versionID int64, rec ObjectRecord, fps []FingerprintCount) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record %s: %w", rec.URL, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM version_fingerprints WHERE version_id = ? AND url = ?`), versionID, rec.URL); err != nil {
		return fmt.Errorf("record %s: %w", rec.URL, err)
	}
	var result any
	if len(rec.Result) > 0 {
		result = string(rec.Result)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO version_objects
		(version_id, url, object_version, size, status, reused_from, reason, result, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (version_id, url) DO UPDATE SET object_version = excluded.object_version, size = excluded.size,
			status = excluded.status, reused_from = excluded.reused_from, reason = excluded.reason,
			result = excluded.result, recorded_at = excluded.recorded_at`),
		versionID, rec.URL, rec.ObjectVersion, rec.Size, rec.Status, nullIf(rec.ReusedFrom, 0), nullIf(rec.Reason, ""),
		result, stamp(rec.Recorded)); err != nil {
		return fmt.Errorf("record %s: %w", rec.URL, err)
	}
	if len(fps) > 0 {
		st, err := tx.PrepareContext(ctx, s.q(`INSERT INTO version_fingerprints (version_id, url, info_type, fingerprint, count, likelihood)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version_id, url, info_type, fingerprint)
			DO UPDATE SET count = version_fingerprints.count + excluded.count,
				likelihood = CASE WHEN excluded.likelihood > coalesce(version_fingerprints.likelihood, 0)
					THEN excluded.likelihood ELSE version_fingerprints.likelihood END`))
		if err != nil {
			return fmt.Errorf("record fingerprints of %s: %w", rec.URL, err)
		}
		defer st.Close()
		for _, f := range fps {
			if _, err := st.ExecContext(ctx, versionID, rec.URL, f.InfoType, f.Fingerprint, f.Count, int(f.Likelihood)); err != nil {
				return fmt.Errorf("record fingerprints of %s: %w", rec.URL, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record %s: %w", rec.URL, err)
	}
	return nil
}

func (s *DB) ReuseObject(ctx context.Context, from, to int64, url string, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("reuse %s: %w", url, err)
	}
	defer tx.Rollback()
	// The result carried is the one first read: a chain of reuses points
	// at the version that scanned the object.
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO version_objects
		(version_id, url, object_version, size, status, reused_from, reason, result, recorded_at)
		SELECT ?, url, object_version, size, 'reused',
			CASE WHEN status = 'reused' THEN reused_from ELSE version_id END, reason, result, ?
		FROM version_objects WHERE version_id = ? AND url = ?
		ON CONFLICT (version_id, url) DO UPDATE SET object_version = excluded.object_version, size = excluded.size,
			status = excluded.status, reused_from = excluded.reused_from, reason = excluded.reason,
			result = excluded.result, recorded_at = excluded.recorded_at`), to, stamp(now), from, url); err != nil {
		return fmt.Errorf("reuse %s: %w", url, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM version_fingerprints WHERE version_id = ? AND url = ?`), to, url); err != nil {
		return fmt.Errorf("reuse %s: %w", url, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO version_fingerprints (version_id, url, info_type, fingerprint, count, likelihood)
		SELECT ?, url, info_type, fingerprint, count, likelihood FROM version_fingerprints WHERE version_id = ? AND url = ?`), to, from, url); err != nil {
		return fmt.Errorf("reuse fingerprints of %s: %w", url, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("reuse %s: %w", url, err)
	}
	return nil
}

func (s *DB) eachObject(ctx context.Context, fn func(ObjectRecord) error, query string, args ...any) error {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return err
	}
	// Collect first: fn may write, and the one connection is busy while
	// rows are open.
	var recs []ObjectRecord
	for rows.Next() {
		o, err := scanObject(rows)
		if err != nil {
			rows.Close()
			return err
		}
		recs = append(recs, o)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range recs {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

func (s *DB) Missing(ctx context.Context, prev, cur int64, fn func(ObjectRecord) error) error {
	err := s.eachObject(ctx, fn, `SELECT `+objectCols+` FROM version_objects p WHERE version_id = ?
		AND NOT EXISTS (SELECT 1 FROM version_objects c WHERE c.version_id = ? AND c.url = p.url) ORDER BY url`, prev, cur)
	if err != nil {
		return fmt.Errorf("compare versions %d and %d: %w", prev, cur, err)
	}
	return nil
}

func (s *DB) Objects(ctx context.Context, versionID int64, fn func(ObjectRecord) error) error {
	if err := s.eachObject(ctx, fn, `SELECT `+objectCols+` FROM version_objects WHERE version_id = ? ORDER BY url`, versionID); err != nil {
		return fmt.Errorf("read objects of version %d: %w", versionID, err)
	}
	return nil
}

func (s *DB) AddSignal(ctx context.Context, sg Signal) error {
	if _, err := s.exec(ctx, `INSERT INTO signals (dataset_id, version_id, url, kind, object_version, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sg.DatasetID, sg.VersionID, sg.URL, sg.Kind, nullIf(sg.ObjectVersion, ""),
		nullIf(sg.Reason, ""), stamp(sg.At)); err != nil {
		return fmt.Errorf("record signal %s of %s: %w", sg.Kind, sg.URL, err)
	}
	return nil
}

func (s *DB) Signals(ctx context.Context, datasetID int64) ([]Signal, error) {
	rows, err := s.query(ctx, `SELECT dataset_id, version_id, url, kind, coalesce(object_version, ''),
		coalesce(reason, ''), at FROM signals WHERE dataset_id = ? ORDER BY id`, datasetID)
	if err != nil {
		return nil, fmt.Errorf("read signals of dataset %d: %w", datasetID, err)
	}
	defer rows.Close()
	var out []Signal
	for rows.Next() {
		var sg Signal
		var at sql.NullString
		if err := rows.Scan(&sg.DatasetID, &sg.VersionID, &sg.URL, &sg.Kind, &sg.ObjectVersion, &sg.Reason, &at); err != nil {
			return nil, fmt.Errorf("read signals of dataset %d: %w", datasetID, err)
		}
		sg.At = parseStamp(at)
		out = append(out, sg)
	}
	return out, rows.Err()
}

// FinishVersion computes the digest as sha256 over one line per object,
// in URL order: URL, object version and size, tab-separated.
//
// full says every object listed was to be read in full (no sampling);
// the version is then complete, its fingerprint index authoritative,
// unless some object could not be read.
func (s *DB) FinishVersion(ctx context.Context, versionID int64, summary json.RawMessage, full bool, now time.Time) (string, error) {
	h := sha256.New()
	rows, err := s.query(ctx, `SELECT url, object_version, size FROM version_objects WHERE version_id = ? ORDER BY url`, versionID)
	if err != nil {
		return "", fmt.Errorf("digest version %d: %w", versionID, err)
	}
	for rows.Next() {
		var u, ov string
		var size int64
		if err := rows.Scan(&u, &ov, &size); err != nil {
			rows.Close()
			return "", fmt.Errorf("digest version %d: %w", versionID, err)
		}
		fmt.Fprintf(h, "%s\t%s\t%d\n", u, ov, size)
	}
	if err := rows.Close(); err != nil {
		return "", fmt.Errorf("digest version %d: %w", versionID, err)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("digest version %d: %w", versionID, err)
	}
	digest := "sha256:" + hex.EncodeToString(h.Sum(nil))
	err = s.inTx(ctx, func(t tx) error {
		complete := 0
		if full {
			var unread int
			if err := t.queryRow(ctx, `SELECT count(*) FROM version_objects WHERE version_id = ? AND status IN ('denied', 'failed')`,
				versionID).Scan(&unread); err != nil {
				return err
			}
			if unread == 0 {
				complete = 1
			}
		}
		if _, err := t.exec(ctx, `UPDATE dataset_versions SET finished_at = ?, digest = ?, summary = ?, complete = ? WHERE id = ?`,
			stamp(now), digest, string(summary), complete, versionID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM version_infotypes WHERE version_id = ?`, versionID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO version_infotypes (version_id, info_type, likelihood, count)
			SELECT version_id, info_type, coalesce(likelihood, 0), sum(count) FROM version_fingerprints
			WHERE version_id = ? GROUP BY version_id, info_type, coalesce(likelihood, 0)`, versionID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("finish version %d: %w", versionID, err)
	}
	return digest, nil
}

func (s *DB) InfoTypeCounts(ctx context.Context, versionID int64) (map[string]int64, error) {
	rows, err := s.query(ctx, `SELECT info_type, CAST(sum(count) AS BIGINT) FROM version_fingerprints WHERE version_id = ? GROUP BY info_type`, versionID)
	if err != nil {
		return nil, fmt.Errorf("count findings of version %d: %w", versionID, err)
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			return nil, fmt.Errorf("count findings of version %d: %w", versionID, err)
		}
		m[t] = n
	}
	return m, rows.Err()
}

func (s *DB) OpenRun(ctx context.Context, datasetID int64, run string, shards int, now time.Time) (Version, bool, error) {
	res, err := s.exec(ctx, `INSERT INTO dataset_versions (dataset_id, started_at, run, shards) VALUES (?, ?, ?, ?)
		ON CONFLICT (dataset_id, run) DO NOTHING`, datasetID, stamp(now), run, shards)
	if err != nil {
		return Version{}, false, fmt.Errorf("start run %s of dataset %d: %w", run, datasetID, err)
	}
	created, _ := res.RowsAffected()
	v, err := scanVersion(s.queryRow(ctx, `SELECT `+versionCols+` FROM dataset_versions WHERE dataset_id = ? AND run = ?`, datasetID, run))
	if err != nil {
		return Version{}, false, fmt.Errorf("read run %s of dataset %d: %w", run, datasetID, err)
	}
	var n int
	if err := s.queryRow(ctx, `SELECT coalesce(shards, 0) FROM dataset_versions WHERE id = ?`, v.ID).Scan(&n); err != nil {
		return Version{}, false, err
	}
	if n != shards {
		return Version{}, false, fmt.Errorf("run %s of dataset %d was started with %d shards, not %d", run, datasetID, n, shards)
	}
	return v, created == 0, nil
}

func (s *DB) ShardDone(ctx context.Context, versionID int64, shard int, now time.Time) (int, error) {
	if _, err := s.exec(ctx, `INSERT INTO version_shards (version_id, shard, finished_at) VALUES (?, ?, ?)
		ON CONFLICT (version_id, shard) DO UPDATE SET finished_at = excluded.finished_at`, versionID, shard, stamp(now)); err != nil {
		return 0, fmt.Errorf("record shard %d of version %d: %w", shard, versionID, err)
	}
	var n int
	if err := s.queryRow(ctx, `SELECT count(*) FROM version_shards WHERE version_id = ?`, versionID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count shards of version %d: %w", versionID, err)
	}
	return n, nil
}

func (s *DB) ClaimSeal(ctx context.Context, versionID int64, shard int) (bool, error) {
	res, err := s.exec(ctx, `UPDATE dataset_versions SET sealed_by = ? WHERE id = ? AND sealed_by IS NULL`, shard, versionID)
	if err != nil {
		return false, fmt.Errorf("claim the seal of version %d: %w", versionID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *DB) Holding(ctx context.Context, fingerprints []string) ([]Holding, error) {
	if len(fingerprints) == 0 {
		return nil, nil
	}
	args := make([]any, len(fingerprints))
	for i, f := range fingerprints {
		args[i] = f
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(fingerprints)), ", ")
	rows, err := s.query(ctx, `SELECT d.uri, v.id, v.finished_at, f.url, f.info_type, f.count,
		v.id = (SELECT max(l.id) FROM dataset_versions l WHERE l.dataset_id = d.id AND l.finished_at IS NOT NULL)
		FROM version_fingerprints f
		JOIN dataset_versions v ON v.id = f.version_id
		JOIN datasets d ON d.id = v.dataset_id
		WHERE f.fingerprint IN (`+marks+`)
		ORDER BY d.uri, v.id DESC, f.url`, args...)
	if err != nil {
		return nil, fmt.Errorf("find fingerprints: %w", err)
	}
	defer rows.Close()
	var out []Holding
	for rows.Next() {
		var h Holding
		var finished sql.NullString
		var latest sql.NullBool
		if err := rows.Scan(&h.Dataset, &h.Version, &finished, &h.Object, &h.InfoType, &h.Count, &latest); err != nil {
			return nil, fmt.Errorf("find fingerprints: %w", err)
		}
		h.Finished, h.Latest = parseStamp(finished), latest.Bool
		out = append(out, h)
	}
	return out, rows.Err()
}
