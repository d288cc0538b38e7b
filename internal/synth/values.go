package synth

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"net/netip"
	"strconv"
	"strings"

	"github.com/residuehq/residue/classify"
)

const (
	base62     = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	base32AWS  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	urlSafe64  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	std64      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	letters    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	hexLower   = "0123456789abcdef"
	digitChars = "0123456789"
	awsSecret  = base62 + "/+"
	pwSymbols  = "!#%^*_-+"
	urlPwChars = base62 + "-_"
)

// markers are prefixes of other infoTypes. A random body that happened to
// contain one would hold a second, unplanned finding, so such bodies are
// drawn again.
var markers = []string{
	"AKIA", "AIza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
	"xox", "sk_live", "rk_live", "sk-", "hf_", "eyJ", "T3BlbkFJ", "-----",
}

func hasMarker(s string) bool {
	for _, m := range markers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// randString draws n characters from alphabet.
func (g *Generator) randString(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.intn(len(alphabet))]
	}
	return string(b)
}

// body draws a random string that contains no other infoType's marker.
func (g *Generator) body(alphabet string, n int) string {
	for {
		s := g.randString(alphabet, n)
		if !hasMarker(s) {
			return s
		}
	}
}

func (g *Generator) digitString(n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + g.intn(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + g.intn(10))
	}
	return string(b)
}

// Value returns a fresh, valid, non-documentation value of infoType; it
// panics on a name InfoTypes does not list, as that is a programming error.
// PASSWORD, AWS_SECRET_ACCESS_KEY and PRIVATE_KEY values are bare here; the
// context a detector needs to recognise them comes from the carrier (see
// Carrier).
func (g *Generator) Value(infoType string) Value {
	v := Value{InfoType: infoType}
	switch infoType {
	case classify.EmailAddress:
		v.Text = g.email()
	case classify.PhoneNumber:
		v.Text = g.phone()
	case classify.CreditCardNumber:
		v.Text = g.card()
	case classify.IBANCode:
		v.Text = g.iban()
	case classify.USSocialSecurityNumber:
		v.Text = g.ssn()
	case classify.IPAddress:
		v.Text = g.ip()
	case classify.MACAddress:
		v.Text = g.mac()
	case classify.AWSAccessKeyID:
		v.Text = "AKIA" + g.body(base32AWS, 16)
	case classify.AWSSecretAccessKey:
		v.Text = g.awsSecret()
	case classify.GitHubToken:
		v.Text = g.githubToken()
	case classify.SlackToken:
		v.Text = g.slackToken()
	case classify.StripeAPIKey:
		v.Text = pick(g, []string{"sk_live_", "rk_live_"}) + g.body(base62, g.between(24, 99))
	case classify.OpenAIAPIKey:
		v.Text = g.openAIKey()
	case classify.AnthropicAPIKey:
		v.Text = "sk-ant-api03-" + g.body(urlSafe64, 93) + "AA"
	case classify.HuggingFaceToken:
		v.Text = "hf_" + g.body(letters, 34)
	case classify.GCPAPIKey:
		v.Text = "AIza" + g.body(urlSafe64, 35)
	case classify.JSONWebToken:
		v.Text = g.jwt()
	case classify.PrivateKey:
		v.Text = g.pem()
	case classify.DatabaseConnectionString:
		v.Text, v.Inner = g.dbURL()
	case classify.URLWithCredentials:
		v.Text, v.Inner = g.credURL()
	case classify.Password:
		v.Text = g.password()
	default:
		var ok bool
		if v.Text, ok = personalValue(g, infoType); !ok {
			panic(fmt.Sprintf("synth: no generator for infoType %q", infoType))
		}
	}
	return v
}

// ---- contact ----

var freemail = []string{
	"gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "gmx.de",
	"web.de", "orange.fr", "icloud.com", "hotmail.fr", "fastmail.com",
}

var domainWords = []string{
	"corvalis", "northwind", "bluefinch", "halden", "quillon", "marrow",
	"tessera", "oakridge", "lumora", "vantor", "kestrel", "brightwave",
	"stonegate", "pellucid", "arbor", "nimbly", "fernhill", "copperline",
}

var domainSuffix = []string{"", "", "", "-labs", "-data", "-health", "-group", "mail", "-ai"}

var tlds = []string{"com", "io", "net", "org", "co.uk", "de", "fr", "nl", "dev", "ai", "app", "co", "es", "it"}

func (g *Generator) domain() string {
	return pick(g, domainWords) + pick(g, domainSuffix) + "." + pick(g, tlds)
}

