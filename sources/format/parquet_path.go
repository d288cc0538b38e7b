package format

import "strconv"

// Field paths of the columnar readers, written as INFOTYPES.md says and
// as the JSONL reader writes them, so one dataset gives the same paths in
// either format: struct members dotted ("meta.author.email"), list elements
// indexed from 0 ("messages[1].content"), a name that the dotted syntax
// would misread (one holding '.', '[', ']', '"', '\\', a space or a line
// break, or an empty one) bracketed and quoted (`meta["user.name"]`), as
// needsQuoting and quoteKey do for JSON keys. Map values are always
// bracketed, keys quoted whatever they hold (`attrs["lang"]`, an integer
// key as `ids["42"]`), so a map and a list never read alike.

// appendMember appends a struct member or column name.
func appendMember(p []byte, name string) []byte {
	if !nameNeedsQuoting(name) {
		if len(p) > 0 {
			p = append(p, '.')
		}
		return append(p, name...)
	}
	return appendQuoted(p, name)
}

// appendQuoted appends ["key"] with '"' and '\\' escaped.
func appendQuoted[T string | []byte](p []byte, key T) []byte {
	p = append(p, '[', '"')
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == '"' || c == '\\' {
			p = append(p, '\\')
		}
		p = append(p, c)
	}
	return append(p, '"', ']')
}

func appendIndex(p []byte, i int64) []byte {
	p = append(p, '[')
	p = strconv.AppendInt(p, i, 10)
	return append(p, ']')
}

// nameNeedsQuoting is needsQuoting for a string.
func nameNeedsQuoting(key string) bool {
	if len(key) == 0 {
		return true
	}
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '.', '[', ']', '"', '\\', ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// pathTable interns field paths: a file repeats the same few, and a
// lookup with string(b) does not allocate. It is reset when it grows past
// maxPaths (map keys can make paths without end).
type pathTable map[string]string

func (t *pathTable) intern(b []byte) string {
	if p, ok := (*t)[string(b)]; ok {
		return p
	}
	if *t == nil || len(*t) >= maxPaths {
		*t = make(pathTable, 64)
	}
	p := string(b)
	(*t)[p] = p
	return p
}

// textArena holds the text of fields that do not live in a reader's
// buffers (integers written as digits, values copied out of a page that
// is about to be replaced); a field refers to it by offset until the
// record is complete, since the arena may move as it grows.
type textArena struct {
	buf     []byte
	pending []arenaRef
}

type arenaRef struct{ field, start, end int }

func (a *textArena) reset() {
	a.buf, a.pending = a.buf[:0], a.pending[:0]
}

// add appends text to the arena for field i.
func (a *textArena) add(i int, text []byte) {
	s := len(a.buf)
	a.buf = append(a.buf, text...)
	a.pending = append(a.pending, arenaRef{i, s, len(a.buf)})
}

// addInt appends the digits of v for field i.
func (a *textArena) addInt(i int, v int64, unsigned bool) {
	s := len(a.buf)
	a.buf = appendDecimal(a.buf, v, unsigned)
	a.pending = append(a.pending, arenaRef{i, s, len(a.buf)})
}

// fix points the pending fields at the arena, once it no longer grows.
func (a *textArena) fix(fields []Field) {
	for _, r := range a.pending {
		fields[r.field].Text = a.buf[r.start:r.end:r.end]
	}
}
