package format_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	pqfmt "github.com/parquet-go/parquet-go/format"
	"github.com/residuehq/residue/sources/format"
)

type pqMsg struct {
	Role    string `parquet:"role"`
	Content string `parquet:"content,optional"`
}

type pqAuthor struct {
	Email *string `parquet:"email,optional"`
}

type pqMeta struct {
	Source string   `parquet:"source"`
	Author pqAuthor `parquet:"author"`
}

type pqChat struct {
	ID       int64             `parquet:"id"`
	Messages []pqMsg           `parquet:"messages,list"`
	Meta     pqMeta            `parquet:"meta"`
	Attrs    map[string]string `parquet:"attrs"`
	Tags     []string          `parquet:"tags"`
	Score    float64           `parquet:"score"`
	Blob     []byte            `parquet:"blob,optional"`
	Phone    int64             `parquet:"phone"`
	Small    int32             `parquet:"small"`
}

func strp(s string) *string { return &s }

// chatRows makes n rows whose every value is derived from the row index,
// so a test can say what each row must give.
func chatRows(n int) []pqChat {
	rows := make([]pqChat, n)
	for i := range rows {
		r := &rows[i]
		r.ID = int64(i)
		for j := range i % 4 {
			content := ""
			if (i+j)%5 != 0 {
				content = fmt.Sprintf("message %d of row %d", j, i)
			}
			r.Messages = append(r.Messages, pqMsg{Role: []string{"user", "assistant"}[j%2], Content: content})
		}
		r.Meta.Source = []string{"web", "forum", "wiki"}[i%3]
		if i%2 == 0 {
			r.Meta.Author.Email = strp(fmt.Sprintf("author%d at example", i))
		}
		if i%3 == 0 {
			r.Attrs = map[string]string{"lang": "en"}
		}
		for j := range i % 3 {
			r.Tags = append(r.Tags, fmt.Sprintf("tag%d", j))
		}
		r.Score = float64(i) / 2
		if i%7 == 0 {
			r.Blob = []byte{0xff, 0x00, byte(i)}
		}
		r.Phone = 4155550000 + int64(i)
		if i%4 == 0 {
			r.Phone = int64(i) // short: not a field
		}
		r.Small = int32(i)
	}
	return rows
}

// wantChat is what the reader must give for a row of chatRows, in order.
// Both formats give fields in document order, as JSONL does.
func wantChat(r pqChat, row, key int64) rec {
	out := rec{Row: row, Lines: 1, Key: key}
	add := func(p, t string) {
		if t != "" {
			out.Fields = append(out.Fields, fld{p, t})
		}
	}
	for j, m := range r.Messages {
		add(fmt.Sprintf("messages[%d].role", j), m.Role)
		add(fmt.Sprintf("messages[%d].content", j), m.Content)
	}
	add("meta.source", r.Meta.Source)
	if r.Meta.Author.Email != nil {
		add("meta.author.email", *r.Meta.Author.Email)
	}
	keys := make([]string, 0, len(r.Attrs))
	for k := range r.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(`attrs["`+k+`"]`, r.Attrs[k])
	}
	for j, t := range r.Tags {
		add(fmt.Sprintf("tags[%d]", j), t)
	}
	add("blob", string(r.Blob))
	if r.Phone >= 1000000 {
		add("phone", fmt.Sprint(r.Phone))
	}
	return out
}

func writeParquet[T any](t testing.TB, rows []T, opts ...parquet.WriterOption) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, opts...)
	for len(rows) > 0 {
		n := min(len(rows), 1000)
		if _, err := w.Write(rows[:n]); err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParquetChat(t *testing.T) {
	rows := chatRows(1000)
	codecs := map[string]compress.Codec{
		"none": &parquet.Uncompressed, "snappy": &parquet.Snappy, "gzip": &parquet.Gzip,
		"zstd": &parquet.Zstd, "lz4": &parquet.Lz4Raw, "brotli": &parquet.Brotli,
	}
	for name, codec := range codecs {
		for _, v := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/v%d", name, v), func(t *testing.T) {
				data := writeParquet(t, rows, parquet.Compression(codec), parquet.DataPageVersion(v),
					parquet.MaxRowsPerRowGroup(300), parquet.PageBufferSize(2048))
				res := read(t, data, "chat.parquet", format.Options{}, nil)
				if res.Err != nil {
					t.Fatal(res.Err)
				}
				if res.Kind != format.Parquet || res.Units != 4 || res.Rows != 1000 {
					t.Fatalf("kind %s, %d units, %d rows", res.Kind, res.Units, res.Rows)
				}
				var want []rec
				for i, r := range rows {
					want = append(want, wantChat(r, int64(i), int64(i)))
				}
				sameRecs(t, res.Recs, want)
			})
		}
	}
}

// byteCounter counts the bytes read through it.
type byteCounter struct {
	r     io.ReaderAt
	n     atomic.Int64
	calls atomic.Int64
}

func (c *byteCounter) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	c.calls.Add(1)
	return n, err
}

