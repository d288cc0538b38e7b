package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/residuehq/residue/sources"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/format"
)

// scanOptions are the scan command's flags.
type scanOptions struct {
	format         string
	output         string
	workers        int
	full           bool
	sampleRate     float64
	sampleRows     int64
	untilConfident bool
	maxRate        float64
	confidence     float64
	maxRows        int64
	seed           uint64
	maxFindings    int
	minLikelihood  string
	failOn         string
	quiet          bool
	maxRecordBytes int
	maxRatio       int
	stores         storeOptions
	shard          string
	shards         int
	objectRate     float64
	maxObjects     int
	record         bool
}

func newScanCommand(e *env, g *globals) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Scan files, directories and buckets for sensitive data",
		Long: `Scan files and directories (recursively; file:// URLs too), S3 prefixes
(s3://bucket/prefix) and GCS prefixes (gs://bucket/prefix) for sensitive
data: JSONL/NDJSON, CSV/TSV and text, plain or compressed with gzip or zstd,
and Parquet and Arrow IPC. A directory laid out as a dataset (Hugging Face
data/train-*.parquet, train/ and test/ folders) is reported per dataset and
split.

Every record is read unless --sample-rate, --sample-rows or
--until-confident says otherwise. The readable summary goes to standard
output; --format json writes the residue.report/v1 object instead.
Findings carry a masked preview and a keyed fingerprint, never the value.

Exit status: 0 ran (and --fail-on, if given, was not reached); 1 a finding
reached --fail-on; 2 could not run (usage, a root that cannot be read).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), e, g, o, args, cmd.Flags().Changed("full"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.IntVar(&o.workers, "workers", 0, "objects and file parts read at once (default: every core)")
	f.BoolVar(&o.full, "full", true, "read every record")
	f.Float64Var(&o.sampleRate, "sample-rate", 0, "read each record with this probability (0 < R < 1) and estimate prevalence")
	f.Int64Var(&o.sampleRows, "sample-rows", 0, "read a random sample of about this many rows across all inputs, allocated by their row counts")
	f.BoolVar(&o.untilConfident, "until-confident", false, "sample in rounds until every infoType's rate is decided against --max-rate at --confidence")
	f.Float64Var(&o.maxRate, "max-rate", 0.001, "with --until-confident: the rate to decide against")
	f.Float64Var(&o.confidence, "confidence", 0.95, "with --until-confident: the confidence of the decision")
	f.Int64Var(&o.maxRows, "max-rows", 0, "with --until-confident: the row budget (0: every row)")
	f.Uint64Var(&o.seed, "seed", 1, "seed for sampling: the same input and seed give the same report")
	f.IntVar(&o.maxFindings, "max-findings", -1, "list at most this many findings in the report (counts stay exact; -1: all)")
	f.StringVar(&o.minLikelihood, "min-likelihood", "", "report findings at or above this likelihood (default POSSIBLE, or the configuration's)")
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding at or above this likelihood exists")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress display")
	f.IntVar(&o.maxRecordBytes, "max-record-bytes", format.DefaultMaxRecordBytes, "longest record read; longer ones are cut and reported")
	f.IntVar(&o.maxRatio, "max-decompression-ratio", format.DefaultMaxRatio, "stop decompressing an object past this output/input ratio")
	f.BoolVar(&o.record, "record", false, "record every root as a new version of its dataset in the state database (--db): manifest, fingerprint index, summary")
	f.Float64Var(&o.objectRate, "object-sample-rate", 0, "read each object with this probability, stratified by partition (folder) and format, at least one per stratum")
	f.IntVar(&o.maxObjects, "max-objects", 0, "read at most this many objects, allocated to partitions and formats by their sizes (lists the bucket twice)")
	f.StringVar(&o.shard, "shard", "", "read only shard I of N (objects split by a hash of their path in the dataset); join the reports with residue merge")
	f.IntVar(&o.shards, "shards", 0, "with $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job): the same as --shard $JOB_COMPLETION_INDEX/N")
	o.stores.flags(f)
	return cmd
}

// scanPlan is a validated scan: what to read and how.
type scanPlan struct {
	roots  []sampling.Root
	cfg    sampling.Config
	failOn classify.Likelihood
}

func (o *scanOptions) plan(e *env, g *globals, args []string, fullSet bool) (*scanPlan, error) {
	p := &scanPlan{}
	switch o.format {
	case "text", "json":
	default:
		return nil, fmt.Errorf("--format %q: want text or json", o.format)
	}
	set, _, err := g.detectors(e)
	if err != nil {
		return nil, err
	}
	minLike := classify.Possible
	if set.opts.MinLikelihood != 0 {
		minLike = set.opts.MinLikelihood
	}
	if o.minLikelihood != "" {
		if minLike, err = classify.ParseLikelihood(o.minLikelihood); err != nil {
			return nil, fmt.Errorf("--min-likelihood: %w", err)
		}
	}
	if o.failOn != "" {
		if p.failOn, err = classify.ParseLikelihood(o.failOn); err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
		// A finding below --min-likelihood is never made, so --fail-on
		// below it could never fire; widen the net instead.
		minLike = min(minLike, p.failOn)
	}
	if o.sampleRate < 0 || o.sampleRate >= 1 && o.sampleRate != 1 {
		return nil, fmt.Errorf("--sample-rate %v: want a probability between 0 and 1", o.sampleRate)
	}
	modes := 0
	for _, on := range []bool{o.sampleRate > 0 && o.sampleRate < 1, o.sampleRows > 0, o.untilConfident} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return nil, fmt.Errorf("--sample-rate, --sample-rows and --until-confident exclude each other")
	}
	if fullSet && o.full && modes > 0 {
		return nil, fmt.Errorf("--full and sampling exclude each other")
	}
	if o.sampleRows < 0 {
		return nil, fmt.Errorf("--sample-rows must not be negative")
	}
	if o.maxRecordBytes <= 0 {
		return nil, fmt.Errorf("--max-record-bytes must be positive")
	}
	if o.workers < 0 {
		return nil, fmt.Errorf("--workers must not be negative")
	}
	key, err := g.key(e)
	if err != nil {
		return nil, err
	}
	set.opts.MinLikelihood = minLike
	eng, err := classify.NewEngine(key, set.detectors, set.opts)
	if err != nil {
		return nil, fmt.Errorf("load detectors: %w", err)
	}
	reg := o.stores.registry(e)
	for _, a := range args {
		st, root, err := reg.Resolve(a)
		if err != nil {
			return nil, err
		}
		p.roots = append(p.roots, sampling.Root{Store: st, URL: root})
	}
	p.cfg = sampling.Config{
		Engine:      eng,
		Workers:     o.workers,
		SampleRate:  o.sampleRate,
		SampleRows:  o.sampleRows,
		Seed:        o.seed,
		MaxFindings: o.maxFindings,
		Format:      format.Options{MaxRecordBytes: o.maxRecordBytes, MaxRatio: o.maxRatio},
	}
	if o.untilConfident {
		p.cfg.UntilConfident = &sampling.Confident{MaxRate: o.maxRate, Confidence: o.confidence, MaxRows: o.maxRows}
	}
	if p.cfg.Shard, err = parseShard(e, o.shard, o.shards); err != nil {
		return nil, err
	}
	if o.objectRate != 0 || o.maxObjects != 0 {
		if o.objectRate < 0 || o.objectRate >= 1 {
			return nil, fmt.Errorf("--object-sample-rate %v: want a probability between 0 and 1", o.objectRate)
		}
		if o.maxObjects < 0 {
			return nil, fmt.Errorf("--max-objects must not be negative")
		}
		p.cfg.Objects = &sampling.ObjectSample{Rate: o.objectRate, Max: o.maxObjects}
	}
	return p, nil
}

func runScan(ctx context.Context, e *env, g *globals, o *scanOptions, args []string, fullSet bool) error {
	p, err := o.plan(e, g, args, fullSet)
	if err != nil {
		return err
	}
	var idx fingerprintIndex
	if o.record {
		p.cfg.Done = idx.add
	}
	rep, err := execute(ctx, e, p, o.quiet)
	if err != nil {
		return err
	}
	if o.record {
		if _, err := recordScan(ctx, e, g, rep, &idx, "scan"); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	if err := writeReportTo(ctx, o.stores.registry(e), e, o.format, o.output, rep); err != nil {
		return err
	}
	return verdict(rep, p.failOn)
}

// execute runs a plan with a progress display on a terminal.
func execute(ctx context.Context, e *env, p *scanPlan, quiet bool) (*sampling.Report, error) {
	prog := &sampling.Progress{}
	p.cfg.Progress = prog
	if !quiet && isTerminal(e.stderr) {
		stop := startProgress(e.stderr, prog, time.Now)
		defer stop()
	}
	return sampling.Run(ctx, p.roots, p.cfg)
}

func writeReport(e *env, fmtName, output string, rep *sampling.Report) error {
	return writeReportTo(context.Background(), nil, e, fmtName, output, rep)
}

// writeReportTo writes the report to standard output, a file, or an
// object store URL (s3://bucket/reports/part-0.json: where shards leave
// their parts for residue merge).
func writeReportTo(ctx context.Context, reg *sources.Registry, e *env, fmtName, output string, rep *sampling.Report) error {
	if output == "" {
		return render(e.stdout, fmtName, rep)
	}
	if reg != nil && isRemote(output) {
		st, _, err := reg.Resolve(output)
		if err != nil {
			return err
		}
		w, ok := st.(sources.Writer)
		if !ok {
			return fmt.Errorf("write report: %s cannot be written to", output)
		}
		var buf bytes.Buffer
		if err := render(&buf, fmtName, rep); err != nil {
			return err
		}
		if err := w.Put(ctx, output, buf.Bytes()); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	f, err := os.Create(output)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := render(f, fmtName, rep); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func render(w io.Writer, fmtName string, rep *sampling.Report) error {
	if fmtName == "json" {
		return evidence.WriteJSON(w, rep)
	}
	return evidence.WriteSummary(w, rep, evidence.SummaryOptions{})
}

// verdict turns a finished report into the exit status: roots that could
// not be read at all make the run a failure to run; --fail-on makes it a
// failed check.
func verdict(rep *sampling.Report, failOn classify.Likelihood) error {
	if n := rep.Totals.RootsFailed; n > 0 {
		return fmt.Errorf("%d of %d roots could not be read (see skipped)", n, len(rep.Roots))
	}
	if failOn == 0 {
		return nil
	}
	var n int64
	for _, it := range rep.InfoTypes {
		for l, c := range it.Likelihood {
			if like, err := classify.ParseLikelihood(l); err == nil && like >= failOn {
				n += c
			}
		}
	}
	if n > 0 {
		noun := "findings"
		if n == 1 {
			noun = "finding"
		}
		return fmt.Errorf("%w: %s %s at or above %s", errFailOn, strconv.FormatInt(n, 10), noun, failOn)
	}
	return nil
}

// parseShard reads --shard I/N, or --shards N with the index a Kubernetes
// Indexed Job gives each pod.
func parseShard(e *env, shard string, shards int) (sampling.Shard, error) {
	switch {
	case shard != "" && shards != 0:
		return sampling.Shard{}, fmt.Errorf("--shard and --shards exclude each other")
	case shard != "":
		var s sampling.Shard
		is, ns, ok := strings.Cut(shard, "/")
		i, err1 := strconv.Atoi(is)
		n, err2 := strconv.Atoi(ns)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return s, fmt.Errorf("--shard %q: want I/N with 0 <= I < N", shard)
		}
		return sampling.Shard{Index: i, Count: n}, nil
	case shards != 0:
		idx := e.getenv("JOB_COMPLETION_INDEX")
		i, err := strconv.Atoi(idx)
		if idx == "" || err != nil || shards < 1 || i < 0 || i >= shards {
			return sampling.Shard{}, fmt.Errorf("--shards %d: JOB_COMPLETION_INDEX is %q, want 0 to %d", shards, idx, shards-1)
		}
		return sampling.Shard{Index: i, Count: shards}, nil
	}
	return sampling.Shard{}, nil
}

// isRemote reports whether a URL names an object store rather than a path.
func isRemote(u string) bool {
	i := strings.Index(u, "://")
	return i > 0 && !strings.EqualFold(u[:i], "file")
}
