package classify

import (
	"bytes"
	"encoding/base64"
	"unicode/utf8"
)

// Encoded content: values hidden in base64, percent-encoding or JSON string
// escapes are decoded and scanned, up to maxDecodeDepth levels (base64 of
// JSON with \u escapes is two). A finding in decoded text is reported at the
// encoded span it came from, with Finding.Encoding naming the encodings.

const (
	maxDecodeDepth = 2
	// minBase64Run is the shortest run worth decoding: 18 bytes of text.
	minBase64Run = 24
	// maxDecodeRun bounds the work spent on one encoded run.
	maxDecodeRun = 1 << 20
)

// Encoding names.
const (
	EncBase64 = "base64"
	EncURL    = "url"
	EncJSON   = "json-escape"
)

// encodedRun is a stretch of text that may decode to something to scan.
type encodedRun struct {
	start, end int
	enc        string
}

var b64Tab = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['+'], t['/'], t['-'], t['_'] = true, true, true, true
	return t
}()

// noteBase64 is called by the anchor pass at a digit: base64 of text almost
// always holds digits, so looking only around digits finds the runs without
// a test on every byte. It returns the end of the run it examined.
func (s *Scanner) noteBase64(text []byte, i int) int {
	lo, hi := i, i
	for lo > 0 && b64Tab[text[lo-1]] {
		lo--
	}
	for hi < len(text) && b64Tab[text[hi]] {
		hi++
	}
	end := hi
	for k := 0; k < 2 && end < len(text) && text[end] == '='; k++ {
		end++
	}
	if hi-lo >= minBase64Run && s.depth < maxDecodeDepth && hasUpperAndLower(text[lo:hi]) {
		s.runs = append(s.runs, encodedRun{lo, end, EncBase64})
	}
	return hi
}

func hasUpperAndLower(b []byte) bool {
	up, low := false, false
	for _, c := range b {
		up = up || 'A' <= c && c <= 'Z'
		low = low || 'a' <= c && c <= 'z'
		if up && low {
			return true
		}
	}
	return false
}

// findEscaped adds the runs of text that hold percent-encoding or JSON
// escapes. Both are rare: the vector pass notes the places of '%' and
// '\\' among its anchors, and elsewhere bytes.IndexByte skips to them.
func (s *Scanner) findEscaped(text []byte) {
	if s.depth >= maxDecodeDepth || s.escapesNoted && len(s.escapes) == 0 {
		return
	}
	for _, m := range []struct {
		b   byte
		enc string
		ok  func([]byte, int) bool
	}{
		{'%', EncURL, isPercentEscape},
		{'\\', EncJSON, isJSONEscape},
	} {
		if s.escapesNoted {
			off := 0
			for _, i := range s.escapes {
				if i >= off && text[i] == m.b {
					off = s.escapeAt(text, i, m.enc, m.ok)
				}
			}
			continue
		}
		for off := 0; off < len(text); {
			i := bytes.IndexByte(text[off:], m.b)
			if i < 0 {
				break
			}
			off = s.escapeAt(text, i+off, m.enc, m.ok)
		}
	}
}

// escapeAt adds the run around text[i] if an escape starts there, and
// returns where to look for the next.
func (s *Scanner) escapeAt(text []byte, i int, enc string, ok func([]byte, int) bool) int {
	if !ok(text, i) {
		return i + 1
	}
	lo, hi := tokenAround(text, i)
	s.runs = append(s.runs, encodedRun{lo, hi, enc})
	return hi
}

func isPercentEscape(text []byte, i int) bool {
	return i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2])
}

func isJSONEscape(text []byte, i int) bool {
	if i+1 >= len(text) {
		return false
	}
	switch text[i+1] {
	case 'u':
		return i+5 < len(text) && isHex(text[i+2]) && isHex(text[i+3]) && isHex(text[i+4]) && isHex(text[i+5])
	case '/', '"':
		return true
	}
	return false
}

