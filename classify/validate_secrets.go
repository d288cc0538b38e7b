package classify

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"
)

// Validators, finders and masks of the secret detectors (builtin_secrets.go):
// the structure a provider's token carries (a checksum, a base64 JSON
// header, a macaroon, a bech32 string) and the plausibility checks that
// keep placeholders and prose out.

// Likelihood adjustments secret validators return.
const (
	// docDelta pushes a documentation value below POSSIBLE whatever the
	// detector's base likelihood and context: it is kept, and hidden by
	// default.
	docDelta = -4
	// testDelta lowers a provider's test-mode or sandbox credential.
	testDelta = -1
)

// docSecrets are credentials that providers and standards publish in their
// documentation; they turn up in data because people copy them.
var docSecrets = setOf(
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc",                            // Stripe API reference
	"sk_test_BQokikJOvBiI2HlWgH4olfQ2",                            // Stripe guides
	"ghp_16C7e42F292c6912E7710c838347Ae178B4a",                    // GitHub docs
	"110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",                // Telegram Bot API
	"MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs", // Discord API reference
	"QWxhZGRpbjpvcGVuIHNlc2FtZQ==",                                // RFC 7617 (Aladdin:open sesame)
	"mF_9.B5f-4.1JqM",                                             // RFC 6750
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",                                                                    // Azurite / Azure storage emulator
	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", // jwt.io
)

func isDocSecret(v []byte) bool { return docSecrets[string(v)] }

// tokenCheck validates a token made of a public prefix (one of prefixes, or
// any leading part the pattern fixed) and a random body: the body must look
// random (secretPlausible with at least minBody bytes), so "glpat-xxxx…" and
// "sk_live_YOUR_KEY_HERE" are not reported; documentation values are kept
// but unlikely.
func tokenCheck(minBody int, prefixes ...string) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		if isDocSecret(v) {
			return docDelta, true
		}
		return 0, secretPlausible(stripPrefix(v, prefixes), minBody)
	}
}

// placeholderUnlikely is tokenCheck for shapes that are a provider's own
// (a long distinctive prefix and an exact alphabet and length, or an exact
// length assigned to the provider's variable name): a body that does not
// look random ("glpat-xxxxxxxxxxxxxxxxxxxx", "tvly-" + 32 x's) is a
// placeholder someone wrote in that provider's format. It is kept, below
// POSSIBLE, so a report can show it on request; weaker shapes reject it.
func placeholderUnlikely(minBody int, prefixes ...string) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		if isDocSecret(v) || !secretPlausible(stripPrefix(v, prefixes), minBody) {
			return docDelta, true
		}
		return 0, true
	}
}

// stripPrefix returns v without the longest of prefixes it starts with.
func stripPrefix(v []byte, prefixes []string) []byte {
	best := 0
	for _, p := range prefixes {
		if len(p) > best && bytes.HasPrefix(v, []byte(p)) {
			best = len(p)
		}
	}
	return v[best:]
}

// tail returns the last n bytes of v (all of v when it is shorter).
func tail(v []byte, n int) []byte { return v[max(0, len(v)-n):] }

// hasClasses reports whether s has a lower-case letter, an upper-case
// letter and a digit: a random base62 string of 24 or more characters
// lacks one of them less than once in 200 draws, an identifier often does.
func hasClasses(s []byte) bool {
	var l, u, d bool
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z':
			l = true
		case 'A' <= c && c <= 'Z':
			u = true
		case '0' <= c && c <= '9':
			d = true
		}
	}
	return l && u && d
}

