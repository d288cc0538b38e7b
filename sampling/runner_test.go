package sampling_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/format"
	"github.com/residuehq/residue/sources/local"
)

func engine(t testing.TB) *classify.Engine {
	t.Helper()
	key, err := classify.NewKey([]byte("sampling test key..............."), "test")
	if err != nil {
		t.Fatal(err)
	}
	e, err := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func writeDataset(t testing.TB, dir string, spec synth.Spec) []synth.Truth {
	t.Helper()
	return writeObject(t, filepath.Join(dir, spec.Object), func(w io.Writer, fn func(synth.Truth)) error {
		_, err := synth.Write(w, spec, fn)
		return err
	})
}

// writeObject writes a generated object to path and returns its truth.
func writeObject(t testing.TB, path string, write func(io.Writer, func(synth.Truth)) error) []synth.Truth {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	var truth []synth.Truth
	if err := write(w, func(tr synth.Truth) { truth = append(truth, tr) }); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return truth
}

func scan(t testing.TB, dir string, cfg sampling.Config) *sampling.Report {
	t.Helper()
	cfg.Engine = engine(t)
	cfg.MaxFindings = -1
	rep, err := sampling.Run(context.Background(), []sampling.Root{{Store: local.New(), URL: dir}}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestUnitsKeepRowsExact: splitting large files into many byte-range units
// read in parallel gives exactly the rows of reading each file whole.
func TestUnitsKeepRowsExact(t *testing.T) {
	dir := t.TempDir()
	writeDataset(t, dir, synth.Spec{Kind: synth.ChatJSONL, Object: "chat.jsonl", Rows: 3000, Seed: 1, PlantRate: 0.2})
	writeDataset(t, dir, synth.Spec{Kind: synth.TextLog, Object: "app.log", Rows: 5000, Seed: 2, PlantRate: 0.2})
	whole := scan(t, dir, sampling.Config{Workers: 1})
	split := scan(t, dir, sampling.Config{Workers: 4, Format: format.Options{UnitBytes: 4096}})
	if whole.Totals.Findings == 0 {
		t.Fatal("no findings to compare")
	}
	if !slices.EqualFunc(whole.Findings, split.Findings, func(a, b sampling.Finding) bool { return a == b }) {
		t.Errorf("findings differ: %d whole, %d split", len(whole.Findings), len(split.Findings))
		for i := range min(len(whole.Findings), len(split.Findings)) {
			if whole.Findings[i] != split.Findings[i] {
				t.Fatalf("first difference at %d: %+v vs %+v", i, whole.Findings[i].Location, split.Findings[i].Location)
			}
		}
	}
	for i := range whole.Objects {
		if whole.Objects[i].Rows != split.Objects[i].Rows {
			t.Errorf("%s: %d rows whole, %d split", whole.Objects[i].URL, whole.Objects[i].Rows, split.Objects[i].Rows)
		}
	}
}

// TestSampledEstimates: a sample's interval holds the true share of rows
// with findings, and rows_total counts every row.
func TestSampledEstimates(t *testing.T) {
	dir := t.TempDir()
	writeDataset(t, dir, synth.Spec{Kind: synth.ProseJSONL, Object: "p.jsonl", Rows: 20000, Seed: 3, PlantRate: 0.05,
		InfoTypes: []string{classify.EmailAddress}})
	full := scan(t, dir, sampling.Config{})
	var truth sampling.Estimate
	for _, e := range full.Estimates {
		if e.InfoType == classify.EmailAddress {
			truth = e
		}
	}
	if truth.Method != sampling.MethodExact || truth.RowsTotal != 20000 {
		t.Fatalf("full estimate %+v", truth)
	}
	covered := 0
	const seeds = 25
	for seed := uint64(1); seed <= seeds; seed++ {
		rep := scan(t, dir, sampling.Config{SampleRate: 0.1, Seed: seed})
		if rep.Mode != sampling.ModeSampled || rep.Totals.Rows != 20000 {
			t.Fatalf("mode %q rows %d", rep.Mode, rep.Totals.Rows)
		}
		if s := rep.Totals.RowsScanned; s < 1600 || s > 2400 {
			t.Errorf("seed %d: scanned %d rows at rate 0.1 of 20000", seed, s)
		}
		for _, e := range rep.Estimates {
			if e.InfoType == classify.EmailAddress && e.CI95[0] <= truth.Rate && truth.Rate <= e.CI95[1] {
				covered++
			}
		}
	}
	if covered < seeds*85/100 {
		t.Errorf("interval held the true rate in %d of %d samples", covered, seeds)
	}
}

func TestSkippedAndErrors(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "bin.dat"), []byte{0, 1, 2, 3, 0, 0, 0, 9, 0xff, 0}, 0o644))
	must(os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{\"a\": 1}\n{oops\n{\"b\": \"x\"}\n"), 0o644))
	must(os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling")))
	must(os.Symlink(dir, filepath.Join(dir, "loop")))
	rep := scan(t, dir, sampling.Config{})
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[filepath.Base(s.URL)] = s.Reason
	}
	for _, name := range []string{"empty.txt", "bin.dat", "dangling", "loop"} {
		if reasons[name] == "" {
			t.Errorf("%s not in skipped: %v", name, reasons)
		}
	}
	if len(rep.Objects) != 1 || rep.Objects[0].Rows != 3 || len(rep.Objects[0].Errors) != 1 || *rep.Objects[0].Errors[0].Row != 1 {
		t.Errorf("bad.jsonl: %+v", rep.Objects)
	}
}

