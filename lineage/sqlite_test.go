package lineage_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
)

func open(t *testing.T, path string) *lineage.SQLite {
	t.Helper()
	s, err := lineage.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSweepRecords walks the life of two sweeps of one dataset through a
// real SQLite file: a version resumed after a kill, objects scanned and
// reused with their fingerprints, objects gone, signals, digests.
func TestSweepRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
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
	d1, err := s.FinishVersion(ctx, v1.ID, json.RawMessage(`{"objects":2}`), t0.Add(2*time.Minute))
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
	d2, err := s.FinishVersion(ctx, v2.ID, json.RawMessage(`{"objects":2}`), t0.Add(25*time.Hour))
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
	// A chain of reuses points at the version that read the object.
	v3, _, _ := s.OpenVersion(ctx, d.ID, t0.Add(48*time.Hour))
	if err := s.ReuseObject(ctx, v2.ID, v3.ID, "s3://bucket/corpus/a.jsonl", t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if a3, _, _ := s.Object(ctx, v3.ID, "s3://bucket/corpus/a.jsonl"); a3.ReusedFrom != v1.ID {
		t.Errorf("reused twice: from %d, want %d", a3.ReusedFrom, v1.ID)
	}
}

func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for range 3 {
		s := open(t, path)
		if _, err := s.Dataset(context.Background(), "file:///x", time.Now()); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}
