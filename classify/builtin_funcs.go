package classify

import (
	"bytes"
	"net/netip"
)

// Validators and refiners the built-in detectors share. The checksums and
// structural checks themselves live in validate.go.

// okIf adapts a yes/no check to a Validate function.
func okIf(f func([]byte) bool) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) { return 0, f(v) }
}

// plausible accepts values that look random rather than like words or
// placeholders.
func plausible(minLen int) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) { return 0, secretPlausible(v, minLen) }
}

func validPhone(v []byte) (int, bool) {
	return 1, phoneValid(v, "US")
}

// validLuhnCard accepts 12 to 19 digits passing Luhn, whatever their
// prefix: beside card words, an unknown range is still a card.
func validLuhnCard(v []byte) (int, bool) {
	var buf [24]byte
	d := digitsOnly(buf[:0], v)
	return 1, len(d) >= 12 && len(d) <= 19 && luhn(d)
}

// refineNotCode rejects numbers that are the tail of a code such as
// ORD-2024-001234 or INV/2024/17: glued to letters by a dash or slash.
func refineNotCode(text []byte, s, e int) (int, int, bool) {
	if s >= 2 && (text[s-1] == '-' || text[s-1] == '/') && isAlnum(text[s-2]) {
		return 0, 0, false
	}
	return s, e, true
}

// validPhoneShape accepts a phone-shaped number of 7 to 15 digits (an
// extension aside) that is not a dotted quad, a date or a time.
func validPhoneShape(v []byte) (int, bool) {
	main := v
	for _, ext := range []string{"x", "ext"} {
		if i := bytes.LastIndex(main, []byte(ext)); i > 0 {
			main = bytes.TrimRight(main[:i], " ")
		}
	}
	digits, groups, dots := 0, 0, 0
	in := false
	for _, c := range main {
		switch {
		case isDigit(c):
			digits++
			if !in {
				groups++
			}
			in = true
		default:
			if c == '.' {
				dots++
			}
			in = false
		}
	}
	if digits < 7 || digits > 15 {
		return 0, false
	}
	if dots == 3 && groups == 4 && digits <= 12 {
		return 0, false // an IPv4 address
	}
	if groups == 3 && digits == 8 && (main[4] == '-' || main[4] == '.' || main[4] == '/') {
		return 0, false // 2024-03-15
	}
	return 0, true
}

func validCard(v []byte) (int, bool) {
	var buf [24]byte
	d := digitsOnly(buf[:0], v)
	if len(d) < 13 || len(d) > 19 || !luhn(d) || cardNetwork(d) == "" {
		return 0, false
	}
	return 1, true
}

func validSSN(v []byte) (int, bool) {
	var buf [12]byte
	d := digitsOnly(buf[:0], v)
	return 1, len(d) == 9 && ssnValid(d)
}

// validIP accepts addresses that parse; loopback, unspecified, broadcast
// and two-group IPv6 shapes ("a::b" in C++ text) are kept but unlikely.
func validIP(v []byte) (int, bool) {
	a, ok := ipAddr(v)
	if !ok {
		return 0, false
	}
	if a.IsLoopback() || a.IsUnspecified() || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return -2, true
	}
	if a.Is6() && !a.Is4In6() {
		groups := 0
		for _, g := range bytes.Split(v, []byte(":")) {
			if len(g) > 0 {
				groups++
			}
		}
		if groups < 3 {
			return -2, true
		}
	}
	return 0, true
}

// validGitHubClassic: a correct checksum makes a classic token certain; a
// random-looking one without it (hand-made examples, truncated copies) is
// still worth a look.
func validGitHubClassic(v []byte) (int, bool) {
	if githubClassicValid(v) {
		return 1, true
	}
	return -1, secretPlausible(v[4:], 30)
}

// refineIBAN extends a match of the start of an IBAN (country code, check
// digits) over the characters that follow, grouped or not, until the
// compact form is a valid IBAN of its country's exact length.
func refineIBAN(text []byte, s, _ int) (int, int, bool) {
	var buf [34]byte
	n := 0
	for i := s; i < len(text) && n < len(buf); {
		c := text[i]
		if (c == ' ' || c == '-') && n >= 4 {
			if i+1 >= len(text) || !isAlnum(text[i+1]) {
				break
			}
			i++
			continue
		}
		if !isAlnum(c) {
			break
		}
		buf[n] = upper(c)
		n++
		i++
		if n >= 15 && ibanValid(buf[:n]) {
			return s, i, true
		}
	}
	return 0, 0, false
}

func isAlnum(b byte) bool { return isLetter(b) || isDigit(b) }

