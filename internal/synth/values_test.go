package synth

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/residuehq/residue/classify"
)

// The checks below are written from the formats' specifications, not from
// the generator's code, so a generator bug does not hide behind itself.

var (
	reEmail     = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z]{2,}$`)
	reSSN       = regexp.MustCompile(`^(\d{3})-(\d{2})-(\d{4})$`)
	reMAC       = regexp.MustCompile(`^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:[:-][0-9a-f]{2}){4}$|^[0-9A-F]{2}([:-])[0-9A-F]{2}(?:[:-][0-9A-F]{2}){4}$`)
	reAWSID     = regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`)
	reAWSSecret = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	reGHClassic = regexp.MustCompile(`^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$`)
	reGHFine    = regexp.MustCompile(`^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$`)
	reSlackBot  = regexp.MustCompile(`^xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}$`)
	reSlackUser = regexp.MustCompile(`^xoxp-\d{10,13}-\d{10,13}-\d{10,13}-[0-9a-f]{32}$`)
	reStripe    = regexp.MustCompile(`^[sr]k_live_[A-Za-z0-9]{24,99}$`)
	reOpenAIP   = regexp.MustCompile(`^sk-proj-[A-Za-z0-9_-]{156}$`)
	reOpenAIL   = regexp.MustCompile(`^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$`)
	reAnthropic = regexp.MustCompile(`^sk-ant-api03-[A-Za-z0-9_-]{93}AA$`)
	reHF        = regexp.MustCompile(`^hf_[A-Za-z]{34}$`)
	reGCP       = regexp.MustCompile(`^AIza[A-Za-z0-9_-]{35}$`)
	rePEM       = regexp.MustCompile(`^-----BEGIN ((?:RSA |EC |OPENSSH )?PRIVATE KEY)-----\n((?:[A-Za-z0-9+/=]{1,64}\n)+)-----END ((?:RSA |EC |OPENSSH )?PRIVATE KEY)-----$`)
	rePassword  = regexp.MustCompile(`^[A-Za-z0-9!#%^*_+-]{10,20}$`)
)

func luhnOK(d string) bool {
	sum := 0
	for i := 0; i < len(d); i++ {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

func mod97(s string) int {
	r := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A'+10)) % 97
		default:
			return -1
		}
	}
	return r
}

