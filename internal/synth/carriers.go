package synth

import (
	"strings"

	"github.com/residuehq/residue/classify"
)

// A template puts a value between pre and post. Templates hold no other
// sensitive value, and post never begins with a character that a detector
// could reasonably take as part of the value.
type template struct{ pre, post string }

// carriers are the sentences and assignments that carry each infoType in
// prose. Those for AWS_SECRET_ACCESS_KEY and PASSWORD always name the value,
// as a bare 40-character string or a bare password is not recognisable.
var carriers = map[string][]template{
	classify.EmailAddress: {
		{"Contact me at ", " tomorrow."},
		{"Please send the slides to ", " before Friday."},
		{"You can reach the organiser at ", " or on the forum."},
		{"Forwarding this to ", " for review."},
		{"(reply to ", ")"},
	},
	classify.PhoneNumber: {
		{"Call me at ", " after lunch."},
		{"My number is ", ", text first."},
		{"phone: ", ""},
		{"You can reach the front desk on ", " during office hours."},
	},
	classify.CreditCardNumber: {
		{"card: ", ""},
		{"I paid with card ", " and it went through."},
		{"Charge it to ", " please."},
		{"The card number ", " was declined twice."},
	},
	classify.IBANCode: {
		{"Wire the refund to ", " today."},
		{"IBAN: ", ""},
		{"Please transfer the deposit to ", " by Monday."},
	},
	classify.USSocialSecurityNumber: {
		{"my SSN is ", ""},
		{"SSN ", " is on file."},
		{"Her social security number is ", ", as on the form."},
	},
	classify.IPAddress: {
		{"The request came from ", " yesterday."},
		{"client ip ", " was blocked"},
		{"ssh into ", " and restart the worker."},
	},
	classify.MACAddress: {
		{"device mac ", " keeps dropping off the network."},
		{"MAC: ", ""},
		{"Whitelisted hardware address ", " on the router."},
	},
	classify.AWSAccessKeyID: {
		{"aws_access_key_id = ", ""},
		{"export AWS_ACCESS_KEY_ID=", ""},
		{"The access key ", " was never rotated."},
	},
	classify.AWSSecretAccessKey: {
		{"aws_secret_access_key = ", ""},
		{"AWS_SECRET_ACCESS_KEY=", ""},
		{"export AWS_SECRET_ACCESS_KEY=", " before running the job."},
		{`"aws_secret_access_key": "`, `"`},
	},
	classify.GitHubToken: {
		{"export GITHUB_TOKEN=", ""},
		{"use token ", " for the CI job."},
		{"GH_TOKEN=", ""},
	},
	classify.SlackToken: {
		{"SLACK_BOT_TOKEN=", ""},
		{"The bot is configured with ", " in the workspace."},
	},
	classify.StripeAPIKey: {
		{"STRIPE_SECRET_KEY=", ""},
		{"stripe key ", " goes in the billing service."},
	},
	classify.OpenAIAPIKey: {
		{"OPENAI_API_KEY=", ""},
		{"openai key: ", ""},
		{`client = OpenAI(api_key="`, `")`},
	},
	classify.AnthropicAPIKey: {
		{"ANTHROPIC_API_KEY=", ""},
		{`client = Anthropic(api_key="`, `")`},
		{"the anthropic key ", " is in the vault now."},
	},
	classify.HuggingFaceToken: {
		{"HF_TOKEN=", ""},
		{"huggingface-cli login --token ", ""},
		{"Use ", " to pull the gated model."},
	},
	classify.GCPAPIKey: {
		{"GOOGLE_API_KEY=", ""},
		{"maps key ", " is restricted to the web app."},
		{"https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=", ""},
	},
	classify.JSONWebToken: {
		{"jwt=", ""},
		{"The session cookie held ", " until it expired."},
		{"id_token: ", ""},
	},
	classify.PrivateKey: {
		{"Here is the deploy key:\n", "\nPlease rotate it after the demo."},
		{"Found this in the old backup folder:\n", "\n"},
		{"", "\n"},
	},
	classify.DatabaseConnectionString: {
		{"DATABASE_URL=", ""},
		{"connect using ", " and check the replication lag."},
		{"dsn: ", ""},
	},
	classify.URLWithCredentials: {
		{"fetch it from ", " today."},
		{"pip install --index-url ", " torch"},
		{"git remote add mirror ", ""},
	},
	classify.PersonName:    personCarriers,
	classify.StreetAddress: addressCarriers,
	classify.DateOfBirth:   dobCarriers,
	classify.Password: {
		{"password=", ""},
		{"password: ", ""},
		{`{"user": "svc_etl", "password": "`, `", "port": 5432}`},
		{"DB_PASSWORD=", ""},
	},
}

