package format

import (
	"context"
	"fmt"
	"io"
	"strconv"
)

// maxHeaderName bounds a column name: names become Field paths and appear
// in reports, and a header cell of megabytes is data, not a name.
const maxHeaderName = 256

// csvParser reads RFC 4180 records from a lineReader's buffer. It does not
// use encoding/csv because that cannot bound a record's size; on input
// encoding/csv accepts (LazyQuotes false) it gives the same records,
// including its quirks: "\r\n" reads as "\n" everywhere, a "\r" just before
// the end of input is dropped, and empty lines are skipped. Where
// encoding/csv would fail it is lenient: a quote inside an unquoted field
// is kept, text after a closing quote is appended to the field, and an
// unterminated quoted field ends at the end of input.
type csvParser struct {
	l     *lineReader
	delim byte
	stop  [256]bool // bytes ending a run of unquoted content
	rec   []byte    // contents of the record's fields, back to back
	ends  []int     // end of each field in rec
	max   int

	store        bool // keeping contents (Keep said yes and not cut yet)
	kept         bool // Keep said yes
	cut          bool
	tooMany      bool
	unterminated bool
	eof          bool // the record ended because the input did
}

func (p *csvParser) reset(l *lineReader, delim byte, maxRecord int) {
	p.l, p.delim, p.max = l, delim, maxRecord
	p.stop = [256]bool{}
	p.stop[delim], p.stop['\n'], p.stop['\r'] = true, true, true
}

// peek returns the byte k (0 or 1) past the read position.
func (p *csvParser) peek(k int) (byte, bool) {
	l := p.l
	for l.w-l.r <= k {
		l.lo = l.r
		if !l.fill() {
			return 0, false
		}
	}
	return l.buf[l.r+k], true
}

// more refills after the buffer was used up; false at the end of input.
func (p *csvParser) more() bool {
	p.l.lo = p.l.r
	return p.l.fill()
}

func (p *csvParser) add(b []byte) {
	if !p.store {
		return
	}
	cut := false
	if room := p.max - len(p.rec); len(b) > room {
		b, cut = b[:room], true
	}
	if need := len(p.rec) + len(b); need > cap(p.rec) {
		// Grow by doubling but never past max, so a record at the cap
		// holds max bytes, not what append's rounding would give.
		nb := make([]byte, len(p.rec), min(max(2*cap(p.rec), need, 4096), p.max))
		copy(nb, p.rec)
		p.rec = nb
	}
	p.rec = append(p.rec, b...)
	if cut {
		p.ends = append(p.ends, len(p.rec))
		p.cut = true
		p.store = false
	}
}

func (p *csvParser) endField(last bool) {
	if !p.store {
		return
	}
	if !last && len(p.ends) == maxFields-1 {
		// Keep the surplus in the last field rather than lose it.
		p.tooMany = true
		p.add([]byte{p.delim})
		return
	}
	p.ends = append(p.ends, len(p.rec))
}

// next parses the next record and returns the offset of its first byte.
// keep, when not nil, decides from that offset whether contents are kept;
// a record not kept is still parsed to find its end. ok is false at the end
// of input, or on a read error (l.err), in which case a record cut by the
// error is not returned.
func (p *csvParser) next(keep func(int64) bool) (start int64, ok bool) {
	l := p.l
	for {
		c, ok := p.peek(0)
		if !ok {
			return 0, false
		}
		if c == '\n' {
			l.r++
			continue
		}
		if c == '\r' {
			c2, ok := p.peek(1)
			if !ok {
				l.r++
				return 0, false
			}
			if c2 == '\n' {
				l.r += 2
				continue
			}
		}
		break
	}
	start = l.pos()
	p.rec, p.ends = p.rec[:0], p.ends[:0]
	p.kept = keep == nil || keep(start)
	p.store = p.kept
	p.cut, p.tooMany, p.unterminated, p.eof = false, false, false, false
	for {
		var last bool
		if c, ok := p.peek(0); ok && c == '"' {
			l.r++
			last = p.quoted()
		} else {
			last = p.unquoted()
		}
		if last {
			break
		}
	}
	if p.eof && l.err != io.EOF {
		return 0, false
	}
	return start, true
}

// unquoted reads a field's content up to a delimiter or the record's end,
// and reports whether the record ended.
func (p *csvParser) unquoted() bool {
	l := p.l
	for {
		b := l.buf[l.r:l.w]
		i := 0
		for i < len(b) && !p.stop[b[i]] {
			i++
		}
		p.add(b[:i])
		l.r += i
		if i == len(b) {
			if !p.more() {
				p.eof = true
				p.endField(true)
				return true
			}
			continue
		}
		switch b[i] {
		case '\n':
			l.r++
			p.endField(true)
			return true
		case '\r':
			c2, ok := p.peek(1)
			if !ok {
				l.r++
				p.eof = true
				p.endField(true)
				return true
			}
			if c2 == '\n' {
				l.r += 2
				p.endField(true)
				return true
			}
			p.add([]byte{'\r'})
			l.r++
		default: // delimiter
			l.r++
			p.endField(false)
			return false
		}
	}
}

