package classify

// Validators: the structure and checksum checks that turn a pattern match
// into a confident finding. Each one takes the candidate exactly as the
// detector matched it, is pure, never panics, and does not allocate unless
// its comment says so. They are written from the specifications named on
// each function, not from other scanners' code.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"hash/crc32"
	"math"
	"math/bits"
	"net/netip"
)

// luhn reports whether an ASCII digit string passes the Luhn (mod 10) check
// of ISO/IEC 7812-1 Annex B; false for non-digits or len < 2.
func luhn(digits []byte) bool {
	if len(digits) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Card networks named by cardNetwork.
const (
	cardVisa       = "visa"
	cardMastercard = "mastercard"
	cardAmex       = "amex"
	cardDiscover   = "discover"
	cardJCB        = "jcb"
	cardDiners     = "diners"
	cardUnionPay   = "unionpay"
	cardMaestro    = "maestro"
)

// cardNetwork names the issuer network from the IIN prefix and length of a
// digits-only card number:
//
//	visa        4                                      13, 16, 19
//	mastercard  51–55, 2221–2720                       16
//	amex        34, 37                                 15
//	discover    6011, 644–649, 65, 622126–622925       16–19
//	jcb         3528–3589                              16–19
//	diners      300–305, 36, 38–39                     14–19
//	unionpay    62 (outside Discover's 622126–622925)  16–19
//	maestro     50, 56–69 not claimed above            12–19
//
// The prefix decides the network first, in the order above; a number whose
// prefix belongs to a network but whose length that network does not issue
// gets "" (it does not fall through to maestro). "" also for anything that
// is not 12–19 ASCII digits. It does not check the Luhn digit.
func cardNetwork(digits []byte) string {
	n := len(digits)
	if n < 12 || n > 19 {
		return ""
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return ""
		}
	}
	p2 := valDecimal(digits[:2])
	p3 := valDecimal(digits[:3])
	p4 := valDecimal(digits[:4])
	p6 := valDecimal(digits[:6])
	var name string
	var ok bool
	switch {
	case digits[0] == '4':
		name, ok = cardVisa, n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		name, ok = cardMastercard, n == 16
	case p2 == 34, p2 == 37:
		name, ok = cardAmex, n == 15
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65, p6 >= 622126 && p6 <= 622925:
		name, ok = cardDiscover, n >= 16
	case p4 >= 3528 && p4 <= 3589:
		name, ok = cardJCB, n >= 16
	case p4 == 2131, p4 == 1800:
		// JCB's older 15-digit ranges, still in circulation and in
		// generated test data.
		name, ok = cardJCB, n == 15
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39:
		name, ok = cardDiners, n >= 14
	case p2 == 62:
		name, ok = cardUnionPay, n >= 16
	case p2 == 50, p2 >= 56 && p2 <= 69:
		name, ok = cardMaestro, true
	}
	if !ok {
		return ""
	}
	return name
}

// valDecimal reads a short run of ASCII digits already known to be digits.
func valDecimal(d []byte) int {
	v := 0
	for _, c := range d {
		v = v*10 + int(c-'0')
	}
	return v
}

// digitsOnly appends the ASCII digits of s to dst (dropping spaces, dashes,
// dots, parens and '+') and returns it. Any other byte (a letter, a Unicode
// digit, a slash, …) means s is not a separated digit string: then nothing
// is appended and dst is returned unchanged, so the caller's length check
// fails.
func digitsOnly(dst, s []byte) []byte {
	start := len(dst)
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			dst = append(dst, c)
		case c == ' ', c == '-', c == '.', c == '(', c == ')', c == '+':
		default:
			return dst[:start]
		}
	}
	return dst
}

