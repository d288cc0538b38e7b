package classify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"regexp"
	"slices"
	"strings"
	"unsafe"
)

// Finding is one detected value, without the value: its place within the
// field that was scanned, a keyed fingerprint and a masked preview.
type Finding struct {
	InfoType    string
	Detector    string // the rule that found it
	Likelihood  Likelihood
	Offset      int // bytes from the start of the field's text
	Length      int
	Fingerprint Fingerprint
	Preview     string
	// Encoding names how the value was hidden ("base64", "url",
	// "json-escape", or a chain like "base64+json-escape") when it was
	// found by decoding; Offset and Length then cover the encoded span.
	Encoding string
}

// Options tune an Engine.
type Options struct {
	// MinLikelihood drops findings below it. Default POSSIBLE.
	MinLikelihood Likelihood
	// ContextWindow is how many bytes on either side of a match are searched
	// for context words. Default 50.
	ContextWindow int
	// Allow lists values that are not to be reported.
	Allow []AllowRule
	// Disable names detector ids or infoTypes to leave out.
	Disable []string
}

// AllowRule suppresses findings whose value equals Value (as written or
// normalized) or matches Pattern (RE2, against the value as written).
// Detector and InfoType restrict the rule; empty, it applies to all.
type AllowRule struct {
	Value    string
	Pattern  string
	Detector string
	InfoType string
}

type allowRule struct {
	AllowRule
	re *regexp.Regexp
}

// Engine holds a compiled rule set and the fingerprint key. It is immutable
// and safe for concurrent use; each goroutine scans with its own Scanner.
type Engine struct {
	key       Key
	opts      Options
	allow     []allowRule
	dets      []*compiled
	ac        *prefilter
	byKeyword [][]*compiled // keyword index -> detectors
	// Number-anchored detectors: those gated on letters before the span,
	// and the others sorted by the digits they need, so a short number
	// stops at the first detector it is too short for.
	numLetters []*compiled
	numeric    []*compiled
	minDigits  int    // fewest digits a detector in numeric needs of a number standing alone (loneGroupGate)
	notCode    uint64 // the detectors among numeric's first 64 with NotCode, bit k for the k-th
	capital    uint64 // the same with Capital
	capAfter   uint64 // the same with CapitalAfter
	// allCapital: every detector in numeric has Capital or CapitalAfter
	// (or numeric is empty): a run of digits without the capital they ask
	// for needs no measuring for them (lettersMayPass).
	allCapital bool
	at         []*compiled
	hex        []*compiled
	field      []*compiled
	always     []*compiled
	houses     bool // a detector reads marks.houses
}