var ibanLen = map[string]int{"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27}

func base62Value(s string) uint64 {
	const alpha = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	var v uint64
	for _, c := range s {
		v = v*62 + uint64(strings.IndexRune(alpha, c))
	}
	return v
}

var documentationV4 = []string{"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"}

// validate reports why value is not a valid, realistic value of infoType.
func validate(infoType, v string) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s %q: %s", infoType, v, fmt.Sprintf(format, args...))
	}
	switch infoType {
	case classify.EmailAddress:
		if !reEmail.MatchString(v) {
			return fail("not an address")
		}
		d := v[strings.IndexByte(v, '@')+1:]
		for _, bad := range []string{"example.", ".test", ".invalid", ".example", ".localhost"} {
			if strings.Contains(d, bad) {
				return fail("documentation domain")
			}
		}
	case classify.PhoneNumber:
		n, err := phonenumbers.Parse(v, "US")
		if err != nil {
			return fail("%v", err)
		}
		if !phonenumbers.IsValidNumber(n) {
			return fail("not valid per libphonenumber")
		}
		nat := phonenumbers.GetNationalSignificantNumber(n)
		if n.GetCountryCode() == 1 && nat[3:6] == "555" {
			return fail("555 exchange")
		}
	case classify.CreditCardNumber:
		d := strings.NewReplacer(" ", "", "-", "").Replace(v)
		if !luhnOK(d) {
			return fail("Luhn")
		}
		brandOK := false
		switch {
		case d[0] == '4':
			brandOK = len(d) == 16
		case d[:2] >= "51" && d[:2] <= "55", d[:4] >= "2221" && d[:4] <= "2720":
			brandOK = len(d) == 16
		case d[:2] == "34", d[:2] == "37":
			brandOK = len(d) == 15
		case d[:4] == "6011", d[:2] == "65":
			brandOK = len(d) == 16
		}
		if !brandOK {
			return fail("no brand has this prefix and length")
		}
		for _, test := range []string{"4111111111111111", "4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"} {
			if d == test {
				return fail("published test number")
			}
		}
		if d != v {
			parts := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '-' })
			want := "4,4,4,4"
			if len(d) == 15 {
				want = "4,6,5"
			}
			var got []string
			for _, p := range parts {
				got = append(got, fmt.Sprint(len(p)))
			}
			if strings.Join(got, ",") != want {
				return fail("grouped %v", got)
			}
		}
	case classify.IBANCode:
		c := strings.ReplaceAll(v, " ", "")
		if n, ok := ibanLen[c[:2]]; !ok || len(c) != n {
			return fail("length")
		}
		if mod97(c[4:]+c[:4]) != 1 {
			return fail("mod 97")
		}
		if c != v {
			for i, g := range strings.Split(v, " ") {
				if len(g) != 4 && i != len(c)/4 {
					return fail("grouping")
				}
			}
		}
	case classify.USSocialSecurityNumber:
		m := reSSN.FindStringSubmatch(v)
		if m == nil {
			return fail("shape")
		}
		if m[1] == "000" || m[1] == "666" || m[1] >= "900" || m[2] == "00" || m[3] == "0000" {
			return fail("never issued")
		}
		if v == "078-05-1120" || v == "219-09-9999" {
			return fail("famous invalid SSN")
		}
	case classify.IPAddress:
		a, err := netip.ParseAddr(v)
		if err != nil {
			return fail("%v", err)
		}
		if a.String() != v {
			return fail("not canonical")
		}
		if !a.IsGlobalUnicast() || a.IsPrivate() {
			return fail("not public unicast")
		}
		if a.Is4() {
			for _, p := range append(documentationV4, "100.64.0.0/10", "198.18.0.0/15", "192.0.0.0/24") {
				if netip.MustParsePrefix(p).Contains(a) {
					return fail("reserved range %s", p)
				}
			}
		} else if netip.MustParsePrefix("2001:db8::/32").Contains(a) || !netip.MustParsePrefix("2000::/3").Contains(a) {
			return fail("not IPv6 global unicast")
		}
	case classify.MACAddress:
		if !reMAC.MatchString(v) || strings.Contains(v, ":") && strings.Contains(v, "-") {
			return fail("shape")
		}
	case classify.AWSAccessKeyID:
		if !reAWSID.MatchString(v) {
			return fail("shape")
		}
	case classify.AWSSecretAccessKey:
		if !reAWSSecret.MatchString(v) || !strings.ContainsAny(v, "0123456789") ||
			!strings.ContainsAny(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") || !strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
			return fail("shape")
		}
	case classify.GitHubToken:
		if reGHFine.MatchString(v) {
			return nil
		}
		m := reGHClassic.FindStringSubmatch(v)
		if m == nil {
			return fail("shape")
		}
		if uint64(crc32.ChecksumIEEE([]byte(m[1]))) != base62Value(m[2]) {
			return fail("CRC32 checksum")
		}
	case classify.SlackToken:
		if !reSlackBot.MatchString(v) && !reSlackUser.MatchString(v) {
			return fail("shape")
		}
	case classify.StripeAPIKey:
		if !reStripe.MatchString(v) {
			return fail("shape")
		}
	case classify.OpenAIAPIKey:
		if reOpenAIL.MatchString(v) {
			return nil
		}
		if !reOpenAIP.MatchString(v) {
			return fail("shape")
		}
		if i := strings.Index(v, "T3BlbkFJ"); i < 30 || i > len(v)-30 {
			return fail("marker not in the middle")
		}
	case classify.AnthropicAPIKey:
		if !reAnthropic.MatchString(v) {
			return fail("shape")
		}
	case classify.HuggingFaceToken:
		if !reHF.MatchString(v) {
			return fail("shape")
		}
	case classify.GCPAPIKey:
		if !reGCP.MatchString(v) {
			return fail("shape")
		}
	case classify.JSONWebToken:
		parts := strings.Split(v, ".")
		if len(parts) != 3 || len(parts[2]) != 43 {
			return fail("parts")
		}
		var h struct{ Alg, Typ string }
		var p struct {
			Sub  string
			Name string
			Iat  int64
		}
		hb, err1 := base64.RawURLEncoding.DecodeString(parts[0])
		pb, err2 := base64.RawURLEncoding.DecodeString(parts[1])
		_, err3 := base64.RawURLEncoding.DecodeString(parts[2])
		if err1 != nil || err2 != nil || err3 != nil {
			return fail("base64url")
		}
		if json.Unmarshal(hb, &h) != nil || (h.Alg != "HS256" && h.Alg != "RS256") || h.Typ != "JWT" {
			return fail("header %s", hb)
		}
		if json.Unmarshal(pb, &p) != nil || p.Sub == "" || p.Name == "" || p.Iat == 0 {
			return fail("payload %s", pb)
		}
	case classify.PrivateKey:
		m := rePEM.FindStringSubmatch(v)
		if m == nil || m[1] != m[3] {
			return fail("PEM shape")
		}
		lines := strings.Split(strings.TrimSuffix(m[2], "\n"), "\n")
		full := 0
		for i, l := range lines {
			if len(l) == 64 {
				full++
			} else if i != len(lines)-1 {
				return fail("short line inside the body")
			}
		}
		if full < 6 {
			return fail("%d full lines", full)
		}
		body := strings.Join(lines, "")
		if _, err := base64.StdEncoding.DecodeString(body); err != nil {
			return fail("body: %v", err)
		}
		if (m[1] == "RSA PRIVATE KEY" || m[1] == "PRIVATE KEY") && !strings.HasPrefix(body, "MII") {
			return fail("RSA/PKCS8 body does not start with MII")
		}
	case classify.DatabaseConnectionString, classify.URLWithCredentials:
		u, err := url.Parse(v)
		if err != nil {
			return fail("%v", err)
		}
		pw, ok := u.User.Password()
		if !ok || len(pw) < 10 || len(pw) > 20 || u.Host == "" {
			return fail("no password or host")
		}
		schemes := "postgres postgresql mysql mongodb+srv redis"
		if infoType == classify.URLWithCredentials {
			schemes = "https"
		}
		if !strings.Contains(" "+schemes+" ", " "+u.Scheme+" ") {
			return fail("scheme %s", u.Scheme)
		}
		if strings.Contains(u.Host, "example.") {
			return fail("documentation host")
		}
	case classify.Password:
		if !rePassword.MatchString(v) || !strings.ContainsAny(v, "0123456789") ||
			!strings.ContainsAny(v, "!#%^*_-+") || !strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
			return fail("shape")
		}
	default:
		if err, ok := validatePersonal(infoType, v); ok {
			return err
		}
		return fail("unknown infoType")
	}
	return nil
}

