package main

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources/format"
	"github.com/residuehq/residue/sources/local"
)

func newDemoCommand(e *env, g *globals) *cobra.Command {
	var (
		dir  string
		seed uint64
		o    = &scanOptions{format: "text", maxFindings: -1}
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate a synthetic dataset with planted values, scan it, and check what was found",
		Long: `Generate a small synthetic dataset (prose and chat JSONL, CSV, TSV, a log,
gzip and zstd variants) with sensitive values planted at known places, scan
it, print the summary, and compare the findings with the planted truth.

Nothing in it is real: every value is generated from --seed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			truth, err := synth.WriteDemo(abs, seed)
			if err != nil {
				return fmt.Errorf("generate demo data: %w", err)
			}
			fmt.Fprintf(e.stdout, "Generated demo data in %s (seed %d): %d planted values.\n\n", abs, seed, len(truth))
			p, err := o.plan(e, g, []string{abs}, false)
			if err != nil {
				return err
			}
			rep, err := execute(cmd.Context(), e, p, o.quiet)
			if err != nil {
				return err
			}
			if err := writeReport(e, o.format, "", rep); err != nil {
				return err
			}
			if o.format == "text" {
				fmt.Fprintln(e.stdout)
				writeRecall(e, abs, truth, rep)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "demo-data", "where to write the demo dataset")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed for the generated data")
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "objects and file parts read at once (default: every core)")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "no progress display")
	o.maxRecordBytes = format.DefaultMaxRecordBytes
	o.maxRatio = format.DefaultMaxRatio
	return cmd
}

// writeRecall compares the findings with the planted truth: recall per
// infoType, and findings where nothing was planted.
func writeRecall(e *env, dir string, truth []synth.Truth, rep *sampling.Report) {
	type loc struct {
		object, field, infoType string
		row                     int64
		offset, length          int
	}
	found := map[loc]bool{}
	for _, f := range rep.Findings {
		found[loc{f.Location.Object, f.Location.Field, f.InfoType, f.Location.Row, f.Location.Offset, f.Location.Length}] = true
	}
	planted := map[loc]bool{}
	perType := map[string][2]int{}
	for _, t := range truth {
		l := loc{local.URL(filepath.Join(dir, filepath.FromSlash(t.Object))), t.Field, t.InfoType, t.Row, t.Offset, t.Length}
		planted[l] = true
		c := perType[t.InfoType]
		c[0]++
		if found[l] {
			c[1]++
		}
		perType[t.InfoType] = c
	}
	extra := 0
	for l := range found {
		if !planted[l] {
			extra++
		}
	}
	var names []string
	total, hit := 0, 0
	for n, c := range perType {
		names = append(names, n)
		total += c[0]
		hit += c[1]
	}
	sort.Strings(names)
	fmt.Fprintf(e.stdout, "Checked against the planted truth: found %d of %d planted values (recall %.1f%%); %d findings where nothing was planted.\n",
		hit, total, 100*float64(hit)/float64(max(total, 1)), extra)
	for _, n := range names {
		if c := perType[n]; c[1] < c[0] {
			fmt.Fprintf(e.stdout, "  %s: found %d of %d\n", n, c[1], c[0])
		}
	}
}
