package openlineage_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/openlineage"
)

// marquezDir holds OpenLineage events Marquez wrote (see its README),
// outside the repository in the shared evaluation data.
var marquezDir = filepath.Join("..", "..", "..", "shared", "evaldata", "openlineage-marquez")

// decodeAll reads every event and every rejection of an input.
func decodeAll(t *testing.T, in string) ([]openlineage.Event, []*openlineage.Error) {
	t.Helper()
	d := openlineage.NewDecoder(strings.NewReader(in))
	var evs []openlineage.Event
	var errs []*openlineage.Error
	for {
		ev, err := d.Next()
		if err == io.EOF {
			return evs, errs
		}
		var e *openlineage.Error
		if errors.As(err, &e) {
			errs = append(errs, e)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
}

const (
	startEvent    = `{"eventType":"START","eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r1"},"job":{"namespace":"ns","name":"train"},"inputs":[{"namespace":"s3://lake","name":"corpus"}]}`
	completeEvent = `{"eventType":"COMPLETE","eventTime":"2026-11-01T09:00:00Z","run":{"runId":"r1"},"job":{"namespace":"ns","name":"train"},"outputs":[{"namespace":"hf://acme","name":"base","facets":{"datasetType":{"datasetType":"model"},"version":{"datasetVersion":"v1"}}}]}`
)

func TestDecodeForms(t *testing.T) {
	pretty := "{\n  \"eventType\": \"START\",\n  \"eventTime\": \"2026-11-01T08:00:00Z\",\n  \"run\": {\"runId\": \"r1\"},\n  \"job\": {\"namespace\": \"ns\", \"name\": \"train\"}\n}\n"
	for _, c := range []struct {
		name  string
		in    string
		lines []int
	}{
		{"ndjson", startEvent + "\n" + completeEvent + "\n", []int{1, 2}},
		{"ndjson blank lines and CRLF", "\r\n" + startEvent + "\r\n\r\n" + completeEvent, []int{2, 4}},
		{"array", "[\n" + startEvent + ",\n" + completeEvent + "\n]\n", []int{2, 3}},
		{"compact array", "[" + startEvent + "," + completeEvent + "]", []int{1, 1}},
		{"pretty", "\n" + pretty, []int{2}},
		{"pretty twice", pretty + pretty, []int{1, 7}},
		{"byte order mark", "\xef\xbb\xbf" + startEvent, []int{1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			evs, errs := decodeAll(t, c.in)
			if len(errs) > 0 {
				t.Fatalf("rejected: %v", errs)
			}
			if len(evs) != len(c.lines) {
				t.Fatalf("%d events, want %d", len(evs), len(c.lines))
			}
			for i, ev := range evs {
				if ev.Index != i+1 || ev.Line != c.lines[i] {
					t.Errorf("event %d: index %d line %d, want line %d", i+1, ev.Index, ev.Line, c.lines[i])
				}
				if ev.Type != openlineage.TypeRun || ev.Run.Key != "r1" || ev.Run.Name != "train" || ev.Run.Namespace != "ns" {
					t.Errorf("event %d: %+v", i+1, ev)
				}
			}
		})
	}
}

func TestDecodeEmpty(t *testing.T) {
	for _, in := range []string{"", " \n\t\n", "[]", " [ ] \n"} {
		evs, errs := decodeAll(t, in)
		if len(evs)+len(errs) != 0 {
			t.Errorf("%q: %d events, %v", in, len(evs), errs)
		}
	}
}

// TestDecodeRecovery: a rejected line or array element is reported where
// it is, and the events around it are read; broken framing ends the input
// at the fault.
func TestDecodeRecovery(t *testing.T) {
	noTime := `{"run":{"runId":"r2"},"job":{"namespace":"ns","name":"x"}}`
	for _, c := range []struct {
		name     string
		in       string
		accepted int
		errs     []string // "index:line:substring"
		last     bool
	}{
		{"ndjson bad line", startEvent + "\n{not json\n" + completeEvent + "\n", 2, []string{"2:2:not JSON"}, false},
		{"ndjson invalid event", startEvent + "\n" + noTime + "\n\n" + completeEvent + "\n", 2, []string{"2:2:eventTime: missing"}, false},
		{"ndjson not an object", startEvent + "\n[1]\n42\n", 1, []string{"2:2:not a JSON object", "3:3:not a JSON object"}, false},
		{"array invalid element", "[\n" + startEvent + ",\n" + noTime + ",\n" + completeEvent + "\n]", 2, []string{"2:3:eventTime: missing"}, false},
		{"array scalar element", "[" + startEvent + ", 7]", 1, []string{"2:1:not a JSON object"}, false},
		{"array syntax error", "[\n" + startEvent + ",\n{\"eventTime\": x}\n]", 1, []string{"2:3:not JSON"}, true},
		{"array missing comma", "[\n" + startEvent + "\n" + completeEvent + "]", 1, []string{"2:3:not JSON"}, true},
		{"array unterminated", "[\n" + startEvent + ",\n", 1, []string{"2:3:ends inside an event"}, true},
		{"after the array", "[" + startEvent + "]\n[]", 1, []string{"2:2:more after the array"}, true},
		{"pretty truncated", "{\n\"eventTime\": \"2026-11-01T08:00:00Z\",\n", 0, []string{"1:3:ends inside an event"}, true},
		{"pretty syntax error", "{\n  \"eventTime\": \"2026-11-01T08:00:00Z\",\n  oops\n}", 0, []string{"1:3:not JSON"}, true},
		{"not json", "hello", 0, []string{"1:1:not JSON"}, true},
		{"not json on line 3", "\n\nhello", 0, []string{"1:3:not JSON"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			evs, errs := decodeAll(t, c.in)
			if len(evs) != c.accepted {
				t.Errorf("%d accepted, want %d", len(evs), c.accepted)
			}
			if len(errs) != len(c.errs) {
				t.Fatalf("errors %v, want %v", errs, c.errs)
			}
			for i, want := range c.errs {
				parts := strings.SplitN(want, ":", 3)
				e := errs[i]
				got := e.Error()
				if strconv.Itoa(e.Index) != parts[0] || strconv.Itoa(e.Line) != parts[1] || !strings.Contains(got, parts[2]) {
					t.Errorf("error %q (index %d, line %d), want %s", got, e.Index, e.Line, want)
				}
				if !strings.HasPrefix(got, "event "+parts[0]+" (line "+parts[1]+"): ") {
					t.Errorf("error %q is not located", got)
				}
			}
			if last := errs[len(errs)-1].Last; last != c.last {
				t.Errorf("last = %v, want %v", last, c.last)
			}
		})
	}
}

func TestEventValidation(t *testing.T) {
	for _, c := range []struct {
		name, event, want string
	}{
		{"no eventTime", `{"run":{"runId":"r"},"job":{"namespace":"n","name":"j"}}`, "eventTime: missing"},
		{"null eventTime", `{"eventTime":null,"run":{"runId":"r"},"job":{"namespace":"n","name":"j"}}`, "eventTime: missing"},
		{"bad eventTime", `{"eventTime":"yesterday","run":{"runId":"r"},"job":{"namespace":"n","name":"j"}}`, `eventTime: "yesterday" is not a date-time`},
		{"eventTime a number", `{"eventTime":5,"run":{"runId":"r"},"job":{"namespace":"n","name":"j"}}`, "eventTime: want a string, not number"},
		{"bad eventType", `{"eventType":"DONE","eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"namespace":"n","name":"j"}}`, `eventType: "DONE" is not one of`},
		{"no runId", `{"eventTime":"2026-11-01T08:00:00Z","run":{},"job":{"namespace":"n","name":"j"}}`, "run.runId: missing"},
		{"run a string", `{"eventTime":"2026-11-01T08:00:00Z","run":"r","job":{"namespace":"n","name":"j"}}`, "run: want an object, not string"},
		{"no job", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"}}`, "job: missing"},
		{"no job namespace", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"name":"j"}}`, "job.namespace: missing"},
		{"no job name", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"namespace":"n","name":" "}}`, "job.name: missing"},
		{"RunEvent without run", `{"eventTime":"2026-11-01T08:00:00Z","job":{"namespace":"n","name":"j"},"schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}`, "run: missing"},
		{"input without namespace", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"namespace":"n","name":"j"},"inputs":[{"name":"d"}]}`, "inputs[0].namespace: missing"},
		{"output without name", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"x","name":"y"},{"namespace":"x"}]}`, "outputs[1].name: missing"},
		{"inputs an object", `{"eventTime":"2026-11-01T08:00:00Z","run":{"runId":"r"},"job":{"namespace":"n","name":"j"},"inputs":{}}`, "inputs: want an array, not object"},
		{"dataset without name", `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x"}}`, "dataset.name: missing"},
		{"nothing", `{"eventTime":"2026-11-01T08:00:00Z"}`, "not a run, job or dataset event"},
		{"version facet a string", `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"version":"v1"}}}`, "dataset.facets.version: want an object"},
		{"datasetVersion an object", `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"version":{"datasetVersion":{"a":1}}}}}`, "dataset.facets.version.datasetVersion: want a string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := decodeAll(t, c.event)
			if len(errs) != 1 || !strings.Contains(errs[0].Err.Error(), c.want) {
				t.Fatalf("errors %v, want one with %q", errs, c.want)
			}
		})
	}
}

