package sampling_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
)

func TestSampleRows(t *testing.T) {
	dir := t.TempDir()
	writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "big.jsonl", Rows: 30000, Seed: 1})
	writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "small.jsonl", Rows: 10000, Seed: 2})
	rep := scan(t, dir, sampling.Config{SampleRows: 4000, Seed: 5})
	if rep.Mode != sampling.ModeSampled || rep.Sampling == nil || rep.Sampling.Method != "rows" {
		t.Fatalf("mode %q sampling %+v", rep.Mode, rep.Sampling)
	}
	if n := rep.Totals.RowsScanned; n < 3400 || n > 4600 {
		t.Errorf("scanned %d rows, want about 4000", n)
	}
	by := map[string]sampling.Object{}
	for _, o := range rep.Objects {
		by[filepath.Base(o.URL)] = o
	}
	big, small := by["big.jsonl"], by["small.jsonl"]
	if big.Rows != 30000 || small.Rows != 10000 {
		t.Errorf("rows %d and %d, want exact counts", big.Rows, small.Rows)
	}
	if r := float64(big.RowsScanned) / float64(small.RowsScanned); r < 2.3 || r > 3.8 {
		t.Errorf("big/small sampled %d/%d, want about 3:1 like their sizes", big.RowsScanned, small.RowsScanned)
	}
	again := scan(t, dir, sampling.Config{SampleRows: 4000, Seed: 5})
	if again.Totals.RowsScanned != rep.Totals.RowsScanned || again.Totals.Findings != rep.Totals.Findings {
		t.Error("same seed, different sample")
	}
}

func TestUntilConfident(t *testing.T) {
	dir := t.TempDir()
	writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "clean.jsonl", Rows: 50000, Seed: 1, Clean: true})
	rep := scan(t, dir, sampling.Config{Seed: 1, UntilConfident: &sampling.Confident{MaxRate: 0.01, Confidence: 0.95}})
	d := rep.Decision
	if d == nil || d.Verdict != sampling.VerdictClean || d.Rounds != 1 {
		t.Fatalf("clean data: decision %+v", d)
	}
	if d.RowsSampled < 300 || d.RowsSampled > 800 || d.InfoTypes[len(d.InfoTypes)-1].Upper >= 0.01 {
		t.Errorf("clean after %d rows, bound %+v", d.RowsSampled, d.InfoTypes)
	}

	dirty := t.TempDir()
	writeDataset(t, dirty, synth.Spec{Kind: synth.ProseJSONL, Object: "d.jsonl", Rows: 50000, Seed: 2,
		PlantRate: 0.05, InfoTypes: []string{classify.EmailAddress}})
	rep = scan(t, dirty, sampling.Config{Seed: 1, UntilConfident: &sampling.Confident{MaxRate: 0.01, Confidence: 0.95}})
	if d := rep.Decision; d == nil || d.Verdict != sampling.VerdictAbove || d.RowsSampled > 2000 {
		t.Fatalf("5%% emails against 1%%: decision %+v", d)
	}

	// A rate close to the threshold cannot be told apart on a small
	// budget.
	rep = scan(t, dirty, sampling.Config{Seed: 1, UntilConfident: &sampling.Confident{MaxRate: 0.05, Confidence: 0.95, MaxRows: 3000}})
	if d := rep.Decision; d == nil || d.Verdict != sampling.VerdictInconclusive || d.Rounds < 2 {
		t.Fatalf("5%% against 5%% on 3000 rows: decision %+v", d)
	}
	if rep.Totals.RowsScanned > 3600 {
		t.Errorf("budget of 3000 rows, %d sampled", rep.Totals.RowsScanned)
	}
}

func TestSampleRowsCoverageLineFormats(t *testing.T) {
	dir := t.TempDir()
	truth := writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "p.jsonl", Rows: 20000, Seed: 9,
		PlantRate: 0.03, InfoTypes: []string{classify.EmailAddress}})
	rows := map[int64]bool{}
	for _, tr := range truth {
		rows[tr.Row] = true
	}
	rate := float64(len(rows)) / 20000
	covered := 0
	const seeds = 40
	for seed := uint64(1); seed <= seeds; seed++ {
		rep := scan(t, dir, sampling.Config{SampleRows: 1500, Seed: seed})
		for _, e := range rep.Estimates {
			if e.InfoType == classify.EmailAddress && e.CI95[0] <= rate && rate <= e.CI95[1] {
				covered++
			}
		}
	}
	if covered < seeds*90/100 {
		t.Errorf("interval held the true rate %.4f in %d of %d samples", rate, covered, seeds)
	}
}