// ibanCompact appends s upper-cased (ASCII only) with spaces and dashes
// removed to dst. Other bytes are kept, so ibanValid rejects them.
func ibanCompact(dst, s []byte) []byte {
	for _, c := range s {
		switch {
		case c == ' ', c == '-':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// ibanRegistry is every country in the SWIFT IBAN Registry (the ISO 13616
// registration authority), release of 2025: 89 countries, the last added
// Oman, Yemen and Honduras in 2024. Each has its total IBAN length and its
// BBAN structure in the registry's notation: "4!a6!n8!n" is exactly 4
// upper-case letters, 6 digits, 8 digits; "c" is a letter or digit.
// Territories that use another country's prefix (AX under FI; GF, GP, MQ,
// RE, … under FR; IM, JE, GG under GB) have no code of their own in IBANs.
// Countries that publish IBAN-like national formats outside the registry
// (Algeria, Iran, Morocco, Mozambique, …) are deliberately absent.
var ibanRegistry = [...]struct {
	cc   string
	len  uint8
	bban string
}{
	{"AD", 24, "4!n4!n12!c"},          // Andorra
	{"AE", 23, "3!n16!n"},             // United Arab Emirates
	{"AL", 28, "8!n16!c"},             // Albania
	{"AT", 20, "5!n11!n"},             // Austria
	{"AZ", 28, "4!a20!c"},             // Azerbaijan
	{"BA", 20, "3!n3!n8!n2!n"},        // Bosnia and Herzegovina
	{"BE", 16, "3!n7!n2!n"},           // Belgium
	{"BG", 22, "4!a4!n2!n8!c"},        // Bulgaria
	{"BH", 22, "4!a14!c"},             // Bahrain
	{"BI", 27, "5!n5!n11!n2!n"},       // Burundi
	{"BR", 29, "8!n5!n10!n1!a1!c"},    // Brazil
	{"BY", 28, "4!c4!n16!c"},          // Belarus
	{"CH", 21, "5!n12!c"},             // Switzerland
	{"CR", 22, "4!n14!n"},             // Costa Rica
	{"CY", 28, "3!n5!n16!c"},          // Cyprus
	{"CZ", 24, "4!n6!n10!n"},          // Czechia
	{"DE", 22, "8!n10!n"},             // Germany
	{"DJ", 27, "5!n5!n11!n2!n"},       // Djibouti
	{"DK", 18, "4!n9!n1!n"},           // Denmark
	{"DO", 28, "4!c20!n"},             // Dominican Republic
	{"EE", 20, "2!n14!n"},             // Estonia
	{"EG", 29, "4!n4!n17!n"},          // Egypt
	{"ES", 24, "4!n4!n1!n1!n10!n"},    // Spain
	{"FI", 18, "3!n11!n"},             // Finland
	{"FK", 18, "2!a12!n"},             // Falkland Islands
	{"FO", 18, "4!n9!n1!n"},           // Faroe Islands
	{"FR", 27, "5!n5!n11!c2!n"},       // France
	{"GB", 22, "4!a6!n8!n"},           // United Kingdom
	{"GE", 22, "2!a16!n"},             // Georgia
	{"GI", 23, "4!a15!c"},             // Gibraltar
	{"GL", 18, "4!n9!n1!n"},           // Greenland
	{"GR", 27, "3!n4!n16!c"},          // Greece
	{"GT", 28, "4!c20!c"},             // Guatemala
	{"HN", 28, "4!a20!n"},             // Honduras
	{"HR", 21, "7!n10!n"},             // Croatia
	{"HU", 28, "3!n4!n1!n15!n1!n"},    // Hungary
	{"IE", 22, "4!a6!n8!n"},           // Ireland
	{"IL", 23, "3!n3!n13!n"},          // Israel
	{"IQ", 23, "4!a3!n12!n"},          // Iraq
	{"IS", 26, "4!n2!n6!n10!n"},       // Iceland
	{"IT", 27, "1!a5!n5!n12!c"},       // Italy
	{"JO", 30, "4!a4!n18!c"},          // Jordan
	{"KW", 30, "4!a22!c"},             // Kuwait
	{"KZ", 20, "3!n13!c"},             // Kazakhstan
	{"LB", 28, "4!n20!c"},             // Lebanon
	{"LC", 32, "4!a24!c"},             // Saint Lucia
	{"LI", 21, "5!n12!c"},             // Liechtenstein
	{"LT", 20, "5!n11!n"},             // Lithuania
	{"LU", 20, "3!n13!c"},             // Luxembourg
	{"LV", 21, "4!a13!c"},             // Latvia
	{"LY", 25, "3!n3!n15!n"},          // Libya
	{"MC", 27, "5!n5!n11!c2!n"},       // Monaco
	{"MD", 24, "2!c18!c"},             // Moldova
	{"ME", 22, "3!n13!n2!n"},          // Montenegro
	{"MK", 19, "3!n10!c2!n"},          // North Macedonia
	{"MN", 20, "4!n12!n"},             // Mongolia
	{"MR", 27, "5!n5!n11!n2!n"},       // Mauritania
	{"MT", 31, "4!a5!n18!c"},          // Malta
	{"MU", 30, "4!a2!n2!n12!n3!n3!a"}, // Mauritius
	{"NI", 28, "4!a20!n"},             // Nicaragua
	{"NL", 18, "4!a10!n"},             // Netherlands
	{"NO", 15, "4!n6!n1!n"},           // Norway
	{"OM", 23, "3!n16!c"},             // Oman
	{"PK", 24, "4!a16!c"},             // Pakistan
	{"PL", 28, "8!n16!n"},             // Poland
	{"PS", 29, "4!a21!c"},             // Palestine
	{"PT", 25, "4!n4!n11!n2!n"},       // Portugal
	{"QA", 29, "4!a21!c"},             // Qatar
	{"RO", 24, "4!a16!c"},             // Romania
	{"RS", 22, "3!n13!n2!n"},          // Serbia
	{"RU", 33, "9!n5!n15!c"},          // Russia
	{"SA", 24, "2!n18!c"},             // Saudi Arabia
	{"SC", 31, "4!a2!n2!n16!n3!a"},    // Seychelles
	{"SD", 18, "2!n12!n"},             // Sudan
	{"SE", 24, "3!n16!n1!n"},          // Sweden
	{"SI", 19, "5!n8!n2!n"},           // Slovenia
	{"SK", 24, "4!n6!n10!n"},          // Slovakia
	{"SM", 27, "1!a5!n5!n12!c"},       // San Marino
	{"SO", 23, "4!n3!n12!n"},          // Somalia
	{"ST", 25, "8!n11!n2!n"},          // Sao Tome and Principe
	{"SV", 28, "4!a20!n"},             // El Salvador
	{"TL", 23, "3!n14!n2!n"},          // Timor-Leste
	{"TN", 24, "2!n3!n13!n2!n"},       // Tunisia
	{"TR", 26, "5!n1!n16!c"},          // Türkiye
	{"UA", 29, "6!n19!c"},             // Ukraine
	{"VA", 22, "3!n15!n"},             // Vatican City State
	{"VG", 24, "4!a16!n"},             // Virgin Islands (British)
	{"XK", 20, "4!n10!n2!n"},          // Kosovo
	{"YE", 30, "4!a4!n18!c"},          // Yemen
}

// ibanIndex maps a country code (two upper-case letters, as a base-26
// number) to 1 + its index in ibanRegistry; 0 for codes not in the registry.
// ibanClasses holds each country's BBAN structure expanded to one class
// byte ('n', 'a' or 'c') per position.
var ibanIndex, ibanClasses = func() (idx [26 * 26]uint8, classes [len(ibanRegistry)]string) {
	for i, r := range ibanRegistry {
		idx[int(r.cc[0]-'A')*26+int(r.cc[1]-'A')] = uint8(i + 1)
		var b []byte
		n := 0
		for j := 0; j < len(r.bban); j++ {
			switch c := r.bban[j]; {
			case c >= '0' && c <= '9':
				n = n*10 + int(c-'0')
			case c == 'n', c == 'a', c == 'c':
				for ; n > 0; n-- {
					b = append(b, c)
				}
			}
		}
		classes[i] = string(b)
	}
	return idx, classes
}()

// ibanMaxLen bounds the longest IBAN in the registry (Russia, 33).
const ibanMaxLen = 34

// ibanCountry returns the registry index of country code a b, or -1.
func ibanCountry(a, b byte) int {
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return -1
	}
	return int(ibanIndex[int(a-'A')*26+int(b-'A')]) - 1
}

// ibanLength returns the registry IBAN length for country code a b, or 0.
func ibanLength(a, b byte) int {
	i := ibanCountry(a, b)
	if i < 0 {
		return 0
	}
	return int(ibanRegistry[i].len)
}

// ibanValid checks a compact upper-case IBAN (ISO 13616-1): the country code
// is in the SWIFT registry, the length is exactly that country's, the check
// digits are 02–98, the BBAN is upper-case alphanumeric and follows the
// country's registered structure (digits where the registry says digits,
// letters where it says letters), and the ISO 7064 MOD 97-10 check gives 1.
// The remainder is computed piecewise (letters as two digits, A=10 … Z=35),
// without big integers.
func ibanValid(compact []byte) bool {
	n := len(compact)
	if n < 5 || n > ibanMaxLen {
		return false
	}
	country := ibanCountry(compact[0], compact[1])
	if country < 0 || int(ibanRegistry[country].len) != n {
		return false
	}
	classes := ibanClasses[country]
	if len(classes) != n-4 {
		return false
	}
	for i, c := range compact[4:] {
		digit, letter := c >= '0' && c <= '9', c >= 'A' && c <= 'Z'
		switch classes[i] {
		case 'n':
			if !digit {
				return false
			}
		case 'a':
			if !letter {
				return false
			}
		default:
			if !digit && !letter {
				return false
			}
		}
	}
	c2, c3 := compact[2], compact[3]
	if c2 < '0' || c2 > '9' || c3 < '0' || c3 > '9' {
		return false
	}
	// Check digits are 98 - (x mod 97), so only 02–98 can occur; 00, 01 and
	// 99 would still pass the mod-97 test (as 97, 98 and 02 do).
	if cd := int(c2-'0')*10 + int(c3-'0'); cd < 2 || cd > 98 {
		return false
	}
	// Move the first four characters to the end (BBAN, country, check
	// digits) and reduce mod 97 piecewise: r stays below 10^15 between
	// steps, so r*100+35 never overflows.
	var r uint64
	for i := 4; i < n+4; i++ {
		c := compact[i%n]
		switch {
		case c >= '0' && c <= '9':
			r = r*10 + uint64(c-'0')
		case c >= 'A' && c <= 'Z':
			r = r*100 + uint64(c-'A') + 10
		default:
			return false
		}
		if r >= 1e15 {
			r %= 97
		}
	}
	return r%97 == 1
}

// ssnValid checks 9 ASCII digits against the SSA's rules for numbers it
// issues (including since 2011's randomization): area not 000, 666 or
// 900–999; group not 00; serial not 0000. Publicly known numbers such as
// 078-05-1120 pass; lowering their likelihood is the detector's business.
func ssnValid(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	area := valDecimal(d[:3])
	group := valDecimal(d[3:5])
	serial := valDecimal(d[5:])
	return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

// emailValid checks the practical shape of an address (RFC 5321 §4.1.2 and
// §4.5.3.1, RFC 5322 §3.4.1 dot-atom, RFC 1035 labels):
//
//   - at most 254 bytes in all (the RFC 5321 path limit less the brackets);
//   - exactly one '@';
//   - local part 1–64 bytes of atext and dots, no leading, trailing or
//     doubled dot; quoted local parts are not accepted;
//   - domain at most 253 bytes, at least two labels of 1–63 [A-Za-z0-9-],
//     none starting or ending with '-'; no trailing dot;
//   - the last label (TLD) is at least two letters, or an A-label "xn--…";
//   - no address literals ("[192.0.2.1]"), hence no all-numeric domains.
//
// ASCII only: internationalized addresses (RFC 6531) are rejected.
func emailValid(addr []byte) bool {
	if len(addr) < 6 || len(addr) > 254 { // a@b.cd
		return false
	}
	at := bytes.IndexByte(addr, '@')
	if at < 1 || at > 64 {
		return false
	}
	local, domain := addr[:at], addr[at+1:]
	if len(domain) < 4 || len(domain) > 253 {
		return false
	}
	prevDot := true // a leading dot is as bad as a doubled one
	for _, c := range local {
		if c == '.' {
			if prevDot {
				return false
			}
			prevDot = true
			continue
		}
		if !valAtext(c) {
			return false
		}
		prevDot = false
	}
	if prevDot {
		return false
	}
	labels := 0
	start := 0
	for i := 0; i <= len(domain); i++ {
		if i < len(domain) && domain[i] != '.' {
			c := domain[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false // includes a second '@', '[', '_', non-ASCII
			}
			continue
		}
		label := domain[start:i]
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		labels++
		start = i + 1
	}
	if labels < 2 {
		return false
	}
	return valTLD(domain[bytes.LastIndexByte(domain, '.')+1:])
}

// valAtext reports whether c is RFC 5322 atext.
func valAtext(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~':
		return true
	}
	return false
}

// valTLD accepts a top-level label of two or more letters, or an A-label
// ("xn--" and at least one more character; the label rules were checked).
func valTLD(t []byte) bool {
	if len(t) > 4 && (t[0] == 'x' || t[0] == 'X') && (t[1] == 'n' || t[1] == 'N') && t[2] == '-' && t[3] == '-' {
		return true
	}
	if len(t) < 2 {
		return false
	}
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// ipAddr parses a textual IPv4 address (dotted quad, decimal, no leading
// zeros, as netip.ParseAddr) or IPv6 address (RFC 4291 §2.2, including "::"
// and a trailing dotted quad). Zones ("fe80::1%eth0") are rejected. It
// returns the same netip.Addr that netip.ParseAddr would (an IPv4-mapped
// IPv6 text stays a 16-byte address), without converting s to a string.
func ipAddr(s []byte) (netip.Addr, bool) {
	if bytes.IndexByte(s, ':') < 0 {
		v4, ok := valParseIPv4(s)
		if !ok {
			return netip.Addr{}, false
		}
		return netip.AddrFrom4(v4), true
	}
	v6, ok := valParseIPv6(s)
	if !ok {
		return netip.Addr{}, false
	}
	return netip.AddrFrom16(v6), true
}

// valParseIPv4 reads exactly four decimal fields 0–255 without leading zeros.
func valParseIPv4(s []byte) (ip [4]byte, ok bool) {
	field, digits, val := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if digits == 1 && val == 0 {
				return ip, false // leading zero
			}
			val = val*10 + int(s[i]-'0')
			digits++
			if val > 255 {
				return ip, false
			}
			continue
		}
		if i < len(s) && s[i] != '.' {
			return ip, false
		}
		if digits == 0 || field > 3 {
			return ip, false
		}
		ip[field] = byte(val)
		field++
		digits, val = 0, 0
	}
	return ip, field == 4
}

// valParseIPv6 reads RFC 4291 text: up to eight groups of 1–4 hex digits,
// at most one "::" standing for one or more zero groups, and optionally a
// dotted quad in place of the last two groups.
func valParseIPv6(s []byte) (ip [16]byte, ok bool) {
	ellipsis := -1 // byte index in ip where "::" stands
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return ip, true
		}
	}
	i := 0
	for i < 16 {
		off, acc := 0, 0
		for off < len(s) && off < 4 {
			h := valHex(s[off])
			if h < 0 {
				break
			}
			acc = acc<<4 | h
			off++
		}
		if off == 0 {
			return ip, false
		}
		if off < len(s) && s[off] == '.' {
			// A dotted quad ends the address; it fills the last four bytes
			// unless a "::" makes room for it earlier.
			if ellipsis < 0 && i != 12 || i+4 > 16 {
				return ip, false
			}
			v4, ok := valParseIPv4(s)
			if !ok {
				return ip, false
			}
			copy(ip[i:], v4[:])
			i += 4
			s = nil
			break
		}
		ip[i] = byte(acc >> 8)
		ip[i+1] = byte(acc)
		i += 2
		s = s[off:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' {
			return ip, false
		}
		s = s[1:]
		if len(s) == 0 {
			return ip, false // trailing single colon
		}
		if s[0] == ':' {
			if ellipsis >= 0 {
				return ip, false // a second "::"
			}
			ellipsis = i
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return ip, false // more than eight groups
	}
	if i < 16 {
		if ellipsis < 0 {
			return ip, false
		}
		n := 16 - i
		for j := i - 1; j >= ellipsis; j-- {
			ip[j+n] = ip[j]
		}
		for j := ellipsis + n - 1; j >= ellipsis; j-- {
			ip[j] = 0
		}
	} else if ellipsis >= 0 {
		return ip, false // "::" must stand for at least one group
	}
	return ip, true
}

