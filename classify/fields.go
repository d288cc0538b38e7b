package classify

import "strings"

// fieldWords splits the last element of a field path into lower-case words:
// "meta.authorEmail" gives [author email], "messages[1].content" gives
// [content], a CSV column "Card Number" gives [card number].
func fieldWords(path string) []string {
	return splitWords(lastElement(path))
}

// parentWords are the words of the element before the last, which is context
// too: "phone.number".
func parentWords(path string) []string {
	p := strings.TrimRight(path, "]0123456789[")
	i := strings.LastIndexByte(p, '.')
	if i < 0 {
		return nil
	}
	return splitWords(lastElement(p[:i]))
}

func lastElement(path string) string {
	p := path
	for strings.HasSuffix(p, "]") {
		i := strings.LastIndexByte(p, '[')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		p = p[i+1:]
	}
	return p
}

func splitWords(s string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			cur = append(cur, c)
		case 'A' <= c && c <= 'Z':
			// camelCase starts a word; an acronym (SSN, IPAddress) stays one.
			if len(cur) > 0 && i > 0 && !('A' <= s[i-1] && s[i-1] <= 'Z') {
				flush()
			} else if len(cur) > 0 && i+1 < len(s) && 'a' <= s[i+1] && s[i+1] <= 'z' && 'A' <= s[i-1] && s[i-1] <= 'Z' {
				flush()
			}
			cur = append(cur, c+'a'-'A')
		default:
			flush()
		}
	}
	flush()
	return words
}

// wordsHave reports whether the words of phrase (split like field names)
// occur in order and adjacent in words. A single word of four letters or
// more also matches as a prefix ("emails", "phone_numbers").
func wordsHave(words []string, phrase string) bool {
	want := splitWords(phrase)
	if len(want) == 0 || len(want) > len(words) {
		return false
	}
	for i := 0; i+len(want) <= len(words); i++ {
		ok := true
		for j, w := range want {
			got := words[i+j]
			if got == w || len(want) == 1 && len(w) >= 4 && strings.HasPrefix(got, w) {
				continue
			}
			ok = false
			break
		}
		if ok {
			return true
		}
	}
	// "emailaddress", "ssn1": the words run together.
	joined := strings.Join(words, "")
	return len(want) > 1 && strings.Join(want, "") == joined
}

// fieldMatches reports whether a field's words name one of names and none
// of the names written with a leading "!".
func fieldMatches(words []string, names []string) bool {
	match := false
	for _, n := range names {
		if ex, ok := strings.CutPrefix(n, "!"); ok {
			if wordsHave(words, ex) {
				return false
			}
			continue
		}
		match = match || wordsHave(words, n)
	}
	return match
}
