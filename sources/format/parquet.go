package format

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go/deprecated"
	pqformat "github.com/parquet-go/parquet-go/format"
)

// NoStringColumns is the note for a Parquet or Arrow object none of whose
// columns can hold text (numbers, booleans, timestamps, embeddings only):
// Open succeeds, its units have their row counts, and Read gives every row
// as a record without fields, reading no column data. Readers of both
// formats implement ColumnReader, through which a runner can tell such an
// object and report it with this note.
const NoStringColumns = "no string columns"

// ColumnReader is implemented by the Parquet and Arrow readers.
type ColumnReader interface {
	Reader
	// Columns lists the leaf columns Read scans (strings, binaries, and
	// integers, whose values of 7 or more digits are given as text) and
	// those it skips (other types), by schema path. No scanned column
	// means NoStringColumns.
	Columns() (scanned, skipped []string)
}

const (
	// pqMaxFooter caps the Parquet footer. Footers grow with row groups
	// times columns; 64 MiB is thousands of row groups of hundreds of
	// columns.
	pqMaxFooter = 64 << 20
	// pqMaxSchema bounds schema elements and nesting.
	pqMaxSchema = 1 << 16
	pqMaxDepth  = 64
)

// pqReader reads a Parquet file. It is immutable after Open; each Read
// takes its own state.
type pqReader struct {
	ra      io.ReaderAt
	size    int64
	opts    Options
	meta    pqformat.FileMetaData
	leaves  []*pqLeaf // leaves read, in schema order
	nmaps   int
	sorted  bool // fields of several list columns are put in document order
	wide    bool // some field's order key has more numbers than a packed key holds
	units   []Unit
	base    []int64 // rows before each row group
	scanned []string
	skipped []string
}

var _ ColumnReader = (*pqReader)(nil)

// pqLeaf is a leaf column that Read reads: a value column (string, binary
// or integer) or the key column of a map whose values are read.
type pqLeaf struct {
	col      int    // index among the schema's leaves and a row group's chunks
	name     string // schema path, for errors
	physical pqformat.Type
	isInt    bool
	unsigned bool
	maxDef   int
	maxRep   int
	segs     []pathSeg
	fixed    string // the path when segs hold no index or key
	mapKey   int    // for a key column, the map it keys; else -1
	emit     bool   // value column: gives fields
}

// pathSeg is a piece of a field path: text, the list index at a
// repetition level, or the key of a map entry at a repetition level.
type pathSeg struct {
	lit   string
	rank  int32 // lit: the member's place among its parent's, for ordering
	level int   // 1-based repetition level, or 0 for lit
	mapID int   // -1 for a list index
}

type pqNode struct {
	el       *pqformat.SchemaElement
	children []*pqNode
	leaf     int
}

func (n *pqNode) repetition() pqformat.FieldRepetitionType {
	if n.el.RepetitionType.Valid {
		return n.el.RepetitionType.V
	}
	return pqformat.Required
}

func (n *pqNode) converted(t deprecated.ConvertedType) bool {
	return n.el.ConvertedType.Valid && n.el.ConvertedType.V == t
}

func (n *pqNode) isList() bool {
	_, ok := n.el.LogicalType.Value.(*pqformat.ListType)
	return ok || n.converted(deprecated.List)
}

func (n *pqNode) isMap() bool {
	_, ok := n.el.LogicalType.Value.(*pqformat.MapType)
	return ok || n.converted(deprecated.Map) || n.converted(deprecated.MapKeyValue)
}

