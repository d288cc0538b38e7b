package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/lineagetest"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/local"
)

// TestMain lets a test run the residue command in a child process (to kill
// it), by running this test binary with RESIDUE_TEST_MAIN set.
func TestMain(m *testing.M) {
	if os.Getenv("RESIDUE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func sweepJSON(t *testing.T, c *cli, args ...string) []SweepSummary {
	t.Helper()
	r := c.run(append([]string{"sweep", "-q", "--format", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("sweep exit %d: %s", r.code, r.stderr)
	}
	var s []SweepSummary
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("decode %q: %v", r.stdout, err)
	}
	return s
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSweepIncremental: a second sweep reads nothing unchanged; changes,
// deletions and additions are told apart; gone objects become signals;
// the versions' digests follow the manifests.
func TestSweepIncremental(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	for i := range 5 {
		writeFile(t, filepath.Join(data, fmt.Sprintf("part-%d.jsonl", i)),
			fmt.Sprintf(`{"text":"reach me at person%d@fjordpost.no"}`+"\n", i))
	}
	writeFile(t, filepath.Join(data, "blob.bin"), "\x00\x01\x02\x03binary")
	db := filepath.Join(dir, "state.db")
	c.env["RESIDUE_DB"] = db

	s1 := sweepJSON(t, c, data)[0]
	if s1.New != 5 || s1.Skipped != 1 || s1.Unchanged != 0 || s1.Read.Findings != 5 || s1.InfoTypes[classify.EmailAddress] != 5 || !s1.Completed {
		t.Fatalf("first sweep: %+v", s1)
	}
	s2 := sweepJSON(t, c, data)[0]
	if s2.Unchanged != 5 || s2.New+s2.Changed != 0 || s2.Read.Objects != 0 || s2.Digest != s1.Digest || s2.InfoTypes[classify.EmailAddress] != 5 {
		t.Fatalf("second sweep of the same data: %+v", s2)
	}

	writeFile(t, filepath.Join(data, "part-0.jsonl"), `{"text":"now two: a@fjordpost.no b@fjordpost.no"}`+"\n")
	// mtime granularity: make the change visible to the version stamp.
	later := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(data, "part-0.jsonl"), later, later)
	if err := os.Remove(filepath.Join(data, "part-1.jsonl")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(data, "sub", "part-9.jsonl"), `{"text":"c@fjordpost.no"}`+"\n")
	s3 := sweepJSON(t, c, data)[0]
	if s3.New != 1 || s3.Changed != 1 || s3.Unchanged != 3 || s3.Gone != 1 || s3.Read.Objects != 2 || s3.Digest == s2.Digest {
		t.Fatalf("after a change, a deletion and an addition: %+v", s3)
	}
	if n := s3.InfoTypes[classify.EmailAddress]; n != 2+3+1 {
		t.Errorf("emails in the version: %d, want 6", n)
	}

	st, err := lineage.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	uri := local.URL(data)
	ds, err := st.Dataset(context.Background(), uri, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := st.Signals(context.Background(), ds.ID)
	if err != nil || len(sigs) != 1 || sigs[0].Kind != lineage.SignalGone || !strings.HasSuffix(sigs[0].URL, "/part-1.jsonl") {
		t.Fatalf("signals %+v %v", sigs, err)
	}
	// The gone object is revoked, once however many sweeps notice it.
	revs, err := st.Revocations(context.Background())
	if err != nil || len(revs) != 1 || revs[0].Kind != lineage.RevokeObject || revs[0].Reason != "object-deleted" ||
		revs[0].Source != "sweep" || revs[0].Target != sigs[0].URL || revs[0].ObjectVersion != sigs[0].ObjectVersion {
		t.Errorf("revocations %+v %v, want the gone object's", revs, err)
	}
	if !strings.HasPrefix(s3.Dataset, "file:///") || strings.HasSuffix(s3.Dataset, "/") {
		t.Errorf("dataset URI %q: want file:// and the absolute path, no trailing slash", s3.Dataset)
	}
}

// denyStore is the local store refusing to open objects whose name holds
// "secret", as a bucket answers 403 for an object whose grant was removed.
type denyStore struct{ local.Store }

func (d denyStore) List(ctx context.Context, root string) iter.Seq2[sources.Object, error] {
	return d.Store.List(ctx, root)
}

func (d denyStore) Open(ctx context.Context, o sources.Object) (sources.Handle, error) {
	if strings.Contains(o.URL, "secret") {
		return nil, &sources.Error{Op: "open", Kind: sources.ErrPermission, Err: errors.New(o.URL + ": 403 Forbidden")}
	}
	return d.Store.Open(ctx, o)
}

// TestSweepDenied: an object the store refuses is recorded as denied with
// a signal, and the rest of the sweep goes on.
func TestSweepDenied(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	writeFile(t, filepath.Join(data, "ok.txt"), "mail x@fjordpost.no\n")
	writeFile(t, filepath.Join(data, "secret.txt"), "mail y@fjordpost.no\n")
	ctx := context.Background()
	st, eng, e := sweepFixture(t, dir)
	reg := sources.NewRegistry(denyStore{local.New()})
	sum, err := sweepOne(ctx, nil, e, &sweepOptions{}, reg, st, eng, sweepSource{url: data}, sampling.Shard{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Denied != 1 || sum.New != 1 || !sum.Completed {
		t.Fatalf("%+v", sum)
	}
	ds, _ := st.Dataset(ctx, sum.Dataset, time.Now())
	sigs, _ := st.Signals(ctx, ds.ID)
	if len(sigs) != 1 || sigs[0].Kind != lineage.SignalDenied || !strings.HasSuffix(sigs[0].URL, "/secret.txt") {
		t.Fatalf("signals %+v", sigs)
	}
	rec, ok, _ := st.Object(ctx, sum.Version, sigs[0].URL)
	if !ok || rec.Status != lineage.StatusDenied || !strings.Contains(rec.Reason, "403") {
		t.Errorf("denied object recorded as %+v", rec)
	}
	// Refused again the next night: still one revocation.
	if _, err := sweepOne(ctx, nil, e, &sweepOptions{}, reg, st, eng, sweepSource{url: data}, sampling.Shard{}, ""); err != nil {
		t.Fatal(err)
	}
	revs, err := st.Revocations(ctx)
	if err != nil || len(revs) != 1 || revs[0].Reason != "access-removed" || revs[0].Target != sigs[0].URL {
		t.Errorf("revocations %+v %v, want one of the denied object", revs, err)
	}
}

// TestSweepKillAndResume kills a sweep with SIGKILL once it has recorded
// some objects, and checks that the next sweep resumes the version without
// reading those objects again; then interrupts one with SIGTERM, which
// finishes the objects being read and leaves the version open.
func TestSweepKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "big")
	const files = 120
	for i := range files {
		var b bytes.Buffer
		if _, err := synth.Write(&b, synth.Spec{Kind: synth.ProseJSONL, Object: "x.jsonl", Rows: 400, Seed: uint64(i + 1), PlantRate: 0.05}, nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(data, fmt.Sprintf("part-%03d.jsonl", i)), b.String())
	}
	db := filepath.Join(dir, "state.db")
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "sweep", "-q", "--format", "json", "--workers", "1", "--state-dir", filepath.Join(dir, "st"), data)
		cmd.Env = append(os.Environ(), "RESIDUE_TEST_MAIN=1", "RESIDUE_DB="+db)
		return cmd
	}
	recorded := func() int {
		st, err := lineage.OpenSQLite(context.Background(), db)
		if err != nil {
			return 0
		}
		defer st.Close()
		n := 0
		st.Objects(context.Background(), 1, func(lineage.ObjectRecord) error { n++; return nil })
		return n
	}
	waitFor := func(cmd *exec.Cmd, atLeast int) int {
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if n := recorded(); n >= atLeast {
				return n
			}
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Kill()
		t.Fatalf("the sweep recorded fewer than %d objects in a minute", atLeast)
		return 0
	}

	cmd := child()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(cmd, 10)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	before := recorded()
	if before >= files {
		t.Fatalf("the sweep finished before it was killed (%d objects); make it slower", before)
	}

	// SIGTERM: the objects being read finish, the version stays open.
	cmd = child()
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(cmd, before+5)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var sums []SweepSummary
	if jerr := json.Unmarshal(out.Bytes(), &sums); jerr != nil || len(sums) != 1 {
		t.Fatalf("interrupted sweep printed %q (%v), exit %v", out.String(), jerr, err)
	}
	if s := sums[0]; s.Completed || !s.Resumed || s.DoneBefore != int64(before) || s.Version != 1 {
		t.Fatalf("interrupted sweep: %+v, want version 1 resumed with %d done before, not completed", s, before)
	}
	mid := recorded()

	cmd = child()
	out.Reset()
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("last sweep: %v", err)
	}
	if err := json.Unmarshal(out.Bytes(), &sums); err != nil {
		t.Fatal(err)
	}
	s := sums[0]
	if !s.Completed || s.Version != 1 || s.DoneBefore != int64(mid) || s.New != int64(files-mid) || s.Read.Objects != int64(files-mid) {
		t.Fatalf("resumed sweep: %+v; want version 1 completed, %d done before, %d read", s, mid, files-mid)
	}
	if n := recorded(); n != files {
		t.Errorf("version 1 holds %d objects, want %d", n, files)
	}
}

