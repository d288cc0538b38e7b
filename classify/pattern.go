package classify

import (
	"fmt"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// pattern is a detector's regular expression with a faster twin. Go's
// regexp compiles x{20,250} into 250 copies of x, and its backtracker
// clears and walks state in proportion to the program's size at every
// call: a secret pattern of three such repetitions costs microseconds on a
// 60-byte window. The twin drops the large upper bounds (x{20,}); its
// program is a fraction of the size.
//
// The twin's matches are the exact pattern's wherever no relaxed
// repetition ran past its bound. Its paths are the exact pattern's plus
// the ones that run past a bound, in the same order of preference; when
// it finds no match, the exact pattern has none, and when its first match
// ran past no bound, that path is the exact pattern's first success too
// (every path the exact pattern prefers failed in the twin). A match no
// longer than limit cannot have run past a bound, since every relaxed
// repetition consumes at least one byte each time round; a longer one is
// decided again by the exact pattern.
//
// A pattern that is one ASCII byte class repeated ([A-Za-z0-9/+]{40},
// \d{11}) is run without the regexp package at all: the backtracker tries
// it at every start and length, where one pass over the runs of the class
// finds the same leftmost match.
//
// A pattern whose every match starts with one of a few literals
// ((?i)password|pwd…, secret…|aws…) first looks for them, and the regexp
// runs from the first: the backtracker otherwise tries every byte of a
// window as a start, and Go skips ahead by itself only for a single
// case-sensitive prefix.
type pattern struct {
	exact   *regexp.Regexp
	relaxed *regexp.Regexp // nil when no repetition was worth relaxing
	limit   int
	run     *byteRun
	starts  *prefixSet // nil when no literal set begins every match
}

// byteRun is a pattern of one repeated byte class inside caps capture
// groups.
type byteRun struct {
	in       [256]bool
	min, max int // max < 0: no bound
	lazy     bool
	caps     int
}

// find is FindSubmatchIndex: the leftmost start with at least min bytes of
// the class from it is the start of the first run that long, and the
// repetition takes all of the run it may.
func (r *byteRun) find(b []byte) []int {
	for i := 0; i < len(b); {
		if !r.in[b[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(b) && r.in[b[j]] {
			j++
		}
		if j-i < r.min {
			i = j
			continue
		}
		e := j
		switch {
		case r.lazy:
			e = i + r.min
		case r.max >= 0:
			e = min(j, i+r.max)
		}
		m := make([]int, 2+2*r.caps)
		for k := 0; k < len(m); k += 2 {
			m[k], m[k+1] = i, e
		}
		return m
	}
	return nil
}

// asByteRun returns the byteRun re is, if it is one.
func asByteRun(re *syntax.Regexp) *byteRun {
	r := &byteRun{}
	for re.Op == syntax.OpCapture {
		r.caps++
		re = re.Sub[0]
	}
	if re.Op != syntax.OpRepeat || re.Min < 1 || re.Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	cls := re.Sub[0].Rune
	for k := 0; k+1 < len(cls); k += 2 {
		if cls[k+1] >= 0x80 {
			return nil // beyond ASCII the regexp reads runes, not bytes
		}
		for c := cls[k]; c <= cls[k+1]; c++ {
			r.in[c] = true
		}
	}
	r.min, r.max, r.lazy = re.Min, re.Max, re.Flags&syntax.NonGreedy != 0
	return r
}

// relaxSpan is the least spread between a repetition's bounds that is
// worth relaxing: smaller ones cost little and would lower limit.
const relaxSpan = 8

func compilePattern(expr string) (*pattern, error) {
	exact, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &pattern{exact: exact}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	if p.run = asByteRun(tree); p.run != nil {
		return p, nil
	}
	if pre, _ := exact.LiteralPrefix(); pre == "" {
		p.starts = newPrefixSet(tree)
	}
	limit, relaxedAny := relaxRepeats(tree, -1)
	if !relaxedAny {
		return p, nil
	}
	relaxed, err := regexp.Compile(tree.String())
	if err != nil {
		// Not expected: String is meant to round-trip. The exact pattern
		// alone is still right.
		return p, nil
	}
	if !slices.Equal(relaxed.SubexpNames(), exact.SubexpNames()) {
		return p, nil
	}
	p.relaxed, p.limit = relaxed, limit
	return p, nil
}

// relaxRepeats drops the upper bound of every repetition in re whose
// bounds are far apart and whose body consumes at least one byte, and
// returns the longest match (in bytes) that cannot have run past any
// dropped bound, given limit so far (-1 for none), and whether it dropped
// one.
func relaxRepeats(re *syntax.Regexp, limit int) (int, bool) {
	any := false
	for _, sub := range re.Sub {
		var r bool
		limit, r = relaxRepeats(sub, limit)
		any = any || r
	}
	if re.Op == syntax.OpRepeat && re.Max >= 0 && re.Max-re.Min >= relaxSpan {
		if w := minBytes(re.Sub[0]); w > 0 {
			bound := re.Max * w
			if limit < 0 || bound < limit {
				limit = bound
			}
			re.Max = -1
			any = true
		}
	}
	return limit, any
}

// minBytes is a lower bound on the bytes any match of re consumes.
func minBytes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) // a rune is at least one byte
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minBytes(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minBytes(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += minBytes(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if w := minBytes(s); n < 0 || w < n {
				n = w
			}
		}
		return max(n, 0)
	default: // empty-width assertions, x*, x?, empty match
		return 0
	}
}

// FindSubmatchIndex is regexp.Regexp.FindSubmatchIndex of the exact pattern.
func (p *pattern) FindSubmatchIndex(b []byte) []int {
	if p.starts == nil {
		return p.findFrom(b)
	}
	i := p.starts.next(b)
	if i < 0 {
		return nil
	}
	m := p.findFrom(b[i:])
	for k := range m {
		if m[k] >= 0 {
			m[k] += i
		}
	}
	return m
}

func (p *pattern) findFrom(b []byte) []int {
	if p.run != nil {
		return p.run.find(b)
	}
	if p.relaxed == nil {
		return p.exact.FindSubmatchIndex(b)
	}
	m := p.relaxed.FindSubmatchIndex(b)
	if m == nil || m[1]-m[0] <= p.limit {
		return m
	}
	return p.exact.FindSubmatchIndex(b)
}

// Match is regexp.Regexp.Match of the exact pattern.
func (p *pattern) Match(b []byte) bool {
	if p.starts != nil {
		i := p.starts.next(b)
		if i < 0 {
			return false
		}
		b = b[i:]
	}
	switch {
	case p.run != nil:
		return p.run.find(b) != nil
	case p.relaxed == nil:
		return p.exact.Match(b)
	}
	m := p.relaxed.FindIndex(b)
	if m == nil || m[1]-m[0] <= p.limit {
		return m != nil
	}
	return p.exact.Match(b)
}

// SubexpNames is regexp.Regexp.SubexpNames.
func (p *pattern) SubexpNames() []string { return p.exact.SubexpNames() }

func (p *pattern) String() string {
	s := p.exact.String()
	if p.relaxed != nil {
		s = fmt.Sprintf("%s (relaxed: %s, exact up to %d bytes)", s, p.relaxed, p.limit)
	}
	if p.starts != nil {
		s += fmt.Sprintf(" (starts with one of %s)", p.starts)
	}
	return s
}

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
