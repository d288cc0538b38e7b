package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/snappy"
	"github.com/klauspost/compress/zstd"
	pqformat "github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// The Parquet page decoders below follow the format specification rather
// than reuse parquet-go's, which trust the lengths and counts a file
// states: there a few hostile bytes ask for gigabytes, and a corrupt LZ4
// page makes the codec double its buffer forever. Every count here is
// checked against the bytes that hold it and against maxPageValues and
// maxPageBytes before anything is allocated.

const (
	// maxPageBytes caps one decompressed page (and a dictionary page, and
	// the values a DELTA_BYTE_ARRAY page expands to). Writers cut pages at
	// about 1 MiB; a single huge value makes a page as big as the value.
	maxPageBytes = 1 << 30
	// maxPageValues caps the level and value entries of one page, so a
	// run-length header cannot make a 10-byte page decode into gigabytes of
	// levels.
	maxPageValues = 1 << 25
)

var errCorruptPage = errors.New("corrupt page")

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errCorruptPage, fmt.Sprintf(format, args...))
}

// Decoders are costly to make and hold no state between pages.
var (
	zstdPool = sync.Pool{New: func() any {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxMemory(maxPageBytes), zstd.WithDecoderMaxWindow(maxZstdWindow))
		if err != nil {
			return err
		}
		return d
	}}
	gzipPool   sync.Pool // *gzip.Reader
	brotliPool sync.Pool // *brotli.Reader
)

// decompressPage decompresses src, which a page header says holds want
// bytes, into dst (reused) and returns the bytes; an uncompressed page is
// returned as src. Output longer or shorter than want is an error: the
// header and the data disagree.
func decompressPage(codec pqformat.CompressionCodec, dst, src []byte, want int, ratio int) ([]byte, error) {
	if want < 0 || want > maxPageBytes {
		return nil, corrupt("page of %d bytes", want)
	}
	if codec == pqformat.Uncompressed {
		if len(src) != want {
			return nil, corrupt("uncompressed page of %d bytes, header says %d", len(src), want)
		}
		return src, nil
	}
	if want > ratioFloor && int64(want) > int64(ratio)*int64(len(src)) {
		return nil, &ratioError{limit: ratio, out: int64(want), in: int64(len(src))}
	}
	if cap(dst) < want {
		dst = make([]byte, want, want+want/8)
	}
	dst = dst[:want]
	switch codec {
	case pqformat.Snappy:
		n, err := snappy.DecodedLen(src)
		if err != nil {
			return nil, fmt.Errorf("snappy: %w", err)
		}
		if n != want {
			return nil, corrupt("snappy page decodes to %d bytes, header says %d", n, want)
		}
		out, err := snappy.Decode(dst, src)
		if err != nil {
			return nil, fmt.Errorf("snappy: %w", err)
		}
		return out, nil
	case pqformat.Zstd:
		v := zstdPool.Get()
		d, ok := v.(*zstd.Decoder)
		if !ok {
			return nil, fmt.Errorf("zstd: %v", v)
		}
		defer zstdPool.Put(d)
		out, err := d.DecodeAll(src, dst[:0])
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		if len(out) != want {
			return nil, corrupt("zstd page decodes to %d bytes, header says %d", len(out), want)
		}
		return out, nil
	case pqformat.Gzip:
		zr, _ := gzipPool.Get().(*gzip.Reader)
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(bytes.NewReader(src))
		} else {
			err = zr.Reset(bytes.NewReader(src))
		}
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer gzipPool.Put(zr)
		return readExactly(zr, dst, "gzip")
	case pqformat.Brotli:
		br, _ := brotliPool.Get().(*brotli.Reader)
		if br == nil {
			br = brotli.NewReader(bytes.NewReader(src))
		} else if err := br.Reset(bytes.NewReader(src)); err != nil {
			return nil, fmt.Errorf("brotli: %w", err)
		}
		defer brotliPool.Put(br)
		return readExactly(br, dst, "brotli")
	case pqformat.Lz4Raw:
		n, err := lz4.UncompressBlock(src, dst)
		if err != nil {
			return nil, fmt.Errorf("lz4: %w", err)
		}
		if n != want {
			return nil, corrupt("lz4 page decodes to %d bytes, header says %d", n, want)
		}
		return dst, nil
	case pqformat.Lz4:
		// The deprecated LZ4 codec is Hadoop's framing (big-endian
		// decompressed and compressed sizes before each block) in files
		// from parquet-mr and Arrow, and a bare block in some others.
		if out, ok := hadoopLZ4(dst, src); ok {
			return out, nil
		}
		n, err := lz4.UncompressBlock(src, dst)
		if err != nil || n != want {
			return nil, corrupt("lz4 page does not decode to %d bytes", want)
		}
		return dst, nil
	}
	return nil, fmt.Errorf("compression codec %s not supported", codec)
}

