package evidence

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sampling"
)

// SARIFSchema is the $schema of findings.sarif: the OASIS SARIF 2.1.0
// schema (errata 01), the one its tests validate against.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIFFingerprint is the partialFingerprints key holding a finding's
// keyed fingerprint: the same value found again, anywhere, has the same.
const SARIFFingerprint = "residueValueHmac/v1"

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
}

type sarifLogicalLocation struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
	category             string          // for the results' levels; not written
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	StartTimeUTC        string              `json:"startTimeUtc,omitempty"`
	EndTimeUTC          string              `json:"endTimeUtc,omitempty"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	Properties          sarifInvocationProp `json:"properties"`
}

type sarifInvocationProp struct {
	Report      int64    `json:"report"`
	Mode        string   `json:"mode"`
	Seed        uint64   `json:"seed"`
	Roots       []string `json:"roots"`
	Objects     int64    `json:"objects"`
	Rows        int64    `json:"rows"`
	RowsScanned int64    `json:"rows_scanned"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Provenance          sarifProvenance   `json:"provenance"`
	Properties          sarifResultProps  `json:"properties"`
}

type sarifProvenance struct {
	InvocationIndex int `json:"invocationIndex"`
}

type sarifResultProps struct {
	Report int64 `json:"report"`
	// Object is the object's URL as residue names it, when the location's
	// URI had to escape it.
	Object     string `json:"object,omitempty"`
	Row        int64  `json:"row"`
	Field      string `json:"field"`
	Part       string `json:"part,omitempty"`
	Encoding   string `json:"encoding,omitempty"`
	Offset     int    `json:"offset"`
	Length     int    `json:"length"`
	Likelihood string `json:"likelihood"`
	Detector   string `json:"detector"`
	Preview    string `json:"preview"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

// sarifWriter builds findings.sarif: one run, one invocation per stored
// report, one rule per infoType and one result per finding. Results go
// to a scratch file as they come, since the rules that head the log are
// known only at the end.
type sarifWriter struct {
	dir         string
	tool        Tool
	cats        map[string]category
	scratch     *os.File
	bw          *bufio.Writer
	results     int64
	rules       []sarifRule
	ruleIndex   map[string]int
	invocations []sarifInvocation
}

const sarifScratch = ".findings.sarif.results"

func newSARIFWriter(dir string, tool Tool, cats map[string]category) (*sarifWriter, error) {
	f, err := os.Create(filepath.Join(dir, sarifScratch))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", FileSARIF, err)
	}
	return &sarifWriter{dir: dir, tool: tool, cats: cats, scratch: f, bw: bufio.NewWriter(f), ruleIndex: map[string]int{}}, nil
}

// discard removes the scratch file; after finish it does nothing.
func (s *sarifWriter) discard() {
	if s.scratch != nil {
		s.scratch.Close()
		os.Remove(s.scratch.Name())
		s.scratch = nil
	}
}

func level(category string, l classify.Likelihood) string {
	switch {
	case l < classify.Likely:
		return "note"
	case category == classify.CategorySecrets:
		return "error"
	default:
		return "warning"
	}
}

func (s *sarifWriter) rule(infoType string) int {
	if i, ok := s.ruleIndex[infoType]; ok {
		return i
	}
	c := s.cats[infoType]
	desc := c.Description
	if desc == "" {
		desc = "Sensitive data of type " + infoType
	}
	cat := c.Category
	if cat == "" {
		cat = "custom"
	}
	s.rules = append(s.rules, sarifRule{ID: infoType, Name: infoType, ShortDescription: sarifMessage{Text: desc},
		DefaultConfiguration: sarifRuleConfig{Level: level(cat, classify.VeryLikely)},
		Properties:           sarifRuleProps{Category: cat, Tags: []string{"residue", cat}}, category: cat})
	s.ruleIndex[infoType] = len(s.rules) - 1
	return len(s.rules) - 1
}

// add records a report as an invocation, its in-scope coverage gaps as
// notifications, and findings as results.
func (s *sarifWriter) add(id int64, rep *sampling.Report, findings []sampling.Finding, inScope func(string) bool, uriOf func(string) string) error {
	inv := sarifInvocation{ExecutionSuccessful: rep.Totals.RootsFailed == 0,
		StartTimeUTC: sarifTime(rep.Started), EndTimeUTC: sarifTime(rep.Finished),
		Properties: sarifInvocationProp{Report: id, Mode: rep.Mode, Seed: rep.Seed, Roots: []string{},
			Objects: rep.Totals.Objects, Rows: rep.Totals.Rows, RowsScanned: rep.Totals.RowsScanned}}
	for _, r := range rep.Roots {
		if u := uriOf(r); inScope(u) {
			inv.Properties.Roots = append(inv.Properties.Roots, u)
		}
	}
	at := func(url string) []sarifLocation {
		return []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uriRef(url)}}}}
	}
	for _, sk := range rep.Skipped {
		if inScope(sk.URL) {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning",
				Message: sarifMessage{Text: "not scanned: " + sk.Reason}, Locations: at(sk.URL)})
		}
	}
	for _, o := range rep.Objects {
		if !inScope(o.URL) {
			continue
		}
		for _, e := range o.Errors {
			text := e.Reason
			if e.Row != nil {
				text = fmt.Sprintf("row %d: %s", *e.Row, e.Reason)
			}
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning",
				Message: sarifMessage{Text: text}, Locations: at(o.URL)})
		}
		if extra := o.ErrorsTotal - int64(len(o.Errors)); extra > 0 {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning",
				Message: sarifMessage{Text: fmt.Sprintf("%d more problems in this object", extra)}, Locations: at(o.URL)})
		}
	}
	s.invocations = append(s.invocations, inv)
	for _, f := range findings {
		ri := s.rule(f.InfoType)
		loc := at(f.Location.Object)
		if f.Location.Field != "" {
			loc[0].LogicalLocations = []sarifLogicalLocation{{Name: f.Location.Field, Kind: "member"}}
		}
		r := sarifResult{RuleID: f.InfoType, RuleIndex: ri, Level: level(s.rules[ri].category, f.Likelihood),
			Message: sarifMessage{Text: resultText(f)}, Locations: loc,
			PartialFingerprints: map[string]string{SARIFFingerprint: f.Fingerprint.String()},
			Provenance:          sarifProvenance{InvocationIndex: len(s.invocations) - 1},
			Properties: sarifResultProps{Report: id, Object: rawIfEscaped(f.Location.Object), Row: f.Location.Row, Field: f.Location.Field, Part: f.Location.Part,
				Encoding: f.Location.Encoding, Offset: f.Location.Offset, Length: f.Location.Length,
				Likelihood: f.Likelihood.String(), Detector: f.Detector, Preview: f.Preview}}
		b, err := json.MarshalIndent(r, "        ", "  ")
		if err != nil {
			return fmt.Errorf("write %s: %w", FileSARIF, err)
		}
		if s.results > 0 {
			s.bw.WriteString(",\n")
		}
		s.bw.WriteString("        ")
		if _, err := s.bw.Write(b); err != nil {
			return fmt.Errorf("write %s: %w", FileSARIF, err)
		}
		s.results++
	}
	return nil
}

// resultText says where a finding is and what it looks like masked.
func resultText(f sampling.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) at row %d", f.InfoType, f.Likelihood, f.Location.Row)
	if f.Location.Field != "" {
		fmt.Fprintf(&b, ", field %q", f.Location.Field)
	}
	if f.Location.Part == "path" {
		b.WriteString(", in the field's name")
	}
	if f.Location.Encoding != "" {
		fmt.Fprintf(&b, ", %s-encoded", f.Location.Encoding)
	}
	fmt.Fprintf(&b, ": %s", f.Preview)
	return b.String()
}

func sarifTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// finish writes findings.sarif from the rules, the invocations and the
// scratch file of results, and removes the scratch file.
func (s *sarifWriter) finish() error {
	defer s.discard()
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", FileSARIF, err)
	}
	if _, err := s.scratch.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("write %s: %w", FileSARIF, err)
	}
	if s.rules == nil {
		s.rules = []sarifRule{}
	}
	if s.invocations == nil {
		s.invocations = []sarifInvocation{}
	}
	return writeFile(s.dir, FileSARIF, func(w io.Writer) error {
		field := func(name string, v any, last bool) error {
			b, err := json.MarshalIndent(v, "      ", "  ")
			if err != nil {
				return err
			}
			sep := ",\n"
			if last {
				sep = "\n"
			}
			_, err = fmt.Fprintf(w, "      %q: %s%s", name, b, sep)
			return err
		}
		schema, _ := json.Marshal(SARIFSchema)
		if _, err := fmt.Fprintf(w, "{\n  \"$schema\": %s,\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n", schema); err != nil {
			return err
		}
		if err := field("tool", sarifTool{Driver: sarifDriver{Name: s.tool.Name, Version: s.tool.Version, Rules: s.rules}}, false); err != nil {
			return err
		}
		if err := field("invocations", s.invocations, false); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "      \"results\": ["); err != nil {
			return err
		}
		if s.results > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
			if _, err := io.Copy(w, s.scratch); err != nil {
				return err
			}
			if _, err := io.WriteString(w, "\n      "); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "]\n    }\n  ]\n}\n")
		return err
	})
}

// uriRef makes an object URL a valid URI reference, as SARIF requires of
// artifact locations. Object stores name keys with spaces and percent
// signs that their s3:// and gs:// URLs carry unescaped; file:// URLs,
// and any URL already valid, are kept as they are.
func uriRef(s string) string {
	if validURIRef(s) {
		return s
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return (&url.URL{Path: s}).EscapedPath()
	}
	host, path, _ := strings.Cut(rest, "/")
	return scheme + "://" + url.PathEscape(host) + (&url.URL{Path: "/" + path}).EscapedPath()
}

func rawIfEscaped(s string) string {
	if validURIRef(s) {
		return ""
	}
	return s
}

// validURIRef reports whether s holds only the characters RFC 3986
// allows, with every % starting an escape.
func validURIRef(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
