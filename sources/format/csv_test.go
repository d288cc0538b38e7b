package format_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

func TestCSVRecords(t *testing.T) {
	tests := []struct {
		name string
		file string
		in   string
		opts format.Options
		want string
		rows int64
	}{
		{
			name: "quoted fields and empty cells",
			file: "people.csv",
			in:   "name,email,note\nann,a at b,hi\nbob,,\"multi\nline \"\"quoted\"\"\"\n",
			want: `row=0 lines=1 key=16 name="ann" email="a at b" note="hi"` + "\n" +
				`row=1 lines=1 key=30 name="bob" note="multi\nline \"quoted\""` + "\n",
			rows: 2,
		},
		{
			name: "empty and duplicate header names",
			file: "x.csv",
			in:   "a,,a,b,col_2\n1,2,3,4,5\n",
			want: `row=0 lines=1 key=13 a="1" col_2="2" a_3="3" b="4" col_2_5="5"` + "\n",
			rows: 1,
		},
		{
			name: "ragged rows",
			file: "x.csv",
			in:   "a,b\n1\n1,2,3,4\n",
			want: `row=0 lines=1 key=4 issue="ragged row: 1 fields, header has 2" a="1"` + "\n" +
				`row=1 lines=1 key=6 issue="ragged row: 4 fields, header has 2" a="1" b="2" col_3="3" col_4="4"` + "\n",
			rows: 2,
		},
		{
			name: "bom and crlf",
			file: "x.csv",
			in:   "\xef\xbb\xbf\"a\",b\r\n1,\"x\r\ny\"\r\n",
			want: `row=0 lines=1 key=10 a="1" b="x\ny"` + "\n",
			rows: 1,
		},
		{
			name: "blank lines are not rows",
			file: "x.csv",
			in:   "\na\n\n1\n\r\n2\r",
			want: `row=0 lines=1 key=4 a="1"` + "\n" + `row=1 lines=1 key=8 a="2"` + "\n",
			rows: 2,
		},
		{
			name: "stray quotes kept",
			file: "x.csv",
			in:   "a,b\nx\"y,\"q\"z\n",
			want: `row=0 lines=1 key=4 a="x\"y" b="qz"` + "\n",
			rows: 1,
		},
		{
			name: "unterminated quote",
			file: "x.csv",
			in:   "a\n\"open\nmore",
			want: `row=0 lines=1 key=2 issue="unterminated quoted field" a="open\nmore"` + "\n",
			rows: 1,
		},
		{
			name: "tsv",
			file: "x.tsv",
			in:   "a\tb\n1\t\"2\t3\"\n4,5\t6\n",
			want: `row=0 lines=1 key=4 a="1" b="2\t3"` + "\n" + `row=1 lines=1 key=12 a="4,5" b="6"` + "\n",
			rows: 2,
		},
		{
			name: "invalid utf8 passes through",
			file: "x.csv",
			in:   "col\nthe caf\xe9 on the corner\n\"quoted \xff\"\n",
			want: `row=0 lines=1 key=4 col="the caf\xe9 on the corner"` + "\n" + `row=1 lines=1 key=27 col="quoted \xff"` + "\n",
			rows: 2,
		},
		{
			name: "record cut",
			file: "x.csv",
			in:   "a,b\n0123456789abc,xyz\nok,\"ok\"\n",
			opts: format.Options{MaxRecordBytes: 10},
			want: `row=0 lines=1 key=4 issue="record cut at 10 bytes (max-record-bytes)" a="0123456789"` + "\n" +
				`row=1 lines=1 key=22 a="ok" b="ok"` + "\n",
			rows: 2,
		},
		{
			name: "quoted record cut across lines",
			file: "x.csv",
			in:   "a,b\n\"" + strings.Repeat("line\n", 10) + "\",x\nok,ok\n",
			opts: format.Options{MaxRecordBytes: 12},
			want: `row=0 lines=1 key=4 issue="record cut at 12 bytes (max-record-bytes)" a="line\nline\nli"` + "\n" +
				`row=1 lines=1 key=59 a="ok" b="ok"` + "\n",
			rows: 2,
		},
		{
			name: "header only",
			file: "x.csv",
			in:   "a,b,c\n",
			want: "",
			rows: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, []byte(tt.in), tt.file, tt.opts, nil)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if got := dump(res.Recs); got != tt.want {
				t.Errorf("got:\n%swant:\n%s", got, tt.want)
			}
			if res.Rows != tt.rows {
				t.Errorf("rows %d, want %d", res.Rows, tt.rows)
			}
			if res.Bytes != int64(len(tt.in)) {
				t.Errorf("bytes %d, want %d", res.Bytes, len(tt.in))
			}
		})
	}
}

func TestCSVKeep(t *testing.T) {
	in := "h\n0\n\"1\n1\"\n2\n3\n"
	res := read(t, []byte(in), "x.csv", format.Options{}, func(k int64) bool { return k == 4 || k == 12 })
	want := `row=1 lines=1 key=4 h="1\n1"` + "\n" + `row=3 lines=1 key=12 h="3"` + "\n"
	if got := dump(res.Recs); got != want || res.Rows != 4 {
		t.Errorf("rows %d, got:\n%swant:\n%s", res.Rows, got, want)
	}
}