// TestValuesNeverBecomePaths: a JSON key that is an email address and a
// CSV whose first row is data must not put values into field paths; the
// key is reported as a finding in the path.
func TestValuesNeverBecomePaths(t *testing.T) {
	dir := t.TempDir()
	g := synth.New(21)
	email := g.Value(classify.EmailAddress).Text
	other := g.Value(classify.EmailAddress).Text
	if err := os.WriteFile(filepath.Join(dir, "keys.jsonl"),
		[]byte(`{"users": {"`+email+`": {"name": "x", "role": "admin"}}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "noheader.csv"),
		[]byte("1,"+other+",active\n2,"+email+",inactive\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := scan(t, dir, sampling.Config{})
	var pathFindings, csvRows []int64
	for _, f := range rep.Findings {
		for _, v := range []string{email, other} {
			if strings.Contains(f.Location.Field, v) || strings.Contains(f.Preview, v) {
				t.Errorf("a value leaked into a finding: field %q", f.Location.Field)
			}
		}
		switch filepath.Base(f.Location.Object) {
		case "keys.jsonl":
			if f.Location.Part == "path" {
				pathFindings = append(pathFindings, f.Location.Row)
			}
			if !strings.HasPrefix(f.Location.Field, `users["{EMAIL_ADDRESS:`) {
				t.Errorf("field %q does not mask the key", f.Location.Field)
			}
		case "noheader.csv":
			if f.Location.Field != "col_2" {
				t.Errorf("headerless CSV field %q, want col_2", f.Location.Field)
			}
			csvRows = append(csvRows, f.Location.Row)
		}
	}
	if len(pathFindings) != 1 {
		t.Errorf("the key was reported %d times, want once for its record", len(pathFindings))
	}
	if !slices.Equal(csvRows, []int64{0, 1}) {
		t.Errorf("headerless CSV findings on rows %v, want [0 1]", csvRows)
	}
}