// TestSampleSurvivesMove: the same dataset folder at another place, under
// the same seed, gives the same sample, so a figure measured on a laptop
// is the one CI sees.
func TestSampleSurvivesMove(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "corpus"), filepath.Join(t.TempDir(), "elsewhere", "corpus")
	for _, dir := range []string{a, b} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "p.jsonl", Rows: 5000, Seed: 3,
			PlantRate: 0.05, InfoTypes: []string{classify.EmailAddress}})
	}
	for _, cfg := range []sampling.Config{{SampleRate: 0.1, Seed: 4}, {SampleRows: 700, Seed: 4}} {
		ra, rb := scan(t, a, cfg), scan(t, b, cfg)
		if ra.Totals.RowsScanned != rb.Totals.RowsScanned || ra.Totals.Findings != rb.Totals.Findings {
			t.Errorf("%+v: %d rows/%d findings here, %d/%d after a move", cfg,
				ra.Totals.RowsScanned, ra.Totals.Findings, rb.Totals.RowsScanned, rb.Totals.Findings)
		}
	}
}

// TestGroups: a group counts rows with any of its infoTypes once, decides
// the verdict at its own threshold, and a forbidden finding decides at
// once.
func TestGroups(t *testing.T) {
	dir := t.TempDir()
	// 3 % of rows with an email, 3 % with a phone number: about 6 % of
	// rows hold one or the other.
	truth := writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "d.jsonl", Rows: 20000, Seed: 4,
		PlantRate: 0.06, InfoTypes: []string{classify.EmailAddress, classify.PhoneNumber}})
	rows := map[int64]bool{}
	for _, tr := range truth {
		rows[tr.Row] = true
	}
	pii := func(infoType string, _ classify.Likelihood) bool {
		return infoType == classify.EmailAddress || infoType == classify.PhoneNumber
	}
	// Every row read: the group's count is exact.
	rep := scan(t, dir, sampling.Config{Seed: 1, Groups: []sampling.Group{{Name: "pii", Match: pii}},
		UntilConfident: &sampling.Confident{MaxRate: 0.5, Confidence: 0.95, FirstRows: 1 << 20}})
	d := rep.Decision
	if d == nil || len(d.Groups) != 1 || d.Groups[0].Rows != int64(len(rows)) || d.Groups[0].Verdict != sampling.VerdictClean {
		t.Fatalf("exact group: %+v, want %d rows", d, len(rows))
	}
	for _, it := range d.InfoTypes {
		if it.Rows >= int64(len(rows)) {
			t.Errorf("%s alone in %d rows, the union in %d", it.InfoType, it.Rows, len(rows))
		}
	}
	if rep.Clusters != nil && len(rep.Clusters.Types) > 0 {
		for name := range rep.Clusters.Types {
			if strings.HasPrefix(name, "\x00") {
				t.Errorf("a group's key reached the report: %q", name)
			}
		}
	}
	// Each type is under 4 %, the union above: the group decides.
	rep = scan(t, dir, sampling.Config{Seed: 1, Groups: []sampling.Group{{Name: "pii", Match: pii, MaxRate: 0.04}},
		UntilConfident: &sampling.Confident{MaxRate: 0.04, Confidence: 0.95}})
	if d := rep.Decision; d == nil || d.Verdict != sampling.VerdictAbove || d.Groups[0].Verdict != sampling.VerdictAbove {
		t.Fatalf("6 %% union against 4 %%: %+v", d)
	}
	// A forbidden phone number ends the sampling in the first round.
	rep = scan(t, dir, sampling.Config{Seed: 1, Groups: []sampling.Group{
		{Name: "pii", Match: pii, MaxRate: 0.5},
		{Name: "no-phones", Forbid: true, Match: func(t string, _ classify.Likelihood) bool { return t == classify.PhoneNumber }}},
		UntilConfident: &sampling.Confident{MaxRate: 0.0001, Confidence: 0.95}})
	if d := rep.Decision; d == nil || d.Verdict != sampling.VerdictAbove || d.Rounds != 1 || d.Groups[1].Verdict != sampling.VerdictAbove {
		t.Fatalf("forbidden phone numbers: %+v", d)
	}
}
