package evidence

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/sampling"
)

// summary is what index.html shows: gathered while the other files are
// written, so the page agrees with them.
type summary struct {
	Scope     Scope
	Created   time.Time
	Tool      Tool
	KeyID     string
	Reports   []reportSummary
	Findings  int64
	InfoTypes map[string]*infoTypeSum
	Problems  []string

	Versions    []lineage.VersionInfo
	Statuses    []lineage.ModelStatus
	Verdicts    []verdictView
	Revocations []lineage.Revocation
	Runs        []lineage.Run
	Files       []fileView
}

type reportSummary struct {
	ID          int64
	Kind        string
	Created     time.Time
	Mode        string
	Datasets    []string
	Objects     int64
	Rows        int64
	RowsScanned int64
	Findings    int64
	Skipped     int64
	Problems    int64
}

type infoTypeSum struct {
	InfoType string
	Category string
	Findings int64
	objects  map[string]bool
	Objects  int
}

type verdictView struct {
	lineage.Verdict
	Rules []ruleView
}

// ruleView is a rule's evidence as the gate records it. Only these
// fields are read from a verdict's detail, each optional.
type ruleView struct {
	Name         string  `json:"name"`
	Kind         string  `json:"kind"`
	Verdict      string  `json:"verdict"`
	RowsSampled  int64   `json:"rows_sampled"`
	RowsWithHits int64   `json:"rows_with_hits"`
	Lower        float64 `json:"lower"`
	Upper        float64 `json:"upper"`
	MaxRate      float64 `json:"max_rate"`
	Confidence   float64 `json:"confidence"`
	Text         string  `json:"text"`
}

type fileView struct {
	Name   string
	Size   int64
	SHA256 string
}

func (s *summary) addReport(e reportEntry, rep *sampling.Report) {
	var skipped, problems int64
	for _, sk := range rep.Skipped {
		if slices.ContainsFunc(e.Datasets, func(u string) bool { return under(u, sk.URL) }) || len(e.Datasets) == 0 {
			skipped++
		}
	}
	for _, o := range rep.Objects {
		problems += o.ErrorsTotal
	}
	s.Reports = append(s.Reports, reportSummary{ID: e.ID, Kind: e.Kind, Created: e.Created, Mode: rep.Mode,
		Datasets: e.Datasets, Objects: rep.Totals.Objects, Rows: rep.Totals.Rows, RowsScanned: rep.Totals.RowsScanned,
		Findings: e.Findings, Skipped: skipped, Problems: problems})
}

func (s *summary) addFinding(f sampling.Finding, cats map[string]category) {
	s.Findings++
	it := s.InfoTypes[f.InfoType]
	if it == nil {
		it = &infoTypeSum{InfoType: f.InfoType, Category: cmp.Or(cats[f.InfoType].Category, "custom"), objects: map[string]bool{}}
		s.InfoTypes[f.InfoType] = it
	}
	it.Findings++
	it.objects[f.Location.Object] = true
	it.Objects = len(it.objects)
}

func (s *summary) fill(snap *snapshot) {
	s.Versions = snap.versions
	s.Statuses = snap.statuses
	s.Revocations = snap.revocations
	s.Runs = snap.runs
	for _, v := range snap.verdicts {
		vv := verdictView{Verdict: v}
		var d struct {
			Rules []ruleView `json:"rules"`
		}
		if json.Unmarshal(v.Detail, &d) == nil {
			vv.Rules = d.Rules
		}
		s.Verdicts = append(s.Verdicts, vv)
	}
}

func (s *summary) InfoTypeList() []*infoTypeSum {
	out := make([]*infoTypeSum, 0, len(s.InfoTypes))
	for _, it := range s.InfoTypes {
		out = append(out, it)
	}
	slices.SortFunc(out, func(a, b *infoTypeSum) int {
		return cmp.Or(cmp.Compare(b.Findings, a.Findings), cmp.Compare(a.InfoType, b.InfoType))
	})
	return out
}

