package format

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	// maxDepth bounds nesting so a line of ten million '[' costs no stack.
	maxDepth = 512
	// maxFields bounds the Fields of one record; a record with more is given
	// raw (JSONL) or has its surplus columns joined into the last (CSV), so
	// nothing goes unscanned and memory stays near the record's size.
	maxFields = 1 << 16
	// maxPaths bounds the path intern table; objects keyed by ids would
	// otherwise grow it forever.
	maxPaths = 4096
	// idDigits is the shortest integer given as a field: account numbers,
	// card numbers and phone numbers stored as JSON numbers are scanned,
	// counts and small ids are not.
	idDigits = 7
)

// jsonWalker yields the string values of one JSON value, with their paths.
// It works on the raw line so unescaped strings are zero-copy slices of it
// and invalid UTF-8 stays byte-exact (encoding/json would replace it,
// breaking offsets).
type jsonWalker struct {
	line    []byte
	pos     int
	path    []byte
	keyBuf  []byte
	scratch []byte
	fields  []Field
	paths   map[string]string
	max     int
	tooMany bool
	errPos  int
	errMsg  string
	eol     bool // the error is running out of input: a cut line
}

// walk parses line as one JSON value and appends its string fields to
// fields. The Text of an appended field is valid until the next walk. On
// invalid JSON it returns the issue and whatever fields it found before the
// error; callers replace them by the raw line.
func (w *jsonWalker) walk(line []byte, fields []Field, maxFields int) ([]Field, string) {
	w.line, w.pos = line, 0
	w.path = w.path[:0]
	w.scratch = w.scratch[:0]
	w.fields = fields
	w.max, w.tooMany = maxFields, false
	w.errMsg, w.eol = "", false
	w.ws()
	if w.value(0) {
		w.ws()
		if w.pos < len(w.line) {
			w.fail(w.pos, "data after the value")
		}
	}
	fields = w.fields
	w.fields = nil
	if w.errMsg != "" {
		return fields, fmt.Sprintf("invalid JSON at byte %d: %s", w.errPos, w.errMsg)
	}
	if w.tooMany {
		return fields, fmt.Sprintf("too many fields: over %d, record given raw", w.max)
	}
	return fields, ""
}

func (w *jsonWalker) fail(pos int, msg string) bool {
	if w.errMsg == "" {
		w.errPos, w.errMsg = pos, msg
	}
	return false
}

// unexpected reports the byte at pos. Only JSON punctuation is named: any
// other byte outside a string would be a piece of the record's content.
func (w *jsonWalker) unexpected() bool {
	if w.pos >= len(w.line) {
		w.eol = true
		return w.fail(w.pos, "unexpected end of line")
	}
	switch c := w.line[w.pos]; c {
	case '{', '}', '[', ']', ':', ',', '"':
		return w.fail(w.pos, "unexpected '"+string(c)+"'")
	}
	return w.fail(w.pos, "unexpected character")
}

func (w *jsonWalker) ws() {
	for w.pos < len(w.line) {
		switch w.line[w.pos] {
		case ' ', '\t', '\r', '\n':
			w.pos++
		default:
			return
		}
	}
}

func (w *jsonWalker) value(depth int) bool {
	if w.pos >= len(w.line) {
		return w.unexpected()
	}
	switch c := w.line[w.pos]; {
	case c == '{':
		return w.object(depth + 1)
	case c == '[':
		return w.array(depth + 1)
	case c == '"':
		s, ok := w.str(false)
		if ok && len(s) > 0 {
			w.emit(s)
		}
		return ok
	case c == 't':
		return w.literal("true")
	case c == 'f':
		return w.literal("false")
	case c == 'n':
		return w.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return w.number()
	}
	return w.unexpected()
}

func (w *jsonWalker) literal(lit string) bool {
	rest := w.line[w.pos:]
	if len(rest) >= len(lit) && string(rest[:len(lit)]) == lit {
		w.pos += len(lit)
		return true
	}
	if len(rest) < len(lit) && string(rest) == lit[:len(rest)] {
		w.pos = len(w.line)
		return w.unexpected()
	}
	return w.unexpected()
}

