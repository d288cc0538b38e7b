package format_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

// mixedLines makes a line-oriented file with the awkward cases a unit
// boundary can land on: blank lines, CRLF, a BOM, invalid JSON, lines
// longer than a unit and a last line without a newline.
func mixedLines(seed uint64, n int, jsonl bool) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	var b bytes.Buffer
	b.WriteString("\xef\xbb\xbf")
	for i := range n {
		eol := "\n"
		if r.IntN(5) == 0 {
			eol = "\r\n"
		}
		switch r.IntN(8) {
		case 0:
			b.WriteString(eol) // blank
			continue
		case 1:
			b.WriteString("  \t" + eol)
			continue
		}
		words := strings.Repeat("word ", r.IntN(60))
		switch {
		case !jsonl:
			fmt.Fprintf(&b, "line %d %s", i, words)
		case r.IntN(10) == 0:
			fmt.Fprintf(&b, `{"broken": %d, "t": "%s`, i, words)
		default:
			fmt.Fprintf(&b, `{"i":%d,"t":"%s\n","m":[{"c":"x\u00e9"}]}`, i, words)
		}
		if i < n-1 {
			b.WriteString(eol)
		}
	}
	return b.Bytes()
}

func TestUnitsMatchOneUnit(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"x.jsonl", mixedLines(1, 120, true)},
		{"x.txt", mixedLines(2, 150, false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := read(t, tc.data, tc.name, format.Options{UnitBytes: 1 << 40}, nil)
			if one.Err != nil || one.Units != 1 {
				t.Fatalf("err %v, %d units", one.Err, one.Units)
			}
			if lines := lineCount(tc.data); one.Rows != lines {
				t.Fatalf("one unit: %d rows, file has %d lines", one.Rows, lines)
			}
			keep := func(k int64) bool { return k%3 != 1 }
			oneKept := read(t, tc.data, tc.name, format.Options{UnitBytes: 1 << 40}, keep)
			oneCut := read(t, tc.data, tc.name, format.Options{UnitBytes: 1 << 40, MaxRecordBytes: 50}, nil)

			// Every small size, and sizes whose boundaries fall exactly
			// on line starts and just before and after them.
			sizes := map[int64]bool{}
			for s := int64(1); s <= 200; s++ {
				sizes[s] = true
			}
			for i, c := range tc.data {
				if c == '\n' {
					for _, s := range []int64{int64(i), int64(i + 1), int64(i + 2)} {
						if s > 0 {
							sizes[s] = true
						}
					}
				}
			}
			for size := range sizes {
				got := read(t, tc.data, tc.name, format.Options{UnitBytes: size}, nil)
				if want := (int64(len(tc.data)) + size - 1) / size; int64(got.Units) != want {
					t.Fatalf("unit size %d: %d units, want %d", size, got.Units, want)
				}
				if got.Err != nil || got.Rows != one.Rows || got.Bytes != int64(len(tc.data)) {
					t.Fatalf("unit size %d: err %v, rows %d, bytes %d", size, got.Err, got.Rows, got.Bytes)
				}
				if dump(got.Recs) != dump(one.Recs) {
					sameRecs(t, got.Recs, one.Recs)
					t.Fatalf("unit size %d: records differ", size)
				}
				if size%5 == 0 {
					cut := read(t, tc.data, tc.name, format.Options{UnitBytes: size, MaxRecordBytes: 50}, nil)
					if dump(cut.Recs) != dump(oneCut.Recs) || cut.Rows != one.Rows {
						sameRecs(t, cut.Recs, oneCut.Recs)
						t.Fatalf("unit size %d with cut lines: records differ", size)
					}
				}
				if size%7 == 0 {
					kept := read(t, tc.data, tc.name, format.Options{UnitBytes: size}, keep)
					if dump(kept.Recs) != dump(oneKept.Recs) || kept.Rows != one.Rows {
						sameRecs(t, kept.Recs, oneKept.Recs)
						t.Fatalf("unit size %d with Keep: records differ", size)
					}
				}
			}
			if len(oneKept.Recs) == 0 || len(oneKept.Recs) >= len(one.Recs) {
				t.Errorf("Keep kept %d of %d", len(oneKept.Recs), len(one.Recs))
			}
			if !strings.Contains(dump(oneCut.Recs), "record cut at 50 bytes") {
				t.Error("no line was cut at 50 bytes")
			}
		})
	}
}