// crc32Base62Valid checks the checksum GitHub introduced for its tokens and
// npm adopted: the last 6 characters of a 36-character base62 body are the
// base62 encoding (0-9A-Za-z, left-padded with '0') of the CRC32-IEEE of
// the 30 before them.
func crc32Base62Valid(body []byte) bool {
	if len(body) != 36 {
		return false
	}
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

// validNPM: npm_ + 36 base62 with the CRC32 checksum is certain; without it
// (a hand-made or mangled copy) it is only possible.
func validNPM(v []byte) (int, bool) {
	body := v[len("npm_"):]
	if crc32Base62Valid(body) {
		return 1, true
	}
	return -1, secretPlausible(body, 30)
}

// bech32Valid checks a bech32 string (BIP 173): human-readable part, '1',
// data in the alphabet qpzry9x8gf2tvdw0s3jn54khce6mua7l, and a six-character
// checksum whose polymod is 1. Case-insensitive, but not mixed case.
func bech32Valid(s []byte) bool {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	sep := bytes.LastIndexByte(s, '1')
	if sep < 1 || len(s)-sep-1 < 6 {
		return false
	}
	var hasLower, hasUpper bool
	for _, c := range s {
		hasLower = hasLower || 'a' <= c && c <= 'z'
		hasUpper = hasUpper || 'A' <= c && c <= 'Z'
	}
	if hasLower && hasUpper {
		return false
	}
	polymod := func(chk uint32, v byte) uint32 {
		gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
		b := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range gen {
			if (b>>i)&1 != 0 {
				chk ^= gen[i]
			}
		}
		return chk
	}
	chk := uint32(1)
	hrp := s[:sep]
	for _, c := range hrp {
		chk = polymod(chk, lower(c)>>5)
	}
	chk = polymod(chk, 0)
	for _, c := range hrp {
		chk = polymod(chk, lower(c)&31)
	}
	for _, c := range s[sep+1:] {
		i := strings.IndexByte(charset, lower(c))
		if i < 0 {
			return false
		}
		chk = polymod(chk, byte(i))
	}
	return chk == 1
}

// validAgeKey: an age X25519 identity is bech32 with the checksum; a
// patterned body (the repeated bytes of a test vector) is a documentation
// value; a wrong checksum makes it a mangled copy, still possible.
func validAgeKey(v []byte) (int, bool) {
	if !secretPlausible(v[len("AGE-SECRET-KEY-1"):], 40) {
		return docDelta, true
	}
	if bech32Valid(v) {
		return 0, true
	}
	return -2, true
}

// macaroonV2Valid parses the binary macaroon format version 2 (libmacaroons,
// pymacaroons): version byte 2; fields of a type byte, a varint length and
// data; the macaroon's own fields (location 1, identifier 2) up to an end
// byte 0; caveats, each a field list ending in 0, and a final 0; then the
// signature field (type 6) of 32 bytes, at the very end.
func macaroonV2Valid(b []byte) bool {
	if len(b) < 2 || b[0] != 2 {
		return false
	}
	i := 1
	field := func() (typ byte, ok bool) {
		if i >= len(b) {
			return 0, false
		}
		typ = b[i]
		i++
		if typ == 0 {
			return 0, true
		}
		n, shift := 0, 0
		for {
			if i >= len(b) || shift > 21 {
				return 0, false
			}
			c := b[i]
			i++
			n |= int(c&0x7f) << shift
			if c < 0x80 {
				break
			}
			shift += 7
		}
		if n > len(b)-i {
			return 0, false
		}
		if typ == 6 && n != 32 {
			return 0, false
		}
		i += n
		return typ, true
	}
	// The macaroon's fields.
	hasID := false
	for {
		t, ok := field()
		if !ok || t > 6 {
			return false
		}
		if t == 0 {
			break
		}
		hasID = hasID || t == 2
	}
	if !hasID {
		return false
	}
	// Caveats, up to an empty one.
	for caveats := 0; ; caveats++ {
		if caveats > 64 {
			return false
		}
		t, ok := field()
		if !ok {
			return false
		}
		if t == 0 {
			break
		}
		for t != 0 {
			if t > 6 {
				return false
			}
			if t, ok = field(); !ok {
				return false
			}
		}
	}
	t, ok := field()
	return ok && t == 6 && i == len(b)
}

// validPyPI decodes a PyPI API token (pypi- + a base64url macaroon whose
// location is pypi.org or test.pypi.org): a macaroon that parses is certain;
// one that does not (a mangled copy) is likely; test.pypi.org one lower.
func validPyPI(v []byte) (int, bool) {
	body := v[len("pypi-"):]
	if !secretPlausible(body, 50) {
		return 0, false
	}
	delta := 0
	if bytes.HasPrefix(body, []byte("AgENdGVzdC5weXBpLm9yZw")) {
		delta = testDelta
	}
	var buf [1024]byte
	b, ok := valB64URLDecode(buf[:0], body)
	if !ok || !macaroonV2Valid(b) {
		delta--
	}
	return delta, true
}

// b64JSONObject reports whether s (standard or URL-safe base64, padded or
// not, possibly cut short) decodes to text that starts like a JSON object.
// Lenient on purpose: what matters is that the token carries the provider's
// JSON header, not that every copy is intact.
func b64JSONObject(s []byte) bool {
	var buf [96]byte
	s = s[:min(len(s), 64)] // 64 characters decode to 48 bytes
	s = bytes.TrimRight(s, "=")
	n := len(s) / 4 * 4
	if n < 8 {
		return false
	}
	out := buf[:0]
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		m, err := enc.Decode(buf[:cap(buf)], s[:n])
		if err == nil {
			out = buf[:m]
			break
		}
	}
	if len(out) < 4 || out[0] != '{' || out[1] != '"' {
		return false
	}
	for _, c := range out {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// validB64JSONToken checks a token whose body after prefix is a base64 JSON
// object (Sentry org tokens, Grafana Cloud, 1Password service accounts,
// Neptune): the header is what makes it the provider's.
func validB64JSONToken(prefix string, delta int) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		body := v[len(prefix):]
		if !b64JSONObject(body) || !secretPlausible(tail(body, 40), 20) {
			return 0, false
		}
		return delta, true
	}
}

