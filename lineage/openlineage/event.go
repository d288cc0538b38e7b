package openlineage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage"
)

// Event types, by what an event carries.
const (
	TypeRun     = "run"     // a RunEvent: a run of a job
	TypeJob     = "job"     // a JobEvent: a job's inputs and outputs, no run
	TypeDataset = "dataset" // a DatasetEvent: a dataset, no run
)

// eventTypes are the values of a RunEvent's eventType.
var eventTypes = []string{"START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"}

// Event is an accepted event, converted.
type Event struct {
	// Index is the event's position in the input, from 1; Line the line
	// it starts on.
	Index int
	Line  int
	Type  string
	// Run is what a RunEvent or a JobEvent records.
	Run lineage.RunRecord
	// Dataset is what a DatasetEvent records.
	Dataset lineage.Ref
}

// rawEvent holds what residue reads of an event; the rest, facets of runs
// and jobs included, is skipped unread.
type rawEvent struct {
	EventType *string      `json:"eventType"`
	EventTime *string      `json:"eventTime"`
	Run       *rawRun      `json:"run"`
	Job       *rawJob      `json:"job"`
	Inputs    []rawDataset `json:"inputs"`
	Outputs   []rawDataset `json:"outputs"`
	Dataset   *rawDataset  `json:"dataset"`
	SchemaURL string       `json:"schemaURL"`
}

type rawRun struct {
	RunID string `json:"runId"`
}

type rawJob struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

type rawDataset struct {
	Namespace string                     `json:"namespace"`
	Name      string                     `json:"name"`
	Facets    map[string]json.RawMessage `json:"facets"`
}

// parseEvent validates and converts one event's JSON. Its errors name the
// field, never a facet's content. A rejected event's Type is set when it
// could be told.
func parseEvent(raw []byte) (Event, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		if json.Valid(raw) {
			return Event{}, errors.New("not a JSON object")
		}
		return Event{}, errors.New("not JSON")
	}
	var r rawEvent
	if err := json.Unmarshal(raw, &r); err != nil {
		return Event{}, jsonError(err)
	}
	ev := Event{}
	switch {
	case r.Run != nil, strings.Contains(r.SchemaURL, "/RunEvent"):
		ev.Type = TypeRun
	case r.Job != nil:
		ev.Type = TypeJob
	case r.Dataset != nil:
		ev.Type = TypeDataset
	}
	fail := func(err error) (Event, error) { return Event{Type: ev.Type}, err }
	if r.EventTime == nil || strings.TrimSpace(*r.EventTime) == "" {
		return fail(errors.New("eventTime: missing"))
	}
	t, err := parseTime(*r.EventTime)
	if err != nil {
		return fail(fmt.Errorf("eventTime: %w", err))
	}
	state := ""
	if r.EventType != nil {
		state = strings.ToUpper(strings.TrimSpace(*r.EventType))
		if !slices.Contains(eventTypes, state) {
			return fail(fmt.Errorf("eventType: %q is not one of %s", clip(*r.EventType), strings.Join(eventTypes, ", ")))
		}
	}
	switch ev.Type {
	case TypeRun:
		if r.Run == nil {
			return fail(errors.New("run: missing (a RunEvent needs run.runId)"))
		}
		if strings.TrimSpace(r.Run.RunID) == "" {
			return fail(errors.New("run.runId: missing"))
		}
		if ev.Run, err = runRecord(r, t); err != nil {
			return fail(err)
		}
		ev.Run.Key = r.Run.RunID
		if state == "" {
			state = "OTHER"
		}
	case TypeJob:
		if ev.Run, err = runRecord(r, t); err != nil {
			return fail(err)
		}
		ev.Run.Key = "job:" + ev.Run.Namespace + "/" + ev.Run.Name
		if state == "" {
			state = "COMPLETE"
		}
	case TypeDataset:
		if ev.Dataset, err = datasetRef(*r.Dataset, "dataset"); err != nil {
			return fail(err)
		}
		return ev, nil
	default:
		return fail(errors.New("not a run, job or dataset event: it has no run, job or dataset"))
	}
	ev.Run.State = state
	return ev, nil
}

