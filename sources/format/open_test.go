package format_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/residuehq/residue/sources/format"
)

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zst(t testing.TB, data []byte) []byte {
	t.Helper()
	w, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestOpenDetects(t *testing.T) {
	jsonl := []byte("{\"a\":\"b\"}\n{\"a\":\"c\"}\n")
	text := []byte("just some words\nand more words\n")
	csvData := []byte("a,b\n1,2\n")
	longJSON := []byte(`{"text":"` + strings.Repeat("word ", 4000) + "\"}\n")
	latin1 := []byte(strings.Repeat("le caf\xe9 est tr\xe8s bon, d\xe9j\xe0 vu\n", 50))
	withNUL := append([]byte("looks like text\n"), 0, 'x')
	zip := append([]byte("PK\x03\x04\x14\x00\x00\x00"), randomBytes(200, 3)...)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), randomBytes(200, 4)...)
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), randomBytes(200, 5)...)
	pdf := append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), randomBytes(400, 6)...)
	noNUL := bytes.ReplaceAll(randomBytes(4000, 7), []byte{0}, []byte{1})

	tests := []struct {
		name   string
		data   []byte
		kind   format.Kind
		comp   format.Compression
		reason string // when Open refuses
	}{
		{"x.jsonl", jsonl, format.JSONL, format.None, ""},
		{"x.ndjson", jsonl, format.JSONL, format.None, ""},
		{"X.JSONLINES", jsonl, format.JSONL, format.None, ""},
		{"x.json", jsonl, format.JSONL, format.None, ""},
		{"x.json", []byte("{\n  \"a\": \"b\"\n}\n"), format.Text, format.None, ""},
		{"x.json", []byte("[1,2]\n"), format.Text, format.None, ""},
		{"x.json", longJSON, format.JSONL, format.None, ""},
		{"x.jsonl", text, format.JSONL, format.None, ""},
		{"noext", jsonl, format.JSONL, format.None, ""},
		{"noext", append([]byte("\xef\xbb\xbf\n\n  "), jsonl...), format.JSONL, format.None, ""},
		{"noext", text, format.Text, format.None, ""},
		{"s3://bucket/dir.v2/file", jsonl, format.JSONL, format.None, ""},
		{"file:///data/a.b/notes", text, format.Text, format.None, ""},
		{"x.yaml", text, format.Text, format.None, ""},
		{"x.csv", csvData, format.CSV, format.None, ""},
		{"https://h/p/X.CSV", csvData, format.CSV, format.None, ""},
		{"x.tsv", csvData, format.TSV, format.None, ""},
		{"x.tab", csvData, format.TSV, format.None, ""},
		{"x.txt", jsonl, format.Text, format.None, ""},
		{"x.md", text, format.Text, format.None, ""},
		{"x.log", text, format.Text, format.None, ""},
		{"x.rst", text, format.Text, format.None, ""},
		{"x.text", text, format.Text, format.None, ""},
		{"x.txt", latin1, format.Text, format.None, ""},

		{"x.jsonl.gz", gz(t, jsonl), format.JSONL, format.Gzip, ""},
		{"x.gz", gz(t, jsonl), format.JSONL, format.Gzip, ""},
		{"x.csv.gzip", gz(t, csvData), format.CSV, format.Gzip, ""},
		{"x.jsonl", gz(t, jsonl), format.JSONL, format.Gzip, ""},
		{"noext", gz(t, text), format.Text, format.Gzip, ""},
		{"x.txt.zst", zst(t, text), format.Text, format.Zstd, ""},
		{"x.jsonl.zstd", zst(t, jsonl), format.JSONL, format.Zstd, ""},
		{"noext", zst(t, jsonl), format.JSONL, format.Zstd, ""},
		{"x.tsv.gz", zst(t, csvData), format.TSV, format.Zstd, ""},
		{"x.jsonl.gz", jsonl, format.JSONL, format.None, ""},

		{"x.jsonl", nil, "", "", "empty"},
		{"x.jsonl.gz", gz(t, nil), "", "", "empty"},
		{"x.zst", zst(t, nil), "", "", "empty"},
		{"x.txt", withNUL, "", "", "unknown format (binary)"},
		{"x.jsonl", noNUL, "", "", "unknown format (binary)"},
		{"x.csv.gz", gz(t, randomBytes(5000, 8)), "", "", "unknown format (binary)"},
		{"x.jsonl", zip, "", "", "binary (zip archive)"},
		{"x.txt", png, "", "", "binary (png image)"},
		{"x", elf, "", "", "binary (elf executable)"},
		{"x.csv", pdf, "", "", "binary (pdf document)"},
		{"x.txt.gz", gz(t, gz(t, randomBytes(100, 10))), "", "", "binary (gzip data)"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+string(tt.kind)+string(tt.comp)+tt.reason, func(t *testing.T) {
			r, err := format.Open(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), tt.name, format.Options{})
			if tt.reason != "" {
				var ue *format.UnsupportedError
				if !errors.As(err, &ue) || !errors.Is(err, format.ErrUnsupported) || ue.Reason != tt.reason {
					t.Fatalf("err %v, want unsupported %q", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Kind() != tt.kind || r.Compression() != tt.comp {
				t.Errorf("got %q/%q, want %q/%q", r.Kind(), r.Compression(), tt.kind, tt.comp)
			}
			res := readAll(t, r, nil)
			if res.Err != nil {
				t.Errorf("read: %v", res.Err)
			}
		})
	}
}

// failingReaderAt fails every read, as an unreachable store would.
type failingReaderAt struct{}

var errStore = errors.New("store unreachable")

func (failingReaderAt) ReadAt([]byte, int64) (int, error) { return 0, errStore }

func TestOpenReadErrors(t *testing.T) {
	_, err := format.Open(context.Background(), failingReaderAt{}, 100, "x.jsonl", format.Options{})
	if !errors.Is(err, errStore) || errors.Is(err, format.ErrUnsupported) {
		t.Errorf("got %v", err)
	}
	// A size larger than the object is a read error, not a format verdict.
	_, err = format.Open(context.Background(), strings.NewReader("ab"), 10, "x.jsonl", format.Options{})
	if err == nil || errors.Is(err, format.ErrUnsupported) {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := format.Open(ctx, strings.NewReader("ab"), 2, "x.txt", format.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: got %v", err)
	}
}

func TestReadErrors(t *testing.T) {
	data := []byte(strings.Repeat("line\n", 10000))
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), "x.txt", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Read(context.Background(), 1, format.ReadOptions{}, func(*format.Record) error { return nil }); err == nil {
		t.Error("unit out of range: no error")
	}
	stop := errors.New("stop")
	n := 0
	st, err := r.Read(context.Background(), 0, format.ReadOptions{}, func(*format.Record) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || st.Rows != 3 {
		t.Errorf("callback error: got %v after %d rows", err, st.Rows)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	st, err = r.Read(ctx, 0, format.ReadOptions{}, func(*format.Record) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || st.Rows == 10000 {
		t.Errorf("canceled: got %v after %d rows", err, st.Rows)
	}
}

// cutReaderAt serves data but fails every read past limit, as a store whose
// connection drops part way would.
type cutReaderAt struct {
	data  []byte
	limit int64
}

func (c cutReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > c.limit {
		n := 0
		if off < c.limit {
			n = copy(p, c.data[off:c.limit])
		}
		return n, errStore
	}
	return copy(p, c.data[off:]), nil
}

func TestReadStoreFailsPartWay(t *testing.T) {
	data := []byte(strings.Repeat("{\"a\":\"some words\"}\n", 100000)) // 2.1 MB
	ra := cutReaderAt{data: data, limit: 1 << 20}
	r, err := format.Open(context.Background(), ra, int64(len(data)), "x.jsonl", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs int64
	st, err := r.Read(context.Background(), 0, format.ReadOptions{}, func(rc *format.Record) error {
		if rc.Issue != "" {
			t.Fatalf("issue %q", rc.Issue)
		}
		recs++
		return nil
	})
	if !errors.Is(err, errStore) || !strings.Contains(err.Error(), "after") {
		t.Fatalf("got %v", err)
	}
	if recs == 0 || recs != st.Rows || st.Bytes > 1<<20 {
		t.Errorf("%d records, %d rows, %d bytes", recs, st.Rows, st.Bytes)
	}
}
