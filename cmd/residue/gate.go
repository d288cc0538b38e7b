package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/policy"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources"
)

type gateOptions struct {
	policy  string
	format  string
	seed    uint64
	workers int
	quiet   bool
	stores  storeOptions
}

func newGateCommand(e *env, g *globals) *cobra.Command {
	o := &gateOptions{}
	cmd := &cobra.Command{
		Use:   "gate DATASET... --policy FILE",
		Short: "Decide whether training may start on a dataset: pass, fail or inconclusive, with the evidence",
		Long: `Judge each dataset against a policy (residue policy init prints one). The gate
samples rows in rounds until every rule is decided at the policy's
confidence, or the row or time budget runs out (inconclusive, which fails
unless the policy says on_inconclusive: pass). A forbidden finding decides
at once. The sample is recorded as a version of the dataset in the state
database (--db), with the verdict; revocations recorded there (residue
revoke, sweeps) decide the revoked rules, from the sample and from the
dataset's latest recorded version.

Exit status: 0 every dataset passes; 1 one fails or is inconclusive; 2 the
gate could not run.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGate(cmd.Context(), e, g, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.policy, "policy", "", "the policy file (required)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the sample: the same seed and data give the same verdict")
	f.IntVar(&o.workers, "workers", 0, "objects and file parts read at once (default: every core)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress display")
	o.stores.flags(f)
	return cmd
}

func runGate(ctx context.Context, e *env, g *globals, o *gateOptions, args []string) error {
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	if o.policy == "" {
		return errors.New("--policy is required (residue policy init writes a default)")
	}
	pol, err := policy.Load(o.policy)
	if err != nil {
		return err
	}
	set, _, err := g.detectors(e)
	if err != nil {
		return err
	}
	set.opts.Allow = append(set.opts.Allow, pol.Allow...)
	least := pol.MinLikelihood
	for _, r := range pol.Rules {
		least = min(least, r.MinLikelihood)
	}
	set.opts.MinLikelihood = least
	key, err := g.key(e)
	if err != nil {
		return err
	}
	eng, err := classify.NewEngine(key, set.detectors, set.opts)
	if err != nil {
		return fmt.Errorf("load detectors: %w", err)
	}
	reg := o.stores.registry(e)
	var results []policy.Result
	passes := true
	for _, a := range args {
		res, err := gateOne(ctx, e, g, o, pol, eng, reg, a)
		if err != nil {
			return fmt.Errorf("gate %s: %w", a, err)
		}
		passes = passes && res.Passes
		results = append(results, res)
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			printResult(e.stdout, r)
		}
	}
	if !passes {
		return &failure{msg: "the gate did not pass"}
	}
	return nil
}

func gateOne(ctx context.Context, e *env, g *globals, o *gateOptions, pol *policy.Policy, eng *classify.Engine,
	reg *sources.Registry, dataset string) (policy.Result, error) {
	start := time.Now()
	store, root, err := reg.Resolve(dataset)
	if err != nil {
		return policy.Result{}, err
	}
	uri, err := datasetURI(dataset)
	if err != nil {
		return policy.Result{}, err
	}
	// The time budget: rounds stop when it is spent, the one reading
	// finishes, and the verdict is what the rounds decided.
	drain := make(chan struct{})
	timer := time.AfterFunc(time.Duration(pol.MaxSeconds*float64(time.Second)), func() { close(drain) })
	defer timer.Stop()
	var idx fingerprintIndex
	plan := &scanPlan{roots: []sampling.Root{{Store: store, URL: root}}, cfg: sampling.Config{
		Engine: eng, Workers: o.workers, Seed: o.seed, UntilConfident: pol.Confident(),
		Groups: pol.Groups(eng.Category), Done: idx.add, Drain: drain, MaxFindings: 1000,
	}}
	rep, err := execute(ctx, e, plan, o.quiet)
	if err != nil && !errors.Is(err, sampling.ErrDrained) {
		return policy.Result{}, err
	}
	// A dataset that cannot be read is not a clean one.
	for _, s := range rep.Skipped {
		if s.URL == root || s.URL == dataset {
			return policy.Result{}, fmt.Errorf("read %s: %s", dataset, s.Reason)
		}
	}
	versions, err := recordScan(ctx, e, g, rep, &idx, "gate")
	if err != nil {
		return policy.Result{}, fmt.Errorf("record: %w", err)
	}
	st, err := g.openDB(ctx, e)
	if err != nil {
		return policy.Result{}, err
	}
	defer st.Close()
	var revoked []string
	seen := map[string]bool{}
	check := func(version int64) error {
		found, err := st.RevokedIn(ctx, version)
		for _, f := range found {
			if !seen[f] {
				seen[f] = true
				revoked = append(revoked, f)
			}
		}
		return err
	}
	var judged int64
	if len(versions) > 0 {
		judged = versions[0]
		if err := check(judged); err != nil {
			return policy.Result{}, err
		}
	}
	// What the sample missed, a full recording (a sweep, a scan) may hold.
	latest, err := st.LatestComplete(ctx, uri, judged)
	if err != nil {
		return policy.Result{}, err
	}
	if latest > 0 {
		if err := check(latest); err != nil {
			return policy.Result{}, err
		}
	}
	res := pol.Evaluate(uri, rep.Decision, revoked)
	if rep.Totals.Rows == 0 {
		// Nothing to sample: no rule can be decided on it.
		res = pol.Evaluate(uri, nil, revoked)
		res.Text = "the dataset holds no rows that could be read"
	}
	res.Version = judged
	res.BytesRead = rep.Totals.BytesRead
	for _, obj := range rep.Objects {
		res.BytesTotal += obj.Size
	}
	res.Seconds = time.Since(start).Seconds()
	if rep.Decision != nil && rep.Decision.Stopped {
		res.Text = fmt.Sprintf("the time budget (%gs) ran out", pol.MaxSeconds)
	}
	detail, err := json.Marshal(res)
	if err != nil {
		return policy.Result{}, err
	}
	if judged > 0 {
		if _, err := st.AddVerdict(ctx, lineage.Verdict{VersionID: judged, Policy: pol.Path, PolicyDigest: pol.Digest,
			Verdict: res.Verdict, Detail: detail, Decided: time.Now()}); err != nil {
			return policy.Result{}, err
		}
	}
	return res, nil
}

func printResult(w io.Writer, r policy.Result) {
	verdict := map[string]string{policy.Pass: "PASS", policy.Fail: "FAIL", policy.Inconclusive: "INCONCLUSIVE"}
	fmt.Fprintf(w, "%s  %s\n", verdict[r.Verdict], r.Dataset)
	fmt.Fprintf(w, "  %s rows sampled of %s in %d round(s), %s of %s read, %.2f s; policy %s\n",
		evidence.Count(r.RowsSampled), evidence.Count(r.RowsTotal), r.Rounds, evidence.Bytes(r.BytesRead), evidence.Bytes(r.BytesTotal), r.Seconds, r.Policy)
	for _, rr := range r.Rules {
		fmt.Fprintf(w, "  %-13s %-20s %s\n", verdict[rr.Verdict], rr.Name, rr.Text)
	}
	if r.Verdict == policy.Inconclusive {
		if r.Passes {
			fmt.Fprintln(w, "  inconclusive, and the policy lets that pass (on_inconclusive: pass)")
		} else {
			fmt.Fprintln(w, "  inconclusive fails (the policy's on_inconclusive); raise budget.max_rows or max_seconds to decide")
		}
	}
}