// StatusCounts counts model versions per status, in the order that
// matters to a reader.
func (s *summary) StatusCounts() []struct {
	Status string
	N      int
} {
	var out []struct {
		Status string
		N      int
	}
	for _, st := range []string{lineage.StatusTainted, lineage.StatusRemediated, lineage.StatusSensitive, lineage.StatusClean} {
		n := 0
		for _, m := range s.Statuses {
			if m.Status == st {
				n++
			}
		}
		out = append(out, struct {
			Status string
			N      int
		}{st, n})
	}
	return out
}

// writeIndex lists the files written so far with their digests and
// writes index.html.
func writeIndex(ctx context.Context, dir string, s *summary) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", FileIndex, err)
	}
	defer root.Close()
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		sum, err := digest(ctx, root, name)
		if err != nil {
			return err
		}
		s.Files = append(s.Files, fileView{Name: name, Size: fi.Size(), SHA256: sum})
		return nil
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", FileIndex, err)
	}
	t, err := template.New("index").Funcs(template.FuncMap{
		"count": func(n any) string {
			switch v := n.(type) {
			case int:
				return count(int64(v))
			case int64:
				return count(v)
			}
			return fmt.Sprint(n)
		},
		"pct":   pct,
		"bytes": Bytes,
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.UTC().Format("2006-01-02 15:04:05Z")
		},
		"join":  strings.Join,
		"lower": strings.ToLower,
	}).Parse(indexTemplate)
	if err != nil {
		return fmt.Errorf("write %s: %w", FileIndex, err)
	}
	return writeFile(dir, FileIndex, func(w io.Writer) error { return t.Execute(w, s) })
}