// openParquet opens the Parquet file in ra. Only the footer is read.
func openParquet(ra io.ReaderAt, size int64, opts Options) (*pqReader, error) {
	if size < 12 {
		return nil, fmt.Errorf("parquet: file of %d bytes is too small", size)
	}
	var tail [8]byte
	if err := readFull(ra, tail[:], size-8); err != nil {
		return nil, fmt.Errorf("parquet: read footer: %w", err)
	}
	switch string(tail[4:]) {
	case "PAR1":
	case "PARE":
		return nil, unsupported("parquet (encrypted footer, not supported)")
	default:
		return nil, errors.New("parquet: no PAR1 magic at the end: truncated or not parquet")
	}
	flen := int64(binary.LittleEndian.Uint32(tail[:4]))
	if flen > size-12 {
		return nil, fmt.Errorf("parquet: footer of %d bytes is longer than the file: truncated", flen)
	}
	if flen > pqMaxFooter {
		return nil, fmt.Errorf("parquet: footer of %d MiB over the %d MiB limit", flen>>20, pqMaxFooter>>20)
	}
	footer := make([]byte, flen)
	if err := readFull(ra, footer, size-8-flen); err != nil {
		return nil, fmt.Errorf("parquet: read footer: %w", err)
	}
	r := &pqReader{ra: ra, size: size, opts: opts}
	if _, err := thriftDecode(footer, &r.meta, max(4*pqMaxFooter, 32*flen)); err != nil {
		return nil, fmt.Errorf("parquet: corrupt footer: %w", err)
	}
	if err := r.buildSchema(); err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	if err := r.buildUnits(); err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	return r, nil
}