// validSentry: an org auth token (sntrys_) is a base64 JSON header and a
// 43-character secret; a user token (sntryu_) 64 hex.
func validSentry(v []byte) (int, bool) {
	if bytes.HasPrefix(v, []byte("sntryu_")) {
		return 0, secretPlausible(v[7:], 32)
	}
	us := bytes.LastIndexByte(v, '_')
	if us < 7 || !b64JSONObject(v[7:us]) {
		return 0, false
	}
	return 0, secretPlausible(v[us+1:], 32)
}

// validGrafana: service account tokens (glsa_) are certain; Cloud tokens
// (glc_) and API keys (eyJrIjoi…, base64 of {"k":") must carry their JSON.
func validGrafana(v []byte) (int, bool) {
	switch {
	case bytes.HasPrefix(v, []byte("glsa_")):
		return 0, secretPlausible(v[5:37], 24)
	case bytes.HasPrefix(v, []byte("glc_")):
		return -1, b64JSONObject(v[4:]) && secretPlausible(tail(v, 40), 20)
	}
	return -1, b64JSONObject(v) && secretPlausible(tail(v, 40), 20)
}

// validTeamCity: a TeamCity access token is three base64url parts whose
// header is {"typ": "TCV2"} and whose last part encodes a UUID.
func validTeamCity(v []byte) (int, bool) {
	dot := bytes.LastIndexByte(v, '.')
	var buf [64]byte
	u, ok := valB64URLDecode(buf[:0], v[dot+1:])
	if ok && isUUID(u) {
		return 0, true
	}
	return -1, secretPlausible(v[21:dot], 24)
}

// isUUID reports whether s is a UUID in its 8-4-4-4-12 hex form.
func isUUID(s []byte) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

// validUUIDSecret accepts a UUID used as a secret unless it is a
// placeholder (all zeros, a repeated digit, 12345678-…).
func validUUIDSecret(v []byte) (int, bool) {
	var hex [32]byte
	n := 0
	for _, c := range v {
		if c != '-' && n < len(hex) {
			hex[n] = c
			n++
		}
	}
	return 0, secretPlausible(hex[:n], 16)
}

// validArtifactory: an API key (AKCp…) must look random; a reference token
// decodes to "reftkn:01:" and printable text.
func validArtifactory(v []byte) (int, bool) {
	if bytes.HasPrefix(v, []byte("AKCp")) {
		return 0, secretPlausible(v[4:], 40)
	}
	var buf [64]byte
	n, err := base64.RawStdEncoding.Decode(buf[:], bytes.TrimRight(v, "="))
	if err != nil || !bytes.HasPrefix(buf[:n], []byte("reftkn:01:")) {
		return 0, false
	}
	for _, c := range buf[:n] {
		if c < 0x20 || c > 0x7e {
			return 0, false
		}
	}
	return 0, true
}