// logKeys name the key of a key=value pair in a log line for each infoType.
var logKeys = map[string]string{
	classify.EmailAddress:             "user",
	classify.PhoneNumber:              "phone",
	classify.CreditCardNumber:         "card",
	classify.IBANCode:                 "iban",
	classify.USSocialSecurityNumber:   "ssn",
	classify.IPAddress:                "client_ip",
	classify.MACAddress:               "mac",
	classify.AWSAccessKeyID:           "aws_access_key_id",
	classify.AWSSecretAccessKey:       "aws_secret_access_key",
	classify.GitHubToken:              "github_token",
	classify.SlackToken:               "slack_token",
	classify.StripeAPIKey:             "stripe_key",
	classify.OpenAIAPIKey:             "openai_api_key",
	classify.AnthropicAPIKey:          "anthropic_api_key",
	classify.HuggingFaceToken:         "hf_token",
	classify.GCPAPIKey:                "google_api_key",
	classify.JSONWebToken:             "jwt",
	classify.DatabaseConnectionString: "dsn",
	classify.URLWithCredentials:       "upstream",
	classify.Password:                 "password",
	classify.PersonName:               "name",
	classify.StreetAddress:            "address",
	classify.DateOfBirth:              "dob",
}

// carrier modes
const (
	modeProse = iota // anything, including quotes and newlines
	modeFlat         // one line, no double quote or tab: TSV cells, log messages
	modeLog          // a key=value pair of a log line
)

// plantable reports whether infoType can be carried in mode: a PEM block
// needs newlines, which flat text and key=value pairs do not have.
func plantable(infoType string, mode int) bool {
	return infoType != classify.PrivateKey || mode == modeProse
}

func flatOK(t template) bool {
	return !strings.ContainsAny(t.pre+t.post, "\"\t\n")
}

// appendPlant appends a value of infoType in a carrier suited to mode and
// appends its spans (the value, then any inner values), located in b.
func (g *Generator) appendPlant(b []byte, spans []Span, infoType string, mode int) ([]byte, []Span) {
	v := g.Value(infoType)
	var t template
	switch mode {
	case modeLog:
		key := logKeys[infoType]
		if infoType == classify.Password && g.intn(2) == 0 {
			key = "DB_PASSWORD"
		}
		if strings.ContainsAny(v.Text, " ") {
			t = template{key + `="`, `"`}
		} else {
			t = template{key + "=", ""}
		}
	case modeFlat:
		ts := carriers[infoType]
		for {
			t = pick(g, ts)
			if flatOK(t) {
				break
			}
		}
	default:
		t = pick(g, carriers[infoType])
	}
	b = append(b, t.pre...)
	at := len(b)
	b = append(b, v.Text...)
	b = append(b, t.post...)
	spans = append(spans, Span{InfoType: infoType, Offset: at, Length: len(v.Text)})
	for _, in := range v.Inner {
		spans = append(spans, Span{InfoType: in.InfoType, Offset: at + in.Offset, Length: in.Length})
	}
	return b, spans
}

// Carrier returns a short text that carries a fresh value of infoType the
// way it turns up in real data ("Contact me at … tomorrow.",
// "aws_secret_access_key = …", a PEM block between two lines), and the
// spans of every value in it: the value itself first, then any nested
// value such as the password in a connection string.
func (g *Generator) Carrier(infoType string) (string, []Span) {
	b, spans := g.appendPlant(nil, nil, infoType, modeProse)
	return string(b), spans
}