// readRows reads the listed rows of every unit (rows counted in the file).
func readRows(t *testing.T, r format.Reader, rows []int64, keep func(int64) bool) []rec {
	t.Helper()
	var out []rec
	for _, u := range r.Units() {
		base := int64(0)
		for _, v := range r.Units()[:u.Index] {
			base += v.Rows
		}
		var mine []int64
		for _, x := range rows {
			if x >= base && x < base+u.Rows {
				mine = append(mine, x-base)
			}
		}
		if rows != nil && len(mine) == 0 {
			continue
		}
		if rows == nil {
			mine = nil
		}
		_, err := r.Read(context.Background(), u.Index, format.ReadOptions{Rows: mine, Keep: keep}, func(rc *format.Record) error {
			out = append(out, copyRec(rc, base))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestParquetRowsReadFewerBytes(t *testing.T) {
	rows := chatRows(20000)
	for i := range rows {
		rows[i].Messages = append(rows[i].Messages, pqMsg{Role: "user", Content: strings.Repeat(fmt.Sprintf("filler text %d ", i), 20)})
	}
	for _, tc := range []struct {
		v       int
		noIndex bool
	}{{1, false}, {2, false}, {1, true}, {2, true}} {
		t.Run(fmt.Sprintf("v%d/noindex=%v", tc.v, tc.noIndex), func(t *testing.T) {
			data := writeParquet(t, rows, parquet.Compression(&parquet.Snappy), parquet.DataPageVersion(tc.v),
				parquet.MaxRowsPerRowGroup(10000), parquet.PageBufferSize(8<<10))
			if tc.noIndex {
				data = dropPageIndex(t, data)
			}
			want := map[int64]rec{}
			for i, r := range rows {
				want[int64(i)] = wantChat(r, int64(i), int64(i))
			}
			sample := []int64{3, 777, 4096, 9999, 10000, 15001, 19999}
			cr := &byteCounter{r: bytes.NewReader(data)}
			r, err := format.Open(context.Background(), cr, int64(len(data)), "x.parquet", format.Options{})
			if err != nil {
				t.Fatal(err)
			}
			open := cr.n.Load()
			got := readRows(t, r, sample, nil)
			var w []rec
			for _, i := range sample {
				w = append(w, want[i])
			}
			sameRecs(t, got, w)
			sampled := cr.n.Load() - open
			full := &byteCounter{r: bytes.NewReader(data)}
			r2, _ := format.Open(context.Background(), full, int64(len(data)), "x.parquet", format.Options{})
			all := readRows(t, r2, nil, nil)
			if len(all) != len(rows) {
				t.Fatalf("%d records", len(all))
			}
			t.Logf("file %d bytes; open read %d; %d rows read %d bytes in %d reads; full read %d bytes",
				len(data), open, len(sample), sampled, cr.calls.Load(), full.n.Load())
			// With an offset index only the pages holding the rows are
			// read; without one, version 2 pages are skipped by their
			// headers, and version 1 pages of list columns must be
			// decoded to count their rows.
			limit := map[bool]int64{false: 5, true: 2}[tc.noIndex]
			if tc.noIndex && tc.v == 1 {
				limit = 1
			}
			if sampled*limit > full.n.Load() {
				t.Errorf("sampling %d rows read %d bytes, a full read %d", len(sample), sampled, full.n.Load())
			}
			// Keep still applies to the rows listed.
			got = readRows(t, r, sample, func(k int64) bool { return k%2 == 1 })
			w = w[:0]
			for _, i := range sample {
				if i%2 == 1 {
					w = append(w, want[i])
				}
			}
			sameRecs(t, got, w)
		})
	}
}

// dropPageIndex rewrites a file's footer without its page index, as files
// from writers that do not write one are.
func dropPageIndex(t testing.TB, data []byte) []byte {
	t.Helper()
	flen := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	start := len(data) - 8 - flen
	var md pqfmt.FileMetaData
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), data[start:len(data)-8], &md); err != nil {
		t.Fatal(err)
	}
	for i := range md.RowGroups {
		for j := range md.RowGroups[i].Columns {
			c := &md.RowGroups[i].Columns[j]
			c.OffsetIndexOffset, c.OffsetIndexLength, c.ColumnIndexOffset, c.ColumnIndexLength = 0, 0, 0, 0
		}
	}
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), &md)
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), data[:start]...)
	out = append(out, footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...)
}

type pqTurn struct {
	Text string `parquet:"text"`
}

type pqDialog struct {
	Turns []pqTurn `parquet:"turns,list"`
}

type pqNotes struct {
	Notes []pqTurn `parquet:"notes,list"`
}

