// Package config reads residue.yaml: custom detectors, allow lists and
// detection settings. Every error names the file and line it comes from;
// unknown keys are errors, so a typo does not silently disable a rule.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// File is a parsed configuration file.
type File struct {
	Path      string
	Detection Detection
	Detectors []Detector
	Allow     []Allow
	Sources   []Source
}

// Source is a place residue sweep reads and records: a bucket prefix or a
// local folder, read in full unless a sample rate is given.
type Source struct {
	URL string `yaml:"url"`
	// SampleRate reads each record with this probability (0: every one).
	SampleRate float64 `yaml:"sample_rate"`
	Seed       uint64  `yaml:"seed"`
	// Schedule is a note for people ("nightly 02:00 UTC"); cron or a
	// Kubernetes CronJob runs the sweep.
	Schedule string `yaml:"schedule"`
	Line     int    `yaml:"-"`
}

// Detection holds settings of the detector engine.
type Detection struct {
	// ContextWindow is how many bytes either side of a match are searched
	// for context words; 0 keeps the default.
	ContextWindow int `yaml:"context_window"`
	// MinLikelihood is the default --min-likelihood.
	MinLikelihood string `yaml:"min_likelihood"`
	// Disable lists built-in detector ids or infoTypes to switch off.
	Disable []string `yaml:"disable"`
}

// Detector is a custom detector: detectors are data.
type Detector struct {
	Name           string   `yaml:"name"`
	InfoType       string   `yaml:"info_type"`
	Category       string   `yaml:"category"`
	Description    string   `yaml:"description"`
	Pattern        string   `yaml:"pattern"`
	Keywords       []string `yaml:"keywords"`
	Validator      string   `yaml:"validator"`
	Context        []string `yaml:"context"`
	RequireContext bool     `yaml:"require_context"`
	Likelihood     string   `yaml:"likelihood"`
	// Line is where the entry starts in the file, for messages.
	Line int `yaml:"-"`
}

// Allow is an allow-list entry: findings whose value equals Value, or
// matches the RE2 Pattern, are not reported. Detector or InfoType limit it;
// with neither it applies to every detector.
type Allow struct {
	Value    string `yaml:"value"`
	Pattern  string `yaml:"pattern"`
	Detector string `yaml:"detector"`
	InfoType string `yaml:"info_type"`
	Reason   string `yaml:"reason"`
	Line     int    `yaml:"-"`
}

// document is the file's top level.
type document struct {
	Detection Detection   `yaml:"detection"`
	Detectors []yaml.Node `yaml:"detectors"`
	Allow     []yaml.Node `yaml:"allow"`
	Sources   []yaml.Node `yaml:"sources"`
	// Sections other commands read are accepted here and checked there.
	Policy any `yaml:"policy"`
}

// Load reads and parses a configuration file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, b)
}

// Parse parses configuration text; path is used in messages.
func Parse(path string, b []byte) (*File, error) {
	f := &File{Path: path}
	var doc document
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, f.yamlErr(err)
	}
	f.Detection = doc.Detection
	for i := range doc.Detectors {
		n := &doc.Detectors[i]
		var d Detector
		if err := decodeStrict(n, &d); err != nil {
			return nil, f.errorf(n.Line, "detectors[%d]: %v", i, err)
		}
		d.Line = n.Line
		if d.Name == "" {
			return nil, f.errorf(n.Line, "detectors[%d]: name is required", i)
		}
		if d.Pattern == "" {
			return nil, f.errorf(n.Line, "detector %q: pattern is required", d.Name)
		}
		f.Detectors = append(f.Detectors, d)
	}
	for i := range doc.Allow {
		n := &doc.Allow[i]
		var a Allow
		if err := decodeStrict(n, &a); err != nil {
			return nil, f.errorf(n.Line, "allow[%d]: %v", i, err)
		}
		a.Line = n.Line
		if (a.Value == "") == (a.Pattern == "") {
			return nil, f.errorf(n.Line, "allow[%d]: give exactly one of value and pattern", i)
		}
		f.Allow = append(f.Allow, a)
	}
	for i := range doc.Sources {
		n := &doc.Sources[i]
		var src Source
		if err := decodeStrict(n, &src); err != nil {
			return nil, f.errorf(n.Line, "sources[%d]: %v", i, err)
		}
		src.Line = n.Line
		switch {
		case src.URL == "":
			return nil, f.errorf(n.Line, "sources[%d]: url is required", i)
		case src.SampleRate < 0 || src.SampleRate > 1:
			return nil, f.errorf(n.Line, "source %s: sample_rate %v: want a probability", src.URL, src.SampleRate)
		}
		f.Sources = append(f.Sources, src)
	}
	return f, nil
}

// decodeStrict decodes one node, refusing keys the struct does not have.
func decodeStrict(n *yaml.Node, v any) error {
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			_, msg := splitLine(te.Errors[0])
			return errors.New(msg)
		}
		return err
	}
	return nil
}

// Error is a configuration error at a place in a file.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

func (f *File) errorf(line int, format string, args ...any) error {
	return &Error{Path: f.Path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Errorf makes an error located at an entry of this file, for the packages
// that check what the entries mean.
func (f *File) Errorf(line int, format string, args ...any) error {
	return f.errorf(line, format, args...)
}

// yamlErr turns the YAML library's messages ("yaml: line 3: …") into
// located errors.
func (f *File) yamlErr(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		line, msg := splitLine(te.Errors[0])
		return f.errorf(line, "%s", msg)
	}
	line, msg := splitLine(err.Error())
	return f.errorf(line, "%s", msg)
}

var lineMsg = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func splitLine(s string) (int, string) {
	m := lineMsg.FindStringSubmatch(s)
	if m == nil {
		return 0, strings.TrimPrefix(s, "yaml: ")
	}
	line, _ := strconv.Atoi(m[1])
	return line, m[2]
}
