package classify

import (
	"bytes"
	"slices"
)

// Detectors of secrets: provider tokens and keys, private keys, credentials
// in URLs, headers and assignments.
//
// Provider tokens come first, each keyword-anchored on its distinctive
// prefix and checked for structure (a checksum, a JSON header, an exact
// alphabet and length) and randomness, so that placeholders ("glpat-xxxx…")
// and prose stay silent. Formats without a prefix (a Datadog key is 32 hex
// digits) are found only in an assignment to a name that says whose they
// are. The generic detectors (BEARER_TOKEN, BASIC_AUTH_HEADER,
// GENERIC_SECRET) come last and leave any value a provider detector claims
// to it: on an identical span the surer finding wins, and ties go to the
// detector listed first.

func secretDetectors() []*Detector {
	ds := slices.Concat(
		coreSecretDetectors(),
		cloudSecretDetectors(),
		devSecretDetectors(),
		aiSecretDetectors(),
		saasSecretDetectors(),
		genericSecretDetectors(),
	)
	// A provider token used as a URL's password (https://user:glpat-…@host)
	// is reported as the token, inside the URL's finding.
	var tokens []string
	for _, d := range ds {
		if !genericTypes[d.InfoType] && !slices.Contains(tokens, d.InfoType) {
			tokens = append(tokens, d.InfoType)
		}
	}
	for _, d := range ds {
		if d.InfoType == DatabaseConnectionString || d.InfoType == URLWithCredentials {
			d.Contains = append(slices.Clip(d.Contains), tokens...)
		}
	}
	return ds
}

// unlessDoc lowers documentation values below POSSIBLE before validate
// runs.
func unlessDoc(validate func([]byte) (int, bool)) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		if isDocSecret(v) {
			return docDelta, true
		}
		return validate(v)
	}
}

// prefixed is a provider token with a distinctive prefix: keyword-anchored
// on its prefixes (written as the token writes them; the keyword match
// ignores case, the pattern does not), whole (EdgeToken), with a body after
// the prefix that must look random, VERY_LIKELY, masked down to the prefix.
func prefixed(id, infoType, description string, prefixes []string, after int, pattern string, minBody int) *Detector {
	return &Detector{
		ID: id, InfoType: infoType, Category: CategorySecrets, Version: 1, Description: description,
		Anchor: AnchorKeyword, Keywords: prefixes, After: after, Until: UntilSpace,
		Pattern:    pattern,
		Edge:       EdgeToken,
		Validate:   placeholderUnlikely(minBody, prefixes...),
		Likelihood: VeryLikely,
		Mask:       maskKnownPrefix(prefixes),
	}
}

// assigned is a secret without a prefix of its own, found only as the value
// assigned to a name that says whose it is (DATADOG_API_KEY=…, "dd-api-key":
// …). pattern must hold the name and put the value in a group named v.
func assigned(id, infoType, description string, keywords []string, pattern string) *Detector {
	return &Detector{
		ID: id, InfoType: infoType, Category: CategorySecrets, Version: 1, Description: description,
		Anchor: AnchorKeyword, Keywords: keywords, After: 160, Until: UntilLine,
		Pattern:    pattern,
		Edge:       EdgeWord,
		Validate:   tokenCheck(16),
		Likelihood: Likely,
		Mask:       maskGeneric,
	}
}

// passwordAssigned is a password found as the value assigned to one of
// keywords, which must start a word where startsWord says so.
func passwordAssigned(id, description string, keywords []string, startsWord bool) *Detector {
	return &Detector{
		ID: id, InfoType: Password, Category: CategorySecrets, Version: 1, Description: description,
		Anchor: AnchorKeyword, Keywords: keywords, KeywordStartsWord: startsWord, After: 300, Until: UntilLine,
		Pattern:        passwordAssignment,
		keywordAssigns: true,
		Refine:         refinePasswordAssignment,
		Validate:       validPassword,
		Likelihood:     Likely,
		Mask:           maskSecret,
	}
}

// Parts of assignment patterns: the operator between a name and its value
// (config, env, YAML, JSON, code), with the quote that may open the value.
const (
	assignOp = `["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?`
	uuidRE   = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
)

