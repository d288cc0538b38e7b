package classify

import (
	"bytes"
	"encoding/base64"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"testing"
)

// Values here are built at test time; the bech32 strings are the BIP 173
// test vectors, which are not keys.

func TestBech32Valid(t *testing.T) {
	for _, s := range []string{
		"A12UEL5L", "a12uel5l",
		"an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
		"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
		"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
	} {
		if !bech32Valid([]byte(s)) {
			t.Errorf("%s: valid BIP 173 vector rejected", s)
		}
	}
	for _, s := range []string{
		"pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8", "1qzzfhee",
		"A12uEL5L", "a12uel5m", "", "1", "a1",
	} {
		if bech32Valid([]byte(s)) {
			t.Errorf("%q: invalid BIP 173 vector accepted", s)
		}
	}
}

// macaroon builds a version 2 macaroon with the given caveats.
func macaroon(location, id string, caveats ...string) []byte {
	field := func(typ byte, data string) []byte {
		n := len(data)
		if n < 0x80 {
			return append([]byte{typ, byte(n)}, data...)
		}
		return append([]byte{typ, byte(n&0x7f | 0x80), byte(n >> 7)}, data...)
	}
	b := []byte{2}
	b = append(b, field(1, location)...)
	b = append(b, field(2, id)...)
	b = append(b, 0)
	for _, c := range caveats {
		b = append(b, field(2, c)...)
		b = append(b, 0)
	}
	b = append(b, 0)
	return append(b, field(6, strings.Repeat("s", 32))...)
}