// NewEngine compiles detectors (Builtin() for the built-in set) under the
// fingerprint key.
func NewEngine(key Key, detectors []*Detector, opts Options) (*Engine, error) {
	if len(key.secret) == 0 {
		return nil, fmt.Errorf("classify: no fingerprint key")
	}
	if opts.MinLikelihood == 0 {
		opts.MinLikelihood = Possible
	}
	if opts.ContextWindow <= 0 {
		opts.ContextWindow = 50
	}
	e := &Engine{key: key, opts: opts}
	for i, a := range opts.Allow {
		r := allowRule{AllowRule: a}
		if (a.Value == "") == (a.Pattern == "") {
			return nil, fmt.Errorf("allow rule %d: give exactly one of value and pattern", i+1)
		}
		if a.Pattern != "" {
			re, err := regexp.Compile(a.Pattern)
			if err != nil {
				return nil, fmt.Errorf("allow rule %d: pattern: %w", i+1, err)
			}
			r.re = re
		}
		e.allow = append(e.allow, r)
	}
	detectors, err := without(detectors, opts.Disable)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var keywords []string
	kwIndex := map[string]int{}
	for i, d := range detectors {
		c, err := compile(d, i)
		if err != nil {
			return nil, err
		}
		if seen[d.ID] {
			return nil, fmt.Errorf("detector %q defined twice", d.ID)
		}
		seen[d.ID] = true
		e.dets = append(e.dets, c)
		switch d.Anchor {
		case AnchorKeyword:
			for _, k := range d.Keywords {
				k = strings.ToLower(k)
				j, ok := kwIndex[k]
				if !ok {
					j = len(keywords)
					kwIndex[k] = j
					keywords = append(keywords, k)
					e.byKeyword = append(e.byKeyword, nil)
				}
				e.byKeyword[j] = append(e.byKeyword[j], c)
			}
		case AnchorNumber:
			if d.Number.Letters {
				e.numLetters = append(e.numLetters, c)
			} else {
				e.numeric = append(e.numeric, c)
			}
		case AnchorAt:
			e.at = append(e.at, c)
		case AnchorHex:
			e.hex = append(e.hex, c)
		case AnchorField:
			e.field = append(e.field, c)
		case AnchorAlways:
			e.always = append(e.always, c)
		}
		e.houses = e.houses || d.notesHouses
	}
	slices.SortStableFunc(e.numeric, func(a, b *compiled) int { return a.Number.MinDigits - b.Number.MinDigits })
	for k, d := range e.numeric[:min(len(e.numeric), 64)] {
		if d.Number.NotCode {
			e.notCode |= 1 << k
		}
		if d.Number.Capital {
			e.capital |= 1 << k
		}
		if d.Number.CapitalAfter {
			e.capAfter |= 1 << k
		}
	}
	e.allCapital = !slices.ContainsFunc(e.numeric, func(d *compiled) bool { return !d.Number.Capital && !d.Number.CapitalAfter })
	e.minDigits = math.MaxInt
	for _, d := range e.numeric {
		if loneGroupGate(d) {
			e.minDigits = max(1, d.Number.MinDigits)
			break // sorted
		}
	}
	ac, err := newPrefilter(keywords)
	if err != nil {
		return nil, fmt.Errorf("keyword prefilter: %w", err)
	}
	e.ac = ac
	return e, nil
}

// without drops the detectors named by id or infoType in names; a name
// that matches nothing is an error, since it is most likely a typo.
func without(ds []*Detector, names []string) ([]*Detector, error) {
	if len(names) == 0 {
		return ds, nil
	}
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	used := map[string]bool{}
	var out []*Detector
	for _, d := range ds {
		if drop[d.ID] || drop[d.InfoType] {
			used[d.ID], used[d.InfoType] = true, true
			continue
		}
		out = append(out, d)
	}
	for _, n := range names {
		if !used[n] {
			return nil, fmt.Errorf("disable: no detector or infoType %q", n)
		}
	}
	return out, nil
}

// KeyID identifies the fingerprint key (see Key.ID).
func (e *Engine) KeyID() string { return e.key.ID() }

// MinLikelihood is the lowest likelihood the engine reports.
func (e *Engine) MinLikelihood() Likelihood { return e.opts.MinLikelihood }

// DetectorInfo describes a detector for listings.
type DetectorInfo struct {
	ID          string     `json:"id"`
	InfoType    string     `json:"info_type"`
	Category    string     `json:"category"`
	Description string     `json:"description"`
	Validated   bool       `json:"validated"` // a checksum or structural validator backs it
	Likelihood  Likelihood `json:"likelihood"`
	Context     bool       `json:"requires_context"`
	Version     int        `json:"version"`
}

// Detectors lists the engine's detectors in rule order.
func (e *Engine) Detectors() []DetectorInfo {
	ds := make([]*Detector, len(e.dets))
	for i, d := range e.dets {
		ds[i] = d.Detector
	}
	return Describe(ds)
}

// Describe lists detectors for people and tools.
func Describe(ds []*Detector) []DetectorInfo {
	out := make([]DetectorInfo, 0, len(ds))
	for _, d := range ds {
		out = append(out, DetectorInfo{
			ID: d.ID, InfoType: d.InfoType, Category: d.Category, Description: d.Description,
			Validated: d.Validate != nil, Likelihood: d.Likelihood, Context: d.RequireContext, Version: d.Version,
		})
	}
	return out
}

// Category returns the category of an infoType the engine detects, or "".
func (e *Engine) Category(infoType string) string {
	for _, d := range e.dets {
		if d.InfoType == infoType {
			return d.Category
		}
	}
	return ""
}

// window is a byte range of the text a detector's pattern runs on.
type window struct{ lo, hi int }

