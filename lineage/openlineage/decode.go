package openlineage

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxEventSize is the most bytes one event may take. Marquez's largest
// test event is 220 KB; schemas of wide tables and column lineage make
// real ones reach a few megabytes.
const MaxEventSize = 16 << 20

// Error is a rejected event. The events after it are still read, unless
// Last.
type Error struct {
	// Index is the event's position in the input, from 1; Line the line
	// it starts on or, for broken JSON, the line of the fault.
	Index int
	Line  int
	// Type is the event's type when it was recognised.
	Type string
	Err  error
	// Last says the input could not be read past this event.
	Last bool
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("event %d (line %d): %v", e.Index, e.Line, e.Err)
	if e.Last {
		msg += "; nothing after it could be read"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

type mode int

const (
	modeDetect mode = iota
	modeLines       // one event per line
	modeArray       // a JSON array of events
	modeStream      // whole events one after another
	modeDone
)

// readAhead is how far past the end of the last event the JSON decoder
// may read: an event a little larger than MaxEventSize is read whole and
// rejected alone; a much larger one ends the input.
const readAhead = MaxEventSize + 1<<20

var errTooLarge = fmt.Errorf("larger than %d MiB", MaxEventSize>>20)

// Decoder reads OpenLineage events from an input (see the package
// documentation for the forms it takes).
type Decoder struct {
	br   *bufio.Reader
	mode mode
	n    int // events returned or rejected

	// Lines: the lines read, and the first line, read while detecting.
	line  int
	first []byte

	// Arrays and whole events.
	jd       *json.Decoder
	cr       *countingReader
	baseLine int // the line the JSON decoder's input starts on
}

// NewDecoder returns a Decoder reading r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{br: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next event, or io.EOF after the last. A rejected event
// is an *Error: call Next again for the events after it. Any other error
// is the input's (a read failing) and ends it.
func (d *Decoder) Next() (Event, error) {
	if d.mode == modeDetect {
		if err := d.detect(); err != nil {
			return Event{}, err
		}
	}
	switch d.mode {
	case modeLines:
		return d.nextLine()
	case modeArray, modeStream:
		return d.nextValue()
	}
	return Event{}, io.EOF
}

// detect reads past white space (and a byte order mark) to the first
// byte of the input and picks the mode by it.
func (d *Decoder) detect() error {
	d.line = 1
	if b, err := d.br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		d.br.Discard(3)
	}
	for {
		c, err := d.br.ReadByte()
		if err == io.EOF {
			d.mode = modeDone
			return io.EOF
		}
		if err != nil {
			return fmt.Errorf("read events: %w", err)
		}
		switch c {
		case ' ', '\t', '\r':
			continue
		case '\n':
			d.line++
			continue
		}
		d.br.UnreadByte()
		switch c {
		case '[':
			d.mode = modeArray
			d.startJSON(d.br)
			if _, err := d.jd.Token(); err != nil {
				return d.jsonFault(err)
			}
			return nil
		case '{':
			line, err := d.readLine()
			if err != nil && err != io.EOF && !errors.Is(err, errTooLarge) {
				return fmt.Errorf("read events: %w", err)
			}
			if errors.Is(err, errTooLarge) {
				d.mode = modeDone
				d.n++
				return &Error{Index: d.n, Line: d.line, Err: err, Last: true}
			}
			if json.Valid(bytes.TrimSpace(line)) {
				d.mode, d.first = modeLines, line
				d.line--
				return nil
			}
			// A first line that is not a whole value: events written out
			// whole, over many lines.
			d.mode = modeStream
			d.startJSON(io.MultiReader(bytes.NewReader(line), d.br))
			return nil
		}
		d.mode = modeDone
		d.n++
		return &Error{Index: d.n, Line: d.line, Last: true,
			Err: errors.New("not JSON: want an event object, an array of events, or one event per line")}
	}
}

func (d *Decoder) startJSON(r io.Reader) {
	d.cr = &countingReader{r: r, limit: readAhead}
	d.jd = json.NewDecoder(d.cr)
	d.baseLine = d.line
}

// readLine reads a line with its newline, at most MaxEventSize bytes; a
// longer one is read to its end and dropped.
func (d *Decoder) readLine() ([]byte, error) {
	var line []byte
	for {
		chunk, err := d.br.ReadSlice('\n')
		if len(line)+len(chunk) > MaxEventSize {
			line = nil
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = d.br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errTooLarge
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

func (d *Decoder) nextLine() (Event, error) {
	for {
		var line []byte
		var err error
		if d.first != nil {
			line, d.first = d.first, nil
		} else {
			line, err = d.readLine()
		}
		if len(line) == 0 && err == io.EOF {
			d.mode = modeDone
			return Event{}, io.EOF
		}
		d.line++
		if errors.Is(err, errTooLarge) {
			d.n++
			return Event{}, &Error{Index: d.n, Line: d.line, Err: err}
		}
		if err != nil && err != io.EOF {
			return Event{}, fmt.Errorf("read events: line %d: %w", d.line, err)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		d.n++
		ev, perr := parseEvent(line)
		if perr != nil {
			return Event{}, &Error{Index: d.n, Line: d.line, Type: ev.Type, Err: perr}
		}
		ev.Index, ev.Line = d.n, d.line
		return ev, nil
	}
}

func (d *Decoder) nextValue() (Event, error) {
	if d.mode == modeArray && !d.jd.More() {
		d.mode = modeDone
		if _, err := d.jd.Token(); err != nil { // the closing ]
			return Event{}, d.jsonFault(err)
		}
		if _, err := d.jd.Token(); err != io.EOF {
			if err == nil || d.cr.err == nil {
				d.n++
				return Event{}, &Error{Index: d.n, Line: d.lineAt(d.jd.InputOffset()), Last: true,
					Err: errors.New("not JSON: more after the array's closing ]")}
			}
			return Event{}, d.jsonFault(err)
		}
		return Event{}, io.EOF
	}
	var raw json.RawMessage
	if err := d.jd.Decode(&raw); err != nil {
		if err == io.EOF && d.mode == modeStream {
			d.mode = modeDone
			return Event{}, io.EOF
		}
		return Event{}, d.jsonFault(err)
	}
	end := d.jd.InputOffset()
	d.cr.limit = end + readAhead
	d.n++
	line := d.lineAt(end - int64(len(raw)))
	if len(raw) > MaxEventSize {
		return Event{}, &Error{Index: d.n, Line: line, Err: errTooLarge}
	}
	ev, err := parseEvent(raw)
	if err != nil {
		return Event{}, &Error{Index: d.n, Line: line, Type: ev.Type, Err: err}
	}
	ev.Index, ev.Line = d.n, line
	return ev, nil
}

// jsonFault turns the JSON decoder's error into the last event's: the
// decoder cannot go on after one.
func (d *Decoder) jsonFault(err error) error {
	d.mode = modeDone
	if d.cr.err != nil {
		return fmt.Errorf("read events: %w", d.cr.err)
	}
	d.n++
	e := &Error{Index: d.n, Line: d.lineAt(d.jd.InputOffset()), Last: true}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		e.Line = d.lineAt(se.Offset)
		e.Err = fmt.Errorf("not JSON: %v", se)
	case errors.Is(err, errTooLarge):
		e.Err = err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Line = d.lineAt(d.cr.off)
		e.Err = errors.New("not JSON: the input ends inside an event")
	default:
		e.Err = fmt.Errorf("not JSON: %v", err)
	}
	return e
}

func (d *Decoder) lineAt(off int64) int {
	return d.baseLine + d.cr.newlinesBefore(off)
}

// countingReader notes where the newlines of what it reads are, so that
// offsets the JSON decoder reports become lines, and stops reading
// (errTooLarge) at limit, so that one event cannot fill memory.
type countingReader struct {
	r      io.Reader
	off    int64   // bytes read
	nl     []int64 // offsets of newlines not yet counted in before
	before int     // newlines before the last offset asked about
	limit  int64
	err    error // the underlying reader's error, other than io.EOF
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.off >= c.limit {
		return 0, errTooLarge
	}
	if rem := c.limit - c.off; int64(len(p)) > rem {
		p = p[:rem]
	}
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.nl = append(c.nl, c.off+int64(i))
		}
	}
	c.off += int64(n)
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}

// newlinesBefore counts the newlines before off. Offsets asked about only
// grow, so the ones behind are dropped.
func (c *countingReader) newlinesBefore(off int64) int {
	i := 0
	for i < len(c.nl) && c.nl[i] < off {
		i++
	}
	c.before += i
	c.nl = c.nl[i:]
	return c.before
}
