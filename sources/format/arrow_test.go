package format_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/residuehq/residue/sources/format"
)

var chatArrowSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "messages", Type: arrow.ListOf(arrow.StructOf(
		arrow.Field{Name: "role", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "content", Type: arrow.BinaryTypes.String, Nullable: true},
	))},
	{Name: "meta", Type: arrow.StructOf(
		arrow.Field{Name: "source", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "author", Type: arrow.StructOf(arrow.Field{Name: "email", Type: arrow.BinaryTypes.LargeString, Nullable: true})},
	)},
	{Name: "attrs", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.BinaryTypes.String), Nullable: true},
	{Name: "tags", Type: arrow.LargeListOf(arrow.BinaryTypes.String)},
	{Name: "score", Type: arrow.PrimitiveTypes.Float64},
	{Name: "blob", Type: arrow.BinaryTypes.Binary, Nullable: true},
	{Name: "phone", Type: arrow.PrimitiveTypes.Int64},
	{Name: "small", Type: arrow.PrimitiveTypes.Int32},
}, nil)

// chatBatch builds a record batch of rows, the same values as the Parquet
// fixture, so both formats must give the same records.
func chatBatch(rows []pqChat) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, chatArrowSchema)
	defer b.Release()
	id := b.Field(0).(*array.Int64Builder)
	msgs := b.Field(1).(*array.ListBuilder)
	msg := msgs.ValueBuilder().(*array.StructBuilder)
	role, content := msg.FieldBuilder(0).(*array.StringBuilder), msg.FieldBuilder(1).(*array.StringBuilder)
	meta := b.Field(2).(*array.StructBuilder)
	source := meta.FieldBuilder(0).(*array.StringBuilder)
	author := meta.FieldBuilder(1).(*array.StructBuilder)
	email := author.FieldBuilder(0).(*array.LargeStringBuilder)
	attrs := b.Field(3).(*array.MapBuilder)
	ak, av := attrs.KeyBuilder().(*array.StringBuilder), attrs.ItemBuilder().(*array.StringBuilder)
	tags := b.Field(4).(*array.LargeListBuilder)
	tag := tags.ValueBuilder().(*array.StringBuilder)
	score := b.Field(5).(*array.Float64Builder)
	blob := b.Field(6).(*array.BinaryBuilder)
	phone := b.Field(7).(*array.Int64Builder)
	small := b.Field(8).(*array.Int32Builder)
	for _, r := range rows {
		id.Append(r.ID)
		msgs.Append(true)
		for _, m := range r.Messages {
			msg.Append(true)
			role.Append(m.Role)
			if m.Content == "" {
				content.AppendNull()
			} else {
				content.Append(m.Content)
			}
		}
		meta.Append(true)
		source.Append(r.Meta.Source)
		author.Append(true)
		if r.Meta.Author.Email != nil {
			email.Append(*r.Meta.Author.Email)
		} else {
			email.AppendNull()
		}
		if r.Attrs == nil {
			attrs.AppendNull()
		} else {
			attrs.Append(true)
			for k, v := range r.Attrs {
				ak.Append(k)
				av.Append(v)
			}
		}
		tags.Append(true)
		for _, t := range r.Tags {
			tag.Append(t)
		}
		score.Append(r.Score)
		if r.Blob == nil {
			blob.AppendNull()
		} else {
			blob.Append(r.Blob)
		}
		phone.Append(r.Phone)
		small.Append(r.Small)
	}
	return b.NewRecordBatch()
}

// writeArrow writes rows in batches of per rows, as the file format when
// file is set, else as a stream.
func writeArrow(t testing.TB, rows []pqChat, per int, file bool, opts ...ipc.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts = append(opts, ipc.WithSchema(chatArrowSchema))
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
	for len(rows) > 0 {
		n := min(per, len(rows))
		rb := chatBatch(rows[:n])
		if err := w.Write(rb); err != nil {
			t.Fatal(err)
		}
		rb.Release()
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestArrowChat(t *testing.T) {
	rows := chatRows(1000)
	var want []rec
	for i, r := range rows {
		want = append(want, wantChat(r, int64(i), int64(i)))
	}
	for _, file := range []bool{false, true} {
		for name, opt := range map[string][]ipc.Option{"none": nil, "lz4": {ipc.WithLZ4()}, "zstd": {ipc.WithZstd()}} {
			t.Run(fmt.Sprintf("file=%v/%s", file, name), func(t *testing.T) {
				data := writeArrow(t, rows, 300, file, opt...)
				res := read(t, data, "data-00000-of-00001.arrow", format.Options{}, nil)
				if res.Err != nil {
					t.Fatal(res.Err)
				}
				if res.Kind != format.Arrow || res.Units != 4 || res.Rows != 1000 {
					t.Fatalf("kind %s, %d units, %d rows", res.Kind, res.Units, res.Rows)
				}
				sameRecs(t, res.Recs, want)
			})
		}
	}
}
