package format

import (
	"errors"
	"fmt"
	"io"

	pqformat "github.com/parquet-go/parquet-go/format"
)

const (
	// pqHeaderGuess is the first read for a page header when pages are
	// being skipped; headers with large statistics are read again, bigger,
	// and the next header of the column is read with the larger size.
	pqHeaderGuess = 256
	// pqMaxHeader caps a page header (statistics hold min and max values).
	pqMaxHeader = 16 << 20
	// pqReadAhead is read past a page when every page is wanted, so the
	// next header comes with it and each page costs one ranged read.
	pqReadAhead = 16 << 10
	// pqMetaBudget bounds what decoding a page header or an offset index
	// may allocate.
	pqMetaBudget = 64 << 20
)

// pqColumn reads the pages of one column chunk of a row group: page by
// page, jumping over pages that hold no wanted row (with the chunk's offset
// index when it has one, else by reading page headers alone when they say
// how many rows a page holds), and decoding levels and values only for the
// pages it stops in. Values alias its buffers until it reads another page.
type pqColumn struct {
	leaf  *pqLeaf
	ra    io.ReaderAt
	codec pqformat.CompressionCodec
	ratio int

	chunkStart, chunkEnd int64
	dictOff              int64 // dictionary page, or -1
	next                 int64 // next page header when reading in order
	locs                 []pqformat.PageLocation
	nextLoc              int
	sparse               bool
	hdrGuess             int
	bytes                int64 // decompressed bytes decoded

	win    []byte
	winOff int64

	dictLoaded bool
	dictBuf    []byte
	dictVals   [][]byte
	dictInts   []int64

	// the current page
	v1       bool
	n        int // level entries
	pos      int // next entry
	vpos     int // next value
	nextRow  int64
	rep, def []uint32
	nvals    int
	valsDone bool
	valEnc   pqformat.Encoding
	valSrc   []byte
	vals     [][]byte
	ints     []int64

	page  []byte // decompressed page
	idx   []uint32
	lens  []int64
	ints2 []int64
	vals2 [][]byte
	own   []byte

	// paths are the field paths of a leaf under one list and no map
	// (messages[3].content), by list index, as they are built: a chat
	// dataset asks for the same few hundred millions of times.
	paths     []string
	pathsLeaf *pqLeaf
	listPaths bool // the leaf is under one list and no map
}

// reset points c at a column chunk. sparse says the rows wanted are a
// selection, so pages are read one by one rather than with read-ahead.
func (c *pqColumn) reset(leaf *pqLeaf, ra io.ReaderAt, size int64, cc *pqformat.ColumnChunk, ratio int, sparse bool) error {
	md := &cc.MetaData
	c.leaf, c.ra, c.codec, c.ratio, c.sparse = leaf, ra, md.Codec, ratio, sparse
	if c.pathsLeaf != leaf {
		// A pooled state may come back for another reader's schema.
		c.paths, c.pathsLeaf = c.paths[:0], leaf
		c.listPaths = leaf.maxRep == 1 && !hasMapSeg(leaf.segs)
	}
	start := md.DataPageOffset
	c.dictOff = -1
	if d := md.DictionaryPageOffset; d > 0 && d < start {
		start, c.dictOff = d, d
	}
	if start < 4 || md.TotalCompressedSize < 0 || md.TotalCompressedSize > size-start {
		return corrupt("column chunk at byte %d of %d bytes outside the file", start, md.TotalCompressedSize)
	}
	c.chunkStart, c.chunkEnd, c.next = start, start+md.TotalCompressedSize, start
	c.locs, c.nextLoc = nil, 0
	c.hdrGuess = pqHeaderGuess
	c.win, c.winOff = c.win[:0], 0
	c.dictLoaded = false
	c.dictVals, c.dictInts = c.dictVals[:0], c.dictInts[:0]
	c.n, c.pos, c.vpos, c.nextRow, c.bytes = 0, 0, 0, 0, 0
	if sparse && cc.OffsetIndexOffset > 0 && cc.OffsetIndexLength > 0 {
		locs, err := readOffsetIndex(ra, size, cc)
		if err == nil && validLocs(locs, c.chunkStart, c.chunkEnd) {
			c.locs = locs
		}
		// An unreadable offset index only costs the skipping; pages are
		// then found by their headers.
	}
	return nil
}