func (w *jsonWalker) object(depth int) bool {
	if depth > maxDepth {
		return w.fail(w.pos, "nesting deeper than "+strconv.Itoa(maxDepth))
	}
	w.pos++ // '{'
	w.ws()
	if w.pos < len(w.line) && w.line[w.pos] == '}' {
		w.pos++
		return true
	}
	plen := len(w.path)
	for {
		if w.pos >= len(w.line) || w.line[w.pos] != '"' {
			return w.unexpected()
		}
		w.path = w.path[:plen]
		if plen > 0 {
			w.path = append(w.path, '.')
		}
		keyStart := len(w.path)
		if _, ok := w.str(true); !ok {
			return false
		}
		if needsQuoting(w.path[keyStart:]) {
			w.quoteKey(plen, keyStart)
		}
		w.ws()
		if w.pos >= len(w.line) || w.line[w.pos] != ':' {
			return w.unexpected()
		}
		w.pos++
		w.ws()
		if !w.value(depth) {
			return false
		}
		w.ws()
		if w.pos < len(w.line) {
			switch w.line[w.pos] {
			case ',':
				w.pos++
				w.ws()
				continue
			case '}':
				w.pos++
				w.path = w.path[:plen]
				return true
			}
		}
		return w.unexpected()
	}
}