func readExactly(r io.Reader, dst []byte, name string) ([]byte, error) {
	if _, err := io.ReadFull(r, dst); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var one [1]byte
	if n, _ := r.Read(one[:]); n > 0 {
		return nil, corrupt("%s page decodes to more than its header says", name)
	}
	return dst, nil
}

func hadoopLZ4(dst, src []byte) ([]byte, bool) {
	out := 0
	for len(src) > 0 {
		if len(src) < 8 {
			return nil, false
		}
		dlen := int(binary.BigEndian.Uint32(src))
		clen := int(binary.BigEndian.Uint32(src[4:]))
		src = src[8:]
		if clen > len(src) || dlen > len(dst)-out {
			return nil, false
		}
		n, err := lz4.UncompressBlock(src[:clen], dst[out:out+dlen])
		if err != nil || n != dlen {
			return nil, false
		}
		out += n
		src = src[clen:]
	}
	return dst[:out], out == len(dst)
}

// hybrid decodes the RLE/bit-packed hybrid encoding of levels and
// dictionary indexes: exactly n values of width bits each from src, into
// dst (reused). It returns the values and the bytes consumed.
func hybrid(dst []uint32, src []byte, width, n int) ([]uint32, int, error) {
	if width < 0 || width > 32 {
		return nil, 0, corrupt("bit width %d", width)
	}
	if n < 0 || n > maxPageValues {
		return nil, 0, corrupt("%d values in a page", n)
	}
	if cap(dst) < n {
		dst = make([]uint32, 0, n)
	}
	dst = dst[:0]
	pos := 0
	byteWidth := (width + 7) / 8
	for len(dst) < n {
		h, k := binary.Uvarint(src[pos:])
		if k <= 0 {
			return nil, pos, corrupt("run header")
		}
		pos += k
		if h&1 == 0 { // a run of one value
			count := h >> 1
			if pos+byteWidth > len(src) {
				return nil, pos, corrupt("run value")
			}
			var v uint32
			for i := range byteWidth {
				v |= uint32(src[pos+i]) << (8 * i)
			}
			pos += byteWidth
			count = min(count, uint64(n-len(dst)))
			for range count {
				dst = append(dst, v)
			}
			continue
		}
		groups := h >> 1 // of 8 values each
		if groups == 0 || groups > uint64(len(src)) {
			return nil, pos, corrupt("bit-packed run of %d groups", groups)
		}
		// Writers may end a page's last run early; take what is there.
		nbytes := min(int(groups)*width, len(src)-pos)
		count := min(int(groups)*8, n-len(dst))
		dst = unpackLSB(dst, src[pos:pos+nbytes], width, count)
		pos += nbytes
	}
	return dst, pos, nil
}

// unpackLSB appends up to count values of width bits, packed least
// significant bit first, from src. It stops early when src runs out.
func unpackLSB(dst []uint32, src []byte, width, count int) []uint32 {
	if width == 0 {
		for range count {
			dst = append(dst, 0)
		}
		return dst
	}
	if width == 1 && count <= 8*len(src) {
		for i := range count {
			dst = append(dst, uint32(src[i>>3]>>(i&7))&1)
		}
		return dst
	}
	mask := uint64(1)<<width - 1
	var acc uint64
	have := 0
	pos := 0
	for range count {
		for have < width {
			if pos >= len(src) {
				return dst
			}
			acc |= uint64(src[pos]) << have
			pos++
			have += 8
		}
		dst = append(dst, uint32(acc&mask))
		acc >>= width
		have -= width
	}
	return dst
}

// unpackMSB is the deprecated BIT_PACKED level encoding: most significant
// bit first, no runs.
func unpackMSB(dst []uint32, src []byte, width, count int) ([]uint32, int, error) {
	if count < 0 || count > maxPageValues {
		return nil, 0, corrupt("%d values in a page", count)
	}
	nbytes := (count*width + 7) / 8
	if nbytes > len(src) {
		return nil, 0, corrupt("bit-packed levels past the page")
	}
	dst = dst[:0]
	bit := 0
	for range count {
		var v uint32
		for range width {
			v = v<<1 | uint32(src[bit/8]>>(7-bit%8))&1
			bit++
		}
		dst = append(dst, v)
	}
	return dst, nbytes, nil
}