func coreSecretDetectors() []*Detector {
	return []*Detector{
		{
			ID: "aws-access-key-id", InfoType: AWSAccessKeyID, Category: CategorySecrets, Version: 1,
			Description: "AWS access key id (AKIA, ASIA, ABIA, ACCA + 16 base32 characters)",
			Anchor:      AnchorKeyword, Keywords: []string{"akia", "asia", "abia", "acca", "a3t"}, After: 24, Until: UntilSpace,
			Pattern:    `(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`,
			Edge:       EdgeWord,
			Likelihood: VeryLikely,
			Mask:       maskPrefix(4),
		},
		{
			ID: "aws-secret-access-key", InfoType: AWSSecretAccessKey, Category: CategorySecrets, Version: 2,
			Description: "AWS secret access key assigned to a secret-access-key name",
			Anchor:      AnchorKeyword, Keywords: []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret access key", "aws_secret", "awssecret", "aws-secret"}, Before: 8, After: 100,
			Pattern:    `(?i)secret[ _-]?(?:access[ _-]?)?key(?:[ _-]?id)?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?(?P<v>[A-Za-z0-9/+]{40})|aws[ _-]?secret["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?(?P<v>[A-Za-z0-9/+]{40})`,
			Edge:       EdgeBase64,
			Validate:   placeholderUnlikely(40),
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "aws-secret-access-key-near", InfoType: AWSSecretAccessKey, Category: CategorySecrets, Version: 1,
			Description: "40-character AWS-style secret shortly after \"aws\" or an access key id",
			Anchor:      AnchorKeyword, Keywords: []string{"aws", "akia", "asia"}, KeywordStartsWord: true, After: 120,
			Pattern:    `[A-Za-z0-9/+]{40}`,
			Edge:       EdgeBase64,
			Validate:   plausible(40),
			Likelihood: Likely,
			Mask:       maskGeneric,
		},
		{
			ID: "aws-secret-access-key-field", InfoType: AWSSecretAccessKey, Category: CategorySecrets, Version: 1,
			Description: "The value of a field named like aws_secret_access_key",
			Anchor:      AnchorField, FieldNames: []string{"aws_secret_access_key", "secret_access_key", "aws_secret_key", "aws_secret"},
			Pattern:    `^[ \t]*(?P<v>[A-Za-z0-9/+]{40})[ \t]*$`,
			Validate:   plausible(40),
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "github-token", InfoType: GitHubToken, Category: CategorySecrets, Version: 2,
			Description: "GitHub classic token (ghp_, gho_, ghu_, ghs_, ghr_) with its CRC32 checksum, or a 76-character refresh token (ghr_)",
			Anchor:      AnchorKeyword, Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, After: 84, Until: UntilSpace,
			Pattern: `ghr_[A-Za-z0-9]{76}|gh[pousr]_[A-Za-z0-9]{36}`,
			Edge:    EdgeWord,
			Validate: unlessDoc(func(v []byte) (int, bool) {
				if len(v) == 80 {
					return 0, secretPlausible(v[4:], 40)
				}
				return validGitHubClassic(v)
			}),
			Likelihood: Likely,
			Mask:       maskPrefix(4),
		},
		{
			ID: "github-fine-grained-token", InfoType: GitHubToken, Category: CategorySecrets, Version: 1,
			Description: "GitHub fine-grained personal access token (github_pat_)",
			Anchor:      AnchorKeyword, Keywords: []string{"github_pat_"}, After: 90, Until: UntilSpace,
			Pattern:    `github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`,
			Edge:       EdgeWord,
			Likelihood: VeryLikely,
			Mask:       maskPrefix(11),
		},
		{
			ID: "slack-token", InfoType: SlackToken, Category: CategorySecrets, Version: 1,
			Description: "Slack bot, user, app and refresh tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xapp-)",
			Anchor:      AnchorKeyword, Keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxe.", "xapp-"}, After: 260, Until: UntilSpace,
			Pattern:    `xox[abprse]-\d{6,}-[0-9A-Za-z-]{10,250}|xoxe\.xox[bp]-\d-[0-9A-Za-z]{100,250}|xoxe-\d-[0-9A-Za-z]{100,250}|xapp-\d-[A-Z0-9]{8,}-\d{6,}-[a-f0-9]{32,}`,
			Edge:       EdgeToken,
			Likelihood: VeryLikely,
			Mask:       maskTokenPrefix(5),
		},
		{
			ID: "stripe-key", InfoType: StripeAPIKey, Category: CategorySecrets, Version: 2,
			Description: "Stripe secret or restricted API key (sk_live_, rk_live_; test-mode keys lower)",
			Anchor:      AnchorKeyword, Keywords: []string{"sk_live_", "rk_live_", "sk_test_", "rk_test_"}, After: 260, Until: UntilSpace,
			Pattern: `[sr]k_(?:live|test)_[0-9A-Za-z]{20,247}`,
			Edge:    EdgeWord,
			Validate: func(v []byte) (int, bool) {
				if isDocSecret(v) {
					return docDelta, true
				}
				if bytes.Contains(v, []byte("_test_")) {
					return testDelta, true
				}
				return 0, true
			},
			Likelihood: VeryLikely,
			Mask:       maskPrefix(8),
		},
		{
			ID: "openai-key", InfoType: OpenAIAPIKey, Category: CategorySecrets, Version: 1,
			Description: "OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, or legacy sk- with the T3BlbkFJ marker)",
			Anchor:      AnchorKeyword, Keywords: []string{"sk-proj-", "sk-svcacct-", "sk-admin-", "t3blbkfj"}, Before: 24, After: 260, Until: UntilSpace,
			Pattern: `sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})`,
			Edge:    EdgeToken,
			Validate: func(v []byte) (int, bool) {
				if bytes.Contains(v, []byte("T3BlbkFJ")) {
					return 1, true
				}
				return 0, secretPlausible(v[8:], 20)
			},
			Likelihood: Likely,
			Mask:       maskTokenPrefix(12),
		},
		{
			ID: "anthropic-key", InfoType: AnthropicAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Anthropic API or admin key (sk-ant-api03-, sk-ant-admin01-)",
			Anchor:      AnchorKeyword, Keywords: []string{"sk-ant-"}, After: 260, Until: UntilSpace,
			Pattern:    `sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_-]{32,200}`,
			Edge:       EdgeToken,
			Likelihood: VeryLikely,
			Mask:       maskTokenPrefix(16),
		},
		{
			ID: "huggingface-token", InfoType: HuggingFaceToken, Category: CategorySecrets, Version: 1,
			Description: "Hugging Face user access token (hf_ + 34 letters)",
			Anchor:      AnchorKeyword, Keywords: []string{"hf_"}, After: 40, Until: UntilSpace,
			Pattern:    `hf_[A-Za-z]{34}`,
			Edge:       EdgeWord,
			Validate:   plausible(34),
			Likelihood: VeryLikely,
			Mask:       maskPrefix(3),
		},
		{
			ID: "gcp-api-key", InfoType: GCPAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Google Cloud / Google API key (AIza + 35 characters)",
			Anchor:      AnchorKeyword, Keywords: []string{"aiza"}, After: 40, Until: UntilSpace,
			Pattern:    `AIza[0-9A-Za-z_-]{35}`,
			Edge:       EdgeToken,
			Likelihood: VeryLikely,
			Mask:       maskPrefix(4),
		},
		{
			ID: "jwt", InfoType: JSONWebToken, Category: CategorySecrets, Version: 2,
			Description: "JSON Web Token whose header decodes to JSON with an alg",
			Anchor:      AnchorKeyword, Keywords: []string{"eyj"}, After: 16384, Until: UntilSpace,
			Pattern: `eyJ[A-Za-z0-9_-]{10,}={0,2}\.[A-Za-z0-9_-]{2,}={0,2}\.[A-Za-z0-9_-]*={0,2}`,
			Edge:    EdgeToken,
			Validate: func(v []byte) (int, bool) {
				if isDocSecret(v) {
					return docDelta, true
				}
				return 1, jwtValid(v)
			},
			Likelihood: Likely,
			Mask:       maskJWT,
		},
		{
			// Before private-key: the PEM block inside the key file is
			// reported once, as what it is.
			ID: "gcp-service-account-key", InfoType: GCPServiceAccountKey, Category: CategorySecrets, Version: 1,
			Description: "Google Cloud service account key file: the private_key value of JSON with \"type\": \"service_account\" and a client_email",
			Anchor:      AnchorKeyword, Keywords: []string{`_account"`}, Before: 8 << 10, After: 8 << 10,
			Find:       findGCPServiceAccount,
			Validate:   validGCPServiceAccountKey,
			Likelihood: VeryLikely,
			Normalize:  normPEM, Mask: maskPEM,
		},
		{
			ID: "private-key", InfoType: PrivateKey, Category: CategorySecrets, Version: 1,
			Description: "PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP) with its END line",
			Anchor:      AnchorKeyword, Keywords: []string{"-----begin"}, After: 64 << 10,
			Find:       findPEM,
			Validate:   okIf(pemPrivateKeyValid),
			Likelihood: VeryLikely,
			Normalize:  normPEM, Mask: maskPEM,
		},
		{
			ID: "database-url", InfoType: DatabaseConnectionString, Category: CategorySecrets, Version: 1,
			Description: "Database connection URL with a password in its user info",
			Anchor:      AnchorKeyword, Keywords: []string{"://"}, Before: 24, After: 2048, Until: UntilSpace,
			Find:       findCredentialURL(urlDatabase),
			tokenNeeds: '@',
			Edge:       EdgeWord,
			Validate:   validCredentialURL,
			Likelihood: Likely,
			Contains:   []string{Password},
			Mask:       maskURL,
		},
		{
			ID: "url-credentials", InfoType: URLWithCredentials, Category: CategorySecrets, Version: 1,
			Description: "URL with a password in its user info (https://user:password@host)",
			Anchor:      AnchorKeyword, Keywords: []string{"://"}, Before: 24, After: 2048, Until: UntilSpace,
			Find:       findCredentialURL(urlOther),
			tokenNeeds: '@',
			Edge:       EdgeWord,
			Validate:   validCredentialURL,
			Likelihood: Likely,
			Contains:   []string{Password},
			Mask:       maskURL,
		},
		{
			ID: "password-in-url", InfoType: Password, Category: CategorySecrets, Version: 2,
			Description: "The password in a URL's user info",
			Anchor:      AnchorKeyword, Keywords: []string{"://"}, Before: 24, After: 2048, Until: UntilSpace,
			Find:       findCredentialURL(urlPassword),
			tokenNeeds: '@',
			Validate: func(v []byte) (int, bool) {
				if claimedBySpecific(v) {
					return 0, false // reported as the provider's token
				}
				return validPassword(v)
			},
			Likelihood: Likely,
			Mask:       maskSecret,
		},
		passwordAssigned("password-assignment", "A value assigned to password, passwd or passphrase (config, env, JSON, logs)",
			[]string{"password", "passwd", "passphrase"}, false),
		passwordAssigned("password-assignment-short", "A value assigned to pwd or pass (DB_PASS=, pwd:)",
			[]string{"pwd", "pass"}, true),
		{
			ID: "password-field", InfoType: Password, Category: CategorySecrets, Version: 1,
			Description: "The value of a field or column named password, passwd, pwd or passphrase",
			Anchor:      AnchorField, FieldNames: passwordFields,
			Pattern:    `^[ \t]*(?P<v>[^\s]{1,256})[ \t]*$`,
			Validate:   validPassword,
			Likelihood: Likely,
			Mask:       maskSecret,
		},
	}
}

// withBefore, withContext and the like adjust a detector made by prefixed
// or assigned where one rule differs from the common shape.
func withBefore(d *Detector, before int) *Detector { d.Before = before; return d }