// needsQuoting reports whether a key cannot be written dotted: it is empty
// or holds a byte that the path syntax or a reader of it would misread.
func needsQuoting(key []byte) bool {
	if len(key) == 0 {
		return true
	}
	for _, c := range key {
		switch c {
		case '.', '[', ']', '"', '\\', ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// quoteKey rewrites the key at path[keyStart:] in bracket form, a["k.e y"],
// so that a key holding dots (an email address, a domain) stays one element
// of the path and paths stay unambiguous.
func (w *jsonWalker) quoteKey(plen, keyStart int) {
	key := append(w.keyBuf[:0], w.path[keyStart:]...)
	w.keyBuf = key
	w.path = append(w.path[:plen], '[', '"')
	for _, c := range key {
		if c == '"' || c == '\\' {
			w.path = append(w.path, '\\')
		}
		w.path = append(w.path, c)
	}
	w.path = append(w.path, '"', ']')
}

func (w *jsonWalker) array(depth int) bool {
	if depth > maxDepth {
		return w.fail(w.pos, "nesting deeper than "+strconv.Itoa(maxDepth))
	}
	w.pos++ // '['
	w.ws()
	if w.pos < len(w.line) && w.line[w.pos] == ']' {
		w.pos++
		return true
	}
	plen := len(w.path)
	for i := 0; ; i++ {
		w.path = append(w.path[:plen], '[')
		w.path = strconv.AppendInt(w.path, int64(i), 10)
		w.path = append(w.path, ']')
		if !w.value(depth) {
			return false
		}
		w.ws()
		if w.pos < len(w.line) {
			switch w.line[w.pos] {
			case ',':
				w.pos++
				w.ws()
				continue
			case ']':
				w.pos++
				w.path = w.path[:plen]
				return true
			}
		}
		return w.unexpected()
	}
}

// number validates a JSON number and gives integer tokens of idDigits or
// more digits as fields, raw: a card number stored as a number must be
// scanned like one stored as a string.
func (w *jsonWalker) number() bool {
	line, start := w.line, w.pos
	p := w.pos
	if line[p] == '-' {
		p++
	}
	digits := p
	switch {
	case p < len(line) && line[p] == '0':
		p++
	case p < len(line) && line[p] >= '1' && line[p] <= '9':
		for p < len(line) && line[p] >= '0' && line[p] <= '9' {
			p++
		}
	default:
		w.pos = p
		return w.unexpected()
	}
	intDigits := p - digits
	integer := true
	if p < len(line) && line[p] == '.' {
		p++
		if p >= len(line) || line[p] < '0' || line[p] > '9' {
			w.pos = p
			return w.badNumber()
		}
		for p < len(line) && line[p] >= '0' && line[p] <= '9' {
			p++
		}
		integer = false
	}
	if p < len(line) && (line[p] == 'e' || line[p] == 'E') {
		p++
		if p < len(line) && (line[p] == '+' || line[p] == '-') {
			p++
		}
		if p >= len(line) || line[p] < '0' || line[p] > '9' {
			w.pos = p
			return w.badNumber()
		}
		for p < len(line) && line[p] >= '0' && line[p] <= '9' {
			p++
		}
		integer = false
	}
	w.pos = p
	if integer && intDigits >= idDigits {
		w.emit(line[start:p:p])
	}
	return true
}

func (w *jsonWalker) badNumber() bool {
	if w.pos >= len(w.line) {
		w.eol = true
	}
	return w.fail(w.pos, "invalid number")
}

// str reads the string at w.pos. A value is returned as a slice of the line
// when it has no escapes, else unescaped into scratch; a key (key true) is
// appended to the path instead.
func (w *jsonWalker) str(key bool) ([]byte, bool) {
	open := w.pos
	start := open + 1
	rest := w.line[start:]
	q := bytes.IndexByte(rest, '"')
	if q < 0 {
		w.eol = true
		return nil, w.fail(open, "unterminated string")
	}
	if bytes.IndexByte(rest[:q], '\\') < 0 {
		w.pos = start + q + 1
		s := rest[:q:q]
		if key {
			w.path = append(w.path, s...)
		}
		return s, true
	}
	var dst []byte
	if key {
		dst = w.path
	} else {
		dst = w.scratch
	}
	from := len(dst)
	dst, ok := w.unescape(dst, start, start+q)
	if key {
		w.path = dst
		return nil, ok
	}
	w.scratch = dst
	// Earlier fields may point into scratch; when append moves it they keep
	// the old array, whose bytes are never written again during this walk.
	return dst[from:len(dst):len(dst)], ok
}

// unescape appends the string starting at i, whose next '"' is at q, to dst
// and leaves w.pos after its closing quote.
func (w *jsonWalker) unescape(dst []byte, i, q int) ([]byte, bool) {
	line := w.line
	for {
		if q < i {
			k := bytes.IndexByte(line[i:], '"')
			if k < 0 {
				w.eol = true
				return dst, w.fail(i, "unterminated string")
			}
			q = i + k
		}
		k := bytes.IndexByte(line[i:q], '\\')
		if k < 0 {
			dst = append(dst, line[i:q]...)
			w.pos = q + 1
			return dst, true
		}
		j := i + k
		dst = append(dst, line[i:j]...)
		if j+1 >= len(line) {
			w.eol = true
			return dst, w.fail(j, "unterminated string")
		}
		i = j + 2
		switch line[j+1] {
		case '"', '\\', '/':
			dst = append(dst, line[j+1])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := hex4(line, j+2)
			if !ok {
				if len(line) < j+6 {
					w.eol = true
				}
				return dst, w.fail(j, "invalid escape")
			}
			i = j + 6
			if utf16.IsSurrogate(r) {
				// A high surrogate pairs with an immediately following low
				// one; anything else is a lone surrogate, which has no
				// UTF-8 form.
				lo, ok := rune(0), false
				if r < 0xdc00 && i+1 < len(line) && line[i] == '\\' && line[i+1] == 'u' {
					lo, ok = hex4(line, i+2)
				}
				if ok && lo >= 0xdc00 && lo <= 0xdfff {
					r = utf16.DecodeRune(r, lo)
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
		default:
			return dst, w.fail(j, "invalid escape")
		}
	}
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// emit adds a field at the current path. Paths are interned: a record
// stream repeats the same few paths, and m[string(b)] does not allocate.
func (w *jsonWalker) emit(text []byte) {
	if len(w.fields) >= w.max {
		w.tooMany = true
		return
	}
	p, ok := w.paths[string(w.path)]
	if !ok {
		if w.paths == nil || len(w.paths) >= maxPaths {
			w.paths = make(map[string]string, 64)
		}
		p = string(w.path)
		w.paths[p] = p
	}
	w.fields = append(w.fields, Field{Path: p, Text: text})
}

// readJSONL delivers one record per non-blank line. Blank lines count as
// rows and yield no record.
func (r *reader) readJSONL(ctx context.Context, st *state, end int64, opts ReadOptions, fn func(*Record) error) (UnitStats, error) {
	l, rec := &st.lr, &st.rec
	var stats UnitStats
	first := int64(-1)
	done := func() UnitStats {
		if first >= 0 {
			stats.Bytes = l.pos() - first
		}
		return stats
	}
	for n := 1; ; n++ {
		if n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return done(), err
			}
		}
		line, start, cut, ok := l.next(end)
		if !ok {
			break
		}
		if first < 0 {
			first = start
		}
		row := stats.Rows
		stats.Rows++
		if start == 0 {
			line = trimBOM(line)
		}
		if !cut && isBlank(line) {
			continue
		}
		if opts.Keep != nil && !opts.Keep(start) {
			continue
		}
		rec.Row, rec.Lines, rec.Key, rec.Issue = row, 1, start, ""
		if cut {
			rec.Fields = append(rec.Fields[:0], Field{Path: RawPath, Text: line})
			rec.Issue = r.cutIssue
		} else {
			rec.Fields, rec.Issue = st.json.walk(line, rec.Fields[:0], maxFields)
			if rec.Issue != "" {
				rec.Fields = append(rec.Fields[:0], Field{Path: RawPath, Text: line})
			}
		}
		if err := fn(rec); err != nil {
			return done(), err
		}
	}
	return done(), r.streamErr(l.streamErr(), stats.Rows)
}