// validDiscordBot: a bot token's first part is the base64 of the bot's
// user id, a Discord snowflake of 17 to 20 digits.
func validDiscordBot(v []byte) (int, bool) {
	if isDocSecret(v) {
		return docDelta, true
	}
	dot := bytes.IndexByte(v, '.')
	var buf [32]byte
	id, ok := valB64URLDecode(buf[:0], v[:dot])
	if !ok || len(id) < 17 || len(id) > 20 || id[0] == '0' {
		return 0, false
	}
	for _, c := range id {
		if !isDigit(c) {
			return 0, false
		}
	}
	last := bytes.LastIndexByte(v, '.')
	return 0, secretPlausible(v[last+1:], 20)
}

// validAzureKey accepts standard base64 that decodes to exactly n random
// bytes: an Azure storage account key is 64 bytes, a shared access key 32.
func validAzureKey(n int) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		if isDocSecret(v) {
			return docDelta, true
		}
		var buf [96]byte
		if base64.StdEncoding.DecodedLen(len(v)) > len(buf) {
			return 0, false
		}
		m, err := base64.StdEncoding.Decode(buf[:], v)
		if err != nil || m != n {
			return 0, false
		}
		return 0, secretPlausible(bytes.TrimRight(v, "="), 32)
	}
}

// refineTelegram keeps a bot token that stands alone or follows "bot" in a
// Bot API URL (https://api.telegram.org/bot<token>/getMe).
func refineTelegram(text []byte, s, e int) (int, int, bool) {
	tok := func(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }
	if s > 0 && tok(text[s-1]) && !(s >= 3 && string(text[s-3:s]) == "bot") {
		return 0, 0, false
	}
	if e < len(text) && tok(text[e]) {
		return 0, 0, false
	}
	return s, e, true
}

// validTelegram: bot id, ':' and a 34- or 35-character secret starting
// "AA".
func validTelegram(v []byte) (int, bool) {
	if isDocSecret(v) {
		return docDelta, true
	}
	c := bytes.IndexByte(v, ':')
	return 0, secretPlausible(v[c+3:], 24)
}

// validBasicAuth decodes the credentials of an HTTP Basic Authorization
// header (RFC 7617): base64 of user-id ':' password, printable. A
// placeholder password or the RFC's own example is unlikely.
func validBasicAuth(v []byte) (int, bool) {
	if len(v) < 8 {
		return 0, false
	}
	if isDocSecret(v) {
		return docDelta, true
	}
	var buf [384]byte
	if base64.StdEncoding.DecodedLen(len(v)) > len(buf) {
		return 0, false
	}
	n, err := base64.StdEncoding.Decode(buf[:], v)
	if err != nil {
		return 0, false
	}
	cred := buf[:n]
	for _, c := range cred {
		if c < 0x20 || c == 0x7f {
			return 0, false
		}
	}
	user, pw, ok := bytes.Cut(cred, []byte(":"))
	if !ok || len(pw) == 0 || len(user) == 0 {
		return 0, false
	}
	if isPlaceholder(pw) || valTemplateRef(pw) || valHasPlaceholderWord(pw) {
		return -2, true
	}
	return 0, true
}

// validBearer accepts the token of an "Authorization: Bearer" header that
// no more specific detector claims (a JWT, a provider token) and that looks
// random.
func validBearer(v []byte) (int, bool) {
	if isDocSecret(v) {
		return docDelta, true
	}
	if claimedBySpecific(v) || !secretPlausible(v, 12) {
		return 0, false
	}
	return 0, true
}

// specificMatcher is a provider detector reduced to what decides whether a
// value, taken alone, is that provider's token.
type specificMatcher struct {
	re       *pattern
	validate func([]byte) (int, bool)
}

// specificKeyword is a lower-cased keyword of a specific matcher.
type specificKeyword struct {
	kw      []byte
	matcher int
}

