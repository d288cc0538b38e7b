package format_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

// pem builds a PEM-shaped block of n body lines with a placeholder body: the
// reader only cares about the BEGIN and END lines.
func pem(n int, eol string) string {
	var b strings.Builder
	b.WriteString("-----BEGIN TEST BLOCK-----" + eol)
	for i := range n {
		fmt.Fprintf(&b, "body%02d%s", i, eol)
	}
	b.WriteString("-----END TEST BLOCK-----" + eol)
	return b.String()
}

func TestTextLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		rows int64
	}{
		{
			name: "lines and blanks",
			in:   "one\n\ntwo  words\n \t\nthree",
			want: `row=0 lines=1 key=0 text="one"` + "\n" +
				`row=2 lines=1 key=5 text="two  words"` + "\n" +
				`row=4 lines=1 key=19 text="three"` + "\n",
			rows: 5,
		},
		{
			name: "bom and crlf",
			in:   "\xef\xbb\xbfone\r\ntwo\r\n\r\nlone\rcr\n",
			want: `row=0 lines=1 key=0 text="one"` + "\n" +
				`row=1 lines=1 key=8 text="two"` + "\n" +
				`row=3 lines=1 key=15 text="lone\rcr"` + "\n",
			rows: 4,
		},
		{
			name: "invalid utf8",
			in:   "the caf\xe9 on the corner\nsaid \xff\xfe twice\n",
			want: `row=0 lines=1 key=0 text="the caf\xe9 on the corner"` + "\n" + `row=1 lines=1 key=23 text="said \xff\xfe twice"` + "\n",
			rows: 2,
		},
		{
			name: "pem block joined",
			in:   "before\n" + pem(3, "\n") + "after\n",
			want: `row=0 lines=1 key=0 text="before"` + "\n" +
				`row=1 lines=5 key=7 text="-----BEGIN TEST BLOCK-----\nbody00\nbody01\nbody02\n-----END TEST BLOCK-----"` + "\n" +
				`row=6 lines=1 key=80 text="after"` + "\n",
			rows: 7,
		},
		{
			name: "pem block with crlf at end of file without newline",
			in:   "x\r\n" + strings.TrimSuffix(pem(1, "\r\n"), "\r\n"),
			want: `row=0 lines=1 key=0 text="x"` + "\n" +
				`row=1 lines=3 key=3 text="-----BEGIN TEST BLOCK-----\nbody00\n-----END TEST BLOCK-----"` + "\n",
			rows: 4,
		},
		{
			name: "pem block inside a line",
			in:   "key: -----BEGIN TEST-----\nbody\nbody -----END TEST----- tail\nnext\n",
			want: `row=0 lines=3 key=0 text="key: -----BEGIN TEST-----\nbody\nbody -----END TEST----- tail"` + "\n" +
				`row=3 lines=1 key=60 text="next"` + "\n",
			rows: 4,
		},
		{
			name: "one-line pem is not joined",
			in:   "-----BEGIN A----- body -----END A-----\nnext\n",
			want: `row=0 lines=1 key=0 text="-----BEGIN A----- body -----END A-----"` + "\n" +
				`row=1 lines=1 key=39 text="next"` + "\n",
			rows: 2,
		},
		{
			name: "no end: lines delivered one by one",
			in:   "-----BEGIN X-----\nbody\n",
			want: `row=0 lines=1 key=0 text="-----BEGIN X-----"` + "\n" +
				`row=1 lines=1 key=18 text="body"` + "\n",
			rows: 2,
		},
		{
			name: "a second begin before the end",
			in:   "-----BEGIN X-----\n-----BEGIN Y-----\nb\n-----END Y-----\n",
			want: `row=0 lines=4 key=0 text="-----BEGIN X-----\n-----BEGIN Y-----\nb\n-----END Y-----"` + "\n",
			rows: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, []byte(tt.in), "notes.txt", format.Options{}, nil)
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

func TestTextPEMCaps(t *testing.T) {
	// 998 body lines make 1000 lines: joined. 999 make 1001: not joined.
	for _, tc := range []struct {
		body   int
		joined bool
	}{{998, true}, {999, false}} {
		in := pem(tc.body, "\n") + "after\n"
		res := read(t, []byte(in), "x.txt", format.Options{}, nil)
		if got := res.Recs[0].Lines > 1; got != tc.joined {
			t.Errorf("%d body lines: joined=%v, want %v", tc.body, got, tc.joined)
		}
		if res.Rows != int64(tc.body+3) {
			t.Errorf("%d body lines: rows %d", tc.body, res.Rows)
		}
		last := res.Recs[len(res.Recs)-1]
		if last.Row != int64(tc.body+2) || last.Fields[0].Text != "after" {
			t.Errorf("%d body lines: last record %v", tc.body, last)
		}
	}
	// A block over 64 KiB is not joined.
	big := "-----BEGIN X-----\n" + strings.Repeat(strings.Repeat("b", 99)+"\n", 700) + "-----END X-----\n"
	res := read(t, []byte(big), "x.txt", format.Options{}, nil)
	if len(res.Recs) != 702 || res.Rows != 702 {
		t.Errorf("block over 64 KiB: %d records, %d rows", len(res.Recs), res.Rows)
	}
	// Joining does not depend on Keep: a skipped block stays one record.
	in := "a\n" + pem(2, "\n") + "b\n"
	res = read(t, []byte(in), "x.txt", format.Options{}, func(k int64) bool { return k != 2 })
	want := `row=0 lines=1 key=0 text="a"` + "\n" + `row=5 lines=1 key=` + fmt.Sprint(len(in)-2) + ` text="b"` + "\n"
	if got := dump(res.Recs); got != want || res.Rows != 6 {
		t.Errorf("got rows %d:\n%swant:\n%s", res.Rows, got, want)
	}
}

func TestTextCutLine(t *testing.T) {
	in := "short\n" + strings.Repeat("x", 1000) + "\nafter\n" + strings.Repeat("y", 50)
	res := read(t, []byte(in), "x.log", format.Options{MaxRecordBytes: 40}, nil)
	want := `row=0 lines=1 key=0 text="short"` + "\n" +
		`row=1 lines=1 key=6 issue="record cut at 40 bytes (max-record-bytes)" text="` + strings.Repeat("x", 40) + `"` + "\n" +
		`row=2 lines=1 key=1007 text="after"` + "\n" +
		`row=3 lines=1 key=1013 issue="record cut at 40 bytes (max-record-bytes)" text="` + strings.Repeat("y", 40) + `"` + "\n"
	if got := dump(res.Recs); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if res.Rows != 4 || res.Bytes != int64(len(in)) {
		t.Errorf("rows %d bytes %d", res.Rows, res.Bytes)
	}
}
