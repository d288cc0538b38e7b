package main

import (
	"context"
	"fmt"
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
