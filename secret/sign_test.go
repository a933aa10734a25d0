package secret

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSigner(t *testing.T) {
	t.Parallel()
	key := bytes.Repeat([]byte{7}, KeySize)
	s := NewSigner(key, "schedule")
	now := time.Unix(1_800_000_000, 0)
	tok := s.Sign(42, now.Add(time.Hour))
	if id, err := s.Verify(tok, now); err != nil || id != 42 {
		t.Fatalf("Verify = %d, %v", id, err)
	}
	parts := strings.Split(tok, ".")
	tests := map[string]string{
		"expired":         "",
		"other id":        "43." + parts[1] + "." + parts[2],
		"longer expiry":   parts[0] + ".1900000000." + parts[2],
		"other purpose":   NewSigner(key, "manage").Sign(42, now.Add(time.Hour)),
		"other key":       NewSigner(bytes.Repeat([]byte{8}, KeySize), "schedule").Sign(42, now.Add(time.Hour)),
		"garbage":         "not-a-token",
		"empty":           "",
		"truncated mac":   tok[:len(tok)-2],
		"negative id":     "-1." + parts[1] + "." + parts[2],
		"extra dot parts": tok + ".x",
	}
	for name, bad := range tests {
		at := now
		if name == "expired" {
			bad, at = tok, now.Add(time.Hour)
		}
		if _, err := s.Verify(bad, at); err != ErrBadToken {
			t.Errorf("%s: err = %v, want ErrBadToken", name, err)
		}
	}
}

func FuzzSignerVerify(f *testing.F) {
	s := NewSigner(bytes.Repeat([]byte{1}, KeySize), "fuzz")
	f.Add(s.Sign(1, time.Unix(2_000_000_000, 0)))
	f.Add("1.2.3")
	f.Fuzz(func(t *testing.T, tok string) {
		id, err := s.Verify(tok, time.Unix(1_700_000_000, 0))
		if err == nil && s.Sign(id, time.Unix(mustExp(tok), 0)) != tok {
			t.Fatalf("accepted a token Sign would not make: %q", tok)
		}
	})
}

func mustExp(tok string) int64 {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return 0
	}
	exp, _ := strconv.ParseInt(parts[1], 10, 64)
	return exp
}
