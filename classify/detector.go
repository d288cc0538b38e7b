package classify

import (
	"fmt"
	"strconv"
	"strings"
)

// Anchor says where a detector's pattern may match. Regular expressions are
// the expensive part of detection, so they run only in small windows around
// anchors that one cheap pass over the text finds.
type Anchor uint8

const (
	// AnchorKeyword: near an occurrence of one of Keywords (found by one
	// case-insensitive Aho-Corasick pass over every detector's keywords).
	AnchorKeyword Anchor = iota + 1
	// AnchorAt: around an '@'.
	AnchorAt
	// AnchorNumber: around a numeric span (digits joined by single spaces,
	// dashes, dots, slashes, parentheses or '+') that passes Number.
	AnchorNumber
	// AnchorHex: around a run of hex digits joined by ':' (at least five
	// colons, or a "::"), by '-' (five dashes) or by '.' (two dots, four
	// digits each): the shapes of MAC and IPv6 addresses.
	AnchorHex
	// AnchorField: the whole value of a field whose name matches FieldNames
	// (a CSV column, the last element of a JSON path).
	AnchorField
	// AnchorAlways: the whole text, every time, for detectors whose Find
	// does its own cheap scan (dictionary words, capitalised names). Such a
	// detector costs every byte: its Find must be fast.
	AnchorAlways
)

// Until says how far past its anchor a keyword window reaches.
type Until uint8

const (
	// UntilFixed: After bytes past the anchor.
	UntilFixed Until = iota
	// UntilSpace: to the first whitespace, quote or bracket after the
	// anchor, at most After bytes: tokens and URLs end there, and long
	// tokens (a JWT) then cost no more than their own length.
	UntilSpace
	// UntilLine: to the end of the line, at most After bytes.
	UntilLine
)

// Edge names the bytes that must not touch a match on either side, so a
// match is a whole token rather than the middle of a longer one.
type Edge uint8

const (
	EdgeNone   Edge = iota
	EdgeWord        // letters, digits, '_'
	EdgeToken       // letters, digits, '_', '-'
	EdgeNumber      // letters, digits, '_'; and a '.' or ',' followed by a digit
	EdgeBase64      // letters, digits, '+', '/'; and '=' after (padding), not before (an assignment)
	EdgeHex         // letters, digits, '_', '-', ':' (a MAC or IPv6 address is not part of a longer hex run)
	// EdgeAuto requires a word boundary on each side where the match itself
	// begins or ends with a letter, digit or '_', as \b would: the rule for
	// custom patterns, whose shape residue does not know.
	EdgeAuto
)

// NumberGate is the cheap test a numeric span must pass before a
// number-anchored pattern runs on it.
type NumberGate struct {
	MinDigits int  // digits in the span
	MinDots   int  // '.' separators in the span
	Plus      bool // the span starts with '+'
	Letters   bool // two ASCII letters touch the span's start (an IBAN's country code)
	// Capital: an ASCII capital right before the span's first digit, or
	// before one space before it (a NINO's prefix, an NRIC's). The anchor
	// pass need not measure a run without one in an engine whose every
	// number-anchored detector asks for it.
	Capital bool
	// CapitalAfter: an ASCII capital right after the span's last digit, or
	// after a '-' after it (a Spanish DNI's check letter). As with
	// Capital, a run of digits that ends a span without one need not be
	// measured where every number-anchored detector asks for one of them.
	CapitalAfter bool
	// NotCode: the span is not the number part of a code glued to letters
	// by '-' or '/' (ORD-2024-001234, INV/2024/17; codeTail). For a
	// detector with EdgeNumber whose Refine is refineNotCode, or calls it
	// first, no value can start in such a span: the gate only spares the
	// window.
	NotCode bool
	// Groups are shapes of digit groups, one of which must occur as
	// consecutive groups of the span: "3-2-4" (an SSN), "4-4-4-4", "13..19"
	// (one group of 13 to 19 digits). Empty: any shape.
	Groups []string
}

// groupRange is one element of a compiled group shape.
type groupRange struct{ lo, hi int }

func compileGroups(shapes []string) ([][]groupRange, error) {
	var out [][]groupRange
	for _, shape := range shapes {
		var g []groupRange
		for _, part := range strings.Split(shape, "-") {
			lo, hi, isRange := strings.Cut(part, "..")
			a, err := strconv.Atoi(lo)
			if err != nil || a <= 0 {
				return nil, fmt.Errorf("group shape %q: %q is not a length", shape, part)
			}
			b := a
			if isRange {
				if b, err = strconv.Atoi(hi); err != nil || b < a {
					return nil, fmt.Errorf("group shape %q: bad range %q", shape, part)
				}
			}
			g = append(g, groupRange{a, b})
		}
		out = append(out, g)
	}
	return out, nil
}

