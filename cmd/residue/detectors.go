package main

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
)

func newDetectorsCommand(e *env, g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "detectors",
		Short: "List the detectors: name, category, description, validator",
		Long: `List every detector, built-in and custom (from --config): its infoType,
category, whether a validator (checksum, structure) backs it, whether it needs
context, and what it finds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			set, _, err := g.detectors(e)
			if err != nil {
				return err
			}
			ds := classify.Describe(set.detectors)
			switch format {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(ds)
			case "text":
				tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
				fmt.Fprintln(tw, "INFO TYPE\tDETECTOR\tCATEGORY\tVALIDATED\tCONTEXT\tDESCRIPTION")
				types := map[string]bool{}
				for _, d := range ds {
					v, c := "-", "-"
					if d.Validated {
						v = "yes"
					}
					if d.Context {
						c = "required"
					}
					types[d.InfoType] = true
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.InfoType, d.ID, d.Category, v, c, d.Description)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				_, err := fmt.Fprintf(e.stdout, "\n%d detectors of %d infoTypes.\n", len(ds), len(types))
				return err
			default:
				return fmt.Errorf("--format %q: want text or json", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.AddCommand(newDetectorsTestCommand(e, g))
	return cmd
}

func newDetectorsTestCommand(e *env, g *globals) *cobra.Command {
	var minLikelihood, field string
	cmd := &cobra.Command{
		Use:   "test NAME|all",
		Short: "Run one detector (or all) over text on standard input and print what it finds",
		Long: `Read text on standard input, one record per line, and print every finding
of the named detector (or of all detectors) with its line, offset, length,
likelihood and masked preview. Use it to try a custom detector from
--config before a scan. "all" leaves out what the configuration disables; a
detector named here runs even if disabled. --field names the field, which acts as context as a
CSV column name would.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, _, err := g.detectors(e)
			if err != nil {
				return err
			}
			ds := set.detectors
			if args[0] != "all" {
				ds = nil
				for _, d := range set.detectors {
					if d.ID == args[0] || d.InfoType == args[0] {
						ds = append(ds, d)
					}
				}
				if len(ds) == 0 {
					return fmt.Errorf("no detector or infoType %q (see 'residue detectors')", args[0])
				}
			}
			like, err := classify.ParseLikelihood(minLikelihood)
			if err != nil {
				return fmt.Errorf("--min-likelihood: %w", err)
			}
			// Nothing is fingerprinted here, so a throwaway key will do and
			// no state is created.
			raw := make([]byte, 32)
			if _, err := rand.Read(raw); err != nil {
				return err
			}
			key, err := classify.NewKey(raw, "detectors test")
			if err != nil {
				return err
			}
			set.opts.MinLikelihood = like
			if args[0] != "all" {
				// A detector named on the command line runs even when the
				// configuration disables it: that is how one checks it
				// before switching it back on.
				set.opts.Disable = nil
			}
			eng, err := classify.NewEngine(key, ds, set.opts)
			if err != nil {
				return err
			}
			return testDetectors(eng, field, e.stdin, e.stdout)
		},
	}
	cmd.Flags().StringVar(&minLikelihood, "min-likelihood", "VERY_UNLIKELY", "print findings at or above this likelihood")
	cmd.Flags().StringVar(&field, "field", "text", "field name the text is scanned as")
	return cmd
}

func testDetectors(eng *classify.Engine, field string, in io.Reader, out io.Writer) error {
	sc := eng.NewScanner()
	br := bufio.NewScanner(in)
	br.Buffer(make([]byte, 64<<10), 16<<20)
	n, line := 0, 0
	for br.Scan() {
		line++
		sc.Scan(field, br.Bytes(), func(f classify.Finding) {
			n++
			fmt.Fprintf(out, "line %d offset %d length %d: %s %s %s (%s)\n",
				line, f.Offset, f.Length, f.InfoType, f.Likelihood, f.Preview, f.Detector)
		})
	}
	if err := br.Err(); err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	_, err := fmt.Fprintf(out, "%s in %s.\n", noun(n, "finding"), noun(line, "line"))
	return err
}

// noun gives n with the noun in the number that agrees with it.
func noun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