// flakyStore fails the first open of every object whose name holds
// "flaky", as a store does through a bad minute.
type flakyStore struct {
	local.Store
	mu    *sync.Mutex
	tried map[string]bool
}

func (f flakyStore) Open(ctx context.Context, o sources.Object) (sources.Handle, error) {
	f.mu.Lock()
	first := !f.tried[o.URL]
	f.tried[o.URL] = true
	f.mu.Unlock()
	if first && strings.Contains(o.URL, "flaky") {
		return nil, &sources.Error{Op: "open", Err: errors.New(o.URL + ": connection reset by peer")}
	}
	return f.Store.Open(ctx, o)
}

// TestSweepLastPass: objects that fail once get a last pass in the same
// sweep, and are recorded as read.
func TestSweepLastPass(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	for _, n := range []string{"a.txt", "flaky-1.txt", "flaky-2.txt"} {
		writeFile(t, filepath.Join(data, n), "mail z@fjordpost.no\n")
	}
	ctx := context.Background()
	st, eng, e := sweepFixture(t, dir)
	reg := sources.NewRegistry(flakyStore{local.New(), &sync.Mutex{}, map[string]bool{}})
	sum, err := sweepOne(ctx, nil, e, &sweepOptions{}, reg, st, eng, sweepSource{url: data}, sampling.Shard{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Retried != 2 || sum.Failed != 0 || sum.New != 3 || sum.Read.Objects != 3 || sum.InfoTypes[classify.EmailAddress] != 3 {
		t.Fatalf("%+v", sum)
	}
	rec, _, _ := st.Object(ctx, sum.Version, local.URL(filepath.Join(data, "flaky-1.txt")))
	if rec.Status != lineage.StatusScanned {
		t.Errorf("retried object recorded as %+v", rec)
	}
}

// sweepFixture opens a state database in dir and an engine, for tests
// that call sweepOne with stores of their own.
func sweepFixture(t *testing.T, dir string) (*lineage.DB, *classify.Engine, *env) {
	t.Helper()
	st, err := lineage.OpenSQLite(context.Background(), filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	key, _ := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	eng, err := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	return st, eng, &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
}

// TestSweepPostgres sweeps twice with the state in PostgreSQL, as the
// pods of a deployment share it.
func TestSweepPostgres(t *testing.T) {
	dsn := lineagetest.PostgresDSN(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	for i := range 4 {
		writeFile(t, filepath.Join(data, fmt.Sprintf("p%d.txt", i)), fmt.Sprintf("mail someone%d@fjordpost.no\n", i))
	}
	c := newCLI(t)
	c.env["RESIDUE_DB"] = dsn
	s1 := sweepJSON(t, c, data)[0]
	writeFile(t, filepath.Join(data, "p9.txt"), "mail late@fjordpost.no\n")
	s2 := sweepJSON(t, c, "--db", dsn, data)[0]
	if s1.New != 4 || s2.New != 1 || s2.Unchanged != 4 || s2.InfoTypes[classify.EmailAddress] != 5 || s2.Version == s1.Version {
		t.Fatalf("sweeps on PostgreSQL: %+v then %+v", s1, s2)
	}
}

// TestSweepShards: three shards of one run record one version; the last
// to finish seals it with every object; the next run reads only what
// changed, whichever shard holds it.
func TestSweepShards(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	for i := range 12 {
		writeFile(t, filepath.Join(data, fmt.Sprintf("part-%02d.txt", i)), fmt.Sprintf("mail someone%d@fjordpost.no\n", i))
	}
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	var version int64
	read := int64(0)
	for i := range 3 {
		s := sweepJSON(t, c, "--shard", fmt.Sprintf("%d/3", i), "--run", "night-1", data)[0]
		read += s.Read.Objects
		if version == 0 {
			version = s.Version
		}
		if s.Version != version || s.ShardsDone != i+1 || s.Completed != (i == 2) || s.Run != "night-1" {
			t.Fatalf("shard %d: %+v", i, s)
		}
		if i == 2 && (s.Digest == "" || s.InfoTypes[classify.EmailAddress] != 12 || s.Whole == nil || s.Whole.New != 12) {
			t.Fatalf("the sealing shard: %+v", s)
		}
		if i < 2 && s.Whole != nil {
			t.Errorf("shard %d counted the whole version before it was sealed", i)
		}
	}
	if read != 12 {
		t.Fatalf("the shards read %d objects in all, want 12", read)
	}
	writeFile(t, filepath.Join(data, "part-12.txt"), "mail new@fjordpost.no\n")
	var fresh, unchanged int64
	for i := range 3 {
		c.env["JOB_COMPLETION_INDEX"] = fmt.Sprint(i)
		s := sweepJSON(t, c, "--shards", "3", "--run", "night-2", data)[0]
		fresh += s.New + s.Changed
		unchanged += s.Unchanged
		if i == 2 && (!s.Completed || s.Version == version || s.InfoTypes[classify.EmailAddress] != 13 ||
			s.Whole == nil || *s.Whole != (lineage.VersionCounts{New: 1, Unchanged: 12})) {
			t.Fatalf("the second run's sealing shard: %+v %+v", s, s.Whole)
		}
	}
	if fresh != 1 || unchanged != 12 {
		t.Errorf("second run: %d new or changed, %d unchanged; want 1 and 12", fresh, unchanged)
	}
}
