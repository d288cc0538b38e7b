package format

import (
	"bytes"
	"context"
	"io"
)

// TextPath is the field path of a text file's lines.
const TextPath = "text"

const (
	// A PEM block is joined into one record only up to these caps, so a
	// stray BEGIN line cannot make a record of the rest of the file.
	pemMaxBytes = 64 << 10
	pemMaxLines = 1000
)

var (
	pemBegin = []byte("-----BEGIN ")
	pemEnd   = []byte("-----END ")
)

// readText delivers one record per line that is not blank, except that a
// PEM block (a line containing "-----BEGIN " through the next line containing
// "-----END ") is one record: a private key split over lines must be seen
// whole to be found. Blank lines count as rows and yield no record.
func (r *reader) readText(ctx context.Context, st *state, end int64, opts ReadOptions, fn func(*Record) error) (UnitStats, error) {
	l, rec := &st.lr, &st.rec
	var stats UnitStats
	first := int64(-1)
	done := func() UnitStats {
		if first >= 0 {
			stats.Bytes = l.pos() - first
		}
		return stats
	}
	// One bytes.Index over the buffered data finds the next BEGIN for many
	// lines at once; searching line by line costs more than the rest of
	// the loop. pemNext is the first occurrence at or after the current
	// line, or -1 when there is none before pemScanned.
	pemNext, pemScanned := int64(-1), int64(0)
	rec.Fields = append(rec.Fields[:0], Field{Path: TextPath})
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
		lines := 1
		if e := start + int64(len(line)); !cut && len(line) <= pemMaxBytes {
			if from := max(start, pemScanned); pemNext < start && from+int64(len(pemBegin)) <= e {
				if i := bytes.Index(l.buf[from-l.base:l.w], pemBegin); i >= 0 {
					pemNext = from + int64(i)
					pemScanned = pemNext + 1
				} else {
					pemNext = -1
					pemScanned = l.base + int64(l.w-len(pemBegin)+1)
				}
			}
			if pemNext >= start && pemNext+int64(len(pemBegin)) <= e && !bytes.Contains(line[pemNext-start:], pemEnd) {
				// The join is decided whatever Keep says, so records are
				// the same whichever of them a sample keeps.
				if text, n, inUnit, ok := joinPEM(l, &st.scratch, end, min(pemMaxBytes, r.opts.MaxRecordBytes)); ok {
					line, lines = text, n
					stats.Rows += inUnit - 1
				}
			}
		}
		if start == 0 {
			line = trimBOM(line)
		}
		if !cut && isBlank(line) {
			continue
		}
		if opts.Keep != nil && !opts.Keep(start) {
			continue
		}
		rec.Row, rec.Lines, rec.Key, rec.Issue = row, lines, start, ""
		rec.Fields = rec.Fields[:1]
		rec.Fields[0].Path = TextPath
		rec.Fields[0].Text = line
		if cut {
			rec.Issue = r.cutIssue
		}
		if err := fn(rec); err != nil {
			return done(), err
		}
	}
	return done(), r.streamErr(l.streamErr(), stats.Rows)
}

// joinPEM looks ahead from the BEGIN line just returned by l.next for the
// line holding "-----END ", within pemMaxLines lines and maxBytes bytes. On
// success it consumes the block and returns its lines joined with "\n" (CRs
// dropped), how many lines it has, and how many of them start before end.
// Otherwise nothing is consumed and the lines are read one by one as usual.
func joinPEM(l *lineReader, scratch *[]byte, end int64, maxBytes int) (text []byte, lines int, inUnit int64, ok bool) {
	win := l.window(maxBytes + 1)
	first := bytes.IndexByte(win, '\n')
	if first < 0 {
		return nil, 0, 0, false
	}
	lines, inUnit = 1, 1
	for p := first + 1; lines < pemMaxLines && p < len(win); {
		lineEnd, next := p, p
		if j := bytes.IndexByte(win[p:], '\n'); j >= 0 {
			lineEnd, next = p+j, p+j+1
		} else if l.err == io.EOF {
			// Everything left is buffered: this is the last line.
			lineEnd, next = len(win), len(win)
		} else {
			return nil, 0, 0, false
		}
		if lineEnd > maxBytes {
			return nil, 0, 0, false
		}
		lines++
		if l.base+int64(l.lo+p) < end {
			inUnit++
		}
		if bytes.Contains(win[p:lineEnd], pemEnd) {
			l.r = l.lo + next
			block := win[:lineEnd]
			if n := len(block); n > 0 && block[n-1] == '\r' {
				block = block[:n-1]
			}
			if bytes.IndexByte(block, '\r') < 0 {
				return block[:len(block):len(block)], lines, inUnit, true
			}
			// Drop the CR of each CRLF; a lone CR is content.
			s := (*scratch)[:0]
			for {
				i := bytes.Index(block, []byte("\r\n"))
				if i < 0 {
					break
				}
				s = append(s, block[:i]...)
				s = append(s, '\n')
				block = block[i+2:]
			}
			s = append(s, block...)
			*scratch = s
			return s[:len(s):len(s)], lines, inUnit, true
		}
		p = next
	}
	return nil, 0, 0, false
}
