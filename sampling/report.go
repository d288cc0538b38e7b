package sampling

import (
	"cmp"
	"slices"
	"time"

	"github.com/residuehq/residue/classify"
)

// Schema names the report format (../shared/INFOTYPES.md). Fields may be
// added under it; none may change meaning.
const Schema = "residue.report/v1"

// Report is the result of a scan, in the residue.report/v1 JSON shape.
type Report struct {
	Schema     string    `json:"schema"`
	Started    time.Time `json:"started"`
	Finished   time.Time `json:"finished"`
	Seed       uint64    `json:"seed"`
	Mode       string    `json:"mode"` // "full" or "sampled"
	SampleRate float64   `json:"sample_rate,omitempty"`
	// Sampling says how a sampled report's rows were chosen; Decision is
	// the outcome of sampling until confident.
	Sampling *SamplingInfo `json:"sampling,omitempty"`
	// ObjectSampling says how objects were chosen when only a sample of
	// them was read.
	ObjectSampling *ObjectSampling     `json:"object_sampling,omitempty"`
	Decision       *Decision           `json:"decision,omitempty"`
	MinLikelihood  classify.Likelihood `json:"min_likelihood"`
	FingerprintKey string              `json:"fingerprint_key"` // key id, never the key
	Roots          []string            `json:"roots"`
	Objects        []Object            `json:"objects"`
	Skipped        []Skipped           `json:"skipped"`
	Findings       []Finding           `json:"findings"`
	// FindingsTotal counts every finding; Findings lists them all unless a
	// cap was set, in which case FindingsTruncated is true.
	FindingsTotal     int64          `json:"findings_total"`
	FindingsTruncated bool           `json:"findings_truncated"`
	InfoTypes         []InfoTypeStat `json:"info_types"`
	Estimates         []Estimate     `json:"estimates"`
	// Datasets sees each root as a dataset with splits, each with its own
	// estimates.
	Datasets []Dataset `json:"datasets,omitempty"`
	Totals   Totals    `json:"totals"`
	// Clusters are the sums behind the estimates of a sampled run, for
	// merging the reports of shards exactly.
	Clusters *ClusterSums `json:"clusters,omitempty"`
}

// Modes.
const (
	ModeFull    = "full"
	ModeSampled = "sampled"
)

// Object is one object that was read, wholly or in part.
type Object struct {
	URL          string `json:"url"`
	Format       string `json:"format"`
	Compression  string `json:"compression,omitempty"`
	Size         int64  `json:"size"`
	Version      string `json:"version"`
	Rows         int64  `json:"rows"`
	RowsScanned  int64  `json:"rows_scanned"`
	BytesRead    int64  `json:"bytes_read"`
	BytesDecoded int64  `json:"bytes_decoded"`
	Findings     int64  `json:"findings"`
	// Errors are the problems met while reading: rows that did not parse,
	// records cut at the size cap, a stream that ended early. The object
	// was still scanned as far as it could be.
	Errors      []ObjectError `json:"errors,omitempty"`
	ErrorsTotal int64         `json:"errors_total,omitempty"`
	// Columns profiles every column of a structured object (all but plain
	// text): what it holds, how often, how many distinct values.
	Columns []ColumnProfile `json:"columns,omitempty"`
	// ColumnsNotProfiled counts fields beyond the profiling cap.
	ColumnsNotProfiled int64 `json:"columns_not_profiled,omitempty"`
}

// ObjectError is one problem within an object; Row is set when it concerns
// one row.
type ObjectError struct {
	Row    *int64 `json:"row,omitempty"`
	Reason string `json:"reason"`
}

// maxObjectErrors caps the errors listed per object; ErrorsTotal counts
// them all.
const maxObjectErrors = 100

// Skipped is an object that was not read, with the reason.
type Skipped struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Finding is one finding with its location (INFOTYPES.md).
type Finding struct {
	InfoType    string               `json:"info_type"`
	Likelihood  classify.Likelihood  `json:"likelihood"`
	Location    Location             `json:"location"`
	Fingerprint classify.Fingerprint `json:"fingerprint"`
	Preview     string               `json:"preview"`
	Detector    string               `json:"detector"`
}

// Location places a finding: the row of the object, the field path, and
// the byte offset and length within the field's decoded value.
type Location struct {
	Object string `json:"object"`
	Row    int64  `json:"row"`
	Field  string `json:"field"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	// Part is "path" when the finding is in the field's path (a JSON key
	// holding an email address) rather than its value; Offset and Length
	// then count bytes of the path as read, and Field is the path with the
	// finding masked.
	Part string `json:"part,omitempty"`
	// Encoding is set when the value was found by decoding ("base64",
	// "url", "json-escape", or a chain such as "base64+json-escape");
	// Offset and Length then cover the encoded text.
	Encoding string `json:"encoding,omitempty"`
}

// InfoTypeStat summarises the findings of one infoType.
type InfoTypeStat struct {
	InfoType   string           `json:"info_type"`
	Category   string           `json:"category"`
	Findings   int64            `json:"findings"`
	Likelihood map[string]int64 `json:"likelihood"`
	Objects    int64            `json:"objects"`
}

// Totals sums the run.
type Totals struct {
	Objects      int64 `json:"objects"`
	Skipped      int64 `json:"skipped"`
	ObjectErrors int64 `json:"object_errors"`
	Rows         int64 `json:"rows"`
	RowsScanned  int64 `json:"rows_scanned"`
	BytesRead    int64 `json:"bytes_read"`
	// BytesDecoded counts the bytes after decompression: the text a
	// scan's throughput is measured in.
	BytesDecoded int64 `json:"bytes_decoded"`
	Findings     int64 `json:"findings"`
	// Any estimates the share of rows with at least one finding of any
	// type; with no hits its upper bound is the rule of three, which is
	// what "clean at 95 %" rests on.
	Any Estimate `json:"any"`
	// RootsFailed counts roots that could not be listed at all.
	RootsFailed int64 `json:"roots_failed"`
}

// compareFindings orders findings by place, which makes reports
// reproducible whatever order the workers finished in.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Object, b.Location.Object),
		cmp.Compare(a.Location.Row, b.Location.Row),
		cmp.Compare(a.Location.Field, b.Location.Field),
		cmp.Compare(a.Location.Offset, b.Location.Offset),
		cmp.Compare(a.InfoType, b.InfoType),
		cmp.Compare(a.Location.Length, b.Location.Length),
	)
}

func sortReport(r *Report) {
	slices.SortFunc(r.Objects, func(a, b Object) int { return cmp.Compare(a.URL, b.URL) })
	slices.SortFunc(r.Skipped, func(a, b Skipped) int {
		return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.Reason, b.Reason))
	})
	slices.SortFunc(r.Findings, compareFindings)
	slices.SortFunc(r.InfoTypes, func(a, b InfoTypeStat) int { return cmp.Compare(a.InfoType, b.InfoType) })
	slices.SortFunc(r.Estimates, func(a, b Estimate) int { return cmp.Compare(a.InfoType, b.InfoType) })
}
