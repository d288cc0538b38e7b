package evidence

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sampling"
)

// Source is the lineage store an export reads. *lineage.DB is one.
type Source interface {
	Reports(ctx context.Context, since time.Time, fn func(lineage.StoredReport) error) error
	Verdicts(ctx context.Context, since time.Time) ([]lineage.Verdict, error)
	DatasetVersions(ctx context.Context, since time.Time) ([]lineage.VersionInfo, error)
	Runs(ctx context.Context) ([]lineage.Run, error)
	ModelVersions(ctx context.Context) ([]lineage.ModelVersion, error)
	Revocations(ctx context.Context) ([]lineage.Revocation, error)
	Remediations(ctx context.Context) ([]lineage.Remediation, error)
	Statuses(ctx context.Context, o lineage.StatusOptions) ([]lineage.ModelStatus, error)
	Objects(ctx context.Context, versionID int64, fn func(lineage.ObjectRecord) error) error
}

var _ Source = (*lineage.DB)(nil)

// ExportOptions shape an export.
type ExportOptions struct {
	Scope  Scope
	Signer Signer
	Tool   Tool
	// DataOwner, when set, names the organization that owns the data, in
	// the ML-BOM's data governance.
	DataOwner string
	// Now stamps the bundle; zero means the time of the export.
	Now time.Time
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Dir      string
	Files    []string // every file, the envelope included, by name
	KeyID    string
	Reports  int
	Findings int64
	Verdicts int
	Models   int
}