func readOffsetIndex(ra io.ReaderAt, size int64, cc *pqformat.ColumnChunk) ([]pqformat.PageLocation, error) {
	off, n := cc.OffsetIndexOffset, int64(cc.OffsetIndexLength)
	if off < 4 || n > size-off || n > pqMetaBudget {
		return nil, corrupt("offset index outside the file")
	}
	b := make([]byte, n)
	if err := readFull(ra, b, off); err != nil {
		return nil, err
	}
	var oi pqformat.OffsetIndex
	if _, err := thriftDecode(b, &oi, pqMetaBudget); err != nil {
		return nil, err
	}
	return oi.PageLocations, nil
}

func validLocs(locs []pqformat.PageLocation, start, end int64) bool {
	if len(locs) == 0 {
		return false
	}
	for i, l := range locs {
		if l.Offset < start || l.CompressedPageSize <= 0 || int64(l.CompressedPageSize) > end-l.Offset || l.FirstRowIndex < 0 {
			return false
		}
		if i == 0 && l.FirstRowIndex != 0 {
			return false
		}
		if i > 0 && (l.FirstRowIndex <= locs[i-1].FirstRowIndex || l.Offset < locs[i-1].Offset+int64(locs[i-1].CompressedPageSize)) {
			return false
		}
	}
	return true
}

