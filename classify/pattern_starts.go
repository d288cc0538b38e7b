package classify

import (
	"math/bits"
	"regexp/syntax"
	"strconv"
	"strings"
)

// prefixSet is a few literals, one of which begins every match of a
// pattern: ASCII, each compared case-insensitively where the pattern
// folds case.
type prefixSet struct {
	first [256]uint16 // bit k: literal k may start with the byte
	lits  []prefixLit
}

type prefixLit struct {
	s    string
	fold bool
}

// Bounds on the literals worth looking for: more or longer ones cost more
// to compare than the backtracker's failed starts.
const (
	maxPrefixes   = 16
	maxPrefixLen  = 8
	minPrefixSize = 2
)

// newPrefixSet returns the literals that begin every match of re, or nil
// when there are none worth looking for. A pattern with an assertion
// (^, \b) is left alone: run on a suffix of the text, it would see a
// different byte before its start.
func newPrefixSet(re *syntax.Regexp) *prefixSet {
	if hasAssertion(re) {
		return nil
	}
	lits, _, ok := literals(re)
	if !ok || len(lits) == 0 {
		return nil
	}
	ps := &prefixSet{lits: covering(lits)}
	for k, l := range ps.lits {
		if len(l.s) < minPrefixSize {
			return nil
		}
		c := l.s[0]
		ps.first[c] |= 1 << k
		if l.fold {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				ps.first[c^0x20] |= 1 << k
			}
			// K and ſ fold to k and s: any byte past ASCII may start a
			// match, for the regexp to decide.
			for b := 0x80; b < 0x100; b++ {
				ps.first[b] |= 1 << k
			}
		}
	}
	return ps
}

// covering drops the literals that another one begins ("pass" begins
// "password"), and writes folded ones in lower case.
func covering(lits []prefixLit) []prefixLit {
	for i := range lits {
		if lits[i].fold {
			lits[i].s = strings.ToLower(lits[i].s)
		}
	}
	covers := func(p, l prefixLit) bool {
		if len(p.s) > len(l.s) || l.fold && !p.fold {
			return false
		}
		if p.fold {
			return strings.EqualFold(l.s[:len(p.s)], p.s)
		}
		return l.s[:len(p.s)] == p.s
	}
	var out []prefixLit
	for i, l := range lits {
		keep := true
		for j, p := range lits {
			// Of two that cover each other (the same literal twice), the
			// first stays.
			if j != i && covers(p, l) && (!covers(l, p) || j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, l)
		}
	}
	return out
}

func (ps *prefixSet) String() string {
	s := make([]string, len(ps.lits))
	for i, l := range ps.lits {
		s[i] = strconv.Quote(l.s)
		if l.fold {
			s[i] = "(?i)" + s[i]
		}
	}
	return strings.Join(s, ", ")
}

// next returns the first place in b where one of the literals begins (or
// may begin, past ASCII), or -1.
func (ps *prefixSet) next(b []byte) int {
	for i, c := range b {
		for m := ps.first[c]; m != 0; m &= m - 1 {
			if ps.lits[bits.TrailingZeros16(m)].at(b, i) {
				return i
			}
		}
	}
	return -1
}

// at reports whether l begins at b[i]: a byte past ASCII is taken to
// begin a character that folds to the literal's.
func (l *prefixLit) at(b []byte, i int) bool {
	if len(b)-i < len(l.s) {
		return false // a folded character is never shorter in UTF-8
	}
	for k := 0; k < len(l.s); k++ {
		t, c := b[i+k], l.s[k]
		switch {
		case t == c:
		case t >= 0x80:
			return l.fold
		case l.fold && t|0x20 == c|0x20 && 'a' <= c|0x20 && c|0x20 <= 'z':
		default:
			return false
		}
	}
	return true
}

func hasAssertion(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, sub := range re.Sub {
		if hasAssertion(sub) {
			return true
		}
	}
	return false
}

// literals returns strings one of which begins every match of re, whether
// they are exactly the strings re matches, and ok false when re may begin
// otherwise (an optional part, a wide class, non-ASCII).
func literals(re *syntax.Regexp) (lits []prefixLit, exact, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r >= 0x80 {
				return nil, false, false
			}
		}
		return []prefixLit{{string(re.Rune), re.Flags&syntax.FoldCase != 0}}, true, true
	case syntax.OpCharClass:
		n := 0
		for k := 0; k+1 < len(re.Rune); k += 2 {
			if re.Rune[k+1] >= 0x80 {
				return nil, false, false
			}
			n += int(re.Rune[k+1]-re.Rune[k]) + 1
		}
		if n == 0 || n > maxPrefixes {
			return nil, false, false
		}
		for k := 0; k+1 < len(re.Rune); k += 2 {
			for c := re.Rune[k]; c <= re.Rune[k+1]; c++ {
				lits = append(lits, prefixLit{s: string(c)})
			}
		}
		return lits, true, true
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpPlus:
		lits, _, ok = literals(re.Sub[0])
		return lits, false, ok
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false, false
		}
		lits, exact, ok = literals(re.Sub[0])
		return lits, exact && re.Min == 1 && re.Max == 1, ok
	case syntax.OpAlternate:
		exact = true
		for _, sub := range re.Sub {
			l, e, ok := literals(sub)
			if !ok || len(lits)+len(l) > maxPrefixes {
				return nil, false, false
			}
			lits = append(lits, l...)
			exact = exact && e
		}
		return lits, exact, true
	case syntax.OpConcat:
		lits = []prefixLit{{}}
		for _, sub := range re.Sub {
			l, e, ok := literals(sub)
			if !ok || len(lits)*len(l) > maxPrefixes {
				return lits, false, len(lits[0].s) > 0
			}
			next := make([]prefixLit, 0, len(lits)*len(l))
			for _, a := range lits {
				for _, b := range l {
					s := a.s + b.s
					if len(s) > maxPrefixLen {
						s, e = s[:maxPrefixLen], false
					}
					next = append(next, prefixLit{s, a.fold || b.fold})
				}
			}
			lits = next
			if !e {
				return lits, false, true
			}
		}
		return lits, true, len(lits[0].s) > 0
	}
	return nil, false, false
}
