package evidence_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sampling"
)

// The fixture's lineage: two datasets, A on disk and B in a bucket, one
// scan recording both; base is trained on A, tuned fine-tunes base on B,
// bonly is trained on B. A subject found in A is revoked, so base and
// tuned are TAINTED; tuned is remediated.
const (
	uriA  = "file:///data/a"
	uriB  = "s3://lake/b"
	base  = "hf://acme/base"
	tuned = "hf://acme/tuned"
	bonly = "hf://acme/b-only"
)

var t0 = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

func fp(label string) classify.Fingerprint { return classify.Fingerprint(sha256.Sum256([]byte(label))) }

type fixture struct {
	db       *lineage.DB
	versions map[string]int64 // by dataset URI
	signer   evidence.Signer
	pub      ed25519.PublicKey
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := lineage.OpenSQLite(ctx, filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, versions: map[string]int64{}}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	f.signer, f.pub = evidence.Signer{Key: priv}, pub

	type obj struct {
		url      string
		findings []sampling.Finding
	}
	finding := func(url, infoType, field, preview, value string, row int64) sampling.Finding {
		return sampling.Finding{InfoType: infoType, Likelihood: classify.VeryLikely, Detector: strings.ToLower(infoType),
			Location:    sampling.Location{Object: url, Row: row, Field: field, Offset: 3, Length: 20},
			Fingerprint: fp(value), Preview: preview}
	}
	objs := map[string][]obj{
		uriA: {
			{uriA + "/chats.jsonl", []sampling.Finding{
				finding(uriA+"/chats.jsonl", classify.EmailAddress, "messages[0].content", "i***@f********.no", "revoked@example.no", 4),
				finding(uriA+"/chats.jsonl", classify.PhoneNumber, "messages[1].content", "+** ** **** **21", "+442079460321", 9)}},
			{uriA + "/notes.txt", nil},
		},
		uriB: {
			// A key as object stores allow it, which its URL carries raw.
			{uriB + "/keys 100%.csv", []sampling.Finding{
				finding(uriB+"/keys 100%.csv", classify.AWSAccessKeyID, "key", "AKIA********", "AKIAIOSFODNN7EXAMPLF", 1)}},
		},
	}
	rep := &sampling.Report{Schema: sampling.Schema, Started: t0, Finished: t0.Add(time.Second), Seed: 7, Mode: sampling.ModeFull,
		MinLikelihood: classify.Possible, FingerprintKey: "k1", Roots: []string{uriA, uriB},
		Skipped: []sampling.Skipped{{URL: uriB + "/blob.bin", Reason: "unknown format (binary)"}},
		Totals:  sampling.Totals{Objects: 3, Rows: 30, RowsScanned: 30, Findings: 3}}
	for _, uri := range []string{uriA, uriB} {
		ds, err := db.Dataset(ctx, uri, t0)
		if err != nil {
			t.Fatal(err)
		}
		v, _, err := db.OpenRun(ctx, ds.ID, "scan-"+uri, 1, t0)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range objs[uri] {
			var fps []lineage.FingerprintCount
			for _, fd := range o.findings {
				fps = append(fps, lineage.FingerprintCount{InfoType: fd.InfoType, Fingerprint: fd.Fingerprint.String(), Count: 1, Likelihood: fd.Likelihood})
				rep.Findings = append(rep.Findings, fd)
			}
			rep.Objects = append(rep.Objects, sampling.Object{URL: o.url, Format: "jsonl", Size: 100, Version: "v1", Rows: 10, RowsScanned: 10,
				Findings: int64(len(o.findings))})
			if err := db.PutObject(ctx, v.ID, lineage.ObjectRecord{URL: o.url, ObjectVersion: "v1", Size: 100, Status: lineage.StatusScanned, Recorded: t0}, fps); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.FinishVersion(ctx, v.ID, json.RawMessage(`{"mode":"full"}`), true, t0); err != nil {
			t.Fatal(err)
		}
		f.versions[uri] = v.ID
		rep.Datasets = append(rep.Datasets, sampling.Dataset{Name: uri, Root: uri, Layout: "directory", Objects: int64(len(objs[uri])),
			Estimates: []sampling.Estimate{sampling.NewEstimate(classify.EmailAddress, 10, 1, 10)}, Any: sampling.NewEstimate("", 10, 1, 10)})
	}
	rep.Estimates = []sampling.Estimate{sampling.NewEstimate(classify.EmailAddress, 30, 1, 30)}
	body, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddReport(ctx, "scan", []int64{f.versions[uriA], f.versions[uriB]}, body, t0); err != nil {
		t.Fatal(err)
	}
	detail := `{"verdict":"fail","dataset":"` + uriA + `","rules":[{"name":"pii-rate","kind":"max_rate","verdict":"fail",` +
		`"rows_sampled":10,"rows_with_hits":1,"lower":0.01,"upper":0.4,"max_rate":0.001,"confidence":0.95,"text":"the rate is above 0.1 %"},` +
		`{"name":"odd","future_field":[1,2]}]}`
	if _, err := db.AddVerdict(ctx, lineage.Verdict{VersionID: f.versions[uriA], Policy: "policy.yaml", PolicyDigest: "sha256:00",
		Verdict: "fail", Detail: json.RawMessage(detail), Decided: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	run := func(name string, at time.Time, in, out []lineage.Ref) {
		t.Helper()
		if _, err := db.RecordRun(ctx, lineage.RunRecord{Key: name, Name: name, Time: at, Inputs: in, Outputs: out, Strict: true}, at); err != nil {
			t.Fatal(err)
		}
	}
	ds := func(uri string) lineage.Ref { return lineage.Ref{Kind: lineage.KindDataset, URI: uri} }
	model := func(uri string) lineage.Ref { return lineage.Ref{Kind: lineage.KindModel, URI: uri, Version: "v1"} }
	run("train-base", t0.Add(24*time.Hour), []lineage.Ref{ds(uriA)}, []lineage.Ref{model(base)})
	run("fine-tune", t0.Add(48*time.Hour), []lineage.Ref{model(base), ds(uriB)}, []lineage.Ref{model(tuned)})
	run("train-b", t0.Add(48*time.Hour), []lineage.Ref{ds(uriB)}, []lineage.Ref{model(bonly)})
	rev, err := db.Revoke(ctx, lineage.Revocation{Kind: lineage.RevokeSubject, InfoType: classify.EmailAddress,
		Fingerprints: []string{fp("revoked@example.no").String()}, Reason: "erasure-request", Effective: t0, Recorded: t0.Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Remediate(ctx, lineage.Remediation{Model: tuned, Version: "v1", RevocationID: rev, Method: "unlearning",
		Evidence: "ticket PRIV-12", Recorded: t0.Add(96 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) export(t *testing.T, sc evidence.Scope) (string, *evidence.ExportResult) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	res, err := evidence.Export(context.Background(), f.db, dir, evidence.ExportOptions{Scope: sc, Signer: f.signer,
		Tool: evidence.Tool{Name: "residue", Version: "test"}, DataOwner: "Acme Data Office", Now: t0.Add(100 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return dir, res
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestExportFiles: an unscoped export holds every file the bundle
// promises, each with the shape docs/evidence.md gives it.
func TestExportFiles(t *testing.T) {
	f := newFixture(t)
	dir, res := f.export(t, evidence.Scope{})
	want := []string{"SHA256SUMS", "bom.cdx.json", "estimates.csv", "findings.csv", "findings.sarif", "index.html", "lineage.json",
		"manifest.dsse.json", "objects.csv", "reports.json", "reports/report-1.json", "verdicts.json"}
	if !slices.Equal(res.Files, want) {
		t.Fatalf("files:\n got %q\nwant %q", res.Files, want)
	}
	if res.Reports != 1 || res.Findings != 3 || res.Verdicts != 1 || res.Models != 3 {
		t.Errorf("result %+v", res)
	}
	findings := readCSV(t, filepath.Join(dir, "findings.csv"))
	if len(findings) != 3 || findings[0]["object"] != uriA+"/chats.jsonl" || findings[0]["row"] != "4" ||
		findings[0]["field"] != "messages[0].content" || findings[0]["preview"] != "i***@f********.no" ||
		findings[0]["fingerprint"] != fp("revoked@example.no").String() || findings[0]["likelihood"] != "VERY_LIKELY" {
		t.Errorf("findings.csv: %v", findings)
	}
	est := readCSV(t, filepath.Join(dir, "estimates.csv"))
	levels := map[string]int{}
	for _, e := range est {
		levels[e["level"]]++
	}
	if levels["report"] != 2 || levels["dataset"] != 4 || est[0]["ci95_upper"] == "" {
		t.Errorf("estimates.csv: %v", est)
	}
	objects := readCSV(t, filepath.Join(dir, "objects.csv"))
	if len(objects) != 3 || objects[0]["status"] != "scanned" {
		t.Errorf("objects.csv: %v", objects)
	}
	var reports []map[string]any
	readJSON(t, filepath.Join(dir, "reports.json"), &reports)
	if len(reports) != 1 || reports[0]["file"] != "reports/report-1.json" || reports[0]["findings_in_scope"] != 3.0 {
		t.Errorf("reports.json: %v", reports)
	}
	var stored sampling.Report
	readJSON(t, filepath.Join(dir, "reports/report-1.json"), &stored)
	if stored.Schema != sampling.Schema || len(stored.Findings) != 3 {
		t.Errorf("report-1.json: %+v", stored)
	}
	var verdicts []lineage.Verdict
	readJSON(t, filepath.Join(dir, "verdicts.json"), &verdicts)
	if len(verdicts) != 1 || verdicts[0].Verdict != "fail" || !strings.Contains(string(verdicts[0].Detail), "future_field") {
		t.Errorf("verdicts.json: %+v", verdicts)
	}
	var lin struct {
		Schema   string `json:"schema"`
		Datasets []struct {
			URI      string                `json:"uri"`
			Versions []lineage.VersionInfo `json:"versions"`
		} `json:"datasets"`
		Runs        []lineage.Run         `json:"runs"`
		Models      []json.RawMessage     `json:"models"`
		Revocations []lineage.Revocation  `json:"revocations"`
		Remediation []lineage.Remediation `json:"remediations"`
		Statuses    []lineage.ModelStatus `json:"statuses"`
	}
	readJSON(t, filepath.Join(dir, "lineage.json"), &lin)
	statuses := map[string]string{}
	for _, s := range lin.Statuses {
		statuses[s.Model] = s.Status
		if s.Status == lineage.StatusTainted && len(s.Reasons[0].Path) < 3 {
			t.Errorf("%s: a status without its path: %+v", s.Model, s.Reasons)
		}
	}
	if lin.Schema != evidence.LineageSchema || len(lin.Datasets) != 2 || len(lin.Runs) != 3 || len(lin.Models) != 3 ||
		len(lin.Revocations) != 1 || len(lin.Remediation) != 1 ||
		statuses[base] != "TAINTED" || statuses[tuned] != "REMEDIATED" || statuses[bonly] != "SENSITIVE" {
		t.Errorf("lineage.json: %+v", lin)
	}
	html, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"TAINTED", "hf://acme/base", "pii-rate", "the rate is above 0.1 %", "EMAIL_ADDRESS", "reports/report-1.json"} {
		if !strings.Contains(string(html), s) {
			t.Errorf("index.html lacks %q", s)
		}
	}
}

// TestExportScope: --dataset follows runs downstream, --model upstream,
// --since keeps later records only.
func TestExportScope(t *testing.T) {
	f := newFixture(t)
	models := func(dir string) []string {
		var lin struct {
			Statuses []lineage.ModelStatus `json:"statuses"`
		}
		readJSON(t, filepath.Join(dir, "lineage.json"), &lin)
		var out []string
		for _, s := range lin.Statuses {
			out = append(out, s.Model)
		}
		slices.Sort(out)
		return out
	}
	objects := func(dir string) []string {
		var out []string
		for _, r := range readCSV(t, filepath.Join(dir, "findings.csv")) {
			out = append(out, r["object"])
		}
		return out
	}

	dir, _ := f.export(t, evidence.Scope{Datasets: []string{uriA}})
	if got := models(dir); !slices.Equal(got, []string{base, tuned}) {
		t.Errorf("--dataset A: models %v, want base and its fine-tune", got)
	}
	if got := objects(dir); len(got) != 2 || !strings.HasPrefix(got[0], uriA+"/") || !strings.HasPrefix(got[1], uriA+"/") {
		t.Errorf("--dataset A: findings in %v, want A's only", got)
	}
	for _, e := range readCSV(t, filepath.Join(dir, "estimates.csv")) {
		if e["level"] == "report" || e["dataset"] != uriA {
			t.Errorf("--dataset A: estimate %v", e)
		}
	}

	dir, _ = f.export(t, evidence.Scope{Models: []string{bonly + "@v1"}})
	if got := models(dir); !slices.Equal(got, []string{bonly}) {
		t.Errorf("--model b-only: models %v", got)
	}
	if got := objects(dir); len(got) != 1 || !strings.HasPrefix(got[0], uriB+"/") {
		t.Errorf("--model b-only: findings in %v, want B's only", got)
	}
	var verdicts []lineage.Verdict
	readJSON(t, filepath.Join(dir, "verdicts.json"), &verdicts)
	if len(verdicts) != 0 {
		t.Errorf("--model b-only: the verdict on A is in scope: %v", verdicts)
	}

	dir, _ = f.export(t, evidence.Scope{Models: []string{tuned}})
	if got := models(dir); !slices.Equal(got, []string{base, tuned}) {
		t.Errorf("--model tuned: models %v, want it and its base", got)
	}
	if got := objects(dir); len(got) != 3 {
		t.Errorf("--model tuned: findings in %v, want A's and B's", got)
	}

	dir, res := f.export(t, evidence.Scope{Since: t0.Add(30 * time.Hour)})
	if res.Reports != 0 || res.Verdicts != 0 {
		t.Errorf("--since after the scan: %+v", res)
	}
	var lin struct {
		Runs        []lineage.Run        `json:"runs"`
		Revocations []lineage.Revocation `json:"revocations"`
	}
	readJSON(t, filepath.Join(dir, "lineage.json"), &lin)
	if len(lin.Runs) != 2 || len(lin.Revocations) != 1 {
		t.Errorf("--since: %d runs (want the two after it), %d revocations", len(lin.Runs), len(lin.Revocations))
	}
}

// TestExportRefusesNonEmpty: leftovers in the target would read as files
// added to the bundle.
func TestExportRefusesNonEmpty(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := evidence.Export(context.Background(), f.db, dir, evidence.ExportOptions{Signer: f.signer})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("export into a non-empty directory: %v", err)
	}
	empty := t.TempDir()
	if _, err := evidence.Export(context.Background(), f.db, empty, evidence.ExportOptions{Signer: f.signer}); err != nil {
		t.Fatalf("export into an empty directory: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(empty))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".partial-") {
			t.Errorf("staging directory left behind: %s", e.Name())
		}
	}
}
