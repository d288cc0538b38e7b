package format_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/residuehq/residue/sources/format"
)

type encRow struct {
	A string  `parquet:"a,dict"`
	B string  `parquet:"b,delta"`
	C int64   `parquet:"c,delta"`
	D int64   `parquet:"d,dict"`
	E int32   `parquet:"e"`
	F uint64  `parquet:"f"`
	G *string `parquet:"g,optional,plain"`
	H []byte  `parquet:"h,delta"`
	I int64   `parquet:"i,split"`
}

func TestParquetEncodings(t *testing.T) {
	var rows []encRow
	var want []rec
	for i := range 3000 {
		r := encRow{
			A: []string{"alpha", "beta", "gamma"}[i%3],
			B: fmt.Sprintf("prefix shared by all rows %05d", i),
			C: 5550000000 + int64(i)*7,
			D: []int64{12, 4111111111111111}[i%2],
			E: int32(1000000 + i),
			F: 18446744073709551615 - uint64(i),
			H: []byte(fmt.Sprintf("bytes %d \xff", i)),
			I: -int64(1234567 + i),
		}
		if i%4 != 0 {
			r.G = strp(fmt.Sprintf("optional %d", i))
		}
		rows = append(rows, r)
		w := rec{Row: int64(i), Lines: 1, Key: int64(i)}
		add := func(p, s string) { w.Fields = append(w.Fields, fld{p, s}) }
		add("a", r.A)
		add("b", r.B)
		add("c", fmt.Sprint(r.C))
		if r.D > 1000000 {
			add("d", fmt.Sprint(r.D))
		}
		add("e", fmt.Sprint(r.E))
		add("f", fmt.Sprint(r.F))
		if r.G != nil {
			add("g", *r.G)
		}
		add("h", string(r.H))
		add("i", fmt.Sprint(r.I))
		want = append(want, w)
	}
	for _, v := range []int{1, 2} {
		data := writeParquet(t, rows, parquet.DataPageVersion(v), parquet.PageBufferSize(4096), parquet.MaxRowsPerRowGroup(1000))
		res := read(t, data, "enc.parquet", format.Options{}, nil)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		for i := range want {
			want[i].Row = int64(i % 1000)
		}
		for i := range res.Recs {
			res.Recs[i].Row -= int64(i / 1000 * 1000)
		}
		sameRecs(t, res.Recs, want)
	}
}

type mapVal struct {
	Role string `parquet:"role"`
	N    int64  `parquet:"n"`
}

type mapRow struct {
	Attrs  map[string]string            `parquet:"attrs"`
	ByID   map[int64]string             `parquet:"by_id"`
	Nested map[string]map[string]string `parquet:"nested"`
	Struct map[string]mapVal            `parquet:"struct"`
	Odd    struct {
		Dotted string `parquet:"user.name"`
		Spaced string `parquet:"first name"`
	} `parquet:"odd"`
}

func TestParquetMapsAndQuoting(t *testing.T) {
	rows := []mapRow{{
		Attrs:  map[string]string{"lang": "en", "a.b": "dotted", `q"x`: "quoted", "": "empty key"},
		ByID:   map[int64]string{42: "forty-two", 7: "seven"},
		Nested: map[string]map[string]string{"outer": {"inner": "deep", "x y": "spaced"}},
		Struct: map[string]mapVal{"k": {Role: "user", N: 12345678}},
	}, {}}
	rows[0].Odd.Dotted, rows[0].Odd.Spaced = "dot", "space"
	data := writeParquet(t, rows)
	res := read(t, data, "maps.parquet", format.Options{}, nil)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var got []string
	for _, f := range res.Recs[0].Fields {
		got = append(got, f.Path+"="+f.Text)
	}
	sort.Strings(got)
	want := []string{
		`attrs[""]=empty key`, `attrs["a.b"]=dotted`, `attrs["lang"]=en`, `attrs["q\"x"]=quoted`,
		`by_id["42"]=forty-two`, `by_id["7"]=seven`,
		`nested["outer"]["inner"]=deep`, `nested["outer"]["x y"]=spaced`,
		`odd["first name"]=space`, `odd["user.name"]=dot`,
		`struct["k"].n=12345678`, `struct["k"].role=user`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Recs) != 2 || len(res.Recs[1].Fields) != 0 {
		t.Errorf("row 1: %v", res.Recs[1:])
	}
}

type numRow struct {
	X float64 `parquet:"x"`
	Y bool    `parquet:"y"`
	Z int16   `parquet:"z"`
	E []float32
}

