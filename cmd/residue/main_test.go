package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/local"
)

// cli runs one command line in-process and returns its exit code and
// output.
type cli struct {
	t   *testing.T
	env map[string]string
}

type result struct {
	code           int
	stdout, stderr string
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	return c.runIn("", args...)
}

// runIn runs a command line with stdin as its standard input.
func (c *cli) runIn(stdin string, args ...string) result {
	c.t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return c.env[k] }
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, getenv)
	return result{code, out.String(), errb.String()}
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, env: map[string]string{"HOME": t.TempDir()}}
}

func decodeReport(t *testing.T, s string) *sampling.Report {
	t.Helper()
	var r sampling.Report
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, s[:min(len(s), 500)])
	}
	if r.Schema != sampling.Schema {
		t.Fatalf("schema = %q", r.Schema)
	}
	return &r
}

type loc struct {
	object, field, infoType string
	row                     int64
	offset, length          int
}

// TestScanDemoRecall: over the demo dataset (every format, gzip and zstd,
// every infoType), each planted value is reported at its exact location
// and nothing is reported where nothing was planted.
func TestScanDemoRecall(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	truth, err := synth.WriteDemo(dir, 5)
	if err != nil {
		t.Fatal(err)
	}
	res := c.run("scan", dir, "--format", "json", "--state-dir", t.TempDir())
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	rep := decodeReport(t, res.stdout)
	found := map[loc]bool{}
	for _, f := range rep.Findings {
		l := f.Location
		found[loc{l.Object, l.Field, f.InfoType, l.Row, l.Offset, l.Length}] = true
	}
	planted := map[loc]bool{}
	missed := map[string]int{}
	types := map[string]bool{}
	for _, tr := range truth {
		l := loc{local.URL(filepath.Join(dir, tr.Object)), tr.Field, tr.InfoType, tr.Row, tr.Offset, tr.Length}
		planted[l] = true
		types[tr.InfoType] = true
		if !found[l] {
			missed[tr.InfoType]++
			if missed[tr.InfoType] <= 3 {
				t.Errorf("missed %s in %s row %d field %s at %d+%d", tr.InfoType, tr.Object, tr.Row, tr.Field, tr.Offset, tr.Length)
			}
		}
	}
	for _, f := range rep.Findings {
		l := f.Location
		if !planted[loc{l.Object, l.Field, f.InfoType, l.Row, l.Offset, l.Length}] {
			t.Errorf("finding where nothing was planted: %s (%s, %s) in %s row %d field %s at %d+%d",
				f.InfoType, f.Detector, f.Likelihood, l.Object, l.Row, l.Field, l.Offset, l.Length)
		}
	}
	if len(types) < 20 {
		t.Errorf("demo plants only %d infoTypes", len(types))
	}
	if len(missed) > 0 {
		t.Errorf("recall below 1.0: missed %v of %d planted", missed, len(truth))
	}
	if len(rep.Skipped) != 0 {
		t.Errorf("skipped: %+v", rep.Skipped)
	}
	if rep.FindingsTotal != int64(len(rep.Findings)) || rep.Totals.Findings != rep.FindingsTotal {
		t.Errorf("findings_total %d, listed %d, totals %d", rep.FindingsTotal, len(rep.Findings), rep.Totals.Findings)
	}
}