// Export writes the evidence bundle of the scope into dir, which must not
// exist or be empty. The bundle is written beside dir and renamed into
// place once sealed, so dir never holds half a bundle.
func Export(ctx context.Context, src Source, dir string, o ExportOptions) (*ExportResult, error) {
	if o.Signer.Key == nil {
		return nil, errors.New("export: no signing key")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	replace, err := checkTarget(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	staging, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-*")
	if err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	sealed := false
	defer func() {
		if !sealed {
			os.RemoveAll(staging)
		}
	}()
	res, err := export(ctx, src, staging, o)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	if replace {
		if err := os.Remove(dir); err != nil {
			return nil, fmt.Errorf("export to %s: %w", dir, err)
		}
	}
	if err := os.Rename(staging, dir); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	sealed = true
	res.Dir = dir
	return res, nil
}

// checkTarget refuses a directory that holds anything: leftovers would
// read as files added to the bundle. It reports whether dir exists.
func checkTarget(dir string) (exists bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("export to %s: %w", dir, err)
	case len(entries) > 0:
		return false, fmt.Errorf("export to %s: the directory is not empty", dir)
	}
	return true, nil
}

func export(ctx context.Context, src Source, dir string, o ExportOptions) (*ExportResult, error) {
	versions, err := src.DatasetVersions(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	runs, err := src.Runs(ctx)
	if err != nil {
		return nil, err
	}
	models, err := src.ModelVersions(ctx)
	if err != nil {
		return nil, err
	}
	revs, err := src.Revocations(ctx)
	if err != nil {
		return nil, err
	}
	rems, err := src.Remediations(ctx)
	if err != nil {
		return nil, err
	}
	statuses, err := src.Statuses(ctx, lineage.StatusOptions{AllVersions: true})
	if err != nil {
		return nil, err
	}
	verdicts, err := src.Verdicts(ctx, o.Scope.Since)
	if err != nil {
		return nil, err
	}
	sel := resolveScope(o.Scope, versions, models, runs)
	snap := takeSnapshot(o.Scope, sel, versions, runs, models, revs, rems, statuses, verdicts)

	sum := &summary{Scope: o.Scope, Created: o.Now, Tool: o.Tool, KeyID: o.Signer.KeyID(), InfoTypes: map[string]*infoTypeSum{}}
	cats := categories()
	if err := writeReports(ctx, src, dir, o, snap, sel, cats, sum); err != nil {
		return nil, err
	}
	if err := writeJSONFile(dir, FileVerdicts, verdictsOrEmpty(snap.verdicts)); err != nil {
		return nil, err
	}
	if err := writeObjects(ctx, src, dir, snap); err != nil {
		return nil, err
	}
	if err := writeJSONFile(dir, FileLineage, newLineageSnapshot(o, snap)); err != nil {
		return nil, err
	}
	bom, err := buildBOM(o, snap, cats)
	if err != nil {
		return nil, err
	}
	if err := writeFile(dir, FileBOM, func(w io.Writer) error { return encodeBOM(w, bom) }); err != nil {
		return nil, err
	}
	sum.fill(snap)
	if err := writeIndex(ctx, dir, sum); err != nil {
		return nil, err
	}
	files, err := seal(ctx, dir, o.Signer, Predicate{Tool: o.Tool, Created: o.Now, Scope: o.Scope, KeyID: o.Signer.KeyID()})
	if err != nil {
		return nil, err
	}
	return &ExportResult{Files: files, KeyID: o.Signer.KeyID(), Reports: len(sum.Reports), Findings: sum.Findings,
		Verdicts: len(snap.verdicts), Models: len(snap.models)}, nil
}

func verdictsOrEmpty(v []lineage.Verdict) []lineage.Verdict {
	if v == nil {
		return []lineage.Verdict{}
	}
	return v
}

func writeJSONFile(dir, name string, v any) error {
	return writeFile(dir, name, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	})
}

// category is what the bundle says of an infoType.
type category struct {
	Category    string
	Description string
}

// categories maps the built-in infoTypes to their category and the
// description of their first detector; reports add custom ones.
func categories() map[string]category {
	m := map[string]category{}
	for _, d := range classify.Builtin() {
		if _, ok := m[d.InfoType]; !ok {
			m[d.InfoType] = category{d.Category, d.Description}
		}
	}
	return m
}

// reportEntry lists a report of the bundle in reports.json.
type reportEntry struct {
	ID       int64     `json:"id"`
	Kind     string    `json:"kind"`
	Created  time.Time `json:"created"`
	Versions []int64   `json:"versions"`
	Datasets []string  `json:"datasets"`
	File     string    `json:"file"`
	// Findings counts the findings of the report the bundle's CSV and
	// SARIF carry: those inside the scope's datasets.
	Findings int64 `json:"findings_in_scope"`
	// Error says why the report could not be read for the CSV and SARIF
	// files; its file is still the report as stored.
	Error string `json:"error,omitempty"`
}

// writeReports makes one pass over the stored reports in scope, writing
// each verbatim and its findings and estimates into the CSV and SARIF
// files as it goes: a report is held in memory one at a time.
func writeReports(ctx context.Context, src Source, dir string, o ExportOptions, snap *snapshot, sel *inScope,
	cats map[string]category, sum *summary) error {
	findings, err := newCSVFile(dir, FileFindings, []string{"report", "object", "row", "field", "part", "encoding", "offset", "length",
		"info_type", "likelihood", "detector", "preview", "fingerprint"})
	if err != nil {
		return err
	}
	defer findings.close()
	estimates, err := newCSVFile(dir, FileEstimates, []string{"report", "level", "dataset", "split", "info_type", "rows_sampled",
		"rows_with_hits", "rate", "ci95_lower", "ci95_upper", "method", "rows_total", "rows_with_hits_estimated",
		"rows_with_hits_ci95_lower", "rows_with_hits_ci95_upper"})
	if err != nil {
		return err
	}
	defer estimates.close()
	sarif, err := newSARIFWriter(dir, o.Tool, cats)
	if err != nil {
		return err
	}
	defer sarif.discard()

	var entries []reportEntry
	err = src.Reports(ctx, o.Scope.Since, func(sr lineage.StoredReport) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var uris []string
		whole := true
		for _, v := range sr.Versions {
			if !sel.dataset(v) {
				whole = false
				continue
			}
			if vi, ok := snap.allVersions[v]; ok && !slices.Contains(uris, vi.Dataset) {
				uris = append(uris, vi.Dataset)
			}
		}
		if !sel.all && len(uris) == 0 {
			return nil
		}
		e := reportEntry{ID: sr.ID, Kind: sr.Kind, Created: sr.Created, Versions: sr.Versions, Datasets: uris,
			File: fmt.Sprintf("%s/report-%d.json", reportsDir, sr.ID)}
		if e.Versions == nil {
			e.Versions = []int64{}
		}
		if e.Datasets == nil {
			e.Datasets = []string{}
		}
		if err := writeFile(dir, e.File, func(w io.Writer) error { _, err := w.Write(sr.Body); return err }); err != nil {
			return err
		}
		var rep sampling.Report
		if err := json.Unmarshal(sr.Body, &rep); err != nil {
			e.Error = "not a residue report: " + err.Error()
			entries = append(entries, e)
			sum.Problems = append(sum.Problems, fmt.Sprintf("report %d could not be read: %v", sr.ID, err))
			return nil
		}
		inScope := func(url string) bool {
			if sel.all {
				return true
			}
			return slices.ContainsFunc(uris, func(u string) bool { return under(u, url) })
		}
		// Roots are as the scan was given them (a relative path, say);
		// a recording makes one version per root, in the roots' order,
		// which is how a root finds its dataset's URI.
		rootURI := map[string]string{}
		if len(rep.Roots) == len(sr.Versions) {
			for i, r := range rep.Roots {
				if vi, ok := snap.allVersions[sr.Versions[i]]; ok {
					rootURI[r] = vi.Dataset
				}
			}
		}
		uriOf := func(root string) string {
			if u, ok := rootURI[root]; ok {
				return u
			}
			return strings.TrimRight(root, "/")
		}
		for _, it := range rep.InfoTypes {
			if _, ok := cats[it.InfoType]; !ok && it.Category != "" {
				cats[it.InfoType] = category{Category: it.Category}
			}
		}
		var kept []sampling.Finding
		for _, f := range rep.Findings {
			if !inScope(f.Location.Object) {
				continue
			}
			kept = append(kept, f)
			if err := findings.write(strconv.FormatInt(sr.ID, 10), f.Location.Object, strconv.FormatInt(f.Location.Row, 10),
				f.Location.Field, f.Location.Part, f.Location.Encoding, strconv.Itoa(f.Location.Offset), strconv.Itoa(f.Location.Length),
				f.InfoType, f.Likelihood.String(), f.Detector, f.Preview, f.Fingerprint.String()); err != nil {
				return err
			}
			sum.addFinding(f, cats)
		}
		e.Findings = int64(len(kept))
		if err := writeEstimates(estimates, sr.ID, &rep, whole || sel.all, inScope, uriOf); err != nil {
			return err
		}
		if err := sarif.add(sr.ID, &rep, kept, inScope, uriOf); err != nil {
			return err
		}
		entries = append(entries, e)
		sum.addReport(e, &rep)
		return nil
	})
	if err != nil {
		return err
	}
	if err := findings.close(); err != nil {
		return err
	}
	if err := estimates.close(); err != nil {
		return err
	}
	if err := sarif.finish(); err != nil {
		return err
	}
	if entries == nil {
		entries = []reportEntry{}
	}
	return writeJSONFile(dir, FileReports, entries)
}

