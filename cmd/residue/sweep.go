package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/format"
	"github.com/residuehq/residue/sources/local"
)

type sweepOptions struct {
	shard   string
	shards  int
	run     string
	format  string
	workers int
	quiet   bool
	stores  storeOptions
}

func newSweepCommand(e *env, g *globals) *cobra.Command {
	o := &sweepOptions{}
	cmd := &cobra.Command{
		Use:   "sweep [URL...]",
		Short: "Sweep the configured sources, recording each as a dataset version",
		Long: `Sweep the sources listed under sources: in the configuration (and any URL
given), and record each as a new version of its dataset in the state
database: the manifest of objects (URL, version, size) with its digest, what
was found in each object (counts and keyed fingerprints, never values), and
the scan summary.

A sweep is incremental: an object whose version (ETag, generation, mtime and
size) is unchanged since the dataset's last version is not read again; its
earlier result is carried over. Objects recorded last time and no longer
listed are recorded as gone, objects the store refuses as access-denied:
the signals that revoke access to data. A sweep killed midway is resumed by
the next one, which does not read again the objects already recorded; the
first SIGINT or SIGTERM lets the objects being read finish and keeps the
version open for that resumption, a second stops at once.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSweep(cmd.Context(), e, g, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.IntVar(&o.workers, "workers", 0, "objects and file parts read at once (default: every core)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress display")
	f.StringVar(&o.shard, "shard", "", "sweep only shard I of N of the objects; the shards of one run record one version (needs a database they share: --db postgres://…)")
	f.IntVar(&o.shards, "shards", 0, "with $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job): the same as --shard $JOB_COMPLETION_INDEX/N")
	f.StringVar(&o.run, "run", "", "with --shard: the name the shards of one sweep share (default $RESIDUE_SWEEP_RUN, else today's UTC date)")
	o.stores.flags(f)
	return cmd
}

// sweepSource is one source to sweep.
type sweepSource struct {
	url        string
	sampleRate float64
	seed       uint64
}

// SweepSummary is what one source's sweep did.
type SweepSummary struct {
	Dataset   string    `json:"dataset"`
	Version   int64     `json:"version"`
	Digest    string    `json:"digest,omitempty"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished,omitzero"`
	Resumed   bool      `json:"resumed"`
	Completed bool      `json:"completed"`
	// Run and Shard name the part of a sharded sweep this summary is of;
	// ShardsDone counts the shards of the run that have finished.
	Run        string `json:"run,omitempty"`
	Shard      string `json:"shard,omitempty"`
	ShardsDone int    `json:"shards_done,omitempty"`
	New        int64  `json:"new"`
	Changed    int64  `json:"changed"`
	Unchanged  int64  `json:"unchanged"`
	// DoneBefore counts objects an interrupted sweep of this version had
	// recorded already.
	DoneBefore int64 `json:"done_before_interruption"`
	Gone       int64 `json:"gone"`
	Denied     int64 `json:"denied"`
	Failed     int64 `json:"failed"`
	// Retried counts the objects given a last pass after failing once;
	// those that failed again are in Failed.
	Retried int64 `json:"retried,omitempty"`
	Skipped int64 `json:"skipped"`
	// Read is what this sweep read: objects, rows, bytes, findings.
	Read struct {
		Objects  int64 `json:"objects"`
		Rows     int64 `json:"rows"`
		Bytes    int64 `json:"bytes"`
		Findings int64 `json:"findings"`
	} `json:"read"`
	// InfoTypes counts findings per infoType across every object of the
	// version, read now or carried over.
	InfoTypes map[string]int64 `json:"info_types"`
	// Whole counts, for the shard that sealed a sharded sweep's version,
	// the objects of the whole version; the counts above are its part.
	Whole *lineage.VersionCounts `json:"version_objects,omitempty"`
}

// openDB opens the state database --db names.
func (g *globals) openDB(ctx context.Context, e *env) (*lineage.DB, error) {
	path, err := g.dbPath(e)
	if err != nil {
		return nil, err
	}
	return lineage.Open(ctx, path)
}

// dbPath resolves the state database: --db, $RESIDUE_DB, else residue.db
// in the state directory.
func (g *globals) dbPath(e *env) (string, error) {
	p := g.db
	if p == "" {
		p = e.getenv("RESIDUE_DB")
	}
	if p != "" {
		return p, nil
	}
	dir, err := g.resolveStateDir(e)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create state directory: %w", err)
	}
	return filepath.Join(dir, "residue.db"), nil
}

