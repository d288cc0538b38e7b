package format_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

// rec is a Record copied out of its callback, with Row made absolute.
type rec struct {
	Row    int64
	Lines  int
	Key    int64
	Issue  string
	Fields []fld
}

type fld struct{ Path, Text string }

func (r rec) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row=%d lines=%d key=%d", r.Row, r.Lines, r.Key)
	if r.Issue != "" {
		fmt.Fprintf(&b, " issue=%q", r.Issue)
	}
	for _, f := range r.Fields {
		fmt.Fprintf(&b, " %s=%q", f.Path, f.Text)
	}
	return b.String()
}

func copyRec(r *format.Record, rowBase int64) rec {
	out := rec{Row: r.Row + rowBase, Lines: r.Lines, Key: r.Key, Issue: r.Issue}
	for _, f := range r.Fields {
		out.Fields = append(out.Fields, fld{f.Path, string(f.Text)})
	}
	return out
}

// result is everything a reader gave for an object: records of all units
// in order, with rows made absolute by adding earlier units' Rows, the way
// the runner does.
type result struct {
	Kind  format.Kind
	Comp  format.Compression
	Units int
	Recs  []rec
	Rows  int64
	Bytes int64
	Err   error // first Read error
}

func read(t testing.TB, data []byte, name string, opts format.Options, keep func(int64) bool) result {
	t.Helper()
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	return readAll(t, r, keep)
}

func readAll(t testing.TB, r format.Reader, keep func(int64) bool) result {
	t.Helper()
	res := result{Kind: r.Kind(), Comp: r.Compression(), Units: len(r.Units())}
	for _, u := range r.Units() {
		base := res.Rows
		st, err := r.Read(context.Background(), u.Index, format.ReadOptions{Keep: keep}, func(rc *format.Record) error {
			if rc.Row < 0 || rc.Row >= base+1<<40 {
				t.Fatalf("bad row %d", rc.Row)
			}
			res.Recs = append(res.Recs, copyRec(rc, base))
			return nil
		})
		res.Rows += st.Rows
		res.Bytes += st.Bytes
		if err != nil && res.Err == nil {
			res.Err = err
		}
	}
	return res
}

func dump(recs []rec) string {
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(r.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func sameRecs(t *testing.T, got, want []rec) {
	t.Helper()
	if g, w := dump(got), dump(want); g != w {
		t.Errorf("records differ\ngot:\n%swant:\n%s", g, w)
	}
}

func openBytes(data []byte, name string, opts format.Options) (format.Reader, error) {
	return format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, opts)
}
