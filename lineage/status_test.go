package lineage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

var t0 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// scanned records a finished version of a dataset: objects with the
// fingerprints they hold ("fp:LIKELIHOOD", e.g. "x:LIKELY"), as a scan
// that read them in full (or not) records it.
func scanned(t *testing.T, s *lineage.DB, uri string, at time.Time, full bool, objects map[string][]string) int64 {
	t.Helper()
	ctx := context.Background()
	d, err := s.Dataset(ctx, uri, at)
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := s.OpenRun(ctx, d.ID, "scan-"+at.Format(time.RFC3339Nano), 1, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(objects)) {
		var fps []lineage.FingerprintCount
		for _, f := range objects[name] {
			fp, lk, _ := strings.Cut(f, ":")
			l, err := classify.ParseLikelihood(lk)
			if err != nil {
				t.Fatal(err)
			}
			fps = append(fps, lineage.FingerprintCount{InfoType: "EMAIL_ADDRESS", Fingerprint: "hmac-sha256:" + fp, Count: 1, Likelihood: l})
		}
		if err := s.PutObject(ctx, v.ID, lineage.ObjectRecord{URL: uri + "/" + name, ObjectVersion: "e1", Size: 1,
			Status: lineage.StatusScanned, Recorded: at}, fps); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FinishVersion(ctx, v.ID, json.RawMessage(`{}`), full, at); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

func ds(uri string) lineage.Ref              { return lineage.Ref{Kind: lineage.KindDataset, URI: uri} }
func model(uri string) lineage.Ref           { return lineage.Ref{Kind: lineage.KindModel, URI: uri} }
func at(r lineage.Ref, v string) lineage.Ref { r.Version = v; return r }

func run(t *testing.T, s *lineage.DB, name string, when time.Time, in []lineage.Ref, out ...lineage.Ref) {
	t.Helper()
	if _, err := s.RecordRun(context.Background(), lineage.RunRecord{Key: name, Name: name, Time: when, Inputs: in,
		Outputs: out, Strict: true}, when); err != nil {
		t.Fatal(err)
	}
}

// world records the lineage every status case starts from:
//
//	s3://b/a (scanned in full; a/1 holds subject x, LIKELY) ─┬─ train-base ─> base ─┐
//	s3://b/b (b/1 holds y, POSSIBLE) ─── train-b ─> mb       ├─ fine-tune (+ b) ─> tuned
//	s3://b/a ── derive-d ─> s3://b/d (placeholder) ── train-d ─> md
//	s3://b/a ── derive-e ─> s3://b/e (scanned in full, no x) ── train-e ─> me
func world(t *testing.T, s *lineage.DB) {
	scanned(t, s, "s3://b/a", t0, true, map[string][]string{"1.jsonl": {"x:LIKELY"}, "2.jsonl": nil})
	scanned(t, s, "s3://b/b", t0, false, map[string][]string{"1.jsonl": {"y:POSSIBLE"}})
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	run(t, s, "train-base", day(2), []lineage.Ref{ds("s3://b/a")}, at(model("m://base"), "1"))
	run(t, s, "train-b", day(2), []lineage.Ref{ds("s3://b/b")}, at(model("m://mb"), "1"))
	run(t, s, "fine-tune", day(4), []lineage.Ref{model("m://base"), ds("s3://b/b")}, at(model("m://tuned"), "1"))
	run(t, s, "derive-d", day(2), []lineage.Ref{ds("s3://b/a")}, ds("s3://b/d"))
	run(t, s, "train-d", day(3), []lineage.Ref{ds("s3://b/d")}, at(model("m://md"), "1"))
	scanned(t, s, "s3://b/e", day(2), true, map[string][]string{"1.jsonl": {"z:LIKELY"}})
	run(t, s, "derive-e", day(2), []lineage.Ref{ds("s3://b/a")}, ds("s3://b/e"))
	run(t, s, "train-e", day(3), []lineage.Ref{ds("s3://b/e")}, at(model("m://me"), "1"))
}

func statuses(t *testing.T, s *lineage.DB, o lineage.StatusOptions) map[string]lineage.ModelStatus {
	t.Helper()
	st, err := s.Statuses(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]lineage.ModelStatus{}
	for _, x := range st {
		m[x.Model+"@"+x.Version] = x
	}
	return m
}

func testStatusRules(t *testing.T, fresh func(t *testing.T) string) {
	ctx := context.Background()
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	subject := func(fp string, eff time.Time) lineage.Revocation {
		return lineage.Revocation{Kind: lineage.RevokeSubject, InfoType: "EMAIL_ADDRESS", Fingerprints: []string{"hmac-sha256:" + fp},
			Reason: "erasure-request", Effective: eff, Recorded: eff}
	}
	target := func(kind, target string) lineage.Revocation {
		return lineage.Revocation{Kind: kind, Target: target, Reason: "access-removed", Effective: day(1), Recorded: day(1)}
	}
	cases := []struct {
		name    string
		revoke  []lineage.Revocation
		min     classify.Likelihood
		extra   func(t *testing.T, s *lineage.DB, revs []int64)
		want    string // model@version=STATUS, sorted
		checkFn func(t *testing.T, st map[string]lineage.ModelStatus)
	}{
		{name: "nothing revoked",
			want: "m://base@1=SENSITIVE m://mb@1=CLEAN m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=SENSITIVE"},
		{name: "possible findings count at POSSIBLE", min: classify.Possible,
			want: "m://base@1=SENSITIVE m://mb@1=SENSITIVE m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=SENSITIVE"},
		{name: "subject: through fine-tunes and placeholders, not through a full scan without it",
			revoke: []lineage.Revocation{subject("x", day(3))},
			want:   "m://base@1=TAINTED m://mb@1=CLEAN m://md@1=TAINTED m://me@1=SENSITIVE m://tuned@1=TAINTED",
			checkFn: func(t *testing.T, st map[string]lineage.ModelStatus) {
				base, tuned := st["m://base@1"].Reasons[0], st["m://tuned@1"].Reasons[0]
				if base.TrainedAfter || !tuned.TrainedAfter {
					t.Errorf("trained after: base %v (day 2, revoked day 3), tuned %v (day 4)", base.TrainedAfter, tuned.TrainedAfter)
				}
				if got := pathString(tuned.Path); got != "model_version m://tuned@1 < run fine-tune < model_version m://base@1 < run train-base < dataset_version s3://b/a < fingerprint s3://b/a/1.jsonl EMAIL_ADDRESS < revocation" {
					t.Errorf("path of tuned: %s", got)
				}
				if !strings.Contains(tuned.Text, "trained after") || !strings.Contains(base.Text, "trained before") {
					t.Errorf("texts: %q, %q", tuned.Text, base.Text)
				}
			}},
		{name: "subject held only by a derived version's own scan",
			revoke: []lineage.Revocation{subject("z", day(1))},
			want:   "m://base@1=SENSITIVE m://mb@1=CLEAN m://md@1=SENSITIVE m://me@1=TAINTED m://tuned@1=SENSITIVE"},
		{name: "object: inherited through every derived version",
			revoke: []lineage.Revocation{target(lineage.RevokeObject, "s3://b/a/2.jsonl")},
			want:   "m://base@1=TAINTED m://mb@1=CLEAN m://md@1=TAINTED m://me@1=TAINTED m://tuned@1=TAINTED",
			checkFn: func(t *testing.T, st map[string]lineage.ModelStatus) {
				if got := pathString(st["m://base@1"].Reasons[0].Path); got != "model_version m://base@1 < run train-base < dataset_version s3://b/a < object s3://b/a/2.jsonl < revocation" {
					t.Errorf("path: %s", got)
				}
			}},
		{name: "object of another version of the object",
			revoke: []lineage.Revocation{{Kind: lineage.RevokeObject, Target: "s3://b/a/2.jsonl", ObjectVersion: "e9", Reason: "object-deleted", Effective: day(1)}},
			want:   "m://base@1=SENSITIVE m://mb@1=CLEAN m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=SENSITIVE"},
		{name: "prefix of objects",
			revoke: []lineage.Revocation{target(lineage.RevokePrefix, "s3://b/b/")},
			want:   "m://base@1=SENSITIVE m://mb@1=TAINTED m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=TAINTED"},
		{name: "prefix of datasets",
			revoke: []lineage.Revocation{target(lineage.RevokePrefix, "s3://b/d")},
			want:   "m://base@1=SENSITIVE m://mb@1=CLEAN m://md@1=TAINTED m://me@1=SENSITIVE m://tuned@1=SENSITIVE"},
		{name: "prefix matching nothing",
			revoke: []lineage.Revocation{target(lineage.RevokePrefix, "s3://b/c")},
			want:   "m://base@1=SENSITIVE m://mb@1=CLEAN m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=SENSITIVE"},
		{name: "dataset",
			revoke: []lineage.Revocation{target(lineage.RevokeDataset, "s3://b/b/")},
			want:   "m://base@1=SENSITIVE m://mb@1=TAINTED m://md@1=SENSITIVE m://me@1=SENSITIVE m://tuned@1=TAINTED"},
		{name: "remediated version, its fine-tune still tainted",
			revoke: []lineage.Revocation{subject("x", day(3))},
			extra: func(t *testing.T, s *lineage.DB, revs []int64) {
				if _, err := s.Remediate(ctx, lineage.Remediation{Model: "m://base", Version: "1", RevocationID: revs[0],
					Method: "unlearning", Evidence: "ticket 7", Recorded: day(5)}); err != nil {
					t.Fatal(err)
				}
			},
			want: "m://base@1=REMEDIATED m://mb@1=CLEAN m://md@1=TAINTED m://me@1=SENSITIVE m://tuned@1=TAINTED"},
		{name: "retrained on a version without the subject",
			revoke: []lineage.Revocation{subject("x", day(3))},
			extra: func(t *testing.T, s *lineage.DB, revs []int64) {
				scanned(t, s, "s3://b/a", day(5), true, map[string][]string{"2.jsonl": nil})
				run(t, s, "retrain-base", day(6), []lineage.Ref{ds("s3://b/a")}, at(model("m://base"), "2"))
			},
			want: "m://base@1=TAINTED m://base@2=CLEAN m://mb@1=CLEAN m://md@1=TAINTED m://me@1=SENSITIVE m://tuned@1=TAINTED"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t, fresh(t))
			world(t, s)
			var ids []int64
			for _, r := range c.revoke {
				id, err := s.Revoke(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			if c.extra != nil {
				c.extra(t, s, ids)
			}
			st := statuses(t, s, lineage.StatusOptions{MinLikelihood: c.min, AllVersions: true})
			var got []string
			for _, k := range slices.Sorted(maps.Keys(st)) {
				got = append(got, k+"="+st[k].Status)
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("statuses\n got %s\nwant %s", strings.Join(got, " "), c.want)
				for _, k := range slices.Sorted(maps.Keys(st)) {
					for _, r := range st[k].Reasons {
						t.Logf("%s: %s", k, r.Text)
					}
				}
			}
			if c.checkFn != nil {
				c.checkFn(t, st)
			}
		})
	}
}

func pathString(p []lineage.Step) string {
	var parts []string
	for _, s := range p {
		x := s.Kind
		if s.URI != "" && s.Kind != lineage.StepRevocation {
			x += " " + s.URI
		}
		if s.Kind == lineage.StepModelVersion {
			x += "@" + s.Version
		}
		if s.Kind == lineage.StepRun {
			x += " " + s.Name
		}
		if s.Kind == lineage.StepFingerprint {
			x += " " + s.InfoType
		}
		parts = append(parts, x)
	}
	return strings.Join(parts, " < ")
}

func testRunRecords(t *testing.T, dsn string) {
	ctx := context.Background()
	s := open(t, dsn)
	v := scanned(t, s, "s3://b/a", t0, true, nil)
	// START then COMPLETE of one run: one run, the union of its edges, a
	// model version of its own named by its start.
	start := lineage.RunRecord{Key: "r1", Name: "train", State: "START", Time: t0.Add(time.Hour),
		Inputs: []lineage.Ref{ds("s3://b/a")}, Outputs: []lineage.Ref{model("m://x")}}
	if _, err := s.RecordRun(ctx, start, t0); err != nil {
		t.Fatal(err)
	}
	done := start
	done.State, done.Time = "COMPLETE", t0.Add(2*time.Hour)
	done.Inputs = append(done.Inputs, ds("s3://b/extra"))
	if _, err := s.RecordRun(ctx, done, t0); err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].State != "COMPLETE" || !runs[0].Started.Equal(start.Time) || !runs[0].Ended.Equal(done.Time) ||
		len(runs[0].Inputs) != 2 || len(runs[0].Outputs) != 1 {
		t.Fatalf("runs: %+v", runs)
	}
	// A late RUNNING event does not reopen a finished run.
	late := start
	late.State, late.Time = "RUNNING", t0.Add(3*time.Hour)
	if _, err := s.RecordRun(ctx, late, t0); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Runs(ctx); again[0].State != "COMPLETE" || !again[0].Ended.Equal(late.Time) {
		t.Errorf("after a late RUNNING: %+v", again[0])
	}
	if in := runs[0].Inputs[0]; in.ID != v || in.URI != "s3://b/a" {
		t.Errorf("input: %+v, want version %d", in, v)
	}
	if out := runs[0].Outputs[0]; out.Version != "2026-10-01T01:00:00Z" {
		t.Errorf("output model version %q", out.Version)
	}
	// The command line is strict about versions it names.
	for _, in := range []lineage.Ref{at(ds("s3://b/a"), "nope"), at(model("m://x"), "9"), model("m://never")} {
		if _, err := s.RecordRun(ctx, lineage.RunRecord{Key: "r2", Name: "bad", Inputs: []lineage.Ref{in}, Strict: true}, t0); err == nil {
			t.Errorf("input %+v accepted", in)
		}
	}
	if runs, _ := s.Runs(ctx); len(runs) != 1 {
		t.Errorf("a refused run left %d runs", len(runs))
	}
	// A dataset version named by its ID.
	if _, err := s.RecordRun(ctx, lineage.RunRecord{Key: "r3", Name: "by-id", Inputs: []lineage.Ref{at(ds("s3://b/a"), fmt.Sprint(v))},
		Outputs: []lineage.Ref{at(model("m://x"), "v2")}, Strict: true}, t0); err != nil {
		t.Fatal(err)
	}
	// A producer's numeric version is a label, never a recording's ID.
	if _, err := s.RecordRun(ctx, lineage.RunRecord{Key: "r4", Name: "delta", Inputs: []lineage.Ref{at(ds("s3://b/a"), fmt.Sprint(v))},
		Outputs: []lineage.Ref{at(model("m://y"), "1")}}, t0); err != nil {
		t.Fatal(err)
	}
	for _, r := range must(s.Runs(ctx)) {
		if r.Key == "r4" && (r.Inputs[0].ID == v || r.Inputs[0].Version != fmt.Sprint(v)) {
			t.Errorf("a producer's version %d: %+v", v, r.Inputs[0])
		}
	}
	mvs, _ := s.ModelVersions(ctx)
	if len(mvs) != 3 || mvs[1].Version != "v2" || !mvs[1].Latest || mvs[0].Latest {
		t.Errorf("model versions: %+v", mvs)
	}
	// Bad revocations are refused.
	for _, r := range []lineage.Revocation{{Kind: "subject", Reason: "other"}, {Kind: "object", Reason: "other"},
		{Kind: "object", Target: "s3://b/a/1", Reason: "because"}, {Kind: "bucket", Target: "s3://b", Reason: "other"}} {
		if _, err := s.Revoke(ctx, r); err == nil {
			t.Errorf("revocation %+v accepted", r)
		}
	}
	if _, err := s.Remediate(ctx, lineage.Remediation{Model: "m://x", Version: "v2", RevocationID: 42, Method: "retrain"}); err == nil {
		t.Error("remediation of a revocation that does not exist accepted")
	}
}

func testModelsHolding(t *testing.T, dsn string) {
	s := open(t, dsn)
	world(t, s)
	got, err := s.ModelsHolding(context.Background(), "EMAIL_ADDRESS", []string{"hmac-sha256:x"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Model+"@"+e.Version)
	}
	if fmt.Sprint(names) != "[m://base@1 m://md@1 m://tuned@1]" {
		t.Errorf("models holding x: %v", names)
	}
	if revs, _ := s.Revocations(context.Background()); len(revs) != 0 {
		t.Errorf("tracing recorded revocations: %+v", revs)
	}
}

func testVerdicts(t *testing.T, dsn string) {
	ctx := context.Background()
	s := open(t, dsn)
	v := scanned(t, s, "s3://b/a", t0, true, map[string][]string{"1.jsonl": {"x:LIKELY", "y:POSSIBLE"}})
	for i, verdict := range []string{"fail", "pass"} {
		if _, err := s.AddVerdict(ctx, lineage.Verdict{VersionID: v, Policy: "policy.yaml", PolicyDigest: "sha256:p",
			Verdict: verdict, Detail: json.RawMessage(`{"rules":[]}`), Decided: t0.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Verdicts(ctx, t0.Add(time.Minute))
	if err != nil || len(got) != 1 || got[0].Verdict != "pass" || got[0].Dataset != "s3://b/a" || string(got[0].Detail) != `{"rules":[]}` {
		t.Fatalf("verdicts since: %+v %v", got, err)
	}
	if _, err := s.AddReport(ctx, "scan", []int64{v}, json.RawMessage(`{"schema":"x"}`), t0); err != nil {
		t.Fatal(err)
	}
	var reports []lineage.StoredReport
	if err := s.Reports(ctx, t0, func(r lineage.StoredReport) error { reports = append(reports, r); return nil }); err != nil ||
		len(reports) != 1 || fmt.Sprint(reports[0].Versions) != fmt.Sprint([]int64{v}) || string(reports[0].Body) != `{"schema":"x"}` {
		t.Fatalf("reports: %+v %v", reports, err)
	}
	vs, err := s.DatasetVersions(ctx, time.Time{})
	if err != nil || len(vs) != 1 || vs[0].ID != v || !vs[0].Complete || vs[0].InfoTypes["EMAIL_ADDRESS"] != 2 || vs[0].Digest == "" {
		t.Fatalf("dataset versions: %+v %v", vs, err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
