// Package secret encrypts small secrets at rest (Lever tokens and API keys)
// with AES-256-GCM.
//
// A sealed value is text: "v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>".
// The version names the format; the key id is the first 8 hex digits of the
// SHA-256 of the key, so that a Box holding the current key and older ones
// (rotation) opens every value it ever sealed, and a value sealed with an
// unknown key is refused with a clear error instead of garbage. Callers may
// bind a value to where it is stored (associated data, e.g. "lever:42:access"),
// so that a ciphertext copied to another row or column does not open.
//
// The key comes from configuration (64 hex digits, or base64 of 32 bytes) or
// from a file generated once with mode 0600 (LoadOrCreateKeyFile).
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

const version = "v1"

// ErrDecrypt reports a value that cannot be opened: tampered with, sealed
// with a key this Box does not hold, bound to other associated data, or
// not a sealed value at all.
var ErrDecrypt = errors.New("secret: cannot decrypt the value (wrong key or tampered with)")

// Box seals with its primary key and opens with any of its keys.
type Box struct {
	primary string // key id
	aeads   map[string]cipher.AEAD
}

// New returns a Box sealing with primary; older keys still open what they
// sealed. Every key must be KeySize bytes.
func New(primary []byte, older ...[]byte) (*Box, error) {
	b := &Box{aeads: map[string]cipher.AEAD{}}
	for i, k := range append([][]byte{primary}, older...) {
		if len(k) != KeySize {
			return nil, fmt.Errorf("secret: a key must be %d bytes, got %d", KeySize, len(k))
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
		id := KeyID(k)
		if i == 0 {
			b.primary = id
		}
		if _, dup := b.aeads[id]; !dup {
			b.aeads[id] = aead
		}
	}
	return b, nil
}

// KeyID returns the id that sealed values carry for key k.
func KeyID(k []byte) string {
	h := sha256.Sum256(k)
	return hex.EncodeToString(h[:4])
}

// Seal encrypts plaintext, bound to ad (which may be empty).
func (b *Box) Seal(plaintext, ad []byte) (string, error) {
	aead := b.aeads[b.primary]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	sealed := aead.Seal(nonce, nonce, plaintext, ad)
	return version + "." + b.primary + "." + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value made by Seal with the same ad.
func (b *Box) Open(value string, ad []byte) ([]byte, error) {
	parts := strings.SplitN(value, ".", 3)
	if len(parts) != 3 || parts[0] != version {
		return nil, ErrDecrypt
	}
	aead, ok := b.aeads[parts[1]]
	if !ok {
		return nil, fmt.Errorf("%w: sealed with key %s, which is not configured", ErrDecrypt, parts[1])
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrDecrypt
	}
	n := aead.NonceSize()
	out, err := aead.Open(nil, raw[:n], raw[n:], ad)
	if err != nil {
		return nil, ErrDecrypt
	}
	return out, nil
}

// EncryptString seals s bound to ad; the empty string stays empty, so that
// "no secret" needs no key.
func (b *Box) EncryptString(s, ad string) (string, error) {
	if s == "" {
		return "", nil
	}
	return b.Seal([]byte(s), []byte(ad))
}

// DecryptString opens what EncryptString sealed.
func (b *Box) DecryptString(v, ad string) (string, error) {
	if v == "" {
		return "", nil
	}
	p, err := b.Open(v, []byte(ad))
	if err != nil {
		return "", err
	}
	return string(p), nil
}

// ParseKey reads a key written as 64 hex digits or as standard or URL-safe
// base64 (padded or not) of 32 bytes.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 2*KeySize {
		if k, err := hex.DecodeString(s); err == nil {
			return k, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("a key must be 64 hex digits or the base64 of 32 random bytes (e.g. the output of: openssl rand -hex 32)")
}

// NewKey returns a random key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails on supported platforms
	return k
}

// LoadOrCreateKeyFile reads the key in path (hex), or creates the file with
// a new random key and mode 0600 when it does not exist. A file readable by
// group or others is refused.
func LoadOrCreateKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
		k := NewKey()
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKeyFile(path) // another process was first
		}
		if err != nil {
			return nil, fmt.Errorf("secret: creating key file: %w", err)
		}
		if _, err := f.WriteString(hex.EncodeToString(k) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("secret: writing key file: %w", err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("secret: writing key file: %w", err)
		}
		return k, f.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("secret: reading key file: %w", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("secret: key file %s is readable by other users (mode %v); run: chmod 600 %s", path, st.Mode().Perm(), path)
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("secret: key file %s: %w", path, err)
	}
	return k, nil
}