// writeEstimates writes a report's estimates: the report's own when the
// whole report is in scope, and each in-scope dataset's and split's.
func writeEstimates(c *csvFile, id int64, rep *sampling.Report, whole bool, inScope func(string) bool, uriOf func(string) string) error {
	rid := strconv.FormatInt(id, 10)
	row := func(level, dataset, split string, e sampling.Estimate) error {
		return c.write(rid, level, dataset, split, e.InfoType, strconv.FormatInt(e.RowsSampled, 10), strconv.FormatInt(e.RowsWithHits, 10),
			ftoa(e.Rate), ftoa(e.CI95[0]), ftoa(e.CI95[1]), e.Method, strconv.FormatInt(e.RowsTotal, 10),
			strconv.FormatInt(e.Estimated, 10), strconv.FormatInt(e.EstimatedCI95[0], 10), strconv.FormatInt(e.EstimatedCI95[1], 10))
	}
	if whole {
		for _, e := range rep.Estimates {
			if err := row("report", "", "", e); err != nil {
				return err
			}
		}
		if err := row("report", "", "", anyRows(rep.Totals.Any)); err != nil {
			return err
		}
	}
	for _, d := range rep.Datasets {
		root := uriOf(d.Root)
		if !inScope(root) {
			continue
		}
		for _, e := range append(slices.Clone(d.Estimates), anyRows(d.Any)) {
			if err := row("dataset", root, "", e); err != nil {
				return err
			}
		}
		for _, sp := range d.Splits {
			for _, e := range append(slices.Clone(sp.Estimates), anyRows(sp.Any)) {
				if err := row("split", root, sp.Name, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// anyRows is the estimate of rows with any finding, named ANY as the
// report names it.
func anyRows(e sampling.Estimate) sampling.Estimate {
	if e.InfoType == "" {
		e.InfoType = "ANY"
	}
	return e
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// csvFile is a CSV file of the bundle written row by row.
type csvFile struct {
	name string
	f    *os.File
	bw   *bufio.Writer
	w    *csv.Writer
}

func newCSVFile(dir, name string, header []string) (*csvFile, error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	bw := bufio.NewWriter(f)
	c := &csvFile{name: name, f: f, bw: bw, w: csv.NewWriter(bw)}
	if err := c.write(header...); err != nil {
		f.Close()
		return nil, err
	}
	return c, nil
}

func (c *csvFile) write(fields ...string) error {
	if err := c.w.Write(fields); err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	return nil
}

// close flushes and closes the file; later calls do nothing.
func (c *csvFile) close() error {
	if c.f == nil {
		return nil
	}
	f := c.f
	c.f = nil
	c.w.Flush()
	err := c.w.Error()
	if err == nil {
		err = c.bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	return nil
}

// writeObjects lists the objects of every dataset version in the
// bundle: what each recording held, read or not, and why not.
func writeObjects(ctx context.Context, src Source, dir string, snap *snapshot) error {
	c, err := newCSVFile(dir, FileObjects, []string{"version", "dataset", "url", "object_version", "size", "status", "reused_from", "reason", "recorded"})
	if err != nil {
		return err
	}
	defer c.close()
	for _, v := range snap.versions {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := src.Objects(ctx, v.ID, func(o lineage.ObjectRecord) error {
			reused := ""
			if o.ReusedFrom != 0 {
				reused = strconv.FormatInt(o.ReusedFrom, 10)
			}
			return c.write(strconv.FormatInt(v.ID, 10), v.Dataset, o.URL, o.ObjectVersion, strconv.FormatInt(o.Size, 10),
				o.Status, reused, o.Reason, stampOf(o.Recorded))
		})
		if err != nil {
			return err
		}
	}
	return c.close()
}

func stampOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
