package config_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/residuehq/residue/internal/config"
)

func TestParse(t *testing.T) {
	f, err := config.Parse("residue.yaml", []byte(`
detection:
  context_window: 80
  min_likelihood: LIKELY
  disable: [phone-bare]
detectors:
  - name: employee-id
    info_type: EMPLOYEE_ID
    pattern: 'EMP-\d{6}'
    keywords: [emp-]
    likelihood: LIKELY
    context: [employee]
allow:
  - value: noreply@corp.example
    info_type: EMAIL_ADDRESS
    reason: our bounce address
  - pattern: '^10\.'
    detector: ipv4
`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Detection.ContextWindow != 80 || f.Detection.MinLikelihood != "LIKELY" || len(f.Detection.Disable) != 1 {
		t.Errorf("detection = %+v", f.Detection)
	}
	if len(f.Detectors) != 1 || f.Detectors[0].Name != "employee-id" || f.Detectors[0].Line != 7 || f.Detectors[0].Keywords[0] != "emp-" {
		t.Errorf("detectors = %+v", f.Detectors)
	}
	if len(f.Allow) != 2 || f.Allow[0].Line != 14 || f.Allow[1].Pattern != `^10\.` {
		t.Errorf("allow = %+v", f.Allow)
	}
}

func TestParseErrorsAreLocated(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown top-level key", "detectoors: []\n", "residue.yaml:1: "},
		{"unknown detector key", "detectors:\n  - name: x\n    pattern: y\n    patern: z\n", "residue.yaml:2: detectors[0]: "},
		{"missing pattern", "detectors:\n  - name: x\n", `residue.yaml:2: detector "x": pattern is required`},
		{"missing name", "detectors:\n  - pattern: x\n", "residue.yaml:2: detectors[0]: name is required"},
		{"bad yaml", "detectors:\n  - name: [\n", "residue.yaml:"},
		{"allow with both", "allow:\n  - value: a\n    pattern: b\n", "residue.yaml:2: allow[0]: give exactly one of value and pattern"},
		{"wrong type", "detection:\n  context_window: many\n", "residue.yaml:2: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("residue.yaml", []byte(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *config.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestEmptyFile(t *testing.T) {
	f, err := config.Parse("empty.yaml", nil)
	if err != nil || len(f.Detectors) != 0 {
		t.Fatalf("%+v, %v", f, err)
	}
}

func TestParseSources(t *testing.T) {
	f, err := config.Parse("r.yaml", []byte(`sources:
  - url: s3://bucket/corpus
    sample_rate: 0.01
    seed: 7
    schedule: nightly 02:00 UTC
  - url: /data/local
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Sources) != 2 || f.Sources[0].URL != "s3://bucket/corpus" || f.Sources[0].SampleRate != 0.01 || f.Sources[0].Seed != 7 || f.Sources[1].Line != 6 {
		t.Fatalf("%+v", f.Sources)
	}
	for src, want := range map[string]string{
		"sources:\n  - sample_rate: 0.1\n":             "r.yaml:2: sources[0]: url is required",
		"sources:\n  - url: x\n    sample_rate: 2\n":   "r.yaml:2: source x: sample_rate 2: want a probability",
		"sources:\n  - url: x\n    shedule: nightly\n": "r.yaml:2: sources[0]:",
	} {
		if _, err := config.Parse("r.yaml", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}
