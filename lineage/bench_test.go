package lineage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage/lineagetest"
)

// The scale issue 6 sets for model statuses: 100k dataset versions, 1M
// fingerprints, 10k runs.
const (
	benchDatasets    = 10_000
	benchPerDataset  = 10 // versions
	benchObjects     = 2  // per version
	benchFPs         = 5  // per object
	benchRuns        = 10_000
	benchModels      = 2_000
	benchRevocations = 10
)

// bulk inserts rows many at a time: the store's own methods write one
// object per transaction, which is what a sweep wants and far too slow to
// build a benchmark's million rows.
type bulk struct {
	t      tx
	table  string
	cols   int
	rows   []any
	n      int
	prefix string
	// parent is flushed first: its rows are what this table's refer to.
	parent *bulk
}

func (b *bulk) add(ctx context.Context, vals ...any) error {
	b.rows = append(b.rows, vals...)
	b.n++
	if b.n == 400 {
		return b.flush(ctx)
	}
	return nil
}

func (b *bulk) flush(ctx context.Context) error {
	if b.parent != nil {
		if err := b.parent.flush(ctx); err != nil {
			return err
		}
	}
	if b.n == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	q := b.prefix + strings.TrimSuffix(strings.Repeat(one+", ", b.n), ", ")
	_, err := b.t.exec(ctx, q, b.rows...)
	b.rows, b.n = b.rows[:0], 0
	return err
}

func loadBench(tb testing.TB, s *DB) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	now := stamp(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	fp := func() string { return fmt.Sprintf("hmac-sha256:%016x", rng.Uint64N(800_000)) }
	err := s.inTx(ctx, func(t tx) error {
		ins := func(table string, cols ...string) *bulk {
			return &bulk{t: t, table: table, cols: len(cols),
				prefix: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "}
		}
		datasets := ins("datasets", "id", "uri", "created_at")
		versions := ins("dataset_versions", "id", "dataset_id", "started_at", "finished_at", "digest", "complete")
		objects := ins("version_objects", "version_id", "url", "object_version", "size", "status", "recorded_at")
		fps := ins("version_fingerprints", "version_id", "url", "info_type", "fingerprint", "count", "likelihood")
		types := ins("version_infotypes", "version_id", "info_type", "likelihood", "count")
		versions.parent, objects.parent, fps.parent, types.parent = datasets, versions, objects, versions
		vid := int64(0)
		for d := 1; d <= benchDatasets; d++ {
			uri := fmt.Sprintf("s3://corpus/d%05d", d)
			if err := datasets.add(ctx, d, uri, now); err != nil {
				return err
			}
			for range benchPerDataset {
				vid++
				if err := versions.add(ctx, vid, d, now, now, "sha256:x", rng.IntN(2)); err != nil {
					return err
				}
				for o := range benchObjects {
					url := fmt.Sprintf("%s/part-%d.jsonl", uri, o)
					if err := objects.add(ctx, vid, url, "e", 1, "scanned", now); err != nil {
						return err
					}
					seen := map[string]bool{}
					for len(seen) < benchFPs {
						f := fp()
						if seen[f] {
							continue
						}
						seen[f] = true
						if err := fps.add(ctx, vid, url, "EMAIL_ADDRESS", f, 1, 4); err != nil {
							return err
						}
					}
				}
				if err := types.add(ctx, vid, "EMAIL_ADDRESS", 4, benchObjects*benchFPs); err != nil {
					return err
				}
			}
		}
		models := ins("models", "id", "uri", "created_at")
		for m := 1; m <= benchModels; m++ {
			if err := models.add(ctx, m, fmt.Sprintf("hf://acme/m%04d", m), now); err != nil {
				return err
			}
		}
		mversions := ins("model_versions", "id", "model_id", "label", "created_at")
		runs := ins("runs", "id", "run_key", "name", "state", "started_at", "ended_at", "recorded_at")
		edges := ins("run_edges", "run_id", "direction", "kind", "node_id")
		mversions.parent, runs.parent, edges.parent = models, mversions, runs
		for r := 1; r <= benchRuns; r++ {
			if err := runs.add(ctx, r, fmt.Sprintf("run-%d", r), "train", "COMPLETE", now, now, now); err != nil {
				return err
			}
			// Three versions of neighbouring datasets, distinct.
			first := rng.Int64N(vid - 2*benchPerDataset)
			for _, v := range []int64{1 + first, 1 + first + benchPerDataset, 1 + first + 2*benchPerDataset} {
				if err := edges.add(ctx, r, "in", "dataset", v); err != nil {
					return err
				}
			}
			// A third of the runs fine-tune an earlier model version.
			if r > 1 && rng.IntN(3) == 0 {
				if err := edges.add(ctx, r, "in", "model", 1+rng.IntN(r-1)); err != nil {
					return err
				}
			}
			if err := mversions.add(ctx, r, 1+rng.IntN(benchModels), fmt.Sprintf("v%d", r), now); err != nil {
				return err
			}
			if err := edges.add(ctx, r, "out", "model", r); err != nil {
				return err
			}
		}
		for _, b := range []*bulk{datasets, versions, objects, fps, types, models, mversions, runs, edges} {
			if err := b.flush(ctx); err != nil {
				return fmt.Errorf("%s: %w", b.table, err)
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if s.dialect == "postgres" {
		// The rows went in with explicit IDs: move the sequences past them.
		for _, table := range []string{"datasets", "dataset_versions", "models", "model_versions", "runs"} {
			if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))`, table, table)); err != nil {
				tb.Fatal(err)
			}
		}
		if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
			tb.Fatal(err)
		}
	}
	// Revocations of every kind, through the store.
	eff := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	for i := range benchRevocations {
		r := Revocation{Reason: "other", Effective: eff, Recorded: eff}
		switch i % 4 {
		case 0, 1:
			r.Kind, r.InfoType, r.Fingerprints = RevokeSubject, "EMAIL_ADDRESS", []string{fp()}
		case 2:
			r.Kind, r.Target = RevokeObject, fmt.Sprintf("s3://corpus/d%05d/part-0.jsonl", 1+rng.IntN(benchDatasets))
		default:
			r.Kind, r.Target = RevokePrefix, fmt.Sprintf("s3://corpus/d%04d", rng.IntN(benchDatasets/10))
		}
		if _, err := s.Revoke(ctx, r); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkStatuses: the status of every model version over 100k dataset
// versions, 1M fingerprints and 10k runs (target: 2 s on SQLite).
func BenchmarkStatuses(b *testing.B) {
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			dsn := filepath.Join(b.TempDir(), "bench.db")
			if backend == "postgres" {
				dsn = lineagetest.PostgresDSN(b)
			}
			s, err := Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			start := time.Now()
			loadBench(b, s)
			b.Logf("loaded %d dataset versions, %d fingerprints, %d runs in %v", benchDatasets*benchPerDataset,
				benchDatasets*benchPerDataset*benchObjects*benchFPs, benchRuns, time.Since(start).Round(time.Millisecond))
			var tainted int
			b.ResetTimer()
			for b.Loop() {
				st, err := s.Statuses(ctx, StatusOptions{AllVersions: true})
				if err != nil {
					b.Fatal(err)
				}
				tainted = 0
				for _, m := range st {
					if m.Status == StatusTainted {
						tainted++
					}
				}
				if len(st) != benchRuns {
					b.Fatalf("%d statuses, want %d", len(st), benchRuns)
				}
			}
			b.ReportMetric(float64(tainted), "tainted")
		})
	}
}
