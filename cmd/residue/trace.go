package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/lineage"
)

type traceOptions struct {
	subject
	format string
}

// traceResult is trace's JSON: the dataset versions holding the subject,
// and the model versions trained on them, each with its path.
type traceResult struct {
	Datasets []lineage.Holding  `json:"datasets"`
	Models   []lineage.Embodied `json:"models"`
}

func newTraceCommand(e *env, g *globals) *cobra.Command {
	o := &traceOptions{}
	cmd := &cobra.Command{
		Use:   "trace --type INFOTYPE (--value V | --value-stdin)",
		Short: "List every dataset version and model version that holds a subject (an email address, a card…)",
		Long: `List every dataset version recorded in the state database (by sweeps and
scan --record) whose objects hold a subject, named by its infoType and value,
and every model version trained on them through recorded runs, with the path.
The value is normalised and fingerprinted as the detectors do, under the
installation key, and looked up in the versions' fingerprint indexes. The
value is never stored or printed; prefer --value-stdin, which keeps it out
of the shell's history and the process list.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrace(cmd, e, g, o)
		},
	}
	o.subject.flags(cmd)
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

func runTrace(cmd *cobra.Command, e *env, g *globals, o *traceOptions) error {
	switch o.format {
	case "text", "json":
	default:
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	names, err := o.fingerprints(e, g)
	if err != nil {
		return err
	}
	st, err := g.openDB(cmd.Context(), e)
	if err != nil {
		return err
	}
	defer st.Close()
	res := traceResult{}
	if res.Datasets, err = st.Holding(cmd.Context(), names); err != nil {
		return err
	}
	if res.Datasets == nil {
		res.Datasets = []lineage.Holding{}
	}
	if res.Models, err = st.ModelsHolding(cmd.Context(), o.infoType, names); err != nil {
		return err
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if len(res.Datasets) == 0 {
		fmt.Fprintf(e.stdout, "No recorded dataset version holds this %s.\n", o.infoType)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DATASET\tVERSION\tLATEST\tOBJECT\tFINDINGS")
	for _, h := range res.Datasets {
		latest := ""
		if h.Latest {
			latest = "yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\n", h.Dataset, h.Version, latest, h.Object, h.Count)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(res.Models) == 0 {
		fmt.Fprintln(e.stdout, "\nNo recorded model version was trained on them.")
		return nil
	}
	fmt.Fprintln(e.stdout, "\nMODEL VERSIONS TRAINED ON THEM")
	for _, m := range res.Models {
		fmt.Fprintf(e.stdout, "%s@%s\n  %s\n", m.Model, m.Version, pathText(m.Path))
	}
	return nil
}