// valHex returns the value of a hex digit, or -1.
func valHex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// macValid accepts an IEEE 802 MAC-48/EUI-48 address written as six hex
// pairs separated consistently by ':' or '-' (01:23:45:67:89:ab), or as
// three groups of four hex digits separated by '.' (0123.4567.89ab). It
// rejects the all-zero and broadcast (ff:ff:ff:ff:ff:ff) addresses, which
// identify no device. Space-separated pairs and 8-byte EUI-64 are not
// accepted: both look too much like hex dumps.
func macValid(s []byte) bool {
	var v [6]byte
	switch len(s) {
	case 17:
		sep := s[2]
		if sep != ':' && sep != '-' {
			return false
		}
		for g := 0; g < 6; g++ {
			p := g * 3
			hi, lo := valHex(s[p]), valHex(s[p+1])
			if hi < 0 || lo < 0 || g < 5 && s[p+2] != sep {
				return false
			}
			v[g] = byte(hi<<4 | lo)
		}
	case 14:
		for g := 0; g < 3; g++ {
			p := g * 5
			for k := 0; k < 4; k++ {
				h := valHex(s[p+k])
				if h < 0 {
					return false
				}
				v[g*2+k/2] |= byte(h) << (4 * (1 - k%2))
			}
			if g < 2 && s[p+4] != '.' {
				return false
			}
		}
	default:
		return false
	}
	zero, ones := true, true
	for _, b := range v {
		zero = zero && b == 0
		ones = ones && b == 0xff
	}
	return !zero && !ones
}