var (
	specificOnce     sync.Once
	specificMatchers []specificMatcher
	// specificByHead indexes the keywords by their first three bytes, and
	// specificHeads holds a hash of each such head as a bit, so a value is
	// tried only against the matchers whose keyword it holds and most of
	// its positions cost one bit test.
	specificByHead map[[3]byte][]specificKeyword
	specificHeads  [1 << 12 / 64]uint64
)

func specificHeadBit(a, b, c byte) (int, uint64) {
	h := (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> 20
	return int(h >> 6), 1 << (h & 63)
}

// minSpecific is the length of the shortest provider token.
const minSpecific = 16

// claimedBySpecific reports whether v, as a whole, is a token that a
// provider detector whose keyword lies in the token's first 32 bytes (its
// prefix, or the rare part of it the detector is anchored on) recognises
// and accepts: the generic detectors (GENERIC_SECRET, BEARER_TOKEN, the
// password in a URL) leave such values to it, whatever likelihood it gives
// them.
func claimedBySpecific(v []byte) bool {
	if len(v) < minSpecific {
		return false
	}
	specificOnce.Do(buildSpecificMatchers)
	var buf [32]byte
	head := normLower(buf[:0], v[:min(len(v), len(buf))])
	var tried [4]uint64
	for i := 0; i+3 <= len(head); i++ {
		if w, bit := specificHeadBit(head[i], head[i+1], head[i+2]); specificHeads[w]&bit == 0 {
			continue
		}
		for _, k := range specificByHead[[3]byte{head[i], head[i+1], head[i+2]}] {
			if !bytes.HasPrefix(head[i:], k.kw) || tried[k.matcher/64]&(1<<(k.matcher%64)) != 0 {
				continue
			}
			tried[k.matcher/64] |= 1 << (k.matcher % 64)
			m := &specificMatchers[k.matcher]
			if !m.re.Match(v) {
				continue
			}
			if m.validate == nil {
				return true
			}
			if _, ok := m.validate(v); ok {
				return true
			}
		}
	}
	return false
}

// genericTypes are the infoTypes that defer to provider detectors.
var genericTypes = setOf(GenericSecret, BearerToken, BasicAuthHeader, Password, DatabaseConnectionString, URLWithCredentials)

func buildSpecificMatchers() {
	specificByHead = map[[3]byte][]specificKeyword{}
	for _, d := range secretDetectors() {
		if genericTypes[d.InfoType] || d.Pattern == "" || d.RequireContext || strings.Contains(d.Pattern, "?P<v>") {
			continue
		}
		if len(specificMatchers) == 4*64 {
			panic("classify: too many specific matchers for claimedBySpecific")
		}
		id := len(specificMatchers)
		re, err := compilePattern(`^(?:` + d.Pattern + `)$`)
		if err != nil {
			panic(fmt.Sprintf("classify: pattern of %s: %v", d.ID, err)) // built-in: a build defect
		}
		specificMatchers = append(specificMatchers, specificMatcher{re: re, validate: d.Validate})
		for _, k := range d.Keywords {
			kw := []byte(strings.ToLower(k))
			head := [3]byte{kw[0], kw[1], kw[2]}
			specificByHead[head] = append(specificByHead[head], specificKeyword{kw: kw, matcher: id})
			w, bit := specificHeadBit(kw[0], kw[1], kw[2])
			specificHeads[w] |= bit
		}
	}
}

// genericWords are the names a GENERIC_SECRET is assigned to, lower-case
// and without separators; a name must end with one of them ("api_key_id"
// and "secret_name" hold no secret).
var genericWords = []string{
	"apikey", "appkey", "secret", "secretkey", "accesstoken", "authtoken", "apitoken", "refreshtoken",
	"bottoken", "privatetoken", "secrettoken", "accesskey", "privatekey", "encryptionkey", "signingkey",
	"masterkey", "secretkeybase",
}

// findGenericSecret reports values assigned to secret-like names in config,
// env, JSON, YAML and code syntax, at each assignment operator in
// text[lo:hi]:
//
//	API_KEY=…  api_key: …  "apiKey": "…"  client_secret = '…'  X-API-Key: …
//	define('AUTH_SECRET', '…')  --api-key=…  ENV['SECRET_KEY'] = "…"
//
// It parses by hand, backwards from the operator (=, :, :=, =>, or a comma
// between two quoted strings) to the name, which must end with one of
// genericWords (case and the separators '_', '-', '.' ignored), and forwards
// to the value, a quoted string or an unquoted run of token characters.
func findGenericSecret(text []byte, lo, hi int, emit func(start, end int)) {
	hi = min(hi, len(text))
	for p := lo; p < hi; p++ {
		c := text[p]
		if c != '=' && c != ':' && c != ',' {
			continue
		}
		vs := p + 1
		switch {
		case c == '=' && vs < len(text) && text[vs] == '>', c == ':' && vs < len(text) && text[vs] == '=':
			vs++
		case c == '=' && (vs < len(text) && text[vs] == '=' || p > 0 && bytes.IndexByte([]byte("=!<>:"), text[p-1]) >= 0):
			continue // a comparison, or the second byte of :=
		case c == ':' && (vs < len(text) && text[vs] == ':' || p > 0 && text[p-1] == ':'):
			continue // a scope operator
		}
		// The name, back from the operator past blanks and one closing
		// quote or bracket.
		q := p
		for q > lo && (text[q-1] == ' ' || text[q-1] == '\t') {
			q--
		}
		quoted := false
		if q > 0 && text[q-1] == ']' {
			q--
		}
		if q > 0 && (text[q-1] == '"' || text[q-1] == '\'') {
			quoted = true
			q--
		}
		if c == ',' && !quoted {
			continue
		}
		ns := q
		for ns > 0 && q-ns < 64 && isNameByte(text[ns-1]) {
			ns--
		}
		if ns == q || !genericName(text[ns:q]) {
			continue
		}
		if s, e, ok := genericValue(text, vs, c == ','); ok {
			emit(s, e)
			p = e
		}
	}
}

func isNameByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' }

// genericName reports whether name, less separators, case and a trailing
// number, ends with one of genericWords.
func genericName(name []byte) bool {
	var buf [64]byte
	n := buf[:0]
	for _, c := range name {
		if c != '_' && c != '-' && c != '.' {
			n = append(n, lower(c))
		}
	}
	for len(n) > 0 && isDigit(n[len(n)-1]) {
		n = n[:len(n)-1]
	}
	for _, w := range genericWords {
		if bytes.HasSuffix(n, []byte(w)) {
			return true
		}
	}
	return false
}

// genericValue parses the value that starts after an assignment operator at
// text[i]: a quoted string (no blanks or backslashes inside), or, unless
// the operator was a comma, an unquoted run of token characters that ends
// where config syntax or prose does.
func genericValue(text []byte, i int, comma bool) (int, int, bool) {
	n := len(text)
	for i < n && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i >= n {
		return 0, 0, false
	}
	if q := text[i]; q == '"' || q == '\'' || q == '`' {
		vs := i + 1
		ve := vs
		for ve < n && ve-vs <= 256 && text[ve] != q {
			switch text[ve] {
			case ' ', '\t', '\n', '\r', '\\':
				return 0, 0, false
			}
			ve++
		}
		if ve >= n || text[ve] != q {
			return 0, 0, false
		}
		return vs, ve, true
	}
	if comma {
		return 0, 0, false
	}
	vs := i
	ve := vs
	for ve < n && ve-vs <= 256 && isGenericValueByte(text[ve]) {
		ve++
	}
	if ve < n {
		switch text[ve] {
		case ' ', '\t', '\r', '\n', '"', '\'', ',', ';', ')', '}', ']', '<', '&', '#':
		default:
			return 0, 0, false // the value goes on with template or code syntax
		}
	}
	return vs, ve, true
}

func isGenericValueByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~'
}