// TestErrorsHoldNoFacets: an error never quotes a facet, whatever it
// holds; producers put SQL and documentation there.
func TestErrorsHoldNoFacets(t *testing.T) {
	const secret = "hunter2-do-not-print"
	for _, ev := range []string{
		`{"run":{"runId":"r"},"job":{"namespace":"n","name":"j","facets":{"sql":{"query":"SELECT '` + secret + `'"}}}}`,
		`{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"version":{"datasetVersion":["` + secret + `"]}}}}`,
		`{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"datasetType":"` + secret + `"}}}`,
		`{"eventTime":"2026-11-01T08:00:00Z","job":{"namespace":"n","name":"j"},"inputs":[{"namespace":"x","name":"y","facets":{"residue_model":["` + secret + `"]}}]}`,
		`{"eventTime":"2026-11-01T08:00:00Z","job":{"namespace":"n","name":"j"},"inputs":[{"namespace":"x","name":"y","facets":{"schema":{"fields":"` + secret + `"}}}],"outputs":7}`,
	} {
		_, errs := decodeAll(t, ev)
		if len(errs) != 1 {
			t.Fatalf("%s: errors %v", ev, errs)
		}
		if strings.Contains(errs[0].Error(), secret) {
			t.Errorf("error quotes a facet: %v", errs[0])
		}
	}
}