var reURLPassword = regexp.MustCompile(`^[A-Za-z0-9_-]{10,20}$`)

// validateSpan validates the value a span of text locates. outer is the
// infoType that was planted: a PASSWORD inside a URL is URL-safe rather than
// symbol-bearing.
func validateSpan(outer string, s Span, text string) error {
	v := text[s.Offset : s.Offset+s.Length]
	if s.InfoType == classify.Password && outer != classify.Password {
		if !reURLPassword.MatchString(v) {
			return fmt.Errorf("URL password %q", v)
		}
		return nil
	}
	return validate(s.InfoType, v)
}

func TestEveryValueIsValid(t *testing.T) {
	g := New(11)
	for _, it := range InfoTypes() {
		seen := map[string]bool{}
		for range 400 {
			v := g.Value(it)
			if v.InfoType != it {
				t.Fatalf("Value(%s).InfoType = %s", it, v.InfoType)
			}
			if err := validate(it, v.Text); err != nil {
				t.Fatal(err)
			}
			if seen[v.Text] && it != classify.PersonName && it != classify.DateOfBirth { // people share names and birthdays
				t.Errorf("%s %q generated twice", it, v.Text)
			}
			seen[v.Text] = true
			for _, in := range v.Inner {
				inner := v.Text[in.Offset : in.Offset+in.Length]
				if err := validate(in.InfoType, inner); err != nil && in.InfoType != classify.Password {
					t.Fatal(err)
				}
				u, _ := url.Parse(v.Text)
				if pw, _ := u.User.Password(); in.InfoType != classify.Password || pw != inner {
					t.Fatalf("%s %q: inner span %q is not the password %q", it, v.Text, inner, pw)
				}
			}
			hasInner := it == classify.DatabaseConnectionString || it == classify.URLWithCredentials
			if hasInner != (len(v.Inner) == 1) {
				t.Fatalf("%s: %d inner spans", it, len(v.Inner))
			}
		}
	}
}

// Phone validity is up to libphonenumber's metadata, which has holes (drama
// ranges, unallocated blocks), so it gets a larger sample than the rest.
func TestPhonesValid(t *testing.T) {
	g := New(14)
	for range 30000 {
		v := g.Value(classify.PhoneNumber).Text
		if err := validate(classify.PhoneNumber, v); err != nil {
			t.Fatal(err)
		}
	}
}