// tokenAround is the run of non-space bytes around i, where an escaped
// value would sit.
func tokenAround(text []byte, i int) (int, int) {
	lo, hi := i, i
	for lo > 0 && !isSpace(text[lo-1]) {
		lo--
	}
	for hi < len(text) && !isSpace(text[hi]) {
		hi++
	}
	return lo, hi
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// decodeRun decodes a run into dst, reporting false when it does not decode
// to text worth scanning.
func decodeRun(dst, run []byte, enc string) ([]byte, bool) {
	if len(run) > maxDecodeRun {
		return dst, false
	}
	switch enc {
	case EncBase64:
		return decodeBase64(dst, run)
	case EncURL:
		return decodePercent(dst, run), true
	default:
		return decodeJSONEscapes(dst, run), true
	}
}

func decodeBase64(dst, run []byte) ([]byte, bool) {
	enc := base64.StdEncoding
	if bytes.ContainsAny(run, "-_") {
		enc = base64.URLEncoding
	}
	if !bytes.HasSuffix(run, []byte("=")) {
		enc = enc.WithPadding(base64.NoPadding)
		// Unpadded runs may have a stray tail; cut to whole quanta.
		run = run[:len(run)-len(run)%4]
		if len(run)%4 == 1 {
			return dst, false
		}
	}
	// Test a prefix first: most long runs are keys or binary blobs.
	probe := run[:min(len(run), 64)]
	probe = probe[:len(probe)-len(probe)%4]
	var small [48]byte
	n, err := enc.Decode(small[:], probe)
	if err != nil && len(probe) == len(run) || !looksLikeText(small[:n]) {
		return dst, false
	}
	start := len(dst)
	dst = append(dst, make([]byte, enc.DecodedLen(len(run)))...)
	n, err = enc.Decode(dst[start:], run)
	if err != nil {
		return dst[:start], false
	}
	dst = dst[:start+n]
	return dst, looksLikeText(dst[start:])
}

// looksLikeText accepts UTF-8 text with few control bytes.
func looksLikeText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
		}
		i += max(size, 1)
	}
	return bad*20 <= len(b) // at most 5 %
}

func decodePercent(dst, run []byte) []byte {
	for i := 0; i < len(run); i++ {
		if run[i] == '%' && isPercentEscape(run, i) {
			dst = append(dst, unhex(run[i+1])<<4|unhex(run[i+2]))
			i += 2
			continue
		}
		dst = append(dst, run[i])
	}
	return dst
}

func decodeJSONEscapes(dst, run []byte) []byte {
	for i := 0; i < len(run); i++ {
		if run[i] != '\\' || i+1 >= len(run) {
			dst = append(dst, run[i])
			continue
		}
		switch c := run[i+1]; c {
		case 'u':
			if isJSONEscape(run, i) {
				r := rune(unhex(run[i+2]))<<12 | rune(unhex(run[i+3]))<<8 | rune(unhex(run[i+4]))<<4 | rune(unhex(run[i+5]))
				dst = utf8.AppendRune(dst, r)
				i += 5
				continue
			}
			dst = append(dst, run[i])
		case '/', '"', '\\':
			dst = append(dst, c)
			i++
		case 'n':
			dst = append(dst, '\n')
			i++
		case 't':
			dst = append(dst, '\t')
			i++
		default:
			dst = append(dst, run[i])
		}
	}
	return dst
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// scanEncoded decodes the runs the pass over text found and scans each
// decoded text with a child scanner, reporting what it finds at the run's
// span. Findings inside spans already reported are dropped: a JWT is not
// reported again through its decoded payload.
func (s *Scanner) scanEncoded(path string, text []byte, fn func(Finding)) {
	if len(s.runs) == 0 {
		return
	}
	if s.child == nil {
		s.child = s.e.NewScanner()
		s.child.depth = s.depth + 1
	}
	for _, r := range s.runs {
		if overlapsAny(s.emitted, r.start, r.end) {
			continue
		}
		var ok bool
		s.decoded, ok = decodeRun(s.decoded[:0], text[r.start:r.end], r.enc)
		if !ok && r.enc == EncBase64 {
			// '-' is base64url's, so a run takes in what a hyphen joins to
			// it ("2020-12-" before the payload) and then fails to decode:
			// try again from after the last hyphen.
			if k := bytes.LastIndexByte(text[r.start:r.end], '-'); k >= 0 && r.end-(r.start+k+1) >= minBase64Run {
				r.start += k + 1
				s.decoded, ok = decodeRun(s.decoded[:0], text[r.start:r.end], r.enc)
			}
		}
		if !ok || bytes.Equal(s.decoded, text[r.start:r.end]) {
			continue
		}
		s.child.Scan(path, s.decoded, func(f Finding) {
			f.Offset, f.Length = r.start, r.end-r.start
			if f.Encoding == "" {
				f.Encoding = r.enc
			} else {
				f.Encoding = r.enc + "+" + f.Encoding
			}
			fn(f)
		})
	}
}

func overlapsAny(spans [][2]int, s, e int) bool {
	for _, sp := range spans {
		if sp[0] < e && s < sp[1] {
			return true
		}
	}
	return false
}