// candidate is a value a detector accepted, before overlaps are resolved.
type candidate struct {
	det   *compiled
	s, e  int
	like  Likelihood
	dead  bool
	inner bool // lies inside another kept match that allows it
}

// fieldInfo caches what a field name means to the detectors.
type fieldInfo struct {
	context []bool // per detector: the field name is context
	anchors []*compiled
	path    *FieldPath // set on first call to Field
	id      uint32     // the scanner's count of fieldInfos so far
}

// FieldPath is a field path as it may be reported, and what the path itself
// holds: a JSON object keyed by email addresses puts addresses in paths, and
// a path goes into reports, so any sensitive part of it is replaced by its
// masked preview and reported as a finding of its own.
type FieldPath struct {
	// Safe is the path with every finding replaced by
	// "{INFO_TYPE:preview}"; it is the path itself when nothing was found.
	Safe string
	// Findings are the findings in the path; offsets count bytes of the
	// path as the reader gave it.
	Findings []Finding
}

// Scanner scans texts with an Engine. It holds scratch space and is not safe
// for concurrent use.
type Scanner struct {
	e        *Engine
	hits     []kwHit
	tokenRun tokenRun // inLastToken's reading so far
	quiet    quietCache
	noQuiet  bool // the quiet cache is off, for tests that compare
	nfields  uint32
	marks    marks
	vec      bool        // the prepass runs vector code (vecPrepass)
	blocks   []blockWork // the blocks in which the vector pass found work
	// escapes are where the vector pass found '%' and '\\', in order, when
	// escapesNoted: findEscaped needs no pass of its own then.
	escapes      []int
	escapesNoted bool
	// revisitSpans, for tests, has the anchor pass come back to every
	// byte of a numeric span with hex separators, as before hexAnchorsIn.
	revisitSpans bool
	// everyDigit, for tests, has the anchor pass visit every digit of a
	// run where no detector measures numbers, as it did before it passed
	// over the run's other digits.
	everyDigit bool
	wins       [][]window // per detector
	touched    []int      // detectors with windows
	cands      []candidate
	fields     map[string]*fieldInfo
	field      *fieldInfo
	recent     [64]recentField // fieldInfos by where their path's bytes are
	lowerText  []byte          // scratch: a context window lower-cased
	norm       []byte
	span       numSpan
	gates      gateCache
	// found is s.onFound bound once, so Find callbacks do not allocate a
	// closure per window; findDet and findText are what it reports about.
	found    func(start, end int)
	findDet  *compiled
	findText []byte
	// Encoded content: runs found by the pass over the text, the spans
	// already reported, and a child scanner one decoding level down.
	depth int
	// Validator verdicts of the last Scan, per detector.
	vTried, vPassed []int32
	vTouched        []int
	runs            []encodedRun
	emitted         [][2]int
	decoded         []byte
	child           *Scanner
	mac             hash.Hash
	sum             []byte
}

// NewScanner returns a Scanner for one goroutine.
func (e *Engine) NewScanner() *Scanner {
	s := &Scanner{
		e:      e,
		wins:   make([][]window, len(e.dets)),
		fields: map[string]*fieldInfo{},
		mac:    hmac.New(sha256.New, e.key.secret),
		vec:    vecPrepass,
	}
	s.found = s.onFound
	return s
}

func (s *Scanner) onFound(start, end int) { s.consider(s.findDet, s.findText, start, end) }