// findIBANStart reports where an IBAN may start in text[lo:hi]: two
// letters, two check digits, an optional space or dash and a letter or
// digit (the span refineIBAN then extends to the registry's length). It is
// the pattern [A-Za-z]{2}\d{2}[ -]?[A-Za-z0-9] without a regular
// expression's cost per call, which on prose with many letter-digit runs
// was a fifth of the engine's budget.
func findIBANStart(text []byte, lo, hi int, emit func(start, end int)) {
	for i := lo; i+5 <= hi; i++ {
		if !isLetter(text[i]) || !isLetter(text[i+1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
			continue
		}
		j := i + 4
		if text[j] == ' ' || text[j] == '-' {
			j++
		}
		if j < hi && isAlnum(text[j]) {
			emit(i, j+1)
		}
	}
}

// findPEM reports PEM private key blocks that start in text[lo:hi]: a BEGIN
// line whose label names a private key, up to the matching END line.
func findPEM(text []byte, lo, hi int, emit func(start, end int)) {
	begin := []byte("-----BEGIN ")
	for lo < hi {
		i := bytes.Index(text[lo:hi], begin)
		if i < 0 {
			return
		}
		start := lo + i
		lo = start + len(begin)
		labelEnd := bytes.Index(text[lo:min(hi, lo+64)], []byte("-----"))
		if labelEnd < 0 {
			continue
		}
		label := text[lo : lo+labelEnd]
		if !bytes.HasSuffix(label, []byte("PRIVATE KEY")) && !bytes.HasSuffix(label, []byte("PRIVATE KEY BLOCK")) {
			continue
		}
		end := append(append([]byte("-----END "), label...), "-----"...)
		j := bytes.Index(text[lo:hi], end)
		if j < 0 {
			continue
		}
		stop := lo + j + len(end)
		emit(start, stop)
		lo = stop
	}
}

// validCredentialURL keeps URLs whose password is a placeholder
// (user:password@, :${PASS}@) but marks them unlikely.
func validCredentialURL(v []byte) (int, bool) {
	i := bytes.Index(v, []byte("://"))
	if i < 0 {
		return 0, false
	}
	rest := v[i+3:]
	at := bytes.IndexByte(rest, '@')
	if at < 0 {
		return 0, false
	}
	_, pw, ok := bytes.Cut(rest[:at], []byte(":"))
	if !ok || len(pw) == 0 {
		return 0, false
	}
	if isPlaceholder(pw) {
		return -2, true
	}
	return 0, true
}

// validPassword rejects placeholders and trivially short values, and lowers
// plain lower-case words ("password: banana" in prose).
func validPassword(v []byte) (int, bool) {
	if len(v) < 4 || isPlaceholder(v) {
		return 0, false
	}
	for _, c := range v {
		if !('a' <= c && c <= 'z') {
			return 0, true
		}
	}
	return -1, true
}

// refinePasswordAssignment rejects values that are code, not secrets:
// password = settings.DB_PASSWORD, password: getpass(...).
func refinePasswordAssignment(text []byte, s, e int) (int, int, bool) {
	if e < len(text) && (text[e] == '(' || text[e] == '[') {
		return 0, 0, false
	}
	quoted := s > 0 && (text[s-1] == '"' || text[s-1] == '\'')
	if !quoted && isDottedIdentifier(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

func isDottedIdentifier(v []byte) bool {
	dots := 0
	for i, c := range v {
		switch {
		case c == '.':
			if i == 0 || i == len(v)-1 || v[i-1] == '.' {
				return false
			}
			dots++
		case c == '_' || isLetter(c) || isDigit(c) && i > 0:
		default:
			return false
		}
	}
	return dots > 0
}

// placeholders are values that stand in for a secret in documentation,
// templates and type annotations.
var placeholders = map[string]bool{
	"password": true, "passwd": true, "passphrase": true, "pass": true, "pwd": true, "secret": true,
	"changeme": true, "change_me": true, "changeit": true, "null": true, "none": true, "nil": true,
	"undefined": true, "true": true, "false": true, "yes": true, "no": true, "required": true,
	"optional": true, "string": true, "str": true, "text": true, "bytes": true, "int": true, "any": true,
	"secretstr": true, "redacted": true, "hidden": true, "masked": true, "removed": true, "example": true,
	"test": true, "dummy": true, "placeholder": true, "todo": true, "tbd": true, "empty": true,
	"blank": true, "default": true, "value": true, "mypassword": true, "yourpassword": true,
	"your_password": true, "your-password": true, "password123": true, "secret123": true,
	"hunter2": true, "foobar": true, "foo": true, "bar": true, "env": true,
	// Fillers of empty cells.
	"unknown": true, "pending": true, "n/a": true, "na": true, "missing": true, "unset": true,
	"notset": true, "not set": true, "withheld": true, "private": true, "confidential": true,
	"protected": true, "encrypted": true, "invalid": true, "expired": true, "disabled": true,
}

// isPlaceholder reports whether v stands in for a secret rather than being
// one: template syntax, environment references, masks, well-known fillers.
func isPlaceholder(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	switch v[0] {
	case '$', '<', '{', '%', '#', '@':
		return true
	}
	same := true
	for _, c := range v[1:] {
		if c != v[0] {
			same = false
			break
		}
	}
	if same {
		return true
	}
	var buf [32]byte
	if len(v) <= len(buf) {
		l := normLower(buf[:0], v)
		if placeholders[string(l)] {
			return true
		}
		if bytes.Contains(l, []byte("redacted")) || bytes.HasPrefix(l, []byte("your")) || bytes.HasPrefix(l, []byte("xxxx")) || bytes.Contains(l, []byte("****")) {
			return true
		}
	}
	return false
}

// urlKind selects what findCredentialURL reports.
type urlKind uint8

const (
	urlDatabase urlKind = iota // the whole URL, when its scheme is a database's
	urlOther                   // the whole URL, for web, file-transfer and other schemes
	urlPassword                // the password in the user info, any scheme
)

// Schemes whose URLs are database connection strings, and other schemes
// whose URLs with credentials are worth reporting.
var (
	dbSchemes = setOf("postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
		"amqp", "amqps", "mssql", "sqlserver", "oracle", "clickhouse", "cockroachdb", "couchdb", "cassandra",
		"neo4j", "neo4j+s", "bolt", "snowflake", "db2", "memcached", "elasticsearch", "influxdb", "nats",
		"kafka", "presto", "trino", "vertica", "redshift", "timescaledb", "scylladb", "arangodb", "couchbase",
		"couchbases")
	urlSchemes = setOf("http", "https", "ftp", "ftps", "sftp", "smtp", "smtps", "imap", "imaps", "pop3", "pop3s",
		"ldap", "ldaps", "ssh", "git", "svn", "rsync", "ws", "wss", "socks5", "socks5h", "mqtt", "mqtts", "nntp",
		"webdav", "dav")
)

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

// findCredentialURL finds URLs with a password in their user info around
// each "://" in text[lo:hi], parsing by hand: this runs wherever a URL
// appears in prose, and a regular expression over every plain URL costs
// more than the rest of the scan.
func findCredentialURL(kind urlKind) func(text []byte, lo, hi int, emit func(start, end int)) {
	return func(text []byte, lo, hi int, emit func(start, end int)) {
		sep := []byte("://")
		for lo < hi {
			i := bytes.Index(text[lo:hi], sep)
			if i < 0 {
				return
			}
			at := lo + i
			lo = at + len(sep)
			// User info: up to the first '@' before the authority ends. Most
			// URLs have none, so this comes before the scheme's lookups.
			u := lo
			atSign, colon := -1, -1
			for ; u < len(text) && u-lo < 512; u++ {
				c := text[u]
				if c == '@' {
					atSign = u
					break
				}
				if c == '/' || c == '?' || c == '#' || stopsToken(c) {
					break
				}
				if c == ':' && colon < 0 {
					colon = u
				}
			}
			if atSign < 0 || colon < 0 || atSign == colon+1 {
				continue
			}
			// The scheme, and jdbc: before it.
			s := at
			for s > 0 && at-s < 24 && isSchemeChar(text[s-1]) {
				s--
			}
			if s == at || !isLetter(text[s]) {
				continue
			}
			var buf [24]byte
			scheme := normLower(buf[:0], text[s:at])
			isDB, isURL := dbSchemes[string(scheme)], urlSchemes[string(scheme)]
			if s >= 5 && bytes.EqualFold(text[s-5:s], []byte("jdbc:")) {
				s -= 5
			}
			switch kind {
			case urlDatabase:
				if !isDB {
					continue
				}
			case urlOther:
				if !isURL {
					continue
				}
			}
			if kind == urlPassword {
				emit(colon+1, atSign)
				continue
			}
			// Host, port, path, query: to the end of the token, less the
			// punctuation that ends a sentence.
			e := atSign + 1
			for e < len(text) && e-atSign < 2048 && !stopsToken(text[e]) {
				e++
			}
			for e > atSign+1 && bytes.IndexByte([]byte(".,;:!?"), text[e-1]) >= 0 {
				e--
			}
			if e == atSign+1 {
				continue
			}
			emit(s, e)
		}
	}
}

func isSchemeChar(b byte) bool { return isAlnum(b) || b == '+' || b == '.' || b == '-' }