// TestInvalidUTF8Offsets: invalid UTF-8 before a value leaves offsets
// byte-accurate in every format, and multi-byte characters count as their
// bytes.
func TestInvalidUTF8Offsets(t *testing.T) {
	dir := t.TempDir()
	email := synth.New(31).Value(classify.EmailAddress).Text
	prefix := "\xff\xfe ü mail "
	files := map[string]string{
		"a.txt":   "first line\n" + prefix + email + "\n",
		"b.jsonl": `{"id": 1}` + "\n" + `{"text": "` + prefix + email + `"}` + "\n",
		"c.csv":   "id,note\n1,x\n2,\"" + prefix + email + "\"\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := scan(t, dir, sampling.Config{})
	want := map[string]sampling.Location{
		"a.txt":   {Row: 1, Field: "text", Offset: len(prefix), Length: len(email)},
		"b.jsonl": {Row: 1, Field: "text", Offset: len(prefix), Length: len(email)},
		"c.csv":   {Row: 1, Field: "note", Offset: len(prefix), Length: len(email)},
	}
	if len(rep.Findings) != len(want) {
		t.Fatalf("%d findings, want %d: %+v", len(rep.Findings), len(want), rep.Findings)
	}
	for _, f := range rep.Findings {
		name := filepath.Base(f.Location.Object)
		got := f.Location
		got.Object = ""
		if got != want[name] {
			t.Errorf("%s: location %+v, want %+v", name, got, want[name])
		}
	}
}

func TestColumnProfiles(t *testing.T) {
	dir := t.TempDir()
	g := synth.New(77)
	var b strings.Builder
	b.WriteString("id,email,card,note\n")
	for i := range 400 {
		email := ""
		if i%4 != 0 { // a quarter of the emails are missing
			email = g.Value(classify.EmailAddress).Text
		}
		card := fmt.Sprintf("%016d", 1000000000000000+i*7919) // card-shaped ids, mostly failing Luhn
		fmt.Fprintf(&b, "%d,%s,%s,%s\n", i, email, card, "plain words "+strconv.Itoa(i%10))
	}
	if err := os.WriteFile(filepath.Join(dir, "t.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	chat := `{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"mail ` + g.Value(classify.EmailAddress).Text + `"}]}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(strings.Repeat(chat, 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := scan(t, dir, sampling.Config{})
	cols := map[string]sampling.ColumnProfile{}
	for _, o := range rep.Objects {
		for _, c := range o.Columns {
			cols[filepath.Base(o.URL)+":"+c.Column] = c
		}
	}
	email := cols["t.csv:email"]
	if email.Dominant != classify.EmailAddress || email.Nulls != 100 || email.NullRate != 0.25 {
		t.Errorf("email column: %+v", email)
	}
	if it := email.InfoTypes[0]; it.RowsWithHits != 300 || it.MatchRate != 1 || it.ValidatorPassRate == nil || *it.ValidatorPassRate != 1 {
		t.Errorf("email column infoType: %+v", it)
	}
	if d := email.DistinctEstimate; d < 290 || d > 300 {
		t.Errorf("email distinct estimate %d, want about 300", d)
	}
	if id := cols["t.csv:id"]; id.Dominant != "" || id.DistinctEstimate < 390 || id.DistinctEstimate > 400 {
		t.Errorf("id column: %+v", id)
	}
	if note := cols["t.csv:note"]; note.DistinctEstimate != 10 {
		t.Errorf("note distinct estimate %d, want 10", note.DistinctEstimate)
	}
	card := cols["t.csv:card"]
	if len(card.InfoTypes) > 0 {
		it := card.InfoTypes[0]
		if it.ValidatorPassRate == nil || *it.ValidatorPassRate > 0.3 {
			t.Errorf("card-shaped ids: %+v (pass rate should be low)", it)
		}
	}
	content := cols["c.jsonl:messages[].content"]
	if content.Rows != 3 || content.Nulls != 0 || content.Dominant != classify.EmailAddress || content.InfoTypes[0].RowsWithHits != 3 {
		t.Errorf("folded chat column: %+v", content)
	}
	if _, ok := cols["c.jsonl:messages[1].content"]; ok {
		t.Error("list indexes were not folded")
	}
}

// TestBytesDecodedTotals: the totals count the text scanned after
// decompression, over every object, and merged shards add up to one run.
func TestBytesDecodedTotals(t *testing.T) {
	dir := t.TempDir()
	writeDataset(t, dir, synth.Spec{Kind: synth.ChatJSONL, Object: "chat.jsonl", Rows: 2000, Seed: 1, PlantRate: 0.05})
	writeObject(t, filepath.Join(dir, "log.gz"), func(w io.Writer, fn func(synth.Truth)) error {
		zw := gzip.NewWriter(w)
		if _, err := synth.Write(zw, synth.Spec{Kind: synth.TextLog, Object: "log.gz", Rows: 4000, Seed: 2}, fn); err != nil {
			return err
		}
		return zw.Close()
	})
	rep := scan(t, dir, sampling.Config{Workers: 2})
	var read, decoded int64
	for _, o := range rep.Objects {
		read += o.BytesRead
		decoded += o.BytesDecoded
		if o.Compression == "gzip" && o.BytesDecoded <= o.BytesRead {
			t.Errorf("%s: %d bytes decoded from %d read", o.URL, o.BytesDecoded, o.BytesRead)
		}
	}
	if len(rep.Objects) != 2 || rep.Totals.BytesRead != read || rep.Totals.BytesDecoded != decoded || decoded <= read {
		t.Fatalf("%d objects; totals %d read, %d decoded; objects %d read, %d decoded",
			len(rep.Objects), rep.Totals.BytesRead, rep.Totals.BytesDecoded, read, decoded)
	}
	var shards []*sampling.Report
	for i := range 2 {
		shards = append(shards, scan(t, dir, sampling.Config{Workers: 1, Shard: sampling.Shard{Index: i, Count: 2}}))
	}
	merged, err := sampling.Merge(shards)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Totals.BytesDecoded != decoded {
		t.Errorf("merged shards decoded %d bytes, one run %d", merged.Totals.BytesDecoded, decoded)
	}
}