func runSweep(ctx context.Context, e *env, g *globals, o *sweepOptions, args []string) error {
	switch o.format {
	case "text", "json":
	default:
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	set, cfg, err := g.detectors(e)
	if err != nil {
		return err
	}
	var srcs []sweepSource
	if cfg != nil {
		for _, s := range cfg.Sources {
			srcs = append(srcs, sweepSource{url: s.URL, sampleRate: s.SampleRate, seed: s.Seed})
		}
	}
	for _, a := range args {
		srcs = append(srcs, sweepSource{url: a})
	}
	if len(srcs) == 0 {
		return errors.New("nothing to sweep: list sources: in the configuration or give URLs")
	}
	key, err := g.key(e)
	if err != nil {
		return err
	}
	if set.opts.MinLikelihood == 0 {
		set.opts.MinLikelihood = classify.Possible
	}
	eng, err := classify.NewEngine(key, set.detectors, set.opts)
	if err != nil {
		return fmt.Errorf("load detectors: %w", err)
	}
	st, err := g.openDB(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()

	// The first signal (the context's end) drains: objects being read are
	// finished and recorded. A second one stops at once.
	runCtx, hardStop := context.WithCancel(context.WithoutCancel(ctx))
	defer hardStop()
	go func() {
		select {
		case <-ctx.Done():
		case <-runCtx.Done():
			return
		}
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(ch)
		select {
		case <-ch:
			hardStop()
		case <-runCtx.Done():
		}
	}()

	shard, err := parseShard(e, o.shard, o.shards)
	if err != nil {
		return err
	}
	run := ""
	if shard.Count > 1 {
		if run = o.run; run == "" {
			run = e.getenv("RESIDUE_SWEEP_RUN")
		}
		if run == "" {
			run = time.Now().UTC().Format("2006-01-02")
		}
	}
	reg := o.stores.registry(e)
	var sums []SweepSummary
	var runErr error
	for _, src := range srcs {
		sum, err := sweepOne(runCtx, ctx.Done(), e, o, reg, st, eng, src, shard, run)
		if sum != nil {
			sums = append(sums, *sum)
		}
		if err != nil {
			runErr = err
			break
		}
	}
	if werr := writeSweep(e, o.format, sums); werr != nil && runErr == nil {
		runErr = werr
	}
	if runErr == nil && ctx.Err() != nil {
		runErr = ctx.Err()
	}
	return runErr
}

// datasetURI names a source's dataset: file:// and the absolute path for
// local roots, the URL as given for buckets; no trailing slash.
func datasetURI(root string) (string, error) {
	if i := strings.Index(root, "://"); i > 0 && !strings.EqualFold(root[:i], "file") {
		return strings.TrimRight(root, "/"), nil
	}
	p, err := local.Path(root)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(local.URL(p), "/"), nil
}

func sweepOne(ctx context.Context, drain <-chan struct{}, e *env, o *sweepOptions, reg *sources.Registry,
	st lineage.Store, eng *classify.Engine, src sweepSource, shard sampling.Shard, run string) (*SweepSummary, error) {
	store, root, err := reg.Resolve(src.url)
	if err != nil {
		return nil, err
	}
	uri, err := datasetURI(src.url)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	ds, err := st.Dataset(ctx, uri, now)
	if err != nil {
		return nil, err
	}
	prev, hasPrev, err := st.LatestVersion(ctx, ds.ID)
	if err != nil {
		return nil, err
	}
	var cur lineage.Version
	var resumed bool
	if shard.Count > 1 {
		cur, resumed, err = st.OpenRun(ctx, ds.ID, run, shard.Count, now)
	} else {
		cur, resumed, err = st.OpenVersion(ctx, ds.ID, now)
	}
	if err != nil {
		return nil, err
	}
	sum := &SweepSummary{Dataset: uri, Version: cur.ID, Started: now.UTC(), Resumed: resumed}
	if shard.Count > 1 {
		sum.Run, sum.Shard = run, fmt.Sprintf("%d/%d", shard.Index, shard.Count)
	}

	var mu sync.Mutex
	var recErr error
	fail := func(err error) {
		mu.Lock()
		if recErr == nil {
			recErr = err
		}
		mu.Unlock()
	}
	// status remembers, for objects that are read, whether they are new or
	// changed, to be counted once they are recorded.
	var status sync.Map
	var newN, changedN, unchangedN, doneBefore, denied, skipped atomic.Int64
	// failed holds the objects that could not be read, for the last pass.
	var failedMu sync.Mutex
	failed := map[string]bool{}

	skip := func(obj sources.Object) bool {
		if rec, ok, err := st.Object(ctx, cur.ID, obj.URL); err != nil {
			fail(err)
			return true
		} else if ok && rec.ObjectVersion == obj.Version && (rec.Status == lineage.StatusScanned || rec.Status == lineage.StatusReused) {
			doneBefore.Add(1)
			return true
		}
		if hasPrev {
			rec, ok, err := st.Object(ctx, prev.ID, obj.URL)
			if err != nil {
				fail(err)
				return true
			}
			if ok && rec.ObjectVersion == obj.Version && (rec.Status == lineage.StatusScanned || rec.Status == lineage.StatusReused) {
				if err := st.ReuseObject(ctx, prev.ID, cur.ID, obj.URL, time.Now()); err != nil {
					fail(err)
				}
				unchangedN.Add(1)
				return true
			}
			if ok {
				status.Store(obj.URL, "changed")
				return false
			}
		}
		status.Store(obj.URL, "new")
		return false
	}
	done := func(obj sampling.Object, findings []sampling.Finding) {
		fps := fingerprintCounts(nil, findings).list()
		result, err := json.Marshal(obj)
		if err != nil {
			fail(err)
			return
		}
		if err := st.PutObject(ctx, cur.ID, lineage.ObjectRecord{URL: obj.URL, ObjectVersion: obj.Version, Size: obj.Size,
			Status: lineage.StatusScanned, Result: result, Recorded: time.Now()}, fps); err != nil {
			fail(err)
			return
		}
		if s, _ := status.Load(obj.URL); s == "changed" {
			changedN.Add(1)
		} else {
			newN.Add(1)
		}
		failedMu.Lock()
		delete(failed, obj.URL)
		failedMu.Unlock()
	}
	skippedFn := func(url string, err error) {
		rec := lineage.ObjectRecord{URL: url, Status: lineage.StatusFailed, Reason: err.Error(), Recorded: time.Now()}
		switch {
		case errors.Is(err, sources.ErrPermission):
			rec.Status = lineage.StatusDenied
			denied.Add(1)
			if err := st.AddSignal(ctx, lineage.Signal{DatasetID: ds.ID, VersionID: cur.ID, URL: url, Kind: lineage.SignalDenied,
				Reason: err.Error(), At: time.Now()}); err != nil {
				fail(err)
			}
			note := "a sweep was refused: " + err.Error()
			if _, err := st.Revoke(ctx, lineage.Revocation{Kind: lineage.RevokeObject, Target: url, Reason: "access-removed",
				Note: note, Source: "sweep", Effective: time.Now(), Recorded: time.Now()}); err != nil {
				fail(err)
			}
		case errors.Is(err, format.ErrUnsupported):
			skipped.Add(1)
			return
		default:
			failedMu.Lock()
			failed[url] = true
			failedMu.Unlock()
		}
		if err := st.PutObject(ctx, cur.ID, rec, nil); err != nil {
			fail(err)
		}
	}
	cfg := sampling.Config{
		Engine: eng, Workers: o.workers, SampleRate: src.sampleRate, Seed: src.seed, MaxFindings: 0,
		Skip: skip, Done: done, Skipped: skippedFn, Drain: drain, Shard: shard,
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	rep, runErr := sampling.Run(ctx, []sampling.Root{{Store: store, URL: root}}, cfg)
	if errors.Is(runErr, sampling.ErrDrained) {
		runErr = nil
	} else if runErr != nil {
		return sum, fmt.Errorf("sweep %s: %w", src.url, runErr)
	}
	if len(failed) > 0 && !isClosed(drain) && recErr == nil {
		// A last pass over the objects that failed: a bad minute of the
		// store (resets, throttling past every retry) should not cost them
		// until the next sweep.
		retry := map[string]bool{}
		for u := range failed {
			retry[u] = true
		}
		sum.Retried = int64(len(retry))
		again := cfg
		again.Skip = func(obj sources.Object) bool { return !retry[obj.URL] }
		rep2, err := sampling.Run(ctx, []sampling.Root{{Store: store, URL: root}}, again)
		if err != nil && !errors.Is(err, sampling.ErrDrained) {
			return sum, fmt.Errorf("sweep %s: last pass: %w", src.url, err)
		}
		if rep2 != nil && rep != nil {
			rep.Totals.Objects += rep2.Totals.Objects
			rep.Totals.RowsScanned += rep2.Totals.RowsScanned
			rep.Totals.BytesRead += rep2.Totals.BytesRead
			rep.Totals.Findings += rep2.Totals.Findings
		}
	}
	if recErr != nil {
		return sum, fmt.Errorf("sweep %s: record: %w", src.url, recErr)
	}
	if rep != nil {
		if rep.Totals.RootsFailed > 0 {
			for _, s := range rep.Skipped {
				if s.URL == root {
					return sum, fmt.Errorf("sweep %s: %s", src.url, s.Reason)
				}
			}
		}
		sum.Read.Objects, sum.Read.Rows, sum.Read.Bytes, sum.Read.Findings =
			rep.Totals.Objects, rep.Totals.RowsScanned, rep.Totals.BytesRead, rep.Totals.Findings
	}
	sum.New, sum.Changed, sum.Unchanged, sum.DoneBefore = newN.Load(), changedN.Load(), unchangedN.Load(), doneBefore.Load()
	sum.Denied, sum.Failed, sum.Skipped = denied.Load(), int64(len(failed)), skipped.Load()
	if isClosed(drain) {
		// Interrupted: the version stays open; the next sweep resumes it.
		return sum, nil
	}
	if shard.Count > 1 {
		// The last shard to finish seals the version, once every part of
		// the manifest is in.
		n, err := st.ShardDone(ctx, cur.ID, shard.Index, time.Now())
		if err != nil {
			return sum, err
		}
		sum.ShardsDone = n
		if n < shard.Count {
			return sum, nil
		}
		if ok, err := st.ClaimSeal(ctx, cur.ID, shard.Index); err != nil || !ok {
			return sum, err
		}
		// The sealing shard speaks for the whole version too.
		var prevID int64
		if hasPrev {
			prevID = prev.ID
		}
		whole, err := st.CountObjects(ctx, cur.ID, prevID)
		if err != nil {
			return sum, err
		}
		sum.Whole = &whole
	}
	if hasPrev {
		if err := st.Missing(ctx, prev.ID, cur.ID, func(r lineage.ObjectRecord) error {
			sum.Gone++
			if err := st.AddSignal(ctx, lineage.Signal{DatasetID: ds.ID, VersionID: cur.ID, URL: r.URL, Kind: lineage.SignalGone,
				ObjectVersion: r.ObjectVersion, At: time.Now()}); err != nil {
				return err
			}
			// The data was deleted: models trained on versions that held
			// it still embody it.
			_, err := st.Revoke(ctx, lineage.Revocation{Kind: lineage.RevokeObject, Target: r.URL, ObjectVersion: r.ObjectVersion,
				Reason: "object-deleted", Note: "gone at a sweep", Source: "sweep", Effective: time.Now(), Recorded: time.Now()})
			return err
		}); err != nil {
			return sum, err
		}
	}
	if sum.InfoTypes, err = st.InfoTypeCounts(ctx, cur.ID); err != nil {
		return sum, err
	}
	summary, err := json.Marshal(sum)
	if err != nil {
		return sum, err
	}
	sum.Finished = time.Now().UTC()
	sum.Completed = true
	if sum.Digest, err = st.FinishVersion(ctx, cur.ID, summary, src.sampleRate <= 0 || src.sampleRate >= 1, sum.Finished); err != nil {
		return sum, err
	}
	return sum, nil
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func writeSweep(e *env, format string, sums []SweepSummary) error {
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sums)
	}
	for _, s := range sums {
		state := "recorded as version " + fmt.Sprint(s.Version)
		switch {
		case s.Shard != "" && !s.Completed && s.ShardsDone > 0:
			state = fmt.Sprintf("shard %s of run %s recorded its part of version %d (%d shards done; the last seals it)", s.Shard, s.Run, s.Version, s.ShardsDone)
		case !s.Completed:
			state = fmt.Sprintf("interrupted: version %d stays open and the next sweep resumes it", s.Version)
		case s.Shard != "":
			state = fmt.Sprintf("shard %s of run %s, the last to finish, sealed version %d", s.Shard, s.Run, s.Version)
		}
		fmt.Fprintf(e.stdout, "residue sweep: %s, %s\n", s.Dataset, state)
		if s.Digest != "" {
			fmt.Fprintf(e.stdout, "  manifest digest %s\n", s.Digest)
		}
		fmt.Fprintf(e.stdout, "  objects: %d new, %d changed, %d unchanged, %d gone, %d denied, %d failed, %d skipped",
			s.New, s.Changed, s.Unchanged, s.Gone, s.Denied, s.Failed, s.Skipped)
		if s.Whole != nil {
			fmt.Fprintf(e.stdout, " in this shard\n  the whole version: %d new, %d changed, %d unchanged, %d gone, %d denied, %d failed",
				s.Whole.New, s.Whole.Changed, s.Whole.Unchanged, s.Gone, s.Whole.Denied, s.Whole.Failed)
		}
		if s.DoneBefore > 0 {
			fmt.Fprintf(e.stdout, ", %d recorded before an interruption", s.DoneBefore)
		}
		if s.Retried > 0 {
			fmt.Fprintf(e.stdout, " (%d failed once and were tried again)", s.Retried)
		}
		fmt.Fprintln(e.stdout)
		fmt.Fprintf(e.stdout, "  read: %d objects, %s rows, %s, %s findings\n", s.Read.Objects, evidence.Count(s.Read.Rows),
			evidence.Bytes(s.Read.Bytes), evidence.Count(s.Read.Findings))
		if len(s.InfoTypes) > 0 {
			fmt.Fprintf(e.stdout, "  findings in the version: %s\n", infoTypeLine(s.InfoTypes))
		}
	}
	return nil
}

// infoTypeLine lists infoTypes with their counts, by name.
func infoTypeLine(m map[string]int64) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %s", n, evidence.Count(m[n]))
	}
	return strings.Join(parts, ", ")
}
