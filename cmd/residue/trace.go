package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

type traceOptions struct {
	infoType   string
	value      string
	valueStdin bool
	format     string
}

func newTraceCommand(e *env, g *globals) *cobra.Command {
	o := &traceOptions{}
	cmd := &cobra.Command{
		Use:   "trace --type INFOTYPE (--value V | --value-stdin)",
		Short: "List every recorded dataset version that holds a subject (an email address, a card…)",
		Long: `List every dataset version recorded in the state database (by sweeps and
scan --record) whose objects hold a subject, named by its infoType and value:
the value is normalised and fingerprinted as the detectors do, under the
installation key, and looked up in the versions' fingerprint indexes. The
value is never stored or printed; prefer --value-stdin, which keeps it out
of the shell's history and the process list.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrace(cmd, e, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.infoType, "type", "", "the subject's infoType (EMAIL_ADDRESS, PHONE_NUMBER, …)")
	f.StringVar(&o.value, "value", "", "the subject's value")
	f.BoolVar(&o.valueStdin, "value-stdin", false, "read the value from standard input")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

func runTrace(cmd *cobra.Command, e *env, g *globals, o *traceOptions) error {
	switch o.format {
	case "text", "json":
	default:
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	if o.infoType == "" {
		return errors.New("--type is required")
	}
	value := []byte(o.value)
	switch {
	case o.valueStdin && o.value != "":
		return errors.New("--value and --value-stdin exclude each other")
	case o.valueStdin:
		b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
		if err != nil {
			return fmt.Errorf("read the value: %w", err)
		}
		value = bytes.TrimSpace(b)
	}
	if len(value) == 0 {
		return errors.New("give the value with --value or --value-stdin")
	}
	set, _, err := g.detectors(e)
	if err != nil {
		return err
	}
	key, err := g.key(e)
	if err != nil {
		return err
	}
	eng, err := classify.NewEngine(key, set.detectors, set.opts)
	if err != nil {
		return fmt.Errorf("load detectors: %w", err)
	}
	fps := eng.Fingerprints(o.infoType, value)
	if len(fps) == 0 {
		return fmt.Errorf("--type %s: no detector finds that infoType (residue detectors lists them)", o.infoType)
	}
	names := make([]string, len(fps))
	for i, f := range fps {
		names[i] = f.String()
	}
	st, err := g.openDB(cmd.Context(), e)
	if err != nil {
		return err
	}
	defer st.Close()
	hold, err := st.Holding(cmd.Context(), names)
	if err != nil {
		return err
	}
	if hold == nil {
		hold = []lineage.Holding{}
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(hold)
	}
	if len(hold) == 0 {
		fmt.Fprintf(e.stdout, "No recorded dataset version holds this %s.\n", o.infoType)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DATASET\tVERSION\tLATEST\tOBJECT\tFINDINGS")
	for _, h := range hold {
		latest := ""
		if h.Latest {
			latest = "yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\n", h.Dataset, h.Version, latest, h.Object, h.Count)
	}
	return tw.Flush()
}
