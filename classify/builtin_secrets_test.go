package classify_test

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// Every value below is generated at test time from a seeded generator,
// checksums included; the only literal credentials are documentation
// values providers publish, and they appear as look-alikes that must come
// out UNLIKELY or not at all.

const (
	tAlnum   = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	tHex     = "0123456789abcdef"
	tUpHex   = "0123456789ABCDEF"
	tURLSafe = tAlnum + "-_"
	tStd64   = tAlnum + "+/"
	tLowNum  = "0123456789abcdefghijklmnopqrstuvwxyz"
	tUpNum   = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	tDigits  = "0123456789"
)

// tokGen draws random test values.
type tokGen struct{ r *rand.Rand }

func newTokGen(seed uint64) *tokGen {
	return &tokGen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// s returns n characters of alphabet, resampled until it has more than one
// kind of character where the alphabet allows (a random hex string of all
// digits is as rare in real tokens as it is unconvincing in a test).
func (g *tokGen) s(alphabet string, n int) string {
	for {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[g.r.IntN(len(alphabet))]
		}
		if n < 8 || mixed(string(b), alphabet) {
			return string(b)
		}
	}
}

// mixed reports whether s uses every character class its alphabet has.
func mixed(s, alphabet string) bool {
	has := func(set, chars string) bool { return strings.ContainsAny(set, chars) }
	for _, class := range []string{tDigits, "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} {
		if has(alphabet, class) && !has(s, class) {
			return false
		}
	}
	return true
}

func (g *tokGen) uuid() string {
	h := g.s(tHex, 32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// crc6 is the base62 CRC32 suffix of GitHub and npm tokens.
func crc6(body string) string {
	v := crc32.ChecksumIEEE([]byte(body))
	b := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		b[i] = tAlnum[v%62]
		v /= 62
	}
	return string(b)
}

func (g *tokGen) npm() string {
	body := g.s(tAlnum, 30)
	return "npm_" + body + crc6(body)
}

// bech32 encodes data (5-bit groups) under hrp with the BIP 173 checksum.
func bech32(hrp string, data []byte) string {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	poly := func(values []byte) uint32 {
		chk := uint32(1)
		for _, v := range values {
			b := chk >> 25
			chk = (chk&0x1ffffff)<<5 ^ uint32(v)
			for i := range gen {
				if (b>>i)&1 != 0 {
					chk ^= gen[i]
				}
			}
		}
		return chk
	}
	var exp []byte
	for _, c := range []byte(hrp) {
		exp = append(exp, c>>5)
	}
	exp = append(exp, 0)
	for _, c := range []byte(hrp) {
		exp = append(exp, c&31)
	}
	values := append(append(exp, data...), 0, 0, 0, 0, 0, 0)
	mod := poly(values) ^ 1
	out := []byte(hrp + "1")
	for _, d := range data {
		out = append(out, charset[d])
	}
	for i := 0; i < 6; i++ {
		out = append(out, charset[(mod>>uint(5*(5-i)))&31])
	}
	return string(out)
}

// ageKey is an age X25519 identity of 32 random bytes.
func (g *tokGen) ageKey() string {
	var data []byte
	acc, bits := 0, 0
	for i := 0; i < 32; i++ {
		acc = acc<<8 | g.r.IntN(256)
		bits += 8
		for bits >= 5 {
			bits -= 5
			data = append(data, byte(acc>>bits)&31)
		}
	}
	if bits > 0 {
		data = append(data, byte(acc<<(5-bits))&31)
	}
	return strings.ToUpper(bech32("age-secret-key-", data))
}

// pypi is a PyPI API token: a version 2 macaroon for pypi.org (or
// test.pypi.org) with one caveat, in base64url.
func (g *tokGen) pypi(location string) string {
	field := func(typ byte, data string) []byte { return append([]byte{typ, byte(len(data))}, data...) }
	var b []byte
	b = append(b, 2)
	b = append(b, field(1, location)...)
	b = append(b, field(2, g.uuid())...)
	b = append(b, 0)
	b = append(b, field(2, `{"permissions": "user", "version": 1}`)...)
	b = append(b, 0, 0)
	b = append(b, field(6, g.s(tAlnum, 32))...)
	return "pypi-" + base64.RawURLEncoding.EncodeToString(b)
}

func b64json(v string) string { return base64.RawURLEncoding.EncodeToString([]byte(v)) }

func (g *tokGen) discordBot() string {
	id := g.s("123456789", 1) + g.s(tDigits, 17)
	return base64.RawURLEncoding.EncodeToString([]byte(id)) + "." + g.s(tURLSafe, 6) + "." + g.s(tURLSafe, 38)
}

func (g *tokGen) basic() string {
	return base64.StdEncoding.EncodeToString([]byte("svc-" + g.s(tLowNum, 6) + ":" + g.s(tAlnum, 16)))
}

func (g *tokGen) pemKeyEscaped() string {
	body := "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + g.s(tStd64, 64*8-32)
	var lines []string
	for i := 0; i < len(body); i += 64 {
		lines = append(lines, body[i:min(i+64, len(body))])
	}
	return `-----BEGIN PRIVATE KEY-----\n` + strings.Join(lines, `\n`) + `\n-----END PRIVATE KEY-----\n`
}

func (g *tokGen) gcpKeyFile(typ, key string, withEmail bool) string {
	email := ""
	if withEmail {
		email = `"client_email": "trainer@proj-` + g.s(tLowNum, 6) + `.iam.gserviceaccount.com", `
	}
	return `{"type": "` + typ + `", "project_id": "proj", "private_key_id": "` + g.s(tHex, 40) +
		`", "private_key": "` + key + `", ` + email + `"client_id": "` + g.s(tDigits, 21) + `"}`
}

// tokSpec describes a token of a prefixed format: the public prefix and a
// random body. Its positives are the token in the places tokens turn up;
// its negatives are the look-alikes made from it.
type tokSpec struct {
	id     string
	prefix string
	body   string
	// short is how many body characters a cut-short copy keeps: fewer than
	// the format needs.
	short int
	// field is the name the token is assigned to in the positives.
	field string
	// more are further positives (values marked «») and negatives.
	more, neg []string
}

// cases turns a spec into a detector case.
func (ts tokSpec) cases() detCase {
	v := ts.prefix + ts.body
	name := ts.field
	if name == "" {
		name = "TOKEN"
	}
	c := detCase{id: ts.id}
	c.positives = append(c.positives,
		"export "+name+"=«"+v+"»",
		`{"`+strings.ToLower(name)+`": "«`+v+`»", "retries": 3}`,
		"config:\n  "+strings.ToLower(name)+": «"+v+"»\n  region: eu\n",
		name+" is «"+v+"» for now.",
		"curl -H 'Authorization: Bearer «"+v+"»' https://api.internal.net/v1/items",
		"GET https://api.internal.net/v1/items?token=«"+v+"»&page=2",
	)
	c.positives = append(c.positives, ts.more...)
	c.negatives = append(c.negatives,
		name+"="+ts.prefix+ts.body[:ts.short],
		name+"="+ts.prefix+strings.Repeat("x", len(ts.body)),
		name+"="+ts.prefix+"${"+name+"}",
		name+"="+ts.prefix+"<your-token>",
		name+"="+ts.prefix+ts.body[:2]+"#"+ts.body[3:],
		name+"=ab"+ts.prefix+ts.body,
	)
	if sw := swapCase(ts.prefix); sw != ts.prefix {
		c.negatives = append(c.negatives, name+"="+sw+ts.body)
	}
	c.negatives = append(c.negatives, ts.neg...)
	return c
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z':
			return r - 'a' + 'A'
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return r
	}, s)
}

