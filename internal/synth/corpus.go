package synth

import "unicode/utf8"

// Prose returns n bytes of clean filler prose (paragraphs, quotes and
// look-alikes, no sensitive value): the input on which a detector engine's
// benchmark measures its cost when there is nothing to find, and on which a
// precision test expects zero findings.
func Prose(n int, seed uint64) []byte {
	if n <= 0 {
		return nil
	}
	g := New(seed)
	b := g.appendProse(make([]byte, 0, n+512), n, styleQuotes|styleNewlines)
	return cut(b, n)
}

// PlainProse returns n bytes of filler prose made of words and punctuation
// alone: no numbers, dates, ids or paths. Prose has about one look-alike in
// eight tokens, far more than running text; this is the other end, the
// cost of a scan on natural-language text such as a chat transcript or an
// article.
func PlainProse(n int, seed uint64) []byte {
	if n <= 0 {
		return nil
	}
	g := New(seed)
	b := g.appendProse(make([]byte, 0, n+512), n, styleQuotes|styleNewlines|styleWordsOnly)
	return cut(b, n)
}

// Dense returns n bytes of prose carrying one planted value about every
// 2 KB, cycling through every infoType: the benchmark input on which
// validators and context scoring actually run.
func Dense(n int, seed uint64) []byte {
	b, _ := DenseWithTruth(n, seed)
	return b
}

// DenseWithTruth is Dense with the spans of every planted value (nested
// passwords included), offsets into the returned bytes, so the same corpus
// can check recall as well as speed. The last 4 KB are filler only, so the
// cut at n never splits a value.
func DenseWithTruth(n int, seed uint64) ([]byte, []Span) {
	if n <= 0 {
		return nil, nil
	}
	g := New(seed)
	b := make([]byte, 0, n+8192)
	var spans []Span
	const tail = 4 << 10 // no plant near the end, where the cut falls
	for i := 0; ; i++ {
		b = g.appendProse(b, g.between(1200, 2400), styleQuotes|styleNewlines)
		if len(b)+tail > n {
			break
		}
		b = append(b, ' ')
		b, spans = g.appendPlant(b, spans, allInfoTypes[i%len(allInfoTypes)], modeProse)
		b = append(b, ' ')
	}
	if len(b) < n {
		b = append(b, ' ')
		b = g.appendProse(b, n-len(b), styleQuotes|styleNewlines)
	}
	return cut(b, n), spans
}

// cut truncates b to n bytes, blanking a multi-byte character the cut
// would split, so the result is valid UTF-8 of exactly n bytes.
func cut(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	i := n
	for i > 0 && !utf8.RuneStart(b[i]) {
		i--
	}
	for j := i; j < n; j++ {
		b[j] = ' '
	}
	return b[:n]
}
