package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources"
)

type mergeOptions struct {
	format string
	output string
	failOn string
	stores storeOptions
}

func newMergeCommand(e *env) *cobra.Command {
	o := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge REPORT...",
		Short: "Join the JSON reports of the shards of one scan into one report",
		Long: `Join the residue.report/v1 JSON reports that the shards of one scan wrote
(residue scan --shard I/N --format json -o DIR/part-I.json) into the report
one process would have written: objects, skipped objects and findings
together, counts summed, every estimate recomputed from the summed rows and
hits. A directory, or an s3:// or gs:// prefix, stands for the .json
reports in it; -o may name an object store URL too. The shards must share
the fingerprint key and their settings.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd.Context(), e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding at or above this likelihood exists")
	o.stores.flags(f)
	return cmd
}

func runMerge(ctx context.Context, e *env, o *mergeOptions, args []string) error {
	switch o.format {
	case "text", "json":
	default:
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	var failOn classify.Likelihood
	if o.failOn != "" {
		var err error
		if failOn, err = classify.ParseLikelihood(o.failOn); err != nil {
			return fmt.Errorf("--fail-on: %w", err)
		}
	}
	reg := o.stores.registry(e)
	var reps []*sampling.Report
	for _, a := range args {
		parts, err := readReports(ctx, reg, a)
		if err != nil {
			return err
		}
		reps = append(reps, parts...)
	}
	rep, err := sampling.Merge(reps)
	if err != nil {
		return err
	}
	if err := writeReportTo(ctx, reg, e, o.format, o.output, rep); err != nil {
		return err
	}
	return verdict(rep, failOn)
}

// readReports reads the report a path or URL names, or the .json reports
// under a folder or prefix, in name order.
func readReports(ctx context.Context, reg *sources.Registry, arg string) ([]*sampling.Report, error) {
	st, root, err := reg.Resolve(arg)
	if err != nil {
		return nil, err
	}
	var objs []sources.Object
	for obj, err := range st.List(ctx, root) {
		if err != nil {
			return nil, fmt.Errorf("read reports: %w", err)
		}
		if strings.HasSuffix(obj.URL, ".json") {
			objs = append(objs, obj)
		}
	}
	if len(objs) == 0 {
		return nil, fmt.Errorf("%s holds no .json reports", arg)
	}
	slices.SortFunc(objs, func(a, b sources.Object) int { return strings.Compare(a.URL, b.URL) })
	var reps []*sampling.Report
	for _, obj := range objs {
		b, err := readAll(ctx, st, obj)
		if err != nil {
			return nil, fmt.Errorf("read report %s: %w", obj.URL, err)
		}
		var r sampling.Report
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("read report %s: %w", obj.URL, err)
		}
		if r.Schema != sampling.Schema {
			return nil, fmt.Errorf("read report %s: schema %q, want %q", obj.URL, r.Schema, sampling.Schema)
		}
		reps = append(reps, &r)
	}
	return reps, nil
}

// readAll reads a whole object.
func readAll(ctx context.Context, st sources.Store, obj sources.Object) ([]byte, error) {
	h, err := st.Open(ctx, obj)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	if h.Size() > 4<<30 {
		return nil, fmt.Errorf("%d bytes: too large for a report", h.Size())
	}
	b := make([]byte, h.Size())
	if _, err := io.ReadFull(io.NewSectionReader(h, 0, h.Size()), b); err != nil {
		return nil, err
	}
	return b, nil
}
