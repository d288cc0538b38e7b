package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residuehq/residue/evidence"
)

// plantedValues are written into the data below; none may appear in a
// bundle, in any spelling a detector normalizes.
var plantedValues = []string{
	"Ingrid.Halvorsen@fjordpost.no", "ingrid.halvorsen@fjordpost.no", "Halvorsen",
	"olav.nordmann@fjordpost.no", "nordmann",
	"+44 20 7946 0321", "442079460321", "2079460321",
	"4556 7375 8689 9855", "4556737586899855",
	"AKIAZ3MGJ7QH5XRKW2PD",
	"NO93 8601 1117 947", "NO9386011117947",
	"536-22-8047", "536228047",
}

// exportFixture scans planted data with --record, records a run,
// revokes a subject and records a gate verdict: every kind of record an
// export carries.
func exportFixture(t *testing.T) (*cli, string) {
	t.Helper()
	c := newCLI(t)
	dir := t.TempDir()
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	data := filepath.Join(dir, "corpus")
	writeFile(t, filepath.Join(data, "chats.jsonl"), strings.Join([]string{
		`{"text":"please write to Ingrid.Halvorsen@fjordpost.no about the order"}`,
		`{"text":"call me on +44 20 7946 0321 tonight"}`,
		`{"text":"card 4556 7375 8689 9855 exp 09/27"}`,
		`{"text":"aws_access_key_id = AKIAZ3MGJ7QH5XRKW2PD"}`,
		`{"text":"IBAN NO93 8601 1117 947"}`,
	}, "\n")+"\n")
	writeFile(t, filepath.Join(data, "people.csv"), "name,email,ssn\nOlav,olav.nordmann@fjordpost.no,536-22-8047\n")
	must := func(stdin string, args ...string) {
		t.Helper()
		if r := c.runIn(stdin, args...); r.code != 0 {
			t.Fatalf("residue %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	must("", "scan", "-q", "--record", data)
	must("", "lineage", "record", "--run", "train-base", "--time", "2026-11-01T08:00:00Z", "--dataset-in", data, "--model-out", "hf://acme/base@v1")
	must("ingrid.halvorsen@FJORDPOST.no\n", "revoke", "subject", "--type", "EMAIL_ADDRESS", "--value-stdin", "--reason", "erasure-request")
	pol := filepath.Join(dir, "policy.yaml")
	must("", "policy", "init", "--out", pol)
	if r := c.run("gate", data, "--policy", pol); r.code != 1 {
		t.Fatalf("gate on planted data: exit %d, want 1 (fail)\n%s%s", r.code, r.stdout, r.stderr)
	}
	return c, dir
}

// TestExportVerifyCLI: export writes a bundle, prints where it and the
// public key are, and holds no planted value anywhere; verify passes it
// (exit 0) and names what was changed, added or removed (exit 1).
func TestExportVerifyCLI(t *testing.T) {
	c, dir := exportFixture(t)
	bundle := filepath.Join(dir, "bundle")
	r := c.run("export", "--out", bundle)
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	pubPath := filepath.Join(c.env["HOME"], ".local", "state", "residue", evidence.PublicKeyFile)
	for _, want := range []string{"wrote " + bundle + ": 13 files (2 reports,", "1 verdicts, 1 model versions)", "public key: " + pubPath} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("export output lacks %q:\n%s", want, r.stdout)
		}
	}
	if fi, err := os.Stat(filepath.Join(filepath.Dir(pubPath), evidence.SigningKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("signing key in the state directory: %v %v", fi, err)
	}

	// No planted value, in any file: the bundle carries masked previews
	// and keyed fingerprints only.
	var files int
	err := filepath.WalkDir(bundle, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, v := range plantedValues {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s holds the planted value %q", path, v)
			}
		}
		return nil
	})
	if err != nil || files != 13 {
		t.Fatalf("walked %d files: %v", files, err)
	}
	findings, _ := os.ReadFile(filepath.Join(bundle, "findings.csv"))
	for _, it := range []string{"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD_NUMBER", "AWS_ACCESS_KEY_ID", "IBAN_CODE", "US_SOCIAL_SECURITY_NUMBER"} {
		if !bytes.Contains(findings, []byte(it)) {
			t.Errorf("findings.csv has no %s: the planted data was not found, so the grep above proves little", it)
		}
	}

	if r := c.run("verify", bundle); r.code != 0 || !strings.Contains(r.stdout, "OK: the signature is good and all 12 files match") {
		t.Fatalf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := c.run("verify", bundle, "--pubkey", pubPath, "--format", "json"); r.code != 0 || !strings.Contains(r.stdout, `"ok": true`) {
		t.Fatalf("verify --pubkey --format json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Tampering: each kind is exit 1 and named.
	tamper := func(what string, do func(dir string), want string) {
		t.Helper()
		cp := filepath.Join(t.TempDir(), "b")
		if err := os.CopyFS(cp, os.DirFS(bundle)); err != nil {
			t.Fatal(err)
		}
		do(cp)
		r := c.run("verify", cp)
		if r.code != 1 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stderr, "does not verify") {
			t.Errorf("%s: exit %d, want 1 and %q\n%s%s", what, r.code, want, r.stdout, r.stderr)
		}
	}
	tamper("a flipped byte", func(d string) {
		p := filepath.Join(d, "findings.csv")
		b, _ := os.ReadFile(p)
		b[len(b)/2] ^= 0x01
		os.WriteFile(p, b, 0o644)
	}, "changed:   findings.csv")
	tamper("a deleted file", func(d string) { os.Remove(filepath.Join(d, "verdicts.json")) }, "removed:   verdicts.json")
	tamper("an added file", func(d string) { os.WriteFile(filepath.Join(d, "reports", "extra.json"), []byte("{}"), 0o644) },
		"added:     reports/extra.json")

	// Another key: the signature fails, exit 1.
	other, _, _ := ed25519.GenerateKey(nil)
	pem, _ := evidence.MarshalPublicKey(other)
	otherPath := filepath.Join(dir, "other.pub")
	os.WriteFile(otherPath, pem, 0o644)
	if r := c.run("verify", bundle, "--pubkey", otherPath); r.code != 1 || !strings.Contains(r.stdout, "signature: does not verify") {
		t.Errorf("verify with another key: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Could not run: exit 2.
	garbage := filepath.Join(dir, "garbage.pub")
	os.WriteFile(garbage, []byte("not a key"), 0o644)
	fresh := newCLI(t)
	for _, run := range []func() result{
		func() result { return c.run("verify", filepath.Join(dir, "no-such-bundle")) },
		func() result { return c.run("verify", bundle, "--pubkey", garbage) },
		func() result { return c.run("verify", bundle, "--pubkey", filepath.Join(dir, "none.pub")) },
		func() result { return fresh.run("verify", bundle) },      // no key in its state directory
		func() result { return c.run("export", "--out", bundle) }, // not empty
		func() result { return c.run("export") },                  // no --out
	} {
		if r := run(); r.code != 2 || r.stderr == "" {
			t.Errorf("exit %d, want 2 and a reason\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
}

// TestExportScopeCLI: --dataset takes a path, --model a URI@V, --since a
// date; the scope is in the signed manifest and the lineage snapshot.
func TestExportScopeCLI(t *testing.T) {
	c, dir := exportFixture(t)
	bundle := filepath.Join(dir, "scoped")
	r := c.run("export", "--out", bundle, "--dataset", filepath.Join(dir, "corpus"), "--model", "hf://acme/base@v1", "--since", "2000-01-01")
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var lin struct {
		Scope    evidence.Scope `json:"scope"`
		Statuses []struct {
			Model, Version, Status string
		} `json:"statuses"`
	}
	b, err := os.ReadFile(filepath.Join(bundle, "lineage.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &lin); err != nil {
		t.Fatal(err)
	}
	if len(lin.Scope.Datasets) != 1 || !strings.HasPrefix(lin.Scope.Datasets[0], "file:///") || lin.Scope.Models[0] != "hf://acme/base@v1" ||
		lin.Scope.Since.Year() != 2000 {
		t.Errorf("scope: %+v", lin.Scope)
	}
	if len(lin.Statuses) != 1 || lin.Statuses[0].Status != "TAINTED" {
		t.Errorf("statuses: %+v", lin.Statuses)
	}
	if r := c.run("verify", bundle); r.code != 0 {
		t.Errorf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"export", "--out", filepath.Join(dir, "x"), "--since", "yesterday"},
		{"export", "--out", filepath.Join(dir, "y"), "--model", "hf://acme/base@"},
	} {
		if r := c.run(args...); r.code != 2 || r.stderr == "" {
			t.Errorf("residue %s: exit %d, want 2\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
