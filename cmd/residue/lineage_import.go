package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/openlineage"
)

func newLineageImportCommand(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE...",
		Short: "Import OpenLineage events: the runs, jobs and datasets of existing pipelines",
		Long: `Import OpenLineage events (RunEvent, JobEvent, DatasetEvent) from files, or
standard input for -: one event per line (what the file transport and most
logs hold), a JSON array of events, or events written out whole. The START
and COMPLETE events of one run become one run, with their inputs and outputs
together. A dataset is a model when its datasetType facet says MODEL or it
carries a residue_model facet. docs/lineage.md has the naming rules.

A malformed event is reported with its place (event 3 (line 17): ...) and
nothing of it is stored; the other events are imported, and the command then
exits 2 saying how many were rejected. Only the graph is kept: names,
versions, times and states, never facets.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLineageImport(cmd.Context(), e, g, args)
		},
	}
}

// importTally counts what an import named, each run, dataset and model
// once.
type importTally struct {
	events, rejected int
	runs, datasets   map[string]bool
	models           map[string]bool
}

func newImportTally() *importTally {
	return &importTally{runs: map[string]bool{}, datasets: map[string]bool{}, models: map[string]bool{}}
}

func (t *importTally) add(ev openlineage.Event) {
	t.events++
	refs := []lineage.Ref{ev.Dataset}
	if ev.Type != openlineage.TypeDataset {
		t.runs[ev.Run.Key] = true
		refs = slices.Concat(ev.Run.Inputs, ev.Run.Outputs)
	}
	for _, r := range refs {
		if r.Kind == lineage.KindModel {
			t.models[r.URI] = true
		} else {
			t.datasets[r.URI] = true
		}
	}
}

func (t *importTally) merge(o *importTally) {
	t.events += o.events
	t.rejected += o.rejected
	for _, m := range [][2]map[string]bool{{t.runs, o.runs}, {t.datasets, o.datasets}, {t.models, o.models}} {
		for k := range m[1] {
			m[0][k] = true
		}
	}
}

func (t *importTally) String() string {
	s := fmt.Sprintf("%s: %s, %s, %s", countOf(t.events, "event"), countOf(len(t.runs), "run"),
		countOf(len(t.datasets), "dataset"), countOf(len(t.models), "model"))
	if t.rejected > 0 {
		s += fmt.Sprintf("; %d rejected", t.rejected)
	}
	return s
}

func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func runLineageImport(ctx context.Context, e *env, g *globals, files []string) error {
	st, err := g.openDB(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	total := newImportTally()
	unreadable := 0
	for _, f := range files {
		t, err := importFile(ctx, e, st, f)
		if t != nil {
			total.merge(t)
		}
		var rerr *readError
		if errors.As(err, &rerr) {
			fmt.Fprintf(e.stderr, "%v\n", err)
			unreadable++
			continue
		}
		if err != nil {
			return err
		}
	}
	if len(files) > 1 {
		fmt.Fprintf(e.stdout, "imported from %s: %s\n", countOf(len(files)-unreadable, "file"), total)
	}
	switch {
	case unreadable > 0 && total.rejected > 0:
		return fmt.Errorf("%s could not be read and %d of %d events were rejected (listed above); the other events were imported",
			countOf(unreadable, "file"), total.rejected, total.events+total.rejected)
	case unreadable > 0:
		return fmt.Errorf("%s of %d could not be read (listed above); the others were imported", countOf(unreadable, "file"), len(files))
	case total.rejected > 0:
		return fmt.Errorf("%d of %d events rejected (listed above); the others were imported", total.rejected, total.events+total.rejected)
	}
	return nil
}

// readError is a file that could not be opened or read through: the
// import goes on with the next.
type readError struct{ err error }

func (r *readError) Error() string { return r.err.Error() }
func (r *readError) Unwrap() error { return r.err }

// importFile stores every well-formed event of a file as it is read, and
// reports the others on standard error. A store failing ends the import.
func importFile(ctx context.Context, e *env, st openlineage.Recorder, name string) (*importTally, error) {
	var in io.Reader = e.stdin
	label := name
	if name == "-" {
		label = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, &readError{err}
		}
		defer f.Close()
		in = f
	}
	t := newImportTally()
	d := openlineage.NewDecoder(in)
	for {
		ev, err := d.Next()
		if err == io.EOF {
			break
		}
		var rej *openlineage.Error
		if errors.As(err, &rej) {
			t.rejected++
			fmt.Fprintf(e.stderr, "%s: %v\n", label, rej)
			continue
		}
		if err != nil {
			fmt.Fprintf(e.stdout, "%s: %s before the read failed\n", label, t)
			return t, &readError{fmt.Errorf("%s: %w", label, err)}
		}
		if err := openlineage.Record(ctx, st, ev, time.Now()); err != nil {
			return t, fmt.Errorf("%s: event %d (line %d): %w", label, ev.Index, ev.Line, err)
		}
		t.add(ev)
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", label, t)
	return t, nil
}