func readFull(ra io.ReaderAt, b []byte, off int64) error {
	n, err := ra.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// ensure makes the window hold the n bytes at off (and up to ahead more,
// within the chunk) and returns those n bytes.
func (c *pqColumn) ensure(off int64, n int, ahead int) ([]byte, error) {
	if off < c.chunkStart || int64(n) > c.chunkEnd-off {
		return nil, corrupt("page at byte %d of %d bytes runs past its column chunk", off, n)
	}
	winEnd := c.winOff + int64(len(c.win))
	if off >= c.winOff && off+int64(n) <= winEnd {
		return c.win[off-c.winOff : off-c.winOff+int64(n)], nil
	}
	end := min(off+int64(n)+int64(ahead), c.chunkEnd)
	want := int(end - off)
	keep := 0
	if off >= c.winOff && off < winEnd {
		keep = copy(c.win[:cap(c.win)], c.win[off-c.winOff:])
	}
	if cap(c.win) < want {
		nw := make([]byte, want)
		copy(nw, c.win[:keep])
		c.win = nw
	}
	c.win = c.win[:want]
	if err := readFull(c.ra, c.win[keep:], off+int64(keep)); err != nil {
		c.win, c.winOff = c.win[:0], 0
		return nil, err
	}
	c.winOff = off
	return c.win[:n], nil
}

// header reads the page header at off and returns it and its length.
func (c *pqColumn) header(off int64, h *pqformat.PageHeader) (int, error) {
	guess := c.hdrGuess
	if !c.sparse {
		guess = pqReadAhead
	}
	if winEnd := c.winOff + int64(len(c.win)); off >= c.winOff && off < winEnd {
		guess = int(winEnd - off) // try what was read already first
	}
	for {
		n := int(min(int64(guess), c.chunkEnd-off))
		if n <= 0 {
			return 0, corrupt("page header past its column chunk")
		}
		b, err := c.ensure(off, n, 0)
		if err != nil {
			return 0, err
		}
		*h = pqformat.PageHeader{}
		hl, err := thriftDecode(b, h, pqMetaBudget)
		if errors.Is(err, errThriftShort) && n < pqMaxHeader && int64(n) < c.chunkEnd-off {
			guess = max(guess*8, pqHeaderGuess)
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("%w: page header: %v", errCorruptPage, err)
		}
		c.hdrGuess = max(c.hdrGuess, hl+hl/4) // headers of a column are alike
		if h.CompressedPageSize < 0 || h.UncompressedPageSize < 0 || int64(h.CompressedPageSize) > c.chunkEnd-off-int64(hl) {
			return 0, corrupt("page of %d bytes runs past its column chunk", h.CompressedPageSize)
		}
		return hl, nil
	}
}

func (c *pqColumn) rowStart(i int) bool { return c.leaf.maxRep == 0 || c.rep[i] == 0 }

// pageRows is the row count a data page header gives without decoding the
// page, or -1: version 2 pages say, and a page of a column outside any
// list holds one row per entry.
func (c *pqColumn) pageRows(h *pqformat.PageHeader) int64 {
	switch {
	case h.Type == pqformat.DataPageV2 && h.DataPageHeaderV2.Valid:
		return int64(h.DataPageHeaderV2.V.NumRows)
	case h.Type == pqformat.DataPage && h.DataPageHeader.Valid && c.leaf.maxRep == 0:
		return int64(h.DataPageHeader.V.NumValues)
	}
	return -1
}

// loadNext reads the next page in order, skipping whole pages that end
// before row target (pass -1 to skip none). It reports false at the end
// of the chunk.
func (c *pqColumn) loadNext(target int64) (bool, error) {
	var h pqformat.PageHeader
	if c.locs != nil {
		if c.nextLoc >= len(c.locs) {
			return false, nil
		}
		p := c.nextLoc
		if target >= 0 {
			for p+1 < len(c.locs) && c.locs[p+1].FirstRowIndex <= target {
				p++
			}
		}
		loc := c.locs[p]
		c.nextLoc = p + 1
		if _, err := c.ensure(loc.Offset, int(loc.CompressedPageSize), 0); err != nil {
			return false, err
		}
		hl, err := c.header(loc.Offset, &h)
		if err != nil {
			return false, err
		}
		if int64(hl)+int64(h.CompressedPageSize) > int64(loc.CompressedPageSize) {
			return false, corrupt("page larger than the offset index says")
		}
		if h.Type != pqformat.DataPage && h.Type != pqformat.DataPageV2 {
			return false, corrupt("offset index points at a page of type %d", h.Type)
		}
		c.nextRow = loc.FirstRowIndex
		return true, c.decodePage(&h, loc.Offset+int64(hl))
	}
	for {
		if c.next >= c.chunkEnd {
			return false, nil
		}
		off := c.next
		hl, err := c.header(off, &h)
		if err != nil {
			return false, err
		}
		body := off + int64(hl)
		c.next = body + int64(h.CompressedPageSize)
		switch h.Type {
		case pqformat.DictionaryPage:
			if !c.dictLoaded {
				if err := c.decodeDict(&h, body); err != nil {
					return false, err
				}
			}
			continue
		case pqformat.DataPage, pqformat.DataPageV2:
		default:
			continue // index pages and unknown types carry no values
		}
		if rows := c.pageRows(&h); target >= 0 && rows >= 0 && c.nextRow+rows <= target {
			c.nextRow += rows
			continue
		}
		return true, c.decodePage(&h, body)
	}
}

// loadDict reads the dictionary page at the start of the chunk.
func (c *pqColumn) loadDict() error {
	if c.dictLoaded {
		return nil
	}
	off := c.chunkStart
	var h pqformat.PageHeader
	hl, err := c.header(off, &h)
	if err != nil {
		return err
	}
	if h.Type != pqformat.DictionaryPage {
		return corrupt("dictionary-encoded page and no dictionary")
	}
	return c.decodeDict(&h, off+int64(hl))
}

func (c *pqColumn) decodeDict(h *pqformat.PageHeader, body int64) error {
	if !h.DictionaryPageHeader.Valid {
		return corrupt("dictionary page without its header")
	}
	src, err := c.ensure(body, int(h.CompressedPageSize), 0)
	if err != nil {
		return err
	}
	out, err := decompressPage(c.codec, c.dictBuf, src, int(h.UncompressedPageSize), c.ratio)
	if err != nil {
		return err
	}
	if c.codec == pqformat.Uncompressed {
		// The dictionary outlives the window, so it is copied out.
		c.dictBuf = append(c.dictBuf[:0], out...)
	} else {
		c.dictBuf = out
	}
	c.bytes += int64(len(c.dictBuf))
	n := int(h.DictionaryPageHeader.V.NumValues)
	if c.leaf.isInt {
		c.dictInts, err = plainInts(c.dictInts, c.dictBuf, n, c.leaf.physical, c.leaf.unsigned)
	} else {
		c.dictVals, err = plainByteArrays(c.dictVals, c.dictBuf, n)
	}
	if err != nil {
		return err
	}
	c.dictLoaded = true
	return nil
}

// isDict reports a dictionary-encoded data page; files from old writers
// say PLAIN_DICTIONARY (2) there, which is deprecated but still read.
func isDict(e pqformat.Encoding) bool {
	return e == 2 || e == pqformat.RLEDictionary
}

// decodePage decodes the levels of the data page whose body starts at
// body; values wait until a row of the page is read.
func (c *pqColumn) decodePage(h *pqformat.PageHeader, body int64) error {
	var n int
	var enc pqformat.Encoding
	switch {
	case h.Type == pqformat.DataPage && h.DataPageHeader.Valid:
		n, enc = int(h.DataPageHeader.V.NumValues), h.DataPageHeader.V.Encoding
	case h.Type == pqformat.DataPageV2 && h.DataPageHeaderV2.Valid:
		n, enc = int(h.DataPageHeaderV2.V.NumValues), h.DataPageHeaderV2.V.Encoding
	default:
		return corrupt("data page without its header")
	}
	if n < 0 || n > maxPageValues {
		return corrupt("page of %d values", n)
	}
	if isDict(enc) && !c.dictLoaded {
		if err := c.loadDict(); err != nil {
			return err
		}
	}
	src, err := c.ensure(body, int(h.CompressedPageSize), c.ahead())
	if err != nil {
		return err
	}
	leaf := c.leaf
	c.n, c.pos, c.vpos, c.valsDone, c.valEnc = n, 0, 0, false, enc
	c.rep, c.def = c.rep[:0], c.def[:0]
	if h.Type == pqformat.DataPage {
		c.v1 = true
		page, err := decompressPage(c.codec, c.page, src, int(h.UncompressedPageSize), c.ratio)
		if err != nil {
			return err
		}
		if c.codec != pqformat.Uncompressed {
			c.page = page
		}
		c.bytes += int64(len(page))
		if leaf.maxRep > 0 {
			if c.rep, page, err = levelsV1(c.rep, page, h.DataPageHeader.V.RepetitionLevelEncoding, leaf.maxRep, n); err != nil {
				return err
			}
		}
		if leaf.maxDef > 0 {
			if c.def, page, err = levelsV1(c.def, page, h.DataPageHeader.V.DefinitionLevelEncoding, leaf.maxDef, n); err != nil {
				return err
			}
		}
		c.valSrc = page
	} else {
		c.v1 = false
		v2 := &h.DataPageHeaderV2.V
		rl, dl := int(v2.RepetitionLevelsByteLength), int(v2.DefinitionLevelsByteLength)
		if rl < 0 || dl < 0 || rl+dl > len(src) {
			return corrupt("level lengths past the page")
		}
		if leaf.maxRep > 0 {
			if c.rep, _, err = hybrid(c.rep, src[:rl], levelWidth(leaf.maxRep), n); err != nil {
				return err
			}
			if n > 0 && c.rep[0] != 0 {
				return corrupt("version 2 page starts inside a row")
			}
		}
		if leaf.maxDef > 0 {
			if c.def, _, err = hybrid(c.def, src[rl:rl+dl], levelWidth(leaf.maxDef), n); err != nil {
				return err
			}
		}
		vals := src[rl+dl:]
		want := int(h.UncompressedPageSize) - rl - dl
		compressed := !v2.IsCompressed.Valid || v2.IsCompressed.V
		if compressed && c.codec != pqformat.Uncompressed {
			page, err := decompressPage(c.codec, c.page, vals, want, c.ratio)
			if err != nil {
				return err
			}
			c.page = page
			vals = page
		}
		c.bytes += int64(rl + dl + len(vals))
		c.valSrc = vals
	}
	for _, l := range c.rep {
		if int(l) > leaf.maxRep {
			return corrupt("repetition level %d over %d", l, leaf.maxRep)
		}
	}
	c.nvals = n
	if leaf.maxDef > 0 {
		c.nvals = 0
		for _, l := range c.def {
			if int(l) == leaf.maxDef {
				c.nvals++
			} else if int(l) > leaf.maxDef {
				return corrupt("definition level %d over %d", l, leaf.maxDef)
			}
		}
	}
	return nil
}

func (c *pqColumn) ahead() int {
	if c.sparse {
		return 0
	}
	return pqReadAhead
}

func levelsV1(dst []uint32, page []byte, enc pqformat.Encoding, max, n int) ([]uint32, []byte, error) {
	w := levelWidth(max)
	switch enc {
	case pqformat.RLE:
		if len(page) < 4 {
			return nil, nil, corrupt("levels past the page")
		}
		l := int(uint32(page[0]) | uint32(page[1])<<8 | uint32(page[2])<<16 | uint32(page[3])<<24)
		if l < 0 || l > len(page)-4 {
			return nil, nil, corrupt("levels past the page")
		}
		out, _, err := hybrid(dst, page[4:4+l], w, n)
		return out, page[4+l:], err
	case pqformat.BitPacked:
		out, k, err := unpackMSB(dst, page, w, n)
		if err != nil {
			return nil, nil, err
		}
		return out, page[k:], nil
	}
	return nil, nil, corrupt("level encoding %s", enc)
}

// values decodes the page's values on first use.
func (c *pqColumn) values() error {
	if c.valsDone {
		return nil
	}
	src, n, leaf := c.valSrc, c.nvals, c.leaf
	var err error
	if isDict(c.valEnc) {
		if n > 0 {
			if len(src) == 0 {
				return corrupt("dictionary indexes missing")
			}
			if c.idx, _, err = hybrid(c.idx, src[1:], int(src[0]), n); err != nil {
				return err
			}
		}
		if leaf.isInt {
			c.ints = c.ints[:0]
			for _, i := range c.idx[:n] {
				if int(i) >= len(c.dictInts) {
					return corrupt("dictionary index %d of %d", i, len(c.dictInts))
				}
				c.ints = append(c.ints, c.dictInts[i])
			}
		} else {
			c.vals = c.vals[:0]
			for _, i := range c.idx[:n] {
				if int(i) >= len(c.dictVals) {
					return corrupt("dictionary index %d of %d", i, len(c.dictVals))
				}
				c.vals = append(c.vals, c.dictVals[i])
			}
		}
		c.valsDone = true
		return nil
	}
	if leaf.isInt {
		switch c.valEnc {
		case pqformat.Plain:
			c.ints, err = plainInts(c.ints, src, n, leaf.physical, leaf.unsigned)
		case pqformat.DeltaBinaryPacked:
			c.ints, _, err = deltaInts(c.ints, src, n)
			if err == nil && len(c.ints) != n {
				err = corrupt("%d of %d values", len(c.ints), n)
			}
			if err == nil && leaf.physical == pqformat.Int32 {
				truncInts(c.ints, leaf.unsigned)
			}
		case pqformat.ByteStreamSplit:
			c.ints, err = byteStreamSplitInts(c.ints, src, n, leaf.physical, leaf.unsigned)
		default:
			err = corrupt("encoding %s for integers", c.valEnc)
		}
	} else {
		switch c.valEnc {
		case pqformat.Plain:
			c.vals, err = plainByteArrays(c.vals, src, n)
		case pqformat.DeltaLengthByteArray:
			c.vals, c.lens, _, err = deltaLengthByteArrays(c.vals, c.lens, src, n)
		case pqformat.DeltaByteArray:
			err = c.deltaByteArrays(src, n)
		default:
			err = corrupt("encoding %s for byte arrays", c.valEnc)
		}
	}
	if err != nil {
		return err
	}
	c.valsDone = true
	return nil
}

// skipTo positions c at the start of row target (a row of the row group at
// or after every row read so far).
func (c *pqColumn) skipTo(target int64) error {
	for {
		for c.pos < c.n {
			if c.rowStart(c.pos) {
				if c.nextRow == target {
					return nil
				}
				if c.nextRow > target {
					return corrupt("rows out of order")
				}
				c.nextRow++
			}
			if c.leaf.maxDef == 0 || int(c.def[c.pos]) == c.leaf.maxDef {
				c.vpos++
			}
			c.pos++
			if c.leaf.maxRep == 0 && c.pos < c.n && c.nextRow < target {
				// one entry per row: jump straight to the target's entry
				k := min(int64(c.n-c.pos), target-c.nextRow)
				if c.leaf.maxDef == 0 {
					c.vpos += int(k)
				} else {
					for _, l := range c.def[c.pos : c.pos+int(k)] {
						if int(l) == c.leaf.maxDef {
							c.vpos++
						}
					}
				}
				c.pos += int(k)
				c.nextRow += k
			}
		}
		ok, err := c.loadNext(target)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: column ends after %d rows", errCorruptPage, c.nextRow)
		}
	}
}

