package format_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

func chatJSONL(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"id":%d,"messages":[{"role":"user","content":"question %d about \"things\""},{"role":"assistant","content":"answer %d\nwith lines"}]}`+"\n", i, i, i)
	}
	return b.Bytes()
}

func TestCompressedMatchesPlain(t *testing.T) {
	plain := chatJSONL(3000)
	want := read(t, plain, "x.jsonl", format.Options{UnitBytes: 1 << 40}, nil)
	if len(want.Recs) != 3000 {
		t.Fatalf("%d records", len(want.Recs))
	}
	// Two gzip members back to back are one stream (gzip -c a b, pigz).
	half := bytes.Index(plain[len(plain)/2:], []byte("\n")) + len(plain)/2 + 1
	multi := append(gz(t, plain[:half]), gz(t, plain[half:])...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"x.jsonl.gz", gz(t, plain)},
		{"x.jsonl.zst", zst(t, plain)},
		{"multi.jsonl.gz", multi},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A tiny UnitBytes must not split a compressed object.
			got := read(t, tc.data, tc.name, format.Options{UnitBytes: 100}, nil)
			if got.Err != nil {
				t.Fatal(got.Err)
			}
			if got.Units != 1 {
				t.Errorf("%d units", got.Units)
			}
			sameRecs(t, got.Recs, want.Recs)
			if got.Rows != want.Rows || got.Bytes != int64(len(plain)) {
				t.Errorf("rows %d bytes %d, want %d %d", got.Rows, got.Bytes, want.Rows, len(plain))
			}
		})
	}
}

func TestTruncatedStreams(t *testing.T) {
	plain := chatJSONL(20000)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"x.jsonl.gz", gz(t, plain)},
		{"x.jsonl.zst", zst(t, plain)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cut := tc.data[:len(tc.data)*2/3]
			r, err := format.Open(context.Background(), bytes.NewReader(cut), int64(len(cut)), tc.name, format.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var recs int64
			var lastKey int64
			st, err := r.Read(context.Background(), 0, format.ReadOptions{}, func(rc *format.Record) error {
				if rc.Issue != "" {
					t.Errorf("record %d: issue %q", rc.Row, rc.Issue)
				}
				recs++
				lastKey = rc.Key
				return nil
			})
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("got %v, want unexpected EOF", err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("after %d rows", st.Rows)) {
				t.Errorf("error does not give the rows reached: %v", err)
			}
			if recs == 0 || recs != st.Rows || recs >= 20000 {
				t.Errorf("%d records, %d rows", recs, st.Rows)
			}
			// Every record delivered is complete: the next line starts
			// where the stats say reading stopped.
			if !bytes.Equal(plain[st.Bytes-1:st.Bytes], []byte("\n")) || lastKey >= st.Bytes {
				t.Errorf("stopped at byte %d, last key %d", st.Bytes, lastKey)
			}
			t.Log(err)
		})
	}
	// A stream cut inside its header.
	data := gz(t, plain)[:5]
	if _, err := format.Open(context.Background(), bytes.NewReader(data), 5, "x.gz", format.Options{}); err == nil || errors.Is(err, format.ErrUnsupported) {
		t.Errorf("header cut: got %v", err)
	}
}

func TestCorruptGzip(t *testing.T) {
	data := gz(t, chatJSONL(20000))
	bad := bytes.Clone(data)
	for i := len(bad) / 2; i < len(bad)/2+64; i++ {
		bad[i] ^= 0x5a
	}
	r, err := format.Open(context.Background(), bytes.NewReader(bad), int64(len(bad)), "x.jsonl.gz", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := readAll(t, r, nil)
	if res.Err == nil || !strings.HasPrefix(res.Err.Error(), "read gzip stream after ") {
		t.Errorf("got %v", res.Err)
	}
	// Trailing garbage after the last member is reported, not ignored.
	tail := append(bytes.Clone(data), "garbage"...)
	res = read(t, tail, "x.jsonl.gz", format.Options{}, nil)
	if res.Err == nil || res.Rows != 20000 {
		t.Errorf("trailing garbage: rows %d, err %v", res.Rows, res.Err)
	}
}

func TestRatioBomb(t *testing.T) {
	plain := bytes.Repeat([]byte("{\"a\":\"b\"}\n"), 5<<20) // 50 MiB
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"bomb.jsonl.gz", gz(t, plain)},
		{"bomb.jsonl.zst", zst(t, plain)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := read(t, tc.data, tc.name, format.Options{}, nil)
			if !errors.Is(res.Err, format.ErrRatio) {
				t.Fatalf("got %v, want ErrRatio", res.Err)
			}
			if !strings.Contains(res.Err.Error(), "decompression ratio over 200: stopped after ") {
				t.Errorf("message: %v", res.Err)
			}
			if res.Bytes > 20<<20 || res.Rows == 0 {
				t.Errorf("read %d bytes, %d rows before stopping", res.Bytes, res.Rows)
			}
			t.Logf("%d compressed bytes: %v", len(tc.data), res.Err)
		})
	}
	// A higher limit lets such a file through.
	small := bytes.Repeat([]byte("{\"a\":\"b\"}\n"), 300<<10)
	res := read(t, gz(t, small), "x.jsonl.gz", format.Options{MaxRatio: 1 << 20}, nil)
	if res.Err != nil || res.Rows != 300<<10 {
		t.Errorf("ratio 2^20: rows %d, err %v", res.Rows, res.Err)
	}
}

// TestLongLineMemory reads a 40 MiB line with a 1 MiB cap and checks that
// the reader allocated nowhere near the line's size.
func TestLongLineMemory(t *testing.T) {
	const lineSize = 40 << 20
	plain := make([]byte, 0, lineSize+64)
	plain = append(plain, "h\n{\"a\":\""...)
	plain = append(plain, bytes.Repeat([]byte("x"), lineSize)...)
	plain = append(plain, "\"}\ntail\n"...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"long.jsonl", plain},
		{"long.txt", plain},
		{"long.jsonl.gz", gz(t, plain)},
		{"long.csv", plain},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := format.Options{MaxRecordBytes: 1 << 20, UnitBytes: 1 << 40, MaxRatio: 1 << 20}
			r, err := format.Open(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), tc.name, opts)
			if err != nil {
				t.Fatal(err)
			}
			var cut bool
			var tail string
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			st, err := r.Read(context.Background(), 0, format.ReadOptions{}, func(rc *format.Record) error {
				if rc.Issue == "record cut at 1048576 bytes (max-record-bytes)" {
					cut = true
				}
				for _, f := range rc.Fields {
					if n := len(f.Text); n > 1<<20 {
						t.Errorf("field of %d bytes", n)
					} else if n < 100 {
						tail = string(f.Text)
					}
				}
				return nil
			})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %.1f MiB reading a %d MiB line", float64(alloc)/(1<<20), lineSize>>20)
			if alloc > 4<<20 {
				t.Errorf("allocated %d bytes", alloc)
			}
			if !cut || tail != "tail" || st.Bytes != int64(len(plain)) || st.Rows < 2 {
				t.Errorf("cut %v, tail %q, rows %d, bytes %d", cut, tail, st.Rows, st.Bytes)
			}
		})
	}
}