// Detector is one detection rule. Most of it is data; functions appear only
// where a checksum or a structure decides (Validate) or RE2 cannot express the
// shape (Find, Refine). A rule set is compiled once by NewEngine, which
// rejects inconsistent rules with an error rather than a panic.
type Detector struct {
	ID          string // stable rule id, e.g. "phone-us"
	InfoType    string // canonical name reported, e.g. PHONE_NUMBER
	Category    string
	Description string
	Version     int // bump when matching changes, so cached results are redone

	Anchor            Anchor
	Keywords          []string // AnchorKeyword: literals, matched ASCII case-insensitively
	KeywordStartsWord bool     // a keyword counts only where no letter or digit precedes it
	Number            NumberGate
	Before, After     int   // window bytes before the anchor and (at most) after it
	Until             Until // keyword windows: how After is measured

	// Pattern is an RE2 expression run inside windows. The reported value is
	// the first participating group named "v", else the whole match. Patterns
	// must not rely on ^, $ or \b: a window starts and ends inside the text.
	Pattern string
	// Find replaces Pattern for shapes RE2 cannot express (a PEM block's
	// matching END line). It reports value spans within text[lo:hi].
	Find func(text []byte, lo, hi int, emit func(start, end int))
	// findMarked, when set, is Find given what the scanner's one pass over
	// the text marked, so that it need not pass over the text again.
	findMarked func(text []byte, lo, hi int, m *marks, emit func(start, end int))
	// notesHouses has the anchor pass note where house numbers may start
	// (marks.houses), which findMarked reads.
	notesHouses bool
	// tokenNeeds, with keyword windows that run to the token's end, is a
	// byte without which Find reports nothing in the token after the
	// keyword: a URL's user info needs '@'. Scan opens no window for the
	// detector where the token lacks it, and most URLs in prose do.
	tokenNeeds byte
	// keywordAssigns says that every match starts with a keyword whose
	// word an assignment follows: the rest of its letters, a quote, blanks,
	// then ':' or '=' ("pwd: …", "DB_PASS=…"). Scan opens no window for a
	// keyword without one, as for "pass" in "light passes through".
	keywordAssigns bool
	// findsTokens says that Find reads the whole run of letters and digits
	// (up to tokenReach bytes) around each place in its window, so that a
	// second window further inside the same run would find nothing new.
	findsTokens bool
	// Refine adjusts a value span using the whole text (an IBAN is exactly as
	// long as its country says) or rejects it.
	Refine func(text []byte, start, end int) (int, int, bool)
	Edge   Edge
	// Shrink retries a value that fails validation with its last
	// separator-delimited group cut off: a greedy pattern may have swallowed
	// an adjacent number.
	Shrink bool
	// Validate decides a candidate value: ok false rejects it; delta adjusts
	// the likelihood (a checksum that passes, a test value that lowers it).
	Validate func(v []byte) (delta int, ok bool)

	Likelihood     Likelihood // when the pattern matches and Validate passes
	Context        []string   // words near the match or in the field name: likelihood +1
	RequireContext bool       // without context the match is not reported
	// LowerContext are words near the match that make it less likely
	// ("example", "dummy"): likelihood −1. Secrets get defaultLowerContext
	// when this is nil.
	LowerContext []string
	FieldNames   []string // AnchorField: field names (words) whose values are candidates
	// Contains lists infoTypes reported even when they lie inside a match of
	// this detector (the password inside a connection string); others found
	// inside are dropped as parts of this match.
	Contains []string

	Normalize func(dst, v []byte) []byte // canonical form for the fingerprint; nil: as matched
	Mask      func(v []byte) string      // masked preview; nil: a generic mask
}

// defaultLowerContext marks secrets written in documentation and tests.
var defaultLowerContext = []string{"example", "sample", "dummy", "fake", "placeholder", "redacted", "lorem"}

// compiled is a Detector ready to run.
type compiled struct {
	*Detector
	idx      int
	re       *pattern
	vgroups  []int // submatch indexes of groups named "v"
	context  [][]byte
	lowerCtx [][]byte
	ctxSet   wordSet // context, for windows
	lowerSet wordSet // lowerCtx, for windows
	fields   []string
	contains map[string]bool
	groups   [][]groupRange
	// leftEdgeDecides: the value is the whole match, no Refine moves it,
	// and the edge rule reads the bytes before it, so a match that starts
	// where leftEdgeOK fails is rejected whatever else it is.
	leftEdgeDecides bool
}

// around is the window of d around the span text[lo:hi], in a text of n
// bytes: widened by d.Before and d.After.
func (d *compiled) around(lo, hi, n int) window {
	return window{max(0, lo-d.Before), min(n, hi+d.After)}
}