// Scan reports the findings in text, the value of the field named by path
// ("text", "messages[1].content", a CSV column), in order of offset. The
// field name is context: a column named "ssn" makes a bare nine-digit number
// an SSN. fn must not retain the Finding's memory beyond the call; the
// Finding holds no part of text.
func (s *Scanner) Scan(path string, text []byte, fn func(Finding)) {
	e := s.e
	s.reset()
	s.field = s.fieldInfo(path)
	short := len(text) <= quietLen && !s.noQuiet
	if short && s.quiet.has(s.field, text) {
		return
	}

	s.hits = s.hits[:0]
	s.prepass(text)
	for _, h := range s.hits {
		start := h.end - e.ac.kwLen[h.kw]
		var prev *compiled // the detectors of a keyword often share its window (three for "://")
		var w window
		for _, d := range e.byKeyword[h.kw] {
			if d.KeywordStartsWord && start > 0 && (isLetter(text[start-1]) || isDigit(text[start-1])) {
				continue
			}
			if prev == nil || d.Before != prev.Before || d.After != prev.After || d.Until != prev.Until {
				w, prev = keywordWindow(d, text, start, h.end), d
			}
			if d.tokenNeeds != 0 && bytes.IndexByte(text[h.end:w.hi], d.tokenNeeds) < 0 {
				continue
			}
			if d.keywordAssigns && !assignedAfter(text, h.end, w.hi) {
				continue
			}
			s.addWindow(d, w)
		}
	}

	// The detectors of the field's name and those that read every text
	// have the whole text as their one window; the others, the windows
	// their anchors opened. Candidates are sorted before they are
	// resolved, so the order they come in does not matter.
	whole := window{0, len(text)}
	for _, d := range s.field.anchors {
		s.runWindow(d, text, whole)
	}
	for _, d := range e.always {
		s.runWindow(d, text, whole)
	}
	for _, i := range s.touched {
		d := e.dets[i]
		for _, w := range s.wins[i] {
			s.runWindow(d, text, w)
		}
	}
	if len(s.cands) > 0 {
		s.resolve()
		for i := range s.cands {
			c := &s.cands[i]
			if c.dead {
				continue
			}
			if f, ok := s.finding(c, text); ok {
				s.emitted = append(s.emitted, [2]int{f.Offset, f.Offset + f.Length})
				fn(f)
			}
		}
	}
	s.findEscaped(text)
	s.scanEncoded(path, text, fn)
	if short && len(s.cands) == 0 && len(s.vTouched) == 0 && len(s.runs) == 0 {
		s.quiet.add(s.field, text)
	}
}

// quietLen is the longest value the quiet cache remembers.
const quietLen = 16

// quietCache remembers short values that gave a field nothing to report:
// no candidate, no validator's verdict, nothing encoded. The same value in
// the same field gives the same nothing, and chat records repeat "user"
// and "assistant", and tables their categories, millions of times; a scan
// of a short value costs about 300 ns, a lookup here a tenth of that.
type quietCache struct {
	slots [64]quietEntry
}

type quietEntry struct {
	field *fieldInfo // nil: empty
	n     uint8
	text  [quietLen]byte
}

func (q *quietCache) slot(field *fieldInfo, text []byte) (*quietEntry, [quietLen]byte) {
	var b [quietLen]byte
	copy(b[:], text)
	h := (binary.LittleEndian.Uint64(b[:8])^uint64(len(text))<<56)*0x9E3779B97F4A7C15 ^
		(binary.LittleEndian.Uint64(b[8:])+uint64(field.id))*0xC2B2AE3D27D4EB4F
	return &q.slots[h>>58], b
}

func (q *quietCache) has(field *fieldInfo, text []byte) bool {
	e, b := q.slot(field, text)
	return e.field == field && int(e.n) == len(text) && e.text == b
}

func (q *quietCache) add(field *fieldInfo, text []byte) {
	e, b := q.slot(field, text)
	e.field, e.n, e.text = field, uint8(len(text)), b
}

// noteValidation counts a validator's verdict for LastValidation: each
// candidate is tried once, and passed at most once.
func (s *Scanner) noteValidation(d *compiled, passed bool) {
	if s.vTried == nil {
		s.vTried = make([]int32, len(s.e.dets))
		s.vPassed = make([]int32, len(s.e.dets))
	}
	if s.vTried[d.idx] == 0 && !passed {
		s.vTouched = append(s.vTouched, d.idx)
	}
	if passed {
		s.vPassed[d.idx]++
	} else {
		s.vTried[d.idx]++
	}
}

// LastValidation reports, for the last Scan, how many candidate values of
// each infoType a validator (a checksum, a structure) examined and how many
// it passed: a column of card-shaped numbers that mostly fail Luhn is order
// ids, not cards. Only detectors with validators are counted.
func (s *Scanner) LastValidation(fn func(infoType string, tried, passed int)) {
	for _, i := range s.vTouched {
		fn(s.e.dets[i].InfoType, int(s.vTried[i]), int(s.vPassed[i]))
	}
}