// TestParquetListPathsPerSchema reads files of different schemas one
// after the other, and all again, through the same pooled working
// memory: the paths remembered by list index for one schema must not leak
// into the other, and long lists get the right index everywhere.
func TestParquetListPathsPerSchema(t *testing.T) {
	chats := chatRows(40)
	dialogs := make([]pqDialog, 40)
	for i := range dialogs {
		for j := range i * 3 {
			dialogs[i].Turns = append(dialogs[i].Turns, pqTurn{Text: fmt.Sprintf("turn %d of %d", j, i)})
		}
	}
	open := func(name string, data []byte) format.Reader {
		r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	notes := make([]pqNotes, len(dialogs))
	for i := range dialogs {
		notes[i].Notes = dialogs[i].Turns
	}
	chatData, dialogData, notesData := writeParquet(t, chats), writeParquet(t, dialogs), writeParquet(t, notes)
	check := func(got []rec, want func(row int) []string) {
		t.Helper()
		for _, rc := range got {
			var paths []string
			for _, f := range rc.Fields {
				paths = append(paths, f.Path)
			}
			if w := want(int(rc.Row)); !slices.Equal(paths, w) {
				t.Fatalf("row %d: paths %v, want %v", rc.Row, paths, w)
			}
		}
	}
	listPaths := func(name string) func(row int) []string {
		return func(row int) []string {
			var out []string
			for j := range row * 3 {
				out = append(out, fmt.Sprintf("%s[%d].text", name, j))
			}
			return out
		}
	}
	chatPaths := func(row int) []string {
		var out []string
		for _, f := range wantChat(chats[row], int64(row), int64(row)).Fields {
			out = append(out, f.Path)
		}
		return out
	}
	for range 2 {
		check(readRows(t, open("chat.parquet", chatData), nil, nil), chatPaths)
		check(readRows(t, open("dialog.parquet", dialogData), nil, nil), listPaths("turns"))
		check(readRows(t, open("notes.parquet", notesData), nil, nil), listPaths("notes"))
	}
}

type ordLeaf struct {
	P string `parquet:"p"`
	Q string `parquet:"q"`
}

type ordBox struct {
	C []ordLeaf `parquet:"c,list"`
}

type ordMsg struct {
	T string `parquet:"t"`
	U string `parquet:"u"`
}

type ordRow struct {
	Notes []string `parquet:"notes,list"`
	Msgs  []ordMsg `parquet:"msgs,list"`
	Tail  string   `parquet:"tail"`
}

type ordDeepMsg struct {
	B ordBox `parquet:"b"`
	T string `parquet:"t"`
	U string `parquet:"u"`
}

type ordDeepRow struct {
	Notes []string     `parquet:"notes,list"`
	Msgs  []ordDeepMsg `parquet:"msgs,list"`
	Tail  string       `parquet:"tail"`
}

// TestParquetFieldOrder reads rows whose fields come in document order
// only after sorting (msgs[0].t, msgs[0].u, msgs[1].t …): rows of a few
// fields and rows of many (over forty notes), in a schema whose keys are
// packed and in one with keys longer than a packed key holds
// (msgs[i].b.c[j].p), where the members of one struct must not be grouped
// by column either.
func TestParquetFieldOrder(t *testing.T) {
	var rows []ordDeepRow
	for i := range 60 {
		var r ordDeepRow
		for j := range i % 3 * 20 {
			r.Notes = append(r.Notes, fmt.Sprintf("note %d.%d", i, j))
		}
		for m := range i % 4 {
			var msg ordDeepMsg
			for k := range (i + m) % 3 {
				msg.B.C = append(msg.B.C, ordLeaf{P: fmt.Sprintf("p %d.%d.%d", i, m, k), Q: fmt.Sprintf("q %d.%d.%d", i, m, k)})
			}
			msg.T, msg.U = fmt.Sprintf("t %d.%d", i, m), fmt.Sprintf("u %d.%d", i, m)
			r.Msgs = append(r.Msgs, msg)
		}
		r.Tail = fmt.Sprintf("tail %d", i)
		rows = append(rows, r)
	}
	want := func(deep bool) []rec {
		var out []rec
		for i, r := range rows {
			w := rec{Row: int64(i), Lines: 1, Key: int64(i)}
			for j, n := range r.Notes {
				w.Fields = append(w.Fields, fld{fmt.Sprintf("notes[%d]", j), n})
			}
			for m, msg := range r.Msgs {
				for k, l := range msg.B.C {
					if deep {
						w.Fields = append(w.Fields, fld{fmt.Sprintf("msgs[%d].b.c[%d].p", m, k), l.P},
							fld{fmt.Sprintf("msgs[%d].b.c[%d].q", m, k), l.Q})
					}
				}
				w.Fields = append(w.Fields, fld{fmt.Sprintf("msgs[%d].t", m), msg.T}, fld{fmt.Sprintf("msgs[%d].u", m), msg.U})
			}
			w.Fields = append(w.Fields, fld{"tail", r.Tail})
			out = append(out, w)
		}
		return out
	}
	t.Run("packed", func(t *testing.T) {
		var shallow []ordRow
		for _, r := range rows {
			s := ordRow{Notes: r.Notes, Tail: r.Tail}
			for _, m := range r.Msgs {
				s.Msgs = append(s.Msgs, ordMsg{T: m.T, U: m.U})
			}
			shallow = append(shallow, s)
		}
		res := read(t, writeParquet(t, shallow), "order.parquet", format.Options{}, nil)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		sameRecs(t, res.Recs, want(false))
	})
	t.Run("wide", func(t *testing.T) {
		res := read(t, writeParquet(t, rows), "order.parquet", format.Options{}, nil)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		sameRecs(t, res.Recs, want(true))
	})
}