func withContext(d *Detector, like Likelihood, words ...string) *Detector {
	d.Likelihood, d.Context = like, words
	return d
}

func withValidate(d *Detector, validate func([]byte) (int, bool)) *Detector {
	d.Validate = validate
	return d
}

func startsWord(d *Detector) *Detector { d.KeywordStartsWord = true; return d }

// anchorAt moves a detector's anchor to keywords inside its token or name
// whose first three bytes are rare in prose ("ercel" for VERCEL_TOKEN,
// "_v1_" for dop_v1_…): the keyword prefilter pays for every occurrence of
// a keyword's first three bytes, and "ver", "her" or "dat" occur every few
// hundred bytes of English. before reaches back to where the token or name
// starts; the prefixes the detector's validator and mask know stay as they
// were.
func anchorAt(d *Detector, before int, keywords ...string) *Detector {
	d.Keywords, d.Before = keywords, before
	return d
}

// weakPrefix marks a prefix too short or too common to vouch for a
// placeholder body: such a body is rejected rather than kept as unlikely.
func weakPrefix(d *Detector, minBody int) *Detector {
	d.Validate = tokenCheck(minBody, d.Keywords...)
	return d
}

// testModeBelow lowers tokens that contain marker (a test-mode or sandbox
// credential) by one level after check.
func testModeBelow(check func([]byte) (int, bool), markers ...string) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		delta, ok := check(v)
		for _, m := range markers {
			if bytes.Contains(v, []byte(m)) {
				delta += testDelta
				break
			}
		}
		return delta, ok
	}
}

