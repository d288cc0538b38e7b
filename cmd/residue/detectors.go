package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
)

func newDetectorsCommand(e *env, g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "detectors",
		Short: "List the detectors: name, category, description, validator",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ds := classify.Describe(classify.Builtin())
			switch format {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(ds)
			case "text":
				tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
				fmt.Fprintln(tw, "INFO TYPE\tDETECTOR\tCATEGORY\tVALIDATED\tCONTEXT\tDESCRIPTION")
				for _, d := range ds {
					v, c := "-", "-"
					if d.Validated {
						v = "yes"
					}
					if d.Context {
						c = "required"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.InfoType, d.ID, d.Category, v, c, d.Description)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				_, err := fmt.Fprintf(e.stdout, "\n%d detectors.\n", len(ds))
				return err
			default:
				return fmt.Errorf("--format %q: want text or json", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