func compile(d *Detector, idx int) (*compiled, error) {
	c := &compiled{Detector: d, idx: idx}
	fail := func(format string, args ...any) (*compiled, error) {
		return nil, fmt.Errorf("detector %q: %s", d.ID, fmt.Sprintf(format, args...))
	}
	if d.ID == "" {
		return nil, fmt.Errorf("detector #%d: no id", idx)
	}
	if d.InfoType == "" || strings.ToUpper(d.InfoType) != d.InfoType {
		return fail("info type %q must be an upper-case name", d.InfoType)
	}
	if d.Likelihood < VeryUnlikely || d.Likelihood > VeryLikely {
		return fail("likelihood %d out of range", d.Likelihood)
	}
	switch d.Anchor {
	case AnchorKeyword:
		if len(d.Keywords) == 0 {
			return fail("keyword anchor without keywords")
		}
		if d.After <= 0 {
			return fail("keyword anchor needs After > 0")
		}
		if d.tokenNeeds != 0 && d.Until != UntilSpace {
			return fail("a byte the token needs, on a window not cut at the token's end")
		}
		if d.keywordAssigns && d.Before != 0 {
			return fail("a keyword that must be assigned, in a window that opens before it")
		}
	case AnchorNumber:
		if d.Number.NotCode && (d.Edge != EdgeNumber || d.Refine == nil || d.Number.Letters) {
			return fail("the NotCode gate without EdgeNumber and a Refine that rejects a code's tail")
		}
	case AnchorAt, AnchorHex, AnchorAlways:
	case AnchorField:
		if len(d.FieldNames) == 0 {
			return fail("field anchor without field names")
		}
	default:
		return fail("unknown anchor %d", d.Anchor)
	}
	if (d.Pattern == "") == (d.Find == nil) {
		return fail("exactly one of Pattern and Find must be set")
	}
	if d.Pattern != "" {
		re, err := compilePattern(d.Pattern)
		if err != nil {
			return fail("pattern: %v", err)
		}
		c.re = re
		for i, name := range re.SubexpNames() {
			if name == "v" {
				c.vgroups = append(c.vgroups, i)
			}
		}
		c.leftEdgeDecides = len(c.vgroups) == 0 && d.Refine == nil && d.Edge != EdgeNone && d.Edge != EdgeAuto
	}
	groups, err := compileGroups(d.Number.Groups)
	if err != nil {
		return fail("%v", err)
	}
	c.groups = groups
	if d.RequireContext && len(d.Context) == 0 {
		return fail("requires context but lists no context words")
	}
	for _, w := range d.Context {
		if w == "" {
			return fail("empty context word")
		}
		c.context = append(c.context, []byte(strings.ToLower(w)))
	}
	lowerWords := d.LowerContext
	if lowerWords == nil && d.Category == CategorySecrets {
		lowerWords = defaultLowerContext
	}
	for _, w := range lowerWords {
		c.lowerCtx = append(c.lowerCtx, []byte(strings.ToLower(w)))
	}
	c.ctxSet, c.lowerSet = newWordSet(c.context), newWordSet(c.lowerCtx)
	for _, f := range d.FieldNames {
		c.fields = append(c.fields, strings.ToLower(f))
	}
	if len(d.Contains) > 0 {
		c.contains = make(map[string]bool, len(d.Contains))
		for _, t := range d.Contains {
			c.contains[t] = true
		}
	}
	return c, nil
}

// value returns the span of the reported value within a submatch index
// slice.
func (c *compiled) value(m []int) (int, int) {
	for _, g := range c.vgroups {
		if m[2*g] >= 0 {
			return m[2*g], m[2*g+1]
		}
	}
	return m[0], m[1]
}

var edgeTables = func() [7][256]bool {
	var t [7][256]bool
	for b := 0; b < 256; b++ {
		c := byte(b)
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		t[EdgeWord][b] = alnum || c == '_'
		t[EdgeToken][b] = alnum || c == '_' || c == '-'
		t[EdgeNumber][b] = alnum || c == '_'
		t[EdgeBase64][b] = alnum || c == '+' || c == '/' || c == '='
		t[EdgeHex][b] = alnum || c == '_' || c == '-' || c == ':'
		t[EdgeAuto][b] = alnum || c == '_'
	}
	return t
}()

// edgesOK reports whether text[s:e] stands alone under the edge rule.
func edgesOK(edge Edge, text []byte, s, e int) bool {
	if edge == EdgeNone {
		return true
	}
	t := &edgeTables[edge]
	if edge == EdgeAuto {
		return (s == 0 || !t[text[s]] || !t[text[s-1]]) && (e == len(text) || !t[text[e-1]] || !t[text[e]])
	}
	if !leftEdgeOK(edge, text, s) {
		return false
	}
	if e < len(text) && t[text[e]] {
		return false
	}
	// 3.14159265358979 is not a card; 1,234,567,890 is not an SSN.
	if edge == EdgeNumber && e+1 < len(text) && (text[e] == '.' || text[e] == ',' || text[e] == '-') && isDigit(text[e+1]) {
		return false
	}
	return true
}

// leftEdgeOK is edgesOK's test of what comes before a value starting at
// s, for every edge but EdgeNone and EdgeAuto: it reads only the bytes
// before s.
func leftEdgeOK(edge Edge, text []byte, s int) bool {
	if s > 0 && edgeTables[edge][text[s-1]] && !(edge == EdgeBase64 && text[s-1] == '=') {
		return false
	}
	return !(edge == EdgeNumber && s > 1 && (text[s-1] == '.' || text[s-1] == ',' || text[s-1] == '-') && isDigit(text[s-2]))
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