func TestParquetNoStringColumns(t *testing.T) {
	rows := make([]numRow, 5000)
	data := writeParquet(t, rows, parquet.MaxRowsPerRowGroup(2000))
	cr := &byteCounter{r: bytes.NewReader(data)}
	r, err := format.Open(context.Background(), cr, int64(len(data)), "nums.parquet", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scanned, skipped := r.(format.ColumnReader).Columns()
	if len(scanned) != 0 || len(skipped) != 4 {
		t.Fatalf("scanned %v, skipped %v", scanned, skipped)
	}
	open := cr.n.Load()
	res := readAll(t, r, nil)
	if res.Err != nil || res.Rows != 5000 || len(res.Recs) != 5000 || res.Units != 3 {
		t.Fatalf("%v: %d rows, %d records, %d units", res.Err, res.Rows, len(res.Recs), res.Units)
	}
	for _, rc := range res.Recs {
		if len(rc.Fields) != 0 {
			t.Fatal("fields in a file without strings")
		}
	}
	if cr.n.Load() != open {
		t.Errorf("read %d bytes of column data", cr.n.Load()-open)
	}
}

func TestParquetZeroRows(t *testing.T) {
	data := writeParquet[pqChat](t, nil)
	res := read(t, data, "empty.parquet", format.Options{}, nil)
	if res.Err != nil || res.Rows != 0 || len(res.Recs) != 0 {
		t.Fatalf("%v: %d rows", res.Err, res.Rows)
	}
}

func TestParquetBadInput(t *testing.T) {
	rows := chatRows(3000)
	data := writeParquet(t, rows, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(1000), parquet.PageBufferSize(2048))
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut footer", data[:len(data)-100], "no PAR1 magic at the end"},
		{"cut in half", data[:len(data)/2], "no PAR1 magic at the end"},
		{"footer length", append(append([]byte(nil), data[:len(data)-8]...), 0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1'), "footer of"},
		{"garbage footer", append(append([]byte("PAR1"), bytes.Repeat([]byte{0x19}, 100)...), 100, 0, 0, 0, 'P', 'A', 'R', '1'), "corrupt footer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := openBytes(tc.data, "x.parquet", format.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, format.ErrUnsupported) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}

	// A corrupt page in the second row group: the first is read whole,
	// the second up to the row the page holds, and the error says where.
	r, err := openBytes(data, "x.parquet", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := r.Units()[1]
	bad := append([]byte(nil), data...)
	for i := u.Offset + u.Length/2; i < u.Offset+u.Length/2+64; i++ {
		bad[i] ^= 0x5a
	}
	r, err = openBytes(bad, "x.parquet", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := readAll(t, r, nil)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "parquet row group 1: column") {
		t.Fatalf("err %v", res.Err)
	}
	if strings.Contains(res.Err.Error(), " of row ") || strings.Contains(res.Err.Error(), " at example") {
		t.Errorf("error holds cell contents: %v", res.Err)
	}
	if n := len(res.Recs); n < 1000 || n >= 3000 {
		t.Errorf("%d records before the error", n)
	}
	for i, rc := range res.Recs[:1000] {
		if rc.Key != int64(i) {
			t.Fatalf("record %d has key %d", i, rc.Key)
		}
	}
}

// TestParquetLongRow: a row whose list spans many pages (version 1 pages
// may split a row) comes out whole, and the rows around it too.
func TestParquetLongRow(t *testing.T) {
	rows := chatRows(30)
	for j := range 5000 {
		rows[10].Tags = append(rows[10].Tags, fmt.Sprintf("tag %d of the long row", j))
	}
	for _, v := range []int{1, 2} {
		data := writeParquet(t, rows, parquet.DataPageVersion(v), parquet.PageBufferSize(1024))
		var want []rec
		for i, r := range rows {
			want = append(want, wantChat(r, int64(i), int64(i)))
		}
		res := read(t, data, "long.parquet", format.Options{}, nil)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		sameRecs(t, res.Recs, want)
		r, _ := openBytes(data, "long.parquet", format.Options{})
		sameRecs(t, readRows(t, r, []int64{9, 10, 11}, nil), want[9:12])
		sameRecs(t, readRows(t, r, nil, func(k int64) bool { return k == 10 || k == 29 }), []rec{want[10], want[29]})
	}
}

// TestColumnarConcurrentUnits: units read at once by several goroutines
// give what a sequential read gives.
func TestColumnarConcurrentUnits(t *testing.T) {
	rows := chatRows(2000)
	for _, data := range [][]byte{
		writeParquet(t, rows, parquet.MaxRowsPerRowGroup(250)),
		writeArrow(t, rows, 250, false),
	} {
		r, err := openBytes(data, "x", format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := readAll(t, r, nil)
		units := r.Units()
		got := make([][]rec, len(units))
		var wg sync.WaitGroup
		for _, u := range units {
			wg.Add(1)
			go func() {
				defer wg.Done()
				base := int64(u.Index) * 250
				_, err := r.Read(context.Background(), u.Index, format.ReadOptions{}, func(rc *format.Record) error {
					got[u.Index] = append(got[u.Index], copyRec(rc, base))
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		var all []rec
		for _, g := range got {
			all = append(all, g...)
		}
		sameRecs(t, all, want.Recs)
	}
}