func (s *Scanner) reset() {
	for _, i := range s.vTouched {
		s.vTried[i], s.vPassed[i] = 0, 0
	}
	s.vTouched = s.vTouched[:0]
	s.runs, s.emitted = s.runs[:0], s.emitted[:0]
	for _, i := range s.touched {
		s.wins[i] = s.wins[i][:0]
	}
	s.touched = s.touched[:0]
	s.cands = s.cands[:0]
	s.tokenRun = tokenRun{}
}

// addWindow records a window for d, merging it with the previous one when
// they overlap: anchors arrive roughly in text order.
func (s *Scanner) addWindow(d *compiled, w window) {
	ws := s.wins[d.idx]
	if len(ws) == 0 {
		s.touched = append(s.touched, d.idx)
	} else if last := &ws[len(ws)-1]; w.lo <= last.hi && w.hi >= last.lo {
		last.lo = min(last.lo, w.lo)
		last.hi = max(last.hi, w.hi)
		return
	}
	s.wins[d.idx] = append(ws, w)
}

// assignedAfter reports whether an assignment follows the word that a
// keyword ending at k starts: the rest of its letters, a quote, blanks,
// then ':' or '=' (":=", "=>" too), all before hi.
func assignedAfter(text []byte, k, hi int) bool {
	for k < hi && isLetter(text[k]) {
		k++
	}
	if k < hi && (text[k] == '"' || text[k] == '\'') {
		k++
	}
	for k < hi && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	return k < hi && (text[k] == ':' || text[k] == '=')
}

func keywordWindow(d *compiled, text []byte, start, end int) window {
	lo := max(0, start-d.Before)
	limit := min(len(text), end+d.After)
	hi := limit
	switch d.Until {
	case UntilSpace:
		hi = end
		for hi < limit && !stopsToken(text[hi]) {
			hi++
		}
		if hi < len(text) {
			hi++ // let the pattern see the byte that ends the token
		}
	case UntilLine:
		if i := bytes.IndexByte(text[end:limit], '\n'); i >= 0 {
			hi = end + i
		}
	}
	return window{lo, hi}
}

// stopsToken reports whether b ends a token: a table, as windows that run
// to a token's end test every byte of a URL or a path.
func stopsToken(b byte) bool { return tokenStops[b] }

var tokenStops = byteSet(" \t\n\r\"'<>`()[]{}|\\,")

