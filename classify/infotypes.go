package classify

// Canonical infoType names (../shared/INFOTYPES.md). They are a contract with
// the tools that parse our reports: add freely, rename never.
const (
	EmailAddress             = "EMAIL_ADDRESS"
	PhoneNumber              = "PHONE_NUMBER"
	CreditCardNumber         = "CREDIT_CARD_NUMBER"
	IBANCode                 = "IBAN_CODE"
	USSocialSecurityNumber   = "US_SOCIAL_SECURITY_NUMBER"
	IPAddress                = "IP_ADDRESS"
	MACAddress               = "MAC_ADDRESS"
	AWSAccessKeyID           = "AWS_ACCESS_KEY_ID"
	AWSSecretAccessKey       = "AWS_SECRET_ACCESS_KEY"
	GitHubToken              = "GITHUB_TOKEN"
	SlackToken               = "SLACK_TOKEN"
	StripeAPIKey             = "STRIPE_API_KEY"
	OpenAIAPIKey             = "OPENAI_API_KEY"
	AnthropicAPIKey          = "ANTHROPIC_API_KEY"
	HuggingFaceToken         = "HUGGINGFACE_TOKEN"
	GCPAPIKey                = "GCP_API_KEY"
	JSONWebToken             = "JSON_WEB_TOKEN"
	PrivateKey               = "PRIVATE_KEY"
	DatabaseConnectionString = "DATABASE_CONNECTION_STRING"
	URLWithCredentials       = "URL_WITH_CREDENTIALS"
	Password                 = "PASSWORD"
)

// Categories group infoTypes the way INFOTYPES.md does.
const (
	CategoryContact   = "contact"
	CategoryIdentity  = "identity"
	CategoryFinancial = "financial"
	CategoryNetwork   = "network"
	CategoryHealth    = "health"
	CategorySecrets   = "secrets"
)
