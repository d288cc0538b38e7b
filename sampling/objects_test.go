package sampling_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residuehq/residue/sampling"
)

// bucketLike writes date partitions of JSONL parts and one CSV.
func bucketLike(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bucket")
	for d := 1; d <= 4; d++ {
		n := d * 25 // partitions of different sizes
		for i := range n {
			p := filepath.Join(dir, fmt.Sprintf("date=2026-11-0%d", d), fmt.Sprintf("part-%03d.jsonl", i))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(fmt.Sprintf(`{"text":"write to person%d@fjordpost.no"}`+"\n", i)), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "date=2026-11-04", "manifest.csv"), []byte("id,mail\n1,x@fjordpost.no\n"), 0o644)
	return dir
}

func partitions(rep *sampling.Report) map[string]int {
	m := map[string]int{}
	for _, o := range rep.Objects {
		i := strings.Index(o.URL, "date=")
		m[o.URL[i:i+len("date=2026-11-01")]+filepath.Ext(o.URL)]++
	}
	return m
}

func TestObjectSampleRate(t *testing.T) {
	dir := bucketLike(t)
	rep := scan(t, dir, sampling.Config{Seed: 3, Objects: &sampling.ObjectSample{Rate: 0.2}})
	o := rep.ObjectSampling
	if o == nil || o.Listed != 251 || o.Strata != 5 || o.Selected != int64(len(rep.Objects)) {
		t.Fatalf("object sampling %+v, %d objects read", o, len(rep.Objects))
	}
	if n := len(rep.Objects); n < 35 || n > 70 {
		t.Errorf("read %d of 251 objects at rate 0.2", n)
	}
	parts := partitions(rep)
	if len(parts) != 5 || parts["date=2026-11-04.csv"] != 1 {
		t.Errorf("every partition and format gives an object: %v", parts)
	}
	again := scan(t, dir, sampling.Config{Seed: 3, Objects: &sampling.ObjectSample{Rate: 0.2}})
	if fmt.Sprint(partitions(again)) != fmt.Sprint(parts) || len(again.Objects) != len(rep.Objects) {
		t.Error("same seed, other objects")
	}
	other := scan(t, dir, sampling.Config{Seed: 4, Objects: &sampling.ObjectSample{Rate: 0.2}})
	same := 0
	urls := map[string]bool{}
	for _, o := range rep.Objects {
		urls[o.URL] = true
	}
	for _, o := range other.Objects {
		if urls[o.URL] {
			same++
		}
	}
	if same == len(other.Objects) {
		t.Error("another seed chose the same objects")
	}
}

func TestObjectSampleMax(t *testing.T) {
	dir := bucketLike(t)
	rep := scan(t, dir, sampling.Config{Seed: 1, Objects: &sampling.ObjectSample{Max: 20}})
	parts := partitions(rep)
	// 20 × 25/251 ≈ 2, 50 → 4, 75 → 6, 100 → 8, and the CSV's one.
	want := map[string]int{"date=2026-11-01.jsonl": 2, "date=2026-11-02.jsonl": 4, "date=2026-11-03.jsonl": 6,
		"date=2026-11-04.jsonl": 8, "date=2026-11-04.csv": 1}
	if fmt.Sprint(parts) != fmt.Sprint(want) {
		t.Errorf("allocation %v, want %v", parts, want)
	}
	// Shards choose the same objects and read their parts of them.
	var merged []*sampling.Report
	for i := range 3 {
		merged = append(merged, scan(t, dir, sampling.Config{Seed: 1, Objects: &sampling.ObjectSample{Max: 20}, Shard: sampling.Shard{Index: i, Count: 3}}))
	}
	m, err := sampling.Merge(merged)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(partitions(m)) != fmt.Sprint(want) || m.Totals.Findings != rep.Totals.Findings {
		t.Errorf("three shards chose %v with %d findings, one process %v with %d", partitions(m), m.Totals.Findings, parts, rep.Totals.Findings)
	}
}