func (r *pqReader) buildSchema() error {
	els := r.meta.Schema
	if len(els) == 0 {
		return errors.New("footer without a schema")
	}
	if len(els) > pqMaxSchema {
		return fmt.Errorf("schema of %d elements over the limit", len(els))
	}
	pos, nleaves := 0, 0
	var build func(depth int) (*pqNode, error)
	build = func(depth int) (*pqNode, error) {
		if depth > pqMaxDepth {
			return nil, errors.New("schema nested too deep")
		}
		if pos >= len(els) {
			return nil, errors.New("schema shorter than its child counts")
		}
		n := &pqNode{el: &els[pos], leaf: -1}
		pos++
		kids := 0
		if n.el.NumChildren.Valid {
			kids = int(n.el.NumChildren.V)
		}
		if kids < 0 || kids > len(els)-pos {
			return nil, errors.New("schema child count past its end")
		}
		if kids == 0 && depth > 0 {
			if !n.el.Type.Valid {
				return nil, fmt.Errorf("schema leaf %q without a type", n.el.Name)
			}
			n.leaf = nleaves
			nleaves++
			return n, nil
		}
		for range kids {
			c, err := build(depth + 1)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
		return n, nil
	}
	root, err := build(0)
	if err != nil {
		return err
	}
	if pos != len(els) {
		return errors.New("schema longer than its child counts")
	}
	b := schemaBuilder{r: r, keyLeaf: map[int]int{}}
	for i, c := range root.children {
		b.visit(c, nil, 0, 0, visitNamed, i)
	}
	// Keep the value columns, and the key columns of maps they sit in.
	needKey := map[int]bool{}
	for _, l := range b.all {
		if l.emit {
			for _, s := range l.segs {
				if s.mapID >= 0 && s.level > 0 {
					needKey[s.mapID] = true
				}
			}
		}
	}
	for _, l := range b.all {
		if l.emit || (l.mapKey >= 0 && needKey[l.mapKey]) {
			r.leaves = append(r.leaves, l)
		}
	}
	r.nmaps = b.nmaps
	lists := 0
	for _, l := range r.leaves {
		if l.emit && l.maxRep > 0 {
			lists++
		}
		if l.emit && len(l.segs) > maxPacked {
			r.wide = true
		}
	}
	r.sorted = lists > 1
	r.scanned, r.skipped = b.scanned, b.skipped
	for _, rg := range r.meta.RowGroups {
		if len(rg.Columns) != nleaves {
			return fmt.Errorf("row group with %d columns, schema has %d", len(rg.Columns), nleaves)
		}
	}
	return nil
}

const (
	visitNamed   = iota // a struct member or column: its name joins the path
	visitElement        // a list element or map value: no name
)

type schemaBuilder struct {
	r       *pqReader
	all     []*pqLeaf
	nmaps   int
	keyLeaf map[int]int
	scanned []string
	skipped []string
	names   []string
}

// visit walks the schema below n, the rank-th child of its parent.
func (b *schemaBuilder) visit(n *pqNode, segs []pathSeg, def, rep, mode, rank int) {
	b.names = append(b.names, n.el.Name)
	defer func() { b.names = b.names[:len(b.names)-1] }()
	switch n.repetition() {
	case pqformat.Optional:
		def++
	case pqformat.Repeated:
		def++
		rep++
	}
	segs = slices.Clip(segs)
	if mode == visitNamed {
		segs = append(segs, pathSeg{lit: n.el.Name, rank: int32(rank)})
	}
	if n.repetition() == pqformat.Repeated {
		segs = append(segs, pathSeg{level: rep, mapID: -1}) // a repeated field is a list of itself
	}
	if n.leaf >= 0 {
		b.addLeaf(n, segs, def, rep, -1)
		return
	}
	if n.isList() && len(n.children) == 1 && n.children[0].repetition() == pqformat.Repeated {
		rp := n.children[0]
		if rp.leaf >= 0 || len(rp.children) != 1 || rp.el.Name == "array" || rp.el.Name == n.el.Name+"_tuple" {
			// two-level list: the repeated field is the element
			b.visit(rp, segs, def, rep, visitElement, 0)
			return
		}
		b.names = append(b.names, rp.el.Name)
		b.visit(rp.children[0], append(slices.Clip(segs), pathSeg{level: rep + 1, mapID: -1}), def+1, rep+1, visitElement, 0)
		b.names = b.names[:len(b.names)-1]
		return
	}
	if n.isMap() && len(n.children) == 1 && n.children[0].repetition() == pqformat.Repeated && len(n.children[0].children) >= 1 {
		kv := n.children[0]
		b.names = append(b.names, kv.el.Name)
		defer func() { b.names = b.names[:len(b.names)-1] }()
		id := b.nmaps
		b.nmaps++
		key := kv.children[0]
		if key.leaf >= 0 && key.repetition() != pqformat.Repeated {
			kdef := def + 1
			if key.repetition() == pqformat.Optional {
				kdef++
			}
			b.names = append(b.names, key.el.Name)
			b.addLeaf(key, nil, kdef, rep+1, id)
			b.names = b.names[:len(b.names)-1]
		}
		vsegs := append(slices.Clip(segs), pathSeg{level: rep + 1, mapID: id})
		for i, v := range kv.children[1:] {
			b.visit(v, vsegs, def+1, rep+1, visitElement, i)
		}
		return
	}
	for i, c := range n.children {
		b.visit(c, segs, def, rep, visitNamed, i)
	}
}

// leafKind says how a leaf is read: as text, as an integer, or not.
func leafKind(el *pqformat.SchemaElement) (isText, isInt, unsigned bool) {
	conv := deprecated.ConvertedType(-1)
	if el.ConvertedType.Valid {
		conv = el.ConvertedType.V
	}
	switch el.Type.V {
	case pqformat.ByteArray:
		if _, dec := el.LogicalType.Value.(*pqformat.DecimalType); dec || conv == deprecated.Decimal {
			return false, false, false
		}
		return true, false, false
	case pqformat.Int32, pqformat.Int64:
		switch lt := el.LogicalType.Value.(type) {
		case nil:
		case *pqformat.IntType:
			return false, lt.BitWidth >= 32, !lt.IsSigned
		default:
			return false, false, false
		}
		switch conv {
		case -1, deprecated.Int32, deprecated.Int64:
			return false, true, false
		case deprecated.Uint32, deprecated.Uint64:
			return false, true, true
		}
	}
	return false, false, false
}

func (b *schemaBuilder) addLeaf(n *pqNode, segs []pathSeg, def, rep, mapKey int) {
	name := strings.Join(b.names, ".")
	isText, isInt, unsigned := leafKind(n.el)
	leaf := &pqLeaf{
		col: n.leaf, name: name, physical: n.el.Type.V, isInt: isInt, unsigned: unsigned,
		maxDef: def, maxRep: rep, segs: segs, mapKey: mapKey,
	}
	if mapKey >= 0 {
		if isText || n.el.Type.V == pqformat.Int32 || n.el.Type.V == pqformat.Int64 {
			leaf.isInt = !isText
			b.all = append(b.all, leaf)
		}
		return
	}
	if !isText && !isInt {
		b.skipped = append(b.skipped, name)
		return
	}
	leaf.emit = true
	fixed := true
	var p []byte
	for _, s := range segs {
		if s.level > 0 {
			fixed = false
			break
		}
		p = appendMember(p, s.lit)
	}
	if fixed {
		leaf.fixed = string(p)
	}
	b.scanned = append(b.scanned, name)
	b.all = append(b.all, leaf)
}

func (r *pqReader) buildUnits() error {
	var rows int64
	for i, rg := range r.meta.RowGroups {
		if rg.NumRows < 0 || rg.NumRows > 1<<53-rows {
			return fmt.Errorf("row group %d claims %d rows", i, rg.NumRows)
		}
		start, end := r.size, int64(0)
		for j := range rg.Columns {
			md := &rg.Columns[j].MetaData
			s := md.DataPageOffset
			if d := md.DictionaryPageOffset; d > 0 && d < s {
				s = d
			}
			e := s + max(md.TotalCompressedSize, 0)
			if s >= 0 && e <= r.size && s < e {
				start, end = min(start, s), max(end, e)
			}
		}
		if end <= start {
			start, end = 4, 4
		}
		r.base = append(r.base, rows)
		r.units = append(r.units, Unit{Index: i, Offset: start, Length: end - start, Rows: rg.NumRows})
		rows += rg.NumRows
	}
	for _, l := range r.leaves {
		for i := range r.meta.RowGroups {
			cc := &r.meta.RowGroups[i].Columns[l.col]
			if cc.FilePath != "" {
				return errors.New("column data in other files is not supported")
			}
			if len(cc.EncryptedColumnMetadata) > 0 || cc.CryptoMetadata.Value != nil {
				return unsupported("parquet (encrypted columns, not supported)")
			}
		}
	}
	return nil
}

func (r *pqReader) Kind() Kind               { return Parquet }
func (r *pqReader) Compression() Compression { return None }
func (r *pqReader) Units() []Unit            { return slices.Clone(r.units) }

// IndexStart is the offset of the first offset index of a column read, or
// -1 when none has one: sparse reads of rows read them, and a runner that
// keeps a closed object's footer keeps them with it.
func (r *pqReader) IndexStart() int64 {
	start := int64(-1)
	for i := range r.meta.RowGroups {
		for _, l := range r.leaves {
			if cc := &r.meta.RowGroups[i].Columns[l.col]; cc.OffsetIndexOffset > 0 && (start < 0 || cc.OffsetIndexOffset < start) {
				start = cc.OffsetIndexOffset
			}
		}
	}
	return start
}

// Columns implements ColumnReader.
func (r *pqReader) Columns() (scanned, skipped []string) {
	return slices.Clone(r.scanned), slices.Clone(r.skipped)
}

// pqState is the working memory of one Read.
type pqState struct {
	cols   []pqColumn
	rec    Record
	arena  textArena
	paths  pathTable
	path   []byte
	idx    []int32
	keys   [][]pqKey // per map: the keys of the current row
	keyBuf []byte
	keyPtr []int // per map: where the lookup of the current column got to
	sel    []int64
	order  orderKeys
	spans  [][2]int64
}

// pqKey is a map entry's key in the current row: its list indexes (up
// to its map's level) and its text in keyBuf.
type pqKey struct {
	idx        [8]int32
	deep       []int32
	start, end int
}

var pqStates = sync.Pool{New: func() any { return new(pqState) }}

// Read implements Reader. Rows are counted from the unit's start; Key is
// the row's index in the file.
func (r *pqReader) Read(ctx context.Context, u int, opts ReadOptions, fn func(*Record) error) (st UnitStats, err error) {
	if u < 0 || u >= len(r.units) {
		return UnitStats{}, fmt.Errorf("read unit %d: out of range (%d units)", u, len(r.units))
	}
	if err := ctx.Err(); err != nil {
		return UnitStats{}, err
	}
	s := pqStates.Get().(*pqState)
	defer pqStates.Put(s)
	rg := &r.meta.RowGroups[u]
	nrows, base := rg.NumRows, r.base[u]
	row := int64(0)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("parquet row group %d: row %d: internal error: %v", u, base+row, p)
		}
		for i := range s.cols {
			st.Bytes += s.cols[i].bytes
		}
	}()

	// The rows to read: those listed, those Keep keeps, or all.
	sel, all, err := selectRows(s.sel[:0], nrows, base, opts)
	if err != nil {
		return UnitStats{}, fmt.Errorf("parquet row group %d: %w", u, err)
	}
	s.sel = sel
	count := nrows
	if !all {
		count = int64(len(sel))
	}
	if count == 0 {
		return UnitStats{Rows: nrows}, nil
	}

	if cap(s.cols) < len(r.leaves) {
		s.cols = make([]pqColumn, len(r.leaves))
	}
	s.cols = s.cols[:len(r.leaves)]
	for i, l := range r.leaves {
		if err := s.cols[i].reset(l, r.ra, r.size, &rg.Columns[l.col], r.opts.MaxRatio, !all); err != nil {
			return UnitStats{Rows: 0}, fmt.Errorf("parquet row group %d: column %s: %w", u, l.name, err)
		}
	}
	if pf, ok := r.ra.(prefetcher); ok {
		s.spans = prefetchSpans(s.spans[:0], s.cols, sel, all)
		for _, sp := range s.spans {
			pf.Prefetch(sp[0], sp[1]-sp[0])
		}
	}
	if len(s.keys) < r.nmaps {
		s.keys = make([][]pqKey, r.nmaps)
		s.keyPtr = make([]int, r.nmaps)
	}

	rec := &s.rec
	s.order.wide = r.wide
	var cur *pqColumn
	var from int // first field of the current column in this row
	emit := func(text []byte, num int64, idx []int32) {
		leaf := cur.leaf
		if leaf.mapKey >= 0 {
			k := pqKey{start: len(s.keyBuf)}
			if leaf.isInt {
				s.keyBuf = appendDecimal(s.keyBuf, num, leaf.unsigned)
			} else {
				s.keyBuf = append(s.keyBuf, text...)
			}
			k.end = len(s.keyBuf)
			if len(idx) <= len(k.idx) {
				copy(k.idx[:], idx)
			} else {
				k.deep = slices.Clone(idx)
			}
			s.keys[leaf.mapKey] = append(s.keys[leaf.mapKey], k)
			return
		}
		if leaf.isInt && !longInt(num, leaf.unsigned) {
			return
		}
		if !leaf.isInt && len(text) == 0 {
			return
		}
		if len(rec.Fields) >= maxFields {
			rec.Issue = fmt.Sprintf("too many fields: over %d, rest not read", maxFields)
			return
		}
		path := leaf.fixed
		if leaf.fixed == "" {
			path = s.pathOf(cur, idx)
		}
		rec.Fields = append(rec.Fields, Field{Path: path, Text: text})
		if r.sorted {
			s.order.add(leaf.segs, idx)
		}
		if leaf.isInt {
			s.arena.addInt(len(rec.Fields)-1, num, leaf.unsigned)
		}
	}
	spill := func() {
		for i := from; i < len(rec.Fields); i++ {
			if rec.Fields[i].Text != nil {
				s.arena.add(i, rec.Fields[i].Text)
				rec.Fields[i].Text = nil
			}
		}
	}

	for k := range count {
		row = k
		if !all {
			row = sel[k]
		}
		if k%ctxEvery == ctxEvery-1 {
			if err := ctx.Err(); err != nil {
				return UnitStats{Rows: row}, err
			}
		}
		rec.Row, rec.Lines, rec.Key, rec.Issue = row, 1, base+row, ""
		rec.Fields = rec.Fields[:0]
		s.arena.reset()
		s.order.reset()
		s.keyBuf = s.keyBuf[:0]
		for m := range r.nmaps {
			s.keys[m] = s.keys[m][:0]
		}
		for i := range s.cols {
			cur = &s.cols[i]
			from = len(rec.Fields)
			if cap(s.idx) < cur.leaf.maxRep {
				s.idx = make([]int32, cur.leaf.maxRep)
			}
			for m := range s.keyPtr {
				s.keyPtr[m] = 0
			}
			err := cur.skipTo(row)
			if err == nil {
				err = cur.readRow(s.idx[:cur.leaf.maxRep], emit, spill)
			}
			if err != nil {
				return UnitStats{Rows: row}, fmt.Errorf("parquet row group %d: column %s: row %d: %w", u, cur.leaf.name, base+row, err)
			}
		}
		s.arena.fix(rec.Fields)
		if r.sorted {
			s.order.sort(rec.Fields)
		}
		if err := fn(rec); err != nil {
			return UnitStats{Rows: row}, err
		}
	}
	return UnitStats{Rows: nrows}, nil
}

