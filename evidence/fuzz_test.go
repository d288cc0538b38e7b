package evidence_test

import (
	"bytes"
	"crypto/ed25519"
	"testing"

	"github.com/residuehq/residue/evidence"
)

// FuzzParseEnvelope: verify's reading of a manifest never panics, and
// what it accepts re-encodes to an envelope that parses the same.
func FuzzParseEnvelope(f *testing.F) {
	_, priv, _ := ed25519.GenerateKey(bytes.NewReader(make([]byte, 64)))
	good, _ := evidence.Signer{Key: priv}.Sign(evidence.PayloadType, []byte(`{"_type":"https://in-toto.io/Statement/v1"}`)).Marshal()
	f.Add(good)
	f.Add([]byte(`{"payloadType":"","payload":"","signatures":[{"sig":""}]}`))
	f.Add([]byte(`{"payloadType":null,"payload":null,"signatures":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		env, err := evidence.ParseEnvelope(b)
		if err != nil {
			return
		}
		raw, err := env.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		again, err := evidence.ParseEnvelope(raw)
		if err != nil {
			t.Fatalf("re-encoded envelope does not parse: %v\n%s", err, raw)
		}
		if again.PayloadType != env.PayloadType || again.Payload != env.Payload || len(again.Signatures) != len(env.Signatures) {
			t.Fatalf("round trip changed the envelope:\n%+v\n%+v", env, again)
		}
		pub := priv.Public().(ed25519.PublicKey)
		env.Verify(pub) // must not panic, whatever it holds
	})
}

// FuzzParseStatement: a manifest's statement either parses into
// subjects that are safe to open inside the bundle, or is refused.
func FuzzParseStatement(f *testing.F) {
	f.Add([]byte(`{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a.csv","digest":{"sha256":"` +
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + `"}}],"predicateType":"https://residue.dev/evidence/v1","predicate":{}}`))
	f.Add([]byte(`{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"../x","digest":{}}],"predicateType":"https://residue.dev/evidence/v1"}`))
	f.Add([]byte(`{"subject":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := evidence.ParseStatement(b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range st.Subject {
			if s.Name == "" || s.Name[0] == '/' || bytes.Contains([]byte(s.Name), []byte("..")) && !safeDots(s.Name) {
				t.Fatalf("unsafe subject accepted: %q", s.Name)
			}
			if seen[s.Name] {
				t.Fatalf("duplicate subject accepted: %q", s.Name)
			}
			seen[s.Name] = true
			if len(s.Digest["sha256"]) != 64 {
				t.Fatalf("subject %q without a sha256", s.Name)
			}
		}
	})
}

// safeDots reports whether every ".." in name is part of a longer
// element ("a..b"), not a parent reference.
func safeDots(name string) bool {
	for _, el := range bytes.Split([]byte(name), []byte("/")) {
		if string(el) == ".." {
			return false
		}
	}
	return true
}
