package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

func engineWith(t *testing.T, ds []*classify.Detector, opts classify.Options) *classify.Engine {
	t.Helper()
	key, _ := classify.NewKey([]byte("custom test key, 32 bytes long.."), "test")
	e, err := classify.NewEngine(key, ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestCustomDetector(t *testing.T) {
	d, err := classify.NewCustom(classify.CustomSpec{
		Name: "employee-id", Pattern: `EMP-\d{6}`, Keywords: []string{"emp-"},
		Context: []string{"employee"}, Likelihood: "POSSIBLE",
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.InfoType != "EMPLOYEE_ID" || d.Category != "custom" {
		t.Errorf("defaults: %q %q", d.InfoType, d.Category)
	}
	e := engineWith(t, append(classify.Builtin(), d), classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	tests := []struct {
		text string
		want []string // likelihoods of EMPLOYEE_ID findings
	}{
		{"id EMP-123456 here", []string{"POSSIBLE"}},
		{"employee EMP-123456", []string{"LIKELY"}},
		{"EMP-1234567", nil}, // longer run: not a match of the whole
		{"XEMP-123456", nil}, // glued to a word
		{"emp-123456", nil},  // the pattern is case-sensitive
		{"EMP-123456,EMP-654321", []string{"POSSIBLE", "POSSIBLE"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range scanAll(s, "text", []byte(tt.text)) {
			if f.InfoType == "EMPLOYEE_ID" {
				got = append(got, f.Likelihood.String())
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: %v, want %v", tt.text, got, tt.want)
		}
	}
	// Without keywords the pattern runs over every text.
	d2, err := classify.NewCustom(classify.CustomSpec{Name: "ticket", Pattern: `TCK\d{4}`, Validator: "luhn"})
	if err != nil {
		t.Fatal(err)
	}
	found := scanAll(engineWith(t, []*classify.Detector{d2}, classify.Options{}).NewScanner(), "text", []byte("TCK4242 and TCK4241"))
	if len(found) != 1 || found[0].Offset != 0 {
		t.Errorf("luhn-validated custom detector: %+v", found)
	}
}

func TestCustomDetectorErrors(t *testing.T) {
	for _, spec := range []classify.CustomSpec{
		{Pattern: "x"},
		{Name: "a", Pattern: "a(b"},
		{Name: "a", Pattern: "ab", Keywords: []string{"ab"}},
		{Name: "a", Pattern: "ab", Validator: "nope"},
		{Name: "a", Pattern: "ab", Likelihood: "SURE"},
		{Name: "a", Pattern: "ab", RequireContext: true},
	} {
		if _, err := classify.NewCustom(spec); err == nil {
			t.Errorf("%+v accepted", spec)
		}
	}
	if len(classify.ValidatorNames()) < 8 {
		t.Errorf("validators: %v", classify.ValidatorNames())
	}
}

func TestAllowAndDisable(t *testing.T) {
	g := synth.New(41)
	a, b := g.Value(classify.EmailAddress).Text, g.Value(classify.EmailAddress).Text
	text := []byte("write to " + a + " or " + b)
	count := func(opts classify.Options) int {
		return len(scanAll(engineWith(t, classify.Builtin(), opts).NewScanner(), "text", text))
	}
	if n := count(classify.Options{}); n != 2 {
		t.Fatalf("%d findings without rules", n)
	}
	if n := count(classify.Options{Allow: []classify.AllowRule{{Value: a}}}); n != 1 {
		t.Errorf("exact allow: %d findings, want 1", n)
	}
	if n := count(classify.Options{Allow: []classify.AllowRule{{Value: strings.ToUpper(a), InfoType: classify.EmailAddress}}}); n != 1 {
		t.Errorf("allow by normalized value: %d findings, want 1", n)
	}
	if n := count(classify.Options{Allow: []classify.AllowRule{{Pattern: `@`, Detector: "email"}}}); n != 0 {
		t.Errorf("pattern allow: %d findings, want 0", n)
	}
	if n := count(classify.Options{Allow: []classify.AllowRule{{Pattern: `@`, Detector: "ipv4"}}}); n != 2 {
		t.Errorf("allow for another detector applied: %d findings", n)
	}
	if n := count(classify.Options{Disable: []string{"EMAIL_ADDRESS"}}); n != 0 {
		t.Errorf("disabled infoType still found: %d", n)
	}
	key, _ := classify.NewKey([]byte("custom test key, 32 bytes long.."), "test")
	if _, err := classify.NewEngine(key, classify.Builtin(), classify.Options{Disable: []string{"no-such"}}); err == nil {
		t.Error("disabling an unknown detector accepted")
	}
	if _, err := classify.NewEngine(key, classify.Builtin(), classify.Options{Allow: []classify.AllowRule{{Pattern: "("}}}); err == nil {
		t.Error("bad allow pattern accepted")
	}
}

// TestLowerContext: a secret next to "example" is one level less likely.
func TestLowerContext(t *testing.T) {
	e := engineWith(t, classify.Builtin(), classify.Options{MinLikelihood: classify.VeryUnlikely})
	g := synth.New(43)
	tok := g.Value(classify.GCPAPIKey).Text
	like := func(text string) classify.Likelihood {
		fs := scanAll(e.NewScanner(), "text", []byte(text))
		if len(fs) != 1 {
			t.Fatalf("%d findings", len(fs))
		}
		return fs[0].Likelihood
	}
	if a, b := like("key "+tok), like("for example key "+tok); b != a-1 {
		t.Errorf("likelihood %s with example nearby, %s without", b, a)
	}
}

// TestFingerprintsMatchFindings: the fingerprints of a value named by a
// person hold the one a scan gave the same value, written another way.
func TestFingerprintsMatchFindings(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	var got []classify.Finding
	s.Scan("text", []byte("reach Kim at Kim.Larsen@FjordPost.no or +44 20 7946 0321"), func(f classify.Finding) { got = append(got, f) })
	want := map[string]string{classify.EmailAddress: "kim.larsen@fjordpost.no", classify.PhoneNumber: "+442079460321"}
	for _, f := range got {
		v, ok := want[f.InfoType]
		if !ok {
			continue
		}
		if !slices.Contains(e.Fingerprints(f.InfoType, []byte(v)), f.Fingerprint) {
			t.Errorf("%s: the fingerprints of the value as a person writes it miss the finding's", f.InfoType)
		}
		delete(want, f.InfoType)
	}
	if len(want) > 0 {
		t.Fatalf("the scan found none of %v", want)
	}
	if fps := e.Fingerprints(classify.EmailAddress, []byte("someone.else@fjordpost.no")); len(fps) == 0 {
		t.Error("no fingerprint for an email address")
	}
}
