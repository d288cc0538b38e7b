package classify_test

import (
	"encoding/base64"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

func TestEncodedContent(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	g := synth.New(61)
	email := g.Value(classify.EmailAddress).Text
	ssn := g.Value(classify.USSocialSecurityNumber).Text
	b64 := base64.StdEncoding.EncodeToString([]byte("contact " + email + " about the invoice"))
	b64url := base64.RawURLEncoding.EncodeToString([]byte(`{"note":"ssn ` + ssn + `"}`))
	atEscaped := strings.Replace(email, "@", `\u0040`, 1)
	nested := base64.StdEncoding.EncodeToString([]byte(`{"email":"` + atEscaped + `"}`))
	tests := []struct {
		name, text, prefix, infoType, enc string
		runLen                            int
	}{
		{"base64", "payload=" + b64 + " end", "payload=", classify.EmailAddress, "base64", len(b64)},
		{"base64url unpadded", "data " + b64url, "data ", classify.USSocialSecurityNumber, "base64", len(b64url)},
		{"percent-encoded", "GET /subscribe?to=" + url.QueryEscape(email) + "&x=1 HTTP", "GET /subscribe?to=", classify.EmailAddress, "url", -1},
		{"json escape", `{\"email\":\"` + atEscaped + `\"}`, "", classify.EmailAddress, "json-escape", -1},
		{"base64 of escaped JSON", "blob " + nested, "blob ", classify.EmailAddress, "base64+json-escape", len(nested)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := scanAll(s, "text", []byte(tt.text))
			if len(found) != 1 {
				t.Fatalf("%d findings: %+v", len(found), found)
			}
			f := found[0]
			if f.InfoType != tt.infoType || f.Encoding != tt.enc {
				t.Errorf("%s via %q, want %s via %q", f.InfoType, f.Encoding, tt.infoType, tt.enc)
			}
			if tt.runLen >= 0 && (f.Offset != len(tt.prefix) || f.Length != tt.runLen) {
				t.Errorf("span %d+%d, want %d+%d (the encoded run)", f.Offset, f.Length, len(tt.prefix), tt.runLen)
			}
		})
	}
}

func TestEncodedNoise(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	rng := rand.New(rand.NewPCG(3, 4))
	bin := make([]byte, 3000)
	for i := range bin {
		bin[i] = byte(rng.IntN(256))
	}
	g := synth.New(62)
	jwt := g.Value(classify.JSONWebToken).Text
	for name, text := range map[string]string{
		"binary blob":   "img " + base64.StdEncoding.EncodeToString(bin),
		"data uri":      `<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(bin) + `">`,
		"plain percent": "discount 50% off, 100%% sure",
		"windows path":  `C:\Users\name\file.txt`,
	} {
		if found := scanAll(s, "text", []byte(text)); len(found) != 0 {
			t.Errorf("%s: %+v", name, found)
		}
	}
	found := scanAll(s, "text", []byte("Authorization: Bearer "+jwt))
	if len(found) != 1 || found[0].InfoType != classify.JSONWebToken {
		t.Errorf("a JWT is reported once, not again through its payload: %+v", found)
	}
}
