package classify

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Fingerprint is HMAC-SHA256 of a normalized value under the installation
// key. Equal values give equal fingerprints under one key, so findings,
// datasets and revocations can be joined without keeping values; without the
// key a fingerprint cannot be tested against guesses.
type Fingerprint [32]byte

const fingerprintPrefix = "hmac-sha256:"

func (f Fingerprint) String() string { return fingerprintPrefix + hex.EncodeToString(f[:]) }

// MarshalText writes "hmac-sha256:<hex>".
func (f Fingerprint) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (f *Fingerprint) UnmarshalText(b []byte) error {
	h, ok := bytes.CutPrefix(b, []byte(fingerprintPrefix))
	if !ok || hex.DecodedLen(len(h)) != len(f) {
		return fmt.Errorf("malformed fingerprint %q", b)
	}
	_, err := hex.Decode(f[:], h)
	return err
}

// Key is the installation's fingerprint key.
type Key struct {
	secret []byte
	// Source says where the key came from, for messages; never the key.
	Source string
}

// KeyFileName is the key's file name inside the state directory.
const KeyFileName = "fingerprint.key"

const minKeyBytes = 16

// NewKey wraps key material (at least 16 bytes).
func NewKey(secret []byte, source string) (Key, error) {
	if len(secret) < minKeyBytes {
		return Key{}, fmt.Errorf("fingerprint key from %s: %d bytes, need at least %d", source, len(secret), minKeyBytes)
	}
	return Key{secret: bytes.Clone(secret), Source: source}, nil
}

// ID is a short public identifier of the key: reports carry it so that
// fingerprints made under different keys are not compared by mistake.
func (k Key) ID() string {
	m := hmac.New(sha256.New, k.secret)
	m.Write([]byte("residue key id"))
	return hex.EncodeToString(m.Sum(nil)[:6])
}

// LoadKeyFile reads a key from a file: its bytes, with surrounding
// whitespace removed.
func LoadKeyFile(path string) (Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Key{}, fmt.Errorf("read fingerprint key: %w", err)
	}
	return NewKey(bytes.TrimSpace(b), path)
}

// OpenStateKey returns the key in stateDir, creating the directory (0700)
// and a random 32-byte key (hex, 0600) on first use.
func OpenStateKey(stateDir string) (Key, error) {
	path := filepath.Join(stateDir, KeyFileName)
	k, err := LoadKeyFile(path)
	if err == nil {
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Key{}, err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return Key{}, fmt.Errorf("create state directory: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Key{}, fmt.Errorf("generate fingerprint key: %w", err)
	}
	enc := []byte(hex.EncodeToString(raw) + "\n")
	// Write a temporary file and link it into place: when two processes race
	// to create the key, one link wins and the other reads the winner's
	// complete key, so both fingerprint alike.
	tmp, err := os.CreateTemp(stateDir, ".fingerprint-*.key")
	if err != nil {
		return Key{}, fmt.Errorf("create fingerprint key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return Key{}, fmt.Errorf("create fingerprint key: %w", err)
	}
	if _, err := tmp.Write(enc); err != nil {
		tmp.Close()
		return Key{}, fmt.Errorf("write fingerprint key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Key{}, fmt.Errorf("write fingerprint key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadKeyFile(path)
		}
		return Key{}, fmt.Errorf("create fingerprint key: %w", err)
	}
	return NewKey(bytes.TrimSpace(enc), path)
}
