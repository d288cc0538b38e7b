package format_test

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/residuehq/residue/sources/format"
)

// columnarHead reports whether data starts like a Parquet or Arrow IPC
// object, whose damage Open reports as an error rather than a refusal.
func columnarHead(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PAR1")) || bytes.HasPrefix(data, []byte("ARROW1")) ||
		bytes.HasPrefix(data, []byte{0xff, 0xff, 0xff, 0xff})
}

var columnarIssueRE = regexp.MustCompile(`^too many fields: over \d+, rest not read$`)

var errStop = errors.New("stop")

// checkColumnar reads every unit of a columnar reader and checks what must
// hold for any input: no panic, row and key within the unit, keys rising,
// no empty field, and errors naming where they happened. A unit claiming
// more rows than a fuzz input can hold is read up to a bound.
func checkColumnar(t *testing.T, r format.Reader) {
	lastKey := int64(-1)
	var base int64
	for _, u := range r.Units() {
		if u.Rows < 0 {
			t.Fatalf("unit %d: %d rows", u.Index, u.Rows)
		}
		n := 0
		for _, rows := range [][]int64{nil, {0, u.Rows / 2, u.Rows - 1}} {
			if rows != nil && (u.Rows < 3) {
				continue
			}
			first := rows == nil
			_, err := r.Read(context.Background(), u.Index, format.ReadOptions{Rows: rows}, func(rc *format.Record) error {
				if rc.Row < 0 || rc.Row >= u.Rows || rc.Key != base+rc.Row || rc.Lines != 1 {
					t.Fatalf("unit %d: record row %d key %d of %d rows from %d", u.Index, rc.Row, rc.Key, u.Rows, base)
				}
				if first {
					if rc.Key <= lastKey {
						t.Fatalf("key %d after %d", rc.Key, lastKey)
					}
					lastKey = rc.Key
				}
				if rc.Issue != "" && !columnarIssueRE.MatchString(rc.Issue) {
					t.Fatalf("issue %q", rc.Issue)
				}
				for _, f := range rc.Fields {
					if len(f.Text) == 0 || f.Path == "" {
						t.Fatalf("empty field %q", f.Path)
					}
				}
				if n++; n > 20000 {
					return errStop
				}
				return nil
			})
			if err != nil && !errors.Is(err, errStop) && err.Error() == "" {
				t.Fatal("error without a message")
			}
		}
		base += u.Rows
	}
}

func fuzzColumnar(t *testing.T, data []byte, name string) {
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, format.Options{})
	if err != nil {
		return
	}
	if k := r.Kind(); k != format.Parquet && k != format.Arrow {
		return
	}
	checkColumnar(t, r)
}

type fuzzRow struct {
	ID    int64             `parquet:"id"`
	Msgs  []pqMsg           `parquet:"msgs,list"`
	Attrs map[string]string `parquet:"attrs"`
	Tag   *string           `parquet:"tag,optional,dict"`
	Delta string            `parquet:"delta,delta"`
	N     int32             `parquet:"n,delta"`
}

func FuzzParquet(f *testing.F) {
	rows := []fuzzRow{
		{ID: 12345678, Msgs: []pqMsg{{"user", "hi"}, {"assistant", ""}}, Attrs: map[string]string{"k": "v"}, Tag: strp("t"), Delta: "abc", N: 1234567},
		{ID: 2, Delta: "abd"},
		{ID: 3, Msgs: []pqMsg{{"user", "x"}}, Delta: "b", N: -7},
	}
	f.Add(writeParquet(f, rows, parquet.DataPageVersion(1), parquet.Compression(&parquet.Snappy)))
	f.Add(writeParquet(f, rows, parquet.DataPageVersion(2), parquet.Compression(&parquet.Uncompressed)))
	f.Add(writeParquet(f, rows, parquet.Compression(&parquet.Lz4Raw), parquet.MaxRowsPerRowGroup(1)))
	f.Add(writeParquet(f, []numRow{{X: 1}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzColumnar(t, data, "x.parquet")
	})
}

func FuzzArrow(f *testing.F) {
	rows := chatRows(6)
	f.Add(writeArrow(f, rows, 2, true))
	f.Add(writeArrow(f, rows, 3, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzColumnar(t, data, "x.arrow")
	})
}
