package classify_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
)

// npExamplesPath is the Nosey Parker rule examples (README.md beside it):
// snippets labelled positive ("rule X must find a secret here") or negative
// ("rule X must stay silent here"), written and checked by that project.
var npExamplesPath = filepath.Join("..", "..", "shared", "evaldata", "noseyparker-rules", "examples.jsonl")

// npClaims maps the Nosey Parker rules of the providers residue claims to
// the infoTypes that answer them; a positive counts as found when a finding
// of one of them is made. Rules of claimed providers that are left out
// detect something residue does not look for (Nosey Parker's "GitHub Client
// ID", Azure DevOps' legacy 52-character PAT, New Relic's hexadecimal
// license key, Pixie keys, Vault unseal keys): they are listed in the log.
var npClaims = map[string][]string{
	"np.adafruit.1":     {classify.AdafruitIOKey},
	"np.age.2":          {classify.AgeSecretKey},
	"np.anthropic.1":    {classify.AnthropicAPIKey},
	"np.artifactory.1":  {classify.ArtifactoryToken},
	"np.atlassian.1":    {classify.AtlassianAPIToken},
	"np.aws.1":          {classify.AWSAccessKeyID},
	"np.aws.2":          {classify.AWSSecretAccessKey},
	"np.aws.6":          {classify.AWSAccessKeyID, classify.AWSSecretAccessKey},
	"np.azure.1":        {classify.AzureStorageKey, classify.AzureSharedAccessKey},
	"np.azure.2":        {classify.AzureAppConfigKey},
	"np.azure.4":        {classify.AzureDevOpsToken},
	"np.bitbucket.1":    {classify.BitbucketAppPassword},
	"np.cratesio.1":     {classify.CratesIOToken},
	"np.databricks.1":   {classify.DatabricksToken},
	"np.digitalocean.1": {classify.DigitalOceanToken},
	"np.digitalocean.2": {classify.DigitalOceanToken},
	"np.digitalocean.3": {classify.DigitalOceanToken},
	"np.dockerhub.1":    {classify.DockerHubToken},
	"np.doppler.1":      {classify.DopplerToken},
	"np.doppler.2":      {classify.DopplerToken},
	"np.doppler.3":      {classify.DopplerToken},
	"np.doppler.4":      {classify.DopplerToken},
	"np.doppler.5":      {classify.DopplerToken},
	"np.doppler.6":      {classify.DopplerToken},
	"np.dropbox.1":      {classify.DropboxToken},
	"np.dynatrace.1":    {classify.DynatraceToken},
	"np.figma.1":        {classify.FigmaToken},
	"np.generic.1":      {classify.GenericSecret},
	"np.generic.2":      {classify.GenericSecret},
	"np.github.1":       {classify.GitHubToken},
	"np.github.2":       {classify.GitHubToken},
	"np.github.3":       {classify.GitHubToken},
	"np.github.4":       {classify.GitHubToken},
	"np.github.6":       {classify.GitHubToken, classify.GenericSecret},
	"np.github.7":       {classify.GitHubToken},
	"np.gitlab.1":       {classify.GitLabToken},
	"np.gitlab.2":       {classify.GitLabToken},
	"np.gitlab.3":       {classify.GitLabToken},
	"np.google.2":       {classify.GoogleOAuthSecret},
	"np.google.4":       {classify.GoogleOAuthToken},
	"np.google.5":       {classify.GCPAPIKey},
	"np.google.6":       {classify.GoogleOAuthSecret, classify.GenericSecret},
	"np.grafana.1":      {classify.GrafanaToken},
	"np.grafana.2":      {classify.GrafanaToken},
	"np.grafana.3":      {classify.GrafanaToken},
	"np.groq.1":         {classify.GroqAPIKey},
	"np.hashicorp.1":    {classify.VaultToken},
	"np.hashicorp.2":    {classify.VaultToken},
	"np.hashicorp.3":    {classify.VaultToken},
	"np.hashicorp.4":    {classify.VaultToken},
	"np.hashicorp.5":    {classify.VaultToken},
	"np.hashicorp.6":    {classify.VaultToken},
	"np.heroku.1":       {classify.HerokuAPIKey},
	"np.http.1":         {classify.BasicAuthHeader},
	"np.http.2":         {classify.BearerToken},
	"np.huggingface.1":  {classify.HuggingFaceToken},
	"np.jina.1":         {classify.JinaAPIKey},
	"np.jwt.1":          {classify.JSONWebToken},
	"np.mailchimp.1":    {classify.MailchimpAPIKey},
	"np.mailgun.1":      {classify.MailgunAPIKey},
	"np.mapbox.2":       {classify.MapboxToken},
	"np.mapbox.3":       {classify.MapboxToken},
	"np.mongodb.1":      {classify.DatabaseConnectionString, classify.Password},
	"np.msteams.1":      {classify.TeamsWebhookURL},
	"np.newrelic.1":     {classify.NewRelicLicenseKey},
	"np.newrelic.3":     {classify.NewRelicAPIKey},
	"np.newrelic.4":     {classify.NewRelicAPIKey},
	"np.newrelic.5":     {classify.NewRelicAPIKey},
	"np.newrelic.6":     {classify.NewRelicAPIKey},
	"np.newrelic.7":     {classify.NewRelicAPIKey},
	"np.npm.1":          {classify.NPMToken},
	"np.nuget.1":        {classify.NuGetAPIKey},
	"np.okta.1":         {classify.OktaAPIToken},
	"np.openai.1":       {classify.OpenAIAPIKey},
	"np.pem.1":          {classify.PrivateKey},
	"np.postgres.1":     {classify.DatabaseConnectionString, classify.Password},
	"np.postman.1":      {classify.PostmanAPIKey},
	"np.postmark.1":     {classify.PostmarkToken},
	"np.pypi.1":         {classify.PyPIToken},
	"np.rubygems.1":     {classify.RubyGemsAPIKey},
	"np.sendgrid.1":     {classify.SendGridAPIKey},
	"np.shopify.2":      {classify.ShopifyToken},
	"np.shopify.3":      {classify.ShopifyToken},
	"np.shopify.4":      {classify.ShopifyToken},
	"np.shopify.5":      {classify.ShopifyToken},
	"np.slack.2":        {classify.SlackToken},
	"np.slack.3":        {classify.SlackWebhookURL},
	"np.slack.4":        {classify.SlackToken},
	"np.slack.5":        {classify.SlackToken},
	"np.slack.6":        {classify.SlackToken},
	"np.sonarqube.1":    {classify.SonarQubeToken},
	"np.sourcegraph.1":  {classify.SourcegraphToken},
	"np.square.1":       {classify.SquareToken},
	"np.square.2":       {classify.SquareToken},
	"np.stripe.1":       {classify.StripeAPIKey},
	"np.stripe.2":       {classify.StripeAPIKey},
	"np.tavily.1":       {classify.TavilyAPIKey},
	"np.teamcity.1":     {classify.TeamCityToken},
	"np.telegram.1":     {classify.TelegramBotToken},
	"np.twilio.1":       {classify.TwilioAPIKey},
	"np.twitch.1":       {classify.TwitchStreamKey},
}

