package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sources/local"
)

// TestLineageEndToEnd drives the lineage commands as a person would:
// two datasets scanned with planted subjects; a base model, a fine-tune
// and a model trained on a derived dataset recorded; one subject revoked.
// Exactly the versions that learned it are TAINTED, with the path; a
// model retrained on a version without the subject is not; a remediation
// clears one version only; the value is nowhere.
func TestLineageEndToEnd(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	const revoked = "Ingrid.Halvorsen@fjordpost.no"
	a, b := filepath.Join(dir, "corpus-a"), filepath.Join(dir, "corpus-b")
	writeFile(t, filepath.Join(a, "chats.txt"), "please write to "+revoked+" about the order\n")
	writeFile(t, filepath.Join(a, "other.txt"), "and to olav.berg@fjordpost.no too\n")
	writeFile(t, filepath.Join(b, "notes.txt"), "reach kari.nordmann@fjordpost.no for access\n")
	must := func(stdin string, args ...string) string {
		t.Helper()
		r := c.runIn(stdin, args...)
		if r.code != 0 {
			t.Fatalf("residue %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, "ingrid.halvorsen") || strings.Contains(r.stdout+r.stderr, "Ingrid.Halvorsen") {
			t.Fatalf("residue %s printed the revoked value", strings.Join(args, " "))
		}
		return r.stdout
	}
	must("", "scan", "-q", "--record", a, b)
	must("", "lineage", "record", "--run", "train-base", "--time", "2026-11-01T08:00:00Z", "--dataset-in", a, "--model-out", "hf://acme/base@v1")
	must("", "lineage", "record", "--run", "fine-tune", "--time", "2026-11-03T08:00:00Z",
		"--model-in", "hf://acme/base@v1", "--dataset-in", b, "--model-out", "hf://acme/tuned@v1")
	must("", "lineage", "record", "--run", "derive", "--time", "2026-11-01T09:00:00Z", "--dataset-in", a, "--dataset-out", "s3://lake/derived@2026-11-01")
	must("", "lineage", "record", "--run", "train-derived", "--time", "2026-11-02T08:00:00Z",
		"--dataset-in", "s3://lake/derived@2026-11-01", "--model-out", "hf://acme/from-derived@v1")
	must("", "lineage", "record", "--run", "train-b", "--time", "2026-11-01T08:00:00Z", "--dataset-in", b, "--model-out", "hf://acme/b-only@v1")

	out := must("  ingrid.halvorsen@FJORDPOST.no\n", "revoke", "subject", "--type", "EMAIL_ADDRESS", "--value-stdin",
		"--reason", "erasure-request", "--effective", "2026-11-02")
	if !strings.HasPrefix(out, "recorded revocation 1: subject") {
		t.Fatalf("revoke: %q", out)
	}

	// The person's data leaves corpus A; it is scanned again and the base
	// model retrained on the new version.
	writeFile(t, filepath.Join(a, "chats.txt"), "please write to the customer about the order\n")
	must("", "scan", "-q", "--record", a)
	must("", "lineage", "record", "--run", "retrain-base", "--time", "2026-11-05T08:00:00Z", "--dataset-in", a, "--model-out", "hf://acme/base@v2")

	statuses := func(args ...string) map[string]lineage.ModelStatus {
		t.Helper()
		var ms []lineage.ModelStatus
		if err := json.Unmarshal([]byte(must("", append([]string{"models", "--format", "json"}, args...)...)), &ms); err != nil {
			t.Fatal(err)
		}
		m := map[string]lineage.ModelStatus{}
		for _, s := range ms {
			m[s.Model+"@"+s.Version] = s
		}
		return m
	}
	want := map[string]string{
		"hf://acme/base@v1": "TAINTED", "hf://acme/base@v2": "SENSITIVE", "hf://acme/tuned@v1": "TAINTED",
		"hf://acme/from-derived@v1": "TAINTED", "hf://acme/b-only@v1": "SENSITIVE",
	}
	all := statuses("--all-versions")
	for k, w := range want {
		if all[k].Status != w {
			t.Errorf("%s: %s, want %s (%+v)", k, all[k].Status, w, all[k].Reasons)
		}
	}
	if len(all) != len(want) {
		t.Errorf("%d model versions, want %d", len(all), len(want))
	}
	aURI, bURI := local.URL(a), local.URL(b)
	tuned := all["hf://acme/tuned@v1"].Reasons[0]
	var steps []string
	for _, s := range tuned.Path {
		steps = append(steps, s.Kind+" "+s.URI+" "+s.Name)
	}
	wantPath := []string{"model_version hf://acme/tuned ", "run  fine-tune", "model_version hf://acme/base ", "run  train-base",
		"dataset_version " + aURI + " ", "fingerprint " + aURI + "/chats.txt ", "revocation  "}
	if !slices.Equal(steps, wantPath) {
		t.Errorf("path of the fine-tune:\n got %q\nwant %q", steps, wantPath)
	}
	if !tuned.TrainedAfter || all["hf://acme/base@v1"].Reasons[0].TrainedAfter {
		t.Errorf("the fine-tune (Nov 3) was trained after the revocation (Nov 2), the base (Nov 1) before")
	}
	if d := all["hf://acme/from-derived@v1"].Reasons[0].Path; d[2].URI != "s3://lake/derived" || d[2].Version != "2026-11-01" {
		t.Errorf("path of the derived model: %+v", d)
	}
	// By default, each model's latest version; --status filters.
	latest := statuses()
	if _, ok := latest["hf://acme/base@v1"]; ok || latest["hf://acme/base@v2"].Status != "SENSITIVE" {
		t.Errorf("latest versions: %v", latest)
	}
	if tainted := statuses("--status", "tainted"); len(tainted) != 2 {
		t.Errorf("--status tainted: %v", tainted)
	}
	text := must("", "models", "--all-versions")
	if !strings.Contains(text, "TAINTED     hf://acme/tuned@v1") || !strings.Contains(text, "← run fine-tune (2026-11-03T08:00:00Z) ← hf://acme/base@v1") {
		t.Errorf("models:\n%s", text)
	}

	// trace finds the dataset versions and the models.
	var tr traceResult
	if err := json.Unmarshal([]byte(must(revoked+"\n", "trace", "--type", "EMAIL_ADDRESS", "--value-stdin", "--format", "json")), &tr); err != nil {
		t.Fatal(err)
	}
	var models []string
	for _, m := range tr.Models {
		models = append(models, m.Model+"@"+m.Version)
	}
	if fmt.Sprint(models) != "[hf://acme/base@v1 hf://acme/from-derived@v1 hf://acme/tuned@v1]" || len(tr.Datasets) != 1 {
		t.Errorf("trace: models %v, %d dataset versions", models, len(tr.Datasets))
	}

	// A remediation clears the fine-tune, not its base.
	must("", "lineage", "remediate", "--model", "hf://acme/tuned@v1", "--revocation", "1", "--method", "unlearning", "--evidence", "ticket PRIV-12")
	all = statuses("--all-versions")
	if all["hf://acme/tuned@v1"].Status != "REMEDIATED" || all["hf://acme/base@v1"].Status != "TAINTED" {
		t.Errorf("after remediation: tuned %s, base %s", all["hf://acme/tuned@v1"].Status, all["hf://acme/base@v1"].Status)
	}

	// Other revocations: a prefix of B taints the models trained on it.
	must("", "revoke", "prefix", bURI+"/", "--reason", "license-expired")
	all = statuses("--all-versions")
	if all["hf://acme/b-only@v1"].Status != "TAINTED" || all["hf://acme/tuned@v1"].Status != "TAINTED" {
		t.Errorf("after revoking B: b-only %s, tuned %s", all["hf://acme/b-only@v1"].Status, all["hf://acme/tuned@v1"].Status)
	}
	if out := must("", "revoke", "list"); strings.Count(out, "\n") != 3 {
		t.Errorf("revoke list:\n%s", out)
	}

	// Mistakes are refused with a reason.
	for _, args := range [][]string{
		{"revoke", "subject", "--type", "EMAIL_ADDRESS", "--value", "x@y.no", "--reason", "because"},
		{"lineage", "record", "--run", "r", "--dataset-in", a + "@999", "--model-out", "hf://acme/x@1"},
		{"lineage", "record", "--run", "r", "--model-in", "hf://acme/none", "--model-out", "hf://acme/x@1"},
		{"lineage", "remediate", "--model", "hf://acme/base@v1", "--revocation", "9", "--method", "retrain", "--evidence", "x"},
	} {
		if r := c.run(args...); r.code != 2 || r.stderr == "" {
			t.Errorf("residue %s: exit %d %q, want 2 and a reason", strings.Join(args, " "), r.code, r.stderr)
		}
	}

	raw, err := os.ReadFile(c.env["RESIDUE_DB"])
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.ReadFile(c.env["RESIDUE_DB"] + "-wal"); err == nil {
		raw = append(raw, wal...)
	}
	if bytes.Contains(bytes.ToLower(raw), []byte("ingrid.halvorsen")) {
		t.Error("the revoked value is in the database")
	}
}
