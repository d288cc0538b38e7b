package synth

import (
	"bytes"
	"regexp"
	"testing"
	"unicode/utf8"
)

// forbidden are shapes that are, or could reasonably be taken for, a value
// of some infoType. Filler must have none: a precision test counts any
// finding in it as a false positive.
var forbidden = map[string]*regexp.Regexp{
	"9+ digit run":          regexp.MustCompile(`\d{9,}`),
	"dotted quad":           regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`),
	"address with a domain": regexp.MustCompile(`@[A-Za-z0-9-]+\.[A-Za-z]{2,}`),
	"IPv6-like hex groups":  regexp.MustCompile(`(?i)\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){3,}|::`),
	"MAC-like hex pairs":    regexp.MustCompile(`(?i)\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){4,}`),
	"SSN shape":             regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`),
	"phone shape":           regexp.MustCompile(`\(\d{3}\)\s*\d{3}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\+\d`),
	"card shape":            regexp.MustCompile(`\b(?:\d[ -]?){13,19}\b`),
	"IBAN shape":            regexp.MustCompile(`\b[A-Z]{2}\d{2} ?[A-Z0-9]{4}`),
	"long token":            regexp.MustCompile(`[A-Za-z0-9_+-]{24,}|[A-Za-z0-9+/]{30,}`),
	"URL with user info":    regexp.MustCompile(`://[^/\s]*@`),
}

// forbiddenWords are secret prefixes and context words, matched without
// regexp (and case-insensitively), which is much faster on large inputs.
var forbiddenWords = []string{
	"akia", "aiza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "xoxa-",
	"sk_live", "rk_live", "sk-", "hf_", "eyj", "-----", "t3blbkfj",
	"passw", "secret", "token", "apikey", "api_key", "api-key", "private", "ssn", "credential",
}

func checkFiller(t *testing.T, what string, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Errorf("%s: invalid UTF-8", what)
	}
	lower := bytes.ToLower(data)
	for _, w := range forbiddenWords {
		if i := bytes.Index(lower, []byte(w)); i >= 0 {
			t.Errorf("%s: %q in %q", what, w, data[max(0, i-60):min(len(data), i+60)])
		}
	}
	for name, re := range forbidden {
		if loc := re.FindIndex(data); loc != nil {
			t.Errorf("%s: %s %q in %q", what, name, data[loc[0]:loc[1]], data[max(0, loc[0]-60):min(len(data), loc[1]+60)])
		}
	}
}

func TestFillerHasNoSensitiveShapes(t *testing.T) {
	// Go's regexp is slow on these alternations: sizes are kept to what a
	// package test can afford (about 1 MB in all)
	checkFiller(t, "Prose", Prose(256<<10, 1))
	for _, kind := range allKinds {
		data, _, _ := writeKind(t, Spec{Kind: kind, Rows: 300, Clean: true, Seed: 2})
		if kind == CSV || kind == TSV {
			data = data[bytes.IndexByte(data, '\n')+1:] // the header names the columns
		}
		checkFiller(t, string(kind), data)
	}
}

// TestFillerHasLookalikes makes sure the filler keeps its traps: each kind
// of look-alike turns up about once per KB or more.
func TestFillerHasLookalikes(t *testing.T) {
	const n = 256 << 10
	data := Prose(n, 3)
	kinds := map[string]*regexp.Regexp{
		"year":       regexp.MustCompile(`\b(?:19|20)\d\d\b`),
		"ISO date":   regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`),
		"EU date":    regexp.MustCompile(`\b\d\d/\d\d/20\d\d\b`),
		"time":       regexp.MustCompile(`\b\d\d:\d\d\b`),
		"time+s":     regexp.MustCompile(`\b\d\d:\d\d:\d\d\b`),
		"version":    regexp.MustCompile(`\bv\d+\.\d+\.\d+\b`),
		"semver":     regexp.MustCompile(`(?:^|\s)\d+\.\d+\.\d+\b`),
		"price":      regexp.MustCompile(`[$€]\d[\d,]*\.\d\d`),
		"percentage": regexp.MustCompile(`\d%`),
		"zip":        regexp.MustCompile(`(?:^|\s)\d{5}\s`),
		"order id":   regexp.MustCompile(`ORD-20\d\d-\d{6}`),
		"hyphenated": regexp.MustCompile(`\b[a-z]+-[a-z]+\b`),
		"e.g.":       regexp.MustCompile(`\b(?:e\.g\.|i\.e\.)`),
		"@mention":   regexp.MustCompile(`\s@[a-z]`),
		"URL":        regexp.MustCompile(`https?://`),
		"path":       regexp.MustCompile(`\s[.~]?/?[a-z]+/[a-z_]+`),
		"hashtag":    regexp.MustCompile(`\s#[a-z]`),
		"commit id":  regexp.MustCompile(`\b[0-9a-f]{7}\b`),
		"non-ASCII":  regexp.MustCompile(`[^\x00-\x7f]`),
		"quoted":     regexp.MustCompile(`"[a-z]+"`),
		"paragraph":  regexp.MustCompile(`\n`),
	}
	for name, re := range kinds {
		if got := len(re.FindAllIndex(data, -1)); got < n/1024/2 {
			t.Errorf("%s: %d in %d KB", name, got, n>>10)
		}
	}
	if bytes.Count(data, []byte(". ")) < n/200 {
		t.Error("too few sentences")
	}
}

func TestVocabulary(t *testing.T) {
	seen := map[string]bool{}
	checkWord := regexp.MustCompile(`^[a-zà-ÿ]+$`)
	for _, w := range vocab {
		if len(w) >= 16 || w == "" || seen[w] {
			t.Errorf("vocabulary word %q: empty, repeated, or too long for a slot", w)
		}
		seen[w] = true
		if !checkWord.MatchString(w) {
			t.Errorf("vocabulary word %q is not a lower-case word", w)
		}
	}
}

func TestPlainProseHasNoLookalikes(t *testing.T) {
	p := PlainProse(1<<20, 3)
	if len(p) != 1<<20 {
		t.Fatalf("len = %d", len(p))
	}
	for i, c := range p {
		if '0' <= c && c <= '9' || c == '@' || c == '/' || c == '#' || c == '$' {
			t.Fatalf("byte %d is %q, want words and punctuation only", i, c)
		}
	}
}