type npExample struct {
	RuleID   string `json:"rule_id"`
	RuleName string `json:"rule_name"`
	Label    string `json:"label"`
	Text     string `json:"text"`
}

func readNPExamples(t *testing.T) []npExample {
	t.Helper()
	f, err := os.Open(npExamplesPath)
	if os.IsNotExist(err) {
		t.Skipf("Nosey Parker examples not present at %s", npExamplesPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []npExample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e npExample
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%s: %v", npExamplesPath, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// npProvider names the provider of a rule id: "np.doppler.3" -> "doppler".
func npProvider(id string) string {
	parts := strings.Split(id, ".")
	if len(parts) >= 2 {
		return parts[1]
	}
	return id
}

// TestNoseyParkerExamples runs the engine over Nosey Parker's rule examples.
// For the rules of claimed providers it measures:
//
//   - recall on positives: a finding of a mapped type. Nosey Parker's
//     positives are "the rule must match here", and some are placeholders
//     ("aaaa…", "tvly-xxxx…") or documentation values (RFC 7617's
//     Aladdin:open sesame) that residue finds but deliberately reports
//     below POSSIBLE; the table counts those in "low", and recall at the
//     default threshold (POSSIBLE) is logged beside it;
//   - silence on negatives: no finding of a mapped type at POSSIBLE or
//     above. A negative that is also a positive of a rule mapped to the
//     same type is not a negative for that type (Nosey Parker splits one
//     type into rules that exclude each other) and is skipped.
func TestNoseyParkerExamples(t *testing.T) {
	examples := readNPExamples(t)
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()

	positiveFor := map[string]bool{} // infoType + "\x00" + text
	for _, ex := range examples {
		if ex.Label == "positive" {
			for _, typ := range npClaims[ex.RuleID] {
				positiveFor[typ+"\x00"+ex.Text] = true
			}
		}
	}

	type tally struct{ pos, found, low, neg, silent int }
	byProvider := map[string]*tally{}
	var total tally
	unclaimed := map[string]bool{}
	claimedProviders := map[string]bool{}
	for id := range npClaims {
		claimedProviders[npProvider(id)] = true
	}
	for _, ex := range examples {
		types, ok := npClaims[ex.RuleID]
		if !ok {
			if claimedProviders[npProvider(ex.RuleID)] {
				unclaimed[ex.RuleID+" "+ex.RuleName] = true
			}
			continue
		}
		p := npProvider(ex.RuleID)
		if byProvider[p] == nil {
			byProvider[p] = &tally{}
		}
		tl := byProvider[p]
		best := classify.Likelihood(0)
		for _, f := range scanAll(s, "text", []byte(ex.Text)) {
			if slices.Contains(types, f.InfoType) && f.Likelihood > best {
				best = f.Likelihood
			}
		}
		switch ex.Label {
		case "positive":
			tl.pos++
			switch {
			case best >= classify.Possible:
				tl.found++
			case best > 0:
				tl.low++
				t.Logf("positive reported below POSSIBLE (%s): %s %q", best, ex.RuleID, clip(ex.Text))
			default:
				t.Logf("positive missed: %s %q", ex.RuleID, clip(ex.Text))
			}
		case "negative":
			shared := false
			for _, typ := range types {
				shared = shared || positiveFor[typ+"\x00"+ex.Text]
			}
			if shared {
				continue
			}
			tl.neg++
			if best < classify.Possible {
				tl.silent++
			} else {
				t.Logf("negative reported (%s): %s %q", best, ex.RuleID, clip(ex.Text))
			}
		}
	}

	providers := make([]string, 0, len(byProvider))
	for p := range byProvider {
		providers = append(providers, p)
	}
	slices.Sort(providers)
	var b strings.Builder
	var rows [][]string
	fmt.Fprintf(&b, "\n%-14s %9s %4s %9s %9s\n", "provider", "recall", "low", "≥POSSIBLE", "silence")
	for _, p := range providers {
		tl := byProvider[p]
		total.pos += tl.pos
		total.found += tl.found
		total.low += tl.low
		total.neg += tl.neg
		total.silent += tl.silent
		fmt.Fprintf(&b, "%-14s %9s %4d %9s %9s\n", p, ratio(tl.found+tl.low, tl.pos), tl.low, ratio(tl.found, tl.pos), ratio(tl.silent, tl.neg))
		rows = append(rows, []string{p, ratio(tl.found+tl.low, tl.pos), fmt.Sprint(tl.low), ratio(tl.found, tl.pos), ratio(tl.silent, tl.neg)})
	}
	fmt.Fprintf(&b, "%-14s %9s %4d %9s %9s\n", "all", ratio(total.found+total.low, total.pos), total.low, ratio(total.found, total.pos), ratio(total.silent, total.neg))
	t.Log(b.String())
	rows = append(rows, []string{"**all**", pctOf(total.found+total.low, total.pos), fmt.Sprint(total.low), pctOf(total.found, total.pos), pctOf(total.silent, total.neg)})
	writeEvalSection(t, "2-noseyparker", "Secrets: Nosey Parker's rule examples (noseyparker-rules)",
		"573 snippets from Nosey Parker's rules, each labelled positive (the rule must find a secret) or negative "+
			"(it must stay silent), for the providers residue claims. A positive is found when a finding of the mapped "+
			"type is made; \"low\" counts positives residue reports only below POSSIBLE on purpose (placeholders such "+
			"as `aaaa…`, RFC and documentation example values). A negative is silent when nothing of the mapped type "+
			"is reported at POSSIBLE or above.",
		[]string{"provider", "found (any likelihood)", "low", "found at POSSIBLE+", "negatives silent"}, rows)
	var left []string
	for r := range unclaimed {
		left = append(left, r)
	}
	slices.Sort(left)
	t.Logf("rules of claimed providers left out: %s", strings.Join(left, "; "))

	if recall := float64(total.found+total.low) / float64(total.pos); recall < 0.95 {
		t.Errorf("recall %.3f on the positives of claimed providers, want at least 0.95", recall)
	}
	if recall := float64(total.found) / float64(total.pos); recall < 0.85 {
		t.Errorf("recall at POSSIBLE %.3f on the positives of claimed providers, want at least 0.85", recall)
	}
	if silence := float64(total.silent) / float64(total.neg); silence < 0.95 {
		t.Errorf("silence %.3f on the negatives of claimed providers, want at least 0.95", silence)
	}
}

func pctOf(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", a, b, 100*float64(a)/float64(b))
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", a, b)
}

// clip shortens an example for the log; examples are public test strings.
func clip(s string) string {
	s = strings.ReplaceAll(s, "\n", `\n`)
	if len(s) > 110 {
		return s[:110] + "…"
	}
	return s
}
