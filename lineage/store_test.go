package lineage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/lineagetest"
)

// backends returns, per store, a function that gives a fresh database's
// DSN: a SQLite file, or a new database on the PostgreSQL server that
// scripts/testservers.sh started. Without that server the PostgreSQL runs
// skip, unless RESIDUE_REQUIRE_SERVERS=1 (make test), where they fail.
func backends(t *testing.T) map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "state.db") },
		"postgres": func(t *testing.T) string { return lineagetest.PostgresDSN(t) },
	}
}

func open(t *testing.T, dsn string) *lineage.DB {
	t.Helper()
	s, err := lineage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStores runs every test of the store against SQLite and PostgreSQL.
func TestStores(t *testing.T) {
	for name, fresh := range backends(t) {
		t.Run(name, func(t *testing.T) {
			t.Run("SweepRecords", func(t *testing.T) { testSweepRecords(t, fresh(t)) })
			t.Run("MigrationsOnce", func(t *testing.T) { testMigrationsOnce(t, fresh(t)) })
			t.Run("Runs", func(t *testing.T) { testRuns(t, fresh(t)) })
			t.Run("StatusRules", func(t *testing.T) { testStatusRules(t, fresh) })
			t.Run("RunRecords", func(t *testing.T) { testRunRecords(t, fresh(t)) })
			t.Run("ModelsHolding", func(t *testing.T) { testModelsHolding(t, fresh(t)) })
			t.Run("Verdicts", func(t *testing.T) { testVerdicts(t, fresh(t)) })
		})
	}
}

// TestSweepRecords walks the life of two sweeps of one dataset through a
// real SQLite file: a version resumed after a kill, objects scanned and
// reused with their fingerprints, objects gone, signals, digests.
func testSweepRecords(t *testing.T, path string) {
	ctx := context.Background()
	s := open(t, path)
	t0 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	d, err := s.Dataset(ctx, "s3://bucket/corpus", t0)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Dataset(ctx, "s3://bucket/corpus", t0.Add(time.Hour)); again.ID != d.ID || !again.Created.Equal(t0) {
		t.Fatalf("dataset recorded twice: %+v then %+v", d, again)
	}
	if _, ok, _ := s.LatestVersion(ctx, d.ID); ok {
		t.Fatal("a finished version before any sweep")
	}
	v1, resumed, err := s.OpenVersion(ctx, d.ID, t0)
	if err != nil || resumed {
		t.Fatal(v1, resumed, err)
	}
	fp := []lineage.FingerprintCount{{InfoType: "EMAIL_ADDRESS", Fingerprint: "hmac-sha256:aa", Count: 2}}
	put := func(v int64, url, ver string) {
		t.Helper()
		if err := s.PutObject(ctx, v, lineage.ObjectRecord{URL: url, ObjectVersion: ver, Size: 10, Status: lineage.StatusScanned,
			Result: json.RawMessage(`{"findings":2}`), Recorded: t0}, fp); err != nil {
			t.Fatal(err)
		}
	}
	put(v1.ID, "s3://bucket/corpus/a.jsonl", "e1")

	// Killed here. The database is opened again and the sweep resumes the
	// unfinished version.
	s.Close()
	s = open(t, path)
	again, resumed, err := s.OpenVersion(ctx, d.ID, t0.Add(time.Minute))
	if err != nil || !resumed || again.ID != v1.ID {
		t.Fatalf("after a kill: version %+v resumed %v, %v; want version %d resumed", again, resumed, err, v1.ID)
	}
	if o, ok, _ := s.Object(ctx, v1.ID, "s3://bucket/corpus/a.jsonl"); !ok || o.ObjectVersion != "e1" || string(o.Result) != `{"findings":2}` {
		t.Fatalf("object recorded before the kill: %+v %v", o, ok)
	}
	put(v1.ID, "s3://bucket/corpus/b.jsonl", "e2")
	d1, err := s.FinishVersion(ctx, v1.ID, json.RawMessage(`{"objects":2}`), true, t0.Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}

	// The second sweep: a.jsonl unchanged, b.jsonl gone, c.jsonl new.
	v2, resumed, err := s.OpenVersion(ctx, d.ID, t0.Add(24*time.Hour))
	if err != nil || resumed || v2.ID == v1.ID {
		t.Fatal(v2, resumed, err)
	}
	if err := s.ReuseObject(ctx, v1.ID, v2.ID, "s3://bucket/corpus/a.jsonl", t0.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	put(v2.ID, "s3://bucket/corpus/c.jsonl", "e3")
	var gone []string
	if err := s.Missing(ctx, v1.ID, v2.ID, func(o lineage.ObjectRecord) error {
		gone = append(gone, o.URL)
		return s.AddSignal(ctx, lineage.Signal{DatasetID: d.ID, VersionID: v2.ID, URL: o.URL, Kind: lineage.SignalGone,
			ObjectVersion: o.ObjectVersion, At: t0.Add(24 * time.Hour)})
	}); err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0] != "s3://bucket/corpus/b.jsonl" {
		t.Fatalf("gone: %v", gone)
	}
	a, _, _ := s.Object(ctx, v2.ID, "s3://bucket/corpus/a.jsonl")
	if a.Status != lineage.StatusReused || a.ReusedFrom != v1.ID || string(a.Result) != `{"findings":2}` {
		t.Errorf("reused object: %+v", a)
	}
	d2, err := s.FinishVersion(ctx, v2.ID, json.RawMessage(`{"objects":2}`), true, t0.Add(25*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if d1 == d2 || len(d1) != len("sha256:")+64 {
		t.Errorf("digests %s and %s", d1, d2)
	}
	latest, ok, _ := s.LatestVersion(ctx, d.ID)
	if !ok || latest.ID != v2.ID || latest.Digest != d2 || string(latest.Summary) != `{"objects":2}` {
		t.Errorf("latest %+v", latest)
	}
	sigs, err := s.Signals(ctx, d.ID)
	if err != nil || len(sigs) != 1 || sigs[0].Kind != lineage.SignalGone || sigs[0].ObjectVersion != "e2" {
		t.Errorf("signals %+v %v", sigs, err)
	}
	// Every version holding the fingerprint, newest first; only v2 is the
	// latest finished one.
	hold, err := s.Holding(ctx, []string{"hmac-sha256:aa", "hmac-sha256:none"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hold {
		got = append(got, fmt.Sprintf("%d %s %v", h.Version, h.Object[len("s3://bucket/corpus/"):], h.Latest))
	}
	if want := fmt.Sprintf("[%d a.jsonl true %d c.jsonl true %d a.jsonl false %d b.jsonl false]", v2.ID, v2.ID, v1.ID, v1.ID); fmt.Sprint(got) != want {
		t.Errorf("holding: %v, want %s", got, want)
	}
	// A chain of reuses points at the version that read the object.
	v3, _, _ := s.OpenVersion(ctx, d.ID, t0.Add(48*time.Hour))
	if err := s.ReuseObject(ctx, v2.ID, v3.ID, "s3://bucket/corpus/a.jsonl", t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if a3, _, _ := s.Object(ctx, v3.ID, "s3://bucket/corpus/a.jsonl"); a3.ReusedFrom != v1.ID {
		t.Errorf("reused twice: from %d, want %d", a3.ReusedFrom, v1.ID)
	}
}

func testMigrationsOnce(t *testing.T, path string) {
	for range 3 {
		s := open(t, path)
		if _, err := s.Dataset(context.Background(), "file:///x", time.Now()); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

// testRuns: the shards of a run share one version, found by the run's
// name; a plain sweep does not take it for its own unfinished version.
func testRuns(t *testing.T, dsn string) {
	ctx := context.Background()
	s := open(t, dsn)
	now := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	d, _ := s.Dataset(ctx, "gs://b/corpus", now)
	v, resumed, err := s.OpenRun(ctx, d.ID, "2026-11-02", 3, now)
	if err != nil || resumed {
		t.Fatal(v, resumed, err)
	}
	again, resumed, err := s.OpenRun(ctx, d.ID, "2026-11-02", 3, now.Add(time.Second))
	if err != nil || !resumed || again.ID != v.ID {
		t.Fatalf("second shard: %+v resumed %v %v", again, resumed, err)
	}
	if _, _, err := s.OpenRun(ctx, d.ID, "2026-11-02", 4, now); err == nil {
		t.Error("a shard with another shard count joined the run")
	}
	if plain, _, _ := s.OpenVersion(ctx, d.ID, now); plain.ID == v.ID {
		t.Error("a plain sweep resumed a sharded run's version")
	}
	for i, shard := range []int{2, 0, 2, 1} {
		n, err := s.ShardDone(ctx, v.ID, shard, now)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{1, 2, 2, 3}[i]; n != want {
			t.Errorf("after shard %d: %d done, want %d", shard, n, want)
		}
	}
	if ok, err := s.ClaimSeal(ctx, v.ID, 1); !ok || err != nil {
		t.Fatalf("first claim: %v %v", ok, err)
	}
	if ok, _ := s.ClaimSeal(ctx, v.ID, 2); ok {
		t.Error("two shards claimed the seal")
	}
}