func TestCSVTooManyFields(t *testing.T) {
	row := strings.Repeat("v,", 1<<16+2) + "end"
	in := "h\n" + row + "\n"
	res := read(t, []byte(in), "x.csv", format.Options{}, nil)
	if len(res.Recs) != 1 {
		t.Fatalf("%d records", len(res.Recs))
	}
	r := res.Recs[0]
	if len(r.Fields) != 1<<16 {
		t.Errorf("%d fields", len(r.Fields))
	}
	if last := r.Fields[len(r.Fields)-1].Text; last != "v,v,v,end" {
		t.Errorf("last field %q", last)
	}
	if r.Issue != "too many fields: over 65536, rest joined into the last" {
		t.Errorf("issue %q", r.Issue)
	}
}

// TestCSVMatchesEncodingCSV runs the differential check of FuzzCSV over
// hand-picked inputs, so the quirks it relies on are exercised on every
// run and not only while fuzzing.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	for _, in := range csvSeeds {
		checkCSVAgainstStdlib(t, []byte(in), ',')
		checkCSVAgainstStdlib(t, []byte(strings.ReplaceAll(in, ",", "\t")), '\t')
	}
}

var csvSeeds = []string{
	"",
	"a,b\n1,2\n",
	"a,b\r\n1,2\r\n",
	"a,b\n\"1\",\"2\"",
	"a\n\"x\"\"y\"\n",
	"\"a\nb\",c\n",
	"\"a\r\nb\",c\r\n",
	"\"a\r\r\nb\",c\n",
	"a\r",
	"a,\r",
	"\"a\"\r",
	"\r",
	"\n\n\r\n",
	"a\n\n\nb\n",
	"a\rb\n",
	"\rx\n",
	"\r\r\n",
	",\n",
	"\"\"\n",
	"a,\n",
	",,,",
	" a , b \n",
	"\"a\",\"\"\n",
	"x,\"multi\nline\n\"\n",
	"\xef\xbb\xbfa,b\n",
	"caf\xe9,\xff\n",
}

func checkCSVAgainstStdlib(t *testing.T, data []byte, delim byte) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(delim)
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	if err != nil {
		return // only inputs encoding/csv accepts are compared
	}
	got, issues := format.CSVRecords(data, delim, len(data)+1)
	if len(want) == 0 {
		want = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("input %q (delim %q)\n got %q\nwant %q", data, delim, got, want)
	}
	for i, is := range issues {
		if is != "" {
			t.Fatalf("input %q: record %d has issue %q on valid CSV", data, i, is)
		}
	}
}

func TestCSVSplitsAcrossBuffer(t *testing.T) {
	// Records longer than the read buffer, with quotes, CRLFs and
	// delimiters landing on every buffer boundary.
	var b strings.Builder
	b.WriteString("a,b\r\n")
	var want []string
	for i := range 3000 {
		v := fmt.Sprintf("v%d \"\"q\"\" \r\n%s", i, strings.Repeat("z", i%500))
		fmt.Fprintf(&b, "%d,\"%s\"\r\n", i, v)
		want = append(want, strings.ReplaceAll(strings.ReplaceAll(v, `""`, `"`), "\r\n", "\n"))
	}
	res := read(t, []byte(b.String()), "x.csv", format.Options{}, nil)
	if res.Err != nil || len(res.Recs) != len(want) {
		t.Fatalf("err %v, %d records", res.Err, len(res.Recs))
	}
	for i, r := range res.Recs {
		if r.Fields[1].Text != want[i] || r.Fields[0].Text != fmt.Sprint(i) || r.Issue != "" {
			t.Fatalf("record %d: %v", i, r)
		}
	}
}

// TestCSVHeaderIsData: a first row the caller calls data is read as row 0
// under col_N names, so its values never become field paths.
func TestCSVHeaderIsData(t *testing.T) {
	data := []byte("alpha,beta\ngamma,delta\n")
	open := func(isData bool) []rec {
		r, err := openBytes(data, "x.csv", format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var out []rec
		var sawCells int
		_, err = r.Read(context.Background(), 0, format.ReadOptions{HeaderIsData: func(cells [][]byte) bool {
			sawCells = len(cells)
			return isData
		}}, func(rc *format.Record) error {
			out = append(out, copyRec(rc, 0))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if sawCells != 2 {
			t.Errorf("HeaderIsData saw %d cells, want 2", sawCells)
		}
		return out
	}
	sameRecs(t, open(true), []rec{
		{Row: 0, Lines: 1, Key: 0, Fields: []fld{{"col_1", "alpha"}, {"col_2", "beta"}}},
		{Row: 1, Lines: 1, Key: 11, Fields: []fld{{"col_1", "gamma"}, {"col_2", "delta"}}},
	})
	sameRecs(t, open(false), []rec{
		{Row: 0, Lines: 1, Key: 11, Fields: []fld{{"alpha", "gamma"}, {"beta", "delta"}}},
	})
}