// genericStopWords, found anywhere in a value, make it a name rather than
// a secret: code assigns identifiers such as testRSA2048PrivateKey, and
// templates hold descriptions such as test_api_key_123. A random 32-character
// value holds one of them about once in a thousand.
var genericStopWords = []string{"key", "secret", "token", "private", "public", "test", "config", "cert", "passw", "value", "string"}

// fileSuffixes end values that name a file rather than hold a secret.
var fileSuffixes = []string{".pem", ".key", ".json", ".txt", ".yaml", ".yml", ".p12", ".pfx", ".crt", ".cer",
	".der", ".env", ".cfg", ".conf", ".ini", ".jks", ".gpg", ".asc", ".pub", ".js", ".py", ".toml", ".xml"}

// validGenericSecret decides a value assigned to a secret-like name: 16 to
// 256 bytes that are not a provider's token (those are reported by the
// provider's detector), look random, hold a digit, and are not a path, a
// URL, a file name, a dotted identifier, an identifier made of words or a
// slug of words. Strongly random values (24 bytes
// with three character classes, or 32 hex digits) are LIKELY, the rest
// POSSIBLE.
func validGenericSecret(v []byte) (int, bool) {
	if len(v) < 16 || len(v) > 256 {
		return 0, false
	}
	if isDocSecret(v) {
		return docDelta, true
	}
	if claimedBySpecific(v) || !secretPlausible(v, 16) || isDottedIdentifier(v) {
		return 0, false
	}
	if bytes.Contains(v, []byte("://")) || bytes.Contains(v, []byte("..")) || v[0] == '/' || v[0] == '.' || v[0] == '~' ||
		bytes.HasPrefix(v, []byte("-----")) {
		return 0, false
	}
	var low [256]byte
	l := normLower(low[:0], v)
	for _, s := range fileSuffixes {
		if bytes.HasSuffix(l, []byte(s)) {
			return 0, false
		}
	}
	for _, w := range genericStopWords {
		if bytes.Contains(l, []byte(w)) {
			return 0, false // an identifier (testRSA2048PrivateKey) or a description
		}
	}
	var lowerC, upperC, digit, other bool
	for _, c := range v {
		switch {
		case 'a' <= c && c <= 'z':
			lowerC = true
		case 'A' <= c && c <= 'Z':
			upperC = true
		case '0' <= c && c <= '9':
			digit = true
		default:
			other = true
		}
	}
	if !digit {
		// Words, not random text: a random value of 16 base62 characters
		// lacks a digit 6% of the time, of 32 characters 0.4%.
		return 0, false
	}
	if !upperC && isWordSlug(v) {
		return 0, false
	}
	classes := 0
	for _, b := range [...]bool{lowerC, upperC, digit, other} {
		if b {
			classes++
		}
	}
	hex := true
	for _, c := range v {
		if !isHex(c) {
			hex = false
			break
		}
	}
	if len(v) >= 24 && classes >= 3 || hex && len(v) >= 32 {
		return 1, true
	}
	return 0, true
}