// maxListPaths bounds the list indexes whose paths a column remembers.
const maxListPaths = 1024

// pathOf is buildPath, remembered by list index for a leaf under one list
// and no map.
func (s *pqState) pathOf(c *pqColumn, idx []int32) string {
	if !c.listPaths || idx[0] < 0 || idx[0] >= maxListPaths {
		return s.buildPath(c.leaf, idx)
	}
	i := int(idx[0])
	if i < len(c.paths) && c.paths[i] != "" {
		return c.paths[i]
	}
	p := s.buildPath(c.leaf, idx)
	if i >= len(c.paths) {
		c.paths = append(c.paths, make([]string, i+1-len(c.paths))...)
	}
	c.paths[i] = p
	return p
}

func hasMapSeg(segs []pathSeg) bool {
	for _, seg := range segs {
		if seg.level > 0 && seg.mapID >= 0 {
			return true
		}
	}
	return false
}

// buildPath writes the path of a value with list indexes idx.
func (s *pqState) buildPath(leaf *pqLeaf, idx []int32) string {
	p := s.path[:0]
	for _, seg := range leaf.segs {
		switch {
		case seg.level == 0:
			p = appendMember(p, seg.lit)
		case seg.mapID < 0:
			p = appendIndex(p, int64(idx[seg.level-1]))
		default:
			if key, ok := s.lookupKey(seg.mapID, idx[:seg.level]); ok {
				p = appendQuoted(p, key)
			} else {
				p = append(p, "[?]"...)
			}
		}
	}
	s.path = p
	return s.paths.intern(p)
}

