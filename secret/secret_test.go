package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	t.Parallel()
	b, err := New(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	v, err := b.EncryptString("refresh-token-123", "lever:1:refresh")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, "refresh-token-123") || !strings.HasPrefix(v, "v1.") {
		t.Fatalf("sealed value %q", v)
	}
	got, err := b.DecryptString(v, "lever:1:refresh")
	if err != nil || got != "refresh-token-123" {
		t.Fatalf("open = %q, %v", got, err)
	}
	v2, _ := b.EncryptString("refresh-token-123", "lever:1:refresh")
	if v2 == v {
		t.Error("two seals of the same text are equal (nonce reused)")
	}
	if e, err := b.EncryptString("", "x"); e != "" || err != nil {
		t.Errorf("empty string sealed to %q %v", e, err)
	}
}

func TestTamperDetection(t *testing.T) {
	t.Parallel()
	b, _ := New(NewKey())
	v, _ := b.EncryptString("access-token", "lever:1:access")
	if _, err := b.DecryptString(v, "lever:2:access"); !errors.Is(err, ErrDecrypt) {
		t.Errorf("other associated data: %v", err)
	}
	parts := strings.SplitN(v, ".", 3)
	raw, _ := base64.RawURLEncoding.DecodeString(parts[2])
	for i := range raw {
		c := bytes.Clone(raw)
		c[i] ^= 1
		tampered := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(c)
		if _, err := b.DecryptString(tampered, "lever:1:access"); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("flipped bit in byte %d not detected: %v", i, err)
		}
	}
	for _, bad := range []string{"garbage", "v2." + parts[1] + "." + parts[2], "v1." + parts[1] + ".!!", "v1." + parts[1] + ".AAAA", v[:len(v)-4]} {
		if _, err := b.DecryptString(bad, "lever:1:access"); !errors.Is(err, ErrDecrypt) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	other, _ := New(NewKey())
	if _, err := other.DecryptString(v, "lever:1:access"); !errors.Is(err, ErrDecrypt) || !strings.Contains(err.Error(), parts[1]) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestRotation(t *testing.T) {
	t.Parallel()
	oldKey, newKey := NewKey(), NewKey()
	oldBox, _ := New(oldKey)
	v, _ := oldBox.EncryptString("s", "")
	rotated, err := New(newKey, oldKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := rotated.DecryptString(v, ""); err != nil || got != "s" {
		t.Fatalf("old value after rotation: %q %v", got, err)
	}
	v2, _ := rotated.EncryptString("s", "")
	if !strings.HasPrefix(v2, "v1."+KeyID(newKey)+".") {
		t.Errorf("new values not sealed with the new key: %q", v2)
	}
	if _, err := oldBox.DecryptString(v2, ""); err == nil {
		t.Error("the old box opened a value of the new key")
	}
}

func TestParseKey(t *testing.T) {
	t.Parallel()
	k := NewKey()
	for _, s := range []string{hex.EncodeToString(k), strings.ToUpper(hex.EncodeToString(k)), base64.StdEncoding.EncodeToString(k),
		base64.RawURLEncoding.EncodeToString(k), " " + hex.EncodeToString(k) + "\n"} {
		got, err := ParseKey(s)
		if err != nil || !bytes.Equal(got, k) {
			t.Errorf("ParseKey(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "short", hex.EncodeToString(k[:16]), base64.StdEncoding.EncodeToString(k[:31]), strings.Repeat("z", 64)} {
		if _, err := ParseKey(s); err == nil {
			t.Errorf("ParseKey(%q) accepted", s)
		}
	}
	if _, err := New(k[:16]); err == nil {
		t.Error("New accepted a 16-byte key")
	}
}

func TestKeyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "secret.key")
	k1, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v %v", st.Mode().Perm(), err)
	}
	k2, err := LoadOrCreateKeyFile(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second load: %x %v, want %x", k2, err, k1)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKeyFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable key file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.key")
	os.WriteFile(bad, []byte("nope"), 0o600)
	if _, err := LoadOrCreateKeyFile(bad); err == nil {
		t.Error("bad key file accepted")
	}
}