// deltaInts decodes a DELTA_BINARY_PACKED run of at most limit values from
// src into dst (reused), with wrapping 64-bit arithmetic (truncate for
// INT32). It returns the values and the bytes consumed.
func deltaInts(dst []int64, src []byte, limit int) ([]int64, int, error) {
	pos := 0
	uv := func() (uint64, error) {
		v, k := binary.Uvarint(src[pos:])
		if k <= 0 {
			return 0, corrupt("delta header")
		}
		pos += k
		return v, nil
	}
	var hdr [4]uint64
	for i := range hdr {
		v, err := uv()
		if err != nil {
			return nil, 0, err
		}
		hdr[i] = v
	}
	blockSize, miniblocks, total, zz := hdr[0], hdr[1], hdr[2], hdr[3]
	if blockSize == 0 || blockSize%128 != 0 || blockSize > 1<<20 || miniblocks == 0 || blockSize%miniblocks != 0 || (blockSize/miniblocks)%32 != 0 {
		return nil, 0, corrupt("delta block of %d in %d miniblocks", blockSize, miniblocks)
	}
	if total > uint64(limit) {
		return nil, 0, corrupt("delta run of %d values, page holds %d", total, limit)
	}
	n := int(total)
	if cap(dst) < n {
		dst = make([]int64, 0, n)
	}
	dst = dst[:0]
	if n == 0 {
		return dst, pos, nil
	}
	last := uint64(int64(zz>>1) ^ -int64(zz&1))
	dst = append(dst, int64(last))
	perMini := int(blockSize / miniblocks)
	var tmp [1 << 12]uint32
	for len(dst) < n {
		mz, err := uv()
		if err != nil {
			return nil, 0, err
		}
		minDelta := uint64(int64(mz>>1) ^ -int64(mz&1))
		if pos+int(miniblocks) > len(src) {
			return nil, 0, corrupt("delta bit widths")
		}
		widths := src[pos : pos+int(miniblocks)]
		pos += int(miniblocks)
		for _, w := range widths {
			if len(dst) >= n {
				break
			}
			if w > 64 {
				return nil, 0, corrupt("delta bit width %d", w)
			}
			nbytes := perMini * int(w) / 8
			if pos+nbytes > len(src) {
				return nil, 0, corrupt("delta miniblock")
			}
			mb := src[pos : pos+nbytes]
			pos += nbytes
			take := min(perMini, n-len(dst))
			if w <= 32 && perMini <= len(tmp) {
				for _, d := range unpackLSB(tmp[:0], mb, int(w), take) {
					last += minDelta + uint64(d)
					dst = append(dst, int64(last))
				}
				continue
			}
			bit := 0
			for range take {
				var d uint64
				for b := 0; b < int(w); b++ {
					d |= uint64(mb[bit/8]>>(bit%8)&1) << b
					bit++
				}
				last += minDelta + d
				dst = append(dst, int64(last))
			}
		}
	}
	return dst, pos, nil
}

// plainByteArrays splits n PLAIN-encoded byte arrays out of src into vals
// (reused); the values alias src.
func plainByteArrays(vals [][]byte, src []byte, n int) ([][]byte, error) {
	if n < 0 || n > maxPageValues || n > len(src)/4 {
		return nil, corrupt("%d byte arrays in %d bytes", n, len(src))
	}
	vals = vals[:0]
	pos := 0
	for range n {
		if pos+4 > len(src) {
			return nil, corrupt("byte array length past the page")
		}
		l := int64(binary.LittleEndian.Uint32(src[pos:]))
		pos += 4
		if l > int64(len(src)-pos) {
			return nil, corrupt("byte array of %d bytes past the page", l)
		}
		vals = append(vals, src[pos:pos+int(l):pos+int(l)])
		pos += int(l)
	}
	return vals, nil
}

// deltaLengthByteArrays decodes DELTA_LENGTH_BYTE_ARRAY: n lengths, then
// the values back to back. The values alias src.
func deltaLengthByteArrays(vals [][]byte, lens []int64, src []byte, n int) ([][]byte, []int64, int, error) {
	lens, k, err := deltaInts(lens, src, n)
	if err != nil {
		return nil, lens, 0, err
	}
	if len(lens) != n {
		return nil, lens, 0, corrupt("%d lengths for %d values", len(lens), n)
	}
	vals = vals[:0]
	pos := k
	for _, l := range lens {
		if l < 0 || l > int64(len(src)-pos) {
			return nil, lens, 0, corrupt("byte array of %d bytes past the page", l)
		}
		vals = append(vals, src[pos:pos+int(l):pos+int(l)])
		pos += int(l)
	}
	return vals, lens, pos, nil
}

