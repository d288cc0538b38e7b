package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/policy"
)

func gateResults(t *testing.T, out string) []policy.Result {
	t.Helper()
	var rs []policy.Result
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("gate JSON: %v\n%s", err, out)
	}
	return rs
}

// TestGate runs the gate as a pipeline would: the default policy on clean
// data passes, on data with 1 % PII fails, each with its evidence, its
// exit code and a verdict recorded with the dataset version it judged.
func TestGate(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	pol := filepath.Join(dir, "policy.yaml")
	if r := c.run("policy", "init", "--out", pol); r.code != 0 {
		t.Fatalf("policy init: %s", r.stderr)
	}
	if r := c.run("policy", "init", "--out", pol); r.code != 2 {
		t.Errorf("policy init over an existing file: exit %d", r.code)
	}
	if r := c.run("policy", "init"); r.stdout != string(policy.Default) {
		t.Errorf("policy init prints something else than the default")
	}
	clean, dirty := filepath.Join(dir, "clean"), filepath.Join(dir, "dirty")
	for _, args := range [][]string{
		{"synth", "--layout", "parquet", "--clean", "--rows", "60000", "--files", "2", "--out", clean},
		{"synth", "--layout", "parquet", "--plant-rate", "0.01", "--rows", "60000", "--files", "2", "--out", dirty},
	} {
		if r := c.run(args...); r.code != 0 {
			t.Fatalf("synth: %s", r.stderr)
		}
	}
	r := c.run("gate", "-q", clean, "--policy", pol, "--format", "json")
	if r.code != 0 {
		t.Fatalf("gate on clean data: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	res := gateResults(t, r.stdout)[0]
	if res.Verdict != policy.Pass || !res.Passes || res.RowsSampled == 0 || res.RowsSampled > 10000 || res.RowsTotal != 60000 ||
		len(res.Rules) != 3 || res.Rules[1].Upper >= 0.001 || res.Version == 0 || res.BytesRead*3 > res.BytesTotal {
		t.Errorf("clean: %+v", res)
	}
	r = c.run("gate", "-q", dirty, "--policy", pol)
	if r.code != 1 || !strings.HasPrefix(r.stdout, "FAIL  ") || !strings.Contains(r.stdout, "pii-rate") {
		t.Errorf("gate on 1 %% PII: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Both verdicts are recorded with the versions they judged.
	st, err := lineage.OpenSQLite(context.Background(), c.env["RESIDUE_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.Verdicts(context.Background(), time.Time{})
	if err != nil || len(vs) != 2 || vs[0].Verdict != policy.Pass || vs[1].Verdict != policy.Fail || vs[0].VersionID != res.Version ||
		!strings.HasSuffix(vs[1].Dataset, "/dirty") {
		t.Fatalf("verdicts: %+v %v", vs, err)
	}
	var detail policy.Result
	if err := json.Unmarshal(vs[1].Detail, &detail); err != nil || detail.Rules[1].Verdict != policy.Fail {
		t.Errorf("recorded detail: %s", vs[1].Detail)
	}

	// Several datasets: the worst decides the exit.
	if r := c.run("gate", "-q", clean, dirty, "--policy", pol, "--format", "json"); r.code != 1 || len(gateResults(t, r.stdout)) != 2 {
		t.Errorf("two datasets: exit %d", r.code)
	}
	// Could not run: exit 2 with the line of the mistake.
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "version: 1\nrules:\n  - name: x\n    max_rate: 2\n    categories: [pii]\n")
	if r := c.run("gate", "-q", clean, "--policy", bad); r.code != 2 || !strings.Contains(r.stderr, "bad.yaml:4:") {
		t.Errorf("bad policy: exit %d %q", r.code, r.stderr)
	}
	if r := c.run("gate", "-q", filepath.Join(dir, "nowhere"), "--policy", pol); r.code != 2 {
		t.Errorf("missing dataset: exit %d", r.code)
	}
	empty := filepath.Join(dir, "empty")
	writeFile(t, filepath.Join(empty, "e.jsonl"), "")
	if r := c.run("gate", "-q", empty, "--policy", pol, "--format", "json"); r.code != 1 || gateResults(t, r.stdout)[0].Verdict != policy.Inconclusive {
		t.Errorf("empty dataset: exit %d %s", r.code, r.stdout)
	}

	// A tiny budget cannot decide a rate near its threshold: inconclusive
	// fails, unless the policy lets it pass.
	near := filepath.Join(dir, "near.yaml")
	writeFile(t, near, "version: 1\nbudget: {max_rows: 2000}\nrules:\n  - name: pii\n    max_rate: 0.005\n    categories: [pii]\n")
	r = c.run("gate", "-q", dirty, "--policy", near, "--format", "json")
	if res := gateResults(t, r.stdout)[0]; r.code != 1 || res.Verdict != policy.Inconclusive || res.Passes {
		t.Errorf("near the threshold: exit %d %+v", r.code, res)
	}
	// So does a time budget spent before the rate is decided.
	hurried := filepath.Join(dir, "hurried.yaml")
	writeFile(t, hurried, "version: 1\nbudget: {max_seconds: 0.001}\nrules:\n  - name: pii\n    max_rate: 0.005\n    categories: [pii]\n")
	r = c.run("gate", "-q", dirty, "--policy", hurried, "--format", "json")
	if res := gateResults(t, r.stdout)[0]; r.code != 1 || res.Verdict != policy.Inconclusive || res.Rounds != 1 || !strings.Contains(res.Text, "time budget") {
		t.Errorf("out of time: exit %d %+v", r.code, res)
	}
	lenient := filepath.Join(dir, "lenient.yaml")
	writeFile(t, lenient, "version: 1\non_inconclusive: pass\nbudget: {max_rows: 2000}\nrules:\n  - name: pii\n    max_rate: 0.005\n    categories: [pii]\n")
	if r := c.run("gate", "-q", dirty, "--policy", lenient); r.code != 0 || !strings.HasPrefix(r.stdout, "INCONCLUSIVE") {
		t.Errorf("on_inconclusive pass: exit %d\n%s", r.code, r.stdout)
	}
}

// TestGateRevoked: a dataset holding a revoked subject fails the revoked
// rule, found in the gate's own sample or in a full recording of it.
func TestGateRevoked(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	data := filepath.Join(dir, "d")
	var b strings.Builder
	for i := range 3000 {
		if i == 1234 {
			b.WriteString("{\"text\":\"contact ingrid.halvorsen@fjordpost.no please\"}\n")
			continue
		}
		b.WriteString("{\"text\":\"nothing to see in this line of the corpus\"}\n")
	}
	writeFile(t, filepath.Join(data, "part.jsonl"), b.String())
	pol := filepath.Join(dir, "p.yaml")
	writeFile(t, pol, "version: 1\nrules:\n  - name: no-revoked\n    revoked: forbid\n  - name: pii\n    max_rate: 0.5\n    categories: [pii]\n")
	if r := c.run("gate", "-q", data, "--policy", pol); r.code != 0 {
		t.Fatalf("before the revocation: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := c.run("scan", "-q", "--record", data); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := c.runIn("ingrid.halvorsen@fjordpost.no\n", "revoke", "subject", "--type", "EMAIL_ADDRESS", "--value-stdin", "--reason", "erasure-request"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := c.run("gate", "-q", data, "--policy", pol, "--format", "json")
	res := gateResults(t, r.stdout)[0]
	if r.code != 1 || res.Rules[0].Verdict != policy.Fail || len(res.Rules[0].Revoked) != 1 ||
		!strings.Contains(res.Rules[0].Revoked[0], "a revoked EMAIL_ADDRESS in file://") {
		t.Errorf("after the revocation: exit %d %+v", r.code, res.Rules[0])
	}
	raw, _ := os.ReadFile(c.env["RESIDUE_DB"])
	if strings.Contains(r.stdout+r.stderr+string(raw), "ingrid.halvorsen") {
		t.Error("the revoked value was written")
	}
}
