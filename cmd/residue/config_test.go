package main

import (
	"github.com/residuehq/residue/internal/config"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The configuration reaches both `detectors test` and `scan`: a custom
// detector finds its values, the allow list drops the fixture mailbox, and
// a disabled detector is left out of "all" but runs when named.
func TestConfigCustomDetectorAllowDisable(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "residue.yaml")
	write(t, cfg, []byte(`detection:
  disable: [MAC_ADDRESS]
detectors:
  - name: acme-employee-id
    info_type: ACME_EMPLOYEE_ID
    pattern: '\bEMP-\d{6}\b'
    keywords: [emp-]
    context: [employee, badge]
allow:
  - pattern: '@acme-test\.example$'
    info_type: EMAIL_ADDRESS
    reason: fixture mailboxes
`))
	text := "Badge EMP-204918 issued; mail qa7@acme-test.example or dana.ruiz@proton.me\nMAC 3c:22:fb:10:9a:7e\n"

	res := c.runIn(text, "--config", cfg, "detectors", "test", "all")
	if res.code != 0 {
		t.Fatalf("detectors test all: exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{
		"line 1 offset 6 length 10: ACME_EMPLOYEE_ID",
		"EMAIL_ADDRESS VERY_LIKELY d***@p*****.me (email)",
		"2 findings in 2 lines.",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("detectors test all: output lacks %q:\n%s", want, res.stdout)
		}
	}
	for _, not := range []string{"MAC_ADDRESS", "acme-test", "EMP-204918"} {
		if strings.Contains(res.stdout, not) {
			t.Errorf("detectors test all: output has %q:\n%s", not, res.stdout)
		}
	}

	res = c.runIn(text, "--config", cfg, "detectors", "test", "mac")
	if res.code != 0 || !strings.Contains(res.stdout, "line 2 offset 4 length 17: MAC_ADDRESS") || !strings.Contains(res.stdout, "1 finding in 2 lines.") {
		t.Errorf("detectors test mac (disabled, named): exit %d:\n%s%s", res.code, res.stdout, res.stderr)
	}

	data := t.TempDir()
	write(t, filepath.Join(data, "notes.txt"), []byte(text))
	res = c.run("--config", cfg, "scan", data, "--format", "json", "--state-dir", t.TempDir())
	if res.code != 0 {
		t.Fatalf("scan: exit %d: %s", res.code, res.stderr)
	}
	r := decodeReport(t, res.stdout)
	got := map[string]int{}
	for _, f := range r.Findings {
		got[f.InfoType]++
	}
	if got["ACME_EMPLOYEE_ID"] != 1 || got["EMAIL_ADDRESS"] != 1 || got["MAC_ADDRESS"] != 0 {
		t.Errorf("scan with config: findings by infoType %v, want ACME_EMPLOYEE_ID 1, EMAIL_ADDRESS 1, no MAC_ADDRESS", got)
	}
}

// The example in docs/configuration.md loads, and its custom detector and
// allow entries work as the page says.
func TestConfigurationDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/configuration.md has no yaml example")
	}
	cfg := filepath.Join(t.TempDir(), "residue.yaml")
	write(t, cfg, []byte(example))
	c := newCLI(t)
	res := c.runIn("Badge EMP-204918 issued to qa7@acme-test.example\n", "--config", cfg, "detectors", "test", "all")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "ACME_EMPLOYEE_ID") || strings.Contains(res.stdout, "EMAIL_ADDRESS") {
		t.Errorf("want the employee id and no fixture mailbox:\n%s", res.stdout)
	}
	// Every other example in the page loads too.
	for blocks := 0; ; blocks++ {
		var block string
		_, rest, ok = strings.Cut(rest, "```yaml\n")
		if !ok {
			if blocks == 0 {
				t.Error("docs/configuration.md has one yaml example; the sources section's is missing")
			}
			break
		}
		block, rest, _ = strings.Cut(rest, "```")
		if _, err := config.Parse("docs/configuration.md", []byte(block)); err != nil {
			t.Errorf("example %d: %v", blocks+2, err)
		}
	}
}
