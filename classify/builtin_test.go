package classify_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// Values are generated at test time (internal/synth); no realistic value is
// written in this file. Negatives are look-alikes: the shapes each detector
// must leave alone.

// TestDetectorsFindCarriers: for every infoType, values in the sentences
// and assignments they turn up in are found at their exact span.
func TestDetectorsFindCarriers(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	g := synth.New(99)
	seenDetectors := map[string]bool{}
	for _, typ := range synth.InfoTypes() {
		t.Run(typ, func(t *testing.T) {
			for i := 0; i < 40; i++ {
				text, spans := g.Carrier(typ)
				found := scanAll(s, "text", []byte(text))
				for _, sp := range spans {
					ok := false
					for _, f := range found {
						if f.InfoType == sp.InfoType && f.Offset == sp.Offset && f.Length == sp.Length {
							ok = true
							seenDetectors[f.Detector] = true
						}
					}
					if !ok {
						t.Errorf("%s not found at %d+%d in %q", sp.InfoType, sp.Offset, sp.Length, shape([]byte(text), sp.Offset, sp.Length))
					}
				}
			}
		})
	}
	t.Logf("detectors exercised by carriers: %d", len(seenDetectors))
}

// detCase is one detector's own test: texts it must find a value in (the
// value marked by «»), and look-alikes it must not report at POSSIBLE or
// above.
type detCase struct {
	id        string
	field     string // field name; "text" when empty
	positives []string
	negatives []string
}

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// valueOf returns a generated value of infoType that satisfies keep.
func valueOf(g *synth.Generator, infoType string, keep func(string) bool) string {
	for {
		if v := g.Value(infoType).Text; keep == nil || keep(v) {
			return v
		}
	}
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// withLuhn appends the Luhn check digit to a digit string.
func withLuhn(d string) string {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return d + string(rune('0'+(10-sum%10)%10))
}

// breakCheck changes the last digit of a value, which breaks a Luhn, mod-97
// or similar check digit.
func breakCheck(v string) string {
	b := []byte(v)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0' + (b[i]-'0'+5)%10
			break
		}
	}
	return string(b)
}

