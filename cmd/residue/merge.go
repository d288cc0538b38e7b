package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sampling"
)

type mergeOptions struct {
	format string
	output string
	failOn string
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
hits. A directory stands for the .json files in it. The shards must share
the fingerprint key and their settings.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding at or above this likelihood exists")
	return cmd
}

func runMerge(e *env, o *mergeOptions, args []string) error {
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
	var paths []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return fmt.Errorf("read report: %w", err)
		}
		if !fi.IsDir() {
			paths = append(paths, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "*.json"))
		if err != nil {
			return err
		}
		if len(m) == 0 {
			return fmt.Errorf("%s holds no .json reports", a)
		}
		slices.Sort(m)
		paths = append(paths, m...)
	}
	var reps []*sampling.Report
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read report: %w", err)
		}
		var r sampling.Report
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("read report %s: %w", p, err)
		}
		if r.Schema != sampling.Schema {
			return fmt.Errorf("read report %s: schema %q, want %q", p, r.Schema, sampling.Schema)
		}
		reps = append(reps, &r)
	}
	rep, err := sampling.Merge(reps)
	if err != nil {
		return err
	}
	if err := writeReport(e, o.format, o.output, rep); err != nil {
		return err
	}
	return verdict(rep, failOn)
}