func TestEventConversion(t *testing.T) {
	in := strings.Join([]string{
		startEvent,
		completeEvent,
		// No eventType, no zone, nanoseconds.
		`{"eventTime":"2020-12-28T19:51:01.641499","run":{"runId":"r2"},"job":{"namespace":"ns","name":"j"}}`,
		`{"eventType":"COMPLETE","eventTime":"2020-12-28T19:52:00.001+10:00","job":{"namespace":"ns","name":"export"},"inputs":[{"namespace":"file","name":"/data/x/","facets":{"version":{"datasetVersion":42}}}]}`,
		`{"eventTime":"2020-12-28T19:52:00.001+1000","dataset":{"namespace":"models","name":"tuned","facets":{"residue_model":{"version":"v7"},"version":{"datasetVersion":"sha256:ab"}}}}`,
		`{"eventTime":"2020-12-28T19:52:00Z","dataset":{"namespace":"gs://b","name":"tbl","facets":{"datasetType":{"datasetType":"TABLE"},"version":{"datasetVersion":"3"}}}}`,
	}, "\n")
	evs, errs := decodeAll(t, in)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	model := lineage.Ref{Kind: lineage.KindModel, URI: "hf://acme/base", Version: "v1", Namespace: "hf://acme", Name: "base"}
	corpus := lineage.Ref{Kind: lineage.KindDataset, URI: "s3://lake/corpus", Namespace: "s3://lake", Name: "corpus"}
	check := func(i int, typ string, rec lineage.RunRecord, ds lineage.Ref) {
		t.Helper()
		ev := evs[i]
		if ev.Type != typ {
			t.Errorf("event %d: type %s, want %s", i+1, ev.Type, typ)
		}
		if !ev.Run.Time.Equal(rec.Time) {
			t.Errorf("event %d: time %v, want %v", i+1, ev.Run.Time, rec.Time)
		}
		ev.Run.Time, rec.Time = time.Time{}, time.Time{}
		if got, want := fmtRun(ev.Run), fmtRun(rec); got != want {
			t.Errorf("event %d:\n got %s\nwant %s", i+1, got, want)
		}
		if ev.Dataset != ds {
			t.Errorf("event %d: dataset %+v, want %+v", i+1, ev.Dataset, ds)
		}
	}
	check(0, openlineage.TypeRun, lineage.RunRecord{Key: "r1", Namespace: "ns", Name: "train", State: "START", Time: at("2026-11-01T08:00:00Z"), Inputs: []lineage.Ref{corpus}}, lineage.Ref{})
	check(1, openlineage.TypeRun, lineage.RunRecord{Key: "r1", Namespace: "ns", Name: "train", State: "COMPLETE", Time: at("2026-11-01T09:00:00Z"), Outputs: []lineage.Ref{model}}, lineage.Ref{})
	check(2, openlineage.TypeRun, lineage.RunRecord{Key: "r2", Namespace: "ns", Name: "j", State: "OTHER", Time: at("2020-12-28T19:51:01.641499Z")}, lineage.Ref{})
	check(3, openlineage.TypeJob, lineage.RunRecord{Key: "job:ns/export", Namespace: "ns", Name: "export", State: "COMPLETE", Time: at("2020-12-28T09:52:00.001Z"),
		Inputs: []lineage.Ref{{Kind: lineage.KindDataset, URI: "file:///data/x", Version: "42", Namespace: "file", Name: "/data/x/"}}}, lineage.Ref{})
	check(4, openlineage.TypeDataset, lineage.RunRecord{}, lineage.Ref{Kind: lineage.KindModel, URI: "openlineage://models/tuned", Version: "v7", Namespace: "models", Name: "tuned"})
	check(5, openlineage.TypeDataset, lineage.RunRecord{}, lineage.Ref{Kind: lineage.KindDataset, URI: "gs://b/tbl", Version: "3", Namespace: "gs://b", Name: "tbl"})
}

