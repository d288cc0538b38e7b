package synth

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/residuehq/residue/classify"
)

// Columnar datasets: Parquet files and Arrow IPC files and streams with
// the same planted values and exact truth as the line-oriented ones. A
// truth's Row is the row's index in the file and its Field the path the
// readers give (INFOTYPES.md): "messages[2].content", "meta.author_email",
// "email".

// Shape is the schema of a columnar dataset.
type Shape string

// Columnar shapes.
const (
	// ChatShape: id int64, messages list<struct<role string, content string>>;
	// plants in messages[i].content.
	ChatShape Shape = "chat"
	// ProseShape: id int64, text string, meta struct<source string,
	// author_email string (null unless planted)>; plants in text, and now
	// and then in meta.author_email.
	ProseShape Shape = "prose"
	// TabularShape: id int64 and the CSV kind's string columns (name, email,
	// phone, card, iban, ssn, ip, password, notes), empty cells null.
	TabularShape Shape = "tabular"
)

// Layout is the file format of a columnar object.
type Layout string

// Columnar layouts.
const (
	ParquetFile Layout = "parquet"
	ArrowFile   Layout = "arrow-file"   // Arrow IPC file format (.arrow, .feather)
	ArrowStream Layout = "arrow-stream" // Arrow IPC stream (Hugging Face save_to_disk)
)

// ColumnarSpec describes one columnar object.
type ColumnarSpec struct {
	Shape  Shape
	Layout Layout
	// Object, Rows, PlantRate, InfoTypes, Clean and Seed are as in Spec.
	// Bytes is not used: columnar objects are sized in rows.
	Object    string
	Rows      int
	PlantRate float64
	InfoTypes []string
	Clean     bool
	Seed      uint64
	// RowGroupRows is the rows per Parquet row group or Arrow record
	// batch; default 10,000 (Parquet) or 1,000 (Arrow, as datasets writes).
	RowGroupRows int
	// Compression: Parquet "snappy" (default), "gzip", "zstd", "lz4",
	// "brotli", "none"; Arrow "none" (default), "lz4", "zstd".
	Compression string
	// PageVersion is the Parquet data page version, 1 or 2 (default 2).
	PageVersion int
}

// colBatchRows is the number of rows made from one seed: the unit of
// parallel work, fixed so the output does not depend on the row-group
// size or the number of cores.
const colBatchRows = 1024

// colRows is one batch of rows, columns side by side.
type colRows struct {
	n       int
	id      []int64
	msgEnd  []int // chat: end of each row's messages in role/content
	role    []string
	content []string
	text    []string // prose
	source  []string
	email   []string // prose meta.author_email; "" is null
	cells   [][]string
	truths  []Truth // Row counted from the batch's first row
	dw      datasetWriter
}

var tabularColumns = csvColumns[1:] // all but id

func (s *ColumnarSpec) defaults() error {
	if s.Rows < 0 {
		return errors.New("synth: negative Rows")
	}
	if err := checkInfoTypes(s.InfoTypes); err != nil {
		return err
	}
	switch s.Shape {
	case ChatShape, ProseShape, TabularShape:
	default:
		return fmt.Errorf("synth: unknown columnar shape %q", s.Shape)
	}
	if s.PlantRate <= 0 {
		s.PlantRate = DefaultPlantRate
	}
	if s.Clean {
		s.PlantRate = 0
	}
	if s.InfoTypes == nil {
		s.InfoTypes = allInfoTypes
	}
	if s.RowGroupRows <= 0 {
		s.RowGroupRows = 10000
		if s.Layout != ParquetFile {
			s.RowGroupRows = 1000
		}
	}
	if s.PageVersion == 0 {
		s.PageVersion = 2
	}
	return nil
}

