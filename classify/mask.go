package classify

import (
	"bytes"
	"strings"
)

// Masked previews let a person recognise the kind and shape of a finding
// without learning the value: at most a few characters that carry little
// (a card's last four, an email's first letters and its top-level domain, a
// token's public prefix) survive. They never contain the whole value.

// maskGeneric keeps the first two and last two characters of a long value
// and the length class of the rest.
func maskGeneric(v []byte) string {
	if len(v) < 12 {
		return strings.Repeat("*", min(len(v), 8))
	}
	return string(v[:2]) + strings.Repeat("*", 8) + string(v[len(v)-2:])
}

// maskEmail: "j***@e******.com".
func maskEmail(v []byte) string {
	at := bytes.LastIndexByte(v, '@')
	if at <= 0 {
		return maskGeneric(v)
	}
	var b strings.Builder
	b.WriteByte(v[0])
	b.WriteString("***@")
	domain := v[at+1:]
	dot := bytes.LastIndexByte(domain, '.')
	if dot <= 0 {
		b.WriteString(strings.Repeat("*", len(domain)))
		return b.String()
	}
	b.WriteByte(domain[0])
	for _, c := range domain[1:dot] {
		if c == '.' {
			b.WriteByte('.')
		} else {
			b.WriteByte('*')
		}
	}
	b.Write(domain[dot:])
	return b.String()
}

// maskKeepLastDigits masks every digit except the last keep, leaving
// separators, so "4111 1111 1111 1234" becomes "**** **** **** 1234".
func maskKeepLastDigits(v []byte, keep int) string {
	total := 0
	for _, c := range v {
		if isDigit(c) {
			total++
		}
	}
	out := make([]byte, len(v))
	seen := 0
	for i, c := range v {
		switch {
		case isDigit(c):
			seen++
			if seen > total-keep {
				out[i] = c
			} else {
				out[i] = '*'
			}
		case isLetter(c):
			out[i] = '*'
		default:
			out[i] = c
		}
	}
	return string(out)
}

func maskCard(v []byte) string  { return maskKeepLastDigits(v, 4) }
func maskSSN(v []byte) string   { return maskKeepLastDigits(v, 4) }
func maskPhone(v []byte) string { return maskKeepLastDigits(v, 2) }

// maskIBAN keeps the country code and the last four characters.
func maskIBAN(v []byte) string {
	out := []byte(maskKeepLastDigits(v, 0))
	n := 0
	for i := len(v) - 1; i >= 0 && n < 4; i-- {
		if v[i] != ' ' && v[i] != '-' {
			out[i] = v[i]
			n++
		}
	}
	if len(v) >= 2 {
		out[0], out[1] = upper(v[0]), upper(v[1])
	}
	return string(out)
}

func upper(b byte) byte {
	if 'a' <= b && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// maskIP keeps the first group: "203.*.*.*", "2001:*:*…".
func maskIP(v []byte) string {
	if i := bytes.IndexByte(v, '.'); i > 0 && bytes.IndexByte(v, ':') < 0 {
		return string(v[:i]) + ".*.*.*"
	}
	if i := bytes.IndexByte(v, ':'); i > 0 {
		return string(v[:i]) + ":*:*:*"
	}
	return maskGeneric(v)
}

// maskMAC keeps the vendor prefix (the first three octets are the
// manufacturer's OUI, public information) and masks the device part.
func maskMAC(v []byte) string {
	out := []byte(string(v))
	hexSeen := 0
	for i, c := range out {
		if isHex(c) {
			hexSeen++
			if hexSeen > 6 {
				out[i] = '*'
			}
		}
	}
	return string(out)
}

// maskPrefix keeps a token's public prefix ("ghp_", "sk-ant-api03-") and
// masks the secret part with a fixed-width run, so the preview does not even
// give the length.
func maskPrefix(n int) func(v []byte) string {
	return func(v []byte) string {
		if len(v) <= n+8 {
			return maskGeneric(v)
		}
		return string(v[:n]) + strings.Repeat("*", 8)
	}
}

// maskTokenPrefix keeps everything up to and including the last '_' or '-'
// within the first limit bytes (the provider's prefix).
func maskTokenPrefix(limit int) func(v []byte) string {
	return func(v []byte) string {
		p := 0
		for i := 0; i < len(v) && i < limit; i++ {
			if v[i] == '_' || v[i] == '-' {
				p = i + 1
			}
		}
		return maskPrefix(p)(v)
	}
}

// maskSecret shows nothing of a password but that there is one.
func maskSecret(v []byte) string { return "********" }

// maskPEM keeps the BEGIN line, which names the key type.
func maskPEM(v []byte) string {
	line := v
	if i := bytes.IndexAny(v, "\r\n"); i > 0 {
		line = v[:i]
	}
	if len(line) > 10 {
		if i := bytes.Index(line[5:], []byte("-----")); i >= 0 {
			line = line[:5+i+5]
		}
	}
	return string(line) + "…********"
}

// maskURL keeps the scheme and masks user, password and host:
// "postgres://a***:********@d***".
func maskURL(v []byte) string {
	i := bytes.Index(v, []byte("://"))
	if i < 0 {
		return maskGeneric(v)
	}
	rest := v[i+3:]
	at := bytes.LastIndexByte(rest, '@')
	if at < 0 {
		return maskGeneric(v)
	}
	var b strings.Builder
	b.Write(v[:i+3])
	user := rest[:at]
	if c := bytes.IndexByte(user, ':'); c >= 0 {
		user = user[:c]
	}
	if len(user) > 0 {
		b.WriteByte(user[0])
		b.WriteString("***")
	}
	b.WriteString(":********@")
	host := rest[at+1:]
	if len(host) > 0 {
		b.WriteByte(host[0])
		b.WriteString("***")
	}
	return b.String()
}

// maskJWT keeps the start of the header, which only says it is a JWT.
func maskJWT(v []byte) string {
	return string(v[:min(len(v), 3)]) + "********.********.********"
}
