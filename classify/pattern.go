package classify

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
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
// The twin is compiled on first use: printing the relaxed tree for
// regexp.Compile works out the case folding of every class it holds, and
// for negated classes ([^"\r\n]{1,256}) that took a fifth of a small
// scan's start-up, for patterns most scans never run.
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
	exact *regexp.Regexp
	// relaxed returns the twin, or nil when it did not keep the exact
	// pattern's groups; it is nil itself when no repetition was worth
	// relaxing.
	relaxed func() *regexp.Regexp
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
	p.limit = limit
	p.relaxed = sync.OnceValue(func() *regexp.Regexp {
		relaxed, err := regexp.Compile(tree.String())
		if err != nil || !slices.Equal(relaxed.SubexpNames(), exact.SubexpNames()) {
			// Not expected: String is meant to round-trip. The exact
			// pattern alone is still right.
			return nil
		}
		return relaxed
	})
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
	twin := p.twin()
	if twin == nil {
		return p.exact.FindSubmatchIndex(b)
	}
	m := twin.FindSubmatchIndex(b)
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
	if p.run != nil {
		return p.run.find(b) != nil
	}
	twin := p.twin()
	if twin == nil {
		return p.exact.Match(b)
	}
	m := twin.FindIndex(b)
	if m == nil || m[1]-m[0] <= p.limit {
		return m != nil
	}
	return p.exact.Match(b)
}

// twin returns the relaxed twin, or nil when there is none.
func (p *pattern) twin() *regexp.Regexp {
	if p.relaxed == nil {
		return nil
	}
	return p.relaxed()
}

// SubexpNames is regexp.Regexp.SubexpNames.
func (p *pattern) SubexpNames() []string { return p.exact.SubexpNames() }

func (p *pattern) String() string {
	s := p.exact.String()
	if twin := p.twin(); twin != nil {
		s = fmt.Sprintf("%s (relaxed: %s, exact up to %d bytes)", s, twin, p.limit)
	}
	if p.starts != nil {
		s += fmt.Sprintf(" (starts with one of %s)", p.starts)
	}
	return s
}
