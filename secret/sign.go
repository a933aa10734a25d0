package secret

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Signer makes and checks signed, expiring link tokens (the candidate's
// self-scheduling and reschedule links) with HMAC-SHA256. Its key is
// derived from the instance key and a purpose, so a token made for one
// purpose never verifies for another and the instance key itself is never
// used twice.
//
// A token is "<id>.<expiry unix seconds>.<base64url MAC>"; only the MAC is
// secret-dependent, so ids and expiry are readable but cannot be changed.
type Signer struct {
	key []byte
}

// ErrBadToken reports a token that is malformed, altered, made with
// another key or purpose, or expired.
var ErrBadToken = errors.New("secret: invalid or expired link")

// NewSigner derives a signer for purpose from key (the instance key).
func NewSigner(key []byte, purpose string) *Signer {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("skillkeepr signer v1\x00" + purpose))
	return &Signer{key: m.Sum(nil)}
}

func (s *Signer) mac(payload string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Sign returns a token for id that verifies until expires.
func (s *Signer) Sign(id int64, expires time.Time) string {
	p := strconv.FormatInt(id, 10) + "." + strconv.FormatInt(expires.Unix(), 10)
	return p + "." + s.mac(p)
}

// Verify returns the id of a token signed by s that has not expired at now.
func (s *Signer) Verify(token string, now time.Time) (int64, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return 0, ErrBadToken
	}
	want := s.mac(parts[0] + "." + parts[1])
	if !hmac.Equal([]byte(want), []byte(parts[2])) {
		return 0, ErrBadToken
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || !now.Before(time.Unix(exp, 0)) {
		return 0, ErrBadToken
	}
	return id, nil
}