func (g *Generator) email() string {
	first, last := pick(g, firstNames), pick(g, lastNames)
	var local string
	switch g.intn(6) {
	case 0:
		local = first + "." + last
	case 1:
		local = first[:1] + last
	case 2:
		local = first + "_" + last
	case 3:
		local = first[:1] + last[:1] + strconv.Itoa(g.between(10, 9999))
	case 4:
		local = first + strconv.Itoa(g.between(70, 99))
	default:
		local = first + "." + last + strconv.Itoa(g.between(1, 99))
	}
	if g.intn(10) == 0 {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	d := g.domain()
	if g.intn(10) < 3 {
		d = pick(g, freemail)
	}
	return local + "@" + d
}

var ukMobile = []string{"7400", "7511", "7733", "7807", "7918", "7955"}

var usAreaCodes = []string{"212", "312", "415", "617", "206", "303", "512", "718", "404", "713", "646", "213", "305", "602", "702", "503"}

func (g *Generator) phone() string {
	if g.intn(10) < 6 {
		return g.usPhone()
	}
	switch g.intn(5) {
	case 0: // London landline; 020 7946 0xxx is Ofcom's drama range.
		mid := 7000 + g.intn(1000)
		for mid == 7946 {
			mid = 7000 + g.intn(1000)
		}
		return fmt.Sprintf("+44 20 %d %04d", mid, g.intn(10000))
	case 1: // UK mobile. Not 07700 9xxxxx: libphonenumber holds that whole
		// block (Ofcom's drama range is in it) invalid, and a few other
		// sub-blocks too; these prefixes are valid throughout.
		return fmt.Sprintf("+44 %s %06d", pick(g, ukMobile), g.intn(1000000))
	case 2: // Berlin
		return fmt.Sprintf("+49 30 %d%06d", g.between(2, 9), g.intn(1000000))
	case 3: // Paris landline
		return fmt.Sprintf("+33 1 %02d %02d %02d %02d", g.between(40, 79), g.intn(100), g.intn(100), g.intn(100))
	default: // French mobile; 06 39 9x holds ARCEP's fictional range
		b := g.between(10, 89)
		for b == 39 {
			b = g.between(10, 89)
		}
		return fmt.Sprintf("+33 6 %02d %02d %02d %02d", b, g.intn(100), g.intn(100), g.intn(100))
	}
}

func (g *Generator) usPhone() string {
	a := pick(g, usAreaCodes)
	var e int
	for {
		e = g.between(200, 999)
		if e != 555 && e%100 != 11 && e != 958 && e != 959 && e != 976 {
			break
		}
	}
	l := g.intn(10000)
	switch g.intn(5) {
	case 0:
		return fmt.Sprintf("(%s) %d-%04d", a, e, l)
	case 1:
		return fmt.Sprintf("%s-%d-%04d", a, e, l)
	case 2:
		return fmt.Sprintf("%s.%d.%04d", a, e, l)
	case 3:
		return fmt.Sprintf("+1 %s %d %04d", a, e, l)
	default:
		return fmt.Sprintf("+1-%s-%d-%04d", a, e, l)
	}
}

// ---- financial ----

// testCards are the numbers payment processors publish for testing;
// detectors down-rank them, so they are never planted.
var testCards = map[string]bool{
	"4111111111111111": true, "4242424242424242": true, "4012888888881881": true,
	"4000056655665556": true, "5555555555554444": true, "5105105105105100": true,
	"2223003122003222": true, "5200828282828210": true, "378282246310005": true,
	"371449635398431": true, "378734493671000": true, "6011111111111117": true,
	"6011000990139424": true, "6011000000000004": true, "4000000000000002": true,
	"4012000033330026": true,
}

// luhnDigit returns the check digit that makes digits+check pass Luhn.
func luhnDigit(digits []byte) byte {
	sum := 0
	double := true // the digit left of the check digit is doubled
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

func (g *Generator) card() string {
	var num string
	amex := false
	for {
		var prefix string
		n := 16
		switch g.intn(4) {
		case 0:
			prefix = "4"
		case 1:
			if g.intn(3) == 0 {
				prefix = strconv.Itoa(g.between(2221, 2720))
			} else {
				prefix = strconv.Itoa(g.between(51, 55))
			}
		case 2:
			prefix, n, amex = pick(g, []string{"34", "37"}), 15, true
		default:
			prefix = pick(g, []string{"6011", "65"})
		}
		b := []byte(prefix)
		for len(b) < n-1 {
			b = append(b, byte('0'+g.intn(10)))
		}
		b = append(b, luhnDigit(b))
		num = string(b)
		if !testCards[num] {
			break
		}
		amex = false
	}
	sep := pick(g, []string{"", " ", "-"})
	if sep == "" {
		return num
	}
	if amex {
		return num[:4] + sep + num[4:10] + sep + num[10:]
	}
	return num[:4] + sep + num[4:8] + sep + num[8:12] + sep + num[12:]
}

// ibanCheck computes the two ISO 13616 check digits for country+bban.
func ibanCheck(country, bban string) string {
	s := bban + country + "00"
	rem := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return fmt.Sprintf("%02d", 98-rem)
}

var ibanBanks = map[string][]string{
	"GB": {"BARC", "LOYD", "HBUK", "NWBK", "MIDL", "RBOS"},
	"NL": {"ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ"},
}

// famousIBANs are documentation examples (Wikipedia, bank test pages).
var famousIBANs = map[string]bool{
	"DE89370400440532013000": true, "GB82WEST12345698765432": true,
	"GB29NWBK60161331926819": true, "FR1420041010050500013M02606": true,
	"NL91ABNA0417164300": true, "ES9121000418450200051332": true,
	"IT60X0542811101000000123456": true,
}

func (g *Generator) digitsN(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.intn(10))
	}
	return string(b)
}