// make fills b with batch i of spec: rows i*colBatchRows onwards.
func (b *colRows) make(spec *ColumnarSpec, i int64) {
	n := min(colBatchRows, spec.Rows-int(i)*colBatchRows)
	*b = colRows{
		id: b.id[:0], msgEnd: b.msgEnd[:0], role: b.role[:0], content: b.content[:0],
		text: b.text[:0], source: b.source[:0], email: b.email[:0], cells: b.cells,
		truths: b.truths[:0], dw: b.dw, n: n,
	}
	if spec.Shape == TabularShape {
		if len(b.cells) != len(tabularColumns) {
			b.cells = make([][]string, len(tabularColumns))
		}
		for c := range b.cells {
			b.cells[c] = b.cells[c][:0]
		}
	}
	dw := &b.dw
	if dw.b == nil {
		dw.b = new(batch)
	}
	dw.b.truths = dw.b.truths[:0]
	// the record kinds of the JSONL writer drive the same planting rules
	js := Spec{Object: spec.Object, PlantRate: spec.PlantRate, InfoTypes: spec.InfoTypes, Clean: spec.Clean}
	dw.spec, dw.g, dw.rows = js, New(batchSeed(spec.Seed, i)), 0
	dw.record = i * colBatchRows
	types := spec.InfoTypes
	if spec.Shape == TabularShape {
		var notes []string
		for _, t := range types {
			if csvColumnType(t) == "" {
				notes = append(notes, t)
			}
		}
		types = notes
	}
	dw.pick = newPicker(dw.g, types, modeProse)
	for range n {
		b.id = append(b.id, dw.record)
		switch spec.Shape {
		case ChatShape:
			b.chatRow()
		case ProseShape:
			b.proseRow()
		case TabularShape:
			b.tabularRow()
		}
		dw.record++
		dw.rows++
	}
	b.truths = append(b.truths, dw.b.truths...)
}

func (b *colRows) chatRow() {
	dw := &b.dw
	g := dw.g
	system := g.intn(10) < 7
	n := 2 * g.between(1, 3)
	if system {
		n++
	}
	t, target := dw.plant(), -1
	if t != "" {
		target = g.intn(n)
	}
	for i := range n {
		role := "user"
		switch {
		case system && i == 0:
			role = "system"
		case (i-btoi(system))%2 == 1:
			role = "assistant"
		}
		if role == "system" && i != target {
			dw.text = append(dw.text[:0], pick(g, systemPrompts)...)
			dw.spans = dw.spans[:0]
		} else {
			first := ""
			if i == target {
				first = t
			}
			dw.plantedText(g.between(60, 500), first, modeProse, styleQuotes|styleNewlines)
		}
		b.role = append(b.role, role)
		b.content = append(b.content, string(dw.text))
		if len(dw.spans) > 0 {
			dw.emit("messages["+strconv.Itoa(i)+"].content", 0, dw.text, dw.spans)
		}
	}
	b.msgEnd = append(b.msgEnd, len(b.role))
}

func (b *colRows) proseRow() {
	dw := &b.dw
	g := dw.g
	t := dw.plant()
	email := ""
	if t == classify.EmailAddress && g.intn(3) == 0 {
		email, t = g.Value(t).Text, ""
	}
	dw.plantedText(g.between(150, 1200), t, modeProse, styleQuotes|styleNewlines)
	b.text = append(b.text, string(dw.text))
	b.source = append(b.source, pick(g, sources))
	b.email = append(b.email, email)
	dw.emit("text", 0, dw.text, dw.spans)
	if email != "" {
		dw.emit("meta.author_email", 0, []byte(email), []Span{{InfoType: classify.EmailAddress, Length: len(email)}})
	}
}

func (b *colRows) tabularRow() {
	dw := &b.dw
	g := dw.g
	for c, col := range tabularColumns {
		var cell string
		switch col {
		case "name":
			// as the CSV kind fills its name column
			var planted bool
			cell, planted = g.nameCell(dw.planting(classify.PersonName) && !dw.spec.Clean)
			if planted {
				dw.emit(col, 0, []byte(cell), []Span{{InfoType: classify.PersonName, Length: len(cell)}})
			}
		case "notes":
			dw.plantedText(g.between(30, 300), dw.plant(), modeProse, styleQuotes|styleNewlines)
			cell = string(dw.text)
			dw.emit(col, 0, dw.text, dw.spans)
		default:
			t := columnType[col]
			if dw.planting(t) && g.chance(dw.spec.PlantRate) {
				cell = g.Value(t).Text
				dw.emit(col, 0, []byte(cell), []Span{{InfoType: t, Length: len(cell)}})
			} else {
				cell = pick(g, placeholders)
			}
		}
		b.cells[c] = append(b.cells[c], cell)
	}
}