// cloudSecretDetectors: cloud platforms, infrastructure and secret
// managers, databases, observability.
func cloudSecretDetectors() []*Detector {
	return []*Detector{
		{
			ID: "azure-storage-key", InfoType: AzureStorageKey, Category: CategorySecrets, Version: 1,
			Description: "Azure Storage (or Cosmos DB) account key: 88 base64 characters (64 bytes) after AccountKey= or a storage-key name",
			Anchor:      AnchorKeyword, Keywords: []string{"ntkey", "nt_key", "nt-key", "gekey", "ge_key", "ge-key"}, Before: 24, After: 140, Until: UntilLine,
			Pattern:    `(?i:accountkey|account[_-]key|storage[_-]?(?:account[_-]?)?key)` + assignOp + `(?P<v>[A-Za-z0-9+/]{86}==)`,
			Edge:       EdgeBase64,
			Validate:   validAzureKey(64),
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "azure-storage-key-near", InfoType: AzureStorageKey, Category: CategorySecrets, Version: 1,
			Description: "88-character base64 key (64 bytes) near \"azure\" or a core.windows.net endpoint, with storage or key context",
			Anchor:      AnchorKeyword, Keywords: []string{"azure"}, Before: 200, After: 300,
			Pattern:    `[A-Za-z0-9+/]{86}==`,
			Edge:       EdgeBase64,
			Validate:   validAzureKey(64),
			Likelihood: Possible, Context: []string{"storage", "key", "account", "blob"},
			Mask: maskGeneric,
		},
		{
			ID: "azure-shared-access-key", InfoType: AzureSharedAccessKey, Category: CategorySecrets, Version: 1,
			Description: "Azure Service Bus, Event Hubs or IoT Hub shared access key (SharedAccessKey=, 32 bytes in base64)",
			Anchor:      AnchorKeyword, Keywords: []string{"daccesskey"}, Before: 5, After: 80, Until: UntilLine,
			Pattern:    `(?i:sharedaccesskey)[ \t]*=[ \t]*(?P<v>[A-Za-z0-9+/]{43}=)`,
			Edge:       EdgeBase64,
			Validate:   validAzureKey(32),
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "azure-app-configuration-key", InfoType: AzureAppConfigKey, Category: CategorySecrets, Version: 1,
			Description: "Azure App Configuration connection string secret (…azconfig.io;Id=…;Secret=<32 bytes in base64>)",
			Anchor:      AnchorKeyword, Keywords: []string{".azconfig.io"}, Before: 80, After: 160, Until: UntilSpace,
			Pattern:    `https://[a-z0-9-]+\.azconfig\.io;Id=[^;\s"']{4,80};Secret=(?P<v>[A-Za-z0-9+/]{43}=)`,
			Edge:       EdgeBase64,
			Validate:   validAzureKey(32),
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "azure-client-secret", InfoType: AzureClientSecret, Category: CategorySecrets, Version: 1,
			Description: "Microsoft Entra ID (Azure AD) application client secret (3 characters, a digit, Q~, 31-34 characters), with client-secret context",
			Anchor:      AnchorKeyword, Keywords: []string{"0q~", "1q~", "2q~", "3q~", "4q~", "5q~", "6q~", "7q~", "8q~", "9q~"}, Before: 4, After: 40, Until: UntilSpace,
			Pattern:    `[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}`,
			Edge:       EdgeToken,
			Validate:   tokenCheck(24),
			Likelihood: Possible, RequireContext: true,
			Context: []string{"azure", "client_secret", "clientsecret", "client secret", "client_credential", "secret", "tenant", "entra", "aad", "msal", "graph"},
			Mask:    maskGeneric,
		},
		weakPrefix(withContext(startsWord(prefixed("alibaba-access-key-id", AlibabaAccessKeyID, "Alibaba Cloud AccessKey ID (LTAI + 12-20 characters)",
			[]string{"LTAI"}, 28, `LTAI[A-Za-z0-9]{12,20}`, 12)), Likely, "alibaba", "aliyun", "accesskey", "access_key"), 12),
		weakPrefix(withContext(startsWord(prefixed("tencent-cloud-secret-id", TencentCloudSecretID, "Tencent Cloud SecretId (AKID + 32 characters)",
			[]string{"AKID"}, 40, `AKID[A-Za-z0-9]{32}`, 24)), Likely, "tencent", "qcloud", "secretid", "secret_id"), 24),
		anchorAt(prefixed("digitalocean-token", DigitalOceanToken, "DigitalOcean personal, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_ + 64 hex)",
			[]string{"dop_v1_", "doo_v1_", "dor_v1_"}, 80, `do[opr]_v1_[a-f0-9]{64}`, 32), 3, "_v1_"),
		prefixed("heroku-api-key", HerokuAPIKey, "Heroku API key (HRKU-AA + 58 characters)",
			[]string{"HRKU-"}, 72, `HRKU-AA[0-9A-Za-z_-]{58}`, 32),
		anchorAt(assigned("heroku-api-key-assigned", HerokuAPIKey, "Heroku API key (a UUID) assigned to a HEROKU_API_KEY-like name",
			[]string{"heroku"}, `(?i:heroku[\w.-]*?(?:api[_.-]?key|token))`+assignOp+`(?P<v>`+uuidRE+`)`), 1, "eroku"),
		prefixed("flyio-token", FlyIOToken, "Fly.io access token (fo1_, fm1r_, fm1a_, fm2_ macaroons)",
			[]string{"fo1_", "fm1r_", "fm1a_", "fm2_"}, 4096, `fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}`, 40),
		anchorAt(assigned("netlify-token", NetlifyToken, "Netlify access token assigned to a NETLIFY_AUTH_TOKEN-like name",
			[]string{"netlify"}, `(?i:netlify[\w.-]*?token)`+assignOp+`(?P<v>(?:nfp_)?[A-Za-z0-9_-]{40,46})`), 3, "tlify"),
		anchorAt(assigned("vercel-token", VercelToken, "Vercel access token assigned to a VERCEL_TOKEN-like name or passed to the vercel CLI's --token",
			[]string{"vercel"}, `(?i:vercel[\w.-]*?token)`+assignOp+`(?P<v>[A-Za-z0-9]{24})|(?i:vercel)[^\n]{0,80}?--token[= ]+(?P<v>[A-Za-z0-9]{24})`), 1, "ercel"),
		anchorAt(assigned("cloudflare-api-token", CloudflareAPIToken, "Cloudflare API token (40 characters) assigned to a CLOUDFLARE_API_TOKEN-like name",
			[]string{"cloudflare", "cf_api_token", "cf-api-token", "cf_token"}, `(?i:(?:cloudflare|cf)[\w.-]*?token)`+assignOp+`(?P<v>[A-Za-z0-9_-]{40})`), 4, "dflare", "cf_api_token", "cf-api-token", "cf_token"),
		anchorAt(assigned("cloudflare-api-key", CloudflareAPIKey, "Cloudflare global API key (37 hex) assigned to a CLOUDFLARE_API_KEY-like name or sent as X-Auth-Key",
			[]string{"cloudflare", "cf_api_key", "cf-api-key", "cf_auth_key", "x-auth-key"},
			`(?i:(?:cloudflare|cf)[\w.-]*?(?:api|auth|global)[_.-]?key)`+assignOp+`(?P<v>[a-f0-9]{37})|(?i:x-auth-key)`+assignOp+`(?P<v>[a-f0-9]{37})`), 4, "dflare", "cf_api_key", "cf-api-key", "cf_auth_key", "x-auth-key"),
		prefixed("cloudflare-origin-ca-key", CloudflareAPIKey, "Cloudflare Origin CA key (v1.0- + 24 hex + - + 146 hex)",
			[]string{"v1.0-"}, 180, `v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`, 64),
		prefixed("google-oauth-client-secret", GoogleOAuthSecret, "Google OAuth client secret (GOCSPX- + 28 characters)",
			[]string{"GOCSPX-"}, 40, `GOCSPX-[A-Za-z0-9_-]{28}`, 20),
		withContext(prefixed("google-oauth-access-token", GoogleOAuthToken, "Google OAuth access token (ya29. + at least 30 characters)",
			[]string{"ya29."}, 2100, `ya29\.[0-9A-Za-z_-]{30,}`, 24), Likely, "google", "oauth", "access_token", "bearer"),
		withBefore(prefixed("firebase-fcm-server-key", FirebaseMessagingKey, "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)",
			[]string{":APA91b"}, 180, `AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}`, 64), 12),
		withBefore(prefixed("terraform-cloud-token", TerraformCloudToken, "Terraform Cloud / HCP Terraform API token (14 characters.atlasv1.60-70 characters)",
			[]string{".atlasv1."}, 80, `[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`, 40), 14),
		startsWord(prefixed("vault-token", VaultToken, "HashiCorp Vault service, batch or recovery token (hvs., hvb., hvr.)",
			[]string{"hvs.", "hvb.", "hvr."}, 420, `hv[sbr]\.[A-Za-z0-9_-]{24,400}`, 20)),
		withValidate(assigned("vault-token-legacy", VaultToken, "HashiCorp Vault token before 1.10 (s., b., r. + 24 characters) assigned to a VAULT_TOKEN-like name",
			[]string{"vault"}, `(?i:vault)[\w.-]*(?:[ \t]+login[ \t]+(?:-token=?)?|[^\w\n]{1,4})(?P<v>[sbr]\.(?:CAES[A-Za-z0-9_-]{60,300}|[A-Za-z0-9]{24,26}))`),
			func(v []byte) (int, bool) { return 0, secretPlausible(v[2:], 20) && bytes.ContainsAny(v, "0123456789") }),
		prefixed("doppler-token", DopplerToken, "Doppler personal, CLI, service, service account, SCIM or audit token (dp.pt., dp.ct., dp.st., …)",
			[]string{"dp.pt.", "dp.ct.", "dp.st.", "dp.sa.", "dp.scim.", "dp.audit."}, 100, `dp\.(?:pt|ct|sa|scim|audit|st(?:\.[a-z0-9_-]{1,40})?)\.[A-Za-z0-9]{40,44}`, 32),
		anchorAt(prefixed("pulumi-token", PulumiToken, "Pulumi access token (pul- + 40 hex)",
			[]string{"pul-"}, 48, `pul-[a-f0-9]{40}`, 32), 1, "ul-"),
		withValidate(anchorAt(prefixed("onepassword-service-account-token", OnePasswordToken, "1Password service account token (ops_ + base64 JSON)",
			[]string{"ops_eyJ"}, 4096, `ops_eyJ[A-Za-z0-9+/_-]{100,}={0,2}`, 64), 2, "s_eyJ"), validB64JSONToken("ops_", 0)),
		withValidate(prefixed("onepassword-secret-key", OnePasswordSecretKey, "1Password account Secret Key (A3- + six groups of upper-case letters and digits)",
			[]string{"A3-"}, 48, `A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`, 20),
			func(v []byte) (int, bool) { return placeholderUnlikely(20)(bytes.ReplaceAll(v[3:], []byte("-"), nil)) }),
		prefixed("tailscale-key", TailscaleKey, "Tailscale auth, API, OAuth client, webhook or SCIM key (tskey-…)",
			[]string{"tskey-"}, 120, `tskey-[a-z]{3,8}-[A-Za-z0-9]{6,40}-[A-Za-z0-9]{20,64}`, 20),
		withValidate(anchorAt(prefixed("age-secret-key", AgeSecretKey, "age X25519 identity (AGE-SECRET-KEY-1 + 58 bech32 characters, checksum verified)",
			[]string{"AGE-SECRET-KEY-1"}, 80, `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, 40), 3, "-SECRET-KEY-1"), validAgeKey),
		{
			ID: "okta-api-token", InfoType: OktaAPIToken, Category: CategorySecrets, Version: 1,
			Description: "Okta API token (00 + 40 characters) near \"okta\" or after SSWS",
			Anchor:      AnchorKeyword, Keywords: []string{"okta", "ssws "}, KeywordStartsWord: true, After: 120,
			Pattern:    `00[A-Za-z0-9_-]{40}`,
			Edge:       EdgeToken,
			Validate:   placeholderUnlikely(30, "00"),
			Likelihood: Likely,
			Mask:       maskPrefix(2),
		},
		withValidate(prefixed("supabase-token", SupabaseToken, "Supabase personal access token (sbp_ + 40 hex) or secret API key (sb_secret_)",
			[]string{"sbp_", "sb_secret_"}, 80, `sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,64}`, 20),
			testModeBelow(placeholderUnlikely(20, "sbp_", "sb_secret_"), "sb_secret_")),
		prefixed("planetscale-token", PlanetScaleToken, "PlanetScale password, service token or OAuth token (pscale_pw_, pscale_tkn_, pscale_oauth_)",
			[]string{"pscale_pw_", "pscale_tkn_", "pscale_oauth_"}, 80, `pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.=-]{32,64}`, 24),
		weakPrefix(startsWord(prefixed("databricks-token", DatabricksToken, "Databricks personal access token (dapi + 32 hex)",
			[]string{"dapi"}, 40, `dapi[a-f0-9]{32}(?:-[0-9])?`, 24)), 24),
		withContext(prefixed("pinecone-api-key", PineconeAPIKey, "Pinecone API key (pcsk_ + key id + secret)",
			[]string{"pcsk_"}, 120, `pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,100}`, 32), Likely, "pinecone"),
		withValidate(assigned("pinecone-api-key-assigned", PineconeAPIKey, "Pinecone API key (a UUID) assigned to a PINECONE_API_KEY-like name",
			[]string{"pinecone"}, `(?i:pinecone[\w.-]*?key)`+assignOp+`(?P<v>`+uuidRE+`)`), validUUIDSecret),
		anchorAt(assigned("datadog-api-key", DatadogAPIKey, "Datadog API key (32 hex) assigned to a DD_API_KEY-like name or sent as DD-API-KEY",
			[]string{"datadog", "dd_api", "dd-api"}, `(?i:(?:datadog|dd)[\w.-]*?api[_.-]?key)`+assignOp+`(?P<v>[a-f0-9]{32})`), 2, "tadog", "dd_api", "dd-api"),
		anchorAt(assigned("datadog-app-key", DatadogAppKey, "Datadog application key (40 hex) assigned to a DD_APP_KEY-like name or sent as DD-APPLICATION-KEY",
			[]string{"datadog", "dd_app", "dd-app"}, `(?i:(?:datadog|dd)[\w.-]*?app(?:lication)?[_.-]?key)`+assignOp+`(?P<v>[a-f0-9]{40})`), 2, "tadog", "dd_app", "dd-app"),
		prefixed("newrelic-api-key", NewRelicAPIKey, "New Relic user, admin, REST, insert or query key (NRAK-, NRAA-, NRRA-, NRII-, NRIQ-)",
			[]string{"NRAK-", "NRAA-", "NRRA-", "NRII-", "NRIQ-"}, 50, `NRAK-[A-Z0-9]{27}|NRI[IQ]-[A-Za-z0-9_-]{32}|NRRA-[a-f0-9]{42}|NRAA-[a-f0-9]{27}`, 20),
		{
			ID: "newrelic-license-key", InfoType: NewRelicLicenseKey, Category: CategorySecrets, Version: 1,
			Description: "New Relic ingest license key (36 hex or eu01xx + 30 hex, ending NRAL)",
			Anchor:      AnchorKeyword, Keywords: []string{"NRAL"}, Before: 36, After: 4,
			Pattern:    `(?:eu01xx[a-f0-9]{30}|[a-f0-9]{36})NRAL`,
			Edge:       EdgeWord,
			Validate:   func(v []byte) (int, bool) { return placeholderUnlikely(24)(v[:36]) },
			Likelihood: Likely, Context: []string{"license", "newrelic", "new_relic", "new relic", "nr_"},
			Mask: maskGeneric,
		},
		withValidate(prefixed("sentry-token", SentryToken, "Sentry organization auth token (sntrys_ + base64 JSON + secret) or user token (sntryu_ + 64 hex)",
			[]string{"sntrys_", "sntryu_"}, 800, `sntrys_eyJ[A-Za-z0-9+/]{20,600}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64}`, 32), validSentry),
		withValidate(prefixed("grafana-token", GrafanaToken, "Grafana service account token (glsa_), Grafana Cloud token (glc_) or API key (eyJrIjoi…)",
			[]string{"glsa_", "glc_", "eyJrIjoi"}, 500, `glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2}|eyJrIjoi[A-Za-z0-9+/]{40,400}={0,2}`, 24), validGrafana),
		startsWord(prefixed("dynatrace-token", DynatraceToken, "Dynatrace API token (dt0c01. + 24 + . + 64 characters)",
			[]string{"dt0"}, 100, `dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}`, 40)),
		prefixed("prefect-api-key", PrefectAPIKey, "Prefect Cloud API key (pnu_ + 36 characters)",
			[]string{"pnu_"}, 44, `pnu_[A-Za-z0-9]{36}`, 24),
	}
}

// devSecretDetectors: code hosting, CI and package registries.
func devSecretDetectors() []*Detector {
	return []*Detector{
		prefixed("gitlab-token", GitLabToken, "GitLab personal, deploy, runner, feed, incoming mail, SCIM, feature flag, CI job, agent, OAuth application and pipeline trigger tokens and runner registration tokens (glpat-, gldt-, glrt-, …, GR1348941)",
			[]string{"glpat-", "gldt-", "glrt-", "glft-", "glimt-", "glsoat-", "glffct-", "glcbt-", "glagent-", "gloas-", "glptt-", "GR1348941"}, 400,
			`gl(?:pat|dt|rt|ft|soat|ffct)-(?:[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}\.?[0-9a-z]{7}|[0-9A-Za-z_-]{20})|glimt-[0-9A-Za-z_-]{25}|glptt-[0-9a-f]{40}|glagent-[0-9A-Za-z_-]{50}|glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}|gloas-[0-9A-Za-z_-]{64}|GR1348941[0-9A-Za-z_-]{20}`, 16),
		withValidate(anchorAt(prefixed("atlassian-api-token", AtlassianAPIToken, "Atlassian (Jira, Confluence, Bitbucket) API token (ATATT3 + about 186 characters ending in =CRC32)",
			[]string{"ATATT3"}, 260, `ATATT3[A-Za-z0-9_=-]{150,250}`, 100), 3, "TT3"), validAtlassian),
		weakPrefix(withContext(startsWord(prefixed("bitbucket-app-password", BitbucketAppPassword, "Bitbucket app password (ATBB + 32 characters)",
			[]string{"ATBB"}, 40, `ATBB[A-Za-z0-9]{32}`, 24)), Likely, "bitbucket", "atlassian"), 24),
		{
			ID: "azure-devops-token", InfoType: AzureDevOpsToken, Category: CategorySecrets, Version: 1,
			Description: "Azure DevOps personal access token (84 characters with the JQQJ9 signature and AZDO marker)",
			Anchor:      AnchorKeyword, Keywords: []string{"JQQJ9"}, Before: 52, After: 32,
			Pattern:    `[A-Za-z0-9]{52}JQQJ9[0-9A-Za-z]{19}AZDO[A-Za-z0-9]{4}`,
			Edge:       EdgeWord,
			Validate:   func(v []byte) (int, bool) { return 0, secretPlausible(v[:52], 32) },
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		prefixed("circleci-token", CircleCIToken, "CircleCI personal or project API token (CCIPAT_, CCIPRJ_)",
			[]string{"CCIPAT_", "CCIPRJ_"}, 80, `CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}`, 40),
		prefixed("buildkite-token", BuildkiteToken, "Buildkite user access token (bkua_ + 40 hex)",
			[]string{"bkua_"}, 48, `bkua_[a-f0-9]{40}`, 32),
		prefixed("sourcegraph-token", SourcegraphToken, "Sourcegraph access token (sgp_ + [16 hex or local_] + 40 hex)",
			[]string{"sgp_local_", "sgp_"}, 70, `sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40}|sgp_[a-f0-9]{40}`, 32),
		prefixed("sonarqube-token", SonarQubeToken, "SonarQube user, project or global analysis token (squ_, sqp_, sqa_ + 40 hex)",
			[]string{"squ_", "sqp_", "sqa_"}, 48, `sq[upa]_[a-f0-9]{40}`, 32),
		anchorAt(assigned("sonarqube-token-assigned", SonarQubeToken, "SonarQube token (40 hex) given as sonar.login or sonar.token",
			[]string{"sonar.login", "sonar.token", "sonar_login", "sonar_token", "sonarlogin", "sonartoken", "sonar_auth_token", "sonar-token"},
			`(?i:sonar[._-]?(?:login|token|auth[_.-]?token))(?:`+assignOp+`|["'][ \t]*,[ \t]*["'])(?P<v>[a-f0-9]{40})`), 4, "r.login", "r.token", "r_login", "r_token", "r-token", "rlogin", "rtoken", "r_auth_token"),
		withValidate(prefixed("teamcity-token", TeamCityToken, "JetBrains TeamCity access token (header {\"typ\": \"TCV2\"} and a UUID)",
			[]string{"eyJ0eXAiOiAiVENWMiJ9"}, 200, `eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{20,80}\.[A-Za-z0-9_-]{20,80}`, 24), validTeamCity),
		{
			ID: "npm-token", InfoType: NPMToken, Category: CategorySecrets, Version: 1,
			Description: "npm access token (npm_ + 36 base62 with its CRC32 checksum)",
			Anchor:      AnchorKeyword, Keywords: []string{"npm_"}, After: 40, Until: UntilSpace,
			Pattern:    `npm_[A-Za-z0-9]{36}`,
			Edge:       EdgeWord,
			Validate:   validNPM,
			Likelihood: Likely,
			Mask:       maskPrefix(4),
		},
		withValidate(assigned("npm-token-legacy", NPMToken, "Legacy npm token (a UUID) in an .npmrc _authToken",
			[]string{"_authToken"}, `(?i:_authToken)[ \t]*=[ \t]*["']?(?P<v>`+uuidRE+`)`), validUUIDSecret),
		withValidate(prefixed("pypi-token", PyPIToken, "PyPI API token (pypi- + a base64 macaroon for pypi.org, parsed; test.pypi.org lower)",
			[]string{"pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"}, 1300, `pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}`, 50), validPyPI),
		prefixed("docker-hub-token", DockerHubToken, "Docker Hub personal or organization access token (dckr_pat_, dckr_oat_)",
			[]string{"dckr_pat_", "dckr_oat_"}, 56, `dckr_pat_[A-Za-z0-9_-]{27}|dckr_oat_[A-Za-z0-9_-]{27,40}`, 20),
		prefixed("rubygems-api-key", RubyGemsAPIKey, "RubyGems API key (rubygems_ + 48 hex)",
			[]string{"rubygems_"}, 60, `rubygems_[a-f0-9]{48}`, 32),
		weakPrefix(withContext(startsWord(prefixed("nuget-api-key", NuGetAPIKey, "NuGet API key (oy2 + 43 lower-case characters)",
			[]string{"oy2"}, 50, `oy2[a-z0-9]{43}`, 30)), Likely, "nuget"), 30),
		withValidate(startsWord(prefixed("artifactory-token", ArtifactoryToken, "JFrog Artifactory API key (AKCp + 69) or reference token (base64 of reftkn:01:…)",
			[]string{"AKCp", "cmVmdGtuOjAxO"}, 80, `AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxO[A-Za-z0-9+/]{49,51}={0,2}`, 40)), validArtifactory),
		withValidate(withContext(startsWord(prefixed("cratesio-token", CratesIOToken, "crates.io API token (cio + 32 base62)",
			[]string{"cio"}, 40, `cio[A-Za-z0-9]{32}`, 24)), Likely, "crates", "cargo"),
			func(v []byte) (int, bool) { return 0, hasClasses(v[3:]) && secretPlausible(v[3:], 24) }),
		anchorAt(prefixed("clojars-token", ClojarsToken, "Clojars deploy token (CLOJARS_ + 60 characters)",
			[]string{"CLOJARS_"}, 70, `CLOJARS_[a-z0-9]{60}`, 32), 2, "OJARS_"),
	}
}