func (g *Generator) iban() string {
	var compact string
	for {
		country, bban := g.bban()
		compact = country + ibanCheck(country, bban) + bban
		if !famousIBANs[compact] {
			break
		}
	}
	if g.intn(3) == 0 {
		return compact
	}
	var b strings.Builder
	for i := 0; i < len(compact); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(compact[i:min(i+4, len(compact))])
	}
	return b.String()
}

// bban builds a national account number with its national check digits
// where the country has them, so stricter validators accept it too.
func (g *Generator) bban() (country, bban string) {
	switch g.intn(6) {
	case 0: // DE: 8-digit Bankleitzahl + 10-digit account
		return "DE", g.digitString(8) + g.digitsN(10)
	case 1: // GB: 4-letter bank + 6-digit sort code + 8-digit account
		return "GB", pick(g, ibanBanks["GB"]) + g.digitString(6) + g.digitsN(8)
	case 2: // FR: bank(5) branch(5) account(11) RIB key(2)
		bank, branch, acct := g.digitString(5), g.digitsN(5), g.digitsN(11)
		return "FR", bank + branch + acct + ribKey(bank, branch, acct)
	case 3: // NL: 4-letter bank + 10-digit account passing the 11-test
		for {
			acct := g.digitsN(10)
			if elevenProof(acct) {
				return "NL", pick(g, ibanBanks["NL"]) + acct
			}
		}
	case 4: // ES: bank(4) branch(4) check(2) account(10)
		bank, branch, acct := g.digitString(4), g.digitsN(4), g.digitsN(10)
		return "ES", bank + branch + esCheck("00"+bank+branch) + esCheck(acct) + acct
	default: // IT: CIN(1) ABI(5) CAB(5) account(12)
		rest := g.digitString(5) + g.digitsN(5) + g.digitsN(12)
		return "IT", itCIN(rest) + rest
	}
}

func ribKey(bank, branch, acct string) string {
	mod := func(s string, m int) int {
		r := 0
		for i := 0; i < len(s); i++ {
			r = (r*10 + int(s[i]-'0')) % m
		}
		return r
	}
	k := 97 - (89*mod(bank, 97)+15*mod(branch, 97)+3*mod(acct, 97))%97
	return fmt.Sprintf("%02d", k)
}

func elevenProof(acct string) bool {
	sum := 0
	for i := 0; i < 10; i++ {
		sum += int(acct[i]-'0') * (10 - i)
	}
	return sum%11 == 0
}

func esCheck(ten string) string {
	weights := [10]int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += int(ten[i]-'0') * weights[i]
	}
	d := 11 - sum%11
	switch d {
	case 11:
		d = 0
	case 10:
		d = 1
	}
	return strconv.Itoa(d)
}

// itCIN is the Italian control letter over ABI+CAB+account.
func itCIN(s string) string {
	odd := [10]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21}
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[i] - '0')
		if i%2 == 0 { // 1-based odd position
			sum += odd[d]
		} else {
			sum += d
		}
	}
	return string(rune('A' + sum%26))
}

// ---- identity ----

func (g *Generator) ssn() string {
	for {
		area := g.between(1, 899)
		if area == 666 {
			continue
		}
		s := fmt.Sprintf("%03d-%02d-%04d", area, g.between(1, 99), g.between(1, 9999))
		if s != "078-05-1120" && s != "219-09-9999" && s != "123-45-6789" {
			return s
		}
	}
}

// ---- network ----

