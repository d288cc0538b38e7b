package sampling_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/local"
)

func TestDatasetsAndSplits(t *testing.T) {
	hub := t.TempDir()
	if err := os.MkdirAll(filepath.Join(hub, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	only := []string{classify.EmailAddress}
	writeDataset(t, filepath.Join(hub, "data"), synth.Spec{Kind: synth.ChatJSONL, Object: "train-00000-of-00002.jsonl", Rows: 400, Seed: 1, PlantRate: 0.1, InfoTypes: only})
	writeDataset(t, filepath.Join(hub, "data"), synth.Spec{Kind: synth.ChatJSONL, Object: "train-00001-of-00002.jsonl", Rows: 400, Seed: 2, PlantRate: 0.1, InfoTypes: only})
	writeDataset(t, filepath.Join(hub, "data"), synth.Spec{Kind: synth.ChatJSONL, Object: "test-00000-of-00001.jsonl", Rows: 200, Seed: 3, Clean: true})
	folders := t.TempDir()
	for _, split := range []string{"train", "validation"} {
		if err := os.MkdirAll(filepath.Join(folders, split), 0o755); err != nil {
			t.Fatal(err)
		}
		writeDataset(t, filepath.Join(folders, split), synth.Spec{Kind: synth.ProseJSONL, Object: "part.jsonl", Rows: 100, Seed: 4, Clean: true})
	}
	rep, err := sampling.Run(context.Background(), []sampling.Root{
		{Store: local.New(), URL: hub}, {Store: local.New(), URL: folders},
	}, sampling.Config{Engine: engine(t), MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Datasets) != 2 {
		t.Fatalf("%d datasets", len(rep.Datasets))
	}
	byRoot := map[string]sampling.Dataset{}
	for _, d := range rep.Datasets {
		byRoot[d.Root] = d
	}
	h := byRoot[hub]
	if h.Layout != "huggingface-hub" || h.Objects != 3 || h.Rows != 1000 || len(h.Splits) != 2 {
		t.Fatalf("hub dataset: %+v", h)
	}
	splits := map[string]sampling.Split{}
	for _, s := range h.Splits {
		splits[s.Name] = s
	}
	if splits["train"].Objects != 2 || splits["train"].Rows != 800 || splits["test"].Rows != 200 {
		t.Errorf("splits %+v", h.Splits)
	}
	if len(splits["test"].Estimates) != 0 || len(splits["train"].Estimates) != 1 || splits["train"].Estimates[0].RowsWithHits < 40 {
		t.Errorf("split estimates: train %+v test %+v", splits["train"].Estimates, splits["test"].Estimates)
	}
	f := byRoot[folders]
	if f.Layout != "directory" || len(f.Splits) != 2 || f.Splits[0].Name != "train" || f.Splits[1].Name != "validation" {
		t.Errorf("folder dataset: %+v", f)
	}
}