// deltaByteArrays decodes DELTA_BYTE_ARRAY (each value a prefix of the one
// before and a suffix) into c.own, which the values alias.
func (c *pqColumn) deltaByteArrays(src []byte, n int) error {
	prefixes, k, err := deltaInts(c.ints2, src, n)
	c.ints2 = prefixes
	if err != nil {
		return err
	}
	if len(prefixes) != n {
		return corrupt("%d prefixes for %d values", len(prefixes), n)
	}
	var suffixes [][]byte
	suffixes, c.lens, _, err = deltaLengthByteArrays(c.vals2, c.lens, src[k:], n)
	if err != nil {
		return err
	}
	c.vals2 = suffixes
	total, prev := 0, 0
	for i, p := range prefixes {
		if p < 0 || p > int64(prev) {
			return corrupt("prefix of %d bytes after a value of %d", p, prev)
		}
		prev = int(p) + len(suffixes[i])
		total += prev
		if total > maxPageBytes {
			return corrupt("prefix-encoded page expands past %d bytes", maxPageBytes)
		}
	}
	if cap(c.own) < total {
		c.own = make([]byte, 0, total)
	}
	buf := c.own[:0]
	c.vals = c.vals[:0]
	start := 0
	for i, p := range prefixes {
		s := len(buf)
		buf = append(buf, buf[start:start+int(p)]...)
		buf = append(buf, suffixes[i]...)
		c.vals = append(c.vals, buf[s:len(buf):len(buf)])
		start = s
	}
	c.own = buf
	return nil
}

// plainInts decodes n PLAIN INT32 or INT64 values.
func plainInts(dst []int64, src []byte, n int, physical pqformat.Type, unsigned bool) ([]int64, error) {
	size := 8
	if physical == pqformat.Int32 {
		size = 4
	}
	if n < 0 || n > maxPageValues || n*size > len(src) {
		return nil, corrupt("%d values in %d bytes", n, len(src))
	}
	dst = dst[:0]
	for i := range n {
		if size == 4 {
			v := binary.LittleEndian.Uint32(src[i*4:])
			if unsigned {
				dst = append(dst, int64(v))
			} else {
				dst = append(dst, int64(int32(v)))
			}
		} else {
			dst = append(dst, int64(binary.LittleEndian.Uint64(src[i*8:])))
		}
	}
	return dst, nil
}

// byteStreamSplitInts decodes BYTE_STREAM_SPLIT INT32/INT64 values.
func byteStreamSplitInts(dst []int64, src []byte, n int, physical pqformat.Type, unsigned bool) ([]int64, error) {
	size := 8
	if physical == pqformat.Int32 {
		size = 4
	}
	if n < 0 || n > maxPageValues || n*size > len(src) {
		return nil, corrupt("%d values in %d bytes", n, len(src))
	}
	stride := len(src) / size
	dst = dst[:0]
	for i := range n {
		var v uint64
		for b := range size {
			v |= uint64(src[b*stride+i]) << (8 * b)
		}
		if size == 4 {
			if unsigned {
				dst = append(dst, int64(uint32(v)))
			} else {
				dst = append(dst, int64(int32(uint32(v))))
			}
		} else {
			dst = append(dst, int64(v))
		}
	}
	return dst, nil
}

func truncInts(vals []int64, unsigned bool) {
	for i, v := range vals {
		if unsigned {
			vals[i] = int64(uint32(v))
		} else {
			vals[i] = int64(int32(v))
		}
	}
}

// levelWidth is the bit width of levels up to max.
func levelWidth(max int) int { return bits.Len(uint(max)) }

// appendDecimal appends v as decimal digits, unsigned when the column is.
func appendDecimal(b []byte, v int64, unsigned bool) []byte {
	if unsigned && v < 0 {
		u := uint64(v)
		var tmp [20]byte
		i := len(tmp)
		for u > 0 {
			i--
			tmp[i] = byte('0' + u%10)
			u /= 10
		}
		return append(b, tmp[i:]...)
	}
	return appendInt(b, v)
}

func appendInt(b []byte, v int64) []byte {
	var tmp [20]byte
	i := len(tmp)
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	for {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if v < 0 {
		b = append(b, '-')
	}
	return append(b, tmp[i:]...)
}

// minLongInt is the smallest number of idDigits digits.
var minLongInt = int64(math.Pow10(idDigits - 1))

// longInt reports whether v has idDigits or more digits, as the JSONL
// reader counts them: an account, card or phone number stored as a number,
// not a count.
func longInt(v int64, unsigned bool) bool {
	if unsigned {
		return uint64(v) >= uint64(minLongInt)
	}
	return v >= minLongInt || v <= -minLongInt
}
