package format

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The Arrow IPC reader. Both layouts are a sequence of messages (a schema,
// dictionary batches, record batches), each an 8-byte prefix (0xFFFFFFFF
// and the metadata length; before Arrow 0.15 the length alone), FlatBuffers
// metadata and a body. The file format (.arrow, .feather v2) wraps them in
// "ARROW1" magic and ends with a footer of block offsets; the stream format
// (what Hugging Face datasets writes as data-00000-of-00001.arrow) is the
// bare sequence, so Open scans it once, reading message metadata only, to
// find each record batch and its row count. A unit is one record batch.

const (
	// ipcMetaGuess is read at each message: the prefix and, nearly always,
	// the whole metadata, so the scan costs one ranged read per batch.
	ipcMetaGuess = 1 << 10
	// ipcMaxMeta caps one message's metadata (a schema of very many
	// columns, or with large metadata, is the largest).
	ipcMaxMeta = 64 << 20
	// ipcMaxBody caps one record batch body: a unit is read whole.
	ipcMaxBody = 2 << 30
	// ipcMaxMessages caps the messages of one object.
	ipcMaxMessages = 1 << 22
)

var arrowMagic = []byte("ARROW1")

// ipcMsg locates one message in the object.
type ipcMsg struct {
	off     int64 // first byte of the prefix
	meta    int64 // first byte of the metadata
	metaLen int64
	h       ipcHeader
}

func (m ipcMsg) body() int64 { return m.meta + m.metaLen }
func (m ipcMsg) end() int64  { return m.body() + m.h.bodyLen }

// ipcDict is a dictionary batch and the number of record batches before it.
type ipcDict struct {
	msg    ipcMsg
	before int
}

type arrowReader struct {
	ra      io.ReaderAt
	size    int64
	opts    Options
	file    bool
	schema  *arrow.Schema
	schemaM ipcMsg
	dicts   []ipcDict
	batches []ipcMsg
	base    []int64
	units   []Unit
	cutErr  error // the stream ends inside a message: the last unit's error
	cols    []arrowCol
	scanned []string
	skipped []string
}

var _ ColumnReader = (*arrowReader)(nil)

type arrowCol struct {
	path string
	read bool
}

// isArrowStream reports whether head starts with an IPC stream's first
// message (continuation marker, then a schema), reading the rest of the
// metadata from ra when head is too short.
func isArrowStream(ra io.ReaderAt, size int64, head []byte, legacyOK bool) bool {
	m, err := readIPCMessage(ra, size, 0, head)
	if err != nil || m.h.typ != ipcSchema {
		return false
	}
	return legacyOK || m.meta == 8
}

// readIPCMessage reads the prefix and metadata of the message at off. buf,
// if it holds the bytes from off, saves a read. A message whose metadata
// is cut by the end of the object is io.ErrUnexpectedEOF; the end of
// stream marker is io.EOF.
func readIPCMessage(ra io.ReaderAt, size, off int64, buf []byte) (ipcMsg, error) {
	if off+4 > size {
		if off == size {
			return ipcMsg{}, io.EOF
		}
		return ipcMsg{}, io.ErrUnexpectedEOF
	}
	if len(buf) < 8 {
		n := min(size-off, ipcMetaGuess+8)
		buf = make([]byte, n)
		if err := readFull(ra, buf, off); err != nil {
			return ipcMsg{}, err
		}
	}
	m := ipcMsg{off: off}
	c := binary.LittleEndian.Uint32(buf)
	var ml int64
	switch {
	case c == 0xFFFFFFFF && len(buf) >= 8:
		ml = int64(int32(binary.LittleEndian.Uint32(buf[4:])))
		m.meta = off + 8
	case c == 0xFFFFFFFF:
		return ipcMsg{}, io.ErrUnexpectedEOF
	default:
		ml = int64(int32(c))
		m.meta = off + 4
	}
	if ml == 0 {
		return ipcMsg{}, io.EOF
	}
	if ml < 0 || ml > ipcMaxMeta {
		return ipcMsg{}, fmt.Errorf("message metadata of %d bytes", ml)
	}
	if ml > size-m.meta {
		return ipcMsg{}, io.ErrUnexpectedEOF
	}
	m.metaLen = ml
	meta := buf[min(m.meta-off, int64(len(buf))):]
	if int64(len(meta)) >= ml {
		meta = meta[:ml]
	} else {
		meta = make([]byte, ml)
		if err := readFull(ra, meta, m.meta); err != nil {
			return ipcMsg{}, err
		}
	}
	h, ok := parseMessage(meta)
	if !ok {
		return ipcMsg{}, errors.New("corrupt message metadata")
	}
	m.h = h
	return m, nil
}

func openArrow(ra io.ReaderAt, size int64, head []byte, opts Options) (*arrowReader, error) {
	r := &arrowReader{ra: ra, size: size, opts: opts, file: bytes.HasPrefix(head, arrowMagic)}
	start := int64(0)
	if r.file {
		start = 8
	}
	var buf []byte
	if !r.file {
		buf = head
	}
	sm, err := readIPCMessage(ra, size, start, buf)
	if err != nil || sm.h.typ != ipcSchema {
		if err == nil {
			err = errors.New("first message is not a schema")
		}
		return nil, fmt.Errorf("arrow: schema at byte %d: %w", start, err)
	}
	if sm.end() > size {
		return nil, fmt.Errorf("arrow: schema at byte %d: %w", start, io.ErrUnexpectedEOF)
	}
	r.schemaM = sm
	if err := r.readSchema(); err != nil {
		return nil, err
	}
	if !r.file || !r.readFooter() {
		r.scan(sm.end())
	}
	var rows int64
	for i, b := range r.batches {
		r.base = append(r.base, rows)
		r.units = append(r.units, Unit{Index: i, Offset: b.off, Length: b.end() - b.off, Rows: b.h.rows})
		if b.h.rows > 1<<53-rows {
			return nil, fmt.Errorf("arrow: record batch %d claims %d rows", i, b.h.rows)
		}
		rows += b.h.rows
	}
	return r, nil
}

// readFooter reads the file format's footer; false means it is missing or
// unusable and the messages are to be found by scanning.
func (r *arrowReader) readFooter() bool {
	if r.size < 8+10 {
		return false
	}
	var tail [10]byte
	if readFull(r.ra, tail[:], r.size-10) != nil || !bytes.Equal(tail[4:], arrowMagic) {
		return false
	}
	flen := int64(int32(binary.LittleEndian.Uint32(tail[:4])))
	fstart := r.size - 10 - flen
	if flen <= 0 || flen > ipcMaxMeta || fstart < 8 {
		return false
	}
	fb := make([]byte, flen)
	if readFull(r.ra, fb, fstart) != nil {
		return false
	}
	dicts, batches, ok := parseFooter(fb)
	if !ok || len(dicts)+len(batches) > ipcMaxMessages {
		return false
	}
	read := func(b ipcBlock) (ipcMsg, bool) {
		if b.off < 8 || b.metaLen < 8 || b.bodyLen < 0 || b.off > fstart || int64(b.metaLen) > fstart-b.off || b.bodyLen > fstart-b.off-int64(b.metaLen) {
			return ipcMsg{}, false
		}
		m, err := readIPCMessage(r.ra, fstart, b.off, nil)
		if err != nil || m.body() > b.off+int64(b.metaLen) || m.h.bodyLen != b.bodyLen {
			return ipcMsg{}, false
		}
		m.metaLen = b.off + int64(b.metaLen) - m.meta // the block's length includes padding
		return m, true
	}
	for _, b := range dicts {
		m, ok := read(b)
		if !ok || m.h.typ != ipcDictionaryBatch {
			return false
		}
		r.dicts = append(r.dicts, ipcDict{msg: m})
	}
	for _, b := range batches {
		m, ok := read(b)
		if !ok || m.h.typ != ipcRecordBatch {
			r.dicts = nil
			r.batches = nil
			return false
		}
		r.batches = append(r.batches, m)
	}
	return true
}

// scan finds the messages of a stream from pos on. A message cut by the
// end of the object, or unreadable, ends the scan: the batches before it
// are units, and a last unit stands for the rest and reads as the error.
func (r *arrowReader) scan(pos int64) {
	for len(r.batches)+len(r.dicts) < ipcMaxMessages {
		m, err := readIPCMessage(r.ra, r.size, pos, nil)
		if err == io.EOF {
			return
		}
		if err == nil && m.end() > r.size {
			err = fmt.Errorf("body of %d bytes: %w", m.h.bodyLen, io.ErrUnexpectedEOF)
		}
		if err == nil && m.h.typ == ipcSchema {
			err = errors.New("a second schema")
		}
		if err == nil && m.h.bodyLen > ipcMaxBody {
			err = fmt.Errorf("body of %d MiB over the %d MiB limit", m.h.bodyLen>>20, ipcMaxBody>>20)
		}
		if err != nil {
			what := "stream"
			if r.file {
				what = "file (no usable footer)"
			}
			r.cutErr = fmt.Errorf("arrow %s: record batch %d, message at byte %d: %w", what, len(r.batches), pos, err)
			rows := int64(0)
			if m.h.typ == ipcRecordBatch {
				rows = m.h.rows
			}
			r.batches = append(r.batches, ipcMsg{off: pos, meta: pos, h: ipcHeader{typ: ipcRecordBatch, rows: rows, bodyLen: r.size - pos}})
			return
		}
		switch m.h.typ {
		case ipcDictionaryBatch:
			r.dicts = append(r.dicts, ipcDict{msg: m, before: len(r.batches)})
		case ipcRecordBatch:
			r.batches = append(r.batches, m)
		}
		pos = m.end()
	}
}

func (r *arrowReader) readSchema() error {
	src := &ipcSource{r: r, msgs: []ipcMsg{r.schemaM}}
	var rd *ipc.Reader
	err := catch(func() error {
		var err error
		rd, err = ipc.NewReaderFromMessageReader(src)
		return err
	})
	if err != nil {
		return fmt.Errorf("arrow: schema: %w", err)
	}
	r.schema = rd.Schema()
	rd.Release()
	for _, f := range r.schema.Fields() {
		c := arrowCol{path: string(appendMember(nil, f.Name))}
		var leaves []string
		arrowLeaves(f.Type, f.Name, &leaves, &r.skipped, 0)
		c.read = len(leaves) > 0
		r.scanned = append(r.scanned, leaves...)
		r.cols = append(r.cols, c)
	}
	return nil
}

// arrowLeaves lists the leaves of a type that Read scans and skips.
func arrowLeaves(dt arrow.DataType, name string, scanned, skipped *[]string, depth int) {
	if depth > 64 {
		*skipped = append(*skipped, name)
		return
	}
	switch t := dt.(type) {
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType,
		*arrow.BinaryType, *arrow.LargeBinaryType, *arrow.BinaryViewType,
		*arrow.Int32Type, *arrow.Int64Type, *arrow.Uint32Type, *arrow.Uint64Type:
		*scanned = append(*scanned, name)
	case *arrow.MapType:
		arrowLeaves(t.ItemType(), name+".value", scanned, skipped, depth+1)
	case arrow.ListLikeType:
		arrowLeaves(t.Elem(), name+".element", scanned, skipped, depth+1)
	case *arrow.StructType:
		for _, f := range t.Fields() {
			arrowLeaves(f.Type, name+"."+f.Name, scanned, skipped, depth+1)
		}
	case *arrow.DictionaryType:
		arrowLeaves(t.ValueType, name, scanned, skipped, depth+1)
	case arrow.ExtensionType:
		arrowLeaves(t.StorageType(), name, scanned, skipped, depth+1)
	default:
		*skipped = append(*skipped, name)
	}
}

func (r *arrowReader) Kind() Kind               { return Arrow }
func (r *arrowReader) Compression() Compression { return None }
func (r *arrowReader) Units() []Unit            { return slices.Clone(r.units) }

// Columns implements ColumnReader.
func (r *arrowReader) Columns() (scanned, skipped []string) {
	return slices.Clone(r.scanned), slices.Clone(r.skipped)
}

// ipcSource gives arrow-go's IPC reader the messages of one read: the
// schema, the dictionary batches a record batch needs, and the batch.
type ipcSource struct {
	r     *arrowReader
	msgs  []ipcMsg
	next  int
	body  []byte // reused for the record batch
	bytes int64
}

func (s *ipcSource) Retain()  {}
func (s *ipcSource) Release() {}

func (s *ipcSource) Message() (*ipc.Message, error) {
	if s.next >= len(s.msgs) {
		return nil, io.EOF
	}
	m := s.msgs[s.next]
	s.next++
	if m.h.bodyLen > ipcMaxBody {
		return nil, fmt.Errorf("body of %d MiB over the %d MiB limit", m.h.bodyLen>>20, ipcMaxBody>>20)
	}
	meta := make([]byte, m.metaLen)
	if err := readFull(s.r.ra, meta, m.meta); err != nil {
		return nil, err
	}
	var body []byte
	if m.h.typ == ipcRecordBatch && s.next == len(s.msgs) {
		if int64(cap(s.body)) < m.h.bodyLen {
			s.body = make([]byte, m.h.bodyLen)
		}
		body = s.body[:m.h.bodyLen]
	} else {
		body = make([]byte, m.h.bodyLen)
	}
	if err := readFull(s.r.ra, body, m.body()); err != nil {
		return nil, err
	}
	s.bytes += int64(len(body))
	return ipc.NewMessage(memory.NewBufferBytes(meta), memory.NewBufferBytes(body)), nil
}

// limitAllocator is the memory arrow-go decompresses compressed buffers
// into; it refuses to hand out more than a batch's body times MaxRatio, so
// a few bytes claiming gigabytes fail instead of allocating them.
type limitAllocator struct {
	limit, used int64
	tripped     bool
}

type errAlloc struct{}

func (a *limitAllocator) take(n int) {
	a.used += int64(n)
	if n < 0 || a.used > a.limit {
		a.tripped = true
		panic(errAlloc{})
	}
}

func (a *limitAllocator) Allocate(size int) []byte {
	a.take(size)
	return memory.DefaultAllocator.Allocate(size)
}

func (a *limitAllocator) Reallocate(size int, b []byte) []byte {
	a.take(size - len(b))
	return memory.DefaultAllocator.Reallocate(size, b)
}

func (a *limitAllocator) Free(b []byte) {
	a.used -= int64(len(b))
	memory.DefaultAllocator.Free(b)
}

// catch runs f, turning a panic into an error. Panics carry no cell
// contents into the error: only runtime errors (indexes and lengths) are
// quoted.
func catch(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError(p)
		}
	}()
	return f()
}

