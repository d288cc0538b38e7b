package classify

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
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
type pattern struct {
	exact   *regexp.Regexp
	relaxed *regexp.Regexp // nil when no repetition was worth relaxing
	limit   int
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
	if p.relaxed == nil {
		return p.exact.FindSubmatchIndex(b)
	}
	m := p.relaxed.FindSubmatchIndex(b)
	if m == nil || m[1]-m[0] <= p.limit {
		return m
	}
	return p.exact.FindSubmatchIndex(b)
}

// SubexpNames is regexp.Regexp.SubexpNames.
func (p *pattern) SubexpNames() []string { return p.exact.SubexpNames() }

func (p *pattern) String() string {
	if p.relaxed == nil {
		return p.exact.String()
	}
	return fmt.Sprintf("%s (relaxed: %s, exact up to %d bytes)", p.exact, p.relaxed, p.limit)
}