// prefixedSpecs: one spec per prefixed rule (and per distinct format of a
// rule where it has several).
func prefixedSpecs(g *tokGen) []tokSpec {
	return []tokSpec{
		{id: "alibaba-access-key-id", prefix: "LTAI", body: g.s(tAlnum, 20), short: 8, field: "ALIBABA_CLOUD_ACCESS_KEY_ID"},
		{id: "tencent-cloud-secret-id", prefix: "AKID", body: g.s(tAlnum, 32), short: 20, field: "TENCENTCLOUD_SECRET_ID"},
		{id: "digitalocean-token", prefix: "dop_v1_", body: g.s(tHex, 64), short: 40, field: "DIGITALOCEAN_TOKEN",
			more: []string{`-H "Authorization: Bearer «doo_v1_` + g.s(tHex, 64) + `»"`, `"refresh_token": "«dor_v1_` + g.s(tHex, 64) + `»"`}},
		{id: "heroku-api-key", prefix: "HRKU-AA", body: g.s(tURLSafe, 58), short: 30, field: "HEROKU_API_KEY"},
		{id: "flyio-token", prefix: "fo1_", body: g.s(tURLSafe, 43), short: 30, field: "FLY_API_TOKEN",
			more: []string{"FLY_API_TOKEN=«fm2_" + g.s(tStd64, 180) + "==»"}},
		{id: "google-oauth-client-secret", prefix: "GOCSPX-", body: g.s(tURLSafe, 28), short: 20, field: "GOOGLE_CLIENT_SECRET"},
		{id: "google-oauth-access-token", prefix: "ya29.", body: "a0" + g.s(tURLSafe, 150), short: 20, field: "ACCESS_TOKEN"},
		{id: "firebase-fcm-server-key", prefix: "AAAA" + g.s(tURLSafe, 7) + ":APA91b", body: g.s(tURLSafe, 134), short: 100, field: "FCM_SERVER_KEY"},
		{id: "terraform-cloud-token", prefix: g.s(tAlnum, 14) + ".atlasv1.", body: g.s(tURLSafe, 67), short: 40, field: "TFE_TOKEN"},
		{id: "vault-token", prefix: "hvs.", body: "CAESI" + g.s(tURLSafe, 90), short: 16, field: "VAULT_TOKEN",
			more: []string{"X-Vault-Token: «hvb." + g.s(tURLSafe, 160) + "»"}},
		{id: "doppler-token", prefix: "dp.pt.", body: g.s(tAlnum, 43), short: 30, field: "DOPPLER_TOKEN",
			more: []string{"DOPPLER_TOKEN=«dp.st.prd." + g.s(tAlnum, 43) + "»"}},
		{id: "pulumi-token", prefix: "pul-", body: g.s(tHex, 40), short: 30, field: "PULUMI_ACCESS_TOKEN"},
		{id: "onepassword-service-account-token", prefix: "ops_",
			body: b64json(`{"signInAddress":"my.1password.com","userAuth":{"method":"SRPg-4096","alg":"PBES2g-HS256","iterations":650000,"salt":"` +
				g.s(tURLSafe, 22) + `"},"email":"` + g.s(tLowNum, 12) + `@1passwordserviceaccounts.com","srpX":"` + g.s(tHex, 64) +
				`","muk":{"alg":"A256GCM","ext":true,"k":"` + g.s(tURLSafe, 43) + `","key_ops":["encrypt","decrypt"],"kty":"oct","kid":"mp"},"secretKey":"A3-` +
				g.s(tUpNum, 6) + `-` + g.s(tUpNum, 6) + `"}`), short: 60, field: "OP_SERVICE_ACCOUNT_TOKEN"},
		{id: "onepassword-secret-key", prefix: "A3-", body: g.s(tUpNum, 6) + "-" + g.s(tUpNum, 6) + "-" + g.s(tUpNum, 5) + "-" + g.s(tUpNum, 5) + "-" + g.s(tUpNum, 5) + "-" + g.s(tUpNum, 5), short: 10, field: "OP_SECRET_KEY"},
		{id: "cloudflare-origin-ca-key", prefix: "v1.0-", body: g.s(tHex, 24) + "-" + g.s(tHex, 146), short: 60, field: "CF_ORIGIN_CA_KEY"},
		{id: "tailscale-key", prefix: "tskey-auth-", body: "k" + g.s(tAlnum, 10) + "CNTRL-" + g.s(tAlnum, 33), short: 8, field: "TS_AUTHKEY"},
		{id: "age-secret-key", prefix: "AGE-SECRET-KEY-1", body: g.ageKey()[16:], short: 40, field: "SOPS_AGE_KEY"},
		{id: "supabase-token", prefix: "sbp_", body: g.s(tHex, 40), short: 30, field: "SUPABASE_ACCESS_TOKEN"},
		{id: "planetscale-token", prefix: "pscale_pw_", body: g.s(tURLSafe, 43), short: 20, field: "DATABASE_PASSWORD"},
		{id: "databricks-token", prefix: "dapi", body: g.s(tHex, 32), short: 20, field: "DATABRICKS_TOKEN",
			more: []string{"token: «dapi" + g.s(tHex, 32) + "-2»"}},
		{id: "pinecone-api-key", prefix: "pcsk_", body: g.s(tAlnum, 6) + "_" + g.s(tAlnum, 62), short: 20, field: "PINECONE_API_KEY"},
		{id: "newrelic-api-key", prefix: "NRAK-", body: g.s(tUpNum, 27), short: 20, field: "NEW_RELIC_API_KEY",
			more: []string{`"Api-Key": "«NRII-` + g.s(tURLSafe, 32) + `»"`, `-H "X-Api-Key:«NRRA-` + g.s(tHex, 42) + `»"`}},
		{id: "sentry-token", prefix: "sntrys_",
			body: base64.StdEncoding.EncodeToString([]byte(`{"iat":1718`+g.s(tDigits, 6)+`,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"acme"}`)) +
				"_" + g.s(tStd64, 43), short: 30, field: "SENTRY_AUTH_TOKEN",
			more: []string{"SENTRY_AUTH_TOKEN=«sntryu_" + g.s(tHex, 64) + "»"}},
		{id: "grafana-token", prefix: "glsa_", body: g.s(tAlnum, 32) + "_" + g.s(tHex, 8), short: 20, field: "GRAFANA_TOKEN",
			more: []string{`"token": "«glc_` + base64.StdEncoding.EncodeToString([]byte(`{"o":"`+g.s(tDigits, 6)+`","n":"stack-`+g.s(tDigits, 6)+`-hm-read","k":"`+g.s(tAlnum, 24)+`","m":{"r":"prod-us-east-0"}}`)) + `»"`}},
		{id: "dynatrace-token", prefix: "dt0c01.", body: g.s(tUpNum, 24) + "." + g.s(tUpNum, 64), short: 20, field: "DT_API_TOKEN"},
		{id: "prefect-api-key", prefix: "pnu_", body: g.s(tAlnum, 36), short: 20, field: "PREFECT_API_KEY"},
		{id: "gitlab-token", prefix: "glpat-", body: g.s(tURLSafe, 20), short: 12, field: "GITLAB_TOKEN",
			more: []string{
				"-F token=«glptt-" + g.s(tHex, 40) + "»",
				`--registration-token "«GR1348941` + g.s(tURLSafe, 20) + `»"`,
				"CI_DEPLOY_PASSWORD=«gldt-" + g.s(tURLSafe, 20) + "»",
				"token «glimt-" + g.s(tURLSafe, 25) + "»", "secret: «gloas-" + g.s(tURLSafe, 64) + "»",
				"GITLAB_TOKEN=«glpat-" + g.s(tURLSafe, 40) + "." + g.s(tLowNum, 2) + "." + g.s(tLowNum, 7) + "»",
			}},
		{id: "atlassian-api-token", prefix: "ATATT3", body: g.s(tURLSafe, 177) + "=" + g.s(tUpHex, 8), short: 100, field: "JIRA_API_TOKEN"},
		{id: "bitbucket-app-password", prefix: "ATBB", body: g.s(tAlnum, 32), short: 20, field: "BITBUCKET_APP_PASSWORD",
			more: []string{"git clone https://ci-bot:«ATBB" + g.s(tAlnum, 32) + "»@bitbucket.org/team/repo.git"}},
		{id: "circleci-token", prefix: "CCIPAT_", body: g.s(tAlnum, 22) + "_" + g.s(tHex, 40), short: 20, field: "CIRCLE_TOKEN"},
		{id: "buildkite-token", prefix: "bkua_", body: g.s(tHex, 40), short: 20, field: "BUILDKITE_API_TOKEN"},
		{id: "sourcegraph-token", prefix: "sgp_", body: g.s(tHex, 16) + "_" + g.s(tHex, 40), short: 14, field: "SRC_ACCESS_TOKEN",
			more: []string{"access token «sgp_" + g.s(tHex, 40) + "»", "token «sgp_local_" + g.s(tHex, 40) + "»"}},
		{id: "sonarqube-token", prefix: "squ_", body: g.s(tHex, 40), short: 20, field: "SONAR_TOKEN"},
		{id: "teamcity-token", prefix: "eyJ0eXAiOiAiVENWMiJ9.", body: g.s(tURLSafe, 36) + "." + b64json(g.uuid()), short: 10, field: "TEAMCITY_TOKEN"},
		{id: "npm-token", prefix: "npm_", body: g.npm()[4:], short: 20, field: "NPM_TOKEN",
			more: []string{"//registry.npmjs.org/:_authToken=«" + g.npm() + "»"}},
		{id: "pypi-token", prefix: "pypi-", body: g.pypi("pypi.org")[5:], short: 20, field: "TWINE_PASSWORD"},
		{id: "docker-hub-token", prefix: "dckr_pat_", body: g.s(tURLSafe, 27), short: 20, field: "DOCKERHUB_TOKEN",
			more: []string{"docker login -u ci -p «dckr_pat_" + g.s(tURLSafe, 27) + "»"}},
		{id: "rubygems-api-key", prefix: "rubygems_", body: g.s(tHex, 48), short: 30, field: "GEM_HOST_API_KEY"},
		{id: "nuget-api-key", prefix: "oy2", body: g.s(tLowNum, 43), short: 30, field: "NUGET_API_KEY"},
		{id: "artifactory-token", prefix: "AKCp", body: g.s(tAlnum, 69), short: 40, field: "ARTIFACTORY_API_KEY",
			more: []string{"ARTIFACTORY_ACCESS_TOKEN=«" + base64.StdEncoding.EncodeToString([]byte("reftkn:01:1"+g.s(tDigits, 9)+":"+g.s(tAlnum, 27))) + "»"}},
		{id: "cratesio-token", prefix: "cio", body: g.s(tAlnum, 32), short: 20, field: "CARGO_REGISTRY_TOKEN"},
		{id: "clojars-token", prefix: "CLOJARS_", body: g.s(tLowNum, 60), short: 30, field: "CLOJARS_PASSWORD"},
		{id: "replicate-api-token", prefix: "r8_", body: g.s(tAlnum, 37), short: 20, field: "REPLICATE_API_TOKEN"},
		{id: "groq-api-key", prefix: "gsk_", body: g.s(tAlnum, 52), short: 30, field: "GROQ_API_KEY"},
		{id: "perplexity-api-key", prefix: "pplx-", body: g.s(tAlnum, 48), short: 30, field: "PERPLEXITY_API_KEY"},
		{id: "xai-api-key", prefix: "xai-", body: g.s(tAlnum, 80), short: 40, field: "XAI_API_KEY"},
		{id: "openrouter-api-key", prefix: "sk-or-v1-", body: g.s(tHex, 64), short: 30, field: "OPENROUTER_API_KEY"},
		{id: "langsmith-api-key", prefix: "lsv2_pt_", body: g.s(tHex, 32) + "_" + g.s(tHex, 10), short: 20, field: "LANGSMITH_API_KEY"},
		{id: "langfuse-secret-key", prefix: "sk-lf-", body: g.uuid(), short: 20, field: "LANGFUSE_SECRET_KEY"},
		{id: "neptune-api-token", prefix: "eyJhcGlfYWRkcmVzcyI6",
			body:  base64.StdEncoding.EncodeToString([]byte(`{"api_address":"https://app.neptune.ai","api_url":"https://app.neptune.ai","api_key":"` + g.uuid() + `"}`))[20:],
			short: 20, field: "NEPTUNE_API_TOKEN"},
		{id: "tavily-api-key", prefix: "tvly-", body: g.s(tAlnum, 32), short: 20, field: "TAVILY_API_KEY"},
		{id: "jina-api-key", prefix: "jina_", body: g.s(tHex, 32) + g.s(tURLSafe, 28), short: 30, field: "JINA_API_KEY"},
		{id: "shopify-token", prefix: "shpat_", body: g.s(tHex, 32), short: 20, field: "SHOPIFY_ACCESS_TOKEN",
			more: []string{"SHOPIFY_API_SECRET: «shpss_" + g.s(tHex, 32) + "»"}},
		{id: "square-token", prefix: "sq0atp-", body: g.s(tURLSafe, 22), short: 12, field: "SQUARE_ACCESS_TOKEN",
			more: []string{"app_secret: «sq0csp-" + g.s(tURLSafe, 43) + "»", "sandbox_secret: «sandbox-sq0csb-" + g.s(tURLSafe, 43) + "»"}},
		{id: "braintree-token", prefix: "access_token$production$", body: g.s(tLowNum, 16) + "$" + g.s(tHex, 32), short: 10, field: "BRAINTREE_TOKEN"},
		{id: "flutterwave-secret-key", prefix: "FLWSECK-", body: g.s(tHex, 32) + "-X", short: 20, field: "FLW_SECRET_KEY"},
		{id: "shippo-api-token", prefix: "shippo_live_", body: g.s(tHex, 40), short: 20, field: "SHIPPO_API_TOKEN"},
		{id: "easypost-api-key", prefix: "EZAK", body: g.s(tAlnum, 54), short: 30, field: "EASYPOST_API_KEY"},
		{id: "twilio-api-key", prefix: "SK", body: g.s(tHex, 32), short: 20, field: "TWILIO_API_KEY"},
		{id: "sendgrid-api-key", prefix: "SG.", body: g.s(tURLSafe, 22) + "." + g.s(tURLSafe, 43), short: 20, field: "SENDGRID_API_KEY"},
		{id: "brevo-api-key", prefix: "xkeysib-", body: g.s(tHex, 64) + "-" + g.s(tAlnum, 16), short: 40, field: "BREVO_API_KEY"},
		{id: "twitch-stream-key", prefix: "live_", body: g.s(tDigits, 9) + "_" + g.s(tAlnum, 30), short: 20, field: "STREAM_KEY"},
		{id: "dropbox-token", prefix: "sl.u.", body: "AF" + g.s(tURLSafe, 300), short: 100, field: "DROPBOX_ACCESS_TOKEN",
			more: []string{`--header "Authorization: Bearer «sl.` + g.s(tURLSafe, 140) + `»"`}},
		{id: "notion-token", prefix: "ntn_", body: g.s(tDigits, 11) + g.s(tAlnum, 35), short: 30, field: "NOTION_TOKEN"},
		{id: "notion-integration-secret", prefix: "secret_", body: g.s(tAlnum, 43), short: 30, field: "NOTION_SECRET"},
		{id: "linear-api-key", prefix: "lin_api_", body: g.s(tAlnum, 40), short: 30, field: "LINEAR_API_KEY"},
		{id: "figma-token", prefix: "figd_", body: g.s(tURLSafe, 40), short: 30, field: "FIGMA_TOKEN"},
		{id: "airtable-token", prefix: "pat" + g.s(tAlnum, 14) + ".", body: g.s(tHex, 64), short: 40, field: "AIRTABLE_TOKEN"},
		{id: "postman-api-key", prefix: "PMAK-", body: g.s(tHex, 24) + "-" + g.s(tHex, 34), short: 20, field: "POSTMAN_API_KEY"},
		{id: "contentful-token", prefix: "CFPAT-", body: g.s(tURLSafe, 43), short: 30, field: "CONTENTFUL_MANAGEMENT_TOKEN"},
		{id: "hubspot-token", prefix: "pat-na1-", body: g.uuid(), short: 20, field: "HUBSPOT_ACCESS_TOKEN"},
		{id: "readme-api-key", prefix: "rdme_", body: g.s(tLowNum, 70), short: 40, field: "README_API_KEY"},
		{id: "mapbox-token", prefix: "sk.", body: b64json(`{"u":"`+g.s(tLowNum, 8)+`","a":"`+g.s(tLowNum, 25)+`"}`) + "." + g.s(tURLSafe, 22), short: 20, field: "MAPBOX_SECRET_TOKEN"},
		{id: "adafruit-io-key", prefix: "aio_", body: g.s(tAlnum, 28), short: 20, field: "ADAFRUIT_IO_KEY"},
	}
}

