package classify

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash/crc32"
	"math"
	"math/big"
	"math/rand/v2"
	"net/mail"
	"net/netip"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// Test values are built at test time: card numbers get their Luhn digit,
// IBANs their check digits and GitHub tokens their CRC here, so the file
// holds no realistic identifiers beyond the networks' and ISO's published
// documentation examples.

// vtLuhnDigit returns the check digit that makes payload+digit pass Luhn.
func vtLuhnDigit(payload string) byte {
	sum := 0
	double := true // the digit appended will be the undoubled rightmost
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
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

// vtCard builds a Luhn-valid number of length n starting with prefix.
func vtCard(prefix string, n int) string {
	b := []byte(prefix)
	for i := 0; len(b) < n-1; i++ {
		b = append(b, byte('0'+(7*i+3)%10))
	}
	return string(b) + string(vtLuhnDigit(string(b)))
}

// vtBreakLuhn changes the last digit so the check fails.
func vtBreakLuhn(s string) string {
	last := s[len(s)-1]
	return s[:len(s)-1] + string('0'+(last-'0'+1)%10)
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"visa doc test number", "4111111111111111", true},
		{"amex doc test number", "378282246310005", true},
		{"built 16", vtCard("4", 16), true},
		{"built 19", vtCard("62", 19), true},
		{"two digits", "18", true},
		{"all zeros", "0000000000000000", true},
		{"last digit off by one", vtBreakLuhn("4111111111111111"), false},
		{"adjacent transposition", "4111111111111121", false},
		{"single digit", "0", false},
		{"empty", "", false},
		{"separators not stripped", "4111 1111 1111 1111", false},
		{"letter", "41111111111a1111", false},
		{"fullwidth digits", "４１１１１１１１１１１１１１１１", false},
		{"arabic-indic digits", "٤١١١١١١١١١١١١١١١", false},
		{"huge valid", strings.Repeat("0", 1<<20) + "18", true},
		{"huge invalid", strings.Repeat("1", 1<<20), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := luhn([]byte(tt.in)); got != tt.want {
				t.Errorf("luhn(%.40q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCardNetwork(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"visa doc 16", "4111111111111111", cardVisa},
		{"visa 13", vtCard("4", 13), cardVisa},
		{"visa 19", vtCard("4", 19), cardVisa},
		{"visa 14 not issued", vtCard("4", 14), ""},
		{"visa 15 not issued", vtCard("4", 15), ""},
		{"mastercard doc", "5555555555554444", cardMastercard},
		{"mastercard 51", vtCard("51", 16), cardMastercard},
		{"mastercard 2221 low edge", vtCard("2221", 16), cardMastercard},
		{"mastercard 2720 high edge", vtCard("2720", 16), cardMastercard},
		{"2220 below mastercard", vtCard("2220", 16), ""},
		{"2721 above mastercard", vtCard("2721", 16), ""},
		{"mastercard 19 not issued", vtCard("55", 19), ""},
		{"amex 34", vtCard("34", 15), cardAmex},
		{"amex 37 doc", "378282246310005", cardAmex},
		{"amex 16 not issued", vtCard("37", 16), ""},
		{"discover 6011 doc", "6011111111111117", cardDiscover},
		{"discover 644", vtCard("644", 16), cardDiscover},
		{"discover 649 19", vtCard("649", 19), cardDiscover},
		{"discover 65", vtCard("65", 16), cardDiscover},
		{"discover 622126 low edge", vtCard("622126", 16), cardDiscover},
		{"discover 622925 high edge", vtCard("622925", 16), cardDiscover},
		{"discover 15 not issued", vtCard("6011", 15), ""},
		{"unionpay 622125 below discover", vtCard("622125", 16), cardUnionPay},
		{"unionpay 622926 above discover", vtCard("622926", 16), cardUnionPay},
		{"unionpay 62 19", vtCard("62", 19), cardUnionPay},
		{"unionpay 15 not issued", vtCard("62", 15), ""},
		{"jcb doc", "3530111333300000", cardJCB},
		{"jcb 3528 low edge", vtCard("3528", 16), cardJCB},
		{"jcb 3589 high edge 19", vtCard("3589", 19), cardJCB},
		{"3527 below jcb", vtCard("3527", 16), ""},
		{"3590 above jcb", vtCard("3590", 16), ""},
		{"diners doc", "30569309025904", cardDiners},
		{"diners 300", vtCard("300", 14), cardDiners},
		{"diners 305 16", vtCard("305", 16), cardDiners},
		{"diners 36", vtCard("36", 14), cardDiners},
		{"diners 38", vtCard("38", 16), cardDiners},
		{"diners 39 19", vtCard("39", 19), cardDiners},
		{"306 not diners", vtCard("306", 14), ""},
		{"diners 13 not issued", vtCard("36", 13), ""},
		{"maestro 50 12", vtCard("50", 12), cardMaestro},
		{"maestro 56", vtCard("56", 16), cardMaestro},
		{"maestro 6012", vtCard("6012", 16), cardMaestro},
		{"maestro 63", vtCard("63", 19), cardMaestro},
		{"maestro 643", vtCard("643", 16), cardMaestro},
		{"maestro 67", vtCard("67", 16), cardMaestro},
		{"maestro 69", vtCard("69", 18), cardMaestro},
		{"1 prefix", vtCard("1", 16), ""},
		{"8 prefix", vtCard("81", 16), ""},
		{"9 prefix", vtCard("9", 16), ""},
		{"too short", "41111111111", ""},
		{"too long", vtCard("4", 20), ""},
		{"separators", "4111-1111-1111-1111", ""},
		{"letters", "4111x11111111111", ""},
		{"fullwidth", "４１１１１１１１１１１１１１１１", ""},
		{"empty", "", ""},
		{"huge", strings.Repeat("4", 1<<16), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cardNetwork([]byte(tt.in)); got != tt.want {
				t.Errorf("cardNetwork(%.40q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDigitsOnly(t *testing.T) {
	tests := []struct {
		name string
		dst  string
		in   string
		want string
	}{
		{"spaces", "", "4111 1111 1111 1111", "4111111111111111"},
		{"dashes", "", "4111-1111-1111-1111", "4111111111111111"},
		{"dots", "", "4111.1111.1111.1111", "4111111111111111"},
		{"phone shape", "", "+1 (415) 555-0132", "14155550132"},
		{"appends to dst", "x:", "12-3", "x:123"},
		{"empty", "", "", ""},
		{"only separators", "", " -.()+", ""},
		{"letter stops everything", "", "4111 1111 1111 111a", ""},
		{"letter keeps dst", "x:", "12a3", "x:"},
		{"slash", "", "12/34", ""},
		{"tab", "", "12\t34", ""},
		{"fullwidth digit", "", "4111１", ""},
		{"nbsp", "", "4111\u00a01111", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := digitsOnly([]byte(tt.dst), []byte(tt.in))
			if string(got) != tt.want {
				t.Errorf("digitsOnly(%q, %q) = %q, want %q", tt.dst, tt.in, got, tt.want)
			}
		})
	}
	t.Run("no alloc with capacity", func(t *testing.T) {
		buf := make([]byte, 0, 32)
		in := []byte("4111 1111 1111 1111")
		if a := testing.AllocsPerRun(100, func() { buf = digitsOnly(buf[:0], in) }); a != 0 {
			t.Errorf("allocs = %v, want 0", a)
		}
	})
}

// vtIBAN builds an IBAN for country cc and bban with correct check digits.
func vtIBAN(cc, bban string) string {
	return cc + fmt.Sprintf("%02d", 98-vtMod97(bban+cc+"00")) + bban
}

// vtMod97 computes x mod 97 for an alphanumeric string (A=10 … Z=35).
func vtMod97(s string) int {
	r := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		default:
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// vtBBAN returns a deterministic BBAN following a registry structure such
// as "4!a6!n8!n" ('a' upper-case letters, 'n' digits, 'c' either), with
// extra positions added (or removed, if extra < 0) at the end as digits.
func vtBBAN(structure string, extra, seed int) string {
	var b []byte
	n := 0
	for _, c := range structure {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == '!':
		default:
			for ; n > 0; n-- {
				k := len(b) + seed
				switch c {
				case 'a':
					b = append(b, byte('A'+(k*7)%26))
				case 'n':
					b = append(b, byte('0'+(k*3)%10))
				default: // 'c': alternate letters and digits
					if k%2 == 0 {
						b = append(b, byte('A'+(k*5)%26))
					} else {
						b = append(b, byte('0'+(k*7)%10))
					}
				}
			}
		}
	}
	for ; extra > 0; extra-- {
		b = append(b, byte('0'+extra%10))
	}
	if extra < 0 {
		b = b[:len(b)+extra]
	}
	return string(b)
}

// vtBBANBreak puts a letter where the structure wants a digit, or a digit
// where it wants a letter, at the first such position; ok is false when
// every position is 'c'.
func vtBBANBreak(bban, structure string) (string, bool) {
	b := []byte(bban)
	for i := range b {
		switch vtClassAt(structure, i) {
		case 'n':
			b[i] = 'X'
			return string(b), true
		case 'a':
			b[i] = '7'
			return string(b), true
		}
	}
	return "", false
}

// vtClassAt returns the registry class ('n', 'a', 'c') of BBAN position i.
func vtClassAt(structure string, i int) byte {
	n := 0
	for _, c := range structure {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == '!':
		default:
			if i < n {
				return byte(c)
			}
			i -= n
			n = 0
		}
	}
	return 0
}

func TestIBANRegistry(t *testing.T) {
	if got := len(ibanRegistry); got != 89 {
		t.Errorf("registry has %d countries, want 89 (SWIFT IBAN Registry, 2025)", got)
	}
	seen := map[string]bool{}
	for i, r := range ibanRegistry {
		if seen[r.cc] {
			t.Errorf("duplicate %s", r.cc)
		}
		seen[r.cc] = true
		if i > 0 && ibanRegistry[i-1].cc >= r.cc {
			t.Errorf("registry not sorted at %s", r.cc)
		}
		if r.len < 15 || r.len > ibanMaxLen {
			t.Errorf("%s: length %d out of range", r.cc, r.len)
		}
	}
	for i, r := range ibanRegistry {
		t.Run(r.cc, func(t *testing.T) {
			n := int(r.len)
			bban := vtBBAN(r.bban, 0, i)
			if len(bban) != n-4 {
				t.Fatalf("structure %s has %d positions, registry length %d needs %d", r.bban, len(bban), n, n-4)
			}
			good := vtIBAN(r.cc, bban)
			if !ibanValid([]byte(good)) {
				t.Errorf("ibanValid(%s) = false, want true", good)
			}
			// One character longer or shorter, with recomputed check
			// digits, must fail on length alone.
			if long := vtIBAN(r.cc, vtBBAN(r.bban, 1, i)); ibanValid([]byte(long)) {
				t.Errorf("ibanValid(%s) (len %d) = true", long, n+1)
			}
			if short := vtIBAN(r.cc, vtBBAN(r.bban, -1, i)); ibanValid([]byte(short)) {
				t.Errorf("ibanValid(%s) (len %d) = true", short, n-1)
			}
			// A letter where the registry wants a digit (or the reverse),
			// with recomputed check digits, must fail on structure.
			if broken, ok := vtBBANBreak(bban, r.bban); ok {
				if bad := vtIBAN(r.cc, broken); ibanValid([]byte(bad)) {
					t.Errorf("ibanValid(%s) = true against structure %s", bad, r.bban)
				}
			}
		})
	}
}

// vtIBANWithCheck finds a BBAN for cc whose correct check digits are want
// (97 or 98), so that the aliases 00 and 01 can be tried.
func vtIBANWithCheck(t *testing.T, cc string, n int, want int) (bban string) {
	t.Helper()
	for seed := 0; seed < 100000; seed++ {
		b := fmt.Sprintf("%0*d", n, seed)
		if 98-vtMod97(b+cc+"00") == want {
			return b
		}
	}
	t.Fatalf("no BBAN found with check digits %d", want)
	return ""
}

func TestIBANValid(t *testing.T) {
	de := vtIBAN("DE", vtBBAN("8!n10!n", 0, 3))
	bban98 := vtIBANWithCheck(t, "DE", 18, 98)
	bban97 := vtIBANWithCheck(t, "DE", 18, 97)
	tests := []struct {
		name string
		in   string // passed through ibanCompact unless raw
		raw  bool
		want bool
	}{
		{"ISO 13616 example", "GB82WEST12345698765432", false, true},
		{"ISO example, print format", "GB82 WEST 1234 5698 7654 32", false, true},
		{"ISO example, lower case", "gb82west12345698765432", false, true},
		{"ISO example, dashes", "GB82-WEST-1234-5698-7654-32", false, true},
		{"lower case not compacted", "gb82west12345698765432", true, false},
		{"built DE", de, false, true},
		{"check digits 98", "DE98" + bban98, false, true},
		{"alias 01 for 98", "DE01" + bban98, false, false},
		{"check digits 97", "DE97" + bban97, false, true},
		{"alias 00 for 97", "DE00" + bban97, false, false},
		{"one digit changed", "GB82WEST12345698765433", false, false},
		{"adjacent transposition", "GB82WEST12345698765423", false, false},
		{"check digits changed", "GB83WEST12345698765432", false, false},
		{"one char short", "GB82WEST1234569876543", false, false},
		{"one char long", "GB82WEST123456987654321", false, false},
		{"unknown country", vtIBAN("XX", vtBBAN("18!n", 0, 1)), false, false},
		{"outside registry (Algeria)", vtIBAN("DZ", vtBBAN("22!n", 0, 1)), false, false},
		{"outside registry (Iran)", vtIBAN("IR", vtBBAN("22!n", 0, 1)), false, false},
		{"letter in a digits-only BBAN", vtIBAN("DE", "37040044053201300A"), false, false},
		{"digit in a letters position", vtIBAN("GB", "W3ST12345698765432"), false, false},
		{"lower-case country code raw", "gB82WEST12345698765432", true, false},
		{"digit country code", "1282WEST12345698765432", false, false},
		{"letter in check digits", "GBA2WEST12345698765432", false, false},
		{"punctuation in BBAN", "GB82WEST1234569876543.", false, false},
		{"emoji", "GB82WEST123456987654😅", false, false},
		{"fullwidth digit", "GB82WEST1234569876543２", false, false},
		{"empty", "", false, false},
		{"country only", "GB", false, false},
		{"huge", "GB82" + strings.Repeat("1", 1<<16), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			if !tt.raw {
				in = ibanCompact(nil, in)
			}
			if got := ibanValid(in); got != tt.want {
				t.Errorf("ibanValid(%.50q) = %v, want %v", in, got, tt.want)
			}
		})
	}
}

func TestIBANCompact(t *testing.T) {
	tests := []struct{ name, dst, in, want string }{
		{"print format", "", "GB82 WEST 1234", "GB82WEST1234"},
		{"lower and dashes", "", "gb82-west-1234", "GB82WEST1234"},
		{"keeps other bytes", "", "gb82.w€", "GB82.W€"},
		{"appends", "x", "ab", "xAB"},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ibanCompact([]byte(tt.dst), []byte(tt.in)); string(got) != tt.want {
				t.Errorf("ibanCompact(%q, %q) = %q, want %q", tt.dst, tt.in, got, tt.want)
			}
		})
	}
}

func TestSSNValid(t *testing.T) {
	ssn := func(area, group, serial int) string { return fmt.Sprintf("%03d%02d%04d", area, group, serial) }
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"ordinary", ssn(123, 45, 6789), true},
		{"area 001", ssn(1, 1, 1), true},
		{"area 665", ssn(665, 10, 1000), true},
		{"area 667", ssn(667, 10, 1000), true},
		{"area 899", ssn(899, 99, 9999), true},
		{"area 000", ssn(0, 45, 6789), false},
		{"area 666", ssn(666, 45, 6789), false},
		{"area 900", ssn(900, 45, 6789), false},
		{"area 999", ssn(999, 45, 6789), false},
		{"group 00", ssn(123, 0, 6789), false},
		{"serial 0000", ssn(123, 45, 0), false},
		{"dashes not stripped", "123-45-6789", false},
		{"8 digits", "12345678", false},
		{"10 digits", "1234567890", false},
		{"letter", "12345678a", false},
		{"fullwidth", "１２３４５６７８９", false},
		{"empty", "", false},
		{"huge", strings.Repeat("1", 1<<16), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ssnValid([]byte(tt.in)); got != tt.want {
				t.Errorf("ssnValid(%.20q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestEmailValid(t *testing.T) {
	l63 := strings.Repeat("a", 63)
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"simple", "jane@example.com", true},
		{"subdomains", "jane.doe@mail.eu.example.org", true},
		{"plus tag", "jane+news@example.com", true},
		{"all atext specials", "!#$%&'*+-/=?^_`{|}~@example.com", true},
		{"digits", "1@1337.io", true},
		{"upper case", "JANE@EXAMPLE.COM", true},
		{"hyphen inside label", "a@my-host.example.com", true},
		{"two-letter tld", "x@x.au", true},
		{"idna tld", "a@example.xn--p1ai", true},
		{"local 64", strings.Repeat("a", 64) + "@example.com", true},
		{"label 63", "a@" + l63 + ".com", true},
		{"domain 252, total 254", "a@" + l63 + "." + l63 + "." + l63 + "." + strings.Repeat("b", 56) + ".com", true},
		{"domain 253, total 255", "a@" + l63 + "." + l63 + "." + l63 + "." + strings.Repeat("b", 57) + ".com", false},
		{"total 255", strings.Repeat("a", 64) + "@" + l63 + "." + l63 + "." + l63 + "." + strings.Repeat("b", 54) + ".com", false},
		{"local 65", strings.Repeat("a", 65) + "@example.com", false},
		{"label 64", "a@" + l63 + "a.com", false},
		{"domain 254", "a@" + l63 + "." + l63 + "." + l63 + "." + strings.Repeat("b", 58) + ".com", false},
		{"no at", "jane.example.com", false},
		{"two ats", "jane@doe@example.com", false},
		{"empty local", "@example.com", false},
		{"empty domain", "jane@", false},
		{"leading dot", ".jane@example.com", false},
		{"trailing dot", "jane.@example.com", false},
		{"double dot", "ja..ne@example.com", false},
		{"space in local", "ja ne@example.com", false},
		{"quoted local", `"jane doe"@example.com`, false},
		{"comma", "ja,ne@example.com", false},
		{"single label", "jane@localhost", false},
		{"trailing dot domain", "jane@example.com.", false},
		{"empty label", "jane@example..com", false},
		{"leading hyphen label", "jane@-example.com", false},
		{"trailing hyphen label", "jane@example-.com", false},
		{"underscore in domain", "jane@ex_ample.com", false},
		{"one-letter tld", "z@co.c", false},
		{"numeric tld", "jane@example.123", false},
		{"ip domain", "jane@192.168.0.1", false},
		{"ip literal", "jane@[192.168.0.1]", false},
		{"ipv6 literal", "jane@[IPv6:2001:db8::1]", false},
		{"utf-8 local", "jäne@example.com", false},
		{"utf-8 domain", "jane@exämple.com", false},
		{"fullwidth domain", "jane@ｅｘａｍｐｌｅ.com", false},
		{"nbsp", "jane@example.co\u00a0m", false},
		{"bad xn tld", "a@example.xn--", false},
		{"empty", "", false},
		{"huge", strings.Repeat("a", 1<<16) + "@example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := emailValid([]byte(tt.in)); got != tt.want {
				t.Errorf("emailValid(%.60q) (len %d) = %v, want %v", tt.in, len(tt.in), got, tt.want)
			}
		})
	}
}