// readRow reads the row c is positioned at, calling emit for each value
// present with the list indexes of its entry (idx[k] is the index at
// repetition level k+1). spill is called before c reads another page in
// the middle of the row, so values already emitted can be copied out.
func (c *pqColumn) readRow(idx []int32, emit func(text []byte, num int64, idx []int32), spill func()) error {
	leaf := c.leaf
	for i := range idx {
		idx[i] = 0
	}
	first := true
	for {
		if c.pos >= c.n {
			// Only a version 1 page of a list column can end inside a row.
			if !c.v1 || leaf.maxRep == 0 {
				return nil
			}
			spill()
			ok, err := c.loadNext(-1)
			if err != nil || !ok {
				return err
			}
			if c.n == 0 {
				continue
			}
			if c.rowStart(0) {
				return nil
			}
		}
		if c.rowStart(c.pos) {
			if !first {
				return nil
			}
			c.nextRow++
		} else if r := int(c.rep[c.pos]); r > 0 {
			idx[r-1]++
			for j := r; j < len(idx); j++ {
				idx[j] = 0
			}
		}
		first = false
		if leaf.maxDef == 0 || int(c.def[c.pos]) == leaf.maxDef {
			if err := c.values(); err != nil {
				return err
			}
			if leaf.isInt {
				if c.vpos >= len(c.ints) {
					return corrupt("fewer values than levels")
				}
				emit(nil, c.ints[c.vpos], idx)
			} else {
				if c.vpos >= len(c.vals) {
					return corrupt("fewer values than levels")
				}
				emit(c.vals[c.vpos], 0, idx)
			}
			c.vpos++
		}
		c.pos++
		if leaf.maxRep == 0 {
			return nil
		}
	}
}