// aiSecretDetectors: AI and ML platforms.
func aiSecretDetectors() []*Detector {
	return []*Detector{
		prefixed("replicate-api-token", ReplicateAPIToken, "Replicate API token (r8_ + 37 characters)",
			[]string{"r8_"}, 42, `r8_[A-Za-z0-9]{37}`, 24),
		prefixed("groq-api-key", GroqAPIKey, "Groq API key (gsk_ + 52 characters)",
			[]string{"gsk_"}, 58, `gsk_[A-Za-z0-9]{52}`, 32),
		anchorAt(prefixed("perplexity-api-key", PerplexityAPIKey, "Perplexity API key (pplx- + 48 characters)",
			[]string{"pplx-"}, 56, `pplx-[A-Za-z0-9]{48}`, 32), 1, "plx-"),
		startsWord(prefixed("xai-api-key", XAIAPIKey, "xAI (Grok) API key (xai- + 80 characters)",
			[]string{"xai-"}, 88, `xai-[A-Za-z0-9]{80}`, 40)),
		prefixed("openrouter-api-key", OpenRouterAPIKey, "OpenRouter API key (sk-or-v1- + 64 hex)",
			[]string{"sk-or-v1-"}, 76, `sk-or-v1-[a-f0-9]{64}`, 32),
		assigned("cohere-api-key", CohereAPIKey, "Cohere API key (40 characters) assigned to a COHERE_API_KEY-like name",
			[]string{"cohere", "co_api_key"}, `(?i:(?:cohere|co)[\w.-]*?api[_.-]?key)`+assignOp+`(?P<v>[A-Za-z0-9]{40})`),
		assigned("mistral-api-key", MistralAPIKey, "Mistral AI API key (32 characters) assigned to a MISTRAL_API_KEY-like name",
			[]string{"mistral"}, `(?i:mistral[\w.-]*?api[_.-]?key)`+assignOp+`(?P<v>[A-Za-z0-9]{32})`),
		prefixed("langsmith-api-key", LangSmithAPIKey, "LangSmith personal or service key (lsv2_pt_, lsv2_sk_)",
			[]string{"lsv2_pt_", "lsv2_sk_"}, 60, `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`, 24),
		prefixed("langfuse-secret-key", LangfuseSecretKey, "Langfuse secret key (sk-lf- + UUID)",
			[]string{"sk-lf-"}, 44, `sk-lf-`+uuidRE, 24),
		assigned("wandb-api-key", WandBAPIKey, "Weights & Biases API key (40 hex) assigned to a WANDB_API_KEY-like name or given to wandb login",
			[]string{"wandb"}, `(?i:wandb[\w.-]*?key)`+assignOp+`(?P<v>(?:local-)?[0-9a-f]{40})|(?i:wandb)[ \t]+login[ \t]+(?:--?[a-z-]+[ \t]+)*(?P<v>[0-9a-f]{40})`),
		anchorAt(assigned("kaggle-api-key", KaggleAPIKey, "Kaggle API key (32 hex) assigned to a KAGGLE_KEY-like name",
			[]string{"kaggle"}, `(?i:kaggle[\w.-]*?key)`+assignOp+`(?P<v>[0-9a-f]{32})`), 2, "ggle"),
		withValidate(prefixed("neptune-api-token", NeptuneAPIToken, "neptune.ai API token (base64 JSON with api_address)",
			[]string{"eyJhcGlfYWRkcmVzcyI6"}, 800, `eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/]{40,800}={0,2}`, 24), validB64JSONToken("", 0)),
		prefixed("tavily-api-key", TavilyAPIKey, "Tavily API key (tvly- + 32 characters)",
			[]string{"tvly-dev-", "tvly-prod-", "tvly-"}, 48, `tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}`, 24),
		prefixed("jina-api-key", JinaAPIKey, "Jina AI API key (jina_ + 32 hex + 28 characters)",
			[]string{"jina_"}, 68, `jina_[a-f0-9]{32}[A-Za-z0-9_-]{28}`, 32),
	}
}