// isWordSlug reports whether v (lower-case letters, digits and separators
// only) is a name made of short parts, half of them words:
// my-k8s-secret-01, db_credentials_prod.
func isWordSlug(v []byte) bool {
	words, parts := 0, 0
	for _, part := range bytes.FieldsFunc(v, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		parts++
		if len(part) > 12 {
			return false
		}
		letters := true
		for _, c := range part {
			if !('a' <= c && c <= 'z') {
				letters = false
				if !isDigit(c) {
					return false
				}
			}
		}
		if letters && len(part) >= 2 {
			words++
		}
	}
	return parts >= 2 && words*2 >= parts
}

// findGCPServiceAccount reports the private_key value of a Google Cloud
// service account key file (JSON with "type": "service_account", a
// "client_email" and a "private_key" holding a PEM block) near a
// "service_account" in text[lo:hi]: the JSON string's contents between its
// quotes, escapes as written. The PEM block inside is reported once, as
// GCP_SERVICE_ACCOUNT_KEY, which names what the key opens.
func findGCPServiceAccount(text []byte, lo, hi int, emit func(start, end int)) {
	win := text[lo:hi]
	if !bytes.Contains(win, []byte(`"service_account"`)) || !bytes.Contains(win, []byte(`"client_email"`)) {
		return
	}
	key := []byte(`"private_key"`)
	for off := 0; ; {
		i := bytes.Index(win[off:], key)
		if i < 0 {
			return
		}
		j := off + i + len(key)
		off = j
		for j < len(win) && (win[j] == ' ' || win[j] == '\t' || win[j] == '\r' || win[j] == '\n') {
			j++
		}
		if j >= len(win) || win[j] != ':' {
			continue
		}
		j++
		for j < len(win) && (win[j] == ' ' || win[j] == '\t' || win[j] == '\r' || win[j] == '\n') {
			j++
		}
		if j >= len(win) || win[j] != '"' {
			continue
		}
		vs := j + 1
		if !bytes.HasPrefix(win[vs:], []byte("-----BEGIN ")) {
			continue
		}
		ve := vs
		for ve < len(win) && win[ve] != '"' {
			if win[ve] == '\\' {
				ve++
			}
			ve++
		}
		if ve >= len(win) {
			return
		}
		emit(lo+vs, lo+ve)
		off = ve
	}
}

