package policy

import (
	"fmt"
	"math"
	"strings"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sampling"
)

// Verdicts.
const (
	Pass         = "pass"
	Fail         = "fail"
	Inconclusive = "inconclusive"
)

// Groups returns the sampling groups of the forbid and rate rules, named
// after them; category gives an infoType's category.
func (p *Policy) Groups(category func(infoType string) string) []sampling.Group {
	var gs []sampling.Group
	for i := range p.Rules {
		r := &p.Rules[i]
		if r.Kind == KindRevoked {
			continue
		}
		gs = append(gs, sampling.Group{Name: r.Name, MaxRate: r.MaxRate, Forbid: r.Kind == KindForbid,
			Match: func(t string, l classify.Likelihood) bool { return r.Covers(t, category(t), l) }})
	}
	return gs
}

// Confident returns how to sample: the strictest threshold and confidence
// of the rate rules, within the policy's row budget. Forbid rules need no
// threshold of their own; with no rate rule the first round is sized to
// bound a rate of 0.1 %.
func (p *Policy) Confident() *sampling.Confident {
	c := &sampling.Confident{MaxRate: 1, Confidence: p.Confidence, MaxRows: p.MaxRows}
	for _, r := range p.Rules {
		if r.Kind == KindMaxRate {
			c.MaxRate = min(c.MaxRate, r.MaxRate)
		}
		if r.Kind != KindRevoked {
			c.Confidence = max(c.Confidence, r.Confidence)
		}
	}
	if c.MaxRate == 1 {
		c.MaxRate = 0.001
	}
	return c
}

// RuleResult is one rule's verdict with its evidence.
type RuleResult struct {
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Verdict      string   `json:"verdict"`
	RowsSampled  int64    `json:"rows_sampled"`
	RowsTotal    int64    `json:"rows_total"`
	RowsWithHits int64    `json:"rows_with_hits"`
	Lower        float64  `json:"lower"`
	Upper        float64  `json:"upper"`
	MaxRate      float64  `json:"max_rate,omitempty"`
	Confidence   float64  `json:"confidence,omitempty"`
	Revoked      []string `json:"revoked,omitempty"`
	Text         string   `json:"text"`
}

// Result is a policy's verdict on a dataset.
type Result struct {
	Verdict      string       `json:"verdict"`
	Dataset      string       `json:"dataset"`
	Version      int64        `json:"version,omitempty"`
	Policy       string       `json:"policy"`
	PolicyDigest string       `json:"policy_digest"`
	RowsSampled  int64        `json:"rows_sampled"`
	RowsTotal    int64        `json:"rows_total"`
	Rounds       int          `json:"rounds"`
	BytesRead    int64        `json:"bytes_read"`
	BytesTotal   int64        `json:"bytes_total"`
	Seconds      float64      `json:"seconds"`
	Rules        []RuleResult `json:"rules"`
	// Passes says whether the gate lets training start: a pass, or an
	// inconclusive verdict under on_inconclusive: pass.
	Passes bool   `json:"passes"`
	Text   string `json:"text"`
}

// Evaluate turns a sample's decision and the revoked data found (per
// revoked rule, each a plain description) into the policy's verdict.
func (p *Policy) Evaluate(dataset string, d *sampling.Decision, revoked []string) Result {
	res := Result{Dataset: dataset, Policy: p.Path, PolicyDigest: p.Digest, Verdict: Pass}
	if d != nil {
		res.RowsSampled, res.RowsTotal, res.Rounds = d.RowsSampled, d.RowsTotal, d.Rounds
	}
	groups := map[string]sampling.TypeDecision{}
	if d != nil {
		for _, g := range d.Groups {
			groups[g.InfoType] = g
		}
	}
	for _, r := range p.Rules {
		rr := RuleResult{Name: r.Name, Kind: r.Kind, RowsSampled: res.RowsSampled, RowsTotal: res.RowsTotal}
		switch r.Kind {
		case KindRevoked:
			rr.Revoked = revoked
			rr.Verdict = Pass
			rr.Text = "holds no revoked data"
			if len(revoked) > 0 {
				rr.Verdict = Fail
				rr.Text = fmt.Sprintf("holds revoked data: %s", strings.Join(revoked, "; "))
			}
		default:
			g, ok := groups[r.Name]
			rr.Confidence = r.Confidence
			rr.MaxRate = r.MaxRate
			rr.RowsWithHits, rr.Lower, rr.Upper = g.Rows, g.Lower, g.Upper
			switch {
			case !ok:
				rr.Verdict = Inconclusive
				rr.Text = "no sample was read"
			case g.Verdict == sampling.VerdictAbove:
				rr.Verdict = Fail
			case g.Verdict == sampling.VerdictClean:
				rr.Verdict = Pass
			default:
				rr.Verdict = Inconclusive
			}
			if ok {
				rr.Text = ruleText(r, rr)
			}
		}
		switch {
		case rr.Verdict == Fail:
			res.Verdict = Fail
		case rr.Verdict == Inconclusive && res.Verdict == Pass:
			res.Verdict = Inconclusive
		}
		res.Rules = append(res.Rules, rr)
	}
	res.Passes = res.Verdict == Pass || res.Verdict == Inconclusive && p.OnInconclusive == Pass
	return res
}

func ruleText(r Rule, rr RuleResult) string {
	of := fmt.Sprintf("%s of %s rows sampled", thousands(rr.RowsSampled), thousands(rr.RowsTotal))
	if r.Kind == KindForbid {
		if rr.RowsWithHits > 0 {
			return fmt.Sprintf("%s hold a forbidden finding (%s)", thousands(rr.RowsWithHits), of)
		}
		return fmt.Sprintf("no forbidden finding in %s; its rate is below %s at %s", of, pct(rr.Upper), pct(r.Confidence))
	}
	hits := fmt.Sprintf("%s with hits in %s", thousands(rr.RowsWithHits), of)
	interval := fmt.Sprintf("rate in [%s, %s]", pct(rr.Lower), pct(rr.Upper))
	switch rr.Verdict {
	case Fail:
		return fmt.Sprintf("%s, %s: above %s at %s", hits, interval, pct(r.MaxRate), pct(r.Confidence))
	case Pass:
		return fmt.Sprintf("%s, %s: below %s at %s", hits, interval, pct(r.MaxRate), pct(r.Confidence))
	}
	return fmt.Sprintf("%s, %s: not yet decided against %s", hits, interval, pct(r.MaxRate))
}

// pct writes a rate as a percentage with as many digits as it needs.
func pct(x float64) string {
	v := x * 100
	switch {
	case v == 0:
		return "0 %"
	case v >= 10:
		return fmt.Sprintf("%.0f %%", v)
	case v >= 1:
		return fmt.Sprintf("%.1f %%", v)
	}
	digits := int(math.Ceil(-math.Log10(v))) + 1
	return fmt.Sprintf("%.*f %%", digits, v)
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