func TestIPAddr(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" = invalid; else netip's String()
	}{
		{"v4", "192.0.2.1", "192.0.2.1"},
		{"v4 zeros", "0.0.0.0", "0.0.0.0"},
		{"v4 max", "255.255.255.255", "255.255.255.255"},
		{"v4 leading zero", "192.0.2.01", ""},
		{"v4 octal-looking", "010.0.0.1", ""},
		{"v4 256", "256.0.0.1", ""},
		{"v4 three fields", "192.0.2", ""},
		{"v4 five fields", "192.0.2.1.5", ""},
		{"v4 empty field", "192..2.1", ""},
		{"v4 trailing dot", "192.0.2.1.", ""},
		{"v4 plus sign", "+1.2.3.4", ""},
		{"v4 fullwidth", "１.2.3.4", ""},
		{"v6 loopback", "::1", "::1"},
		{"v6 unspecified", "::", "::"},
		{"v6 full", "2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"},
		{"v6 compressed", "2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"},
		{"v6 trailing ellipsis", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"},
		{"v6 upper case", "FE80::A", "fe80::a"},
		{"v6 mapped v4", "::ffff:192.0.2.1", "::ffff:192.0.2.1"},
		{"v6 embedded v4 full", "0:0:0:0:0:ffff:192.0.2.1", "::ffff:192.0.2.1"},
		{"v6 nat64", "64:ff9b::192.0.2.33", "64:ff9b::c000:221"},
		{"v6 zone", "fe80::1%eth0", ""},
		{"v6 zone number", "fe80::1%1", ""},
		{"v6 two ellipses", "1::2::3", ""},
		{"v6 nine groups", "1:2:3:4:5:6:7:8:9", ""},
		{"v6 ellipsis with eight groups", "1:2:3:4:5:6:7::8", ""},
		{"v6 five hex digits", "::12345", ""},
		{"v6 trailing colon", "1:2:3:4:5:6:7:", ""},
		{"v6 leading colon", ":1:2:3:4:5:6:7", ""},
		{"v6 triple colon", "1:::2", ""},
		{"v6 bad v4 tail", "::ffff:256.0.0.1", ""},
		{"v6 v4 not last", "::1.2.3.4:1", ""},
		{"v6 v4 too early", "1:2:3:4:5:1.2.3.4", ""},
		{"v6 non-hex", "::g", ""},
		{"brackets", "[::1]", ""},
		{"empty", "", ""},
		{"colon", ":", ""},
		{"huge", strings.Repeat("1:", 1<<15), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := ipAddr([]byte(tt.in))
			switch {
			case tt.want == "" && ok:
				t.Errorf("ipAddr(%.50q) = %v, want invalid", tt.in, a)
			case tt.want != "" && (!ok || a.String() != tt.want):
				t.Errorf("ipAddr(%.50q) = %v, %v; want %s", tt.in, a, ok, tt.want)
			}
			// Without zones, ipAddr must agree with the standard library.
			if !strings.Contains(tt.in, "%") {
				na, nerr := netip.ParseAddr(tt.in)
				if (nerr == nil) != ok || ok && na != a {
					t.Errorf("ipAddr(%.50q) = %v, %v; netip.ParseAddr = %v, %v", tt.in, a, ok, na, nerr)
				}
			}
		})
	}
}

func TestMACValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"colons", "00:1a:2b:3c:4d:5e", true},
		{"dashes upper", "00-1A-2B-3C-4D-5E", true},
		{"cisco dots", "001a.2b3c.4d5e", true},
		{"multicast is fine", "01:00:5e:00:00:fb", true},
		{"mixed separators", "00:1a-2b:3c:4d:5e", false},
		{"dash then colon", "00-1a:2b:3c:4d:5e", false},
		{"spaces", "00 1a 2b 3c 4d 5e", false},
		{"dots between pairs", "00.1a.2b.3c.4d.5e", false},
		{"no separators", "001a2b3c4d5e", false},
		{"five groups", "00:1a:2b:3c:4d", false},
		{"seven groups", "00:1a:2b:3c:4d:5e:6f", false},
		{"eui-64", "00:1a:2b:3c:4d:5e:6f:70", false},
		{"single-digit groups", "0:1a:2b:3c:4d:5e:f", false},
		{"non-hex", "00:1a:2b:3c:4d:5g", false},
		{"all zero", "00:00:00:00:00:00", false},
		{"all zero dots", "0000.0000.0000", false},
		{"broadcast", "ff:ff:ff:ff:ff:ff", false},
		{"broadcast upper dashes", "FF-FF-FF-FF-FF-FF", false},
		{"cisco wrong sep", "001a:2b3c:4d5e", false},
		{"cisco short group", "001a.2b3.c4d5e", false},
		{"fullwidth", "００:1a:2b:3c:4d:5e", false},
		{"empty", "", false},
		{"huge", strings.Repeat("00:", 1<<14), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := macValid([]byte(tt.in)); got != tt.want {
				t.Errorf("macValid(%.40q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// vtB64 is unpadded base64url.
func vtB64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// vtJWT assembles a compact JWS from raw header and payload JSON.
func vtJWT(header, payload, sig string) string {
	return vtB64(header) + "." + vtB64(payload) + "." + sig
}

func TestJWTValid(t *testing.T) {
	sig := vtB64(strings.Repeat("\x9c\x01", 16))
	hs := `{"alg":"HS256","typ":"JWT"}`
	claims := `{"sub":"1234567890","name":"Jane Doe","iat":1516239022}`
	pad := func(s string) string { return s + strings.Repeat("=", (4-len(s)%4)%4) }
	big := `{"data":"` + strings.Repeat("x", 5000) + `"}`
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"hs256", vtJWT(hs, claims, sig), true},
		{"rs256 no typ", vtJWT(`{"alg":"RS256"}`, `{"iss":"a"}`, sig), true},
		{"whitespace in json", vtJWT(" { \"typ\" : \"JWT\" ,\n \"alg\" : \"ES256\" } ", "{ }", sig), true},
		{"alg after nested object", vtJWT(`{"jwk":{"kty":"EC","alg":1},"x":[1,{"a":"}"}],"alg":"ES256"}`, claims, sig), true},
		{"padded segments", pad(vtB64(hs)) + "." + pad(vtB64(claims)) + "." + pad(sig), true},
		{"large payload", vtJWT(hs, big, sig), true},
		{"large header", vtJWT(`{"alg":"RS256","x5c":["`+strings.Repeat("A", 2000)+`"]}`, claims, sig), true},
		{"alg none, empty signature", vtJWT(`{"alg":"none"}`, claims, ""), true},
		{"alg none with signature", vtJWT(`{"alg":"none"}`, claims, sig), false},
		{"empty signature", vtJWT(hs, claims, ""), false},
		{"no alg", vtJWT(`{"typ":"JWT"}`, claims, sig), false},
		{"alg only nested", vtJWT(`{"jwk":{"alg":"ES256"}}`, claims, sig), false},
		{"alg not a string", vtJWT(`{"alg":256}`, claims, sig), false},
		{"alg empty", vtJWT(`{"alg":""}`, claims, sig), false},
		{"alg differently cased", vtJWT(`{"Alg":"HS256"}`, claims, sig), false},
		{"alg escaped name", vtJWT(`{"\u0061lg":"HS256"}`, claims, sig), false},
		{"alg escaped value", vtJWT(`{"alg":"non\u0065"}`, claims, sig), false},
		{"alg escaped value, unsigned", vtJWT(`{"alg":"non\u0065"}`, claims, ""), false},
		{"header array", vtJWT(`["alg","HS256"]`, claims, sig), false},
		{"header invalid json", vtJWT(`{"alg":"HS256"`, claims, sig), false},
		{"header not json", vtJWT(`hello`, claims, sig), false},
		{"payload not json", vtJWT(hs, "hello world", sig), false},
		{"payload array", vtJWT(hs, `[1,2]`, sig), false},
		{"payload string", vtJWT(hs, `"claims"`, sig), false},
		{"detached payload", vtB64(hs) + ".." + sig, false},
		{"two segments", vtB64(hs) + "." + vtB64(claims), false},
		{"four segments", vtJWT(hs, claims, sig) + "." + sig, false},
		{"jwe five segments", vtB64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + "." + sig + "." + sig + "." + sig + "." + sig, false},
		{"standard base64 alphabet", vtJWT(hs, claims, "ab+/cd"), false},
		{"newline inside", vtB64(hs)[:10] + "\n" + vtB64(hs)[10:] + "." + vtB64(claims) + "." + sig, false},
		{"impossible length", vtJWT(hs, claims, "abcde"), false},
		{"bad padding", vtB64(hs) + "===." + vtB64(claims) + "." + sig, false},
		{"dots only", "..", false},
		{"empty", "", false},
		{"word with dots", "$Zs.ewu.su84", false},
		{"huge", vtJWT(hs, `{"d":"`+strings.Repeat("x", 70000)+`"}`, sig), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jwtValid([]byte(tt.in)); got != tt.want {
				t.Errorf("jwtValid(%.80q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// vtGitHub builds a classic GitHub token with a correct checksum.
func vtGitHub(prefix string, r *rand.Rand) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 30)
	for i := range b {
		b[i] = alphabet[r.IntN(62)]
	}
	sum := crc32.ChecksumIEEE(b)
	var c [6]byte
	for i := 5; i >= 0; i-- {
		c[i] = alphabet[sum%62]
		sum /= 62
	}
	return prefix + string(b) + string(c[:])
}

func TestGitHubClassicValid(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	good := vtGitHub("ghp_", r)
	flip := func(s string, i int) string {
		b := []byte(s)
		switch {
		case b[i] >= 'a' && b[i] <= 'z':
			b[i] -= 'a' - 'A'
		case b[i] >= 'A' && b[i] <= 'Z':
			b[i] += 'a' - 'A'
		case b[i] == '9':
			b[i] = '0'
		default:
			b[i]++
		}
		return string(b)
	}
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"ghp", good, true},
		{"gho", vtGitHub("gho_", r), true},
		{"ghu", vtGitHub("ghu_", r), true},
		{"ghs", vtGitHub("ghs_", r), true},
		{"ghr", vtGitHub("ghr_", r), true},
		{"checksum char changed", flip(good, 39), false},
		{"body char changed", flip(good, 10), false},
		{"prefix ghx", "ghx_" + good[4:], false},
		{"prefix upper", "GHP_" + good[4:], false},
		{"fine-grained prefix", "github_pat_" + good[4:], false},
		{"one short", good[:39], false},
		{"one long", good + "0", false},
		{"non-base62", good[:20] + "-" + good[21:], false},
		{"all zeros body", "ghp_" + strings.Repeat("0", 36), false},
		{"empty", "", false},
		{"huge", good + strings.Repeat("a", 1<<16), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := githubClassicValid([]byte(tt.in)); got != tt.want {
				t.Errorf("githubClassicValid(%.12q…) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	t.Run("many random", func(t *testing.T) {
		for i := 0; i < 2000; i++ {
			tok := vtGitHub("ghp_", r)
			if !githubClassicValid([]byte(tok)) {
				t.Fatalf("built token %d rejected", i)
			}
		}
	})
}

func TestShannonEntropy(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	tests := []struct {
		name string
		in   []byte
		want float64
	}{
		{"empty", nil, 0},
		{"one byte", []byte("a"), 0},
		{"repeated", []byte("aaaaaaaa"), 0},
		{"two equal", []byte("abab"), 1},
		{"four distinct", []byte("abcd"), 2},
		{"skewed", []byte("aaab"), -(0.75*math.Log2(0.75) + 0.25*math.Log2(0.25))},
		{"all bytes", all, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shannonEntropy(tt.in); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("shannonEntropy(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// vtRandom returns n characters drawn from alphabet.
func vtRandom(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

const (
	vtHex    = "0123456789abcdef"
	vtBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	vtBase64 = vtBase62 + "+/"
)

func TestSecretPlausible(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tests := []struct {
		name   string
		in     string
		minLen int
		want   bool
	}{
		{"base62 40", vtRandom(r, vtBase62, 40), 16, true},
		{"base62 20", vtRandom(r, vtBase62, 20), 16, true},
		{"hex 32", vtRandom(r, vtHex, 32), 16, true},
		{"hex 64", vtRandom(r, vtHex, 64), 16, true},
		{"base64 44", vtRandom(r, vtBase64, 43) + "=", 16, true},
		{"prefixed key", "sk_live_" + vtRandom(r, vtBase62, 24), 16, true},
		{"uuid", "3f2b8c1e-9d4a-4e7b-a1c6-5f8e2d9b0c47", 16, true},
		{"bcrypt-like", "$2b$12$" + vtRandom(r, vtBase62+"./", 53), 16, true},
		{"too short", vtRandom(r, vtBase62, 12), 16, false},
		{"empty", "", 0, false},
		{"one char run", strings.Repeat("a", 32), 8, false},
		{"xxxx", "xxxxxxxxxxxxxxxx", 8, false},
		{"masked tail", "sk_live_" + vtRandom(r, vtBase62, 4) + strings.Repeat("x", 20), 16, false},
		{"zero run", "AKIA" + strings.Repeat("0", 16), 16, false},
		{"stars", "****************", 8, false},
		{"bullets", "••••••••", 4, false},
		{"changeme", "changeme", 8, false},
		{"ChangeMe123", "ChangeMe123!", 8, false},
		{"password", "password", 8, false},
		{"P4ssword", "MyPassword2024", 8, false},
		{"your key here", "YOUR_API_KEY_HERE", 8, false},
		{"put key here", "putyourkeyhere", 8, false},
		{"example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 16, false},
		{"redacted", "[REDACTED]", 8, false},
		{"env var", "${API_TOKEN}", 8, false},
		{"shell var", "$GITHUB_TOKEN", 8, false},
		{"template", "{{ secrets.token }}", 8, false},
		{"angle placeholder", "<token>", 4, false},
		{"angle long", "<your-secret-value>", 4, false},
		{"windows var", "%API_KEY%", 4, false},
		{"lower word", "correcthorsebatterystaple", 8, false},
		{"upper word", "CORRECTHORSEBATTERY", 8, false},
		{"digits only", "20240115093045123456", 8, false},
		{"ascending", "abcdefghijklmnopqrstuvwxyz012345", 8, false},
		{"descending digits", "9876543210zyxwvu", 8, false},
		{"repeated unit", "deadbeefdeadbeefdeadbeef", 8, false},
		{"repeated word", "hunter2hunter2hunter2", 8, false},
		{"low entropy pair", "abababababababab1", 8, false},
		{"huge random", vtRandom(r, vtBase64, 1<<16), 16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := secretPlausible([]byte(tt.in), tt.minLen); got != tt.want {
				t.Errorf("secretPlausible(%.50q, %d) = %v, want %v (entropy %.2f)", tt.in, tt.minLen, got, tt.want, shannonEntropy([]byte(tt.in)))
			}
		})
	}
	// Random secrets must pass nearly always, at every length callers use.
	for _, alpha := range []struct{ name, chars string }{{"hex", vtHex}, {"base62", vtBase62}, {"base64", vtBase64}} {
		for _, n := range []int{16, 20, 24, 32, 40, 64} {
			t.Run(fmt.Sprintf("random %s %d", alpha.name, n), func(t *testing.T) {
				const draws = 5000
				rejected := 0
				for i := 0; i < draws; i++ {
					if !secretPlausible([]byte(vtRandom(r, alpha.chars, n)), n) {
						rejected++
					}
				}
				if rate := float64(rejected) / draws; rate > 0.002 {
					t.Errorf("rejected %d of %d random %s strings of length %d", rejected, draws, alpha.name, n)
				}
			})
		}
	}
}

// vtPEM wraps der in a PEM block with the given label, 64-column lines
// joined by eol (a real "\n" or a literal `\n`).
func vtPEM(label string, der []byte, eol string) string {
	b64 := base64.StdEncoding.EncodeToString(der)
	var sb strings.Builder
	sb.WriteString("-----BEGIN " + label + "-----" + eol)
	for len(b64) > 64 {
		sb.WriteString(b64[:64] + eol)
		b64 = b64[64:]
	}
	sb.WriteString(b64 + eol)
	sb.WriteString("-----END " + label + "-----")
	return sb.String()
}

func TestPEMPrivateKeyValid(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return b
	}
	// Real keys, generated now.
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKCS8PrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	edDER, err := x509.MarshalPKCS8PrivateKey(edKey)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(nil, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rsaPEM := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	ecPEM := vtPEM("PRIVATE KEY", ecDER, "\n")
	body := rnd(1190)
	encrypted := "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,5A1F0E2D3C4B5A69788796A5B4C3D2E1\n\n" +
		strings.TrimPrefix(vtPEM("RSA PRIVATE KEY", body, "\n"), "-----BEGIN RSA PRIVATE KEY-----\n")
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"pkcs8 ec", ecPEM, true},
		{"pkcs8 ed25519 (48 bytes)", vtPEM("PRIVATE KEY", edDER, "\n"), true},
		{"pkcs1 rsa via encoding/pem", rsaPEM, true},
		{"crlf", vtPEM("EC PRIVATE KEY", rnd(121), "\r\n"), true},
		{"literal \\n escapes", vtPEM("PRIVATE KEY", ecDER, `\n`), true},
		{"double-escaped \\\\n", vtPEM("PRIVATE KEY", ecDER, `\\n`), true},
		{"one line", vtPEM("OPENSSH PRIVATE KEY", rnd(400), " "), true},
		{"rfc 1421 headers", encrypted, true},
		{"encrypted pkcs8 label", vtPEM("ENCRYPTED PRIVATE KEY", rnd(300), "\n"), true},
		{"surrounding whitespace", "\n  " + ecPEM + "\n\n", true},
		{"labels differ", strings.Replace(ecPEM, "-----END PRIVATE KEY", "-----END RSA PRIVATE KEY", 1), false},
		{"public key", vtPEM("PUBLIC KEY", ecDER, "\n"), false},
		{"certificate", vtPEM("CERTIFICATE", ecDER, "\n"), false},
		{"lower-case label", vtPEM("rsa private key", ecDER, "\n"), false},
		{"too short body", vtPEM("PRIVATE KEY", rnd(40), "\n"), false},
		{"truncated example", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----", false},
		{"placeholder body", "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----", false},
		{"all A body", vtPEM("PRIVATE KEY", make([]byte, 300), "\n"), false},
		{"length not multiple of 4", strings.Replace(ecPEM, "\n-----END", "A\n-----END", 1), false},
		{"padding in the middle", vtPEM("PRIVATE KEY", rnd(70), "\n")[:40] + "=" + vtPEM("PRIVATE KEY", rnd(70), "\n")[41:], false},
		{"header after data", strings.Replace(ecPEM, "\n-----END", "\nComment: x\n-----END", 1), false},
		{"bad escape", strings.Replace(vtPEM("PRIVATE KEY", ecDER, `\n`), `\n`, `\t`, 2), false},
		{"url-safe alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(vtPEM("PRIVATE KEY", rnd(300), "\n")), false},
		{"no end", strings.SplitAfter(ecPEM, "-----END")[0], false},
		{"begin only", "-----BEGIN PRIVATE KEY-----", false},
		{"end first", "-----END PRIVATE KEY----------BEGIN PRIVATE KEY-----", false},
		{"trailing text", ecPEM + " and more", false},
		{"empty", "", false},
		{"huge", vtPEM("PRIVATE KEY", rnd(1<<20), "\n"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pemPrivateKeyValid([]byte(tt.in)); got != tt.want {
				t.Errorf("pemPrivateKeyValid(%.80q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// vtRaceEnabled reports whether the test binary was built with -race,
// under which sync.Pool (used by json.Valid) drops entries at random.
func vtRaceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return true
			}
		}
	}
	return false
}

// TestValidatorsDoNotAllocate pins the allocation-free hot paths.
func TestValidatorsDoNotAllocate(t *testing.T) {
	if vtRaceEnabled() {
		t.Skip("allocation counts are not meaningful under -race")
	}
	r := rand.New(rand.NewPCG(7, 8))
	card := []byte("4111111111111111")
	iban := []byte("GB82WEST12345698765432")
	email := []byte("jane.doe+tag@mail.example.com")
	ip6 := []byte("2001:db8::ff00:42:8329")
	mac := []byte("00:1a:2b:3c:4d:5e")
	jwt := []byte(vtJWT(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890","iat":1516239022}`, vtB64("0123456789abcdef0123456789abcdef")))
	gh := []byte(vtGitHub("ghp_", r))
	secret := []byte(vtRandom(r, vtBase62, 40))
	key := []byte(vtPEM("PRIVATE KEY", []byte(vtRandom(r, vtBase64, 600)), "\n"))
	ssn := []byte("123456789")
	checks := []struct {
		name string
		fn   func() bool
	}{
		{"luhn", func() bool { return luhn(card) }},
		{"cardNetwork", func() bool { return cardNetwork(card) != "" }},
		{"ibanValid", func() bool { return ibanValid(iban) }},
		{"ssnValid", func() bool { return ssnValid(ssn) }},
		{"emailValid", func() bool { return emailValid(email) }},
		{"ipAddr", func() bool { _, ok := ipAddr(ip6); return ok }},
		{"macValid", func() bool { return macValid(mac) }},
		{"jwtValid", func() bool { return jwtValid(jwt) }},
		{"githubClassicValid", func() bool { return githubClassicValid(gh) }},
		{"secretPlausible", func() bool { return secretPlausible(secret, 16) }},
		{"pemPrivateKeyValid", func() bool { return pemPrivateKeyValid(key) }},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.fn() {
				t.Fatalf("%s rejected its sample", c.name)
			}
			if a := testing.AllocsPerRun(200, func() { c.fn() }); a != 0 {
				t.Errorf("%s allocates %v times per call", c.name, a)
			}
		})
	}
}

func BenchmarkLuhn(b *testing.B) {
	card := []byte("4111111111111111")
	b.ReportAllocs()
	for b.Loop() {
		luhn(card)
	}
}

func BenchmarkIBANValid(b *testing.B) {
	iban := []byte("GB82WEST12345698765432")
	b.ReportAllocs()
	for b.Loop() {
		ibanValid(iban)
	}
}

func BenchmarkEmailValid(b *testing.B) {
	email := []byte("jane.doe+tag@mail.example.com")
	b.ReportAllocs()
	for b.Loop() {
		emailValid(email)
	}
}

func BenchmarkJWTValid(b *testing.B) {
	tok := []byte(vtJWT(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890","name":"Jane Doe","iat":1516239022}`, vtB64("0123456789abcdef0123456789abcdef")))
	b.ReportAllocs()
	for b.Loop() {
		jwtValid(tok)
	}
}

func BenchmarkSecretPlausible(b *testing.B) {
	s := []byte(vtRandom(rand.New(rand.NewPCG(9, 9)), vtBase62, 40))
	b.ReportAllocs()
	for b.Loop() {
		secretPlausible(s, 16)
	}
}

// Fuzz targets: no input may panic, and every acceptance must satisfy the
// invariants a second, simpler reading of the specification gives.

func FuzzValidateIBAN(f *testing.F) {
	f.Add([]byte("GB82 WEST 1234 5698 7654 32"))
	for i, r := range ibanRegistry {
		f.Add([]byte(vtIBAN(r.cc, vtBBAN(r.bban, 0, i))))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		raw := ibanValid(s)
		c := ibanCompact(nil, s)
		if !ibanValid(c) {
			if raw {
				t.Fatalf("ibanValid(%q) but not its compact form", s)
			}
			return
		}
		if len(c) != ibanLength(c[0], c[1]) {
			t.Fatalf("ibanValid(%q): length %d, registry %d", c, len(c), ibanLength(c[0], c[1]))
		}
		// Recompute mod 97 on the whole rearranged number at once.
		var digits strings.Builder
		for _, ch := range string(c[4:]) + string(c[:4]) {
			if ch >= 'A' && ch <= 'Z' {
				fmt.Fprintf(&digits, "%d", ch-'A'+10)
			} else {
				digits.WriteRune(ch)
			}
		}
		n, ok := new(big.Int).SetString(digits.String(), 10)
		if !ok || new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
			t.Fatalf("ibanValid(%q) but mod 97 of %s is not 1", c, digits.String())
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	f.Add([]byte("jane.doe+tag@mail.example.com"))
	f.Add([]byte(`"quoted"@example.com`))
	f.Add([]byte("a@b.xn--p1ai"))
	f.Fuzz(func(t *testing.T, s []byte) {
		if !emailValid(s) {
			return
		}
		if len(s) > 254 || bytes.Count(s, []byte("@")) != 1 {
			t.Fatalf("emailValid(%q) with length %d", s, len(s))
		}
		for _, c := range s {
			if c >= 0x80 || c <= ' ' {
				t.Fatalf("emailValid(%q) accepts byte %#x", s, c)
			}
		}
		// What we accept, the standard library parses as the same bare
		// address.
		a, err := mail.ParseAddress(string(s))
		if err != nil || a.Address != string(s) || a.Name != "" {
			t.Fatalf("emailValid(%q) but net/mail: %v, %v", s, a, err)
		}
	})
}

func FuzzValidateJWT(f *testing.F) {
	f.Add([]byte(vtJWT(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890","iat":1516239022}`, vtB64("signature bytes here, 32 long!!"))))
	f.Add([]byte(vtJWT(`{"alg":"none"}`, `{}`, "")))
	f.Fuzz(func(t *testing.T, s []byte) {
		if !jwtValid(s) {
			return
		}
		parts := strings.Split(string(s), ".")
		if len(parts) != 3 {
			t.Fatalf("jwtValid(%q) with %d segments", s, len(parts))
		}
		dec := func(p string) []byte {
			b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(p, "="))
			if err != nil {
				t.Fatalf("jwtValid(%q) but segment %q: %v", s, p, err)
			}
			return b
		}
		// UseNumber: a claim like 4e04304 is valid JSON even though it
		// does not fit a float64.
		object := func(b []byte) (map[string]any, error) {
			d := json.NewDecoder(bytes.NewReader(b))
			d.UseNumber()
			var m map[string]any
			if err := d.Decode(&m); err != nil {
				return nil, err
			}
			if d.More() {
				return nil, fmt.Errorf("trailing data")
			}
			return m, nil
		}
		header, err := object(dec(parts[0]))
		if err != nil {
			t.Fatalf("jwtValid(%q) but header: %v", s, err)
		}
		alg, ok := header["alg"].(string)
		if !ok || alg == "" {
			t.Fatalf("jwtValid(%q) but alg %#v", s, header["alg"])
		}
		if claims, err := object(dec(parts[1])); err != nil || claims == nil {
			t.Fatalf("jwtValid(%q) but payload: %v, %v", s, claims, err)
		}
		if (alg == "none") != (parts[2] == "") {
			t.Fatalf("jwtValid(%q): alg %q with signature %q", s, alg, parts[2])
		}
	})
}

func FuzzValidatePEM(f *testing.F) {
	r := rand.New(rand.NewPCG(10, 10))
	der := []byte(vtRandom(r, vtBase64, 200))
	f.Add([]byte(vtPEM("PRIVATE KEY", der, "\n")))
	f.Add([]byte(vtPEM("EC PRIVATE KEY", der, `\n`)))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0123456789ABCDEF\n\n" +
		strings.TrimPrefix(vtPEM("RSA PRIVATE KEY", der, "\n"), "-----BEGIN RSA PRIVATE KEY-----\n")))
	escapes := regexp.MustCompile(`\\+[nr]`)
	block := regexp.MustCompile(`(?s)^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----(.*)-----END ([A-Z0-9 ]*PRIVATE KEY)-----$`)
	f.Fuzz(func(t *testing.T, s []byte) {
		if !pemPrivateKeyValid(s) {
			return
		}
		// A plainer reading: labels match, and after dropping escapes,
		// header lines and whitespace the body is padded standard base64
		// of at least pemMinKeyBytes.
		text := strings.TrimSpace(string(s))
		m := block.FindStringSubmatch(text)
		if m == nil || m[1] != m[3] {
			t.Fatalf("pemPrivateKeyValid(%q) but labels: %q", s, m)
		}
		var body strings.Builder
		for _, line := range strings.FieldsFunc(escapes.ReplaceAllString(m[2], "\n"), func(r rune) bool { return r == '\n' || r == '\r' }) {
			if !strings.Contains(line, ":") {
				body.WriteString(strings.NewReplacer(" ", "", "\t", "").Replace(line))
			}
		}
		key, err := base64.StdEncoding.Strict().DecodeString(body.String())
		if err != nil && !strings.Contains(err.Error(), "illegal base64 data") {
			t.Fatalf("pemPrivateKeyValid(%q) but body: %v", s, err)
		}
		if err == nil && len(key) < pemMinKeyBytes {
			t.Fatalf("pemPrivateKeyValid(%q) but body decodes to %d bytes", s, len(key))
		}
		if err != nil {
			// Strict decoding also rejects non-zero trailing bits, which
			// pemPrivateKeyValid does not check; the lenient decoder must
			// still accept the body.
			if _, err := base64.StdEncoding.DecodeString(body.String()); err != nil {
				t.Fatalf("pemPrivateKeyValid(%q) but body: %v", s, err)
			}
		}
	})
}

// FuzzValidateIP checks ipAddr against net/netip on every input without a
// zone.
func FuzzValidateIP(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "::", "::ffff:192.0.2.1", "2001:db8::1", "fe80::1%eth0", "1:2:3:4:5:6:7::", "01.2.3.4"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		a, ok := ipAddr(s)
		if bytes.IndexByte(s, '%') >= 0 {
			if ok {
				t.Fatalf("ipAddr(%q) accepted a zone", s)
			}
			return
		}
		na, err := netip.ParseAddr(string(s))
		if (err == nil) != ok || ok && a != na {
			t.Fatalf("ipAddr(%q) = %v, %v; netip: %v, %v", s, a, ok, na, err)
		}
	})
}

// FuzzValidateMisc runs the remaining validators for panics and their
// simple invariants.
func FuzzValidateMisc(f *testing.F) {
	r := rand.New(rand.NewPCG(12, 12))
	f.Add([]byte("4111 1111 1111 1111"), 16)
	f.Add([]byte("00:1a:2b:3c:4d:5e"), 0)
	f.Add([]byte(vtGitHub("ghp_", r)), 20)
	f.Add([]byte(vtRandom(r, vtBase62, 40)), 16)
	f.Add([]byte("123456789"), 9)
	f.Fuzz(func(t *testing.T, s []byte, minLen int) {
		allDigits := func(b []byte) bool {
			for _, c := range b {
				if c < '0' || c > '9' {
					return false
				}
			}
			return true
		}
		if luhn(s) && (len(s) < 2 || !allDigits(s)) {
			t.Fatalf("luhn(%q) accepted", s)
		}
		if n := cardNetwork(s); n != "" && (len(s) < 12 || len(s) > 19 || !allDigits(s)) {
			t.Fatalf("cardNetwork(%q) = %q", s, n)
		}
		if d := digitsOnly([]byte("x"), s); d[0] != 'x' || !allDigits(d[1:]) || len(d) > len(s)+1 {
			t.Fatalf("digitsOnly(%q) = %q", s, d)
		}
		if ssnValid(s) && (len(s) != 9 || !allDigits(s)) {
			t.Fatalf("ssnValid(%q) accepted", s)
		}
		if macValid(s) && len(s) != 17 && len(s) != 14 {
			t.Fatalf("macValid(%q) accepted", s)
		}
		if githubClassicValid(s) && (len(s) != 40 || !bytes.HasPrefix(s, []byte("gh"))) {
			t.Fatalf("githubClassicValid(%q) accepted", s)
		}
		if h := shannonEntropy(s); h < 0 || h > 8 || math.IsNaN(h) {
			t.Fatalf("shannonEntropy(%q) = %v", s, h)
		}
		if secretPlausible(s, minLen) && (len(s) < minLen || len(s) == 0) {
			t.Fatalf("secretPlausible(%q, %d) accepted", s, minLen)
		}
	})
}

func TestKnownTestValue(t *testing.T) {
	for _, c := range []struct {
		infoType, norm string
		want           bool
	}{
		{CreditCardNumber, "4111111111111111", true},
		{USSocialSecurityNumber, "4111111111111111", false}, // a card's test value is not an SSN's
		{USSocialSecurityNumber, "078051120", true},
		{EmailAddress, "jane@example.com", true},
		{EmailAddress, "jane@mail.example.org", true},
		{EmailAddress, "jane@notexample.com", false},
		{EmailAddress, "jane@example.com.au", false},
		{EmailAddress, "jane@host.test", true},
		{EmailAddress, "jane@test.io", false},
		{AWSAccessKeyID, "AKIA" + "QQQQQQQQQEXAMPLE", true},
		{IBANCode, "GB82WEST12345698765432", true},
	} {
		if got := isKnownTestValue(c.infoType, []byte(c.norm)); got != c.want {
			t.Errorf("isKnownTestValue(%s, %q) = %v, want %v", c.infoType, c.norm, got, c.want)
		}
		if a := testing.AllocsPerRun(10, func() { isKnownTestValue(c.infoType, []byte(c.norm)) }); a != 0 {
			t.Errorf("isKnownTestValue(%s, %q) allocates %v times", c.infoType, c.norm, a)
		}
	}
}