// lookupKey finds the key of the map entry at list indexes idx. Entries
// and lookups both come in index order, so the search resumes where the
// last one stopped.
func (s *pqState) lookupKey(m int, idx []int32) ([]byte, bool) {
	keys := s.keys[m]
	for p := s.keyPtr[m]; p < len(keys); p++ {
		k := &keys[p]
		kidx := k.idx[:]
		if k.deep != nil {
			kidx = k.deep
		}
		if len(kidx) > len(idx) {
			kidx = kidx[:len(idx)]
		}
		switch c := slices.Compare(kidx, idx); {
		case c == 0:
			s.keyPtr[m] = p
			return s.keyBuf[k.start:k.end], true
		case c > 0:
			s.keyPtr[m] = p
			return nil, false
		}
	}
	return nil, false
}

// orderKeys puts a record's fields in document order, as the JSONL and
// Arrow readers give them (messages[0].role, messages[0].content,
// messages[1].role, …), where Parquet gives them column by column. A
// field's key is its path as numbers: each member's place among its
// parent's, each list index and map entry.
//
// Where no key has more than four numbers, as in chat records, a key is
// packed into two words, each number plus one in 32 bits (so a shorter key
// sorts before a longer one it begins), and fields are ordered by
// comparing words: comparing number slices through a closure took a tenth
// of the reader's time.
type orderKeys struct {
	wide   bool // the schema has longer keys: keys and ends hold them
	keys   []int32
	ends   []int
	packed []packedKey
	perm   []int
	spare  []Field
}

