package classify_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// TestTokenWindowsAgree checks that skipping the windows a token-reading
// finder would open again inside one token (findsTokens) changes no
// finding: the catalog with and without the skip, on the dense corpus and
// on text thick with addresses glued into tokens of every length around
// tokenReach.
func TestTokenWindowsAgree(t *testing.T) {
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		t.Fatal(err)
	}
	engine := func(skip bool) *classify.Engine {
		ds, n := classify.WithTokenSkip(classify.Builtin(), skip)
		if n == 0 {
			t.Fatal("no detector reads whole tokens; the test checks nothing")
		}
		e, err := classify.NewEngine(key, ds, classify.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	with, without := engine(true).NewScanner(), engine(false).NewScanner()

	r := rand.New(rand.NewPCG(5, 6))
	var sb strings.Builder
	const alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	for sb.Len() < 1<<20 {
		addr := classify.IDTestValue(r, []string{"btc", "bech32"}[r.IntN(2)])
		// Letters and digits glued before and after, up to past tokenReach.
		for range r.IntN(3) * r.IntN(40) {
			sb.WriteByte(alnum[r.IntN(len(alnum))])
		}
		sb.WriteString(addr)
		for range r.IntN(3) * r.IntN(40) {
			sb.WriteByte(alnum[r.IntN(len(alnum))])
		}
		sb.WriteString([]string{" ", ". ", "\n", "/", " ab12cd34 "}[r.IntN(5)])
	}
	found := 0
	for name, text := range map[string][]byte{"tokens": []byte(sb.String()), "dense": synth.Dense(2<<20, 9)} {
		for _, size := range []int{4096, 300} {
			var got, want []string
			for off := 0; off < len(text); off += size {
				rec := text[off:min(off+size, len(text))]
				with.Scan("text", rec, func(f classify.Finding) {
					got = append(got, fmt.Sprintf("%d %s %d+%d %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood))
				})
				without.Scan("text", rec, func(f classify.Finding) {
					want = append(want, fmt.Sprintf("%d %s %d+%d %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood))
				})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s in %d-byte fields: %d findings with the skip, %d without", name, size, len(got), len(want))
			}
			for _, f := range got {
				if strings.Contains(f, classify.CryptoWalletAddress) {
					found++
				}
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d wallet findings: the test checks too little", found)
	}
}

// TestLeftEdgeSkipAgrees checks that skipping, after a rejected match, the
// starts whose left edge fails loses no finding: the catalog with and
// without the skip, on the corpora and on hex, dotted and grouped numbers
// glued to letters, digits and separators.
func TestLeftEdgeSkipAgrees(t *testing.T) {
	with, without := testEngine(t, classify.Options{}), testEngine(t, classify.Options{})
	classify.WithoutLeftEdgeSkip(without)
	ws, wos := with.NewScanner(), without.NewScanner()
	r := rand.New(rand.NewPCG(12, 13))
	const glue = "aZ9_-.:,/ @x"
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		var v string
		switch r.IntN(6) {
		case 0:
			v = fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
		case 1:
			v = fmt.Sprintf("%x:%x::%x:%x", r.IntN(1<<16), r.IntN(1<<16), r.IntN(1<<16), r.IntN(1<<16))
		case 2:
			v = fmt.Sprintf("%d.%d.%d.%d", r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
		case 3:
			v = fmt.Sprintf("4%03d %04d %04d %04d", r.IntN(1000), r.IntN(10000), r.IntN(10000), r.IntN(10000))
		case 4:
			v = fmt.Sprintf("%03d-%02d-%04d", 1+r.IntN(665), 1+r.IntN(99), 1+r.IntN(9999))
		default:
			v = fmt.Sprintf("%d", r.Uint64())
		}
		for range r.IntN(3) {
			sb.WriteByte(glue[r.IntN(len(glue))])
		}
		sb.WriteString(v)
		for range r.IntN(3) {
			sb.WriteByte(glue[r.IntN(len(glue))])
		}
		sb.WriteString([]string{" ", ". ", "\n", " card ", " ip "}[r.IntN(5)])
	}
	sameWithSkip(t, ws, wos, map[string][]byte{"numbers": []byte(sb.String()), "dense": synth.Dense(2<<20, 11)}, 90)
}

// sameWithSkip scans each text in 4 KiB fields and in short ones with a
// scanner that skips work and one that does not: the findings must be the
// same, and there must be enough of them to tell.
func sameWithSkip(t *testing.T, with, without *classify.Scanner, texts map[string][]byte, short int) {
	t.Helper()
	found := 0
	for name, text := range texts {
		for _, size := range []int{4096, short} {
			got, want := scanFields(with, text, size), scanFields(without, text, size)
			if !slices.Equal(got, want) {
				t.Fatalf("%s in %d-byte fields: %d findings with the skip, %d without", name, size, len(got), len(want))
			}
			found += len(got)
		}
	}
	if found < 5000 {
		t.Errorf("only %d findings: the test checks too little", found)
	}
}

// TestQuietCacheAgrees checks that remembering short values that gave a
// field nothing changes no scan: findings and validator verdicts, value by
// value, with the cache and without, over repeated short values in several
// fields, some of them with findings, rejected candidates or escapes.
func TestQuietCacheAgrees(t *testing.T) {
	e := testEngine(t, classify.Options{})
	with, without := e.NewScanner(), e.NewScanner()
	classify.SetQuietCacheForTest(without, false)
	values := []string{"user", "assistant", "system", "true", "false", "US", "", "x", "ann@mail.org",
		"4111111111111112", "4111111111111111", "123456789", "078-05-1120", "a%40b.org", "AKIA" + "QQQQQQQQQQQQ",
		"2019", "415-555-0132", "+44 20 7946 0000", "Jane Smith", "see\\u0040x", "aGVsbG8gd29ybGQ=",
		"dob 1980-01-02"} // a finding no validator decides
	paths := []string{"messages[0].role", "messages[1].role", "ssn", "email", "card_number", "notes", "phone"}
	r := rand.New(rand.NewPCG(30, 31))
	scan := func(s *classify.Scanner, path, v string) string {
		var out []string
		s.Scan(path, []byte(v), func(f classify.Finding) {
			out = append(out, fmt.Sprintf("%s %d+%d %s", f.InfoType, f.Offset, f.Length, f.Likelihood))
		})
		s.LastValidation(func(infoType string, tried, passed int) {
			out = append(out, fmt.Sprintf("validated %s %d/%d", infoType, passed, tried))
		})
		slices.Sort(out)
		return strings.Join(out, "; ")
	}
	quiet, loud := 0, 0
	for range 20000 {
		path, v := paths[r.IntN(len(paths))], values[r.IntN(len(values))]
		got, want := scan(with, path, v), scan(without, path, v)
		if got != want {
			t.Fatalf("%s = %q: with the cache %q, without %q", path, v, got, want)
		}
		if want == "" {
			quiet++
		} else {
			loud++
		}
	}
	if quiet < 1000 || loud < 1000 {
		t.Fatalf("%d quiet and %d reported scans: the test does not tell the cases apart", quiet, loud)
	}
}

// TestTokenNeedsAgrees checks that not opening the credential-URL windows
// whose token after "://" has no '@' loses no finding: URLs with and
// without user info, '@' after the path, in the next token, two URLs in
// one token, schemes the finders know and others, in long fields and in
// fields that cut URLs apart.
func TestTokenNeedsAgrees(t *testing.T) {
	with, without := testEngine(t, classify.Options{}), testEngine(t, classify.Options{})
	classify.WithoutTokenNeeds(without)
	ws, wos := with.NewScanner(), without.NewScanner()
	r := rand.New(rand.NewPCG(40, 41))
	schemes := []string{"https", "http", "postgres", "mysql", "mongodb+srv", "redis", "ftp", "jdbc:postgresql", "git+ssh", "s3"}
	users := []string{"", "admin:Tr0ub4dor-3x@", "svc:" + "pa55w0rd" + "@", "user@", ":hunter22@", "a:b@"}
	tails := []string{"", "/db", "/path?q=1", "/a@b", "#frag", ":5432/app", "/x?next=https://u:" + "s3cr3tpw" + "@h.io/"}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		u := schemes[r.IntN(len(schemes))] + "://" + users[r.IntN(len(users))] + []string{"db.internal", "example.org", "10.0.0.7", "h"}[r.IntN(4)] + tails[r.IntN(len(tails))]
		sb.WriteString(u)
		sb.WriteString([]string{" ", ", ", " @ops ", "\n", "\" ", " see ", ")"}[r.IntN(7)])
		if r.IntN(4) == 0 {
			sb.WriteString("the deploy notes say to rotate it. ")
		}
	}
	sameWithSkip(t, ws, wos, map[string][]byte{"urls": []byte(sb.String()), "dense": synth.Dense(2<<20, 12)}, 70)
}

// TestKeywordAssignsAgrees checks that not opening the password
// detectors' windows at a keyword that no assignment follows loses no
// finding: every name they know, in either case, glued to a prefix, before
// every operator, quote and blank the pattern takes, and the same names
// and English words that start like them ("passing", "passes") with no
// assignment, in prose and in fields that cut lines apart. A keyword
// inside a word ("compass=…") opens no window of its own, with the gate or
// without it; TestDetectorCases holds one after "pass" on the same line.
func TestKeywordAssignsAgrees(t *testing.T) {
	with, without := testEngine(t, classify.Options{}), testEngine(t, classify.Options{})
	classify.WithoutKeywordAssigns(without)
	ws, wos := with.NewScanner(), without.NewScanner()
	r := rand.New(rand.NewPCG(42, 43))
	names := []string{"pass", "pwd", "password", "passwd", "passphrase", "DB_PASS", "db_pwd", "MYSQL_PASSWORD", "Pass", "PWD", "user.password", "pass-word"}
	ops := []string{"=", ":", ":=", "=>", " = ", ": ", "\t=\t", "\" : ", "': ", "\"=", " ", " is ", "_hash=", "s: ", "word=", "ing "}
	words := []string{"light", "passes", "passing", "the", "passage", "bypass", "pass", "pwd", "through", "prism", "and", "password", "reset", "was", "sent."}
	const chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%^*-_"
	value := func() string {
		b := make([]byte, 8+r.IntN(12))
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		return string(b)
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for range r.IntN(8) {
			sb.WriteString(words[r.IntN(len(words))])
			sb.WriteByte(' ')
		}
		if r.IntN(2) == 0 {
			q := []string{"", "\"", "'"}[r.IntN(3)]
			sb.WriteString(q + names[r.IntN(len(names))] + ops[r.IntN(len(ops))] + q + value() + q)
		}
		sb.WriteString([]string{" ", ", ", "\n", "; ", ". "}[r.IntN(5)])
	}
	sameWithSkip(t, ws, wos, map[string][]byte{"assignments": []byte(sb.String()), "dense": synth.Dense(2<<20, 13)}, 70)
}

// TestDigitRunSkipKeepsBase64: where the anchor pass skips the rest of a
// number (a short one, a measured one, the digits of one whose separators
// keep it open to the hex anchors), it still stops at a last digit that a
// letter follows: base64 is looked for only around digits, and a run glued
// to the number may start there. The payload is base64 of two stray bytes
// and text with an email address, whose only digits are its first two,
// so that no later digit finds the run instead. After a hyphen the run
// takes in the number ('-' is base64url's), and is decoded again from
// after the hyphen.
func TestDigitRunSkipKeepsBase64(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString(append([]byte{0xd3, 0x40}, " hi eva.hart@qq.is asap"...))
	if strings.ContainsAny(enc[2:], "0123456789") || !isDigitByte(enc[0]) || !isDigitByte(enc[1]) {
		t.Fatalf("payload %q: want two digits and then none", enc)
	}
	s := testEngine(t, classify.Options{}).NewScanner()
	for _, text := range []string{"v1.2." + enc, "build 3.14." + enc + " done", "x " + enc, "at 12:" + enc, "at 12:34:" + enc,
		"call 555 " + enc, "ref 2020-12-" + enc, "ORD-2024-" + enc + " ok"} {
		found := false
		s.Scan("note", []byte(text), func(f classify.Finding) {
			found = found || f.InfoType == classify.EmailAddress && f.Encoding == "base64"
		})
		if !found {
			t.Errorf("%q: no email address found in its base64", text)
		}
	}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// TestNotCodeAgrees checks that the NotCode gate only spares windows:
// findings are the same with it and without it over numbers glued to
// codes in every way (dashes, slashes, dots, commas, spaces, brackets, a
// plus, letters or digits before), beside phone words, over the dense
// corpus and over chat records thick with order numbers. The numbers are
// kept apart by words: windows that touch are merged, and a merged window
// is read as one, so that a number's findings may depend on a window its
// neighbour opened (which this gate removes).
func TestNotCodeAgrees(t *testing.T) {
	without := classify.Builtin()
	for _, d := range without {
		d.Number.NotCode = false
	}
	with := testEngine(t, classify.Options{})
	codes := numberMix{
		words:    []string{"call me at ", "phone: ", "tel ", "fax ", "mobile ", "ring ", "order ", "see ", ""},
		prefixes: []string{"ORD-", "INV/", "ref-", "A-", "x/", "AB", "12-", "9/", "-", "/", "(", "+", "+1 ", "tel:", "Q.", "", ""},
		seps:     []string{"-", "/", ".", ",", " ", "--", "-(", ") ", "", "", "  "},
		tails:    []string{" today. ", ", ", "\n", " x 12 ", "-ab ", "/ok "},
		fillers:  []string{"and then some more words here. ", "so that is that, ", "as we said before\n"},
		groups:   5, digits: 7,
	}.text(rand.New(rand.NewPCG(50, 51)), 1<<20)
	texts := map[string][]byte{"codes": codes, "dense": synth.Dense(2<<20, 13), "chat": chatRecords(t, 4<<20, 5)}
	sameWithSkip(t, with.NewScanner(), engineOf(t, without, classify.Options{}).NewScanner(), texts, 60)
	phones := 0
	for _, f := range scanAll(with.NewScanner(), "text", codes[:64<<10]) {
		if f.InfoType == classify.PhoneNumber {
			phones++
		}
	}
	if phones < 200 {
		t.Errorf("%d phone numbers in the first 64 KiB of codes: the test checks too little", phones)
	}
}

// numberMix writes numbers for the tests of the skips around digit runs:
// each a word and a prefix, up to groups groups of up to digits digits
// joined by separators, a tail and, if there are any, a filler.
type numberMix struct {
	words, prefixes, seps, tails, fillers []string
	groups, digits                        int
}

func (m numberMix) text(r *rand.Rand, n int) []byte {
	pick := func(sb *strings.Builder, from []string) {
		if len(from) > 0 {
			sb.WriteString(from[r.IntN(len(from))])
		}
	}
	var sb strings.Builder
	for sb.Len() < n {
		pick(&sb, m.words)
		pick(&sb, m.prefixes)
		for g := range 1 + r.IntN(m.groups) {
			if g > 0 {
				pick(&sb, m.seps)
			}
			for range 1 + r.IntN(m.digits) {
				sb.WriteByte(byte('0' + r.IntN(10)))
			}
		}
		pick(&sb, m.tails)
		pick(&sb, m.fillers)
	}
	return []byte(sb.String())
}

// chatRecords is about n bytes of generated chat records (JSON lines).
func chatRecords(t *testing.T, n int64, seed uint64) []byte {
	var chat bytes.Buffer
	if _, err := synth.Write(&chat, synth.Spec{Kind: synth.ChatJSONL, Bytes: n, PlantRate: 0.01, Seed: seed}, nil); err != nil {
		t.Fatal(err)
	}
	return chat.Bytes()
}

// TestLoneRunsSkipAgrees checks that passing over lone runs of digits
// shorter than the gates a lone group may pass ("in 2019", "92520
// visitors") changes no finding: the built-in catalog with the skip and
// measuring every run of four digits or more, over the dense corpus,
// chat records, and numbers of every length alone and in groups beside
// the words of the number detectors.
func TestLoneRunsSkipAgrees(t *testing.T) {
	with, without := testEngine(t, classify.Options{}), testEngine(t, classify.Options{})
	classify.WithAllShortRunsMeasured(without)
	numbers := numberMix{
		words:  []string{"ip ", "ssn ", "phone ", "card ", "nino AB", "NI number JK ", "IBAN DE", "dni ", "born ", "zip ", "ref ", "", ""},
		seps:   []string{".", " ", "-", "/", "", "", ":", ","},
		tails:  []string{" today. ", ", ", "\n", "C ", "x ", "% "},
		groups: 4, digits: 6,
	}.text(rand.New(rand.NewPCG(60, 61)), 1<<20)
	sameWithSkip(t, with.NewScanner(), without.NewScanner(), map[string][]byte{
		"numbers": numbers, "dense": synth.Dense(2<<20, 14), "chat": chatRecords(t, 4<<20, 6)}, 50)
}

// TestHexAnchorsInSpanAgree checks that taking the hex anchors of a numeric
// span at its first digit, and passing over the rest of it, changes no
// finding: over runs of digits, hex letters and '-', '.', ':' joined every
// way (MAC addresses of digits only, dates, versions, IPv6, dotted MACs),
// beside words, and over the dense corpus.
func TestHexAnchorsInSpanAgree(t *testing.T) {
	e := testEngine(t, classify.Options{})
	with, without := e.NewScanner(), e.NewScanner()
	classify.SetRevisitSpansForTest(without, true)
	r := rand.New(rand.NewPCG(70, 71))
	const hexDigits = "0123456789abcdefABCDEF"
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString([]string{"mac ", "host ", "ip ", "on ", "", "v", "x"}[r.IntN(7)])
		// A MAC with '-' or ':', a dotted MAC, a date, a version, or groups
		// of any length; digits only half of the time.
		shape := [][]int{{2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2}, {4, 4, 4}, {4, 2, 2}, {1, 2, 2}, nil}[r.IntN(6)]
		sep := []string{"-", ":", ".", "-", ".", "-"}[r.IntN(6)]
		if shape == nil {
			for range 1 + r.IntN(8) {
				shape = append(shape, 1+r.IntN(4))
			}
		}
		digitsOnly := r.IntN(2) == 0
		for g, n := range shape {
			if g > 0 {
				sb.WriteString(sep)
				if r.IntN(12) == 0 {
					sb.WriteString([]string{"-", ".", ":", " ", "::"}[r.IntN(5)])
				}
			}
			for range n {
				if !digitsOnly && r.IntN(3) == 0 {
					sb.WriteByte(hexDigits[r.IntN(len(hexDigits))])
				} else {
					sb.WriteByte(byte('0' + r.IntN(10)))
				}
			}
		}
		sb.WriteString([]string{" ", ", ", ".\n", "g ", "/x "}[r.IntN(5)])
	}
	sameWithSkip(t, with, without, map[string][]byte{"hex": []byte(sb.String()), "dense": synth.Dense(2<<20, 15)}, 40)
	macs := 0
	for _, f := range scanAll(with, "text", []byte(sb.String()[:64<<10])) {
		if f.InfoType == classify.MACAddress {
			macs++
		}
	}
	if macs < 50 {
		t.Errorf("%d MAC addresses in the first 64 KiB: the test checks too little", macs)
	}
}