// quoted reads a quoted field after its opening quote.
func (p *csvParser) quoted() bool {
	l := p.l
	for {
		b := l.buf[l.r:l.w]
		i := 0
		for i < len(b) && b[i] != '"' && b[i] != '\r' {
			i++
		}
		p.add(b[:i])
		l.r += i
		if i == len(b) {
			if !p.more() {
				p.eof = true
				p.unterminated = true
				p.endField(true)
				return true
			}
			continue
		}
		if b[i] == '\r' {
			c2, ok := p.peek(1)
			switch {
			case !ok:
				l.r++
			case c2 == '\n':
				p.add([]byte{'\n'})
				l.r += 2
			default:
				p.add([]byte{'\r'})
				l.r++
			}
			continue
		}
		l.r++ // the quote
		c, ok := p.peek(0)
		if !ok {
			p.eof = true
			p.endField(true)
			return true
		}
		switch c {
		case '"':
			p.add([]byte{'"'})
			l.r++
		case p.delim:
			l.r++
			p.endField(false)
			return false
		case '\n':
			l.r++
			p.endField(true)
			return true
		case '\r':
			c2, ok := p.peek(1)
			if !ok {
				l.r++
				p.eof = true
				p.endField(true)
				return true
			}
			if c2 == '\n' {
				l.r += 2
				p.endField(true)
				return true
			}
			return p.unquoted()
		default:
			return p.unquoted()
		}
	}
}

// field returns field i of the record just parsed.
func (p *csvParser) field(i int) []byte {
	from := 0
	if i > 0 {
		from = p.ends[i-1]
	}
	return p.rec[from:p.ends[i]:p.ends[i]]
}

// issue describes what was wrong with the record just parsed, or "".
func (p *csvParser) issue(header int, cutIssue string) string {
	var s string
	join := func(t string) {
		if s != "" {
			s += "; "
		}
		s += t
	}
	if p.cut {
		join(cutIssue)
	}
	if p.tooMany {
		join(fmt.Sprintf("too many fields: over %d, rest joined into the last", maxFields))
	}
	if p.unterminated {
		join("unterminated quoted field")
	}
	if !p.cut && !p.tooMany && len(p.ends) != header {
		join(fmt.Sprintf("ragged row: %d fields, header has %d", len(p.ends), header))
	}
	return s
}

// columnNames turns a header record into unique, non-empty field paths:
// an empty name becomes col_N and a repeated one name_N (N counted from 1).
func columnNames(p *csvParser) []string {
	names := make([]string, len(p.ends))
	seen := make(map[string]bool, len(p.ends))
	for i := range p.ends {
		name := string(trimName(p.field(i)))
		if name == "" || seen[name] {
			base := name
			if base == "" {
				base = "col"
			}
			name = base + "_" + strconv.Itoa(i+1)
			for seen[name] {
				name += "_"
			}
		}
		seen[name] = true
		names[i] = name
	}
	return names
}

func trimName(b []byte) []byte {
	if len(b) <= maxHeaderName {
		return b
	}
	b = b[:maxHeaderName]
	// Do not end inside a UTF-8 sequence.
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] < 0x80 {
			break
		}
		if b[i] >= 0xc0 {
			return b[:i]
		}
	}
	return b
}

// readCSV delivers one record per data row; the first record is the header
// and names the columns. Empty cells yield no field.
func (r *reader) readCSV(ctx context.Context, st *state, delim byte, opts ReadOptions, fn func(*Record) error) (UnitStats, error) {
	l, rec, p := &st.lr, &st.rec, &st.csv
	p.reset(l, delim, r.opts.MaxRecordBytes)
	var stats UnitStats
	done := func() UnitStats {
		stats.Bytes = l.pos()
		return stats
	}
	if c, ok := p.peek(0); ok && c == bom[0] {
		if w := l.window(len(bom)); len(w) >= len(bom) && string(w[:len(bom)]) == string(bom) {
			l.r += len(bom)
		}
	}
	hstart, ok := p.next(nil)
	if !ok {
		return done(), r.streamErr(l.streamErr(), 0)
	}
	// A first row that holds data rather than names (a CSV without a
	// header) must not become field paths: paths go into reports.
	headless := false
	if opts.HeaderIsData != nil {
		cells := make([][]byte, len(p.ends))
		for i := range p.ends {
			cells[i] = p.field(i)
		}
		headless = opts.HeaderIsData(cells)
	}
	var names []string
	if headless {
		names = make([]string, len(p.ends))
		for i := range names {
			names[i] = "col_" + strconv.Itoa(i+1)
		}
	} else {
		names = columnNames(p)
	}
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		seen[n] = true
	}
	name := func(i int) string {
		for i >= len(names) {
			n := "col_" + strconv.Itoa(len(names)+1)
			for seen[n] {
				n += "_"
			}
			seen[n] = true
			names = append(names, n)
		}
		return names[i]
	}
	header := len(names)
	emit := func(start int64) error {
		row := stats.Rows
		stats.Rows++
		rec.Row, rec.Lines, rec.Key = row, 1, start
		rec.Issue = p.issue(header, r.cutIssue)
		rec.Fields = rec.Fields[:0]
		for i := range p.ends {
			if f := p.field(i); len(f) > 0 {
				rec.Fields = append(rec.Fields, Field{Path: name(i), Text: f})
			}
		}
		return fn(rec)
	}
	if headless {
		if opts.Keep == nil || opts.Keep(hstart) {
			if err := emit(hstart); err != nil {
				return done(), err
			}
		} else {
			stats.Rows++
		}
	}
	for n := 1; ; n++ {
		if n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return done(), err
			}
		}
		start, ok := p.next(opts.Keep)
		if !ok {
			break
		}
		if !p.kept {
			stats.Rows++
			continue
		}
		if err := emit(start); err != nil {
			return done(), err
		}
	}
	return done(), r.streamErr(l.streamErr(), stats.Rows)
}