// jwtMaxLen bounds the work jwtValid does on one candidate.
const jwtMaxLen = 64 << 10

// jwtValid checks a JWS in compact serialization (RFC 7515 §7.1) carrying a
// JWT (RFC 7519):
//
//   - exactly three segments separated by '.', each base64url (RFC 4648 §5)
//     without padding; trailing '=' padding is tolerated, other characters
//     (including '+', '/', whitespace) are not;
//   - the header decodes to a JSON object with a non-empty string member
//     "alg" (member names are matched exactly, as JOSE requires; an "alg"
//     value written with JSON escapes is rejected, since real headers never
//     escape an algorithm name and "non\u0065" must not pass as "none");
//   - the payload decodes to a JSON object (the JWT Claims Set). Detached
//     payloads (an empty middle segment, RFC 7515 Appendix F) and non-JSON
//     payloads are rejected: they carry no claims, and accepting any
//     base64url would make "aaaa.bbbb.cccc" shapes too easy to match;
//   - the signature is non-empty, except that it must be empty when alg is
//     "none" (an Unsecured JWS, RFC 7518 §3.6).
//
// Five-segment JWE tokens are not accepted. Candidates over 64 KiB are
// rejected. It allocates only when a decoded segment exceeds its stack
// buffer (headers over 512 bytes, payloads over 2 KiB).
func jwtValid(tok []byte) bool {
	if len(tok) < 10 || len(tok) > jwtMaxLen {
		return false
	}
	d1 := bytes.IndexByte(tok, '.')
	if d1 < 0 {
		return false
	}
	d2 := bytes.IndexByte(tok[d1+1:], '.')
	if d2 < 0 {
		return false
	}
	d2 += d1 + 1
	head, body, sig := tok[:d1], tok[d1+1:d2], tok[d2+1:]
	if bytes.IndexByte(sig, '.') >= 0 {
		return false
	}
	var hbuf [512]byte
	h, ok := valB64URLDecode(hbuf[:0], head)
	if !ok || len(h) == 0 || !json.Valid(h) {
		return false
	}
	alg, ok := valJSONTopString(h, "alg")
	if !ok || len(alg) == 0 || bytes.IndexByte(alg, '\\') >= 0 {
		return false
	}
	var pbuf [2048]byte
	p, ok := valB64URLDecode(pbuf[:0], body)
	if !ok || len(p) == 0 || !json.Valid(p) || !valJSONIsObject(p) {
		return false
	}
	if !valB64URLCheck(sig) {
		return false
	}
	if string(alg) == "none" {
		return len(sig) == 0
	}
	return len(sig) > 0
}

