package format_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/residuehq/residue/sources/format"
)

func TestArrowCut(t *testing.T) {
	rows := chatRows(1000)
	for _, file := range []bool{false, true} {
		data := writeArrow(t, rows, 100, file)
		cut := data[:len(data)*2/3]
		r, err := openBytes(cut, "x.arrow", format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res := readAll(t, r, nil)
		if res.Err == nil || !strings.Contains(res.Err.Error(), "record batch") || !errors.Is(res.Err, io.ErrUnexpectedEOF) {
			t.Fatalf("file=%v: err %v", file, res.Err)
		}
		if n := len(res.Recs); n < 500 || n >= 700 || n%100 != 0 {
			t.Fatalf("file=%v: %d records before the cut", file, n)
		}
		for i, rc := range res.Recs {
			if rc.Key != int64(i) {
				t.Fatalf("record %d has key %d", i, rc.Key)
			}
		}
	}
}

func TestArrowRowsAndKeep(t *testing.T) {
	rows := chatRows(1000)
	data := writeArrow(t, rows, 300, false)
	r, err := openBytes(data, "x.arrow", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sample := []int64{0, 299, 300, 650, 999}
	got := readRows(t, r, sample, nil)
	var want []rec
	for _, i := range sample {
		w := wantChat(rows[i], i, i)
		want = append(want, w)
	}
	sameRecs(t, got, want)
	got = readRows(t, r, nil, func(k int64) bool { return k%100 == 7 })
	want = want[:0]
	for i := int64(7); i < 1000; i += 100 {
		want = append(want, wantChat(rows[i], i, i))
	}
	sameRecs(t, got, want)
}

func TestArrowDictionary(t *testing.T) {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "lang", Type: dt, Nullable: true},
		{Name: "n", Type: arrow.PrimitiveTypes.Uint64},
	}, nil)
	for _, file := range []bool{false, true} {
		var buf bytes.Buffer
		opts := []ipc.Option{ipc.WithSchema(schema), ipc.WithDictionaryDeltas(true)}
		var w interface {
			Write(arrow.RecordBatch) error
			Close() error
		}
		if file {
			fw, err := ipc.NewFileWriter(&buf, opts...)
			if err != nil {
				t.Fatal(err)
			}
			w = fw
		} else {
			w = ipc.NewWriter(&buf, opts...)
		}
		var want []rec
		row := int64(0)
		for b := range 3 {
			rb := array.NewRecordBuilder(memory.DefaultAllocator, schema)
			db := rb.Field(0).(*array.BinaryDictionaryBuilder)
			nb := rb.Field(1).(*array.Uint64Builder)
			for i := range 4 {
				v := fmt.Sprintf("lang-%d", (b*2+i)%(3+b)) // replacements and deltas
				if file {
					v = fmt.Sprintf("lang-%d", i) // the file format allows neither
				}
				if i == 3 {
					db.AppendNull()
				} else if err := db.AppendString(v); err != nil {
					t.Fatal(err)
				}
				nb.Append(uint64(1) << 63)
				w := rec{Row: int64(i), Lines: 1, Key: row}
				if i != 3 {
					w.Fields = append(w.Fields, fld{"lang", v})
				}
				w.Fields = append(w.Fields, fld{"n", "9223372036854775808"})
				want = append(want, w)
				row++
			}
			rec := rb.NewRecordBatch()
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			rec.Release()
			rb.Release()
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		res := read(t, buf.Bytes(), "d.arrow", format.Options{}, nil)
		if res.Err != nil || res.Units != 3 {
			t.Fatalf("file=%v: %v, %d units", file, res.Err, res.Units)
		}
		for i := range res.Recs {
			res.Recs[i].Row -= int64(i / 4 * 4)
		}
		sameRecs(t, res.Recs, want)
	}
}

func TestArrowNoStringColumns(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Float64}, {Name: "emb", Type: arrow.ListOf(arrow.PrimitiveTypes.Float32)}}, nil)
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
	rb := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	for range 100 {
		rb.Field(0).(*array.Float64Builder).Append(1)
		rb.Field(1).(*array.ListBuilder).Append(true)
	}
	rec := rb.NewRecordBatch()
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	r, err := openBytes(buf.Bytes(), "x", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scanned, skipped := r.(format.ColumnReader).Columns()
	if len(scanned) != 0 || len(skipped) != 2 {
		t.Fatalf("scanned %v skipped %v", scanned, skipped)
	}
	res := readAll(t, r, nil)
	if res.Err != nil || len(res.Recs) != 100 || res.Bytes != 0 {
		t.Fatalf("%v, %d records, %d bytes", res.Err, len(res.Recs), res.Bytes)
	}
}

func TestOpenColumnarDetects(t *testing.T) {
	pq := writeParquet(t, chatRows(10))
	stream := writeArrow(t, chatRows(10), 5, false)
	file := writeArrow(t, chatRows(10), 5, true)
	for _, tc := range []struct {
		name   string
		data   []byte
		kind   format.Kind
		reason string // an unsupported reason
		errs   string // another error
	}{
		{"x.parquet", pq, format.Parquet, "", ""},
		{"noext", pq, format.Parquet, "", ""},
		{"x.pq", pq, format.Parquet, "", ""},
		{"x.jsonl", pq, format.Parquet, "", ""},
		{"data-00000-of-00001.arrow", stream, format.Arrow, "", ""},
		{"noext", stream, format.Arrow, "", ""},
		{"x.feather", file, format.Arrow, "", ""},
		{"x.ipc", file, format.Arrow, "", ""},
		{"x.arrow", stream[4:], format.Arrow, "", ""}, // pre-0.15 stream: no continuation marker
		{"x.parquet", randomBytes(300, 9), "", "binary (.parquet without parquet magic)", ""},
		{"x.arrow", randomBytes(300, 9), "", "binary (.arrow without arrow ipc magic)", ""},
		{"noext", append([]byte("PAR1\x15\x00\x15"), randomBytes(200, 1)...), "", "", "no PAR1 magic at the end"},
		{"x.arrow", append([]byte("ARROW1\x00\x00"), randomBytes(200, 2)...), "", "", "arrow: schema"},
		{"x.jsonl.gz", gz(t, pq), "", "parquet inside a compressed stream (not supported)", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := format.Open(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), tc.name, format.Options{})
			var ue *format.UnsupportedError
			switch {
			case tc.reason != "":
				if !errors.As(err, &ue) || ue.Reason != tc.reason {
					t.Fatalf("err %v, want %q", err, tc.reason)
				}
			case tc.errs != "":
				if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), tc.errs) {
					t.Fatalf("err %v, want %q", err, tc.errs)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if r.Kind() != tc.kind {
					t.Fatalf("kind %s", r.Kind())
				}
				if res := readAll(t, r, nil); res.Err != nil || len(res.Recs) != 10 {
					t.Fatalf("%v: %d records", res.Err, len(res.Recs))
				}
			}
		})
	}
}
