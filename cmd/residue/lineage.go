package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/lineage"
)

func newLineageCommand(e *env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lineage",
		Short: "Record which models were trained on which data, and remediations",
		Long: `Record lineage in the state database (--db): runs that read dataset and model
versions and write others (training, fine-tuning, distillation, derived
datasets), OpenLineage events from existing pipelines, and remediations of
model versions that held revoked data.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newLineageRecordCommand(e, g), newLineageImportCommand(e, g), newLineageRemediateCommand(e, g))
	return cmd
}

type recordOptions struct {
	run                                      string
	at                                       string
	datasetIn, modelIn, modelOut, datasetOut []string
}

func newLineageRecordCommand(e *env, g *globals) *cobra.Command {
	o := &recordOptions{}
	cmd := &cobra.Command{
		Use:   "record --run NAME [--dataset-in URI[@V]]... [--model-in URI[@V]]... [--model-out URI[@V]]... [--dataset-out URI[@V]]...",
		Short: "Record a run: the dataset and model versions it read and wrote",
		Long: `Record a run. An input without @V is its latest recorded version; a dataset
input is a URI or a local path (recorded as file:// + its absolute path), as
scan --record names it. A model output without @V is a new version named by
the run's time; a dataset output without @V is the dataset's latest recorded
version (scan --record the derived data first, so its own scan counts).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.run == "" {
				return errors.New("--run is required")
			}
			when, err := parseWhen(o.at, time.Now())
			if err != nil {
				return fmt.Errorf("--time: %w", err)
			}
			r := lineage.RunRecord{Key: o.run + "@" + when.UTC().Format(time.RFC3339Nano), Name: o.run, Time: when, Strict: true}
			for _, l := range []struct {
				vals []string
				kind string
				out  bool
			}{{o.datasetIn, lineage.KindDataset, false}, {o.modelIn, lineage.KindModel, false},
				{o.datasetOut, lineage.KindDataset, true}, {o.modelOut, lineage.KindModel, true}} {
				for _, v := range l.vals {
					ref, err := parseRef(l.kind, v)
					if err != nil {
						return err
					}
					if l.out {
						r.Outputs = append(r.Outputs, ref)
					} else {
						r.Inputs = append(r.Inputs, ref)
					}
				}
			}
			if len(r.Inputs) == 0 || len(r.Outputs) == 0 {
				return errors.New("a run needs at least one input and one output")
			}
			st, err := g.openDB(cmd.Context(), e)
			if err != nil {
				return err
			}
			defer st.Close()
			id, err := st.RecordRun(cmd.Context(), r, time.Now())
			if err != nil {
				return err
			}
			runs, err := st.Runs(cmd.Context())
			if err != nil {
				return err
			}
			for _, x := range runs {
				if x.ID != id {
					continue
				}
				fmt.Fprintf(e.stdout, "recorded run %d %s at %s\n", x.ID, x.Name, x.Started.UTC().Format(time.RFC3339))
				for _, n := range x.Inputs {
					fmt.Fprintf(e.stdout, "  in   %s %s@%s\n", n.Kind, n.URI, n.Version)
				}
				for _, n := range x.Outputs {
					fmt.Fprintf(e.stdout, "  out  %s %s@%s\n", n.Kind, n.URI, n.Version)
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.run, "run", "", "the run's (job's) name")
	f.StringVar(&o.at, "time", "", "when the run started (RFC 3339 or YYYY-MM-DD; default now)")
	f.StringArrayVar(&o.datasetIn, "dataset-in", nil, "a dataset version the run read: URI or path, @V for a version ID or label")
	f.StringArrayVar(&o.modelIn, "model-in", nil, "a model version the run started from: URI@V")
	f.StringArrayVar(&o.modelOut, "model-out", nil, "a model version the run produced: URI@V")
	f.StringArrayVar(&o.datasetOut, "dataset-out", nil, "a dataset version the run produced: URI or path, @V for a version")
	return cmd
}

// parseRef reads URI[@V]. The version follows the last @ when nothing
// after it looks like a path, so URIs holding an @ still parse.
func parseRef(kind, s string) (lineage.Ref, error) {
	r := lineage.Ref{Kind: kind, URI: s}
	if i := strings.LastIndexByte(s, '@'); i > 0 && !strings.ContainsAny(s[i+1:], "/") {
		r.URI, r.Version = s[:i], s[i+1:]
		if r.Version == "" {
			return r, fmt.Errorf("%s: empty version after @", s)
		}
	}
	if kind == lineage.KindDataset {
		uri, err := datasetURI(r.URI)
		if err != nil {
			return r, err
		}
		r.URI = uri
	} else if r.URI == "" {
		return r, fmt.Errorf("%q: no model URI", s)
	}
	return r, nil
}

// parseWhen reads a time: RFC 3339, or a date (midnight UTC); empty is
// now.
func parseWhen(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q: want RFC 3339 (2026-11-26T09:00:00Z) or a date (2026-11-26)", s)
}

type remediateOptions struct {
	model      string
	revocation int64
	method     string
	evidence   string
}

func newLineageRemediateCommand(e *env, g *globals) *cobra.Command {
	o := &remediateOptions{}
	cmd := &cobra.Command{
		Use:   "remediate --model URI@V --revocation ID --method retrain|unlearning --evidence TEXT",
		Short: "Record that a model version no longer embodies what a revocation withdrew",
		Long: `Record a remediation: the model version no longer embodies the data a
revocation withdrew, because it was retrained without it or the data was
unlearned. The version's status becomes REMEDIATED for that revocation.
Models trained from the version before are not remediated with it: they
learned from its old weights and need their own remediation.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, err := parseRef(lineage.KindModel, o.model)
			if err != nil {
				return fmt.Errorf("--model: %w", err)
			}
			if ref.Version == "" {
				return errors.New("--model: name the version, URI@V")
			}
			if o.method != "retrain" && o.method != "unlearning" {
				return fmt.Errorf("--method %q: want retrain or unlearning", o.method)
			}
			if o.revocation <= 0 {
				return errors.New("--revocation: the revocation's ID (residue revoke list)")
			}
			if strings.TrimSpace(o.evidence) == "" {
				return errors.New("--evidence is required: a ticket, a training run, a report")
			}
			st, err := g.openDB(cmd.Context(), e)
			if err != nil {
				return err
			}
			defer st.Close()
			id, err := st.Remediate(cmd.Context(), lineage.Remediation{Model: ref.URI, Version: ref.Version,
				RevocationID: o.revocation, Method: o.method, Evidence: o.evidence, Recorded: time.Now()})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "recorded remediation %d: %s@%s, revocation %d, by %s\n", id, ref.URI, ref.Version, o.revocation, o.method)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.model, "model", "", "the model version: URI@V")
	f.Int64Var(&o.revocation, "revocation", 0, "the revocation's ID")
	f.StringVar(&o.method, "method", "", "retrain or unlearning")
	f.StringVar(&o.evidence, "evidence", "", "what shows it: a ticket, a run, a report")
	return cmd
}
