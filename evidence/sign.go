package evidence

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The bundle's manifest is an in-toto Statement (v1) carried in a DSSE
// envelope; both are small enough to write here rather than depend on a
// library for them.
const (
	// PayloadType is the DSSE payload type of an in-toto Statement.
	PayloadType = "application/vnd.in-toto+json"
	// StatementType is the Statement's _type.
	StatementType = "https://in-toto.io/Statement/v1"
	// PredicateType names residue's predicate: what was exported, when,
	// by which version of the tool.
	PredicateType = "https://residue.dev/evidence/v1"
)

// Key file names in the state directory.
const (
	SigningKeyFile = "signing.key"
	PublicKeyFile  = "signing.pub"
)

// ErrSignature is returned when no signature of an envelope verifies
// under the public key.
var ErrSignature = errors.New("signature does not verify")

// Signer signs bundles with an ed25519 key.
type Signer struct {
	Key ed25519.PrivateKey
}

// KeyID names the signer's public key as KeyID does.
func (s Signer) KeyID() string { return KeyID(s.Key.Public().(ed25519.PublicKey)) }

// KeyID is the hex SHA-256 of the public key's DER SubjectPublicKeyInfo:
// what `openssl pkey -pubin -outform DER | sha256sum` prints for its PEM.
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		// Only a key of the wrong length fails, and ed25519.PublicKey
		// values made here never have one.
		return ""
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// Envelope is a DSSE JSON envelope. Payload and Sig hold base64 text as
// the wire carries it.
type Envelope struct {
	PayloadType string      `json:"payloadType"`
	Payload     string      `json:"payload"`
	Signatures  []Signature `json:"signatures"`
}

// Signature is one signature of an envelope.
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// PAE is DSSE's pre-authentication encoding, the bytes actually signed:
// "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII
// decimal bytes. Binding the type stops a signature over one kind of
// payload from being replayed as another.
func PAE(payloadType string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DSSEv1 ")
	b.WriteString(strconv.Itoa(len(payloadType)))
	b.WriteByte(' ')
	b.WriteString(payloadType)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(body)))
	b.WriteByte(' ')
	b.Write(body)
	return b.Bytes()
}

// Sign wraps body in an envelope signed by s.
func (s Signer) Sign(payloadType string, body []byte) Envelope {
	sig := ed25519.Sign(s.Key, PAE(payloadType, body))
	return Envelope{
		PayloadType: payloadType,
		Payload:     base64.StdEncoding.EncodeToString(body),
		Signatures:  []Signature{{KeyID: s.KeyID(), Sig: base64.StdEncoding.EncodeToString(sig)}},
	}
}

// Marshal encodes the envelope as residue writes it: compact JSON and a
// newline.
func (e Envelope) Marshal() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ParseEnvelope reads a DSSE JSON envelope. Field names must match
// exactly (encoding/json alone would accept any case); unknown fields are
// ignored, as DSSE asks of consumers.
func ParseEnvelope(b []byte) (Envelope, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return Envelope{}, fmt.Errorf("not a DSSE envelope: %w", err)
	}
	var e Envelope
	var sigs []map[string]json.RawMessage
	for _, f := range []struct {
		name string
		dst  any
	}{{"payloadType", &e.PayloadType}, {"payload", &e.Payload}, {"signatures", &sigs}} {
		name := f.name
		v, ok := fields[name]
		if !ok {
			return Envelope{}, fmt.Errorf("not a DSSE envelope: no %q", name)
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return Envelope{}, fmt.Errorf("not a DSSE envelope: %s: %w", name, err)
		}
	}
	for i, s := range sigs {
		var sg Signature
		v, ok := s["sig"]
		if !ok {
			return Envelope{}, fmt.Errorf("not a DSSE envelope: signature %d has no \"sig\"", i)
		}
		if err := json.Unmarshal(v, &sg.Sig); err != nil {
			return Envelope{}, fmt.Errorf("not a DSSE envelope: signature %d: %w", i, err)
		}
		if v, ok := s["keyid"]; ok {
			if err := json.Unmarshal(v, &sg.KeyID); err != nil {
				return Envelope{}, fmt.Errorf("not a DSSE envelope: signature %d: %w", i, err)
			}
		}
		e.Signatures = append(e.Signatures, sg)
	}
	return e, nil
}