// TestNoRawValueAnywhere plants values, runs the CLI with every output
// option and greps everything it wrote (stdout, stderr, report files, the
// state directory) for each value (DESIGN.md invariant 1).
func TestNoRawValueAnywhere(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	truth, err := synth.WriteDemo(dir, 9)
	if err != nil {
		t.Fatal(err)
	}
	// Values also sit where errors are reported: a line that is not JSON,
	// a gzip stream cut short, a line over the record cap.
	g := synth.New(11)
	var extra []string
	var broken bytes.Buffer
	for _, typ := range []string{"EMAIL_ADDRESS", "US_SOCIAL_SECURITY_NUMBER", "CREDIT_CARD_NUMBER", "AWS_ACCESS_KEY_ID"} {
		v := g.Value(typ).Text
		extra = append(extra, v)
		broken.WriteString(`{"text": "` + v + "\n")
	}
	write(t, filepath.Join(dir, "broken.jsonl"), broken.Bytes())
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("contact "+extra[0]+" now\n"), 2000))
	zw.Close()
	write(t, filepath.Join(dir, "cut.log.gz"), gz.Bytes()[:gz.Len()/2])
	long := strings.Repeat("x", 3000) + " " + extra[1] + "\n"
	write(t, filepath.Join(dir, "long.txt"), []byte(long))

	state := t.TempDir()
	outDir := t.TempDir()
	var outputs []string
	for _, args := range [][]string{
		{"scan", dir, "--state-dir", state},
		{"scan", dir, "--state-dir", state, "--format", "json"},
		{"scan", dir, "--state-dir", state, "--format", "json", "-o", filepath.Join(outDir, "r.json")},
		{"scan", dir, "--state-dir", state, "-o", filepath.Join(outDir, "r.txt")},
		{"scan", dir, "--state-dir", state, "--format", "json", "--min-likelihood", "VERY_UNLIKELY", "--max-findings", "3"},
		{"scan", dir, "--state-dir", state, "--sample-rate", "0.5", "--format", "json"},
		{"scan", dir, "--state-dir", state, "--fail-on", "POSSIBLE", "--max-record-bytes", "1024"},
		{"--state-dir", state, "demo", "--dir", filepath.Join(outDir, "demo")},
		{"detectors", "--state-dir", state},
	} {
		res := c.run(args...)
		if res.code == 2 {
			t.Errorf("%v: exit 2: %s", args, res.stderr)
		}
		outputs = append(outputs, res.stdout, res.stderr)
	}
	for _, root := range []string{outDir, state} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(p, filepath.Join(outDir, "demo")) {
				b, _ := os.ReadFile(p)
				outputs = append(outputs, string(b))
			}
			return nil
		})
	}
	values := extra
	for _, tr := range truth {
		values = append(values, tr.Value)
	}
	for _, v := range values {
		if len(v) < 6 {
			continue // too short to be told apart from ordinary text
		}
		for i, out := range outputs {
			if strings.Contains(out, v) {
				t.Errorf("output %d holds a planted value (%d bytes)", i, len(v))
			}
		}
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	g := synth.New(3)
	write(t, filepath.Join(dir, "a.txt"), []byte("reach me at "+g.Value("EMAIL_ADDRESS").Text+"\n"))
	clean := t.TempDir()
	write(t, filepath.Join(clean, "b.txt"), []byte("nothing to see here\n"))
	state := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"findings without fail-on", []string{"scan", dir, "--state-dir", state}, 0},
		{"fail-on reached", []string{"scan", dir, "--state-dir", state, "--fail-on", "LIKELY"}, 1},
		{"fail-on not reached", []string{"scan", clean, "--state-dir", state, "--fail-on", "POSSIBLE"}, 0},
		{"missing root", []string{"scan", filepath.Join(dir, "nope"), "--state-dir", state}, 2},
		{"unknown flag", []string{"scan", dir, "--bogus"}, 2},
		{"no paths", []string{"scan", "--state-dir", state}, 2},
		{"bad likelihood", []string{"scan", dir, "--min-likelihood", "SOMEWHAT"}, 2},
		{"bad sample rate", []string{"scan", dir, "--sample-rate", "1.5"}, 2},
		{"full and sample rate", []string{"scan", dir, "--full", "--sample-rate", "0.5"}, 2},
		{"unknown scheme", []string{"scan", "ftp://host/x", "--state-dir", state}, 2},
		{"file URL", []string{"scan", "file://" + dir, "--state-dir", state, "--fail-on", "LIKELY"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.run(tt.args...)
			if res.code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", res.code, tt.code, res.stderr)
			}
			if tt.code == 2 && !strings.HasPrefix(res.stderr, "residue: ") {
				t.Errorf("no error message on exit 2: %q", res.stderr)
			}
		})
	}
}

// TestStateDirAndKey: --state-dir works before or after the arguments, the
// key is created 0600 and reused, and RESIDUE_FINGERPRINT_KEY_FILE supplies
// a key that gives the same fingerprints wherever it is used.
func TestStateDirAndKey(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	email := synth.New(4).Value("EMAIL_ADDRESS").Text
	write(t, filepath.Join(dir, "a.txt"), []byte("mail "+email+"\n"))
	fingerprint := func(args ...string) string {
		t.Helper()
		res := c.run(args...)
		if res.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, res.code, res.stderr)
		}
		rep := decodeReport(t, res.stdout)
		if len(rep.Findings) != 1 {
			t.Fatalf("%d findings, want 1", len(rep.Findings))
		}
		return rep.Findings[0].Fingerprint.String()
	}
	s1, s2 := t.TempDir(), t.TempDir()
	a := fingerprint("--state-dir", s1, "scan", dir, "--format", "json")
	b := fingerprint("scan", dir, "--format", "json", "--state-dir", s1)
	if a != b {
		t.Error("same state dir, different fingerprints")
	}
	fi, err := os.Stat(filepath.Join(s1, "fingerprint.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %v, want 0600", fi.Mode().Perm())
	}
	if fingerprint("scan", dir, "--format", "json", "--state-dir", s2) == a {
		t.Error("a new state dir made the same key")
	}
	c.env["RESIDUE_FINGERPRINT_KEY_FILE"] = filepath.Join(s1, "fingerprint.key")
	if fingerprint("scan", dir, "--format", "json", "--state-dir", s2) != a {
		t.Error("RESIDUE_FINGERPRINT_KEY_FILE was not used")
	}
	delete(c.env, "RESIDUE_FINGERPRINT_KEY_FILE")
	c.env["XDG_STATE_HOME"] = s2
	c.run("scan", dir, "-q")
	if _, err := os.Stat(filepath.Join(s2, "residue", "fingerprint.key")); err != nil {
		t.Errorf("XDG_STATE_HOME not honoured: %v", err)
	}
}

// TestReproducible: the same input and seed give the same report whatever
// the worker count; another seed gives another sample.
func TestReproducible(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	if _, err := synth.WriteDemo(dir, 2); err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	report := func(args ...string) string {
		t.Helper()
		res := c.run(append([]string{"scan", dir, "--format", "json", "--state-dir", state}, args...)...)
		if res.code != 0 {
			t.Fatalf("exit %d: %s", res.code, res.stderr)
		}
		rep := decodeReport(t, res.stdout)
		rep.Started, rep.Finished = time.Time{}, time.Time{}
		b, _ := json.Marshal(rep)
		return string(b)
	}
	a := report("--sample-rate", "0.3", "--seed", "7", "--workers", "1")
	b := report("--sample-rate", "0.3", "--seed", "7", "--workers", "4")
	if a != b {
		t.Error("same seed, different reports with 1 and 4 workers")
	}
	if report("--sample-rate", "0.3", "--seed", "8") == a {
		t.Error("different seeds gave the same sample")
	}
	if report("--workers", "1") != report("--workers", "3") {
		t.Error("full scans differ by worker count")
	}
}