// reserved4 are IPv4 ranges that are not public unicast or are set aside
// for documentation and benchmarking.
var reserved4 = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("192.88.99.0/24"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("224.0.0.0/3"),
}

// v6Prefixes are /32s of real networks (cloud, CDN, ISP) so the addresses
// look like what turns up in logs.
var v6Prefixes = [][2]uint16{
	{0x2a03, 0x2880}, {0x2606, 0x4700}, {0x2600, 0x1f18}, {0x2a00, 0x1450},
	{0x2a01, 0x04f8}, {0x2804, 0x014c}, {0x2400, 0xcb00}, {0x2607, 0xf8b0},
	{0x2001, 0x4860}, {0x2c0f, 0xfb50}, {0x2a02, 0x0908}, {0x2620, 0x0100},
}

func publicV4(a netip.Addr) bool {
	for _, p := range reserved4 {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

func (g *Generator) ip() string {
	if g.intn(4) == 0 {
		return g.ipv6()
	}
	for {
		a := netip.AddrFrom4([4]byte{byte(g.between(1, 223)), byte(g.intn(256)), byte(g.intn(256)), byte(g.between(1, 254))})
		if publicV4(a) {
			return a.String()
		}
	}
}

func (g *Generator) ipv6() string {
	p := pick(g, v6Prefixes)
	var b [16]byte
	b[0], b[1], b[2], b[3] = byte(p[0]>>8), byte(p[0]), byte(p[1]>>8), byte(p[1])
	for i := 2; i < 8; i++ {
		var h uint16
		switch g.intn(5) {
		case 0: // zero groups give the :: compression real addresses have
		case 1:
			h = uint16(g.intn(256))
		default:
			h = uint16(g.intn(65536))
		}
		b[2*i], b[2*i+1] = byte(h>>8), byte(h)
	}
	return netip.AddrFrom16(b).String()
}

func (g *Generator) mac() string {
	sep := pick(g, []string{":", "-"})
	hex := hexLower
	upper := g.intn(2) == 0
	var sb strings.Builder
	for i := 0; i < 6; i++ {
		v := g.intn(256)
		if i == 0 {
			v &^= 3 // unicast, globally administered
		}
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteByte(hex[v>>4])
		sb.WriteByte(hex[v&15])
	}
	if upper {
		return strings.ToUpper(sb.String())
	}
	return sb.String()
}

// ---- secrets ----

func hasClasses(s string) bool {
	var d, u, l bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d = true
		case c >= 'A' && c <= 'Z':
			u = true
		case c >= 'a' && c <= 'z':
			l = true
		}
	}
	return d && u && l
}

func (g *Generator) awsSecret() string {
	for {
		s := g.body(awsSecret, 40)
		if hasClasses(s) && !strings.Contains(s, "EXAMPLE") {
			return s
		}
	}
}

// base62Pad encodes v in base62 (0-9A-Za-z), left-padded with '0' to n.
func base62Pad(v uint32, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = base62[v%62]
		v /= 62
	}
	return string(b)
}

// githubChecksum is the 6-character suffix of a classic GitHub token: the
// base62 CRC32 (IEEE) of the 30 random characters before it.
func githubChecksum(random30 string) string {
	return base62Pad(crc32.ChecksumIEEE([]byte(random30)), 6)
}

func (g *Generator) githubToken() string {
	if g.intn(4) == 0 {
		return "github_pat_" + g.body(base62, 22) + "_" + g.body(base62, 59)
	}
	for {
		r := g.body(base62, 30)
		s := r + githubChecksum(r)
		if !hasMarker(s) {
			return pick(g, []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) + s
		}
	}
}

func (g *Generator) slackToken() string {
	if g.intn(2) == 0 {
		return "xoxb-" + g.digitString(g.between(10, 13)) + "-" + g.digitString(g.between(10, 13)) + "-" + g.body(base62, 24)
	}
	return "xoxp-" + g.digitString(g.between(10, 13)) + "-" + g.digitString(g.between(10, 13)) + "-" +
		g.digitString(g.between(10, 13)) + "-" + g.body(hexLower, 32)
}

func (g *Generator) openAIKey() string {
	if g.intn(3) == 0 {
		return "sk-" + g.body(base62, 20) + "T3BlbkFJ" + g.body(base62, 20)
	}
	a := g.between(60, 88)
	return "sk-proj-" + g.body(urlSafe64, a) + "T3BlbkFJ" + g.body(urlSafe64, 148-a)
}

