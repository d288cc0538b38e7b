package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/parquet-go/parquet-go"
)

// table is a columnar object read back with the libraries that wrote it,
// as one Go value per row, independently of residue's readers.
type table struct {
	chat  []pqChatRow
	prose []pqProseRow
	tab   []pqTabularRow
	units int // row groups or record batches
}

var reMessage = regexp.MustCompile(`^messages\[(\d+)\]\.content$`)

// field returns the value at a truth's row and field path.
func (tb *table) field(shape Shape, row int64, path string) (string, error) {
	switch shape {
	case ChatShape:
		m := reMessage.FindStringSubmatch(path)
		if m == nil {
			return "", fmt.Errorf("path %q", path)
		}
		i, _ := strconv.Atoi(m[1])
		if i >= len(tb.chat[row].Messages) {
			return "", fmt.Errorf("row %d has no message %d", row, i)
		}
		return tb.chat[row].Messages[i].Content, nil
	case ProseShape:
		switch path {
		case "text":
			return tb.prose[row].Text, nil
		case "meta.author_email":
			if e := tb.prose[row].Meta.AuthorEmail; e != nil {
				return *e, nil
			}
			return "", fmt.Errorf("row %d: null author_email", row)
		}
		return "", fmt.Errorf("path %q", path)
	}
	r := tb.tab[row]
	cells := map[string]*string{"name": r.Name, "email": r.Email, "phone": r.Phone, "card": r.Card,
		"iban": r.IBAN, "ssn": r.SSN, "ip": r.IP, "password": r.Password, "notes": r.Notes}
	c, ok := cells[path]
	if !ok || c == nil {
		return "", fmt.Errorf("row %d: no cell %q", row, path)
	}
	return *c, nil
}

func (tb *table) rows() int { return len(tb.chat) + len(tb.prose) + len(tb.tab) }

func readParquetTable(t *testing.T, shape Shape, data []byte) *table {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tb := &table{units: len(f.RowGroups())}
	switch shape {
	case ChatShape:
		tb.chat = readAllRows[pqChatRow](t, f)
	case ProseShape:
		tb.prose = readAllRows[pqProseRow](t, f)
	case TabularShape:
		tb.tab = readAllRows[pqTabularRow](t, f)
	}
	return tb
}

func readAllRows[T any](t *testing.T, f *parquet.File) []T {
	t.Helper()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	out := make([]T, f.NumRows())
	n, err := r.Read(out)
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	return out[:n]
}