// validGCPServiceAccountKey checks the PEM block inside the private_key
// value, less the line break that ends it.
func validGCPServiceAccountKey(v []byte) (int, bool) {
	b := bytes.TrimSpace(v)
	for {
		switch {
		case bytes.HasSuffix(b, []byte(`\n`)), bytes.HasSuffix(b, []byte(`\r`)):
			b = bytes.TrimSpace(b[:len(b)-2])
			continue
		}
		break
	}
	return 0, pemPrivateKeyValid(b)
}

// findAirtable reports Airtable personal access tokens (pat + 14
// alphanumerics + '.' + 64 hex digits) starting at each "pat" in
// text[lo:hi]. "pat" begins many words, so the shape is checked by hand
// rather than with a regular expression.
func findAirtable(text []byte, lo, hi int, emit func(start, end int)) {
	const idLen, secretLen = 14, 64
	for i := lo; i+3+idLen+1+secretLen <= len(text) && i < hi; i++ {
		at := bytes.Index(text[i:hi], []byte("pat"))
		if at < 0 {
			return
		}
		i += at
		if i+3+idLen+1+secretLen > len(text) {
			return
		}
		j := i + 3
		for ; j < i+3+idLen; j++ {
			if !isAlnum(text[j]) {
				break
			}
		}
		if j != i+3+idLen || text[j] != '.' {
			continue
		}
		j++
		k := j
		for ; k < j+secretLen; k++ {
			if !('0' <= text[k] && text[k] <= '9' || 'a' <= text[k] && text[k] <= 'f') {
				break
			}
		}
		if k == j+secretLen {
			emit(i, k)
			i = k
		}
	}
}

// validAirtable: the id and the secret must both look random.
func validAirtable(v []byte) (int, bool) {
	return 0, secretPlausible(v[3:17], 10) && secretPlausible(v[18:], 32)
}

// maskUpTo keeps a URL up to and including marker (the provider's fixed
// part: "https://discord.com/api/webhooks/") and masks the rest.
func maskUpTo(marker string) func(v []byte) string {
	return func(v []byte) string {
		i := bytes.Index(v, []byte(marker))
		if i < 0 {
			return maskGeneric(v)
		}
		return string(v[:i+len(marker)]) + "********"
	}
}

// maskKnownPrefix keeps the longest of prefixes that v starts with (the
// provider's public prefix) and masks the rest with a fixed-width run.
func maskKnownPrefix(prefixes []string) func(v []byte) string {
	return func(v []byte) string {
		p := len(v) - len(stripPrefix(v, prefixes))
		if p == 0 {
			return maskGeneric(v)
		}
		return maskPrefix(p)(v)
	}
}

// validAtlassian: an Atlassian API token ends in '=' and eight upper-case
// hex digits (a CRC32); one without that tail is a mangled copy.
func validAtlassian(v []byte) (int, bool) {
	if !secretPlausible(v[6:min(len(v), 120)], 64) {
		return 0, false
	}
	if len(v) > 9 && v[len(v)-9] == '=' {
		for _, c := range v[len(v)-8:] {
			if !(isDigit(c) || 'A' <= c && c <= 'F') {
				return -1, true
			}
		}
		return 0, true
	}
	return -1, true
}
