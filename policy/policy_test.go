package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/policy"
	"github.com/residuehq/residue/sampling"
)

func TestDefaultPolicy(t *testing.T) {
	p, err := policy.Parse("default.yaml", policy.Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules) != 3 || p.Confidence != 0.95 || p.OnInconclusive != "fail" || p.MaxRows != 2000000 || p.MinLikelihood != classify.Likely {
		t.Fatalf("%+v", p)
	}
	secrets, pii, revoked := p.Rules[0], p.Rules[1], p.Rules[2]
	if secrets.Kind != policy.KindForbid || pii.Kind != policy.KindMaxRate || pii.MaxRate != 0.001 || revoked.Kind != policy.KindRevoked {
		t.Errorf("rules %+v", p.Rules)
	}
	for _, c := range []struct {
		rule     policy.Rule
		infoType string
		category string
		l        classify.Likelihood
		want     bool
	}{
		{secrets, "AWS_ACCESS_KEY_ID", classify.CategorySecrets, classify.VeryLikely, true},
		{secrets, "EMAIL_ADDRESS", classify.CategoryContact, classify.VeryLikely, false},
		{pii, "EMAIL_ADDRESS", classify.CategoryContact, classify.Likely, true},
		{pii, "EMAIL_ADDRESS", classify.CategoryContact, classify.Possible, false},
		{pii, "US_SOCIAL_SECURITY_NUMBER", classify.CategoryIdentity, classify.VeryLikely, true},
		{pii, "IP_ADDRESS", classify.CategoryNetwork, classify.VeryLikely, false},
		{pii, "AWS_ACCESS_KEY_ID", classify.CategorySecrets, classify.VeryLikely, false},
	} {
		if got := c.rule.Covers(c.infoType, c.category, c.l); got != c.want {
			t.Errorf("%s covers %s at %s: %v", c.rule.Name, c.infoType, c.l, got)
		}
	}
}

// TestPolicyErrors: every mistake is refused with the line it is on.
func TestPolicyErrors(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"not yaml", "version: 1\nrules: [\n", "p.yaml:2: did not find expected node content"},
		{"no rules", "version: 1\n", "p.yaml:1: the policy: missing property 'rules'"},
		{"wrong version", "version: 2\nrules:\n  - name: a\n    revoked: forbid\n", "p.yaml:1: /version: value must be 1"},
		{"unknown key", "version: 1\nrulez: []\nrules:\n  - name: a\n    revoked: forbid\n", "p.yaml:1: the policy: additional properties 'rulez' not allowed"},
		{"rate out of range", "version: 1\nrules:\n  - name: pii\n    categories: [pii]\n    max_rate: 1.5\n", "p.yaml:5: /rules/0/max_rate: exclusiveMaximum: got 1.5, want 1"},
		{"bad likelihood", "version: 1\nmin_likelihood: SURE\nrules:\n  - name: a\n    revoked: forbid\n", "p.yaml:2: /min_likelihood: value must be one of"},
		{"two kinds", "version: 1\nrules:\n  - name: a\n    revoked: forbid\n  - name: b\n    forbid: true\n    max_rate: 0.1\n    categories: [pii]\n", "p.yaml:5: /rules/1: give exactly one of forbid, max_rate and revoked"},
		{"unknown category", "version: 1\nrules:\n  - name: a\n    forbid: true\n    categories: [secret]\n", "p.yaml:5: /rules/0/categories/0: value must be one of"},
		{"nothing covered", "version: 1\nrules:\n  - name: a\n    forbid: true\n", "p.yaml:3: rule \"a\": name the info_types or categories it covers"},
		{"duplicate name", "version: 1\nrules:\n  - name: a\n    revoked: forbid\n  - name: a\n    revoked: forbid\n", "p.yaml:5: rules[1]: a rule named \"a\" comes earlier"},
		{"bad pattern", "version: 1\nallow:\n  - pattern: '('\nrules:\n  - name: a\n    revoked: forbid\n", "p.yaml:3: allow[0].pattern: error parsing regexp"},
		{"value and pattern", "version: 1\nallow:\n  - pattern: 'x'\n    value: y\nrules:\n  - name: a\n    revoked: forbid\n", "p.yaml:3: /allow/0: give exactly one of value and pattern"},
		{"empty", "", "p.yaml: empty policy"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := policy.Parse("p.yaml", []byte(c.text))
			var pe *policy.Error
			if err == nil || !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got %v\nwant an error starting %q", err, c.want)
			}
		})
	}
}

