package classify

import "strings"

// fieldWords splits the last named element of a field path into lower-case
// words: "meta.authorEmail" gives [author email], "messages[1].content"
// gives [content], `meta["e-mail"]` gives [e mail], a CSV column "Card
// Number" gives [card number].
func fieldWords(path string) []string {
	names := pathNames(path)
	if len(names) == 0 {
		return nil
	}
	return splitWords(names[len(names)-1])
}

// parentWords are the words of the named element before the last, which
// is context too: "phone.number".
func parentWords(path string) []string {
	names := pathNames(path)
	if len(names) < 2 {
		return nil
	}
	return splitWords(names[len(names)-2])
}

// pathNames lists the named elements of a path as the readers write it:
// dotted names, [n] indexes (skipped) and ["quoted"] keys.
func pathNames(path string) []string {
	var names []string
	for i := 0; i < len(path); {
		switch {
		case strings.HasPrefix(path[i:], `["`):
			var b strings.Builder
			j := i + 2
			for ; j < len(path) && path[j] != '"'; j++ {
				if path[j] == '\\' && j+1 < len(path) {
					j++
				}
				b.WriteByte(path[j])
			}
			names = append(names, b.String())
			i = j + 2 // past `"]`
		case path[i] == '[':
			j := strings.IndexByte(path[i:], ']')
			if j < 0 {
				return append(names, path[i:])
			}
			i += j + 1
		case path[i] == '.':
			i++
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			names = append(names, path[i:j])
			i = j
		}
	}
	return names
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
// occur in order and adjacent in words. A single word also matches its
// plural, and one of five letters or more matches as a prefix
// ("phonenumber"); "pass" does not match "passport".
func wordsHave(words []string, phrase string) bool {
	want := splitWords(phrase)
	if len(want) == 0 || len(want) > len(words) {
		return false
	}
	for i := 0; i+len(want) <= len(words); i++ {
		ok := true
		for j, w := range want {
			got := words[i+j]
			if got == w || len(want) == 1 && (got == w+"s" || len(w) >= 5 && strings.HasPrefix(got, w)) {
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
