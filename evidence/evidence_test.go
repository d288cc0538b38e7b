package evidence_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/sampling"
)

func sampleReport() *sampling.Report {
	row := int64(3)
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return &sampling.Report{
		Schema: sampling.Schema, Started: t0, Finished: t0.Add(4 * time.Second), Seed: 1, Mode: sampling.ModeFull,
		MinLikelihood: classify.Possible, FingerprintKey: "abc123", Roots: []string{"/data"},
		Objects: []sampling.Object{{URL: "file:///data/part-0.jsonl", Format: "jsonl", Size: 1048576, Version: "v",
			Rows: 5000, RowsScanned: 5000, BytesRead: 1048576, Findings: 1,
			Errors: []sampling.ObjectError{{Row: &row, Reason: "invalid JSON at byte 4: unexpected character"}}, ErrorsTotal: 1}},
		Skipped: []sampling.Skipped{{URL: "file:///data/blob.bin", Reason: "unknown format (binary)"}},
		Findings: []sampling.Finding{{InfoType: classify.EmailAddress, Likelihood: classify.VeryLikely,
			Location: sampling.Location{Object: "file:///data/part-0.jsonl", Row: 12, Field: "text", Offset: 40, Length: 21},
			Preview:  "j***@e******.com", Detector: "email"}},
		FindingsTotal: 1,
		InfoTypes: []sampling.InfoTypeStat{{InfoType: classify.EmailAddress, Category: "contact", Findings: 1,
			Likelihood: map[string]int64{"VERY_LIKELY": 1}, Objects: 1}},
		Estimates: []sampling.Estimate{sampling.NewEstimate(classify.EmailAddress, 5000, 1, 5000)},
		Totals:    sampling.Totals{Objects: 1, Skipped: 1, ObjectErrors: 1, Rows: 5000, RowsScanned: 5000, BytesRead: 1048576, Findings: 1},
	}
}

// TestJSONShape checks the residue.report/v1 contract of INFOTYPES.md:
// the keys and value types other tools parse.
func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := evidence.WriteJSON(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "started", "finished", "seed", "mode", "objects", "skipped", "findings", "estimates"} {
		if _, ok := m[k]; !ok {
			t.Errorf("report has no %q", k)
		}
	}
	if m["schema"] != "residue.report/v1" || m["started"] != "2026-01-02T03:04:05Z" || m["mode"] != "full" {
		t.Errorf("schema/started/mode = %v %v %v", m["schema"], m["started"], m["mode"])
	}
	obj := m["objects"].([]any)[0].(map[string]any)
	for _, k := range []string{"url", "format", "size", "version", "rows", "rows_scanned", "bytes_read"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("object has no %q", k)
		}
	}
	f := m["findings"].([]any)[0].(map[string]any)
	if f["info_type"] != "EMAIL_ADDRESS" || f["likelihood"] != "VERY_LIKELY" || f["preview"] != "j***@e******.com" {
		t.Errorf("finding = %v", f)
	}
	if fp, _ := f["fingerprint"].(string); !strings.HasPrefix(fp, "hmac-sha256:") || len(fp) != len("hmac-sha256:")+64 {
		t.Errorf("fingerprint = %q", fp)
	}
	loc := f["location"].(map[string]any)
	want := map[string]any{"object": "file:///data/part-0.jsonl", "row": 12.0, "field": "text", "offset": 40.0, "length": 21.0}
	for k, v := range want {
		if loc[k] != v {
			t.Errorf("location.%s = %v, want %v", k, loc[k], v)
		}
	}
	if _, ok := loc["part"]; ok {
		t.Error("location.part present on a value finding")
	}
	e := m["estimates"].([]any)[0].(map[string]any)
	for _, k := range []string{"info_type", "rows_sampled", "rows_with_hits", "rate", "ci95", "rows_total", "rows_with_hits_estimated"} {
		if _, ok := e[k]; !ok {
			t.Errorf("estimate has no %q", k)
		}
	}
	if ci := e["ci95"].([]any); len(ci) != 2 || ci[0] != 0.0002 || ci[1] != 0.0002 {
		t.Errorf("full-scan ci95 = %v, want the rate twice", ci)
	}
}

func TestSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := evidence.WriteSummary(&buf, sampleReport(), evidence.SummaryOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"residue scan: 1 object, 5,000 rows (5,000 scanned), 1.0 MB read in 4s (full scan)",
		"1 finding at or above POSSIBLE",
		"EMAIL_ADDRESS", "file:///data/part-0.jsonl",
		"file:///data/blob.bin: unknown format (binary)",
		"file:///data/part-0.jsonl row 3: invalid JSON at byte 4: unexpected character",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestSummaryDecoded: where the text scanned outgrew the bytes fetched
// (compressed or columnar objects), the first line says both.
func TestSummaryDecoded(t *testing.T) {
	rep := sampleReport()
	rep.Totals.BytesDecoded = 2_000_000
	var buf bytes.Buffer
	if err := evidence.WriteSummary(&buf, rep, evidence.SummaryOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "1.0 MB read (2.0 MB decoded) in 4s"; !strings.Contains(buf.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, buf.String())
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 1_500_000: "1.5 MB", 2_000_000_000: "2.0 GB"} {
		if got := evidence.Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSummaryDecision: the decision is stated at its overall confidence,
// and the bounds listed under it at the stricter level of the last round.
func TestSummaryDecision(t *testing.T) {
	rep := sampleReport()
	rep.Mode = sampling.ModeSampled
	rep.Decision = &sampling.Decision{MaxRate: 0.01, Confidence: 0.95, RoundConfidence: 0.99375, Verdict: sampling.VerdictClean,
		RowsSampled: 1200, RowsTotal: 5000, Rounds: 3,
		InfoTypes: []sampling.TypeDecision{{InfoType: "*", Upper: 0.004, Verdict: sampling.VerdictClean}}}
	var buf bytes.Buffer
	if err := evidence.WriteSummary(&buf, rep, evidence.SummaryOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Decision: CLEAN at 95% confidence: every infoType's rate below 1.00% (1,200 of 5,000 rows sampled, 3 rounds).",
		"any other infoType           clean        rate in [0%, 0.400%]",
		"(bounds at 99.38%, the last round's share of the error, so the decision holds at 95% over all rounds)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestSummaryDecisionClaims: the decision's line says that it is about
// every infoType's rate (or every group's), whatever the verdict.
func TestSummaryDecisionClaims(t *testing.T) {
	for _, c := range []struct {
		verdict string
		groups  bool
		want    string
	}{
		{sampling.VerdictClean, false, "Decision: CLEAN at 95% confidence: every infoType's rate below 0.100% (1,200 of 5,000 rows sampled, 1 round)."},
		{sampling.VerdictAbove, false, "Decision: ABOVE at 95% confidence: some infoType's rate above 0.100% ("},
		{sampling.VerdictInconclusive, false, "Decision: INCONCLUSIVE at 95% confidence: the rows ran out before every infoType's rate was told from 0.100% ("},
		{sampling.VerdictAbove, true, "Decision: ABOVE at 95% confidence: some group's rate above its limit ("},
	} {
		rep := sampleReport()
		rep.Mode = sampling.ModeSampled
		rep.Decision = &sampling.Decision{MaxRate: 0.001, Confidence: 0.95, Verdict: c.verdict, RowsSampled: 1200, RowsTotal: 5000, Rounds: 1}
		if c.groups {
			rep.Decision.Groups = []sampling.TypeDecision{{InfoType: "secrets", MaxRate: 0, Verdict: c.verdict}}
		}
		var buf bytes.Buffer
		if err := evidence.WriteSummary(&buf, rep, evidence.SummaryOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("summary lacks %q:\n%s", c.want, buf.String())
		}
	}
}