// Every variant (brand, country, format) must turn up, or the recall test
// silently covers less than it claims.
func TestValueVariety(t *testing.T) {
	g := New(12)
	want := map[string][]string{
		classify.PhoneNumber:              {`^\(\d{3}\) `, `^\d{3}-\d{3}-`, `^\d{3}\.\d{3}\.`, `^\+1 `, `^\+1-`, `^\+44 20 7`, `^\+44 7\d{3} \d{6}$`, `^\+49 30 `, `^\+33 1 `, `^\+33 6 `},
		classify.CreditCardNumber:         {`^4\d{15}$`, `^5[1-5]\d\d \d{4}`, `^2[2-7]\d\d`, `^3[47]\d\d[ -]?\d{6}[ -]?\d{5}$`, `^6011`, `^65`, `^\d{4}-\d{4}-\d{4}-\d{4}$`},
		classify.IBANCode:                 {`^DE`, `^GB\d\d ?[A-Z]{4}`, `^FR`, `^NL\d\d ?[A-Z]{4}`, `^ES`, `^IT\d\d ?[A-Z]`, `^[A-Z]{2}\d\d[A-Z0-9]{14,}$`},
		classify.IPAddress:                {`^\d+\.\d+\.\d+\.\d+$`, `::`, `^[0-9a-f:]+$`},
		classify.MACAddress:               {`^[0-9a-f:]+$`, `^[0-9A-F-]+$`},
		classify.GitHubToken:              {`^ghp_`, `^gho_`, `^ghu_`, `^ghs_`, `^ghr_`, `^github_pat_`},
		classify.SlackToken:               {`^xoxb-`, `^xoxp-`},
		classify.StripeAPIKey:             {`^sk_live_`, `^rk_live_`},
		classify.OpenAIAPIKey:             {`^sk-proj-`, `^sk-[A-Za-z0-9]{20}T3`},
		classify.JSONWebToken:             {`^eyJhbGciOiJIUzI1NiIs`, `^eyJhbGciOiJSUzI1NiIs`, `^eyJ0eXAi`},
		classify.PrivateKey:               {`BEGIN RSA PRIVATE KEY`, `BEGIN PRIVATE KEY`, `BEGIN OPENSSH PRIVATE KEY`, `BEGIN EC PRIVATE KEY`},
		classify.DatabaseConnectionString: {`^postgres://`, `^postgresql://`, `^mysql://`, `^mongodb\+srv://`, `^redis://:`},
	}
	for it, res := range want {
		var vals []string
		for range 600 {
			vals = append(vals, g.Value(it).Text)
		}
		for _, re := range res {
			r := regexp.MustCompile(re)
			found := false
			for _, v := range vals {
				if r.MatchString(v) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: no value matches %s", it, re)
			}
		}
	}
}

func TestCarrierSpans(t *testing.T) {
	g := New(13)
	for _, it := range InfoTypes() {
		for range 50 {
			text, spans := g.Carrier(it)
			if len(spans) == 0 || spans[0].InfoType != it {
				t.Fatalf("Carrier(%s) = %q, spans %v", it, text, spans)
			}
			for _, s := range spans {
				if err := validateSpan(it, s, text); err != nil {
					t.Fatalf("Carrier(%s) = %q: %v", it, text, err)
				}
			}
			v := text[spans[0].Offset : spans[0].Offset+spans[0].Length]
			switch it {
			case classify.Password:
				if !regexp.MustCompile(`(?i)password["]?[:=] ?["]?$`).MatchString(text[:spans[0].Offset]) {
					t.Fatalf("password without an assignment: %q", text)
				}
			case classify.AWSSecretAccessKey:
				if !strings.Contains(strings.ToLower(text[:spans[0].Offset]), "aws_secret_access_key") {
					t.Fatalf("AWS secret without context: %q", text)
				}
			}
			// nothing glued to the value that a detector would take as part of it
			if after := text[spans[0].Offset+len(v):]; after != "" && !strings.ContainsAny(after[:1], " \n\",)") {
				t.Fatalf("Carrier(%s) = %q: value followed by %q", it, text, after[:1])
			}
		}
	}
}

// Known answers for the check-digit helpers, from published examples.
func TestCheckDigits(t *testing.T) {
	if got := ibanCheck("GB", "WEST12345698765432"); got != "82" {
		t.Errorf("ibanCheck GB = %s", got)
	}
	if got := ibanCheck("DE", "370400440532013000"); got != "89" {
		t.Errorf("ibanCheck DE = %s", got)
	}
	if got := esCheck("00" + "21000418"); got != "4" {
		t.Errorf("esCheck bank = %s", got)
	}
	if got := esCheck("0200051332"); got != "5" {
		t.Errorf("esCheck account = %s", got)
	}
	if got := itCIN("0542811101000000123456"); got != "X" {
		t.Errorf("itCIN = %s", got)
	}
	if got := ribKey("30006", "00001", "12345678901"); got != "89" {
		t.Errorf("ribKey = %s", got)
	}
	if !elevenProof("0417164300") {
		t.Error("elevenProof(ABNA 0417164300) = false")
	}
	if got := luhnDigit([]byte("411111111111111")); got != '1' {
		t.Errorf("luhnDigit = %c", got)
	}
	for v, want := range map[uint32]string{0: "000000", 61: "00000z", 62: "000010", 4294967295: "4gfFC3"} {
		if got := base62Pad(v, 6); got != want {
			t.Errorf("base62Pad(%d) = %s, want %s", v, got, want)
		}
	}
}

func TestUnknownInfoType(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Value of an unknown infoType did not panic")
		}
	}()
	New(1).Value("NOT_A_TYPE")
}