// decode64 accepts standard and URL-safe base64, padded or not, as DSSE
// allows either.
func decode64(s string) ([]byte, error) {
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		var b []byte
		if b, err = enc.Strict().DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, err
}

// Verify checks the envelope's signatures against pub and returns the
// payload when one verifies. A signature naming another key id is not
// tried: the key id only narrows the choice of keys, but a signature
// that names a key other than pub's was not made with it.
func (e Envelope) Verify(pub ed25519.PublicKey) ([]byte, error) {
	body, err := decode64(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("payload is not base64: %w", err)
	}
	if len(e.Signatures) == 0 {
		return nil, fmt.Errorf("%w: the envelope holds no signature", ErrSignature)
	}
	id := KeyID(pub)
	if !e.claims(id) {
		return nil, fmt.Errorf("%w: no signature by key %s", ErrSignature, id)
	}
	if e.verifies(pub, body, id) {
		return body, nil
	}
	return nil, fmt.Errorf("%w with key %s", ErrSignature, id)
}

// verifies reports whether a signature verifies under pub: among those
// naming keyID (or none), or among all when keyID is empty.
func (e Envelope) verifies(pub ed25519.PublicKey, body []byte, keyID string) bool {
	msg := PAE(e.PayloadType, body)
	for _, s := range e.Signatures {
		if keyID != "" && s.KeyID != "" && s.KeyID != keyID {
			continue
		}
		sig, err := decode64(s.Sig)
		if err == nil && len(sig) == ed25519.SignatureSize && ed25519.Verify(pub, msg, sig) {
			return true
		}
	}
	return false
}

// claims reports whether a signature of the envelope names keyID, or
// names no key and so may be by any.
func (e Envelope) claims(keyID string) bool {
	return slices.ContainsFunc(e.Signatures, func(s Signature) bool { return s.KeyID == "" || s.KeyID == keyID })
}