func detectorCases(g *synth.Generator) []detCase {
	email := valueOf(g, classify.EmailAddress, nil)
	card := valueOf(g, classify.CreditCardNumber, nil)
	iban := valueOf(g, classify.IBANCode, nil)
	ssn := valueOf(g, classify.USSocialSecurityNumber, nil)
	usPhone := valueOf(g, classify.PhoneNumber, func(v string) bool { return v[0] == '(' || v[0] >= '2' && v[0] <= '9' })
	intlPhone := valueOf(g, classify.PhoneNumber, func(v string) bool { return strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "+1") })
	ipv4 := valueOf(g, classify.IPAddress, func(v string) bool { return !strings.Contains(v, ":") })
	ipv6 := valueOf(g, classify.IPAddress, func(v string) bool { return strings.Contains(v, ":") })
	mac := valueOf(g, classify.MACAddress, nil)
	akid := valueOf(g, classify.AWSAccessKeyID, nil)
	secret := valueOf(g, classify.AWSSecretAccessKey, nil)
	ghp := valueOf(g, classify.GitHubToken, func(v string) bool { return !strings.HasPrefix(v, "github_pat_") })
	pat := valueOf(g, classify.GitHubToken, func(v string) bool { return strings.HasPrefix(v, "github_pat_") })
	jwt := valueOf(g, classify.JSONWebToken, nil)
	pem := valueOf(g, classify.PrivateKey, nil)
	pw := valueOf(g, classify.Password, nil)
	dbURL := valueOf(g, classify.DatabaseConnectionString, nil)
	credURL := valueOf(g, classify.URLWithCredentials, nil)
	jcb15 := withLuhn("2131" + digits(card)[:10])
	luhn12 := withLuhn("50186" + digits(card)[:6])
	luhn16odd := withLuhn("3502" + digits(card)[:11])
	jcb15g := jcb15[:4] + " " + jcb15[4:8] + " " + jcb15[8:12] + " " + jcb15[12:]
	bareSSN := digits(ssn)
	barePhone := digits(usPhone)
	noAlg := b64url(`{"typ":"JWT"}`) + "." + b64url(`{"sub":"1"}`) + ".c2lnbmF0dXJl"
	return []detCase{
		{id: "email",
			positives: []string{"write to «" + email + "» today", "<«" + email + "»>", "«" + email + "»", "mailto:«" + email + "»."},
			negatives: []string{"@alice said hi", "user@localhost", "a@b.c", "pkg@1.2.3", "foo@@bar.com", "john.doe(at)mail.com", "x@" + strings.Repeat("a", 70) + "-.com"}},
		{id: "phone-us",
			positives: []string{"call «" + usPhone + "» now", "tel: «" + usPhone + "»"},
			negatives: []string{"on 2024-03-15 at 10:30", "ref 123-456-7890", "(555) 123-4567", "1.2.3.4567", "ORD-2024-001234", "415-55-1234"}},
		{id: "phone-intl",
			positives: []string{"reach me on «" + intlPhone + "»", "(«" + intlPhone + "»)"},
			negatives: []string{"+1 555", "+12", "+99 123 456 7890", "+1 (123) 456-7890", "+" + strings.Repeat("9", 20)}},
		{id: "phone-bare",
			positives: []string{"phone: «" + barePhone + "»", "mobile «" + barePhone + "»"},
			negatives: []string{"order " + barePhone + " shipped", "id " + barePhone}},
		{id: "phone-bare", field: "phone_number", positives: []string{"«" + barePhone + "»"}},
		{id: "phone-context",
			positives: []string{"Phone: «0490 75 40 81»", "call me at «(99) 645-791»", "Fax: «345-899-3560x4587»", "mobile «03.93.92.16.85»"},
			negatives: []string{"call me at 10:30", "office ORD-2024-001234", "phone 2024-03-15", "call 10.0.12.7", "phone: 12345", "order 0490 75 40 81",
				"calls reached 2480113 this quarter", "a phone bill of 1480756 won", "mobile users grew to 9904869"}},
		{id: "credit-card-context",
			positives: []string{"card «" + luhn12 + "»", "my maestro «" + luhn16odd + "»"},
			negatives: []string{"order " + luhn12, "card " + breakCheck(luhn12), "card 123456789012345678901"}},
		{id: "credit-card",
			positives: []string{"card «" + card + "» exp 12/29", "«" + digits(card) + "»", "pay with «" + card + "».", "JCB «" + jcb15g + "»", "«" + jcb15 + "»"},
			negatives: []string{"card " + breakCheck(card), "1234 5678 9012 3456", "9999 9999 9999 9995", "4111 1111 1111", "0." + digits(card), digits(card) + "0000", "v" + digits(card)}},
		{id: "iban",
			positives: []string{"IBAN «" + iban + "».", "«" + strings.ReplaceAll(iban, " ", "") + "»", "to «" + strings.ToLower(iban) + "»"},
			negatives: []string{"IBAN " + breakCheck(iban), iban[:9], "XX" + iban[2:], "IBAN DE00 0000 0000 0000 0000 00"}},
		{id: "us-ssn",
			positives: []string{"SSN «" + ssn + "»", "«" + strings.ReplaceAll(ssn, "-", " ") + "»"},
			negatives: []string{"000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "2024-03-15", "078-05-1120", "1-" + ssn, ssn + "-1"}},
		{id: "us-ssn-bare",
			positives: []string{"ssn: «" + bareSSN + "»", "Social Security «" + bareSSN + "»"},
			negatives: []string{"order " + bareSSN, "ssn: 000123456"}},
		{id: "us-ssn-bare", field: "ssn", positives: []string{"«" + bareSSN + "»"}},
		{id: "ipv4",
			positives: []string{"from «" + ipv4 + "» at", "«" + ipv4 + "».", "host=«" + ipv4 + "»:8080"},
			negatives: []string{"256.1.1.1", "1.2.3", "1.3.6.1.4.1", "v1.2.3.4", "10.0.0.1000", "127.0.0.1", "0.0.0.0", "version 01.02.03.04"}},
		{id: "ipv6",
			positives: []string{"from «" + ipv6 + "» at", "[«" + ipv6 + "»]:443"},
			negatives: []string{"std::vector<int>", "12:30:45", "a::b", "fe80::1", "::1", "dead:beef", "2001:db8:::1", ipv6 + ":g"}},
		{id: "mac",
			positives: []string{"mac «" + mac + "»", "«" + strings.ToUpper(mac) + "»"},
			negatives: []string{"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "12:34:56", "00:1a:2b:3c:4d", "00:1a:2b:3c:4d:5e:6f", "00-1a-2b:3c-4d-5e"}},
		{id: "aws-access-key-id",
			positives: []string{"key «" + akid + "»", "\"«" + akid + "»\""},
			negatives: []string{akid[:19], "AKIA1234567890123456", "X" + akid, strings.ToLower(akid), "AKIAIOSFODNN7EXAMPLE"}},
		{id: "aws-secret-access-key",
			positives: []string{"aws_secret_access_key = «" + secret + "»", `"SecretAccessKey": "«` + secret + `»"`, "AWS_SECRET_ACCESS_KEY=«" + secret + "»"},
			negatives: []string{"aws_secret_access_key = " + strings.Repeat("x", 40), "aws_secret_access_key=${AWS_SECRET}", "aws_secret_access_key = <secret>", "secret_access_key: " + secret[:30]}},
		{id: "aws-secret-access-key-near",
			positives: []string{"AWS key " + akid + " secret «" + secret + "»"},
			negatives: []string{"the laws " + secret, "draws " + secret}},
		{id: "aws-secret-access-key-field", field: "aws_secret_access_key",
			positives: []string{"«" + secret + "»"},
			negatives: []string{strings.Repeat("A", 40), "not a key"}},
		{id: "github-token",
			positives: []string{"token «" + ghp + "»", "GITHUB_TOKEN=«" + ghp + "»"},
			negatives: []string{"ghp_" + strings.Repeat("x", 36), "ghp_short", "xghp_" + ghp[4:]}},
		{id: "github-fine-grained-token",
			positives: []string{"token «" + pat + "»"},
			negatives: []string{pat[:50], "github_pat_"}},
		{id: "jwt",
			positives: []string{"Authorization: Bearer «" + jwt + "»", "«" + jwt + "»"},
			negatives: []string{noAlg, "eyJhbGciOi.notbase64.x", "eyJ" + strings.Repeat("A", 20)}},
		{id: "private-key",
			positives: []string{"«" + pem + "»", "key:\n«" + pem + "»\ndone"},
			negatives: []string{"-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
				"-----BEGIN PRIVATE KEY-----\n" + strings.Repeat("A", 64) + "\n-----END PRIVATE KEY-----"}},
		{id: "database-url",
			positives: []string{"DATABASE_URL=«" + dbURL + "»", "connect to «" + dbURL + "»."},
			negatives: []string{"postgres://localhost:5432/db", "postgres://user@host/db", "https://example.org/path?q=1", "mysql://:@host/db"}},
		{id: "url-credentials",
			positives: []string{"clone «" + credURL + "» now"},
			negatives: []string{"https://user@host.org/x", "https://host.org:8080/x", "see https://docs.python.org/3/"}},
		{id: "password-assignment",
			positives: []string{"password=«" + pw + "»", `"password": "«` + pw + `»"`, "DB_PASSWORD: «" + pw + "»", "passwd: '«" + pw + "»'"},
			negatives: []string{"password: ${DB_PASSWORD}", "password = os.environ['X']", "password = settings.DB_PASSWORD", "password_hash=abc123def", "password: <your password>",
				"the password is required", "passwords: 3", "password=changeme", "password: null", "password = getpass()", "password: str"}},
		{id: "password-assignment-short",
			positives: []string{"DB_PASS=«" + pw + "»", "pwd: «" + pw + "»"},
			negatives: []string{"compass=north", "bypass: true", "pass: null", "pass the salt", "pass the salt; compass=" + pw}},
		{id: "password-field", field: "password", positives: []string{"«" + pw + "»"}, negatives: []string{"pending", "none", "********", "n/a"}},
		{id: "password-field", field: "password_hash", negatives: []string{pw}},
	}
}

func TestDetectorCases(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	byID := map[string]string{}
	for _, d := range e.Detectors() {
		byID[d.ID] = d.InfoType
	}
	covered := map[string]bool{}
	for _, tc := range detectorCases(synth.New(7)) {
		field := tc.field
		if field == "" {
			field = "text"
		}
		infoType, ok := byID[tc.id]
		if !ok {
			t.Errorf("no detector %q", tc.id)
			continue
		}
		if len(tc.positives) > 0 && len(tc.negatives) > 0 {
			covered[tc.id] = true
		}
		for i, p := range tc.positives {
			start := strings.Index(p, "«")
			end := strings.Index(p, "»")
			text := strings.Replace(strings.Replace(p, "«", "", 1), "»", "", 1)
			want := [2]int{start, end - len("«")}
			ok := false
			for _, f := range scanAll(s, field, []byte(text)) {
				if f.InfoType == infoType && f.Offset == want[0] && f.Offset+f.Length == want[1] {
					ok = f.Detector == tc.id || ok
				}
			}
			if !ok {
				t.Errorf("%s positive %d: not found by this detector at %v in %q", tc.id, i, want, shape([]byte(text), want[0], want[1]-want[0]))
			}
		}
		for i, n := range tc.negatives {
			for _, f := range scanAll(s, field, []byte(n)) {
				if f.InfoType == infoType && f.Likelihood >= classify.Possible {
					t.Errorf("%s negative %d: %s (%s, %s) in %q", tc.id, i, f.InfoType, f.Detector, f.Likelihood, shape([]byte(n), f.Offset, f.Length))
				}
			}
		}
	}
	_ = covered
}

// TestEveryDetectorHasCases: every built-in detector has positives and
// look-alike negatives in one of the case tables: this file's, the
// secrets' (builtin_secrets_test.go), the personal data's (names_test.go,
// by infoType) or the national identifiers' (builtin_ids_test.go).
func TestEveryDetectorHasCases(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range detectorCases(synth.New(7)) {
		covered[tc.id] = true
	}
	for _, tc := range secretDetectorCases(1) {
		covered[tc.id] = true
	}
	for _, id := range nationalIDCaseIDs() {
		covered[id] = true
	}
	personal := map[string]bool{}
	for _, pc := range personalCases {
		if len(pc.positives) > 0 && len(pc.negatives) > 0 {
			personal[pc.infoType] = true
		}
	}
	// Tested through their whole-token tables (TestProviderTokenLookalikes)
	// or as part of a URL (database-url, url-credentials).
	elsewhere := map[string]bool{"slack-token": true, "stripe-key": true, "openai-key": true, "anthropic-key": true,
		"huggingface-token": true, "gcp-api-key": true, "password-in-url": true}
	for _, d := range classify.Describe(classify.Builtin()) {
		if !covered[d.ID] && !elsewhere[d.ID] && !personal[d.InfoType] {
			t.Errorf("detector %s (%s) has no positives-and-negatives case", d.ID, d.InfoType)
		}
	}
}

// TestProviderTokenLookalikes: provider tokens cut short, padded with
// placeholders, or glued into longer words are not reported.
func TestProviderTokenLookalikes(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	g := synth.New(5)
	for _, typ := range []string{classify.SlackToken, classify.StripeAPIKey, classify.OpenAIAPIKey, classify.AnthropicAPIKey, classify.HuggingFaceToken, classify.GCPAPIKey} {
		v := g.Value(typ).Text
		found := scanAll(s, "text", []byte("key "+v+" end"))
		if len(found) != 1 || found[0].InfoType != typ || found[0].Offset != 4 || found[0].Length != len(v) {
			t.Errorf("%s: whole token not found alone: %+v", typ, found)
		}
		prefix := v[:strings.IndexAny(v[3:], "_-")+4]
		for _, neg := range []string{
			v[:len(prefix)+6], // cut short
			prefix + strings.Repeat("x", len(v)-len(prefix)), // placeholder
			"abc" + v, // glued to a word
			strings.ToUpper(prefix) + v[len(prefix):] + "" + "", // wrong-case prefix
		} {
			for _, f := range scanAll(s, "text", []byte(neg)) {
				if f.InfoType == typ && f.Likelihood >= classify.Possible && !(typ == classify.StripeAPIKey && strings.HasSuffix(neg, strings.Repeat("x", 8))) {
					t.Errorf("%s look-alike reported: %s %s in %q", typ, f.Detector, f.Likelihood, shape([]byte(neg), f.Offset, f.Length))
				}
			}
		}
	}
}

// TestKnownTestValuesAreUnlikely: documentation values are reported as
// UNLIKELY, so the default threshold hides them.
func TestKnownTestValuesAreUnlikely(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	for _, text := range []string{
		"card 4111 1111 1111 1111", "ssn 078-05-1120", "mail me at someone@example.com",
		"x@mail.test", "IBAN GB82 WEST 1234 5698 7654 32",
	} {
		found := scanAll(s, "text", []byte(text))
		if len(found) != 1 || found[0].Likelihood > classify.Unlikely {
			t.Errorf("%q: %+v, want one UNLIKELY finding", text, found)
		}
	}
}

func TestMasksHideValues(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	g := synth.New(13)
	for _, typ := range synth.InfoTypes() {
		for i := 0; i < 20; i++ {
			text, spans := g.Carrier(typ)
			for _, f := range scanAll(s, "text", []byte(text)) {
				v := text[f.Offset : f.Offset+f.Length]
				if strings.Contains(f.Preview, v) {
					t.Errorf("%s preview %q holds the value", f.InfoType, f.Preview)
				}
				// No more than a quarter of the value's letters and digits
				// may show.
				shown := 0
				for _, c := range []byte(f.Preview) {
					if bytes.IndexByte([]byte(v), c) >= 0 && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
						shown++
					}
				}
				if f.InfoType != classify.EmailAddress && f.InfoType != classify.PrivateKey && f.InfoType != classify.MACAddress && shown*2 > len(v) {
					t.Errorf("%s preview %q shows %d of %d characters", f.InfoType, f.Preview, shown, len(v))
				}
			}
			_ = spans
		}
	}
}

func ExampleScanner_Scan() {
	key, _ := classify.NewKey([]byte("an example key of 32 bytes......"), "example")
	e, _ := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	s := e.NewScanner()
	s.Scan("text", []byte("write to jane.roe@mailbox.net"), func(f classify.Finding) {
		fmt.Println(f.InfoType, f.Likelihood, f.Offset, f.Length, f.Preview)
	})
	// Output: EMAIL_ADDRESS LIKELY 9 20 j***@m******.net
}