func fmtRun(r lineage.RunRecord) string {
	var b strings.Builder
	b.WriteString(r.Key + " " + r.Namespace + "/" + r.Name + " " + r.State)
	for _, x := range r.Inputs {
		b.WriteString(" in:" + x.Kind + ":" + x.URI + "@" + x.Version + "(" + x.Namespace + "|" + x.Name + ")")
	}
	for _, x := range r.Outputs {
		b.WriteString(" out:" + x.Kind + ":" + x.URI + "@" + x.Version + "(" + x.Namespace + "|" + x.Name + ")")
	}
	if r.Strict {
		b.WriteString(" strict")
	}
	return b.String()
}

// TestMarquezEvents: every event Marquez's demo and API tests send is
// accepted.
func TestMarquezEvents(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(marquezDir, "events", "*.json"))
	files = append(files, filepath.Join(marquezDir, "food_delivery.ndjson"))
	if _, err := os.Stat(files[len(files)-1]); os.IsNotExist(err) {
		t.Skipf("Marquez's events not present at %s", marquezDir)
	}
	total := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		evs, errs := decodeAll(t, string(b))
		if len(errs) > 0 || len(evs) == 0 {
			t.Errorf("%s: %d events, rejected %v", filepath.Base(f), len(evs), errs)
		}
		total += len(evs)
	}
	if want := 26 + 13; total != want {
		t.Errorf("%d events, want %d", total, want)
	}
}

func TestEventTooLarge(t *testing.T) {
	big := `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"y","facets":{"doc":{"text":"` +
		strings.Repeat("a", openlineage.MaxEventSize) + `"}}}}`
	small := `{"eventTime":"2026-11-01T08:00:00Z","dataset":{"namespace":"x","name":"z"}}`
	evs, errs := decodeAll(t, small+"\n"+big+"\n"+small+"\n")
	if len(evs) != 2 || len(errs) != 1 || errs[0].Index != 2 || errs[0].Line != 2 || !strings.Contains(errs[0].Error(), "larger than") {
		t.Errorf("ndjson: %d events, %v", len(evs), errs)
	}
	evs, errs = decodeAll(t, "["+small+",\n"+big+","+small+"]")
	if len(evs) != 2 || len(errs) != 1 || errs[0].Last || errs[0].Line != 2 || !strings.Contains(errs[0].Error(), "larger than") {
		t.Errorf("array: %d events, %v", len(evs), errs)
	}
	// Far larger: the input ends there rather than fill memory.
	huge := strings.Replace(big, `"text":"`, `"text":"`+strings.Repeat("b", 2<<20), 1)
	evs, errs = decodeAll(t, "["+small+",\n"+huge+","+small+"]")
	if len(evs) != 1 || len(errs) != 1 || !errs[0].Last || !strings.Contains(errs[0].Error(), "larger than") {
		t.Errorf("array, huge: %d events, %v", len(evs), errs)
	}
}