type packedKey struct {
	hi, lo uint64
	field  int
}

func (k packedKey) less(o packedKey) bool { return k.hi < o.hi || k.hi == o.hi && k.lo < o.lo }

// maxPacked is the most numbers a packed key holds.
const maxPacked = 4

func (o *orderKeys) reset() { o.keys, o.ends, o.packed = o.keys[:0], o.ends[:0], o.packed[:0] }

func (o *orderKeys) add(segs []pathSeg, idx []int32) {
	if o.wide {
		for _, s := range segs {
			if s.level == 0 {
				o.keys = append(o.keys, s.rank)
			} else {
				o.keys = append(o.keys, idx[s.level-1])
			}
		}
		o.ends = append(o.ends, len(o.keys))
		return
	}
	var k [maxPacked]uint64
	for n, s := range segs {
		v := s.rank
		if s.level > 0 {
			v = idx[s.level-1]
		}
		k[n] = uint64(uint32(v)) + 1
	}
	o.packed = append(o.packed, packedKey{k[0]<<32 | k[1], k[2]<<32 | k[3], len(o.packed)})
}

func (o *orderKeys) key(i int) []int32 {
	start := 0
	if i > 0 {
		start = o.ends[i-1]
	}
	return o.keys[start:o.ends[i]]
}

