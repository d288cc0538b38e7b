package evidence

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sampling"
)

// SummaryOptions shape the readable summary.
type SummaryOptions struct {
	// MaxObjects caps the per-object table; 0 means 20, negative all.
	MaxObjects int
}

// WriteSummary writes the report for a person: what was read, what was
// found per infoType with its likelihood spread, per object, what was
// skipped and why, and the problems met inside objects.
func WriteSummary(w io.Writer, r *sampling.Report, opts SummaryOptions) error {
	ew := &errWriter{w: w}
	t := r.Totals
	dur := r.Finished.Sub(r.Started).Round(1e6)
	mode := "full scan"
	if r.Mode == sampling.ModeSampled {
		mode = fmt.Sprintf("sampled at rate %g, seed %d", r.SampleRate, r.Seed)
		if s := r.Sampling; s != nil && s.Method != "rate" {
			mode = fmt.Sprintf("sampled %s, seed %d", s.Method, r.Seed)
			if s.Rounds > 1 {
				mode += fmt.Sprintf(", %d rounds", s.Rounds)
			}
		}
	}
	read := Bytes(t.BytesRead) + " read"
	if t.BytesDecoded > t.BytesRead {
		// Compressed and columnar objects: the text scanned is larger than
		// what was fetched, and throughput is measured in it.
		read += " (" + Bytes(t.BytesDecoded) + " decoded)"
	}
	ew.printf("residue scan: %s, %s rows (%s scanned), %s in %s (%s)\n",
		objects(t.Objects), count(t.Rows), count(t.RowsScanned), read, dur, mode)
	if o := r.ObjectSampling; o != nil {
		how := fmt.Sprintf("at rate %g", o.Rate)
		if o.Max > 0 {
			how = fmt.Sprintf("of at most %s", objects(int64(o.Max)))
		}
		ew.printf("Objects sampled %s: %s of %s listed, from %s (partition and format), seed %d; the figures below are of the objects read.\n",
			how, count(o.Selected), count(o.Listed), plural(int64(o.Strata), "stratum", "strata"), r.Seed)
	}
	if t.Findings == 0 {
		ew.printf("\nNo findings at or above %s.\n", r.MinLikelihood)
	} else {
		ew.printf("\n%s at or above %s:\n\n", plural(t.Findings, "finding", "findings"), r.MinLikelihood)
		tw := tabwriter.NewWriter(ew, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "INFO TYPE\tFINDINGS\tVERY_LIKELY\tLIKELY\tPOSSIBLE\tLOWER\tOBJECTS\tROWS HIT\tRATE\t95% INTERVAL")
		est := map[string]sampling.Estimate{}
		for _, e := range r.Estimates {
			est[e.InfoType] = e
		}
		for _, it := range r.InfoTypes {
			lower := it.Likelihood[classify.Unlikely.String()] + it.Likelihood[classify.VeryUnlikely.String()]
			e := est[it.InfoType]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", it.InfoType, count(it.Findings),
				count(it.Likelihood[classify.VeryLikely.String()]), count(it.Likelihood[classify.Likely.String()]),
				count(it.Likelihood[classify.Possible.String()]), count(lower), it.Objects,
				count(e.RowsWithHits), pct(e.Rate), interval(e))
		}
		ew.err = flushTable(tw, ew.err)
	}
	if d := r.Decision; d != nil {
		rounds := "1 round"
		if d.Rounds != 1 {
			rounds = fmt.Sprintf("%d rounds", d.Rounds)
		}
		ew.printf("\nDecision: %s at %g%% confidence: %s (%s of %s rows sampled, %s).\n",
			strings.ToUpper(d.Verdict), 100*d.Confidence, decisionClaim(d), count(d.RowsSampled), count(d.RowsTotal), rounds)
		for _, td := range d.InfoTypes {
			name := td.InfoType
			if name == "*" {
				name = "any other infoType"
			}
			ew.printf("  %-28s %-12s rate in [%s, %s]\n", name, td.Verdict, pct(td.Lower), pct(td.Upper))
		}
		if d.Rounds > 0 && d.RoundConfidence > d.Confidence {
			// Each round spends part of the error, so the last round's
			// bounds are wider than the decision's level suggests.
			ew.printf("  (bounds at %s, the last round's share of the error, so the decision holds at %g%% over all rounds)\n",
				pct(d.RoundConfidence), 100*d.Confidence)
		}
	}
	if r.Mode == sampling.ModeSampled {
		a := t.Any
		ew.printf("\nRows with any finding: %s of %s sampled (%s, 95%% interval %s, %s); about %s of %s rows.\n",
			count(a.RowsWithHits), count(a.RowsSampled), pct(a.Rate), interval(a), a.Method, count(a.Estimated), count(a.RowsTotal))
	}

	if len(r.Datasets) > 0 && (len(r.Datasets) > 1 || len(r.Datasets[0].Splits) > 0) {
		ew.printf("\nDatasets:\n\n")
		for _, d := range r.Datasets {
			ew.printf("  %s (%s): %s, %s rows, rows with any finding %s %s\n",
				d.Name, d.Layout, objects(d.Objects), count(d.Rows), pct(d.Any.Rate), interval(d.Any))
			for _, sp := range d.Splits {
				name := sp.Name
				if name == "" {
					name = "(no split)"
				}
				ew.printf("    %-12s %s, %s rows, rows with any finding %s %s\n",
					name, objects(sp.Objects), count(sp.Rows), pct(sp.Any.Rate), interval(sp.Any))
			}
		}
	}
	if len(r.Objects) > 0 {
		limit := opts.MaxObjects
		if limit == 0 {
			limit = 20
		}
		ew.printf("\nObjects:\n\n")
		tw := tabwriter.NewWriter(ew, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "OBJECT\tFORMAT\tROWS\tREAD\tFINDINGS\tERRORS")
		for i, o := range r.Objects {
			if limit > 0 && i == limit {
				fmt.Fprintf(tw, "… %d more (see --format json)\t\t\t\t\t\n", len(r.Objects)-limit)
				break
			}
			f := o.Format
			if o.Compression != "" {
				f += "+" + o.Compression
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.URL, f, count(o.Rows), Bytes(o.BytesRead), count(o.Findings), count(o.ErrorsTotal))
		}
		ew.err = flushTable(tw, ew.err)
	}
	if len(r.Skipped) > 0 {
		ew.printf("\nSkipped %d:\n\n", len(r.Skipped))
		for _, s := range r.Skipped {
			ew.printf("  %s: %s\n", s.URL, s.Reason)
		}
	}
	var problems []string
	for _, o := range r.Objects {
		for _, e := range o.Errors {
			if e.Row != nil {
				problems = append(problems, fmt.Sprintf("  %s row %d: %s", o.URL, *e.Row, e.Reason))
			} else {
				problems = append(problems, fmt.Sprintf("  %s: %s", o.URL, e.Reason))
			}
		}
		if extra := o.ErrorsTotal - int64(len(o.Errors)); extra > 0 {
			problems = append(problems, fmt.Sprintf("  %s: … %d more", o.URL, extra))
		}
	}
	if len(problems) > 0 {
		ew.printf("\nProblems inside objects (%s):\n\n", count(t.ObjectErrors))
		const show = 20
		for i, p := range problems {
			if i == show {
				ew.printf("  … %d more lines (see --format json)\n", len(problems)-show)
				break
			}
			ew.printf("%s\n", p)
		}
	}
	return ew.err
}