func readArrowTable(t *testing.T, shape Shape, data []byte, file bool) *table {
	t.Helper()
	tb := &table{}
	add := func(rec arrow.RecordBatch) {
		tb.units++
		for i := range int(rec.NumRows()) {
			id := rec.Column(0).(*array.Int64).Value(i)
			switch shape {
			case ChatShape:
				l := rec.Column(1).(*array.List)
				st := l.ListValues().(*array.Struct)
				role, content := st.Field(0).(*array.String), st.Field(1).(*array.String)
				row := pqChatRow{ID: id}
				s, e := l.ValueOffsets(i)
				for j := s; j < e; j++ {
					row.Messages = append(row.Messages, pqChatMsg{Role: role.Value(int(j)), Content: content.Value(int(j))})
				}
				tb.chat = append(tb.chat, row)
			case ProseShape:
				meta := rec.Column(2).(*array.Struct)
				row := pqProseRow{ID: id, Text: rec.Column(1).(*array.String).Value(i)}
				row.Meta.Source = meta.Field(0).(*array.String).Value(i)
				if em := meta.Field(1).(*array.String); em.IsValid(i) {
					row.Meta.AuthorEmail = nullable(em.Value(i))
				}
				tb.prose = append(tb.prose, row)
			case TabularShape:
				cell := func(c int) *string {
					a := rec.Column(c).(*array.String)
					if a.IsNull(i) {
						return nil
					}
					return nullable(a.Value(i))
				}
				tb.tab = append(tb.tab, pqTabularRow{ID: id, Name: cell(1), Email: cell(2), Phone: cell(3), Card: cell(4),
					IBAN: cell(5), SSN: cell(6), IP: cell(7), Password: cell(8), Notes: cell(9)})
			}
		}
	}
	if file {
		r, err := ipc.NewFileReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for i := range r.NumRecords() {
			rec, err := r.RecordBatch(i)
			if err != nil {
				t.Fatal(err)
			}
			add(rec)
		}
		return tb
	}
	r, err := ipc.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	for r.Next() {
		add(r.RecordBatch())
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	return tb
}

func readTable(t *testing.T, shape Shape, layout Layout, data []byte) *table {
	if layout == ParquetFile {
		return readParquetTable(t, shape, data)
	}
	return readArrowTable(t, shape, data, layout == ArrowFile)
}

// checkTruths checks every truth against the table, and that the values
// of each infoType are valid for it.
func checkTruths(t *testing.T, shape Shape, tb *table, truths []Truth) {
	t.Helper()
	for _, tr := range truths {
		if tr.Row < 0 || tr.Row >= int64(tb.rows()) {
			t.Fatalf("truth %+v: row out of range", tr)
		}
		v, err := tb.field(shape, tr.Row, tr.Field)
		if err != nil {
			t.Fatalf("truth at row %d %s: %v", tr.Row, tr.Field, err)
		}
		if tr.Offset < 0 || tr.Offset+tr.Length > len(v) || v[tr.Offset:tr.Offset+tr.Length] != tr.Value {
			t.Fatalf("truth at row %d %s [%d:+%d] does not hold its value", tr.Row, tr.Field, tr.Offset, tr.Length)
		}
		if err := validate(tr.InfoType, tr.Value); err != nil && !nestedType(tr.InfoType) {
			t.Fatalf("truth at row %d %s: %v", tr.Row, tr.Field, err)
		}
	}
}

// nestedType: a password inside a URL is checked with its URL.
func nestedType(infoType string) bool { return infoType == "PASSWORD" }

func TestColumnarTruth(t *testing.T) {
	for _, shape := range []Shape{ChatShape, ProseShape, TabularShape} {
		for _, layout := range []Layout{ParquetFile, ArrowFile, ArrowStream} {
			for _, comp := range []string{"", "zstd"} {
				t.Run(fmt.Sprintf("%s/%s/%s", shape, layout, comp), func(t *testing.T) {
					spec := ColumnarSpec{Shape: shape, Layout: layout, Object: "x", Rows: 2500, RowGroupRows: 1000,
						Compression: comp, PlantRate: 0.2, Seed: 7}
					var buf bytes.Buffer
					var truths []Truth
					st, err := WriteColumnar(&buf, spec, func(tr Truth) { truths = append(truths, tr) })
					if err != nil {
						t.Fatal(err)
					}
					tb := readTable(t, shape, layout, buf.Bytes())
					if tb.rows() != 2500 || st.Rows != 2500 || tb.units != 3 {
						t.Fatalf("%d rows in %d units, stats %d", tb.rows(), tb.units, st.Rows)
					}
					if len(truths) < 300 || int64(len(truths)) != st.Truths {
						t.Fatalf("%d truths, stats %d", len(truths), st.Truths)
					}
					checkTruths(t, shape, tb, truths)
					// the same spec writes the same bytes
					var again bytes.Buffer
					if _, err := WriteColumnar(&again, spec, nil); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(again.Bytes(), buf.Bytes()) {
						t.Error("output differs between runs")
					}
				})
			}
		}
	}
}

func TestColumnarClean(t *testing.T) {
	var buf bytes.Buffer
	st, err := WriteColumnar(&buf, ColumnarSpec{Shape: ChatShape, Layout: ParquetFile, Rows: 2000, Clean: true}, nil)
	if err != nil || st.Truths != 0 {
		t.Fatalf("%v, %d truths", err, st.Truths)
	}
}

func TestColumnarRowsMatchJSONL(t *testing.T) {
	// The chat shape makes the same rows as the chat JSONL kind's records
	// per seed? No: batches differ in size. It must at least plant at the
	// asked rate.
	var truths int
	st, err := WriteColumnar(io.Discard, ColumnarSpec{Shape: ProseShape, Layout: ArrowStream, Rows: 20000, Seed: 3, PlantRate: 0.05},
		func(Truth) { truths++ })
	if err != nil {
		t.Fatal(err)
	}
	if rate := float64(truths) / float64(st.Rows); rate < 0.04 || rate > 0.08 {
		t.Errorf("plant rate %.3f, want about 0.05", rate)
	}
}

func TestWriteSaveToDisk(t *testing.T) {
	dir := t.TempDir()
	ds := ColumnarDataset{Shape: ChatShape, Splits: []Split{{"train", 3000, 2}, {"test", 500, 1}}, Seed: 1, PlantRate: 0.1}
	truths, err := WriteSaveToDisk(dir, ds)
	if err != nil {
		t.Fatal(err)
	}
	var dd struct{ Splits []string }
	readJSONFile(t, filepath.Join(dir, "dataset_dict.json"), &dd)
	if fmt.Sprint(dd.Splits) != "[train test]" {
		t.Fatalf("splits %v", dd.Splits)
	}
	byObject := map[string][]Truth{}
	for _, tr := range truths {
		byObject[tr.Object] = append(byObject[tr.Object], tr)
	}
	rows := 0
	for _, sp := range ds.Splits {
		var state struct {
			DataFiles []struct{ Filename string } `json:"_data_files"`
			Split     string                      `json:"_split"`
		}
		readJSONFile(t, filepath.Join(dir, sp.Name, "state.json"), &state)
		if len(state.DataFiles) != sp.Files || state.Split != sp.Name {
			t.Fatalf("state %+v", state)
		}
		var info map[string]any
		readJSONFile(t, filepath.Join(dir, sp.Name, "dataset_info.json"), &info)
		if _, ok := info["features"].(map[string]any)["messages"]; !ok {
			t.Fatalf("features %v", info["features"])
		}
		for k, f := range state.DataFiles {
			obj := sp.Name + "/" + f.Filename
			if obj != SaveToDiskName(sp.Name, k, sp.Files) {
				t.Fatalf("file %s", obj)
			}
			data, err := os.ReadFile(filepath.Join(dir, obj))
			if err != nil {
				t.Fatal(err)
			}
			tb := readArrowTable(t, ChatShape, data, false)
			rows += tb.rows()
			checkTruths(t, ChatShape, tb, byObject[obj])
			delete(byObject, obj)
		}
	}
	if rows != 3500 || len(byObject) != 0 {
		t.Fatalf("%d rows; truths for unknown objects: %v", rows, byObject)
	}
	f, err := os.Open(filepath.Join(dir, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if back, err := ReadTruth(f); err != nil || len(back) != len(truths) {
		t.Fatalf("truth file: %d truths, %v", len(back), err)
	}
}

func TestWriteHubParquet(t *testing.T) {
	dir := t.TempDir()
	ds := ColumnarDataset{Shape: TabularShape, Splits: []Split{{"train", 4000, 4}}, Seed: 2, RowGroupRows: 500}
	truths, err := WriteHubParquet(dir, ds)
	if err != nil {
		t.Fatal(err)
	}
	byObject := map[string][]Truth{}
	for _, tr := range truths {
		byObject[tr.Object] = append(byObject[tr.Object], tr)
	}
	for k := range 4 {
		obj := fmt.Sprintf("data/train-%05d-of-00004.parquet", k)
		data, err := os.ReadFile(filepath.Join(dir, obj))
		if err != nil {
			t.Fatal(err)
		}
		tb := readParquetTable(t, TabularShape, data)
		if tb.rows() != 1000 || tb.units != 2 {
			t.Fatalf("%s: %d rows in %d row groups", obj, tb.rows(), tb.units)
		}
		if len(byObject[obj]) == 0 {
			t.Fatalf("%s: no truth", obj)
		}
		checkTruths(t, TabularShape, tb, byObject[obj])
	}
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWriteColumnarChatParquet(b *testing.B) { benchColumnar(b, ParquetFile) }
func BenchmarkWriteColumnarChatArrow(b *testing.B)   { benchColumnar(b, ArrowStream) }

func benchColumnar(b *testing.B, layout Layout) {
	const rows = 50000
	var size int64
	for i := 0; b.Loop(); i++ {
		st, err := WriteColumnar(io.Discard, ColumnarSpec{Shape: ChatShape, Layout: layout, Rows: rows, Seed: uint64(i)}, nil)
		if err != nil {
			b.Fatal(err)
		}
		size = st.Bytes
	}
	b.SetBytes(size)
}
