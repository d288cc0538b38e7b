// Package policy reads gate policies and turns a sample's decision into a
// verdict: what may train on a dataset, rule by rule, with the evidence.
package policy

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/config"
)

// Schema is the policy format's JSON Schema, which Parse validates against.
//
//go:embed schema.json
var Schema []byte

// Default is the commented policy `residue policy init` prints.
//
//go:embed default.yaml
var Default []byte

// Rule kinds.
const (
	KindForbid  = "forbid"
	KindMaxRate = "max_rate"
	KindRevoked = "revoked"
)

// CategoryPII stands for every category of personal data; CategoryAny
// for every category.
const (
	CategoryPII = "pii"
	CategoryAny = "any"
)

// Policy is a parsed policy.
type Policy struct {
	Path           string
	Digest         string // sha256 of the file's bytes
	Confidence     float64
	MinLikelihood  classify.Likelihood
	OnInconclusive string // "fail" or "pass"
	MaxRows        int64
	MaxSeconds     float64
	Allow          []classify.AllowRule
	Rules          []Rule
}

// Rule is one rule of a policy.
type Rule struct {
	Name          string
	Kind          string
	InfoTypes     []string
	Categories    []string
	MaxRate       float64
	MinLikelihood classify.Likelihood
	Confidence    float64
	Line          int
}

// Error is a policy error at a line of its file, as residue.yaml's are.
type Error = config.Error

// Load reads and parses a policy file.
func Load(path string) (*Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	return Parse(path, b)
}

// document mirrors the YAML; the schema has checked its shape.
type document struct {
	Version        int     `yaml:"version"`
	Confidence     float64 `yaml:"confidence"`
	MinLikelihood  string  `yaml:"min_likelihood"`
	OnInconclusive string  `yaml:"on_inconclusive"`
	Budget         struct {
		MaxRows    int64   `yaml:"max_rows"`
		MaxSeconds float64 `yaml:"max_seconds"`
	} `yaml:"budget"`
	Allow []struct {
		Value    string `yaml:"value"`
		Pattern  string `yaml:"pattern"`
		InfoType string `yaml:"info_type"`
		Detector string `yaml:"detector"`
		Reason   string `yaml:"reason"`
	} `yaml:"allow"`
	Rules []struct {
		Name          string   `yaml:"name"`
		Description   string   `yaml:"description"`
		Forbid        bool     `yaml:"forbid"`
		MaxRate       float64  `yaml:"max_rate"`
		Revoked       string   `yaml:"revoked"`
		InfoTypes     []string `yaml:"info_types"`
		Categories    []string `yaml:"categories"`
		MinLikelihood string   `yaml:"min_likelihood"`
		Confidence    float64  `yaml:"confidence"`
	} `yaml:"rules"`
}

// Parse parses and validates a policy; path names it in errors, which
// carry the line of what is wrong.
func Parse(path string, b []byte) (*Policy, error) {
	errorf := func(line int, format string, args ...any) error {
		return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		line, msg := yamlLine(err)
		return nil, errorf(line, "%s", msg)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, errorf(0, "empty policy")
	}
	doc := root.Content[0]
	if err := validate(doc); err != nil {
		var ve *locatedError
		if errors.As(err, &ve) {
			return nil, errorf(ve.line, "%s", ve.msg)
		}
		return nil, errorf(0, "%v", err)
	}
	var d document
	if err := doc.Decode(&d); err != nil {
		line, msg := yamlLine(err)
		return nil, errorf(line, "%s", msg)
	}
	sum := sha256.Sum256(b)
	p := &Policy{Path: path, Digest: "sha256:" + hex.EncodeToString(sum[:]), Confidence: d.Confidence,
		OnInconclusive: d.OnInconclusive, MaxRows: d.Budget.MaxRows, MaxSeconds: d.Budget.MaxSeconds,
		MinLikelihood: classify.Likely}
	if p.Confidence == 0 {
		p.Confidence = 0.95
	}
	if p.OnInconclusive == "" {
		p.OnInconclusive = "fail"
	}
	if p.MaxSeconds == 0 {
		p.MaxSeconds = 300
	}
	if d.MinLikelihood != "" {
		p.MinLikelihood, _ = classify.ParseLikelihood(d.MinLikelihood)
	}
	allowNodes := nodeAt(doc, "allow")
	for i, a := range d.Allow {
		line := lineOf(allowNodes, i)
		if a.Pattern != "" {
			if _, err := regexp.Compile(a.Pattern); err != nil {
				return nil, errorf(line, "allow[%d].pattern: %v", i, err)
			}
		}
		p.Allow = append(p.Allow, classify.AllowRule{Value: a.Value, Pattern: a.Pattern, InfoType: a.InfoType, Detector: a.Detector})
	}
	ruleNodes := nodeAt(doc, "rules")
	names := map[string]bool{}
	for i, r := range d.Rules {
		line := lineOf(ruleNodes, i)
		if names[r.Name] {
			return nil, errorf(line, "rules[%d]: a rule named %q comes earlier", i, r.Name)
		}
		names[r.Name] = true
		rule := Rule{Name: r.Name, InfoTypes: r.InfoTypes, Categories: r.Categories, MaxRate: r.MaxRate,
			Confidence: r.Confidence, MinLikelihood: p.MinLikelihood, Line: line}
		switch {
		case r.Forbid:
			rule.Kind = KindForbid
		case r.MaxRate > 0:
			rule.Kind = KindMaxRate
		default:
			rule.Kind = KindRevoked
		}
		if rule.Kind != KindRevoked && len(rule.InfoTypes) == 0 && len(rule.Categories) == 0 {
			return nil, errorf(line, "rule %q: name the info_types or categories it covers", r.Name)
		}
		if rule.Confidence == 0 {
			rule.Confidence = p.Confidence
		}
		if r.MinLikelihood != "" {
			rule.MinLikelihood, _ = classify.ParseLikelihood(r.MinLikelihood)
		}
		p.Rules = append(p.Rules, rule)
	}
	return p, nil
}