// indexTemplate is the readable summary. html/template escapes every
// value: dataset URIs and field names come from the data and may hold
// anything.
const indexTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>residue evidence bundle, {{when .Created}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 0.9em; word-break: break-all; }
.tainted, .fail { color: #a00; font-weight: bold; }
.pass, .clean { color: #070; }
.inconclusive, .sensitive, .remediated { color: #a60; }
</style>
</head>
<body>
<h1>residue evidence bundle</h1>
<p>Written {{when .Created}} by {{.Tool.Name}} {{.Tool.Version}}.
Scope: {{if .Scope.Datasets}}datasets {{join .Scope.Datasets ", "}}{{end}}{{if .Scope.Models}}{{if .Scope.Datasets}}; {{end}}models {{join .Scope.Models ", "}}{{end}}{{if not (or .Scope.Datasets .Scope.Models)}}every dataset and model{{end}}{{if not .Scope.Since.IsZero}}, records since {{when .Scope.Since}}{{end}}.</p>
<p>The bundle is signed: <code>manifest.dsse.json</code> is an in-toto statement of every file's SHA-256 in a DSSE envelope,
signed with the ed25519 key <code>{{.KeyID}}</code>. Check it with <code>residue verify DIR --pubkey signing.pub</code>
(docs/evidence.md shows how with openssl and sha256sum). The bundle holds masked previews and keyed fingerprints, never values.</p>

<h2>Summary</h2>
<table>
<tr><th>scan and gate reports</th><td class="n">{{count (len .Reports)}}</td></tr>
<tr><th>findings in scope</th><td class="n">{{count .Findings}}</td></tr>
<tr><th>dataset versions recorded</th><td class="n">{{count (len .Versions)}}</td></tr>
<tr><th>gate verdicts</th><td class="n">{{count (len .Verdicts)}}</td></tr>
<tr><th>runs</th><td class="n">{{count (len .Runs)}}</td></tr>
{{range .StatusCounts}}<tr><th>model versions {{.Status}}</th><td class="n">{{count .N}}</td></tr>
{{end}}<tr><th>revocations</th><td class="n">{{count (len .Revocations)}}</td></tr>
</table>
{{if .Problems}}<h2>Problems</h2>
<ul>{{range .Problems}}<li>{{.}}</li>{{end}}</ul>
{{end}}
<h2>Models</h2>
{{if .Statuses}}<table>
<tr><th>model</th><th>version</th><th>status</th><th>why</th></tr>
{{range .Statuses}}<tr><td><code>{{.Model}}</code></td><td>{{.Version}}</td><td class="{{lower .Status}}">{{.Status}}</td><td>{{range .Reasons}}{{.Text}}<br>{{end}}</td></tr>
{{end}}</table>
{{else}}<p>No model in scope.</p>{{end}}

<h2>Findings by infoType</h2>
{{with .InfoTypeList}}<table>
<tr><th>infoType</th><th>category</th><th>findings</th><th>objects</th></tr>
{{range .}}<tr><td>{{.InfoType}}</td><td>{{.Category}}</td><td class="n">{{count .Findings}}</td><td class="n">{{count .Objects}}</td></tr>
{{end}}</table>
<p>Every finding, with its location and masked preview, is in <code>findings.csv</code> and <code>findings.sarif</code>;
the prevalence estimates with their 95% intervals in <code>estimates.csv</code>.</p>
{{else}}<p>No findings in scope.</p>{{end}}

<h2>Gate verdicts</h2>
{{if .Verdicts}}<table>
<tr><th>decided</th><th>dataset</th><th>version</th><th>verdict</th><th>policy</th><th>rules</th></tr>
{{range .Verdicts}}<tr><td>{{when .Decided}}</td><td><code>{{.Dataset}}</code></td><td>{{.VersionID}}</td><td class="{{.Verdict.Verdict}}">{{.Verdict.Verdict}}</td><td><code>{{.Policy}}</code></td>
<td>{{range .Rules}}{{.Verdict}} {{.Name}}: {{.Text}}<br>{{end}}</td></tr>
{{end}}</table>
{{else}}<p>No gate verdict in scope.</p>{{end}}

<h2>Scans</h2>
{{if .Reports}}<table>
<tr><th>report</th><th>kind</th><th>recorded</th><th>mode</th><th>datasets</th><th>objects</th><th>rows</th><th>rows scanned</th><th>findings in scope</th><th>not scanned</th><th>problems in objects</th></tr>
{{range .Reports}}<tr><td><a href="reports/report-{{.ID}}.json">{{.ID}}</a></td><td>{{.Kind}}</td><td>{{when .Created}}</td><td>{{.Mode}}</td><td>{{range .Datasets}}<code>{{.}}</code><br>{{end}}</td>
<td class="n">{{count .Objects}}</td><td class="n">{{count .Rows}}</td><td class="n">{{count .RowsScanned}}</td><td class="n">{{count .Findings}}</td><td class="n">{{count .Skipped}}</td><td class="n">{{count .Problems}}</td></tr>
{{end}}</table>
{{else}}<p>No report in scope.</p>{{end}}

<h2>Dataset versions</h2>
{{if .Versions}}<table>
<tr><th>dataset</th><th>version</th><th>recorded</th><th>complete</th><th>manifest digest</th><th>findings</th></tr>
{{range .Versions}}<tr><td><code>{{.Dataset}}</code></td><td>{{.ID}}{{if .Label}} ({{.Label}}){{end}}</td><td>{{when .Finished}}</td><td>{{if .Complete}}yes{{else}}no{{end}}</td><td><code>{{.Digest}}</code></td>
<td>{{range $t, $n := .InfoTypes}}{{$t}}: {{count $n}}<br>{{end}}</td></tr>
{{end}}</table>
{{else}}<p>No dataset version in scope.</p>{{end}}

<h2>Revocations</h2>
{{if .Revocations}}<table>
<tr><th>id</th><th>kind</th><th>what</th><th>reason</th><th>effective</th><th>recorded</th></tr>
{{range .Revocations}}<tr><td>{{.ID}}</td><td>{{.Kind}}</td><td>{{if .InfoType}}{{.InfoType}} (by keyed fingerprint){{else}}<code>{{.Target}}</code>{{end}}</td><td>{{.Reason}}</td><td>{{when .Effective}}</td><td>{{when .Recorded}}</td></tr>
{{end}}</table>
{{else}}<p>No revocation in scope.</p>{{end}}

<h2>Files</h2>
<table>
<tr><th>file</th><th>size</th><th>SHA-256</th></tr>
{{range .Files}}<tr><td><a href="{{.Name}}">{{.Name}}</a></td><td class="n">{{bytes .Size}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</table>
<p>With <code>SHA256SUMS</code> and <code>manifest.dsse.json</code>, which list and sign them all, this page included.</p>
</body>
</html>
`