func panicError(p any) error {
	switch e := p.(type) {
	case runtime.Error:
		return fmt.Errorf("corrupt data (%v)", e)
	case errAlloc:
		return errors.New("corrupt data: buffers larger than the batch allows")
	}
	return errors.New("corrupt data")
}

type arrowState struct {
	src   ipcSource
	rec   Record
	arena textArena
	paths pathTable
	path  []byte
	sel   []int64
}

var arrowStates = sync.Pool{New: func() any { return new(arrowState) }}

// Read implements Reader. Rows are counted from the batch's start; Key is
// the row's index in the object.
func (r *arrowReader) Read(ctx context.Context, u int, opts ReadOptions, fn func(*Record) error) (st UnitStats, err error) {
	if u < 0 || u >= len(r.units) {
		return UnitStats{}, fmt.Errorf("read unit %d: out of range (%d units)", u, len(r.units))
	}
	if err := ctx.Err(); err != nil {
		return UnitStats{}, err
	}
	if r.cutErr != nil && u == len(r.units)-1 {
		return UnitStats{}, r.cutErr
	}
	s := arrowStates.Get().(*arrowState)
	defer arrowStates.Put(s)
	nrows, base := r.units[u].Rows, r.base[u]
	sel, all, err := selectRows(s.sel[:0], nrows, base, opts)
	s.sel = sel
	if err != nil {
		return UnitStats{}, fmt.Errorf("arrow record batch %d: %w", u, err)
	}
	count := nrows
	if !all {
		count = int64(len(sel))
	}
	rec := &s.rec
	row := int64(0)
	s.src.bytes = 0

	read := false
	for _, c := range r.cols {
		read = read || c.read
	}
	var batch arrow.RecordBatch
	if read && count > 0 {
		msgs := []ipcMsg{r.schemaM}
		msgs = append(msgs, r.dictsFor(u)...)
		msgs = append(msgs, r.batches[u])
		s.src.r, s.src.msgs, s.src.next, s.src.bytes = r, msgs, 0, 0
		alloc := &limitAllocator{limit: max(ratioFloor, int64(r.opts.MaxRatio)*(r.batches[u].h.bodyLen+1))}
		var rd *ipc.Reader
		err := catch(func() error {
			var err error
			if rd, err = ipc.NewReaderFromMessageReader(&s.src, ipc.WithAllocator(alloc)); err != nil {
				return err
			}
			if !rd.Next() {
				if err := rd.Err(); err != nil {
					return err
				}
				return errors.New("record batch missing")
			}
			batch = rd.RecordBatch()
			return nil
		})
		if alloc.tripped {
			err = &ratioError{limit: r.opts.MaxRatio, out: alloc.used, in: r.batches[u].h.bodyLen}
		}
		if err != nil {
			return UnitStats{Bytes: s.src.bytes}, fmt.Errorf("arrow record batch %d at byte %d: %w", u, r.batches[u].off, err)
		}
		defer rd.Release()
		if batch.NumRows() != nrows || int(batch.NumCols()) != len(r.cols) {
			return UnitStats{Bytes: s.src.bytes}, fmt.Errorf("arrow record batch %d: %d rows and %d columns, metadata says %d and %d", u, batch.NumRows(), batch.NumCols(), nrows, len(r.cols))
		}
	}
	stats := func() UnitStats { return UnitStats{Rows: row, Bytes: s.src.bytes} }
	defer func() {
		if p := recover(); p != nil {
			st, err = stats(), fmt.Errorf("arrow record batch %d: row %d: %w", u, base+row, panicError(p))
		}
	}()
	w := arrowWalker{rec: rec, arena: &s.arena, paths: &s.paths, path: s.path}
	for k := range count {
		row = k
		if !all {
			row = sel[k]
		}
		if k%ctxEvery == ctxEvery-1 {
			if err := ctx.Err(); err != nil {
				return stats(), err
			}
		}
		rec.Row, rec.Lines, rec.Key, rec.Issue = row, 1, base+row, ""
		rec.Fields = rec.Fields[:0]
		s.arena.reset()
		if batch != nil {
			for c, col := range r.cols {
				if !col.read {
					continue
				}
				w.path = append(w.path[:0], col.path...)
				w.value(batch.Column(c), int(row), 0)
			}
		}
		s.arena.fix(rec.Fields)
		if err := fn(rec); err != nil {
			s.path = w.path
			return stats(), err
		}
	}
	s.path = w.path
	return UnitStats{Rows: nrows, Bytes: s.src.bytes}, nil
}

