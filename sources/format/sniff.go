package format

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// sniffSize is how much (decompressed) content Open looks at to decide a
// format: enough for a few lines of any text format and every magic number.
const sniffSize = 8 << 10

var bom = []byte("\xef\xbb\xbf")

func trimBOM(b []byte) []byte {
	if bytes.HasPrefix(b, bom) {
		return b[len(bom):]
	}
	return b
}

// compressionMagic names the compression whose magic bytes start b.
func compressionMagic(b []byte) Compression {
	switch {
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return Gzip
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return Zstd
	}
	return None
}

// compressionExt splits a compression extension off a lower-cased name.
func compressionExt(name string) (Compression, string) {
	for _, s := range []struct {
		ext  string
		comp Compression
	}{{".gz", Gzip}, {".gzip", Gzip}, {".zst", Zstd}, {".zstd", Zstd}} {
		if strings.HasSuffix(name, s.ext) {
			return s.comp, strings.TrimSuffix(name, s.ext)
		}
	}
	return None, name
}

// baseName is the last path element of a path or URL.
func baseName(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// extOf is the lower-cased extension of a base name, with its dot.
func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// magics name binary formats people put next to training data, so the
// skipped list says what a file is rather than only that it is binary. They
// are consulted only for content that already looks binary: several are
// plain ASCII and could start a text file.
var magics = []struct {
	off    int
	magic  string
	reason string
}{
	{0, "PAR1", "parquet inside a compressed stream (not supported)"},
	{0, "ARROW1", "arrow ipc inside a compressed stream (not supported)"},
	{0, "FEA1", "feather v1 (not supported)"},
	{0, "PK\x03\x04", "binary (zip archive)"},
	{0, "PK\x05\x06", "binary (zip archive)"},
	{0, "%PDF-", "binary (pdf document)"},
	{0, "\x89PNG\r\n\x1a\n", "binary (png image)"},
	{0, "\xff\xd8\xff", "binary (jpeg image)"},
	{0, "GIF87a", "binary (gif image)"},
	{0, "GIF89a", "binary (gif image)"},
	{0, "RIFF", "binary (riff media)"},
	{4, "ftyp", "binary (mp4 media)"},
	{0, "OggS", "binary (ogg media)"},
	{0, "fLaC", "binary (flac audio)"},
	{0, "ID3", "binary (mp3 audio)"},
	{0, "\x7fELF", "binary (elf executable)"},
	{0, "MZ", "binary (windows executable)"},
	{0, "\xcf\xfa\xed\xfe", "binary (mach-o executable)"},
	{0, "\xca\xfe\xba\xbe", "binary (java class or mach-o)"},
	{0, "\x00asm", "binary (wasm module)"},
	{0, "\x1f\x8b", "binary (gzip data)"},
	{0, "\x28\xb5\x2f\xfd", "binary (zstd data)"},
	{0, "BZh", "binary (bzip2 data, not supported)"},
	{0, "\xfd7zXZ\x00", "binary (xz data, not supported)"},
	{0, "\x04\x22\x4d\x18", "binary (lz4 data, not supported)"},
	{0, "7z\xbc\xaf\x27\x1c", "binary (7z archive)"},
	{257, "ustar", "binary (tar archive)"},
	{0, "SQLite format 3\x00", "binary (sqlite database)"},
	{0, "\x93NUMPY", "binary (numpy array)"},
	{0, "\x89HDF\r\n\x1a\n", "binary (hdf5)"},
	{0, "Obj\x01", "binary (avro container, not supported)"},
	{0, "ORC", "binary (orc, not supported)"},
	{0, "\x80\x02", "binary (python pickle)"},
	{0, "\x80\x03", "binary (python pickle)"},
	{0, "\x80\x04", "binary (python pickle)"},
	{0, "\x80\x05", "binary (python pickle)"},
}

// binaryExts give a reason for binary content whose magic is not at its
// start (an Arrow IPC stream starts with a length, not ARROW1).
var binaryExts = map[string]string{
	".parquet":     "binary (.parquet without parquet magic)",
	".pq":          "binary (.pq without parquet magic)",
	".arrow":       "binary (.arrow without arrow ipc magic)",
	".arrows":      "binary (.arrows without arrow ipc magic)",
	".feather":     "binary (.feather without arrow ipc magic, or feather v1)",
	".ipc":         "binary (.ipc without arrow ipc magic)",
	".safetensors": "binary (safetensors)",
	".npy":         "binary (numpy array)",
	".npz":         "binary (numpy archive)",
	".pt":          "binary (pytorch checkpoint)",
	".pth":         "binary (pytorch checkpoint)",
	".tfrecord":    "binary (tfrecord, not supported)",
}

// binaryReason says why content (the first bytes of an object, after
// decompression) is not text, or "" when it is text. whole says b is the
// entire object, so a rune cut at its end is really invalid.
func binaryReason(b []byte, ext string, whole bool) string {
	if !looksBinary(b, whole) {
		return ""
	}
	for _, m := range magics {
		if len(b) >= m.off+len(m.magic) && string(b[m.off:m.off+len(m.magic)]) == m.magic {
			return m.reason
		}
	}
	if r, ok := binaryExts[ext]; ok {
		return r
	}
	return "unknown format (binary)"
}

// looksBinary decides whether b is text. A NUL never occurs in text files
// we read (UTF-16 is out of scope), and nearly always occurs in binary ones.
// Legacy 8-bit text (Latin-1, CP1252) is common in scraped data, so invalid
// UTF-8 is tolerated up to a share no real text reaches; control bytes
// other than whitespace and ESC (coloured logs) are held to a lower share.
func looksBinary(b []byte, whole bool) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl, bad, n := 0, 0, len(b)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
				ctrl++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !whole && !utf8.FullRune(b[i:]) {
				n = i // a rune cut by the sniff window
				break
			}
			bad++
		}
		i += size
	}
	return ctrl*20 > n || (ctrl+bad)*10 > n*3
}

// firstLineIsObject reports whether the first non-blank line of b is a JSON
// object. When b is only the start of the object the line may be cut, and a
// valid prefix of an object is enough.
func firstLineIsObject(b []byte, whole bool) bool {
	b = trimBOM(b)
	for len(b) > 0 {
		line := b
		i := bytes.IndexByte(b, '\n')
		complete := whole
		if i >= 0 {
			line, b, complete = b[:i], b[i+1:], true
		} else {
			b = nil
		}
		line = bytes.TrimRight(line, "\r")
		if isBlank(line) {
			continue
		}
		line = bytes.TrimLeft(line, " \t")
		if line[0] != '{' {
			return false
		}
		var w jsonWalker
		_, issue := w.walk(line, nil, maxFields)
		return issue == "" || (!complete && w.eol)
	}
	return false
}

func isBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
		default:
			return false
		}
	}
	return true
}
