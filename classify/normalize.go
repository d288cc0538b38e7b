package classify

import (
	"bytes"
)

// Normalizers give the canonical form a value is fingerprinted in, so that
// the same value written two ways ("4111-1111…" and "4111 1111…",
// "John@X.com" and "john@x.com") has one fingerprint, and so that a
// revocation naming a subject finds it whatever its spelling in the data.

func normLower(dst, v []byte) []byte {
	for _, c := range v {
		dst = append(dst, lower(c))
	}
	return dst
}

func normDigits(dst, v []byte) []byte { return digitsOnly(dst, v) }

func normIBAN(dst, v []byte) []byte { return ibanCompact(dst, v) }

// normPhone writes the E.164 form of a number the validator accepted:
// '+' and the digits, with +1 added to a ten-digit NANP number. It does not
// call the phone library again: parsing costs tens of microseconds, and
// validation already paid it.
func normPhone(dst, v []byte) []byte {
	start := len(dst)
	dst = append(dst, '+')
	plus := bytes.IndexByte(v, '+') >= 0
	dst = digitsOnly(dst, v)
	n := len(dst) - start - 1
	if n == 0 {
		return dst[:start] // not normalizable: the caller uses the value as written
	}
	if !plus && n == 10 {
		dst = append(dst[:start+1], append([]byte("1"), dst[start+1:]...)...)
	}
	return dst
}

func normIP(dst, v []byte) []byte {
	if a, ok := ipAddr(v); ok {
		return a.AppendTo(dst)
	}
	return append(dst, v...)
}

// normMAC writes the twelve hex digits in lower case, separators dropped.
func normMAC(dst, v []byte) []byte {
	for _, c := range v {
		if isHex(c) {
			dst = append(dst, lower(c))
		}
	}
	return dst
}

// normPEM keeps the base64 body only: the same key with other line breaks or
// a relabelled header is the same key.
func normPEM(dst, v []byte) []byte {
	body := v
	if i := bytes.Index(body, []byte("-----\n")); i >= 0 {
		body = body[i+6:]
	} else if i := bytes.Index(body, []byte("-----")); i >= 0 && len(body) > i+5 {
		if j := bytes.Index(body[5:], []byte("-----")); j >= 0 {
			body = body[5+j+5:]
		}
	}
	if i := bytes.Index(body, []byte("-----END")); i >= 0 {
		body = body[:i]
	}
	body = bytes.ReplaceAll(body, []byte(`\n`), nil)
	for _, c := range body {
		if isLetter(c) || isDigit(c) || c == '+' || c == '/' || c == '=' {
			dst = append(dst, c)
		}
	}
	return dst
}

// knownTestValues are documentation and test values that appear in real
// data because people copy them from documentation; they are not anyone's
// data. Keyed by normalized value, with their infoType.
var knownTestValues = map[string]string{
	"4111111111111111":     CreditCardNumber,
	"4242424242424242":     CreditCardNumber,
	"4012888888881881":     CreditCardNumber,
	"4000056655665556":     CreditCardNumber,
	"5555555555554444":     CreditCardNumber,
	"5105105105105100":     CreditCardNumber,
	"5200828282828210":     CreditCardNumber,
	"378282246310005":      CreditCardNumber,
	"371449635398431":      CreditCardNumber,
	"6011111111111117":     CreditCardNumber,
	"6011000990139424":     CreditCardNumber,
	"3530111333300000":     CreditCardNumber,
	"30569309025904":       CreditCardNumber,
	"078051120":            USSocialSecurityNumber,
	"219099999":            USSocialSecurityNumber,
	"123456789":            USSocialSecurityNumber,
	"AKIAIOSFODNN7EXAMPLE": AWSAccessKeyID,
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY": AWSSecretAccessKey,
	"GB82WEST12345698765432":                   IBANCode,
	"DE89370400440532013000":                   IBANCode,
}

// isKnownTestValue reports whether a normalized value is a documentation or
// test value, or uses a domain reserved for documentation (RFC 2606).
func isKnownTestValue(infoType string, norm []byte) bool {
	if t, ok := knownTestValues[string(norm)]; ok && t == infoType {
		return true
	}
	switch infoType {
	case EmailAddress:
		at := bytes.LastIndexByte(norm, '@')
		if at < 0 {
			return false
		}
		d := norm[at+1:]
		for _, r := range []string{"example.com", "example.org", "example.net"} {
			if string(d) == r || bytes.HasSuffix(d, []byte(r)) && len(d) > len(r) && d[len(d)-len(r)-1] == '.' {
				return true
			}
		}
		for _, tld := range []string{".test", ".example", ".invalid", ".localhost"} {
			if bytes.HasSuffix(d, []byte(tld)) {
				return true
			}
		}
	case AWSAccessKeyID, AWSSecretAccessKey:
		return bytes.HasSuffix(norm, []byte("EXAMPLE")) || bytes.HasSuffix(norm, []byte("EXAMPLEKEY"))
	}
	return false
}
