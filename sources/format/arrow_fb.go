package format

import "encoding/binary"

// A bounds-checked reader of the few FlatBuffers tables of the Arrow IPC
// format that Open needs without reading message bodies: a message's type,
// body length and row count, a dictionary batch's id, and the footer's
// blocks. arrow-go keeps its generated FlatBuffers code internal, and that
// code trusts its input.

type fbTable struct {
	b  []byte
	t  int // table start
	vt int // vtable start
	vl int // vtable length in bytes
}

func fbU32(b []byte, at int) (uint32, bool) {
	if at < 0 || at+4 > len(b) {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b[at:]), true
}

// fbRoot is the root table of buffer b.
func fbRoot(b []byte) (fbTable, bool) {
	off, ok := fbU32(b, 0)
	if !ok {
		return fbTable{}, false
	}
	return fbAt(b, int64(off))
}

func fbAt(b []byte, at int64) (fbTable, bool) {
	if at < 0 || at+4 > int64(len(b)) {
		return fbTable{}, false
	}
	t := int(at)
	so := int64(int32(binary.LittleEndian.Uint32(b[t:])))
	vt := int64(t) - so
	if vt < 0 || vt+4 > int64(len(b)) {
		return fbTable{}, false
	}
	vl := int(binary.LittleEndian.Uint16(b[vt:]))
	if vl < 4 || int(vt)+vl > len(b) {
		return fbTable{}, false
	}
	return fbTable{b: b, t: t, vt: int(vt), vl: vl}, true
}

// field returns the absolute position of field i, or -1 when absent.
func (t fbTable) field(i, size int) int {
	slot := 4 + 2*i
	if slot+2 > t.vl {
		return -1
	}
	fo := int(binary.LittleEndian.Uint16(t.b[t.vt+slot:]))
	if fo == 0 || t.t+fo+size > len(t.b) {
		return -1
	}
	return t.t + fo
}

func (t fbTable) i64(i int, def int64) int64 {
	p := t.field(i, 8)
	if p < 0 {
		return def
	}
	return int64(binary.LittleEndian.Uint64(t.b[p:]))
}

func (t fbTable) u8(i int, def byte) byte {
	p := t.field(i, 1)
	if p < 0 {
		return def
	}
	return t.b[p]
}

// table follows the offset in field i to a table.
func (t fbTable) table(i int) (fbTable, bool) {
	p := t.field(i, 4)
	if p < 0 {
		return fbTable{}, false
	}
	off, _ := fbU32(t.b, p)
	return fbAt(t.b, int64(p)+int64(off))
}

// vector follows the offset in field i to a vector of elements of size
// bytes, and returns its first element's position and its length.
func (t fbTable) vector(i, size int) (int, int, bool) {
	p := t.field(i, 4)
	if p < 0 {
		return 0, 0, false
	}
	off, _ := fbU32(t.b, p)
	at := int64(p) + int64(off)
	n, ok := fbU32(t.b, int(min(at, int64(len(t.b)))))
	if !ok || at+4+int64(n)*int64(size) > int64(len(t.b)) {
		return 0, 0, false
	}
	return int(at) + 4, int(n), true
}

// IPC message header types (Message.fbs).
const (
	ipcSchema          = 1
	ipcDictionaryBatch = 2
	ipcRecordBatch     = 3
)

// ipcHeader is what Open learns of one IPC message from its metadata.
type ipcHeader struct {
	typ     byte
	bodyLen int64
	rows    int64 // record batch: length
	dictID  int64 // dictionary batch: id
	delta   bool  // dictionary batch: isDelta
}