// produce makes the batches of spec on up to eight cores and hands them to
// consume in order; memory is two batches per core whatever the size.
func produce(spec *ColumnarSpec, consume func(*colRows) error) error {
	nb := (int64(spec.Rows) + colBatchRows - 1) / colBatchRows
	workers := int64(min(runtime.GOMAXPROCS(0), 8))
	if nb <= 1 {
		workers = 1
	}
	if workers == 1 {
		var b colRows
		for i := range nb {
			b.make(spec, i)
			if err := consume(&b); err != nil {
				return err
			}
		}
		return nil
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	outs := make([]chan *colRows, workers)
	free := make([]chan *colRows, workers)
	for k := range workers {
		outs[k], free[k] = make(chan *colRows, 1), make(chan *colRows, 2)
		free[k] <- new(colRows)
		free[k] <- new(colRows)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < nb; i += workers {
				var b *colRows
				select {
				case b = <-free[k]:
				case <-done:
					return
				}
				b.make(spec, i)
				select {
				case outs[k] <- b:
				case <-done:
					return
				}
			}
		}()
	}
	defer wg.Wait()
	defer close(done)
	for i := range nb {
		b := <-outs[i%workers]
		if err := consume(b); err != nil {
			return err
		}
		free[i%workers] <- b
	}
	return nil
}

// WriteColumnar writes the columnar object spec describes to w and reports
// each planted value to onTruth (which may be nil), in row order. The same
// spec writes the same rows and truth on any platform and core count.
func WriteColumnar(w io.Writer, spec ColumnarSpec, onTruth func(Truth)) (Stats, error) {
	if err := spec.defaults(); err != nil {
		return Stats{}, err
	}
	var st Stats
	var sink colSink
	var err error
	switch spec.Layout {
	case ParquetFile:
		sink, err = newParquetSink(w, &spec)
	case ArrowFile, ArrowStream:
		sink, err = newArrowSink(w, &spec)
	default:
		err = fmt.Errorf("synth: unknown columnar layout %q", spec.Layout)
	}
	if err != nil {
		return st, err
	}
	err = produce(&spec, func(b *colRows) error {
		if err := sink.add(b); err != nil {
			return err
		}
		for _, t := range b.truths {
			t.Row += st.Rows
			if onTruth != nil {
				onTruth(t)
			}
		}
		st.Rows += int64(b.n)
		st.Records += int64(b.n)
		st.Truths += int64(len(b.truths))
		for _, s := range b.content {
			st.Bytes += int64(len(s))
		}
		for _, s := range b.text {
			st.Bytes += int64(len(s))
		}
		for _, c := range b.cells {
			for _, s := range c {
				st.Bytes += int64(len(s))
			}
		}
		return nil
	})
	return st, errors.Join(err, sink.close())
}

// colSink takes batches of rows and writes them in a format.
type colSink interface {
	add(*colRows) error
	close() error
}

type pqChatMsg struct {
	Role    string `parquet:"role,dict"`
	Content string `parquet:"content"`
}

type pqChatRow struct {
	ID       int64       `parquet:"id"`
	Messages []pqChatMsg `parquet:"messages,list"`
}

type pqProseMeta struct {
	Source      string  `parquet:"source,dict"`
	AuthorEmail *string `parquet:"author_email,optional"`
}

type pqProseRow struct {
	ID   int64       `parquet:"id"`
	Text string      `parquet:"text"`
	Meta pqProseMeta `parquet:"meta"`
}