func (o *orderKeys) sort(fields []Field) {
	if !o.wide {
		if len(o.packed) == len(fields) {
			o.sortPacked(fields)
		}
		return
	}
	if len(fields) < 2 || len(o.ends) != len(fields) {
		return
	}
	o.perm = o.perm[:0]
	sorted := true
	for i := range fields {
		o.perm = append(o.perm, i)
		if i > 0 && slices.Compare(o.key(i-1), o.key(i)) > 0 {
			sorted = false
		}
	}
	if sorted {
		return
	}
	slices.SortStableFunc(o.perm, func(a, b int) int { return slices.Compare(o.key(a), o.key(b)) })
	o.spare = append(o.spare[:0], fields...)
	for i, p := range o.perm {
		fields[i] = o.spare[p]
	}
}

// sortPacked orders fields by their packed keys: by insertion for a row
// of a few fields, where a sort's set-up would cost more, and by a sort of
// the keys otherwise, fields with equal keys (there should be none) kept
// in the order they came.
func (o *orderKeys) sortPacked(fields []Field) {
	ks := o.packed
	i := 1
	for i < len(ks) && ks[i-1].less(ks[i]) {
		i++
	}
	if i >= len(ks) {
		return
	}
	if len(ks) <= 24 {
		for ; i < len(ks); i++ {
			for j := i; j > 0 && ks[j].less(ks[j-1]); j-- {
				ks[j-1], ks[j] = ks[j], ks[j-1]
			}
		}
	} else {
		slices.SortFunc(ks, func(a, b packedKey) int {
			return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo), cmp.Compare(a.field, b.field))
		})
	}
	o.spare = append(o.spare[:0], fields...)
	for i, k := range ks {
		fields[i] = o.spare[k.field]
	}
}