// dictsFor lists the dictionary batches record batch u needs: for each
// dictionary, its last full version before the batch and the deltas
// after that.
func (r *arrowReader) dictsFor(u int) []ipcMsg {
	var out []ipcMsg
	from := map[int64]int{}
	for i, d := range r.dicts {
		if d.before <= u && !d.msg.h.delta {
			from[d.msg.h.dictID] = i
		}
	}
	for i, d := range r.dicts {
		if d.before <= u && i >= from[d.msg.h.dictID] {
			out = append(out, d.msg)
		}
	}
	return out
}

// selectRows lists the rows of a unit of n rows to read, or reports all.
func selectRows(sel []int64, n, base int64, opts ReadOptions) ([]int64, bool, error) {
	if opts.Rows == nil && opts.Keep == nil {
		return sel, true, nil
	}
	if opts.Rows != nil {
		last := int64(-1)
		for _, i := range opts.Rows {
			if i <= last || i >= n {
				return sel, false, fmt.Errorf("row %d not in the unit or out of order", i)
			}
			last = i
			if opts.Keep == nil || opts.Keep(base+i) {
				sel = append(sel, i)
			}
		}
		return sel, false, nil
	}
	for i := range n {
		if opts.Keep(base + i) {
			sel = append(sel, i)
		}
	}
	return sel, int64(len(sel)) == n, nil
}