type pqTabularRow struct {
	ID       int64   `parquet:"id"`
	Name     *string `parquet:"name,optional"`
	Email    *string `parquet:"email,optional"`
	Phone    *string `parquet:"phone,optional"`
	Card     *string `parquet:"card,optional"`
	IBAN     *string `parquet:"iban,optional"`
	SSN      *string `parquet:"ssn,optional"`
	IP       *string `parquet:"ip,optional"`
	Password *string `parquet:"password,optional"`
	Notes    *string `parquet:"notes,optional"`
}

type parquetSink struct {
	shape Shape
	chat  *parquet.GenericWriter[pqChatRow]
	prose *parquet.GenericWriter[pqProseRow]
	tab   *parquet.GenericWriter[pqTabularRow]
	crows []pqChatRow
	msgs  []pqChatMsg
	prows []pqProseRow
	trows []pqTabularRow
}

func parquetCodec(name string) (compress.Codec, error) {
	switch name {
	case "", "snappy":
		return &parquet.Snappy, nil
	case "gzip":
		return &parquet.Gzip, nil
	case "zstd":
		return &parquet.Zstd, nil
	case "lz4":
		return &parquet.Lz4Raw, nil
	case "brotli":
		return &parquet.Brotli, nil
	case "none":
		return &parquet.Uncompressed, nil
	}
	return nil, fmt.Errorf("synth: unknown Parquet compression %q", name)
}

func newParquetSink(w io.Writer, spec *ColumnarSpec) (*parquetSink, error) {
	codec, err := parquetCodec(spec.Compression)
	if err != nil {
		return nil, err
	}
	opts := []parquet.WriterOption{
		parquet.Compression(codec),
		parquet.MaxRowsPerRowGroup(int64(spec.RowGroupRows)),
		parquet.DataPageVersion(spec.PageVersion),
		parquet.PageBufferSize(256 << 10),
		parquet.CreatedBy("residue-synth", "1", ""),
	}
	s := &parquetSink{shape: spec.Shape}
	switch spec.Shape {
	case ChatShape:
		s.chat = parquet.NewGenericWriter[pqChatRow](w, opts...)
	case ProseShape:
		s.prose = parquet.NewGenericWriter[pqProseRow](w, opts...)
	case TabularShape:
		s.tab = parquet.NewGenericWriter[pqTabularRow](w, opts...)
	}
	return s, nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *parquetSink) add(b *colRows) error {
	var err error
	switch s.shape {
	case ChatShape:
		s.crows, s.msgs = s.crows[:0], s.msgs[:0]
		for i := range b.role {
			s.msgs = append(s.msgs, pqChatMsg{Role: b.role[i], Content: b.content[i]})
		}
		start := 0
		for r := range b.n {
			end := b.msgEnd[r]
			s.crows = append(s.crows, pqChatRow{ID: b.id[r], Messages: s.msgs[start:end:end]})
			start = end
		}
		_, err = s.chat.Write(s.crows)
	case ProseShape:
		s.prows = s.prows[:0]
		for r := range b.n {
			s.prows = append(s.prows, pqProseRow{ID: b.id[r], Text: b.text[r], Meta: pqProseMeta{Source: b.source[r], AuthorEmail: nullable(b.email[r])}})
		}
		_, err = s.prose.Write(s.prows)
	case TabularShape:
		s.trows = s.trows[:0]
		for r := range b.n {
			c := func(name string) *string { return nullable(b.cells[tabularIndex[name]][r]) }
			s.trows = append(s.trows, pqTabularRow{
				ID: b.id[r], Name: c("name"), Email: c("email"), Phone: c("phone"), Card: c("card"),
				IBAN: c("iban"), SSN: c("ssn"), IP: c("ip"), Password: c("password"), Notes: c("notes"),
			})
		}
		_, err = s.tab.Write(s.trows)
	}
	return err
}

var tabularIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range tabularColumns {
		m[c] = i
	}
	return m
}()

func (s *parquetSink) close() error {
	switch s.shape {
	case ChatShape:
		return s.chat.Close()
	case ProseShape:
		return s.prose.Close()
	}
	return s.tab.Close()
}

