package mail

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// maxEncodedWordBytes is how many bytes of text one RFC 2047 encoded-word
// carries: base64 of 42 bytes is 56 characters, plus "=?utf-8?b?" and "?="
// that is 68, under the limit of 75, and "Subject: " and one word fit in the
// 78 characters a line should not pass.
const maxEncodedWordBytes = 42

// encodeHeader makes s safe as the value of an unstructured header such as
// Subject: runs of white space (line breaks included, so no header can be
// injected) become one space, invalid UTF-8 is replaced, and text that is not
// plain printable ASCII — or that could be mistaken for an encoded-word — is
// sent as RFC 2047 base64 encoded-words, split on character boundaries.
// Words are separated by spaces, where foldHeader may break the line.
func encodeHeader(s string) string {
	s = cleanHeader(s)
	if !needsEncoding(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxEncodedWordBytes {
				break
			}
			n += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("=?utf-8?b?")
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(s[:n])))
		b.WriteString("?=")
		s = s[n:]
	}
	return b.String()
}

// cleanHeader is what encodeHeader encodes: s with white space collapsed
// and invalid UTF-8 replaced.
func cleanHeader(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

func needsEncoding(s string) bool {
	if strings.Contains(s, "=?") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return true
		}
	}
	return false
}

// foldHeader formats "name: value" for the wire, breaking the line before
// a space so that lines stay near 78 characters where the value allows.
func foldHeader(name, value string) string {
	const limit = 78
	var b strings.Builder
	b.WriteString(name)
	b.WriteString(":")
	lineLen := b.Len()
	for i, word := range strings.Split(value, " ") {
		if i > 0 && lineLen+1+len(word) > limit {
			b.WriteString("\r\n")
			lineLen = 0
		}
		b.WriteByte(' ')
		b.WriteString(word)
		lineLen += 1 + len(word)
	}
	b.WriteString("\r\n")
	return b.String()
}