// runWindow runs d's pattern over one window and keeps the candidates that
// pass edges, validation and context.
func (s *Scanner) runWindow(d *compiled, text []byte, w window) {
	if d.findMarked != nil {
		s.findDet, s.findText = d, text
		d.findMarked(text, w.lo, w.hi, &s.marks, s.found)
		return
	}
	if d.Find != nil {
		s.findDet, s.findText = d, text
		d.Find(text, w.lo, w.hi, s.found)
		return
	}
	if d.RequireContext && d.Anchor == AnchorNumber {
		// A number window holds the number alone: without context words
		// around it, no value in it can be reported, and the pattern
		// need not run.
		// The window is the span widened by Before and After; context
		// is looked for around the span itself.
		vs := min(w.lo+d.Before, w.hi)
		ve := max(w.hi-d.After, vs)
		if raise, _ := s.contextOf(d, text, vs, ve); !raise {
			return
		}
	}
	sub := text[w.lo:w.hi]
	if d.Anchor == AnchorField {
		// The whole field is the one candidate: patterns anchor on it with
		// ^ and $, which would match again inside a resumed search.
		if m := d.re.FindSubmatchIndex(sub); m != nil {
			vs, ve := d.value(m)
			s.consider(d, text, w.lo+vs, w.lo+ve)
		}
		return
	}
	for pos := 0; pos < len(sub); {
		m := d.re.FindSubmatchIndex(sub[pos:])
		if m == nil {
			return
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
		vs, ve := d.value(m)
		// After a value, resume at its end rather than the match's: a
		// pattern may consume the separator that starts the next value.
		// After a rejected match, resume one byte on: a shorter value may
		// start inside it.
		next := m[0] + 1
		if s.consider(d, text, w.lo+vs, w.lo+ve) {
			next = max(ve, next)
		} else if d.leftEdgeDecides {
			// A match starting where the left edge fails is rejected,
			// whatever it is: don't look for one there.
			for next < len(sub) && !leftEdgeOK(d.Edge, text, w.lo+next) {
				next++
			}
		}
		pos = next
	}
}

// consider decides one candidate value text[vs:ve] of d and reports whether
// it was kept.
func (s *Scanner) consider(d *compiled, text []byte, vs, ve int) bool {
	if ve <= vs {
		return false
	}
	if d.Refine != nil {
		var ok bool
		if vs, ve, ok = d.Refine(text, vs, ve); !ok {
			return false
		}
	}
	ctx, neg := s.contextOf(d, text, vs, ve)
	if d.RequireContext && !ctx {
		return false
	}
	like := d.Likelihood
	if ctx {
		like++
	}
	if neg {
		like--
	}
	tried := false
	for {
		if edgesOK(d.Edge, text, vs, ve) {
			delta, ok := 0, true
			if d.Validate != nil {
				delta, ok = d.Validate(text[vs:ve])
				if !tried {
					tried = true
					s.noteValidation(d, false)
				}
			}
			if ok {
				if d.Validate != nil {
					s.noteValidation(d, true)
				}
				like += Likelihood(delta)
				break
			}
		}
		if !d.Shrink {
			return false
		}
		cut := lastSeparator(text[vs:ve])
		if cut <= 0 {
			return false
		}
		ve = vs + cut
	}
	like = like.Clamp()
	if like < s.e.opts.MinLikelihood {
		return false
	}
	for i := range s.cands {
		c := &s.cands[i]
		if c.det == d && c.s == vs && c.e == ve {
			return true // windows of one detector may overlap
		}
	}
	s.cands = append(s.cands, candidate{det: d, s: vs, e: ve, like: like})
	return true
}

// lastSeparator returns the index of the last separator of a value that a
// greedy pattern may have extended too far, or -1.
func lastSeparator(v []byte) int {
	for i := len(v) - 1; i > 0; i-- {
		switch v[i] {
		case ' ', '-', '.', '/':
			// Strip a run of separators and a dangling opening parenthesis.
			j := i
			for j > 0 && (v[j-1] == ' ' || v[j-1] == '-' || v[j-1] == '.' || v[j-1] == '(' || v[j-1] == '/') {
				j--
			}
			return j
		}
	}
	return -1
}

// resolve drops candidates that are parts of other findings: the same value
// found twice, a phone number inside an IBAN, an email inside a connection
// string. A container keeps the inner types it lists in Contains.
func (s *Scanner) resolve() {
	c := s.cands
	slices.SortFunc(c, func(a, b candidate) int {
		if a.s != b.s {
			return a.s - b.s
		}
		if a.e != b.e {
			return b.e - a.e
		}
		if a.like != b.like {
			return int(b.like) - int(a.like)
		}
		return a.det.idx - b.det.idx
	})
	for i := range c {
		for j := 0; j < i; j++ {
			k := &c[j]
			if k.dead || k.e <= c[i].s {
				continue
			}
			cur := &c[i]
			inside := k.s <= cur.s && cur.e <= k.e
			switch {
			case k.det.InfoType == cur.det.InfoType:
				// The same type twice over one stretch: keep the surer,
				// then the longer (which sorts first).
				if cur.like > k.like {
					k.dead = true
				} else {
					cur.dead = true
				}
			case inside && k.det.contains[cur.det.InfoType]:
				cur.inner = true
			case inside && k.s == cur.s && k.e == cur.e:
				if cur.like > k.like {
					k.dead = true
				} else {
					cur.dead = true
				}
			case inside && !k.inner:
				cur.dead = true
			}
			if cur.dead {
				break
			}
		}
	}
}

// finding turns a candidate into a Finding: fingerprint and preview are made
// here and the value goes no further. It reports false when the value is
// allowed or its likelihood, once documentation values are lowered, is
// below the engine's threshold.
func (s *Scanner) finding(c *candidate, text []byte) (Finding, bool) {
	v := text[c.s:c.e]
	d := c.det
	if d.Normalize != nil {
		s.norm = d.Normalize(s.norm[:0], v)
	}
	if d.Normalize == nil || len(s.norm) == 0 {
		// A value that does not normalize is fingerprinted as written, never
		// as the empty string, which every such value would share.
		s.norm = append(s.norm[:0], v...)
	}
	like := c.like
	if isKnownTestValue(d.InfoType, s.norm) {
		like = Unlikely
	}
	if like < s.e.opts.MinLikelihood || s.e.allowed(d, v, s.norm) {
		return Finding{}, false
	}
	s.mac.Reset()
	s.mac.Write(s.norm)
	s.sum = s.mac.Sum(s.sum[:0])
	var fp Fingerprint
	copy(fp[:], s.sum)
	var preview string
	if d.Mask != nil {
		preview = d.Mask(v)
	} else {
		preview = maskGeneric(v)
	}
	return Finding{
		InfoType: d.InfoType, Detector: d.ID, Likelihood: like,
		Offset: c.s, Length: c.e - c.s, Fingerprint: fp, Preview: preview,
	}, true
}

// allowed reports whether an allow rule covers the value.
func (e *Engine) allowed(d *compiled, v, norm []byte) bool {
	for i := range e.allow {
		a := &e.allow[i]
		if a.Detector != "" && a.Detector != d.ID || a.InfoType != "" && a.InfoType != d.InfoType {
			continue
		}
		if a.re != nil {
			if a.re.Match(v) {
				return true
			}
		} else if a.Value == string(v) || a.Value == string(norm) {
			return true
		} else if d.Normalize != nil && string(d.Normalize(nil, []byte(a.Value))) == string(norm) {
			// The rule may be written in another spelling of the value.
			return true
		}
	}
	return false
}

// Field returns the reportable form of a field path and the findings in
// the path itself, computing them once per distinct path. It must not be
// called from within a Scan callback.
func (s *Scanner) Field(path string) *FieldPath {
	fi := s.fieldInfo(path)
	if fi.path != nil {
		return fi.path
	}
	fp := &FieldPath{Safe: path}
	s.Scan("", []byte(path), func(f Finding) { fp.Findings = append(fp.Findings, f) })
	if len(fp.Findings) > 0 {
		var b strings.Builder
		last := 0
		for _, f := range fp.Findings {
			if f.Offset < last {
				continue // inside the previous replacement
			}
			b.WriteString(path[last:f.Offset])
			b.WriteString("{" + f.InfoType + ":" + f.Preview + "}")
			last = f.Offset + f.Length
		}
		b.WriteString(path[last:])
		fp.Safe = b.String()
	}
	fi.path = fp
	return fp
}

// HasFindings reports whether text holds any finding, for callers deciding
// whether a value is data (a CSV first row that is not a header).
func (s *Scanner) HasFindings(text []byte) bool {
	found := false
	s.Scan("", text, func(Finding) { found = true })
	return found
}

// fieldInfo returns what the field named by path means to the detectors,
// computing it once per distinct path.
func (s *Scanner) fieldInfo(path string) *fieldInfo {
	// Readers ask for a value's path (Field) and then scan the value under
	// it, and records repeat a few paths (messages[0].role,
	// messages[0].content, …) as the same interned strings. A string is
	// looked for first in the slot its bytes' address picks, where an
	// interned one compares at once; the map's lookup hashes the whole
	// path. Only the address is hashed, never trusted: the paths compare.
	r := &s.recent[uintptr(unsafe.Pointer(unsafe.StringData(path)))>>3%uintptr(len(s.recent))]
	if r.info != nil && r.path == path {
		return r.info
	}
	fi, ok := s.fields[path]
	if !ok {
		fi = s.newFieldInfo(path)
	}
	r.path, r.info = path, fi
	return fi
}

type recentField struct {
	path string
	info *fieldInfo
}

// newFieldInfo works out what the field named by path means to the
// detectors, and remembers it.
func (s *Scanner) newFieldInfo(path string) *fieldInfo {
	words := fieldWords(path)
	ctxWords := append(parentWords(path), words...)
	s.nfields++
	fi := &fieldInfo{context: make([]bool, len(s.e.dets)), id: s.nfields}
	for _, d := range s.e.dets {
		for _, w := range d.context {
			if wordsHave(ctxWords, string(w)) {
				fi.context[d.idx] = true
				break
			}
		}
	}
	for _, d := range s.e.field {
		if fieldMatches(words, d.fields) {
			fi.anchors = append(fi.anchors, d)
		}
	}
	if len(s.fields) > 4096 {
		clear(s.fields) // bound memory on data with unbounded key sets
	}
	s.fields[path] = fi
	return fi
}

// lowerWindow lower-cases text[lo:vs] and text[ve:hi] into the scanner's
// scratch buffer. Only the window is lowered: a 4 KiB field with a few
// candidates would otherwise pay for every byte of it.
func (s *Scanner) lowerWindow(text []byte, lo, vs, ve, hi int) (before, after []byte) {
	buf := appendLower(s.lowerText[:0], text[lo:vs])
	buf = appendLower(buf, text[ve:hi])
	s.lowerText = buf
	return buf[:vs-lo], buf[vs-lo:]
}

// appendLower appends src to dst with ASCII letters lower-cased, eight
// bytes at a time: it runs for every context check.
func appendLower(dst, src []byte) []byte {
	n := len(dst)
	dst = slices.Grow(dst, len(src))[:n+len(src)]
	out := dst[n:]
	i := 0
	for ; i+8 <= len(src); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		const high = 0x8080808080808080
		// Per byte, with the top bit cleared: +(0x80-'A') sets the top bit
		// from 'A' up, +(0x7F-'Z') from past 'Z'; their difference marks
		// 'A'..'Z', and bytes that had the top bit are not ASCII letters.
		h := x &^ high
		upper := (h + 0x3f3f3f3f3f3f3f3f) ^ (h + 0x2525252525252525)
		upper &= high &^ x
		binary.LittleEndian.PutUint64(out[i:], x|upper>>2)
	}
	for ; i < len(src); i++ {
		out[i] = lowerTab[src[i]]
	}
	return dst
}