// saasSecretDetectors: payments, messaging and webhooks, productivity.
func saasSecretDetectors() []*Detector {
	twilioKeywords := []string{"SK0", "SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "SK8", "SK9", "SKa", "SKb", "SKc", "SKd", "SKe", "SKf"}
	return []*Detector{
		prefixed("shopify-token", ShopifyToken, "Shopify access token or shared secret (shpat_, shpca_, shppa_, shpss_ + 32 hex)",
			[]string{"shpat_", "shpca_", "shppa_", "shpss_"}, 40, `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 24),
		withValidate(withBefore(prefixed("square-token", SquareToken, "Square access token or OAuth secret (sq0atp-, sq0csp-; sandbox- lower)",
			[]string{"sq0atp-", "sq0csp-", "sq0atb-", "sq0csb-"}, 50, `(?:sandbox-)?sq0(?:atp|atb)-[0-9A-Za-z_-]{22}|(?:sandbox-)?sq0cs[pb]-[0-9A-Za-z_-]{43}`, 16), 8),
			testModeBelow(placeholderUnlikely(16, "sq0atp-", "sq0csp-", "sq0atb-", "sq0csb-", "sandbox-sq0atb-", "sandbox-sq0csb-"), "sandbox-", "sq0atb-", "sq0csb-")),
		{
			ID: "square-access-token", InfoType: SquareToken, Category: CategorySecrets, Version: 1,
			Description: "Square production access token (EAAA + 60 characters) with Square context",
			Anchor:      AnchorKeyword, Keywords: []string{"EAAA"}, KeywordStartsWord: true, After: 64, Until: UntilSpace,
			Pattern:    `EAAA[A-Za-z0-9_-]{60}`,
			Edge:       EdgeToken,
			Validate:   tokenCheck(40, "EAAA"),
			Likelihood: Likely, RequireContext: true, Context: []string{"square", "squareup"},
			Mask: maskPrefix(4),
		},
		withValidate(prefixed("braintree-token", BraintreeToken, "PayPal Braintree access token (access_token$production$…; sandbox lower)",
			[]string{"access_token$"}, 90, `access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}`, 16),
			testModeBelow(func(v []byte) (int, bool) { return 0, secretPlausible(tail(v, 32), 24) }, "$sandbox$")),
		withValidate(prefixed("flutterwave-secret-key", FlutterwaveSecretKey, "Flutterwave secret key (FLWSECK- + 32 hex + -X; test keys lower)",
			[]string{"FLWSECK-", "FLWSECK_TEST-"}, 56, `FLWSECK(?:_TEST)?-[a-f0-9]{32}-X`, 16),
			testModeBelow(func(v []byte) (int, bool) { return 0, secretPlausible(v[len(v)-34:len(v)-2], 24) }, "_TEST-")),
		withValidate(anchorAt(prefixed("shippo-api-token", ShippoAPIToken, "Shippo API token (shippo_live_, shippo_test_ + 40 hex; test lower)",
			[]string{"shippo_live_", "shippo_test_"}, 56, `shippo_(?:live|test)_[a-f0-9]{40}`, 24), 2, "ippo_live_", "ippo_test_"),
			testModeBelow(placeholderUnlikely(24, "shippo_live_", "shippo_test_"), "_test_")),
		withValidate(startsWord(prefixed("easypost-api-key", EasyPostAPIKey, "EasyPost production or test API key (EZAK, EZTK + 54 characters; test lower)",
			[]string{"EZAK", "EZTK"}, 60, `EZ[AT]K[A-Za-z0-9]{54}`, 32)),
			testModeBelow(tokenCheck(32, "EZAK", "EZTK"), "EZTK")),
		{
			ID: "slack-webhook-url", InfoType: SlackWebhookURL, Category: CategorySecrets, Version: 1,
			Description: "Slack incoming webhook, workflow or trigger URL (hooks.slack.com/services/T…/B…/…)",
			Anchor:      AnchorKeyword, Keywords: []string{".slack.com/"}, Before: 13, After: 140, Until: UntilSpace,
			Pattern:    `https://hooks\.slack\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}|workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,14}/[0-9]{6,20}/[A-Za-z0-9]{24,34}|triggers/T[A-Z0-9]{8,12}/[0-9]{6,20}/[A-Za-z0-9]{24,34})`,
			Edge:       EdgeToken,
			Validate:   func(v []byte) (int, bool) { return 0, secretPlausible(v[bytes.LastIndexByte(v, '/')+1:], 20) },
			Likelihood: VeryLikely,
			Mask:       maskUpTo("hooks.slack.com/"),
		},
		weakPrefix(withContext(startsWord(prefixed("twilio-api-key", TwilioAPIKey, "Twilio API key SID (SK + 32 hex)",
			twilioKeywords, 36, `SK[0-9a-f]{32}`, 16)), Likely, "twilio"), 16),
		{
			ID: "twilio-account-sid", InfoType: TwilioAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Twilio Account SID (AC + 32 hex) near an auth token, which together make a credential",
			Anchor:      AnchorKeyword, Keywords: []string{"auth_token", "authtoken", "auth-token", "auth token"}, Before: 300, After: 300,
			Pattern:    `AC[0-9a-f]{32}`,
			Edge:       EdgeWord,
			Validate:   tokenCheck(16, "AC"),
			Likelihood: Possible,
			Mask:       maskPrefix(2),
		},
		assigned("twilio-api-secret", TwilioAPIKey, "Twilio auth token or API key secret (32 characters) assigned to a TWILIO_AUTH_TOKEN-like name",
			[]string{"twilio"}, `(?i:twilio[\w.-]*?(?:auth[_.-]?token|secret))`+assignOp+`(?P<v>[A-Za-z0-9]{32})`),
		startsWord(prefixed("sendgrid-api-key", SendGridAPIKey, "SendGrid API key (SG. + 22 + . + 43 characters)",
			[]string{"SG."}, 72, `SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, 40)),
		{
			ID: "mailgun-api-key", InfoType: MailgunAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Mailgun API key (key- + 32 hex) with Mailgun context",
			Anchor:      AnchorKeyword, Keywords: []string{"ey-"}, Before: 1, After: 40, Until: UntilSpace,
			Pattern:    `key-[0-9a-f]{32}`,
			Edge:       EdgeToken,
			Validate:   tokenCheck(24, "key-"),
			Likelihood: Possible, RequireContext: true, Context: []string{"mailgun", "mg_api", "mg_key"},
			Mask: maskPrefix(4),
		},
		anchorAt(assigned("mailgun-api-key-assigned", MailgunAPIKey, "Mailgun API key assigned to a MAILGUN_API_KEY-like name (key- + 32 hex, or 32-8-8 hex)",
			[]string{"mailgun"}, `(?i:mailgun[\w.-]*?key)`+assignOp+`(?P<v>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})`), 2, "ilgun"),
		{
			ID: "mailchimp-api-key", InfoType: MailchimpAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Mailchimp API key (32 hex + -us and a data center number)",
			Anchor:      AnchorKeyword, Keywords: []string{"-us"}, Before: 32, After: 3,
			Pattern:    `[0-9a-f]{32}-us[0-9]{1,2}`,
			Edge:       EdgeWord,
			Validate:   func(v []byte) (int, bool) { return 0, secretPlausible(v[:32], 24) },
			Likelihood: Likely, Context: []string{"mailchimp", "chimp", "mc_api"},
			Mask: maskGeneric,
		},
		withValidate(anchorAt(assigned("postmark-token", PostmarkToken, "Postmark server or account token (a UUID) assigned to a Postmark-named setting or header",
			[]string{"postmark"}, `(?i:postmark[\w.-]*?)`+assignOp+`(?P<v>`+uuidRE+`)`), 2, "stmark"), validUUIDSecret),
		prefixed("brevo-api-key", BrevoAPIKey, "Brevo (Sendinblue) API or SMTP key (xkeysib-, xsmtpsib- + 64 hex + 16)",
			[]string{"xkeysib-", "xsmtpsib-"}, 96, `x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}`, 32),
		{
			ID: "telegram-bot-token", InfoType: TelegramBotToken, Category: CategorySecrets, Version: 1,
			Description: "Telegram bot token (bot id, ':', AA + 32-33 characters)",
			Anchor:      AnchorKeyword, Keywords: []string{":AA"}, Before: 10, After: 40, Until: UntilSpace,
			Pattern:    `[0-9]{8,10}:AA[0-9A-Za-z_-]{32,33}`,
			Refine:     refineTelegram,
			Validate:   validTelegram,
			Likelihood: Likely, Context: []string{"telegram", "bot", "tg_", "botfather"},
			Mask: maskGeneric,
		},
		{
			ID: "discord-bot-token", InfoType: DiscordBotToken, Category: CategorySecrets, Version: 1,
			Description: "Discord bot token near \"discord\" (base64 of a snowflake user id, timestamp, HMAC)",
			Anchor:      AnchorKeyword, Keywords: []string{"discord"}, Before: 200, After: 300,
			Pattern:    `[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}`,
			Edge:       EdgeToken,
			Validate:   validDiscordBot,
			Likelihood: VeryLikely,
			Mask:       maskGeneric,
		},
		{
			ID: "discord-webhook-url", InfoType: DiscordWebhookURL, Category: CategorySecrets, Version: 1,
			Description: "Discord webhook URL (discord.com/api/webhooks/<id>/<token>)",
			Anchor:      AnchorKeyword, Keywords: []string{"/api/webhooks/"}, Before: 40, After: 100, Until: UntilSpace,
			Pattern:    `https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,72}`,
			Edge:       EdgeToken,
			Validate:   func(v []byte) (int, bool) { return 0, secretPlausible(v[bytes.LastIndexByte(v, '/')+1:], 40) },
			Likelihood: VeryLikely,
			Mask:       maskUpTo("/webhooks/"),
		},
		{
			ID: "teams-webhook-url", InfoType: TeamsWebhookURL, Category: CategorySecrets, Version: 1,
			Description: "Microsoft Teams incoming webhook URL (webhook.office.com/webhookb2/…/IncomingWebhook/…)",
			Anchor:      AnchorKeyword, Keywords: []string{"/IncomingWebhook/"}, Before: 200, After: 140, Until: UntilSpace,
			Pattern: `https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/` + uuidRE + `@` + uuidRE + `/IncomingWebhook/[0-9a-f]{32}/` + uuidRE + `(?:/[A-Za-z0-9_-]{20,})?`,
			Edge:    EdgeToken,
			Validate: func(v []byte) (int, bool) {
				i := bytes.Index(v, []byte("/IncomingWebhook/")) + 17
				return 0, secretPlausible(v[i:i+32], 24)
			},
			Likelihood: VeryLikely,
			Mask:       maskUpTo("/webhook"),
		},
		weakPrefix(startsWord(prefixed("twitch-stream-key", TwitchStreamKey, "Twitch stream key (live_ + user id + _ + 30 characters)",
			[]string{"live_"}, 48, `live_[0-9]{6,10}_[A-Za-z0-9]{30}`, 24)), 24),
		withValidate(withContext(startsWord(prefixed("dropbox-token", DropboxToken, "Dropbox short-lived access token (sl. or sl.u. + 130 or more characters)",
			[]string{"sl."}, 1600, `sl\.(?:u\.)?[A-Za-z0-9_-]{130,}`, 64)), Likely, "dropbox"),
			func(v []byte) (int, bool) { return 0, secretPlausible(stripPrefix(v, []string{"sl.", "sl.u."}), 64) }),
		prefixed("notion-token", NotionToken, "Notion API token (ntn_ + 11 digits + 35 characters)",
			[]string{"ntn_"}, 52, `ntn_[0-9]{11}[A-Za-z0-9]{35}`, 32),
		withValidate(withContext(prefixed("notion-integration-secret", NotionToken, "Notion internal integration secret (secret_ + 43 base62)",
			[]string{"secret_"}, 52, `secret_[A-Za-z0-9]{43}`, 32), Likely, "notion"),
			func(v []byte) (int, bool) { return 0, hasClasses(v[7:]) && secretPlausible(v[7:], 32) }),
		anchorAt(prefixed("linear-api-key", LinearAPIKey, "Linear API key (lin_api_ + 40) or OAuth token (lin_oauth_ + 64 hex)",
			[]string{"lin_api_", "lin_oauth_"}, 76, `lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64}`, 32), 1, "in_api_", "in_oauth_"),
		anchorAt(prefixed("figma-token", FigmaToken, "Figma personal access token (figd_ + about 40 characters)",
			[]string{"figd_"}, 56, `figd_[A-Za-z0-9_-]{36,48}`, 24), 1, "igd_"),
		withValidate(anchorAt(assigned("figma-token-assigned", FigmaToken, "Figma legacy personal access token (digits-UUID) assigned to a Figma token name or X-Figma-Token",
			[]string{"figma"}, `(?i:figma[\w.-]*?token)`+assignOp+`(?P<v>[0-9]{3,6}-`+uuidRE+`)`), 1, "igma"),
			func(v []byte) (int, bool) { return validUUIDSecret(v[bytes.IndexByte(v, '-')+1:]) }),
		{
			ID: "airtable-token", InfoType: AirtableToken, Category: CategorySecrets, Version: 1,
			Description: "Airtable personal access token (pat + 14 + . + 64 hex)",
			Anchor:      AnchorKeyword, Keywords: []string{"pat"}, KeywordStartsWord: true, After: 84,
			Find:       findAirtable,
			Edge:       EdgeToken,
			Validate:   validAirtable,
			Likelihood: VeryLikely,
			Mask:       maskPrefix(3),
		},
		prefixed("postman-api-key", PostmanAPIKey, "Postman API key (PMAK- + 24 hex + - + 34 hex)",
			[]string{"PMAK-"}, 72, `PMAK-[a-f0-9]{24}-[a-f0-9]{34}`, 32),
		prefixed("contentful-token", ContentfulToken, "Contentful personal access token (CFPAT- + 43 characters)",
			[]string{"CFPAT-"}, 56, `CFPAT-[A-Za-z0-9_-]{43}`, 32),
		withValidate(prefixed("hubspot-token", HubSpotToken, "HubSpot private app access token (pat-na1-, pat-eu1- + UUID)",
			[]string{"pat-na", "pat-eu", "pat-ap"}, 52, `pat-(?:na|eu|ap)[0-9]-`+uuidRE, 16),
			func(v []byte) (int, bool) { return validUUIDSecret(v[8:]) }),
		prefixed("readme-api-key", ReadMeAPIKey, "ReadMe API key (rdme_ + 70 characters)",
			[]string{"rdme_"}, 80, `rdme_[a-z0-9]{70}`, 40),
		withValidate(prefixed("mapbox-token", MapboxToken, "Mapbox secret or temporary access token (sk.eyJ1…, tk.eyJ1…; temporary lower)",
			[]string{"sk.eyJ1", "tk.eyJ1"}, 400, `[st]k\.eyJ1Ijoi[A-Za-z0-9_-]{10,300}\.[A-Za-z0-9_-]{20,32}`, 16),
			testModeBelow(func(v []byte) (int, bool) { return 0, secretPlausible(v[bytes.LastIndexByte(v, '.')+1:], 16) }, "tk.")),
		weakPrefix(withContext(prefixed("adafruit-io-key", AdafruitIOKey, "Adafruit IO key (aio_ + 28 characters)",
			[]string{"aio_"}, 36, `aio_[A-Za-z0-9]{28}`, 20), Likely, "adafruit", "io_key", "aio"), 20),
	}
}

// genericSecretDetectors report credentials by where they stand rather than
// what they look like. They come last and defer to provider detectors.
func genericSecretDetectors() []*Detector {
	return []*Detector{
		{
			ID: "basic-auth-header", InfoType: BasicAuthHeader, Category: CategorySecrets, Version: 1,
			Description: "Credentials of an HTTP Basic Authorization header (base64 of user:password)",
			Anchor:      AnchorKeyword, Keywords: []string{"authorization"}, After: 440, Until: UntilLine,
			Pattern:    `(?i:authorization)["']?[ \t]*[:=,][ \t]*["']?(?i:basic)[ \t]+(?P<v>[A-Za-z0-9+/]{8,384}={0,2})`,
			Edge:       EdgeBase64,
			Validate:   validBasicAuth,
			Likelihood: Likely,
			Mask:       maskSecret,
		},
		{
			ID: "bearer-token", InfoType: BearerToken, Category: CategorySecrets, Version: 1,
			Description: "Token of an HTTP Bearer Authorization header that no provider detector claims",
			Anchor:      AnchorKeyword, Keywords: []string{"authorization"}, After: 2100, Until: UntilLine,
			Pattern:    `(?i:authorization)["']?[ \t]*[:=,][ \t]*["']?(?i:bearer)[ \t]+(?P<v>[A-Za-z0-9._~+/-]{12,}=*)`,
			Edge:       EdgeToken,
			Validate:   validBearer,
			Likelihood: Likely,
			Mask:       maskGeneric,
		},
		{
			ID: "generic-secret", InfoType: GenericSecret, Category: CategorySecrets, Version: 1,
			Description: "A random-looking value assigned to a secret-like name (api_key, client_secret, access_token, private_key, …) in config, env, JSON, YAML or code",
			Anchor:      AnchorKeyword, Keywords: genericKeywords, Before: 40, After: 16,
			Find:       findGenericSecret,
			Validate:   validGenericSecret,
			Likelihood: Possible,
			Mask:       maskGeneric,
		},
	}
}

// genericKeywords anchor the generic secret finder on the parts of
// secret-like names whose first three bytes are rare in prose: separated
// suffixes (_key, -token) and the joins of camelCase names (apiKey,
// accessToken).
var genericKeywords = []string{
	"secret", "_key", "-key", "_token", "-token",
	"pikey", "ppkey", "sskey", "tekey", "onkey", "ngkey", "erkey",
	"sstoken", "thtoken", "pitoken", "shtoken", "ttoken", "tetoken",
}