// Covers reports whether a finding of infoType (in category) at
// likelihood l counts for the rule.
func (r *Rule) Covers(infoType, category string, l classify.Likelihood) bool {
	if l < r.MinLikelihood {
		return false
	}
	if slices.Contains(r.InfoTypes, infoType) {
		return true
	}
	for _, c := range r.Categories {
		switch {
		case c == CategoryAny, c == category:
			return true
		case c == CategoryPII && category != "" && category != classify.CategorySecrets && category != classify.CategoryNetwork:
			return true
		}
	}
	return false
}

// locatedError is a schema violation at a line.
type locatedError struct {
	line int
	msg  string
}

func (e *locatedError) Error() string { return e.msg }

// validate checks the document against Schema and locates the first
// violation at the line of the value it concerns.
func validate(doc *yaml.Node) error {
	var v any
	if err := doc.Decode(&v); err != nil {
		return err
	}
	j, err := json.Marshal(normalize(v))
	if err != nil {
		return fmt.Errorf("policy is not representable as JSON: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return err
	}
	sch, err := compiled()
	if err != nil {
		return err
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	leaf := deepest(ve)
	loc := leaf.InstanceLocation
	msg := strings.TrimSpace(leaf.ErrorKind.LocalizedString(message.NewPrinter(language.English)))
	where := "/" + strings.Join(loc, "/")
	if len(loc) == 0 {
		where = "the policy"
	}
	// The schema says "one kind per rule" and "a value or a pattern" with
	// oneOf and not, whose own messages name the keywords, not the fix.
	if strings.Contains(msg, "'not' failed") || strings.Contains(msg, "'oneOf' failed") {
		switch {
		case len(loc) == 2 && loc[0] == "rules":
			msg = "give exactly one of forbid, max_rate and revoked (a revoked rule takes no info_types or categories)"
		case len(loc) == 2 && loc[0] == "allow":
			msg = "give exactly one of value and pattern"
		}
	}
	return &locatedError{line: lineAt(doc, loc), msg: fmt.Sprintf("%s: %s", where, msg)}
}

// deepest follows the first cause down to the most specific violation.
func deepest(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(e.Causes) > 0 {
		e = e.Causes[0]
	}
	return e
}

func compiled() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("policy.schema.json", doc); err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	return c.Compile("policy.schema.json")
}

// normalize turns YAML's decoded maps into JSON's.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[fmt.Sprint(k)] = normalize(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}

// lineAt finds the line of the node at a JSON pointer's tokens: the
// deepest node that exists on the way.
func lineAt(n *yaml.Node, loc []string) int {
	line := n.Line
	for _, tok := range loc {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					line = n.Content[i].Line
					next = n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(tok); err == nil && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			return line
		}
		n = next
		line = n.Line
	}
	return line
}

func nodeAt(doc *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == key {
			return doc.Content[i+1]
		}
	}
	return nil
}

func lineOf(seq *yaml.Node, i int) int {
	if seq == nil || i >= len(seq.Content) {
		return 0
	}
	return seq.Content[i].Line
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlLine splits "yaml: line N: msg" into N and msg.
func yamlLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// WriteDefault writes the default policy.
func WriteDefault(w io.Writer) error {
	_, err := w.Write(Default)
	return err
}
