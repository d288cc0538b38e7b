package classify

import "slices"

// Builtin returns the built-in detectors, freshly allocated so a caller may
// extend or trim the slice. Each area keeps its detectors in a file of its
// own (builtin_pii.go, builtin_secrets.go, …).
func Builtin() []*Detector {
	return slices.Concat(
		contactDetectors(),
		financialDetectors(),
		identityDetectors(),
		networkDetectors(),
		secretDetectors(),
		nationalIDDetectors(),
		nameAddressDetectors(),
	)
}

var (
	phoneContext = []string{"phone", "telephone", "tel", "mobile", "cell", "call", "fax", "contact", "whatsapp", "sms", "number"}
	ssnContext   = []string{"ssn", "social security", "social sec", "ss#", "ss number"}
	ipContext    = []string{"ip", "ip address", "ipv4", "ipv6", "host", "client", "remote", "server", "addr"}
	// phoneWords are the words that make a bare phone shape a phone
	// number: narrower than phoneContext, which only raises numbers the
	// phone library already accepted.
	phoneWords = []string{"phone", "telephone", "tel", "mobil", "cell", "call", "fax", "whatsapp", "sms", "text me", "dial", "voicemail", "reach me",
		"telef", "answering", "landline", "hotline", "texted", "ring me", "rang"}
	cardContext = []string{"card", "credit", "debit", "visa", "mastercard", "amex", "american express", "discover", "maestro", "jcb", "cc", "ccn", "pan", "payment", "cardholder"}
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