// arrowWalker gives the string fields of one row, with their paths.
type arrowWalker struct {
	rec   *Record
	arena *textArena
	paths *pathTable
	path  []byte
}

func (w *arrowWalker) emit(text []byte) {
	if len(text) == 0 {
		return
	}
	if len(w.rec.Fields) >= maxFields {
		w.rec.Issue = fmt.Sprintf("too many fields: over %d, rest not read", maxFields)
		return
	}
	w.rec.Fields = append(w.rec.Fields, Field{Path: w.paths.intern(w.path), Text: text})
}

func (w *arrowWalker) emitInt(v int64, unsigned bool) {
	if !longInt(v, unsigned) || len(w.rec.Fields) >= maxFields {
		return
	}
	w.rec.Fields = append(w.rec.Fields, Field{Path: w.paths.intern(w.path)})
	w.arena.addInt(len(w.rec.Fields)-1, v, unsigned)
}

func strBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// value emits the strings of element i of arr at the current path.
func (w *arrowWalker) value(arr arrow.Array, i int, depth int) {
	if arr.IsNull(i) || depth > 64 {
		return
	}
	switch a := arr.(type) {
	case *array.String:
		w.emit(strBytes(a.Value(i)))
	case *array.LargeString:
		w.emit(strBytes(a.Value(i)))
	case *array.StringView:
		w.emit(strBytes(a.Value(i)))
	case *array.Binary:
		w.emit(a.Value(i))
	case *array.LargeBinary:
		w.emit(a.Value(i))
	case *array.BinaryView:
		w.emit(a.Value(i))
	case *array.Int64:
		w.emitInt(a.Value(i), false)
	case *array.Int32:
		w.emitInt(int64(a.Value(i)), false)
	case *array.Uint64:
		w.emitInt(int64(a.Value(i)), true)
	case *array.Uint32:
		w.emitInt(int64(a.Value(i)), true)
	case *array.Map:
		start, end := a.ValueOffsets(i)
		keys, items := a.Keys(), a.Items()
		plen := len(w.path)
		for j := start; j < end; j++ {
			w.path = appendMapKey(w.path[:plen], keys, int(j), w.arena)
			w.value(items, int(j), depth+1)
		}
		w.path = w.path[:plen]
	case array.ListLike:
		start, end := a.ValueOffsets(i)
		child := a.ListValues()
		plen := len(w.path)
		for j := start; j < end; j++ {
			w.path = appendIndex(w.path[:plen], j-start)
			w.value(child, int(j), depth+1)
		}
		w.path = w.path[:plen]
	case *array.Struct:
		st := a.DataType().(*arrow.StructType)
		plen := len(w.path)
		for f := range a.NumField() {
			w.path = appendMember(w.path[:plen], st.Field(f).Name)
			w.value(a.Field(f), i, depth+1)
		}
		w.path = w.path[:plen]
	case *array.Dictionary:
		w.value(a.Dictionary(), a.GetValueIndex(i), depth+1)
	case array.ExtensionArray:
		w.value(a.Storage(), i, depth+1)
	}
}

// appendMapKey appends ["key"] for entry j of a map's keys.
func appendMapKey(p []byte, keys arrow.Array, j int, scratch *textArena) []byte {
	if keys.IsNull(j) {
		return append(p, "[?]"...)
	}
	switch k := keys.(type) {
	case *array.String:
		return appendQuoted(p, k.Value(j))
	case *array.LargeString:
		return appendQuoted(p, k.Value(j))
	case *array.StringView:
		return appendQuoted(p, k.Value(j))
	case *array.Binary:
		return appendQuoted(p, k.Value(j))
	case *array.LargeBinary:
		return appendQuoted(p, k.Value(j))
	case *array.Dictionary:
		return appendMapKey(p, k.Dictionary(), k.GetValueIndex(j), scratch)
	}
	// Other keys are written as arrow-go prints them: numbers as digits.
	return appendQuoted(p, keys.ValueStr(j))
}