// valB64URLCheck reports whether s is unpadded-or-padded base64url text of a
// length that can occur (n mod 4 != 1 once padding is removed).
func valB64URLCheck(s []byte) bool {
	s = valTrimPad(s)
	if s == nil {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return len(s)%4 != 1
}

// valTrimPad removes up to two trailing '=' so that the padded length was a
// multiple of four; it returns nil when the padding is malformed.
func valTrimPad(s []byte) []byte {
	pad := 0
	for pad < len(s) && s[len(s)-1-pad] == '=' {
		pad++
	}
	if pad == 0 {
		return s
	}
	if pad > 2 || len(s)%4 != 0 {
		return nil
	}
	return s[:len(s)-pad]
}

// valB64URLDecode appends the base64url decoding of s (padding tolerated)
// to dst. Unlike encoding/base64 alone it refuses '\r' and '\n'.
func valB64URLDecode(dst, s []byte) ([]byte, bool) {
	if !valB64URLCheck(s) {
		return dst, false
	}
	s = valTrimPad(s)
	n := base64.RawURLEncoding.DecodedLen(len(s))
	if cap(dst)-len(dst) < n {
		dst = make([]byte, len(dst), len(dst)+n)
	}
	m, err := base64.RawURLEncoding.Decode(dst[len(dst):len(dst)+n], s)
	if err != nil {
		return dst, false
	}
	return dst[:len(dst)+m], true
}

// valJSONIsObject reports whether valid JSON text j is an object.
func valJSONIsObject(j []byte) bool {
	i := valJSONSpace(j, 0)
	return i < len(j) && j[i] == '{'
}

// valJSONTopString finds the member name of the top-level object in valid
// JSON text j and returns its value's raw bytes (between the quotes, escapes
// not decoded) when the value is a string. Names are compared byte for byte,
// so an escaped spelling of name is not found.
func valJSONTopString(j []byte, name string) ([]byte, bool) {
	i := valJSONSpace(j, 0)
	if i >= len(j) || j[i] != '{' {
		return nil, false
	}
	i++
	var found []byte
	ok := false
	for {
		i = valJSONSpace(j, i)
		if i >= len(j) || j[i] == '}' {
			return found, ok
		}
		if j[i] == ',' {
			i++
			continue
		}
		// A member: "name" : value
		ks, ke := valJSONString(j, i)
		if ke < 0 {
			return nil, false
		}
		i = valJSONSpace(j, ke)
		if i >= len(j) || j[i] != ':' {
			return nil, false
		}
		i = valJSONSpace(j, i+1)
		if i >= len(j) {
			return nil, false
		}
		isName := string(j[ks+1:ke-1]) == name
		if j[i] == '"' {
			vs, ve := valJSONString(j, i)
			if ve < 0 {
				return nil, false
			}
			if isName {
				found, ok = j[vs+1:ve-1], true
			}
			i = ve
			continue
		}
		if isName {
			found, ok = nil, false // later duplicate with a non-string value
		}
		i = valJSONSkip(j, i)
		if i < 0 {
			return nil, false
		}
	}
}

// valJSONSpace skips JSON whitespace from i.
func valJSONSpace(j []byte, i int) int {
	for i < len(j) && (j[i] == ' ' || j[i] == '\t' || j[i] == '\n' || j[i] == '\r') {
		i++
	}
	return i
}

// valJSONString returns the span [start, end) of the string starting at
// j[i] == '"', quotes included; end is -1 if it is not terminated.
func valJSONString(j []byte, i int) (int, int) {
	if i >= len(j) || j[i] != '"' {
		return i, -1
	}
	for k := i + 1; k < len(j); k++ {
		switch j[k] {
		case '\\':
			k++
		case '"':
			return i, k + 1
		}
	}
	return i, -1
}

// valJSONSkip skips one non-string value (number, literal, object, array)
// of valid JSON starting at i and returns the index after it, or -1.
func valJSONSkip(j []byte, i int) int {
	depth := 0
	for i < len(j) {
		switch c := j[i]; c {
		case '"':
			_, e := valJSONString(j, i)
			if e < 0 {
				return -1
			}
			i = e
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // end of the enclosing object
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	if depth != 0 {
		return -1
	}
	return i
}

// githubClassicValid checks a classic GitHub token as GitHub documents it
// (ghp_ personal, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server,
// ghr_ refresh; prefix + 36 base62): the last 6 characters are the base62
// (0-9A-Za-z) encoding, left-padded with '0', of the CRC32-IEEE checksum of
// the 30 characters before them (the prefix is not included).
func githubClassicValid(tok []byte) bool {
	if len(tok) != 40 || tok[0] != 'g' || tok[1] != 'h' || tok[3] != '_' {
		return false
	}
	switch tok[2] {
	case 'p', 'o', 'u', 's', 'r':
	default:
		return false
	}
	body := tok[4:]
	for _, c := range body {
		if valBase62(c) < 0 {
			return false
		}
	}
	sum := uint64(crc32.ChecksumIEEE(body[:30]))
	for k := 5; k >= 0; k-- {
		if valBase62(body[30+k]) != int(sum%62) {
			return false
		}
		sum /= 62
	}
	return true
}

// valBase62 returns the value of c in the alphabet 0-9A-Za-z, or -1.
func valBase62(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 36
	}
	return -1
}

// shannonEntropy returns the Shannon entropy of the byte distribution of s,
// in bits per byte (0 for empty s, at most log2(min(len(s), 256))).
func shannonEntropy(s []byte) float64 {
	if len(s) == 0 {
		return 0
	}
	var counts [256]int
	for _, c := range s {
		counts[c]++
	}
	n := float64(len(s))
	h := 0.0
	for _, k := range counts {
		if k > 0 {
			p := float64(k) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// secretPlausible reports whether a candidate secret looks random rather
// than like a word, a pattern or a placeholder. It requires, in order:
//
//   - len(s) >= minLen (and at least 1);
//   - not a template or variable reference: "${VAR}", "$VAR", "{{ var }}",
//     "<token>", "%VAR%", "[REDACTED]";
//   - no placeholder word, case-insensitively: changeme, password, passwd,
//     placeholder, example, redacted, dummy, sample, insert, replace,
//     undefined, notreal, foobar, lorem, your_/your-, or a "…here" ending;
//     the words are long enough that a random 40-character base62 value
//     contains one by chance about four times in a million;
//   - no masking run: six or more of one of "xX*#._-0" in a row, or three
//     bullets "•••" ("xxxxxxxx", "sk_live_000000…"), and no run of one
//     character covering half the value ("****");
//   - not a short period repeated ("abcabcabc", "deadbeefdeadbeef"),
//     not mostly an ascending or descending run ("abcdefgh", "12345678");
//   - not a single character class: only lower-case letters (a word), only
//     upper-case letters, or only digits (an id, a timestamp) is rejected;
//     hex, base62, base64 and anything with a symbol pass this test, except
//     the random hex strings that happen to be all digits (2.3% at length
//     8, 0.05% at 16);
//   - Shannon entropy at least 0.5·log2(len(s)), capped at 3 bits. Random
//     lower-case hex is above this in more than 99.9% of draws at every
//     length from 8 to 128; a single repeated character scores 0.
func secretPlausible(s []byte, minLen int) bool {
	n := len(s)
	if n == 0 || n < minLen {
		return false
	}
	if valTemplateRef(s) || valHasPlaceholderWord(s) {
		return false
	}
	// Masking runs, and any one byte filling half of s.
	if bytes.Contains(s, []byte("•••")) {
		return false
	}
	run := 1
	for i := 1; i < n; i++ {
		if s[i] == s[i-1] {
			run++
		} else {
			run = 1
		}
		if run*2 >= n && n >= 4 || run >= 6 && valMaskByte(s[i]) {
			return false
		}
	}
	if n >= 6 {
		// Short period: s[i] == s[i+p] for all i, with p ≤ n/2.
		for p := 1; p <= 16 && p <= n/2; p++ {
			if bytes.Equal(s[p:], s[:n-p]) {
				return false
			}
		}
		// Ascending or descending steps.
		steps := 0
		for i := 1; i < n; i++ {
			if d := int(s[i]) - int(s[i-1]); d == 1 || d == -1 {
				steps++
			}
		}
		if steps*2 >= n-1 {
			return false
		}
	}
	var lower, upper, digit, other bool
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range [...]bool{lower, upper, digit, other} {
		if b {
			classes++
		}
	}
	if classes < 2 {
		return false
	}
	threshold := 0.5 * math.Log2(float64(n))
	if threshold > 3 {
		threshold = 3
	}
	return shannonEntropy(s) >= threshold
}

// valMaskByte reports whether c is used to mask or stand in for a value.
func valMaskByte(c byte) bool {
	switch c {
	case 'x', 'X', '*', '#', '.', '_', '-', '0':
		return true
	}
	return false
}

// valTemplateRef reports whether s as a whole is a variable reference or a
// bracketed placeholder rather than a value.
func valTemplateRef(s []byte) bool {
	n := len(s)
	if n < 2 {
		return false
	}
	first, last := s[0], s[n-1]
	switch {
	case first == '$':
		// $VAR, ${VAR}, $(cmd)
		for _, c := range s[1:] {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '{' || c == '}' || c == '(' || c == ')' || c == ':' || c == '-' || c == '.') {
				return false
			}
		}
		return true
	case first == '<' && last == '>', first == '[' && last == ']', first == '%' && last == '%' && n > 2:
		return true
	case n >= 4 && first == '{' && s[1] == '{' && last == '}' && s[n-2] == '}':
		return true
	}
	return false
}

// valPlaceholderWords are matched case-insensitively anywhere in a secret.
var valPlaceholderWords = [...]string{
	"changeme", "change_me", "change-me", "password", "passwd", "placeholder",
	"example", "redacted", "dummy", "sample", "insert", "replace", "undefined",
	"notreal", "not_real", "foobar", "lorem", "your_", "your-",
}

// valPlaceholderByFirst holds word sets as 32-bit masks.
var _ [32 - len(valPlaceholderWords)]struct{}

// valPlaceholderByFirst maps a lower-case first letter to the set of
// valPlaceholderWords (as bits) that start with it.
var valPlaceholderByFirst = func() (t [256]uint32) {
	for i, w := range valPlaceholderWords {
		t[w[0]] |= 1 << i
	}
	return t
}()

// valHasPlaceholderWord reports whether s contains a placeholder word or
// ends in "here" ("TOKEN_HERE", "putyourkeyhere").
func valHasPlaceholderWord(s []byte) bool {
	if n := len(s); n >= 4 && valFoldEq(s[n-4:], "here") {
		return true
	}
	for i := range s {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		for m := valPlaceholderByFirst[c]; m != 0; m &= m - 1 {
			w := valPlaceholderWords[bits.TrailingZeros32(m)]
			if i+len(w) <= len(s) && valFoldEq(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// valFoldEq compares ASCII b with lower-case w, ignoring b's case.
func valFoldEq(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range b {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// pemMinKeyBytes is the least a private key body must decode to. The
// smallest real keys in their usual encodings are Ed25519 and X25519 in
// PKCS #8 (48 bytes: a 16-byte prefix and the 32-byte seed); RSA, EC, DSA
// and OpenSSH containers are larger. Truncated examples ("MIIEv...") and
// placeholders fall below it or fail the alphabet.
const pemMinKeyBytes = 48

// pemPrivateKeyValid takes a whole block from "-----BEGIN … PRIVATE KEY-----"
// to "-----END … PRIVATE KEY-----" (RFC 7468 textual encoding; RFC 1421
// encapsulation). Leading and trailing whitespace is ignored. It checks:
//
//   - the BEGIN and END labels are identical, made of A-Z, 0-9 and single
//     spaces, at most 64 bytes, ending in "PRIVATE KEY" ("PRIVATE KEY",
//     "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
//     "OPENSSH PRIVATE KEY", …);
//   - lines end in a real CR/LF or in a literal escape ("\n", "\r", "\\n"),
//     as keys appear inside JSON strings and source code; spaces and tabs are
//     ignored;
//   - header lines (any line with ':' before the first base64 line, such as
//     RFC 1421's "Proc-Type: 4,ENCRYPTED" and "DEK-Info: …") are skipped;
//   - the rest is standard base64 (RFC 4648 §4, padded to a multiple of 4,
//     '=' only at the end) decoding to at least 48 bytes, using at least 16
//     distinct base64 symbols (a real key uses about 48 in its first 88
//     characters; "AAAA…" placeholders use one).
func pemPrivateKeyValid(block []byte) bool {
	const begin, end, dashes = "-----BEGIN ", "-----END ", "-----"
	b := bytes.TrimSpace(block)
	if !bytes.HasPrefix(b, []byte(begin)) {
		return false
	}
	rest := b[len(begin):]
	li := bytes.Index(rest, []byte(dashes))
	if li < 0 {
		return false
	}
	label := rest[:li]
	if !valPEMLabel(label) {
		return false
	}
	body := rest[li+len(dashes):]
	tail := len(end) + len(label) + len(dashes)
	if len(body) < tail {
		return false
	}
	t := body[len(body)-tail:]
	if string(t[:len(end)]) != end || !bytes.Equal(t[len(end):len(end)+len(label)], label) || string(t[len(end)+len(label):]) != dashes {
		return false
	}
	body = body[:len(body)-tail]

	var seen uint64 // base64 symbols used, as bits
	count, pad := 0, 0
	dataSeen := false
	for len(body) > 0 {
		// Cut one line: up to a CR/LF or a backslash escape.
		lineEnd, next := len(body), len(body)
		for i := 0; i < len(body); i++ {
			c := body[i]
			if c == '\n' || c == '\r' {
				lineEnd, next = i, i+1
				break
			}
			if c == '\\' {
				k := i
				for k < len(body) && body[k] == '\\' {
					k++
				}
				if k == len(body) || body[k] != 'n' && body[k] != 'r' {
					return false
				}
				lineEnd, next = i, k+1
				break
			}
		}
		line := body[:lineEnd]
		body = body[next:]
		if bytes.IndexByte(line, ':') >= 0 {
			if dataSeen {
				return false
			}
			continue
		}
		for _, c := range line {
			if c == ' ' || c == '\t' {
				continue
			}
			if c == '=' {
				pad++
				count++
				if pad > 2 {
					return false
				}
				continue
			}
			v := valB64Std(c)
			if v < 0 || pad > 0 {
				return false
			}
			seen |= 1 << uint(v)
			count++
			dataSeen = true
		}
	}
	if count == 0 || count%4 != 0 {
		return false
	}
	distinct := 0
	for ; seen != 0; seen &= seen - 1 {
		distinct++
	}
	return count/4*3-pad >= pemMinKeyBytes && distinct >= 16
}

// valPEMLabel accepts an upper-case label ending in "PRIVATE KEY".
func valPEMLabel(l []byte) bool {
	const suffix = "PRIVATE KEY"
	if len(l) < len(suffix) || len(l) > 64 || string(l[len(l)-len(suffix):]) != suffix {
		return false
	}
	for i, c := range l {
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && l[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// valB64Std returns the value of c in the standard base64 alphabet, or -1.
func valB64Std(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}