// ArrowSchema is the Arrow schema of a shape, as Hugging Face datasets
// stores it.
func ArrowSchema(shape Shape) *arrow.Schema {
	str := arrow.BinaryTypes.String
	switch shape {
	case ChatShape:
		return arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "messages", Type: arrow.ListOf(arrow.StructOf(
				arrow.Field{Name: "role", Type: str, Nullable: true},
				arrow.Field{Name: "content", Type: str, Nullable: true},
			)), Nullable: true},
		}, nil)
	case ProseShape:
		return arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "text", Type: str, Nullable: true},
			{Name: "meta", Type: arrow.StructOf(
				arrow.Field{Name: "source", Type: str, Nullable: true},
				arrow.Field{Name: "author_email", Type: str, Nullable: true},
			), Nullable: true},
		}, nil)
	}
	fields := []arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64}}
	for _, c := range tabularColumns {
		fields = append(fields, arrow.Field{Name: c, Type: str, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

type arrowSink struct {
	spec    *ColumnarSpec
	schema  *arrow.Schema
	b       *array.RecordBuilder
	pending int
	w       interface {
		Write(arrow.RecordBatch) error
		Close() error
	}
}

func newArrowSink(w io.Writer, spec *ColumnarSpec) (*arrowSink, error) {
	s := &arrowSink{spec: spec, schema: ArrowSchema(spec.Shape)}
	opts := []ipc.Option{ipc.WithSchema(s.schema)}
	switch spec.Compression {
	case "", "none":
	case "lz4":
		opts = append(opts, ipc.WithLZ4())
	case "zstd":
		opts = append(opts, ipc.WithZstd())
	default:
		return nil, fmt.Errorf("synth: unknown Arrow compression %q", spec.Compression)
	}
	if spec.Layout == ArrowFile {
		fw, err := ipc.NewFileWriter(w, opts...)
		if err != nil {
			return nil, err
		}
		s.w = fw
	} else {
		s.w = ipc.NewWriter(w, opts...)
	}
	s.b = array.NewRecordBuilder(memory.DefaultAllocator, s.schema)
	return s, nil
}

func appendStr(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
	} else {
		b.Append(s)
	}
}

func (s *arrowSink) add(b *colRows) error {
	for r := 0; r < b.n; r++ {
		s.b.Field(0).(*array.Int64Builder).Append(b.id[r])
		switch s.spec.Shape {
		case ChatShape:
			lb := s.b.Field(1).(*array.ListBuilder)
			sb := lb.ValueBuilder().(*array.StructBuilder)
			role, content := sb.FieldBuilder(0).(*array.StringBuilder), sb.FieldBuilder(1).(*array.StringBuilder)
			lb.Append(true)
			start := 0
			if r > 0 {
				start = b.msgEnd[r-1]
			}
			for m := start; m < b.msgEnd[r]; m++ {
				sb.Append(true)
				role.Append(b.role[m])
				appendStr(content, b.content[m])
			}
		case ProseShape:
			appendStr(s.b.Field(1).(*array.StringBuilder), b.text[r])
			mb := s.b.Field(2).(*array.StructBuilder)
			mb.Append(true)
			appendStr(mb.FieldBuilder(0).(*array.StringBuilder), b.source[r])
			appendStr(mb.FieldBuilder(1).(*array.StringBuilder), b.email[r])
		case TabularShape:
			for c := range tabularColumns {
				appendStr(s.b.Field(1+c).(*array.StringBuilder), b.cells[c][r])
			}
		}
		s.pending++
		if s.pending == s.spec.RowGroupRows {
			if err := s.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *arrowSink) flush() error {
	if s.pending == 0 {
		return nil
	}
	rec := s.b.NewRecordBatch()
	defer rec.Release()
	s.pending = 0
	return s.w.Write(rec)
}

func (s *arrowSink) close() error {
	err := s.flush()
	s.b.Release()
	return errors.Join(err, s.w.Close())
}
