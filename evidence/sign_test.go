package evidence_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residuehq/residue/evidence"
)

// TestPAE: the pre-authentication encoding of the DSSE protocol's
// example.
func TestPAE(t *testing.T) {
	got := string(evidence.PAE("http://example.com/HelloWorld", []byte("hello world")))
	if want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"; got != want {
		t.Errorf("PAE = %q, want %q", got, want)
	}
	if got := string(evidence.PAE("", nil)); got != "DSSEv1 0  0 " {
		t.Errorf("PAE of nothing = %q", got)
	}
}

// TestEnvelopeRoundTrip: a signed envelope parses back to itself and
// verifies; DSSE's other base64 alphabet and a missing key id are
// accepted; a missing field is not.
func TestEnvelopeRoundTrip(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	s := evidence.Signer{Key: priv}
	body := []byte(`{"_type":"x"}` + "\n\xff?>")
	env := s.Sign(evidence.PayloadType, body)
	raw, err := env.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := evidence.ParseEnvelope(raw)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := back.Marshal(); !bytes.Equal(again, raw) {
		t.Errorf("envelope does not round-trip:\n%s\n%s", raw, again)
	}
	if got, err := back.Verify(pub); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("verify: %q %v", got, err)
	}
	urlSafe := env
	urlSafe.Payload = base64.RawURLEncoding.EncodeToString(body)
	urlSafe.Signatures = []evidence.Signature{{Sig: env.Signatures[0].Sig}}
	if _, err := urlSafe.Verify(pub); err != nil {
		t.Errorf("URL-safe payload, no key id: %v", err)
	}
	for _, bad := range []string{`{}`, `{"payload":"","signatures":[]}`, `{"payloadType":"t","payload":"","signatures":[{"keyid":"k"}]}`,
		`{"PayloadType":"t","payload":"","signatures":[]}`, `[]`, `{"payloadType":1,"payload":"","signatures":[]}`} {
		if _, err := evidence.ParseEnvelope([]byte(bad)); err == nil {
			t.Errorf("ParseEnvelope(%s): no error", bad)
		}
	}
	if _, err := evidence.ParseEnvelope([]byte(`{"payloadType":"t","payload":"","signatures":[],"extra":true}`)); err != nil {
		t.Errorf("an unknown field must be ignored: %v", err)
	}
	other, _, _ := ed25519.GenerateKey(nil)
	if _, err := back.Verify(other); err == nil {
		t.Error("verifies under another key")
	}
}

// TestStatementChecks: subjects must be distinct clean paths inside the
// bundle with a SHA-256.
func TestStatementChecks(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	mk := func(name, digest string) []byte {
		b, _ := json.Marshal(evidence.Statement{Type: evidence.StatementType, PredicateType: evidence.PredicateType,
			Subject: []evidence.Subject{{Name: name, Digest: map[string]string{"sha256": digest}}}})
		return b
	}
	if _, err := evidence.ParseStatement(mk("reports/report-1.json", sum)); err != nil {
		t.Fatalf("a good statement: %v", err)
	}
	for _, c := range []struct{ name, digest string }{
		{"../etc/passwd", sum}, {"/abs", sum}, {"a//b", sum}, {"./a", sum}, {"", sum}, {"a\\b", sum},
		{evidence.EnvelopeFile, sum}, {"a", strings.ToUpper(sum)}, {"a", sum[:10]}, {"a", ""},
	} {
		if _, err := evidence.ParseStatement(mk(c.name, c.digest)); err == nil {
			t.Errorf("subject %q %q accepted", c.name, c.digest)
		}
	}
	b, _ := json.Marshal(evidence.Statement{Type: evidence.StatementType, PredicateType: evidence.PredicateType,
		Subject: []evidence.Subject{{Name: "a", Digest: map[string]string{"sha256": sum}}, {Name: "a", Digest: map[string]string{"sha256": sum}}}})
	if _, err := evidence.ParseStatement(b); err == nil {
		t.Error("a subject listed twice accepted")
	}
}

// TestStateKey: the state directory's key is made once, 0600, with its
// public half beside it, and found again.
func TestStateKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	s1, pubPath, err := evidence.OpenStateKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, evidence.SigningKeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("signing key: %v %v", fi.Mode(), err)
	}
	s2, _, err := evidence.OpenStateKey(dir)
	if err != nil || !s1.Key.Equal(s2.Key) {
		t.Fatalf("the key changed between uses: %v", err)
	}
	pub, err := evidence.LoadPublicKey(pubPath)
	if err != nil || !pub.Equal(s1.Key.Public()) {
		t.Fatalf("signing.pub: %v", err)
	}
	other, _, _ := ed25519.GenerateKey(nil)
	if err := evidence.EnsurePublicKey(pubPath, other); err == nil {
		t.Error("EnsurePublicKey overwrote a different key")
	}
}

// TestOpenSSLInterop: what docs/evidence.md tells an auditor to run
// works: openssl checks the DSSE signature over the PAE with
// signing.pub, and its DER's SHA-256 is the key id.
func TestOpenSSLInterop(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("SKIP LOUDLY: no openssl on PATH; the documented openssl check is not exercised")
	}
	dir := t.TempDir()
	s, pubPath, err := evidence.OpenStateKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte("{\"_type\":\"https://in-toto.io/Statement/v1\"}\n")
	env := s.Sign(evidence.PayloadType, body)
	sig, _ := base64.StdEncoding.DecodeString(env.Signatures[0].Sig)
	pae := filepath.Join(dir, "pae.bin")
	sigFile := filepath.Join(dir, "sig.bin")
	os.WriteFile(pae, evidence.PAE(evidence.PayloadType, body), 0o644)
	os.WriteFile(sigFile, sig, 0o644)
	out, err := exec.Command(openssl, "pkeyutl", "-verify", "-pubin", "-inkey", pubPath, "-rawin", "-in", pae, "-sigfile", sigFile).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Signature Verified Successfully") {
		t.Fatalf("openssl pkeyutl -verify: %v\n%s", err, out)
	}
	der, err := exec.Command(openssl, "pkey", "-pubin", "-in", pubPath, "-outform", "DER").Output()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := evidence.LoadPublicKey(pubPath)
	if got := evidence.KeyID(pub); got != hexSHA256(der) {
		t.Errorf("key id %s, openssl's DER hashes to %s", got, hexSHA256(der))
	}
	// A key openssl made signs bundles too.
	keyFile := filepath.Join(dir, "openssl.key")
	if out, err := exec.Command(openssl, "genpkey", "-algorithm", "ed25519", "-out", keyFile).CombinedOutput(); err != nil {
		t.Fatalf("openssl genpkey: %v\n%s", err, out)
	}
	if _, err := evidence.LoadSigningKey(keyFile); err != nil {
		t.Errorf("a key from openssl genpkey: %v", err)
	}
}

func hexSHA256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