func (g *Generator) jwt() string {
	alg := pick(g, []string{"HS256", "RS256"})
	var header string
	if g.intn(3) == 0 {
		header = `{"typ":"JWT","alg":"` + alg + `"}`
	} else {
		header = `{"alg":"` + alg + `","typ":"JWT"}`
	}
	payload := fmt.Sprintf(`{"sub":"%d","name":"%s %s","iat":%d}`,
		g.between(1000000, 99999999), capitalise(pick(g, firstNames)), capitalise(pick(g, lastNames)),
		1600000000+g.intn(150000000))
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload)) + "." + g.body(urlSafe64, 43)
}

type pemKind struct{ label, lead string }

var pemKinds = []pemKind{
	{"RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA"},
	{"PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"},
	{"OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA"},
	{"EC PRIVATE KEY", "MHcCAQEEI"},
}

// pem is a PEM block of random base64 in 64-character lines joined by "\n",
// from the first '-' of BEGIN to the last '-' of END.
func (g *Generator) pem() string {
	k := pick(g, pemKinds)
	full := g.between(6, 12)
	last := 4 * g.between(2, 15)
	pad := g.intn(3)
	n := full*64 + last
	b64 := k.lead + g.body(std64, n-len(k.lead)-pad) + strings.Repeat("=", pad)
	var sb strings.Builder
	sb.WriteString("-----BEGIN " + k.label + "-----\n")
	for i := 0; i < len(b64); i += 64 {
		sb.WriteString(b64[i:min(i+64, len(b64))])
		sb.WriteByte('\n')
	}
	sb.WriteString("-----END " + k.label + "-----")
	return sb.String()
}

var dbUsers = []string{"app", "etl_svc", "reporting", "analytics", "api_rw", "ingest", "metabase", "airflow"}
var dbNames = []string{"orders", "billing", "warehouse", "events", "users_prod", "crm", "inventory"}
var hostStems = []string{"db-prod-2", "pg-main", "primary", "replica-1", "mysql-01", "store", "data-3"}

func (g *Generator) host() string {
	return pick(g, hostStems) + "." + pick(g, domainWords) + pick(g, []string{".internal", ".net", ".io", ".cloud"})
}

// urlPassword is 10–20 URL-safe characters with letters of both cases and
// a digit, so it reads as a password and needs no percent-encoding.
func (g *Generator) urlPassword() string {
	for {
		s := g.body(urlPwChars, g.between(10, 20))
		if hasClasses(s) {
			return s
		}
	}
}

func (g *Generator) dbURL() (string, []Span) {
	user, pw, host, db := pick(g, dbUsers), g.urlPassword(), g.host(), pick(g, dbNames)
	var pre, post string
	switch g.intn(5) {
	case 0:
		pre, post = "postgres://"+user+":", "@"+host+":5432/"+db
	case 1:
		pre, post = "postgresql://"+user+":", "@"+host+":5432/"+db+"?sslmode=require"
	case 2:
		pre, post = "mysql://"+user+":", "@"+host+":3306/"+db
	case 3:
		pre, post = "mongodb+srv://"+user+":", "@cluster0."+g.randString("abcdefghijklmnopqrstuvwxyz0123456789", 5)+".mongodb.net/"+db+"?retryWrites=true&w=majority"
	default:
		user = pick(g, []string{"", "default"})
		pre, post = "redis://"+user+":", "@"+host+":6379/"+strconv.Itoa(g.intn(4))
	}
	return pre + pw + post, []Span{{InfoType: classify.Password, Offset: len(pre), Length: len(pw)}}
}

var urlPaths = []string{"/simple/", "/org/models.git", "/api/v2/export", "/artifactory/libs-release/", "/feeds/nightly.xml", "/v1/datasets/"}

func (g *Generator) credURL() (string, []Span) {
	user := pick(g, []string{"deploy", "ci-bot", "admin", "builder", "mirror"})
	pw := g.urlPassword()
	host := pick(g, []string{"git", "artifacts", "registry", "pypi", "ftp"}) + "." + g.domain()
	pre := "https://" + user + ":"
	return pre + pw + "@" + host + pick(g, urlPaths), []Span{{InfoType: classify.Password, Offset: len(pre), Length: len(pw)}}
}

// password is 10–20 characters starting with a letter, with both cases, a
// digit and one of !#%^*_-+; never a quote, space, '@', ':' or '/', so it
// cannot be confused with the syntax around it.
func (g *Generator) password() string {
	for {
		n := g.between(10, 20)
		b := []byte(g.randString(letters, 1) + g.randString(base62+pwSymbols, n-1))
		b[1+g.intn(n-1)] = pwSymbols[g.intn(len(pwSymbols))]
		s := string(b)
		if hasClasses(s) && !hasMarker(s) {
			return s
		}
	}
}
