package classify

import (
	"bytes"
)

// Builtin returns the built-in detectors, freshly allocated so a caller may
// extend or trim the slice.
func Builtin() []*Detector {
	return []*Detector{
		// Contact.
		{
			ID: "email", InfoType: EmailAddress, Category: CategoryContact, Version: 1,
			Description: "Email address (RFC 5321 shape, dotted domain with an alphabetic TLD)",
			Anchor:      AnchorAt, Before: 64, After: 255,
			Pattern:    `[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}`,
			Edge:       EdgeToken,
			Validate:   okIf(emailValid),
			Likelihood: Likely, Context: []string{"email", "e-mail", "mail", "contact"},
			Normalize: normLower, Mask: maskEmail,
		},
		{
			ID: "phone-intl", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "Phone number in international format (+country code), validated with libphonenumber",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 7, Plus: true}, Before: 1, After: 1,
			Pattern: `\+\(?\d(?:[ .()-]{0,2}\d){6,14}`,
			Edge:    EdgeNumber, Shrink: true,
			Validate: validPhone, Likelihood: Possible,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},
		{
			ID: "phone-us", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "US/NANP phone number in national format ((415) 555-2671, 415-555-2671, 415.555.2671)",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 10, Groups: []string{"3-3-4", "1-3-3-4"}}, Before: 1, After: 1,
			Pattern:  `(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}`,
			Edge:     EdgeNumber,
			Validate: validPhone, Likelihood: Possible,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},
		{
			ID: "phone-bare", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "Ten or eleven digits with phone context nearby or in the field name",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 10, Groups: []string{"10..11"}}, Before: 1, After: 1,
			Pattern: `\+?\d{10,11}`,
			Edge:    EdgeNumber, RequireContext: true,
			Validate: validPhone, Likelihood: Unlikely,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},

		// Financial.
		{
			ID: "credit-card", InfoType: CreditCardNumber, Category: CategoryFinancial, Version: 1,
			Description: "Payment card number: 13-19 digits, Luhn checksum and issuer prefix, compact or grouped",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 13, Groups: []string{"4-4-4-4", "4-6-4..5", "4-4-4-3", "13..19"}}, Before: 1, After: 1,
			Pattern: `\d{4}(?:[ -]\d{4}){2}(?:[ -]\d{4}(?:[ -]\d{3})?|[ -]\d{3})|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19}`,
			Edge:    EdgeNumber, Shrink: true,
			Validate:   validCard,
			Likelihood: Possible,
			Context:    []string{"card", "credit", "debit", "visa", "mastercard", "amex", "american express", "discover", "cc", "ccn", "pan", "payment", "cardholder"},
			Normalize:  normDigits, Mask: maskCard,
		},
		{
			ID: "iban", InfoType: IBANCode, Category: CategoryFinancial, Version: 1,
			Description: "International Bank Account Number: registry country and length, mod-97 check digits",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 2, Letters: true}, Before: 2, After: 44,
			Pattern: `[A-Za-z]{2}\d{2}[ -]?[A-Za-z0-9]`,
			Refine:  refineIBAN,
			Edge:    EdgeWord,
			Validate: func(v []byte) (int, bool) {
				var buf [40]byte
				return 2, ibanValid(ibanCompact(buf[:0], v))
			},
			Likelihood: Possible,
			Context:    []string{"iban", "account", "bank", "transfer", "wire", "sepa"},
			Normalize:  normIBAN, Mask: maskIBAN,
		},

		// Identity.
		{
			ID: "us-ssn", InfoType: USSocialSecurityNumber, Category: CategoryIdentity, Version: 1,
			Description: "US Social Security number AAA-GG-SSSS; never-issued areas, groups and serials rejected",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 9, Groups: []string{"3-2-4"}}, Before: 1, After: 1,
			Pattern:    `\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}`,
			Edge:       EdgeNumber,
			Validate:   validSSN,
			Likelihood: Possible, Context: ssnContext,
			Normalize: normDigits, Mask: maskSSN,
		},
		{
			ID: "us-ssn-bare", InfoType: USSocialSecurityNumber, Category: CategoryIdentity, Version: 1,
			Description: "Nine digits with SSN context nearby or in the field name",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 9, Groups: []string{"9"}}, Before: 1, After: 1,
			Pattern: `\d{9}`,
			Edge:    EdgeNumber, RequireContext: true,
			Validate:   validSSN,
			Likelihood: Unlikely, Context: ssnContext,
			Normalize: normDigits, Mask: maskSSN,
		},

		// Network.
		{
			ID: "ipv4", InfoType: IPAddress, Category: CategoryNetwork, Version: 1,
			Description: "IPv4 address in dotted-quad form",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 4, MinDots: 3, Groups: []string{"1..3-1..3-1..3-1..3"}}, Before: 1, After: 1,
			Pattern:    `(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`,
			Edge:       EdgeNumber,
			Validate:   validIP,
			Likelihood: Likely, Context: ipContext,
			Normalize: normIP, Mask: maskIP,
		},
		{
			ID: "ipv6", InfoType: IPAddress, Category: CategoryNetwork, Version: 1,
			Description: "IPv6 address, full or compressed, with an optional IPv4 tail",
			Anchor:      AnchorHex, Before: 0, After: 16,
			Pattern:    `(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|[0-9A-Fa-f]{0,4})`,
			Edge:       EdgeHex,
			Validate:   validIP,
			Likelihood: Likely, Context: ipContext,
			Normalize: normIP, Mask: maskIP,
		},
		{
			ID: "mac", InfoType: MACAddress, Category: CategoryNetwork, Version: 1,
			Description: "MAC address: six hex octets joined by ':' or '-', or three dotted groups of four",
			Anchor:      AnchorHex, Before: 0, After: 0,
			Pattern:    `[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}`,
			Edge:       EdgeHex,
			Validate:   okIf(macValid),
			Likelihood: Likely, Context: []string{"mac", "hardware", "ether", "ethernet", "wifi", "wlan", "bssid", "device", "hwaddr"},
			Normalize: normMAC, Mask: maskMAC,
		},

		// Secrets.
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
			ID: "aws-secret-access-key", InfoType: AWSSecretAccessKey, Category: CategorySecrets, Version: 1,
			Description: "AWS secret access key assigned to a secret-access-key name",
			Anchor:      AnchorKeyword, Keywords: []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret access key", "aws_secret", "awssecret", "aws-secret"}, Before: 8, After: 100,
			Pattern:    `(?i)secret[ _-]?(?:access[ _-]?)?key(?:[ _-]?id)?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?(?P<v>[A-Za-z0-9/+]{40})|aws[ _-]?secret["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?(?P<v>[A-Za-z0-9/+]{40})`,
			Edge:       EdgeBase64,
			Validate:   plausible(40),
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
			ID: "github-token", InfoType: GitHubToken, Category: CategorySecrets, Version: 1,
			Description: "GitHub classic token (ghp_, gho_, ghu_, ghs_, ghr_) with its CRC32 checksum",
			Anchor:      AnchorKeyword, Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, After: 40, Until: UntilSpace,
			Pattern:    `gh[pousr]_[A-Za-z0-9]{36}`,
			Edge:       EdgeWord,
			Validate:   validGitHubClassic,
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
			ID: "stripe-key", InfoType: StripeAPIKey, Category: CategorySecrets, Version: 1,
			Description: "Stripe secret or restricted API key (sk_live_, rk_live_; test-mode keys lower)",
			Anchor:      AnchorKeyword, Keywords: []string{"sk_live_", "rk_live_", "sk_test_", "rk_test_"}, After: 260, Until: UntilSpace,
			Pattern: `[sr]k_(?:live|test)_[0-9A-Za-z]{20,247}`,
			Edge:    EdgeWord,
			Validate: func(v []byte) (int, bool) {
				if bytes.Contains(v, []byte("_test_")) {
					return -1, true
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
			ID: "jwt", InfoType: JSONWebToken, Category: CategorySecrets, Version: 1,
			Description: "JSON Web Token whose header decodes to JSON with an alg",
			Anchor:      AnchorKeyword, Keywords: []string{"eyj"}, After: 16384, Until: UntilSpace,
			Pattern:    `eyJ[A-Za-z0-9_-]{10,}={0,2}\.[A-Za-z0-9_-]{2,}={0,2}\.[A-Za-z0-9_-]*={0,2}`,
			Edge:       EdgeToken,
			Validate:   func(v []byte) (int, bool) { return 1, jwtValid(v) },
			Likelihood: Likely,
			Mask:       maskJWT,
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
			Edge:       EdgeWord,
			Validate:   validCredentialURL,
			Likelihood: Likely,
			Contains:   []string{Password},
			Mask:       maskURL,
		},
		{
			ID: "password-in-url", InfoType: Password, Category: CategorySecrets, Version: 1,
			Description: "The password in a URL's user info",
			Anchor:      AnchorKeyword, Keywords: []string{"://"}, Before: 24, After: 2048, Until: UntilSpace,
			Find:       findCredentialURL(urlPassword),
			Validate:   validPassword,
			Likelihood: Likely,
			Mask:       maskSecret,
		},
		{
			ID: "password-assignment", InfoType: Password, Category: CategorySecrets, Version: 1,
			Description: "A value assigned to password, passwd or passphrase (config, env, JSON, logs)",
			Anchor:      AnchorKeyword, Keywords: []string{"password", "passwd", "passphrase"}, After: 300, Until: UntilLine,
			Pattern:    passwordAssignment,
			Refine:     refinePasswordAssignment,
			Validate:   validPassword,
			Likelihood: Likely,
			Mask:       maskSecret,
		},
		{
			ID: "password-assignment-short", InfoType: Password, Category: CategorySecrets, Version: 1,
			Description: "A value assigned to pwd or pass (DB_PASS=, pwd:)",
			Anchor:      AnchorKeyword, Keywords: []string{"pwd", "pass"}, KeywordStartsWord: true, After: 300, Until: UntilLine,
			Pattern:    passwordAssignment,
			Refine:     refinePasswordAssignment,
			Validate:   validPassword,
			Likelihood: Likely,
			Mask:       maskSecret,
		},
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

var (
	phoneContext = []string{"phone", "telephone", "tel", "mobile", "cell", "call", "fax", "contact", "whatsapp", "sms", "number"}
	ssnContext   = []string{"ssn", "social security", "social sec", "ss#", "ss number"}
	ipContext    = []string{"ip", "ip address", "ipv4", "ipv6", "host", "client", "remote", "server", "addr"}
)

const (
	// The value: a quoted string, or an unquoted run that stops where
	// config syntax and prose punctuation would.
	passwordAssignment = `(?i)(?:password|passwd|passphrase|pwd|pass)["']?[ \t]*(?::=|=>|=|:)[ \t]*(?:"(?P<v>[^"\r\n]{1,256})"|'(?P<v>[^'\r\n]{1,256})'|(?P<v>[^\s"',;&<>(){}\[\]]{1,256}))`
)

// passwordFields name password columns; "!" words exclude fields about
// passwords that hold none (password_hash, password_policy).
var passwordFields = []string{
	"password", "passwd", "pwd", "pass", "passphrase",
	"!hash", "!hashed", "!digest", "!salt", "!policy", "!reset", "!expiry", "!expires", "!expiration",
	"!length", "!hint", "!strength", "!changed", "!updated", "!required", "!min", "!max", "!rule",
	"!label", "!prompt", "!type", "!enabled", "!last", "!count", "!age", "!set", "!status", "!encrypted",
}
