package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
)

// TestShardsMerge: four shard processes and residue merge give the report
// of one process, in full and in rate-sampled runs: the same objects,
// skips, findings, counts, estimates, datasets and splits.
func TestShardsMerge(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	for i := range 9 {
		var b bytes.Buffer
		kind := []synth.Kind{synth.ProseJSONL, synth.CSV, synth.TextLog}[i%3]
		ext := []string{"jsonl", "csv", "log"}[i%3]
		split := []string{"train", "test", "validation"}[i%3]
		if _, err := synth.Write(&b, synth.Spec{Kind: kind, Object: "x." + ext, Rows: 400, Seed: uint64(i + 1), PlantRate: 0.08}, nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(data, split, fmt.Sprintf("part-%d.%s", i, ext)), b.String())
	}
	var pq bytes.Buffer
	if _, err := synth.WriteColumnar(&pq, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: synth.ParquetFile, Object: "p.parquet",
		Rows: 2000, PlantRate: 0.05, Seed: 4, RowGroupRows: 500}, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(data, "train", "chat.parquet"), pq.String())
	writeFile(t, filepath.Join(data, "weights.bin"), "\x00\x01\x02\x03 not text")

	c := newCLI(t)
	for _, mode := range [][]string{nil, {"--sample-rate", "0.3", "--seed", "5"}} {
		scan := func(out string, extra ...string) {
			t.Helper()
			args := append([]string{"scan", "-q", "--format", "json", "-o", out, data}, mode...)
			r := c.run(append(args, extra...)...)
			if r.code != 0 {
				t.Fatalf("scan %v: exit %d: %s", extra, r.code, r.stderr)
			}
		}
		one := filepath.Join(dir, "one.json")
		scan(one)
		parts := filepath.Join(dir, fmt.Sprintf("parts-%d", len(mode)))
		os.MkdirAll(parts, 0o755)
		for i := range 4 {
			scan(filepath.Join(parts, fmt.Sprintf("part-%d.json", i)), "--shard", fmt.Sprintf("%d/4", i))
		}
		merged := filepath.Join(dir, "merged.json")
		if r := c.run("merge", "--format", "json", "-o", merged, parts); r.code != 0 {
			t.Fatalf("merge: exit %d: %s", r.code, r.stderr)
		}
		want, got := loadReport(t, one), loadReport(t, merged)
		if len(want.Objects) != 10 || len(want.Skipped) != 1 || want.Totals.Findings == 0 || len(want.Datasets[0].Splits) != 3 {
			t.Fatalf("%v: the single report has %d objects, %d skipped, %d findings, %d splits", mode,
				len(want.Objects), len(want.Skipped), want.Totals.Findings, len(want.Datasets[0].Splits))
		}
		for i := range 4 {
			p := loadReport(t, filepath.Join(parts, fmt.Sprintf("part-%d.json", i)))
			if len(p.Objects) == len(want.Objects) {
				t.Fatalf("shard %d read every object", i)
			}
		}
		for _, part := range []struct {
			name      string
			got, want any
		}{
			{"objects", got.Objects, want.Objects},
			{"skipped", got.Skipped, want.Skipped},
			{"findings", got.Findings, want.Findings},
			{"info types", got.InfoTypes, want.InfoTypes},
			{"estimates", got.Estimates, want.Estimates},
			{"datasets", got.Datasets, want.Datasets},
			{"totals", got.Totals, want.Totals},
			{"roots", got.Roots, want.Roots},
		} {
			g, _ := json.Marshal(part.got)
			w, _ := json.Marshal(part.want)
			if !bytes.Equal(g, w) {
				t.Errorf("%v: merged %s differ from one process's:\n got %.600s\nwant %.600s", mode, part.name, g, w)
			}
		}
	}
	if r := c.run("scan", "-q", data, "--shard", "4/4"); r.code != 2 {
		t.Errorf("--shard 4/4: exit %d", r.code)
	}
	if r := c.run("scan", "-q", data, "--shard", "0/2", "--sample-rows", "100"); r.code != 2 {
		t.Errorf("--shard with --sample-rows: exit %d", r.code)
	}
}

func loadReport(t *testing.T, path string) *sampling.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r sampling.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}