// flushTable flushes a table unless writing has already failed.
func flushTable(tw *tabwriter.Writer, err error) error {
	if err != nil {
		return err
	}
	return tw.Flush()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

// count writes an integer with thousands separators.
// objects says "1 object" or "N objects".
func objects(n int64) string { return plural(n, "object", "objects") }

// plural gives the count with the noun that agrees with it.
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

func count(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func pct(f float64) string {
	switch {
	case f == 0:
		return "0%"
	case f < 0.0001:
		return fmt.Sprintf("%.4f%%", f*100)
	case f < 0.01:
		return fmt.Sprintf("%.3f%%", f*100)
	default:
		return fmt.Sprintf("%.2f%%", f*100)
	}
}

func interval(e sampling.Estimate) string {
	if e.Method == sampling.MethodExact {
		return "exact"
	}
	return "[" + pct(e.CI95[0]) + ", " + pct(e.CI95[1]) + "]"
}

// Bytes writes a byte count in SI units, as progress displays do.
func Bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

// Count writes n with thousands separators, as the summary does.
func Count(n int64) string { return count(n) }

// decisionClaim says what a decision claims: of every infoType's rate (or
// every group's, against its own limit), not of the rate of rows with any
// finding, which may be higher than each.
func decisionClaim(d *sampling.Decision) string {
	of, limit := "infoType's", pct(d.MaxRate)
	if len(d.Groups) > 0 {
		of, limit = "group's", "its limit"
	}
	switch d.Verdict {
	case sampling.VerdictClean:
		return fmt.Sprintf("every %s rate below %s", of, limit)
	case sampling.VerdictAbove:
		return fmt.Sprintf("some %s rate above %s", of, limit)
	}
	return fmt.Sprintf("the rows ran out before every %s rate was told from %s", of, limit)
}
