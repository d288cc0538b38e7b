package classify

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestPatternRelaxed checks that the catalog's patterns with large
// repetitions get a twin, and that the twin finds what the exact pattern
// finds on windows cut around planted values, including values that run
// past a bound.
func TestPatternRelaxed(t *testing.T) {
	relaxed := 0
	for _, d := range Builtin() {
		if d.Pattern == "" {
			continue
		}
		p, err := compilePattern(d.Pattern)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if p.twin() != nil {
			relaxed++
		}
	}
	if relaxed < 20 {
		t.Errorf("only %d built-in patterns have a relaxed twin; the secret patterns' {20,250} repetitions should all", relaxed)
	}
}

// patternCases are expressions with repetitions of every kind the relaxing
// touches or must leave alone.
var patternCases = []string{
	`xox[abprse]-\d{6,}-[0-9A-Za-z-]{10,250}|xoxe\.xox[bp]-\d-[0-9A-Za-z]{100,250}`,
	`(?i)(?:password|pass)["']?[ \t]*(?::=|=)[ \t]*(?:"(?P<v>[^"\r\n]{1,256})"|(?P<v>[^\s"',;]{1,40}))`,
	`[sr]k_(?:live|test)_[0-9A-Za-z]{20,247}`,
	`a{2,12}b?a{0,30}`,
	`(?:ab|c){3,20}x`,
	`(a?){2,20}b`,        // a body that can be empty: left alone
	`(?:a{1,10}){1,12}c`, // nested
	`(?i)k{4,40}`,        // case folding: K, k and the Kelvin sign
	`\b[0-9a-f]{8,64}\b`, // word boundaries
	`^[a-z]{3,30}$`,
	`(x{1,9}|yy){2,30}?z`, // lazy
	`[A-Za-z0-9/+]{40}`,   // byte runs
	`\d{9}`,
	`(?P<v>[a-f0-9]{3,12})`,
	`(?i)[a-c]{2,5}`,
	`[0-9a-z]{2,}?`,
	`[xo"]{3,}`,
	`^(?:xox[abprse]-\d{6,}-[0-9A-Za-z-]{10,250})$`, // anchored, as claimedBySpecific runs them
	`^(?:[sr]k_(?:live|test)_[0-9A-Za-z]{20,247})$`,
	// Literal starts, case-folded or not: the skip to the first one.
	`(?i)secret[ _-]?(?:access[ _-]?)?key[ \t]*[:=][ \t]*(?P<v>[a-z0-9]{4,40})|aws[ _-]?secret[ \t]*[:=][ \t]*(?P<v>\w{4})`,
	`(?i)(?:sk|ks)_[a-z]{2,9}`,
	`[sr]k_(?:live|test)_x+`,
	`(?:xo|ab)(?i:ck)+`,
	`(?i)k\d{2}|s[a-c]`,
	`ab|(?i:abc)d`,
}

func TestPatternTwinAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, expr := range patternCases {
		p, err := compilePattern(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		for range 3000 {
			in := randomPatternInput(r)
			got, want := p.FindSubmatchIndex(in), p.exact.FindSubmatchIndex(in)
			if !slices.Equal(got, want) {
				t.Fatalf("%s on %q: twin %v, exact %v", expr, in, got, want)
			}
			if got, want := p.Match(in), p.exact.Match(in); got != want {
				t.Fatalf("%s on %q: twin matches %v, exact %v", expr, in, got, want)
			}
		}
	}
	// Whole values around the bounds, for the anchored patterns: a random
	// input seldom is one.
	for _, c := range []struct{ expr, prefix string }{
		{`^(?:xox[abprse]-\d{6,}-[0-9A-Za-z-]{10,250})$`, "xoxb-123456-"},
		{`^(?:[sr]k_(?:live|test)_[0-9A-Za-z]{20,247})$`, "sk_live_"},
	} {
		p, err := compilePattern(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for n := 0; n < 300; n++ {
			in := []byte(c.prefix + strings.Repeat("a", n))
			if got, want := p.Match(in), p.exact.Match(in); got != want {
				t.Fatalf("%s on %s + %d bytes: twin matches %v, exact %v", c.expr, c.prefix, n, got, want)
			}
			if p.exact.Match(in) {
				matched++
			}
		}
		if matched == 0 {
			t.Fatalf("%s: no value matched; the test checks nothing", c.expr)
		}
	}
	if p, _ := compilePattern(`(a?){2,20}b`); p.twin() != nil {
		t.Errorf("a repetition of a body that can match empty was relaxed: %s", p)
	}
	if p, _ := compilePattern(`a{2,12}b?a{0,30}`); p.twin() == nil || p.limit != 12 {
		t.Errorf("limit of a{2,12}b?a{0,30} = %s, want 12", p)
	}
}

// randomPatternInput draws from the alphabet of patternCases, in runs, so
// that repetitions run long and past their bounds.
func randomPatternInput(r *rand.Rand) []byte {
	const alphabet = "abckxyzK\u212a\u017fS-_ \"'=:\t0123456789fsrlivetpwodxoxb"
	var sb strings.Builder
	n := r.IntN(400)
	for sb.Len() < n {
		c := string([]rune(alphabet)[r.IntN(len([]rune(alphabet)))])
		if r.IntN(8) == 0 {
			sb.WriteString([]string{"xoxb-123456-", "password = ", "sk_live_", "pass:", "\"", "SeCret_key=", "\u017fecret key: ", "aws-secret=", "s\u212a_ab", "Ks_", "ABCd"}[r.IntN(11)])
		}
		sb.WriteString(strings.Repeat(c, 1+r.IntN(1+r.IntN(300))))
	}
	return []byte(sb.String())
}

func FuzzPatternTwin(f *testing.F) {
	for i, expr := range patternCases {
		f.Add(i, []byte("xoxb-123456-"+strings.Repeat("a", 260)))
		f.Add(i, []byte(expr))
	}
	ps := make([]*pattern, len(patternCases))
	for i, expr := range patternCases {
		p, err := compilePattern(expr)
		if err != nil {
			f.Fatal(err)
		}
		ps[i] = p
	}
	f.Fuzz(func(t *testing.T, i int, in []byte) {
		if i < 0 {
			i = -i
		}
		p := ps[i%len(ps)]
		if got, want := p.FindSubmatchIndex(in), p.exact.FindSubmatchIndex(in); !slices.Equal(got, want) {
			t.Fatalf("%s on %q: twin %v, exact %v", p, in, got, want)
		}
	})
}

// TestPatternStarts checks which patterns look for their literal starts
// first: the catalog's case-folded keyword patterns must, a pattern with an
// assertion or an optional start must not.
func TestPatternStarts(t *testing.T) {
	for _, c := range []struct {
		expr string
		want string // prefixSet.String; "" for none
	}{
		{`(?i)(?:password|passwd|passphrase|pwd|pass)[:=]`, `(?i)"pwd", (?i)"pass"`},
		{`(?i)secret[ _-]?key|aws[ _-]?secret`, `(?i)"secret", (?i)"aws"`},
		{`[sr]k_(?:live|test)_x+`, `"rk_live_", "rk_test_", "sk_live_", "sk_test_"`},
		{`ab|(?i:abc)d`, `"ab", (?i)"abcd"`},
		{`(?i)s[a-c]|S[A-C]d`, `(?i)"sa", (?i)"sb", (?i)"sc"`},
		{`sk-ant-[a-z]+`, ``}, // Go skips to a literal prefix itself
		{`\bpass[:=]`, ``},    // an assertion
		{`["']?pass[:=]`, ``}, // an optional start
		{`(?i)k|s[a-c]`, ``},  // single letters are not worth it
		{`[a-z]{3}x`, ``},     // a wide class
	} {
		p, err := compilePattern(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if p.starts != nil {
			got = p.starts.String()
		}
		if got != c.want {
			t.Errorf("%s starts with %s, want %s", c.expr, got, c.want)
		}
	}
	for _, d := range Builtin() {
		switch d.ID {
		case "password-assignment", "aws-secret-access-key", "stripe-key":
			if p, _ := compilePattern(d.Pattern); p.starts == nil {
				t.Errorf("%s: no literal starts found in %s", d.ID, d.Pattern)
			}
		}
	}
}

// TestLeftEdgeDecides pins which detectors skip, after a rejected match,
// the starts their left edge rules out: those whose value is the whole
// match, unmoved by Refine, under an edge that reads the bytes before it.
func TestLeftEdgeDecides(t *testing.T) {
	want := map[string]bool{
		"ipv6": true, "mac": true, "credit-card": true, "email": true, "us-ssn": true, "phone-us": true,
		"phone-context":         false, // Refine moves the value
		"password-assignment":   false, // the value is a group
		"aws-secret-access-key": false,
		"person-name":           false, // no pattern
	}
	for i, d := range Builtin() {
		w, ok := want[d.ID]
		if !ok {
			continue
		}
		delete(want, d.ID)
		c, err := compile(d, i)
		if err != nil {
			t.Fatal(err)
		}
		if c.leftEdgeDecides != w {
			t.Errorf("%s: leftEdgeDecides = %v, want %v", d.ID, c.leftEdgeDecides, w)
		}
	}
	for id := range want {
		t.Errorf("no built-in detector %s", id)
	}
}