func TestMacaroonV2Valid(t *testing.T) {
	good := macaroon("pypi.org", "0f3c2a9e-8d1b-4c57-9a6e-2b7d4f1e8c30", `{"version": 1, "permissions": "user"}`)
	if !macaroonV2Valid(good) {
		t.Fatal("valid macaroon rejected")
	}
	if !macaroonV2Valid(macaroon("pypi.org", "id")) {
		t.Error("macaroon without caveats rejected")
	}
	long := macaroon("pypi.org", "id", strings.Repeat("c", 200))
	if !macaroonV2Valid(long) {
		t.Error("macaroon with a two-byte varint length rejected")
	}
	for name, b := range map[string][]byte{
		"empty":           nil,
		"version 1":       append([]byte{1}, good[1:]...),
		"truncated":       good[:len(good)-5],
		"trailing":        append(bytes.Clone(good), 0),
		"short signature": append(bytes.Clone(good[:len(good)-34]), 6, 31),
		"no identifier":   {2, 1, 1, 'x', 0, 0, 6, 0},
		"unknown field":   {2, 9, 0},
		"length overflow": {2, 2, 0xff, 0xff, 0xff, 0xff, 0x0f},
	} {
		if macaroonV2Valid(b) {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCRC32Base62Valid(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	body := make([]byte, 30)
	for i := range body {
		body[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[r.IntN(62)]
	}
	sum := crc32.ChecksumIEEE(body)
	tail := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		tail[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[sum%62]
		sum /= 62
	}
	tok := append(bytes.Clone(body), tail...)
	if !crc32Base62Valid(tok) {
		t.Fatal("checksum rejected")
	}
	bad := bytes.Clone(tok)
	bad[3] ^= 1
	if crc32Base62Valid(bad) || crc32Base62Valid(tok[:35]) {
		t.Error("changed or short body accepted")
	}
	if d, ok := validNPM(append([]byte("npm_"), tok...)); !ok || d != 1 {
		t.Errorf("validNPM on a checksummed token: %d %v", d, ok)
	}
	if d, ok := validNPM(append([]byte("npm_"), bad...)); !ok || d != -1 {
		t.Errorf("validNPM on a bad checksum: %d %v, want kept one level lower", d, ok)
	}
}

func TestB64JSONObject(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	for s, want := range map[string]bool{
		enc([]byte(`{"iat":1700000000,"url":"https://sentry.io"}`)):                        true,
		base64.StdEncoding.EncodeToString([]byte(`{"o":"1","n":"stack-hm-read","k":"x"}`)): true,
		enc([]byte(`{"k":"abcdefghijklmnopqrstuvwxyz0123456789"}`))[:20]:                   true, // cut short
		enc([]byte(`["not","an","object"]`)):                                               false,
		enc([]byte("\x00\x01binary{\"")):                                                   false,
		"eyJ":                                                                              false,
		"not base64 at all!":                                                               false,
	} {
		if got := b64JSONObject([]byte(s)); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func TestGenericName(t *testing.T) {
	for name, want := range map[string]bool{
		"API_KEY": true, "api-key": true, "apiKey": true, "x-api-key": true, "OPENAI_API_KEY": true,
		"client_secret": true, "clientSecret": true, "JWT_SECRET": true, "SECRET_KEY_BASE": true,
		"access_token": true, "authToken": true, "PRIVATE_KEY": true, "api_key2": true, "--api-key": true,
		"api_key_id": false, "secret_name": false, "monkey": false, "password": false, "token": false,
		"tokens": false, "public_key": false, "secretary": false, "keys": false,
	} {
		if got := genericName([]byte(name)); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

func TestFindGenericSecret(t *testing.T) {
	const v = "Zq8xV2mN4pL7rT1wK9sB3dF6"
	for text, want := range map[string]string{
		"API_KEY=" + v:                           v,
		`{"client_secret": "` + v + `"}`:         v,
		"apiKey: '" + v + "'":                    v,
		"define('AUTH_SECRET', '" + v + "');":    v,
		"--api-key=" + v + " --verbose":          v,
		"X-API-Key: " + v:                        v,
		"ENV['SECRET_KEY'] = \"" + v + "\"":      v,
		"secret_key := \"" + v + "\"":            v,
		"api_key => '" + v + "'":                 v,
		"if api_key == '" + v + "':":             "",
		"api_key_id = " + v:                      "",
		"api_key: ${" + v + "}":                  "",
		"api_key=" + v + "${SUFFIX}":             "",
		"api_key, " + v:                          "",
		"api_key = '" + v + " with spaces'":      "",
		"std::api_key::" + v:                     "",
		"the secret: " + v[:5] + " is out, " + v: "",
	} {
		var got []string
		findGenericSecret([]byte(text), 0, len(text), func(s, e int) { got = append(got, text[s:e]) })
		switch {
		case want == "" && len(got) > 0 && strings.Contains(got[0], v):
			t.Errorf("%q: found %q, want nothing", text, got)
		case want != "" && (len(got) != 1 || got[0] != want):
			t.Errorf("%q: found %q, want %q", text, got, want)
		}
	}
}

func TestValidGenericSecret(t *testing.T) {
	for v, want := range map[string]bool{
		"Zq8xV2mN4pL7rT1wK9sB3dF6":             true,
		"6fb1cff7690db9ac066cadbbde8e3c078efd": true,
		"a1b2c3d4e5f6g7h8":                     true,
		"my-k8s-secret-01":                     false,
		"db_credentials_prod2":                 false,
		"thisIsMyVeryLongSecretValueForTests":  false,
		"xxxxxxxxxxxxxxxxxxxxxxxx":             false,
		"/etc/secrets/app/server-key.pem":      false,
		"https://vault.internal/v1/kv/app":     false,
		"settings.SECRET_KEY":                  false,
		"short1":                               false,
		"config/keys/service-2024.json":        false,
		"YOUR_API_KEY_GOES_HERE_123":           false,
	} {
		if _, ok := validGenericSecret([]byte(v)); ok != want {
			t.Errorf("%q: %v, want %v", v, ok, want)
		}
	}
}

func TestIsWordSlug(t *testing.T) {
	for v, want := range map[string]bool{
		"my-k8s-secret-01": true, "db_credentials_prod": true, "prod.api.token": true,
		"a9f3k2b7x1m4q8z5": false, "k3j4-h5g6-f7d8-s9a0": false, "word": false,
	} {
		if got := isWordSlug([]byte(v)); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}

func TestClaimedBySpecific(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rnd := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	for v, want := range map[string]bool{
		"glpat-" + rnd(alnum, 20):               true,
		"pul-" + rnd("0123456789abcdef", 40):    true,
		"dop_v1_" + rnd("0123456789abcdef", 64): true,
		rnd(alnum, 32):                          false,
		"glpat-" + rnd(alnum, 19):               false,
		"glpat-" + strings.Repeat("x", 20):      true, // the provider's detector keeps it, below POSSIBLE
	} {
		if got := claimedBySpecific([]byte(v)); got != want {
			t.Errorf("%q: %v, want %v", v[:10], got, want)
		}
	}
}

func TestFindGCPServiceAccount(t *testing.T) {
	key := `-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`
	file := `{"type": "service_account", "private_key": "` + key + `", "client_email": "a@b.iam.gserviceaccount.com"}`
	var got []string
	findGCPServiceAccount([]byte(file), 0, len(file), func(s, e int) { got = append(got, file[s:e]) })
	if len(got) != 1 || got[0] != key {
		t.Errorf("found %q, want the private_key value", got)
	}
	for _, text := range []string{
		strings.Replace(file, "service_account", "authorized_user", 1),
		strings.Replace(file, "client_email", "client_mail", 1),
		strings.Replace(file, "-----BEGIN", "BEGIN", 1),
		file[:60],
	} {
		findGCPServiceAccount([]byte(text), 0, len(text), func(s, e int) { t.Errorf("found %q in %q", text[s:e], text) })
	}
}

// FuzzSecretValidators: the finders and the validators that see more than
// a pattern's own match never panic, and finders report spans inside the
// text.
func FuzzSecretValidators(f *testing.F) {
	for _, s := range []string{
		"", "api_key=", "api_key=\"", "secret: '", `"private_key": "-----BEGIN `, `"service_account" "client_email" "private_key":`,
		"pat" + strings.Repeat("a", 14) + "." + strings.Repeat("0", 63), "A12UEL5L", "\x02\x01\x08pypi.org", "eyJrIjoi",
		"define('API_KEY', ", "x-api-key: ", "=>", ":=", "ENV['SECRET']", "Og==",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b := []byte(text)
		check := func(name string, find func([]byte, int, int, func(int, int))) {
			find(b, 0, len(b), func(s, e int) {
				if s < 0 || e > len(b) || s > e {
					t.Fatalf("%s: span %d..%d outside %d bytes", name, s, e, len(b))
				}
			})
		}
		check("generic", findGenericSecret)
		check("gcp", findGCPServiceAccount)
		check("airtable", findAirtable)
		bech32Valid(b)
		macaroonV2Valid(b)
		b64JSONObject(b)
		validBasicAuth(b)
		validBearer(b)
		validGenericSecret(b)
		genericName(b)
		isWordSlug(b)
		claimedBySpecific(b)
		validAzureKey(64)(b)
		validGCPServiceAccountKey(b)
		maskUpTo("/webhooks/")(b)
		maskKnownPrefix([]string{"glpat-"})(b)
	})
}