func TestUnitLayout(t *testing.T) {
	data := []byte(strings.Repeat("0123456789\n", 10)) // 110 bytes
	for _, tc := range []struct {
		unit int64
		want string
	}{
		{1 << 40, "[{0 0 110 -1}]"},
		{110, "[{0 0 110 -1}]"},
		{100, "[{0 0 100 -1} {1 100 10 -1}]"},
		{55, "[{0 0 55 -1} {1 55 55 -1}]"},
	} {
		got := read(t, data, "x.txt", format.Options{UnitBytes: tc.unit}, nil)
		r, _ := openBytes(data, "x.txt", format.Options{UnitBytes: tc.unit})
		if s := fmt.Sprint(r.Units()); s != tc.want {
			t.Errorf("unit %d: %s, want %s", tc.unit, s, tc.want)
		}
		if got.Rows != 10 || len(got.Recs) != 10 {
			t.Errorf("unit %d: rows %d", tc.unit, got.Rows)
		}
	}
	// CSV is one unit whatever its size.
	csvData := []byte("a\n" + strings.Repeat("x\n", 100))
	if got := read(t, csvData, "x.csv", format.Options{UnitBytes: 10}, nil); got.Units != 1 || got.Rows != 100 {
		t.Errorf("csv: %d units, %d rows", got.Units, got.Rows)
	}
}

// TestUnitPEMAcrossBoundary: a PEM block that starts in one unit is joined
// there; the rows of its lines that start in the next unit are counted by
// that unit, which reads them as ordinary lines. Rows stay exact.
func TestUnitPEMAcrossBoundary(t *testing.T) {
	data := []byte("a\n" + pem(3, "\n") + "b\n")
	got := read(t, data, "x.txt", format.Options{UnitBytes: 20}, nil)
	want := `row=0 lines=1 key=0 text="a"` + "\n" +
		`row=1 lines=5 key=2 text="-----BEGIN TEST BLOCK-----\nbody00\nbody01\nbody02\n-----END TEST BLOCK-----"` + "\n" +
		`row=2 lines=1 key=29 text="body00"` + "\n" +
		`row=3 lines=1 key=36 text="body01"` + "\n" +
		`row=4 lines=1 key=43 text="body02"` + "\n" +
		`row=5 lines=1 key=50 text="-----END TEST BLOCK-----"` + "\n" +
		`row=6 lines=1 key=75 text="b"` + "\n"
	if s := dump(got.Recs); s != want {
		t.Errorf("got:\n%swant:\n%s", s, want)
	}
	// Bytes is what each unit consumed: the block is read by both units.
	if got.Rows != 7 || got.Bytes <= int64(len(data)) {
		t.Errorf("rows %d bytes %d", got.Rows, got.Bytes)
	}
}

// lineCount is the number of rows a line-oriented file has: its
// "\n"-separated lines, not counting an empty one after a final "\n".
func lineCount(b []byte) int64 {
	n := int64(bytes.Count(b, []byte("\n")))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// TestConcurrentUnits reads the units of one Reader from several goroutines
// at once, as the runner does, and expects what a sequential read gives.
func TestConcurrentUnits(t *testing.T) {
	data := mixedLines(3, 3000, true)
	opts := format.Options{UnitBytes: int64(len(data)/16 + 1)}
	want := read(t, data, "x.jsonl", opts, nil)
	r, err := openBytes(data, "x.jsonl", opts)
	if err != nil {
		t.Fatal(err)
	}
	units := r.Units()
	got := make([][]rec, len(units))
	rows := make([]int64, len(units))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for u := w; u < len(units); u += 4 {
				st, err := r.Read(context.Background(), u, format.ReadOptions{}, func(rc *format.Record) error {
					got[u] = append(got[u], copyRec(rc, 0))
					return nil
				})
				if err != nil {
					t.Error(err)
				}
				rows[u] = st.Rows
			}
		})
	}
	wg.Wait()
	var all []rec
	var base int64
	for u := range units {
		for _, rc := range got[u] {
			rc.Row += base
			all = append(all, rc)
		}
		base += rows[u]
	}
	if base != want.Rows || dump(all) != dump(want.Recs) {
		t.Errorf("concurrent read differs: %d rows, want %d", base, want.Rows)
	}
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r *bytes.Reader
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// TestLongLineReadOnce: a line longer than many units is read about once,
// not once per unit that starts inside it.
func TestLongLineReadOnce(t *testing.T) {
	data := append(bytes.Repeat([]byte("a"), 16<<20), "\nnext line\n"...)
	ra := &countingReaderAt{r: bytes.NewReader(data)}
	r, err := format.Open(context.Background(), ra, int64(len(data)), "long.txt", format.Options{UnitBytes: 1 << 20, MaxRecordBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	res := readAll(t, r, nil)
	if res.Rows != 2 || len(res.Recs) != 2 || res.Recs[0].Issue == "" || res.Recs[1].Row != 1 {
		t.Fatalf("rows %d records %v", res.Rows, res.Recs)
	}
	if n := ra.n.Load(); n > int64(len(data))*4/3 {
		t.Errorf("read %d bytes of a %d-byte object over %d units", n, len(data), res.Units)
	}
}
