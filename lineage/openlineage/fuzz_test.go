package openlineage_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/openlineage"
)

// FuzzParse: no input panics or loops; events and rejections are numbered
// in order and located; nothing follows a rejection that ends the input;
// an accepted event has what the store needs.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		startEvent + "\n" + completeEvent + "\n",
		"[" + startEvent + "," + completeEvent + "]",
		"{\n \"eventTime\": \"2020-12-28T19:51:01.641499\",\n \"run\": {\"runId\": \"r\"},\n \"job\": {\"namespace\": \"n\", \"name\": \"j\"}\n}\n",
		`{"eventTime":"2020-12-28T19:52:00.001+10:00","dataset":{"namespace":"s3://b","name":"/k/","facets":{"residue_model":{"version":1}}}}`,
		`{"eventTime":"2020-12-28T19:52:00Z","job":{"namespace":"n","name":"j"},"inputs":[{"namespace":"file","name":"/a/../b","facets":{"datasetType":{"datasetType":"MODEL"},"version":{"datasetVersion":"v"}}}]}`,
		"[\n{\"eventTime\": x}\n]",
		"[1, {}, null, \"x\"]",
		"\xef\xbb\xbf{}\n{\n",
		"{\"a\":\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d := openlineage.NewDecoder(bytes.NewReader(in))
		next := 1
		for i := 0; ; i++ {
			if i > len(in)+2 {
				t.Fatalf("more than %d results from %d bytes", i, len(in))
			}
			ev, err := d.Next()
			if err == io.EOF {
				return
			}
			var e *openlineage.Error
			if !errors.As(err, &e) {
				if err != nil {
					t.Fatalf("error from a bytes.Reader: %v", err)
				}
				checkEvent(t, ev, next)
				next++
				continue
			}
			if e.Index != next || e.Line < 1 || e.Err == nil {
				t.Fatalf("rejection %d: %+v", next, e)
			}
			next++
			if e.Last {
				if _, err := d.Next(); err != io.EOF {
					t.Fatalf("after the last rejection: %v", err)
				}
				return
			}
		}
	})
}

func checkEvent(t *testing.T, ev openlineage.Event, index int) {
	t.Helper()
	if ev.Index != index || ev.Line < 1 {
		t.Fatalf("event %d: index %d line %d", index, ev.Index, ev.Line)
	}
	refs := []lineage.Ref{ev.Dataset}
	switch ev.Type {
	case openlineage.TypeRun, openlineage.TypeJob:
		if ev.Run.Key == "" || ev.Run.Name == "" || ev.Run.Namespace == "" || ev.Run.State == "" || ev.Run.Time.IsZero() || ev.Run.Strict {
			t.Fatalf("event %d: run %+v", index, ev.Run)
		}
		refs = slices.Concat(ev.Run.Inputs, ev.Run.Outputs)
	case openlineage.TypeDataset:
	default:
		t.Fatalf("event %d: type %q", index, ev.Type)
	}
	for _, r := range refs {
		if r.URI == "" || r.Namespace == "" || r.Name == "" || (r.Kind != lineage.KindDataset && r.Kind != lineage.KindModel) {
			t.Fatalf("event %d: ref %+v", index, r)
		}
	}
}