// Statement is an in-toto Statement v1 whose subjects are the bundle's
// files.
type Statement struct {
	Type          string    `json:"_type"`
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is a file of the bundle, by its slash-separated path inside it.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Predicate says what the bundle is: the tool that wrote it, when, and
// what it was asked to cover.
type Predicate struct {
	Tool    Tool      `json:"tool"`
	Created time.Time `json:"created"`
	Scope   Scope     `json:"scope"`
	// KeyID is the signer's key id, also inside the signed payload so
	// that it cannot be swapped without breaking the signature.
	KeyID string `json:"key_id"`
}

// Tool names the program that wrote the bundle.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ParseStatement reads and checks a Statement: its type, its predicate
// type, and subjects that are distinct, clean relative paths each with a
// SHA-256 digest.
func ParseStatement(b []byte) (Statement, error) {
	var s Statement
	if err := json.Unmarshal(b, &s); err != nil {
		return Statement{}, fmt.Errorf("not an in-toto statement: %w", err)
	}
	if s.Type != StatementType {
		return Statement{}, fmt.Errorf("statement type %q, want %q", s.Type, StatementType)
	}
	if s.PredicateType != PredicateType {
		return Statement{}, fmt.Errorf("predicate type %q, want %q", s.PredicateType, PredicateType)
	}
	seen := make(map[string]bool, len(s.Subject))
	for _, sub := range s.Subject {
		if !validName(sub.Name) {
			return Statement{}, fmt.Errorf("subject %q is not a relative path inside the bundle", sub.Name)
		}
		if seen[sub.Name] {
			return Statement{}, fmt.Errorf("subject %q is listed twice", sub.Name)
		}
		seen[sub.Name] = true
		if d := sub.Digest["sha256"]; !isHexSHA256(d) {
			return Statement{}, fmt.Errorf("subject %q has no sha256 digest", sub.Name)
		}
	}
	return s, nil
}

// validName reports whether name is a path a bundle may hold: relative,
// slash-separated, without . or .. elements, and not the envelope. A
// backslash is refused too: on Windows it would separate elements.
func validName(name string) bool {
	return fs.ValidPath(name) && name != "." && name != EnvelopeFile && !strings.ContainsRune(name, '\\')
}

func isHexSHA256(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// OpenStateKey loads the signing key of the state directory, creating
// it (0600, with its public half beside it) on first use. It returns the
// signer and the public key's path.
func OpenStateKey(stateDir string) (Signer, string, error) {
	keyPath := filepath.Join(stateDir, SigningKeyFile)
	pubPath := filepath.Join(stateDir, PublicKeyFile)
	s, err := LoadSigningKey(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		s, err = createKey(stateDir, keyPath)
	}
	if err != nil {
		return Signer{}, "", err
	}
	if err := EnsurePublicKey(pubPath, s.Key.Public().(ed25519.PublicKey)); err != nil {
		return Signer{}, "", err
	}
	return s, pubPath, nil
}

// createKey makes a new key at path. It writes a temporary file and links
// it into place: when two exports race to create the key, one link wins
// and the other reads the winner's complete key.
func createKey(dir, path string) (Signer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Signer{}, fmt.Errorf("create state directory: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Signer{}, fmt.Errorf("generate signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return Signer{}, fmt.Errorf("encode signing key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".signing-*.key")
	if err != nil {
		return Signer{}, fmt.Errorf("create signing key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return Signer{}, fmt.Errorf("create signing key: %w", err)
	}
	if err := pem.Encode(tmp, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		tmp.Close()
		return Signer{}, fmt.Errorf("write signing key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Signer{}, fmt.Errorf("write signing key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadSigningKey(path)
		}
		return Signer{}, fmt.Errorf("create signing key: %w", err)
	}
	return Signer{Key: priv}, nil
}

// LoadSigningKey reads an ed25519 private key in PKCS #8 PEM, as
// `openssl genpkey -algorithm ed25519` writes it.
func LoadSigningKey(path string) (Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Signer{}, fmt.Errorf("read signing key: %w", err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return Signer{}, fmt.Errorf("signing key %s: not a PEM \"PRIVATE KEY\" block", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return Signer{}, fmt.Errorf("signing key %s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return Signer{}, fmt.Errorf("signing key %s: %T, want an ed25519 key", path, k)
	}
	return Signer{Key: priv}, nil
}

// LoadPublicKey reads an ed25519 public key in PEM SubjectPublicKeyInfo,
// as `openssl pkey -pubout` writes it.
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	return ParsePublicKey(b)
}

// ParsePublicKey reads a PEM "PUBLIC KEY" block holding an ed25519 key.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		return nil, errors.New("public key: not a PEM \"PUBLIC KEY\" block")
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("public key: %T, want an ed25519 key", k)
	}
	return pub, nil
}

// MarshalPublicKey encodes pub as a PEM "PUBLIC KEY" block.
func MarshalPublicKey(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// EnsurePublicKey writes pub to path (0644) unless the file already
// holds it; a file holding another key is an error rather than something
// to overwrite.
func EnsurePublicKey(path string, pub ed25519.PublicKey) error {
	have, err := LoadPublicKey(path)
	switch {
	case err == nil && have.Equal(pub):
		return nil
	case err == nil:
		return fmt.Errorf("%s holds another public key than the signing key's", path)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	b, err := MarshalPublicKey(pub)
	if err != nil {
		return fmt.Errorf("encode public key: %w", err)
	}
	// Written whole then renamed, so a reader never sees half a key.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".signing-*.pub")
	if err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write public key: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write public key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	return nil
}
