package sampling_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/local"
)

func writeColumnar(t testing.TB, dir string, spec synth.ColumnarSpec) []synth.Truth {
	t.Helper()
	return writeObject(t, filepath.Join(dir, spec.Object), func(w io.Writer, fn func(synth.Truth)) error {
		_, err := synth.WriteColumnar(w, spec, fn)
		return err
	})
}

// TestBlockSampleCoverage: over 200 fixed seeds, the 95 % interval of a
// block sample of a Parquet file holds the true share of rows with
// planted emails in at least 93 % of the samples (issue 4's coverage
// criterion; deterministic, since the seeds are fixed).
func TestBlockSampleCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("200 samples")
	}
	dir := t.TempDir()
	const rows = 40000
	truth := writeColumnar(t, dir, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: synth.ParquetFile,
		Object: "chat.parquet", Rows: rows, PlantRate: 0.03, InfoTypes: []string{classify.EmailAddress},
		Seed: 17, RowGroupRows: 8000})
	hit := map[int64]bool{}
	for _, tr := range truth {
		hit[tr.Row] = true
	}
	rate := float64(len(hit)) / rows
	eng := engine(t)
	covered, n := 0, 0
	var methods = map[string]int{}
	for seed := uint64(1); seed <= 200; seed++ {
		rep := scanWith(t, dir, eng, sampling.Config{SampleRows: 2000, Seed: seed})
		n++
		for _, e := range rep.Estimates {
			if e.InfoType != classify.EmailAddress {
				continue
			}
			methods[e.Method]++
			if e.CI95[0] <= rate && rate <= e.CI95[1] {
				covered++
			}
		}
		if seed == 1 {
			if s := rep.Totals.RowsScanned; s < 1800 || s > 2400 {
				t.Errorf("sampled %d rows, want about 2000", s)
			}
			if rep.Objects[0].BytesRead > rep.Objects[0].Size/2 {
				t.Errorf("read %d of %d bytes for a 5%% sample", rep.Objects[0].BytesRead, rep.Objects[0].Size)
			}
		}
	}
	t.Logf("true rate %.4f; interval held it in %d of %d samples; methods %v", rate, covered, n, methods)
	if covered*100 < 93*n {
		t.Errorf("coverage %d/%d below 93%%", covered, n)
	}
	if methods[sampling.MethodClusterWilson] == 0 {
		t.Error("block samples did not use the cluster interval")
	}
}

func scanWith(t testing.TB, dir string, eng *classify.Engine, cfg sampling.Config) *sampling.Report {
	t.Helper()
	cfg.Engine = eng
	cfg.MaxFindings = 0
	rep, err := sampling.Run(t.Context(), []sampling.Root{{Store: localStore(), URL: dir}}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func localStore() local.Store { return local.New() }