// contextCases: rules whose values have no prefix of their own, and the
// structural ones whose carriers are particular.
func contextCases(g *tokGen) []detCase {
	azKey := g.s(tStd64, 86) + "=="
	sasKey := g.s(tStd64, 43) + "="
	adSecret := g.s(tURLSafe, 3) + "8Q~" + g.s(tURLSafe+".~", 34)
	herokuUUID := g.uuid()
	devops := g.s(tAlnum, 52) + "JQQJ99" + g.s(tAlnum, 18) + "AZDO" + g.s(tAlnum, 4)
	sid := "AC" + g.s(tHex, 32)
	hex32, hex37, hex40 := g.s(tHex, 32), g.s(tHex, 37), g.s(tHex, 40)
	cf40 := g.s(tURLSafe, 40)
	okta := "00" + g.s(tURLSafe, 40)
	if okta[len(okta)-1] == '-' || okta[len(okta)-1] == '_' {
		okta = okta[:len(okta)-1] + "Q"
	}
	tg := g.s("123456789", 1) + g.s(tDigits, 9) + ":AA" + g.s(tURLSafe, 33)
	discord := g.discordBot()
	discordHook := "https://discord.com/api/webhooks/" + g.s("123456789", 1) + g.s(tDigits, 18) + "/" + g.s(tURLSafe, 68)
	teamsHook := "https://acme.webhook.office.com/webhookb2/" + g.uuid() + "@" + g.uuid() + "/IncomingWebhook/" + g.s(tHex, 32) + "/" + g.uuid() + "/V2" + g.s(tURLSafe, 40)
	slackHook := "https://hooks.slack.com/services/T" + g.s(tUpNum, 10) + "/B" + g.s(tUpNum, 10) + "/" + g.s(tAlnum, 24)
	eaaa := "EAAA" + g.s(tURLSafe, 60)
	basic := g.basic()
	bearer := g.s(tURLSafe, 20) + "." + g.s(tURLSafe, 24)
	generic := g.s(tAlnum, 32)
	ghp := func() string { b := g.s(tAlnum, 30); return "ghp_" + b + crc6(b) }()
	pemEsc := g.pemKeyEscaped()
	return []detCase{
		{id: "gcp-service-account-key",
			positives: []string{
				g.gcpKeyFile("service_account", "«"+pemEsc+"»", true),
				"key.json:\n" + g.gcpKeyFile("service_account", "«"+pemEsc+"»", true) + "\nuse it once",
			},
			negatives: []string{
				g.gcpKeyFile("authorized_user", pemEsc, true),
				g.gcpKeyFile("service_account", pemEsc, false),
				g.gcpKeyFile("service_account", `-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n`, true),
			}},
		{id: "azure-storage-key",
			positives: []string{
				"DefaultEndpointsProtocol=https;AccountName=trainingdata;AccountKey=«" + azKey + "»;EndpointSuffix=core.windows.net",
				`AZURE_STORAGE_KEY="«` + azKey + `»"`,
				"storage_account_key: «" + azKey + "»",
			},
			negatives: []string{"AccountName=<YOUR_ACCOUNT_NAME>;AccountKey=<YOUR_ACCOUNT_KEY>;", "AccountName=X;AccountKey=X;",
				"AccountKey=" + azKey[:80] + "==;", "AccountKey=" + strings.Repeat("A", 86) + "==;", "AccountKey={3};",
				"AccountKey=" + azKey[:86] + "=;"}},
		{id: "azure-storage-key-near",
			positives: []string{"Azure blob storage key: «" + azKey + "»", "# azure\nkey = «" + azKey + "»"},
			negatives: []string{"key = " + azKey, "azure " + strings.Repeat("A", 86) + "=="}},
		{id: "azure-shared-access-key",
			positives: []string{"Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«" + sasKey + "»",
				`"HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=«` + sasKey + `»"`},
			negatives: []string{"SharedAccessKeyName=[Shared Access Key Name goes here];SharedAccessKey=[Shared Access key goes here];",
				"SharedAccessKey=" + strings.Repeat("x", 43) + "=", "SharedAccessKey=" + sasKey[:40]}},
		{id: "azure-app-configuration-key",
			positives: []string{"Endpoint=https://cfg-prod.azconfig.io;Id=" + g.s(tAlnum, 4) + "-l0-s0:" + g.s(tAlnum, 20) + ";Secret=«" + sasKey + "»"},
			negatives: []string{"az appconfig kv list --connection-string Endpoint=https://contoso.azconfig.io;Id=xxx;Secret=xxx"}},
		{id: "azure-client-secret",
			positives: []string{"AZURE_CLIENT_SECRET=«" + adSecret + "»", `ClientSecretCredential(tenant_id, client_id, client_secret="«` + adSecret + `»")`},
			negatives: []string{"value «" + adSecret + "» here", "AZURE_CLIENT_SECRET=" + adSecret[:20], "AZURE_CLIENT_SECRET=abc8Q~" + strings.Repeat("x", 34)}},
		{id: "heroku-api-key-assigned",
			positives: []string{"HEROKU_API_KEY=«" + herokuUUID + "»", "heroku_token: «" + herokuUUID + "»"},
			negatives: []string{"curl https://kolkrabbi.heroku.com/apps/" + herokuUUID + "/github/push", "HEROKU_API_KEY=00000000-0000-0000-0000-000000000000", "id " + herokuUUID}},
		{id: "netlify-token",
			positives: []string{"NETLIFY_AUTH_TOKEN=«" + g.s(tURLSafe, 43) + "»"},
			negatives: []string{"NETLIFY_AUTH_TOKEN=${{ secrets.NETLIFY_AUTH_TOKEN }}", "netlify deploy --prod", "NETLIFY_AUTH_TOKEN=" + strings.Repeat("x", 43)}},
		{id: "vercel-token",
			positives: []string{"VERCEL_TOKEN=«" + g.s(tAlnum, 24) + "»", "npx vercel deploy --prod --token «" + g.s(tAlnum, 24) + "»"},
			negatives: []string{"VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}", "vercel_token: " + strings.Repeat("x", 24), "VERCEL_TOKEN=" + g.s(tAlnum, 23)}},
		{id: "cloudflare-api-token",
			positives: []string{"CLOUDFLARE_API_TOKEN=«" + cf40 + "»", "cf_api_token: «" + cf40 + "»"},
			negatives: []string{"CLOUDFLARE_API_TOKEN=" + cf40[:39], "CLOUDFLARE_API_TOKEN=" + strings.Repeat("x", 40), "token " + cf40}},
		{id: "cloudflare-api-key",
			positives: []string{"CLOUDFLARE_API_KEY=«" + hex37 + "»", `-H "X-Auth-Key: «` + hex37 + `»"`},
			negatives: []string{"CLOUDFLARE_API_KEY=" + hex37[:36], "key " + hex37}},
		{id: "vault-token-legacy",
			positives: []string{`VAULT_TOKEN="«s.` + g.s(tAlnum, 24) + `»"`, "vault login -token=«s." + g.s(tAlnum, 24) + "»"},
			negatives: []string{"function(){s.addComponentsFromRegistry()}", `VAULT_TOKEN="s.xxxxxxxxxxxxxxxxxxxxxxxx"`, "s." + g.s(tAlnum, 24)}},
		{id: "okta-api-token",
			positives: []string{"okta_api_token = «" + okta + "»", "Authorization: SSWS «" + okta + "»"},
			negatives: []string{"okta: " + okta + "-x", okta, "okta_api_token: 000000000000000000000000000000000000000000", "okta " + okta[:30], "rookTable = " + okta}},
		{id: "pinecone-api-key-assigned",
			positives: []string{"PINECONE_API_KEY=«" + g.uuid() + "»"},
			negatives: []string{"PINECONE_API_KEY=00000000-0000-0000-0000-000000000000", "PINECONE_ENVIRONMENT=" + g.uuid()}},
		{id: "datadog-api-key",
			positives: []string{"DD_API_KEY=«" + hex32 + "»", `"DD-API-KEY": "«` + hex32 + `»"`, "datadog_api_key: «" + hex32 + "»"},
			negatives: []string{"DD_API_KEY=<api key>", "DD_API_KEY=" + hex32[:31], "api_key " + hex32, "DD_API_KEY=" + strings.Repeat("0", 32)}},
		{id: "datadog-app-key",
			positives: []string{"DD_APP_KEY=«" + hex40 + "»", "DATADOG_APPLICATION_KEY: «" + hex40 + "»"},
			negatives: []string{"DD_APP_KEY=" + hex40[:39], "DD_APP_KEY=${DD_APP_KEY}"}},
		{id: "newrelic-license-key",
			positives: []string{"license_key: «" + g.s(tHex, 36) + "NRAL»", "NEW_RELIC_LICENSE_KEY=«eu01xx" + g.s(tHex, 30) + "NRAL»"},
			negatives: []string{"--set global.licenseKey=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL", "license_key: " + strings.Repeat("0", 36) + "NRAL", "GENERAL"}},
		{id: "azure-devops-token",
			positives: []string{"azure_devops_pat = \"«" + devops + "»\"", "«" + devops + "»"},
			negatives: []string{devops[:83], devops[:52] + "XQQJ99" + devops[58:], "x" + devops}},
		{id: "sonarqube-token-assigned",
			positives: []string{"sonar.login=«" + hex40 + "»", "SONAR_TOKEN: «" + hex40 + "»", "sonar.login', '«" + hex40 + "»"},
			negatives: []string{"sonarqube-reporter-1.2.4.tgz#" + hex40, "/d:sonar.login=$(SONAR_LOGIN)", "sonar.login=" + hex40[:39]}},
		{id: "npm-token-legacy",
			positives: []string{"//registry.npmjs.org/:_authToken=«" + g.uuid() + "»"},
			negatives: []string{`export NPM_TOKEN="` + g.uuid() + `"`, "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"}},
		{id: "cohere-api-key",
			positives: []string{"COHERE_API_KEY=«" + g.s(tAlnum, 40) + "»"},
			negatives: []string{"COHERE_API_KEY=" + g.s(tAlnum, 39), "COHERE_API_KEY=" + strings.Repeat("x", 40)}},
		{id: "mistral-api-key",
			positives: []string{`MISTRAL_API_KEY="«` + g.s(tAlnum, 32) + `»"`},
			negatives: []string{"MISTRAL_API_KEY=" + g.s(tAlnum, 31), "mistral " + g.s(tAlnum, 32)}},
		{id: "wandb-api-key",
			positives: []string{"WANDB_API_KEY=«" + hex40 + "»", "!wandb login «" + hex40 + "»", "wandb login --relogin «" + hex40 + "»"},
			negatives: []string{"WANDB_API_KEY=" + hex40[:39], "commit " + hex40, "WANDB_API_KEY=" + strings.Repeat("a", 40)}},
		{id: "kaggle-api-key",
			positives: []string{"KAGGLE_KEY=«" + hex32 + "»"},
			negatives: []string{"KAGGLE_USERNAME=" + hex32, "KAGGLE_KEY=" + hex32[:31]}},
		{id: "square-access-token",
			positives: []string{"SQUARE_ACCESS_TOKEN=«" + eaaa + "»"},
			negatives: []string{"token=" + eaaa, "SQUARE_ACCESS_TOKEN=" + eaaa[:50]}},
		{id: "twilio-account-sid",
			positives: []string{"TWILIO_ACCOUNT_SID=«" + sid + "»\nTWILIO_AUTH_TOKEN=" + hex32},
			negatives: []string{"account " + sid, "TWILIO_AUTH_TOKEN=x\n" + sid[:30]}},
		{id: "twilio-api-secret",
			positives: []string{"TWILIO_AUTH_TOKEN=«" + hex32 + "»", "const twilioApiKeySecret = '«" + g.s(tAlnum, 32) + "»'"},
			negatives: []string{"TWILIO_AUTH_TOKEN=" + strings.Repeat("x", 32), "TWILIO_AUTH_TOKEN=" + hex32[:31]}},
		{id: "mailgun-api-key",
			positives: []string{"mg := mailgun.NewMailgun(domain, \"«key-" + hex32 + "»\")"},
			negatives: []string{"key-" + hex32, "mailgun key-" + strings.Repeat("0", 32)}},
		{id: "mailgun-api-key-assigned",
			positives: []string{"MAILGUN_API_KEY=«" + hex32 + "-" + g.s(tHex, 8) + "-" + g.s(tHex, 8) + "»"},
			negatives: []string{"MAILGUN_API_KEY=" + hex32, "MAILGUN_DOMAIN=" + hex32 + "-" + g.s(tHex, 8) + "-" + g.s(tHex, 8)}},
		{id: "mailchimp-api-key",
			positives: []string{"MAILCHIMP_API_KEY=«" + hex32 + "-us12»", "apikey «" + g.s(tHex, 32) + "-us6»"},
			negatives: []string{hex32[:31] + "-us12", "re-use", strings.Repeat("0", 32) + "-us1"}},
		{id: "postmark-token",
			positives: []string{"POSTMARK_SERVER_TOKEN=«" + g.uuid() + "»", `"X-Postmark-Server-Token": "«` + g.uuid() + `»"`},
			negatives: []string{"message id " + g.uuid(), "POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000"}},
		{id: "telegram-bot-token",
			positives: []string{"TELEGRAM_BOT_TOKEN=«" + tg + "»", "https://api.telegram.org/bot«" + tg + "»/getMe"},
			negatives: []string{tg[:len(tg)-3], strings.Replace(tg, ":AA", ":BB", 1), "x" + tg}},
		{id: "discord-bot-token",
			positives: []string{"DISCORD_TOKEN=«" + discord + "»", "bot = discord.Client()\nbot.run('«" + discord + "»')"},
			negatives: []string{"discord " + b64json("abcdefghijklmnopqr") + discord[24:], "token " + discord}},
		{id: "discord-webhook-url",
			positives: []string{"DISCORD_WEBHOOK=«" + discordHook + "»", `{"url": "«` + discordHook + `»"}`},
			negatives: []string{"https://discord.com/api/webhooks/123/abc", discordHook[:70]}},
		{id: "teams-webhook-url",
			positives: []string{"TEAMS_WEBHOOK=«" + teamsHook + "»"},
			negatives: []string{strings.Replace(teamsHook, "IncomingWebhook", "JenkinsCI", 1), teamsHook[:90]}},
		{id: "slack-webhook-url",
			positives: []string{"SLACK_WEBHOOK_URL=«" + slackHook + "»", `webhook : "«` + slackHook + `»",`},
			negatives: []string{"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", slackHook[:60], strings.Replace(slackHook, "/T", "/t", 1)}},
		{id: "figma-token-assigned",
			positives: []string{"--header='X-Figma-Token: «" + g.s(tDigits, 4) + "-" + g.uuid() + "»'"},
			negatives: []string{"figma file " + g.s(tDigits, 4) + "-" + g.uuid(), "X-Figma-Token: 1234-00000000-0000-0000-0000-000000000000"}},
		{id: "basic-auth-header",
			positives: []string{"Authorization: Basic «" + basic + "»", `headers = {"Authorization": "Basic «` + basic + `»"}`, `curl -H 'authorization: basic «` + basic + `»' https://api.internal/`},
			negatives: []string{"Basic auth is simple", "Authorization: Basic dXNlcm5hbWU=", "Authorization: Basic ${CREDS}",
				"Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("admin:<password>"))}},
		{id: "bearer-token",
			positives: []string{"Authorization: Bearer «" + bearer + "»", `-H "Authorization: Bearer «` + bearer + `»"`, `{"authorization": "bearer «` + bearer + `»"}`},
			negatives: []string{"Authorization: Bearer " + ghp, "Authorization: Bearer $TOKEN", "Authorization: Bearer <token>",
				"Authorization: Bearer YOUR_API_KEY_GOES_HERE", "the Bearer of bad news", "Authorization: Bearer " + strings.Repeat("x", 30)}},
		{id: "generic-secret",
			positives: []string{
				"API_KEY=«" + generic + "»", `"client_secret": "«` + generic + `»"`, "apiKey: '«" + generic + "»'",
				"define('AUTH_SECRET', '«" + generic + "»');", "--api-key=«" + generic + "» --verbose", "X-API-Key: «" + generic + "»",
				"SECRET_KEY = '«" + g.s(tLowNum+"!@#%^&*(-_=+)", 50) + "»'", "private_key = «" + g.s(tHex, 64) + "»",
			},
			negatives: []string{
				"api_key: ${API_KEY}", "secret_key = settings.SECRET_KEY", "secret: my-k8s-secret-01", "client_secret: <your-client-secret>",
				"secret_key_file=/etc/secrets/app/server-key.pem", "API_KEY=" + strings.Repeat("x", 32), "the secret is out",
				"access_token: " + ghp, "api_key_id = " + generic, "secretName: " + generic, "API_KEY=os.environ.get('API_KEY')",
				"api_key=" + generic[:12], "SECRET=thisIsMyVeryLongSecretValueForTests", "apikey = https://vault.internal/v1/kv/app",
			}},
	}
}

// secretDetectorCases are the cases of every secret rule this file covers.
func secretDetectorCases(seed uint64) []detCase {
	g := newTokGen(seed)
	var out []detCase
	for _, ts := range prefixedSpecs(g) {
		out = append(out, ts.cases())
	}
	return append(out, contextCases(g)...)
}

// TestSecretDetectorCases: every secret rule finds its values at their
// exact span in the places they turn up, and leaves the look-alikes (cut
// short, placeholders, template references, wrong alphabet, glued to a
// word, wrong case of the prefix) below POSSIBLE.
func TestSecretDetectorCases(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	byID := map[string]classify.DetectorInfo{}
	for _, d := range e.Detectors() {
		byID[d.ID] = d
	}
	covered := map[string]bool{}
	for _, seed := range []uint64{1, 2, 3} {
		for _, tc := range secretDetectorCases(seed) {
			d, ok := byID[tc.id]
			if !ok {
				t.Errorf("no detector %q", tc.id)
				continue
			}
			covered[tc.id] = len(tc.positives) > 0 && len(tc.negatives) > 0
			runDetCase(t, s, d, tc, seed)
		}
	}
	// Every secret rule added with this file has its case; the older ones
	// are covered by TestDetectorCases.
	older := map[string]bool{}
	for _, tc := range detectorCases(synth.New(7)) {
		older[tc.id] = true
	}
	for _, id := range []string{"slack-token", "stripe-key", "openai-key", "anthropic-key", "huggingface-token", "gcp-api-key", "password-in-url"} {
		older[id] = true
	}
	for id, d := range byID {
		if d.Category == classify.CategorySecrets && !older[id] && !covered[id] {
			t.Errorf("secret detector %s has no positives-and-negatives case", id)
		}
	}
}

func runDetCase(t *testing.T, s *classify.Scanner, d classify.DetectorInfo, tc detCase, seed uint64) {
	t.Helper()
	field := tc.field
	if field == "" {
		field = "text"
	}
	for i, p := range tc.positives {
		start := strings.Index(p, "«")
		end := strings.Index(p, "»")
		text := strings.Replace(strings.Replace(p, "«", "", 1), "»", "", 1)
		want := [2]int{start, end - len("«")}
		ok := false
		var got []string
		for _, f := range scanAll(s, field, []byte(text)) {
			if f.InfoType == d.InfoType && f.Offset == want[0] && f.Offset+f.Length == want[1] && f.Detector == tc.id {
				ok = true
			}
			generic := f.InfoType == classify.BearerToken || f.InfoType == classify.GenericSecret || f.InfoType == classify.Password
			if generic && f.InfoType != d.InfoType && f.Offset < want[1] && want[0] < f.Offset+f.Length {
				t.Errorf("seed %d: %s positive %d: also reported as %s by %s", seed, tc.id, i, f.InfoType, f.Detector)
			}
			got = append(got, fmt.Sprintf("%s/%s/%s@%d+%d", f.InfoType, f.Detector, f.Likelihood, f.Offset, f.Length))
		}
		if !ok {
			t.Errorf("seed %d: %s positive %d: not found at %v in %q; found %v", seed, tc.id, i, want, shape([]byte(text), want[0], want[1]-want[0]), got)
		}
	}
	for i, n := range tc.negatives {
		for _, f := range scanAll(s, field, []byte(n)) {
			if f.InfoType == d.InfoType && f.Likelihood >= classify.Possible {
				t.Errorf("seed %d: %s negative %d: %s (%s, %s) in %q", seed, tc.id, i, f.InfoType, f.Detector, f.Likelihood, shape([]byte(n), f.Offset, f.Length))
			}
		}
	}
}

// TestSecretDocExamples: values providers and standards publish in their
// documentation are reported, if at all, below POSSIBLE.
func TestSecretDocExamples(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	for _, tc := range []struct{ typ, text string }{
		{classify.StripeAPIKey, "Stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'"},
		{classify.GitHubToken, "GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
		{classify.TelegramBotToken, "https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"},
		{classify.DiscordBotToken, "discord: Authorization: Bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"},
		{classify.BasicAuthHeader, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
		{classify.BearerToken, "Authorization: Bearer mF_9.B5f-4.1JqM"},
		{classify.AzureStorageKey, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"},
		{classify.JSONWebToken, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
		{classify.AgeSecretKey, "AGE-SECRET-KEY-1" + strings.Repeat("GFPYYSJZ", 7) + "GF"},
		{classify.GitLabToken, "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx"},
		{classify.TavilyAPIKey, `TAVILY_API_KEY = "tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`},
	} {
		for _, f := range scanAll(s, "text", []byte(tc.text)) {
			if f.InfoType == tc.typ && f.Likelihood > classify.Unlikely {
				t.Errorf("%s documentation value reported %s by %s", tc.typ, f.Likelihood, f.Detector)
			}
		}
	}
}

// TestSecretTestModeLower: a provider's test-mode or sandbox credential is
// one level below its live one.
func TestSecretTestModeLower(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	g := newTokGen(11)
	like := func(typ, v string) classify.Likelihood {
		for _, f := range scanAll(s, "text", []byte("value: "+v+"\n")) {
			if f.InfoType == typ {
				return f.Likelihood
			}
		}
		t.Fatalf("%s not found in %q", typ, shape([]byte(v), 0, len(v)))
		return 0
	}
	hex40, body54, sq := g.s(tHex, 40), g.s(tAlnum, 54), g.s(tURLSafe, 43)
	bt := g.s(tLowNum, 16) + "$" + g.s(tHex, 32)
	for _, p := range []struct{ typ, live, test string }{
		{classify.ShippoAPIToken, "shippo_live_" + hex40, "shippo_test_" + hex40},
		{classify.EasyPostAPIKey, "EZAK" + body54, "EZTK" + body54},
		{classify.SquareToken, "sq0csp-" + sq, "sandbox-sq0csb-" + sq},
		{classify.BraintreeToken, "access_token$production$" + bt, "access_token$sandbox$" + bt},
		{classify.PyPIToken, g.pypi("pypi.org"), g.pypi("test.pypi.org")},
		{classify.FlutterwaveSecretKey, "FLWSECK-" + hex40[:32] + "-X", "FLWSECK_TEST-" + hex40[:32] + "-X"},
	} {
		if l, tl := like(p.typ, p.live), like(p.typ, p.test); tl != l-1 {
			t.Errorf("%s: live %s, test %s; want test one level lower", p.typ, l, tl)
		}
	}
}

// TestSecretsDeferToProviders: a provider token in an Authorization header,
// an assignment or a URL's user info is reported as the provider's, not as
// a bearer token, a generic secret or a password.
func TestSecretsDeferToProviders(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	g := newTokGen(21)
	glpat := "glpat-" + g.s(tURLSafe, 20)
	for _, tc := range []struct{ text, want string }{
		{"Authorization: Bearer " + glpat, classify.GitLabToken},
		{"api_key = " + glpat, classify.GitLabToken},
		{"https://oauth2:" + glpat + "@gitlab.com/team/repo.git", classify.GitLabToken},
		{`{"access_token": "` + g.npm() + `"}`, classify.NPMToken},
		{"Authorization: Bearer " + g.discordBot() + " # discord", classify.DiscordBotToken},
	} {
		var types []string
		for _, f := range scanAll(s, "text", []byte(tc.text)) {
			types = append(types, f.InfoType)
		}
		if !slices.Contains(types, tc.want) {
			t.Errorf("%s not reported in %q: %v", tc.want, shape([]byte(tc.text), 0, len(tc.text)), types)
		}
		for _, typ := range types {
			if typ == classify.BearerToken || typ == classify.GenericSecret || typ == classify.Password {
				t.Errorf("%q: also reported as %s: %v", shape([]byte(tc.text), 0, len(tc.text)), typ, types)
			}
		}
	}
}

// TestGCPServiceAccountKeyOnce: a key file is one finding, the private key
// as GCP_SERVICE_ACCOUNT_KEY, not also as PRIVATE_KEY.
func TestGCPServiceAccountKeyOnce(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	g := newTokGen(31)
	text := g.gcpKeyFile("service_account", g.pemKeyEscaped(), true)
	var keys, pems int
	var got []string
	for _, f := range scanAll(s, "text", []byte(text)) {
		got = append(got, f.InfoType+"/"+f.Detector)
		switch f.InfoType {
		case classify.GCPServiceAccountKey:
			keys++
		case classify.PrivateKey:
			pems++
		}
	}
	if keys != 1 || pems != 0 {
		t.Errorf("want one GCP_SERVICE_ACCOUNT_KEY and no PRIVATE_KEY, got %v", got)
	}
}

// TestSecretMasks: a preview keeps at most the provider's public prefix and
// never the value.
func TestSecretMasks(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	for _, tc := range secretDetectorCases(41) {
		for _, p := range tc.positives {
			start, end := strings.Index(p, "«"), strings.Index(p, "»")
			text := strings.Replace(strings.Replace(p, "«", "", 1), "»", "", 1)
			v := text[start : end-len("«")]
			for _, f := range scanAll(s, "text", []byte(text)) {
				if f.Offset != start || f.Length != len(v) {
					continue
				}
				if strings.Contains(f.Preview, v) {
					t.Errorf("%s: preview holds the value", tc.id)
				}
				kept := 0
				for kept < len(f.Preview) && kept < len(v) && f.Preview[kept] == v[kept] {
					kept++
				}
				public := strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "-----BEGIN ")
				if kept*2 > len(v) || kept > 24 && !public {
					t.Errorf("%s: preview %q keeps %d of %d characters", tc.id, f.Preview, kept, len(v))
				}
			}
		}
	}
}

// FuzzSecretScan: text around the secret detectors' anchors is scanned
// without panic; findings lie inside the text, come in order, and their
// previews never hold the value.
func FuzzSecretScan(f *testing.F) {
	for _, s := range []string{
		"glpat-", "GR1348941", "api_key=", `"private_key": "-----BEGIN PRIVATE KEY-----\n`, `"service_account"`,
		"Authorization: Basic ", "Authorization: Bearer ", "AccountKey=", "SharedAccessKey=", ".azconfig.io;Id=;Secret=",
		"0Q~", "JQQJ9", "NRAL", "-us1", ":AA", "/api/webhooks/", "/IncomingWebhook/", ".slack.com/services/T/B/",
		"pypi-AgEIcHlwaS5vcmc", "AGE-SECRET-KEY-1", "sntrys_eyJ_", "glc_", "eyJrIjoi", "ops_eyJ", "pat.", "sk.eyJ1Ijoi.",
		"dapi", "live_1_", "sl.", "secret_", "x-api-key: ", "define('API_KEY', '", "okta 00", "SSWS 00", "vault s.",
	} {
		f.Add(s)
	}
	e := testEngine(f, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	f.Fuzz(func(t *testing.T, text string) {
		last := -1
		for _, fd := range scanAll(s, "text", []byte(text)) {
			if fd.Offset < 0 || fd.Length <= 0 || fd.Offset+fd.Length > len(text) {
				t.Fatalf("finding %+v outside text of %d bytes", fd, len(text))
			}
			if fd.Offset < last {
				t.Fatalf("findings out of order")
			}
			last = fd.Offset
			if v := text[fd.Offset : fd.Offset+fd.Length]; len(v) >= 8 && strings.Contains(fd.Preview, v) {
				t.Fatalf("preview holds the value: %+v", fd)
			}
		}
	})
}