// parseMessage reads a Message flatbuffer.
func parseMessage(meta []byte) (ipcHeader, bool) {
	m, ok := fbRoot(meta)
	if !ok {
		return ipcHeader{}, false
	}
	h := ipcHeader{typ: m.u8(1, 0), bodyLen: m.i64(3, 0)}
	if h.bodyLen < 0 {
		return ipcHeader{}, false
	}
	switch h.typ {
	case ipcSchema:
		if s, ok := m.table(2); !ok || !checkSchema(s) {
			return ipcHeader{}, false
		}
	case ipcRecordBatch:
		rb, ok := m.table(2)
		if !ok || !checkBatch(rb) {
			return ipcHeader{}, false
		}
		h.rows = rb.i64(0, 0)
	case ipcDictionaryBatch:
		db, ok := m.table(2)
		if !ok {
			return ipcHeader{}, false
		}
		h.dictID = db.i64(0, 0)
		h.delta = db.u8(2, 0) != 0
		if rb, ok := db.table(1); ok {
			if !checkBatch(rb) {
				return ipcHeader{}, false
			}
			h.rows = rb.i64(0, 0)
		}
	default:
		return ipcHeader{}, false
	}
	if h.rows < 0 {
		return ipcHeader{}, false
	}
	return h, true
}

// ipcBlock is a Block struct of the file footer.
type ipcBlock struct {
	off     int64
	metaLen int32
	bodyLen int64
}

// parseFooter returns the dictionary and record batch blocks of a file
// footer.
func parseFooter(b []byte) (dicts, batches []ipcBlock, ok bool) {
	f, ok := fbRoot(b)
	if !ok {
		return nil, nil, false
	}
	read := func(field int) ([]ipcBlock, bool) {
		at, n, ok := f.vector(field, 24)
		if !ok {
			return nil, f.field(field, 4) < 0 // absent is empty
		}
		out := make([]ipcBlock, n)
		for i := range out {
			p := at + 24*i
			out[i] = ipcBlock{
				off:     int64(binary.LittleEndian.Uint64(b[p:])),
				metaLen: int32(binary.LittleEndian.Uint32(b[p+8:])),
				bodyLen: int64(binary.LittleEndian.Uint64(b[p+16:])),
			}
		}
		return out, true
	}
	if dicts, ok = read(2); !ok {
		return nil, nil, false
	}
	if batches, ok = read(3); !ok {
		return nil, nil, false
	}
	return dicts, batches, true
}

// ipcMaxFields caps the fields of a schema, children included.
const ipcMaxFields = 1 << 16

// checkSchema checks that the vectors of a Schema table and of its fields
// lie inside the metadata, so that arrow-go, which sizes its slices from
// them, allocates no more than the metadata justifies.
func checkSchema(s fbTable) bool {
	n := 0
	var field func(f fbTable, depth int) bool
	fields := func(t fbTable, i, depth int) bool {
		at, cnt, ok := t.vector(i, 4)
		if !ok {
			return t.field(i, 4) < 0
		}
		if n += cnt; n > ipcMaxFields || depth > 64 {
			return false
		}
		for k := range cnt {
			off, _ := fbU32(t.b, at+4*k)
			f, ok := fbAt(t.b, int64(at+4*k)+int64(off))
			if !ok || !field(f, depth+1) {
				return false
			}
		}
		return true
	}
	keyValues := func(t fbTable, i int) bool {
		_, _, ok := t.vector(i, 4)
		return ok || t.field(i, 4) < 0
	}
	field = func(f fbTable, depth int) bool {
		if _, _, ok := f.vector(0, 1); !ok && f.field(0, 4) >= 0 { // name
			return false
		}
		return fields(f, 5, depth) && keyValues(f, 6)
	}
	if _, _, ok := s.vector(3, 8); !ok && s.field(3, 4) >= 0 {
		return false
	}
	return fields(s, 1, 0) && keyValues(s, 2)
}

// checkBatch checks the node and buffer vectors of a RecordBatch table.
func checkBatch(rb fbTable) bool {
	for i, size := range []int{16, 16, 0, 8} { // nodes, buffers, compression, variadic counts
		if size == 0 {
			continue
		}
		if _, _, ok := rb.vector(i+1, size); !ok && rb.field(i+1, 4) >= 0 {
			return false
		}
	}
	return true
}