// TestEvaluate: the verdict follows each rule's decision, the worst rule
// decides, and inconclusive passes only when the policy says so.
func TestEvaluate(t *testing.T) {
	p, err := policy.Parse("p.yaml", policy.Default)
	if err != nil {
		t.Fatal(err)
	}
	decision := func(secrets, pii string) *sampling.Decision {
		return &sampling.Decision{RowsSampled: 5000, RowsTotal: 1e6, Rounds: 1, Groups: []sampling.TypeDecision{
			{InfoType: "no-secrets", Verdict: secrets}, {InfoType: "pii-rate", Verdict: pii, Rows: 3, Upper: 0.0008}}}
	}
	for _, c := range []struct {
		secrets, pii string
		revoked      []string
		want         string
		passes       bool
	}{
		{sampling.VerdictClean, sampling.VerdictClean, nil, policy.Pass, true},
		{sampling.VerdictAbove, sampling.VerdictClean, nil, policy.Fail, false},
		{sampling.VerdictClean, sampling.VerdictAbove, nil, policy.Fail, false},
		{sampling.VerdictClean, sampling.VerdictInconclusive, nil, policy.Inconclusive, false},
		{sampling.VerdictClean, sampling.VerdictClean, []string{"revocation 1 (erasure-request): a revoked EMAIL_ADDRESS in x"}, policy.Fail, false},
		{sampling.VerdictAbove, sampling.VerdictInconclusive, nil, policy.Fail, false},
	} {
		r := p.Evaluate("s3://b/d", decision(c.secrets, c.pii), c.revoked)
		if r.Verdict != c.want || r.Passes != c.passes || len(r.Rules) != 3 {
			t.Errorf("%s/%s/%v: %s passes %v, want %s %v", c.secrets, c.pii, c.revoked, r.Verdict, r.Passes, c.want, c.passes)
		}
	}
	p.OnInconclusive = policy.Pass
	if r := p.Evaluate("d", decision(sampling.VerdictClean, sampling.VerdictInconclusive), nil); r.Verdict != policy.Inconclusive || !r.Passes {
		t.Errorf("on_inconclusive pass: %+v", r)
	}
	r := p.Evaluate("d", decision(sampling.VerdictClean, sampling.VerdictClean), nil)
	if got := r.Rules[1].Text; got != "3 with hits in 5,000 of 1,000,000 rows sampled, rate in [0 %, 0.080 %]: below 0.10 % at 95 %" {
		t.Errorf("text: %q", got)
	}
}

func TestConfidentAndGroups(t *testing.T) {
	p, err := policy.Parse("p.yaml", []byte(`version: 1
confidence: 0.9
budget: {max_rows: 5000}
rules:
  - name: secrets
    forbid: true
    categories: [secrets]
  - name: emails
    max_rate: 0.01
    info_types: [EMAIL_ADDRESS]
    confidence: 0.99
  - name: pii
    max_rate: 0.002
    categories: [pii]
`))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Confident()
	if c.MaxRate != 0.002 || c.Confidence != 0.99 || c.MaxRows != 5000 {
		t.Errorf("confident %+v", c)
	}
	gs := p.Groups(func(string) string { return classify.CategoryContact })
	if len(gs) != 3 || !gs[0].Forbid || gs[1].MaxRate != 0.01 || !gs[1].Match("EMAIL_ADDRESS", classify.Likely) || gs[1].Match("PHONE_NUMBER", classify.Likely) {
		t.Errorf("groups %+v", gs)
	}
}

// FuzzParse: no input panics, and an accepted policy has rules with a kind.
func FuzzParse(f *testing.F) {
	f.Add(policy.Default)
	f.Add([]byte("version: 1\nrules:\n  - name: a\n    revoked: forbid\n"))
	f.Add([]byte("version: 1\nallow:\n  - pattern: 'x'\nrules:\n  - {name: b, max_rate: 0.5, info_types: [X]}\n"))
	f.Add([]byte("version: 1\nrules: [\n"))
	f.Add([]byte("- 1\n- 2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := policy.Parse("f.yaml", b)
		if err != nil {
			return
		}
		for _, r := range p.Rules {
			if r.Kind == "" || r.Name == "" {
				t.Fatalf("accepted a rule without a kind or name: %+v", r)
			}
		}
	})
}
