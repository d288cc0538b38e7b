package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

type modelsOptions struct {
	format        string
	status        string
	allVersions   bool
	minLikelihood string
}

func newModelsCommand(e *env, g *globals) *cobra.Command {
	o := &modelsOptions{}
	cmd := &cobra.Command{
		Use:   "models [--status S] [--all-versions] [--format json]",
		Short: "Every model version with its status: TAINTED, REMEDIATED, SENSITIVE or CLEAN, and why",
		Long: `List model versions with a status and the reasons, each a path from the
model version back through runs and dataset versions to the object or
fingerprint that holds the data, and the revocation:

  TAINTED     a training input, followed through derived datasets and
              fine-tunes, holds revoked data
  REMEDIATED  it did, and each such revocation is remediated for this version
  SENSITIVE   inputs hold findings at or above --min-likelihood; nothing revoked
  CLEAN       neither

Only each model's latest version is listed unless --all-versions.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.format != "text" && o.format != "json" {
				return fmt.Errorf("--format %q: want text or json", o.format)
			}
			statuses := []string{lineage.StatusTainted, lineage.StatusRemediated, lineage.StatusSensitive, lineage.StatusClean}
			want := strings.ToUpper(o.status)
			if want != "" && !slices.Contains(statuses, want) {
				return fmt.Errorf("--status %q: want one of %s", o.status, strings.Join(statuses, ", "))
			}
			min, err := classify.ParseLikelihood(o.minLikelihood)
			if err != nil {
				return fmt.Errorf("--min-likelihood: %w", err)
			}
			st, err := g.openDB(cmd.Context(), e)
			if err != nil {
				return err
			}
			defer st.Close()
			all, err := st.Statuses(cmd.Context(), lineage.StatusOptions{MinLikelihood: min, AllVersions: o.allVersions})
			if err != nil {
				return err
			}
			out := []lineage.ModelStatus{}
			for _, m := range all {
				if want == "" || m.Status == want {
					out = append(out, m)
				}
			}
			if o.format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			printStatuses(e.stdout, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVar(&o.status, "status", "", "only versions with this status")
	f.BoolVar(&o.allVersions, "all-versions", false, "every version of every model, not only the latest")
	f.StringVar(&o.minLikelihood, "min-likelihood", "LIKELY", "least likelihood of a finding that makes a model SENSITIVE")
	return cmd
}

func printStatuses(w io.Writer, ms []lineage.ModelStatus) {
	if len(ms) == 0 {
		fmt.Fprintln(w, "No model versions recorded (residue lineage record, residue lineage import, residue serve).")
		return
	}
	for _, m := range ms {
		fmt.Fprintf(w, "%-10s  %s@%s\n", m.Status, m.Model, m.Version)
		sensitive := 0
		for _, r := range m.Reasons {
			// Findings matter most when nothing was revoked; otherwise
			// they are counted, and --format json lists them.
			if r.Status == lineage.StatusSensitive && m.Status != lineage.StatusSensitive {
				sensitive++
				continue
			}
			fmt.Fprintf(w, "            %s\n", r.Text)
			fmt.Fprintf(w, "              %s\n", pathText(r.Path))
		}
		if sensitive > 0 {
			fmt.Fprintf(w, "            and %d input(s) with findings (--format json lists them)\n", sensitive)
		}
	}
}

// pathText writes a path as a person follows it, from the model version
// back to the revocation.
func pathText(p []lineage.Step) string {
	parts := make([]string, 0, len(p))
	for _, s := range p {
		var x string
		switch s.Kind {
		case lineage.StepModelVersion, lineage.StepDatasetVersion:
			x = s.URI + "@" + s.Version
		case lineage.StepRun:
			x = fmt.Sprintf("run %s (%s)", s.Name, s.Time.UTC().Format(time.RFC3339))
		case lineage.StepFingerprint:
			x = fmt.Sprintf("%s holds the %s", s.URI, s.InfoType)
		case lineage.StepObject:
			x = "object " + s.URI
		case lineage.StepDataset:
			x = "dataset " + s.URI
		case lineage.StepRevocation:
			x = fmt.Sprintf("revocation %d", s.ID)
		}
		parts = append(parts, x)
	}
	return strings.Join(parts, " ← ")
}