// contextOf reports whether one of d's context words is in the field name
// or within the context window around text[vs:ve] (raise), and whether one
// of its lowering words is in the window (lower).
func (s *Scanner) contextOf(d *compiled, text []byte, vs, ve int) (raise, lower bool) {
	if len(d.context) == 0 && len(d.lowerCtx) == 0 {
		return false, false
	}
	if s.field.context[d.idx] && len(d.lowerCtx) == 0 {
		return true, false
	}
	w := s.e.opts.ContextWindow
	lo, hi := max(0, vs-w), min(len(text), ve+w)
	before, after := s.lowerWindow(text, lo, vs, ve, hi)
	raise = s.field.context[d.idx] || d.ctxSet.in(before) || d.ctxSet.in(after)
	lower = d.lowerSet.in(before) || d.lowerSet.in(after)
	return raise, lower
}

// containsWord reports whether w occurs in hay as a word: not preceded by a
// letter, and for words under four letters not followed by one either
// ("ip" must not match "zip" or "ship"; "phone" may match "phones").
func containsWord(hay, w []byte) bool {
	for off := 0; ; {
		i := bytes.Index(hay[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(w)
		if (i == 0 || !isLetter(hay[i-1])) && (len(w) >= 4 || end == len(hay) || !isLetter(hay[end])) {
			return true
		}
		off = i + 1
	}
}

// Fingerprints gives the keyed fingerprints a finding of infoType with this
// value would carry: the value normalized the way each of the infoType's
// detectors normalizes, then HMAC'd under the engine's key. Several
// detectors of one infoType may normalize alike; the list holds each
// fingerprint once. It is how a subject named by a person (an erasure
// request's email address) is found in what scans recorded, without the
// value ever being stored.
func (e *Engine) Fingerprints(infoType string, value []byte) []Fingerprint {
	mac := hmac.New(sha256.New, e.key.secret)
	var out []Fingerprint
	var norm []byte
	for _, d := range e.dets {
		if d.InfoType != infoType {
			continue
		}
		norm = norm[:0]
		if d.Normalize != nil {
			norm = d.Normalize(norm, value)
		}
		if d.Normalize == nil || len(norm) == 0 {
			norm = append(norm[:0], value...)
		}
		mac.Reset()
		mac.Write(norm)
		var fp Fingerprint
		copy(fp[:], mac.Sum(nil))
		if !slices.Contains(out, fp) {
			out = append(out, fp)
		}
	}
	return out
}