// runRecord converts the job, inputs and outputs of a RunEvent or a
// JobEvent.
func runRecord(r rawEvent, t time.Time) (lineage.RunRecord, error) {
	if r.Job == nil {
		return lineage.RunRecord{}, errors.New("job: missing")
	}
	if strings.TrimSpace(r.Job.Namespace) == "" {
		return lineage.RunRecord{}, errors.New("job.namespace: missing")
	}
	if strings.TrimSpace(r.Job.Name) == "" {
		return lineage.RunRecord{}, errors.New("job.name: missing")
	}
	rec := lineage.RunRecord{Namespace: r.Job.Namespace, Name: r.Job.Name, Time: t}
	for i, d := range r.Inputs {
		ref, err := datasetRef(d, fmt.Sprintf("inputs[%d]", i))
		if err != nil {
			return lineage.RunRecord{}, err
		}
		rec.Inputs = append(rec.Inputs, ref)
	}
	for i, d := range r.Outputs {
		ref, err := datasetRef(d, fmt.Sprintf("outputs[%d]", i))
		if err != nil {
			return lineage.RunRecord{}, err
		}
		rec.Outputs = append(rec.Outputs, ref)
	}
	return rec, nil
}

// datasetRef converts a dataset: its URI, whether it is a model, and its
// version, from the three facets residue reads.
func datasetRef(d rawDataset, at string) (lineage.Ref, error) {
	if strings.TrimSpace(d.Namespace) == "" {
		return lineage.Ref{}, fmt.Errorf("%s.namespace: missing", at)
	}
	if strings.TrimSpace(d.Name) == "" {
		return lineage.Ref{}, fmt.Errorf("%s.name: missing", at)
	}
	ref := lineage.Ref{Kind: lineage.KindDataset, URI: URI(d.Namespace, d.Name), Namespace: d.Namespace, Name: d.Name}
	typ, _, err := facetString(d.Facets, "datasetType", "datasetType")
	if err != nil {
		return lineage.Ref{}, fmt.Errorf("%s.facets.%w", at, err)
	}
	modelVersion, marked, err := facetString(d.Facets, "residue_model", "version")
	if err != nil {
		return lineage.Ref{}, fmt.Errorf("%s.facets.%w", at, err)
	}
	if ref.Version, _, err = facetString(d.Facets, "version", "datasetVersion"); err != nil {
		return lineage.Ref{}, fmt.Errorf("%s.facets.%w", at, err)
	}
	if marked || strings.EqualFold(strings.TrimSpace(typ), "MODEL") {
		ref.Kind = lineage.KindModel
		if modelVersion != "" {
			ref.Version = modelVersion
		}
	}
	return ref, nil
}

// facetString reads a string field of a facet. present says the facet is
// there (not absent, not null). A number is taken as its digits, since
// producers write versions either way.
func facetString(facets map[string]json.RawMessage, facet, field string) (value string, present bool, err error) {
	raw, ok := facets[facet]
	if !ok || isNull(raw) {
		return "", false, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return "", false, fmt.Errorf("%s: want an object", facet)
	}
	v, ok := fields[field]
	if !ok || isNull(v) {
		return "", true, nil
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, true, nil
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String(), true, nil
	}
	return "", true, fmt.Errorf("%s.%s: want a string", facet, field)
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

// Time layouts of eventTime after RFC 3339: an offset without a colon,
// and no zone at all (UTC).
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date-time (want RFC 3339, as 2026-11-26T09:00:00.000Z)", clip(s))
}

// jsonError words a decoding error by the field it is about.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "event"
		}
		return fmt.Errorf("%s: want %s, not %s", field, kindName(te.Type), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not JSON: %v", se)
	}
	return fmt.Errorf("not JSON: %v", err)
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	}
	return t.Kind().String()
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
