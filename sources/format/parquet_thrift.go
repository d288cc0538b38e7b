package format

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/parquet-go/parquet-go/encoding/thrift"
)

// Parquet metadata is Thrift's compact protocol. parquet-go's decoder
// allocates whatever a list or string header asks for before reading it, so
// a few crafted bytes can ask for a terabyte. thriftCheck walks the bytes
// first: every length must fit in the bytes that remain, and the memory a
// decoder would allocate, estimated from the element counts, must stay
// within a budget. It also finds where a struct ends, which page headers
// need.

// errThriftShort is returned when the struct runs past the bytes given: a
// page header read with too small a window, or a cut footer.
var errThriftShort = errors.New("thrift struct runs past the data")

const (
	thriftMaxDepth = 64
	// thriftStructCost is what the decoder may allocate per list element
	// of struct type: the largest metadata struct (ColumnChunk) is 560
	// bytes in memory.
	thriftStructCost = 576
)

type thriftCheck struct {
	b      []byte
	pos    int
	cost   int64
	budget int64
}

// thriftStructLen checks the compact-protocol struct at the start of b and
// returns its length in bytes.
func thriftStructLen(b []byte, budget int64) (int, error) {
	c := thriftCheck{b: b, budget: budget}
	if err := c.structure(0); err != nil {
		return 0, err
	}
	return c.pos, nil
}

func (c *thriftCheck) byte1() (byte, error) {
	if c.pos >= len(c.b) {
		return 0, errThriftShort
	}
	v := c.b[c.pos]
	c.pos++
	return v, nil
}

func (c *thriftCheck) uvarint() (uint64, error) {
	v, n := binary.Uvarint(c.b[c.pos:])
	if n == 0 {
		return 0, errThriftShort
	}
	if n < 0 {
		return 0, errors.New("thrift varint overflows")
	}
	c.pos += n
	return v, nil
}

func (c *thriftCheck) spend(n int64) error {
	c.cost += n
	if c.cost > c.budget {
		return fmt.Errorf("thrift metadata would need over %d MiB to decode", c.budget>>20)
	}
	return nil
}

func (c *thriftCheck) structure(depth int) error {
	if depth > thriftMaxDepth {
		return errors.New("thrift structs nested too deep")
	}
	for {
		h, err := c.byte1()
		if err != nil {
			return err
		}
		t := h & 0x0f
		if t == 0 { // stop
			return nil
		}
		if h>>4 == 0 { // long form: the field id follows
			if _, err := c.uvarint(); err != nil {
				return err
			}
		}
		if err := c.value(t, depth); err != nil {
			return err
		}
	}
}

// value skips one value of compact type t.
func (c *thriftCheck) value(t byte, depth int) error {
	switch t {
	case 1, 2: // a bool in a field header
		return nil
	case 3: // byte
		_, err := c.byte1()
		return err
	case 4, 5, 6: // i16, i32, i64 as zigzag varints
		_, err := c.uvarint()
		return err
	case 7: // double
		if c.pos+8 > len(c.b) {
			return errThriftShort
		}
		c.pos += 8
		return nil
	case 8: // binary
		n, err := c.uvarint()
		if err != nil {
			return err
		}
		if n > uint64(len(c.b)-c.pos) {
			return errThriftShort
		}
		c.pos += int(n)
		return c.spend(int64(n) + 16)
	case 9, 10: // list, set
		h, err := c.byte1()
		if err != nil {
			return err
		}
		n := uint64(h >> 4)
		et := h & 0x0f
		if n == 15 {
			if n, err = c.uvarint(); err != nil {
				return err
			}
		}
		return c.elements(n, et, depth)
	case 11: // map
		n, err := c.uvarint()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		kv, err := c.byte1()
		if err != nil {
			return err
		}
		if n > uint64(len(c.b)-c.pos) {
			return errThriftShort
		}
		if err := c.spend(int64(n) * 64); err != nil {
			return err
		}
		for range n {
			if err := c.element(kv>>4, depth); err != nil {
				return err
			}
			if err := c.element(kv&0x0f, depth); err != nil {
				return err
			}
		}
		return nil
	case 12: // struct
		return c.structure(depth + 1)
	case 13: // uuid
		if c.pos+16 > len(c.b) {
			return errThriftShort
		}
		c.pos += 16
		return nil
	}
	return fmt.Errorf("thrift type %d unknown", t)
}

func (c *thriftCheck) elements(n uint64, et byte, depth int) error {
	// Every element takes at least one byte, so a count larger than the
	// bytes left is a lie (or a cut struct).
	if n > uint64(len(c.b)-c.pos) {
		return errThriftShort
	}
	per := int64(16)
	if et == 12 {
		per = thriftStructCost
	}
	if err := c.spend(int64(n) * per); err != nil {
		return err
	}
	for range n {
		if err := c.element(et, depth); err != nil {
			return err
		}
	}
	return nil
}

// element skips a list element: booleans take a byte each there.
func (c *thriftCheck) element(t byte, depth int) error {
	if t == 1 || t == 2 {
		_, err := c.byte1()
		return err
	}
	return c.value(t, depth)
}

// thriftDecode checks b and decodes the struct at its start into v with
// parquet-go's decoder, turning a panic of the decoder into an error. It
// returns the struct's length.
func thriftDecode(b []byte, v any, budget int64) (n int, err error) {
	n, err = thriftStructLen(b, budget)
	if err != nil {
		return 0, err
	}
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, panicError(p)
		}
	}()
	var proto thrift.CompactProtocol
	r := proto.NewReaderFromBytes(b[:n])
	if err := thrift.NewDecoder(r).Decode(v); err != nil {
		return 0, err
	}
	return n, nil
}
