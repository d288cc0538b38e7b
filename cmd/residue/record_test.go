package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sources/local"
)

// TestScanRecord: scan --record records each root as a new version of its
// dataset, with every object, its fingerprint index (as many entries as
// findings) and a digest; a second scan records a second version.
func TestScanRecord(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for i := range 3 {
		writeFile(t, filepath.Join(a, fmt.Sprintf("p%d.txt", i)), fmt.Sprintf("mail one%d@fjordpost.no and two%d@fjordpost.no\n", i, i))
	}
	writeFile(t, filepath.Join(b, "x.jsonl"), `{"text":"call +44 20 7946 0321"}`+"\n")
	writeFile(t, filepath.Join(b, "blob.bin"), "\x00\x01\x02binary")
	db := filepath.Join(dir, "state.db")
	c.env["RESIDUE_DB"] = db
	for range 2 {
		r := c.run("scan", "-q", "--record", "--format", "json", a, b)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if strings.Count(r.stderr, "residue: recorded file://") != 2 {
			t.Fatalf("stderr: %s", r.stderr)
		}
		decodeReport(t, r.stdout) // stdout stays the report
	}
	ctx := context.Background()
	st, err := lineage.OpenSQLite(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, _ := st.Dataset(ctx, local.URL(a), time.Now())
	v, ok, err := st.LatestVersion(ctx, ds.ID)
	if err != nil || !ok || v.Digest == "" {
		t.Fatalf("latest version of %s: %+v %v %v", local.URL(a), v, ok, err)
	}
	n := 0
	st.Objects(ctx, v.ID, func(o lineage.ObjectRecord) error { n++; return nil })
	counts, _ := st.InfoTypeCounts(ctx, v.ID)
	if n != 3 || counts["EMAIL_ADDRESS"] != 6 {
		t.Errorf("version %d of a: %d objects, counts %v; want 3 objects and 6 emails", v.ID, n, counts)
	}
	dsb, _ := st.Dataset(ctx, local.URL(b), time.Now())
	vb, _, _ := st.LatestVersion(ctx, dsb.ID)
	var statuses []string
	st.Objects(ctx, vb.ID, func(o lineage.ObjectRecord) error { statuses = append(statuses, o.Status); return nil })
	if fmt.Sprint(statuses) != "[failed scanned]" {
		t.Errorf("objects of b: %v, want the binary failed and the JSONL scanned", statuses)
	}
	if v.ID < 3 {
		t.Errorf("two scans of two roots made version ids up to %d, want 4 versions", v.ID)
	}
}

// TestTrace: a subject recorded by a scan is traced to the dataset
// versions that hold it, however the person writes it; the value appears
// nowhere in the output or the database.
func TestTrace(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	writeFile(t, filepath.Join(data, "a.txt"), "write to Ingrid.Halvorsen@fjordpost.no today\n")
	writeFile(t, filepath.Join(data, "b.txt"), "nothing here\n")
	db := filepath.Join(dir, "state.db")
	c.env["RESIDUE_DB"] = db
	for range 2 {
		if r := c.run("scan", "-q", "--record", data); r.code != 0 {
			t.Fatalf("scan: %s", r.stderr)
		}
	}
	r := c.runIn("  ingrid.halvorsen@FJORDPOST.no\n", "trace", "--type", "EMAIL_ADDRESS", "--value-stdin", "--format", "json")
	if r.code != 0 {
		t.Fatalf("trace: exit %d: %s", r.code, r.stderr)
	}
	var res traceResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	hold := res.Datasets
	if len(hold) != 2 || !hold[0].Latest || hold[1].Latest || !strings.HasSuffix(hold[0].Object, "/a.txt") || hold[0].Count != 1 {
		t.Fatalf("trace: %+v, want a.txt in both versions, the newer latest", hold)
	}
	r = c.run("trace", "--type", "EMAIL_ADDRESS", "--value", "someone.else@fjordpost.no")
	if r.code != 0 || !strings.Contains(r.stdout, "No recorded dataset version holds") {
		t.Errorf("an unknown subject: exit %d, %q", r.code, r.stdout)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.ReadFile(db + "-wal"); err == nil {
		raw = append(raw, wal...) // what WAL mode has not checkpointed yet
	}
	for _, v := range []string{"ingrid.halvorsen", "Ingrid.Halvorsen"} {
		if strings.Contains(r.stdout+r.stderr, v) || bytes.Contains(raw, []byte(v)) {
			t.Errorf("the value %q appears in the output or the database", v)
		}
	}
}
