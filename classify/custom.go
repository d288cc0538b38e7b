package classify

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// CustomSpec describes a detector written by a user (residue.yaml): a
// pattern, the keywords that anchor it, a validator by name, context words
// and a likelihood.
type CustomSpec struct {
	Name           string
	InfoType       string
	Category       string
	Description    string
	Pattern        string
	Keywords       []string
	Validator      string
	Context        []string
	RequireContext bool
	Likelihood     string
}

// customWindow is how far from a keyword a custom pattern may reach: the
// keyword's place in the pattern is unknown.
const customWindow = 256

// NewCustom turns a spec into a Detector, or says what is wrong with it.
// Without keywords the pattern runs over every text, which is slow; with
// them only near a keyword, as built-in detectors do.
func NewCustom(spec CustomSpec) (*Detector, error) {
	if spec.Name == "" {
		return nil, fmt.Errorf("name is required")
	}
	if _, err := regexp.Compile(spec.Pattern); err != nil {
		return nil, fmt.Errorf("pattern: %v", err)
	}
	d := &Detector{
		ID:             spec.Name,
		InfoType:       spec.InfoType,
		Category:       spec.Category,
		Description:    spec.Description,
		Version:        1,
		Pattern:        spec.Pattern,
		Edge:           EdgeAuto,
		Context:        spec.Context,
		RequireContext: spec.RequireContext,
		Likelihood:     Likely,
	}
	if d.InfoType == "" {
		d.InfoType = strings.ToUpper(strings.NewReplacer("-", "_", " ", "_", ".", "_").Replace(spec.Name))
	}
	if d.Category == "" {
		d.Category = "custom"
	}
	if d.Description == "" {
		d.Description = "custom detector " + spec.Name
	}
	if spec.Likelihood != "" {
		l, err := ParseLikelihood(spec.Likelihood)
		if err != nil {
			return nil, fmt.Errorf("likelihood: %v", err)
		}
		d.Likelihood = l
	}
	if len(spec.Keywords) > 0 {
		for _, k := range spec.Keywords {
			if len(k) < minKeyword {
				return nil, fmt.Errorf("keyword %q: keywords are at least %d bytes", k, minKeyword)
			}
		}
		d.Anchor, d.Keywords = AnchorKeyword, spec.Keywords
		d.Before, d.After = customWindow, customWindow
	} else {
		d.Anchor = AnchorAlways
	}
	if spec.Validator != "" {
		v, ok := validators[spec.Validator]
		if !ok {
			return nil, fmt.Errorf("validator %q: want one of %s", spec.Validator, strings.Join(ValidatorNames(), ", "))
		}
		d.Validate = v
	}
	if spec.RequireContext && len(spec.Context) == 0 {
		return nil, fmt.Errorf("require_context needs context words")
	}
	if _, err := compile(d, 0); err != nil {
		return nil, err
	}
	return d, nil
}

// validators are the checks a custom detector may name. Each takes the
// matched value as written.
var validators = map[string]func([]byte) (int, bool){
	"luhn": func(v []byte) (int, bool) {
		var buf [64]byte
		d := buf[:0]
		for _, c := range v {
			if isDigit(c) && len(d) < len(buf) {
				d = append(d, c)
			}
		}
		return 1, len(d) >= 2 && luhn(d)
	},
	"credit_card": validCard,
	"iban": func(v []byte) (int, bool) {
		var buf [40]byte
		return 1, ibanValid(ibanCompact(buf[:0], v))
	},
	"email":        okIf(emailValid),
	"ip":           func(v []byte) (int, bool) { _, ok := ipAddr(v); return 0, ok },
	"mac":          okIf(macValid),
	"jwt":          func(v []byte) (int, bool) { return 1, jwtValid(v) },
	"us_ssn":       validSSN,
	"phone":        validPhone,
	"github_token": validGitHubClassic,
	"entropy":      plausible(8),
}

// ValidatorNames lists the validators custom detectors may name.
func ValidatorNames() []string {
	names := make([]string, 0, len(validators))
	for n := range validators {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
