package ical

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine is the longest line in octets, CRLF not counted (RFC 5545 3.1).
const maxLine = 75

// escapeText escapes a TEXT value: backslash, semicolon, comma and newline
// (CRLF, CR and LF all become \n); other control characters except tab are
// dropped, as TEXT does not allow them.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == ';':
			b.WriteString(`\;`)
		case c == ',':
			b.WriteString(`\,`)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// paramValue makes s safe as a parameter value: control characters are
// dropped, double quotes (never allowed) become single quotes, and the value
// is quoted when it holds ';', ':' or ','.
func paramValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ";:,") {
		return `"` + s + `"`
	}
	return s
}

// uriValue drops what may not appear in a URI value written on one line.
func uriValue(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// foldWriter writes content lines, folded and CRLF-terminated; the first
// error sticks.
type foldWriter struct {
	w   io.Writer
	err error
}

// line writes one logical content line, folding it into physical lines of
// at most 75 octets; continuation lines start with a space. A fold never
// falls inside a UTF-8 sequence.
func (fw *foldWriter) line(s string) {
	if fw.err != nil {
		return
	}
	var b strings.Builder
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		// Keep a TEXT escape (\, \; \, \n) on one line; not required by
		// RFC 5545, but some readers unescape before unfolding.
		if n := backslashesBefore(s, cut); n%2 == 1 && cut > n {
			cut--
		}
		if cut == 0 { // not UTF-8 at all: cut anywhere rather than loop
			cut = limit
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	_, fw.err = io.WriteString(fw.w, b.String())
}

// param is one property parameter, already made safe.
type param struct{ name, value string }

func (fw *foldWriter) prop(name string, value string, params ...param) {
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteString(";")
		b.WriteString(p.name)
		b.WriteString("=")
		b.WriteString(p.value)
	}
	b.WriteString(":")
	b.WriteString(value)
	fw.line(b.String())
}

// backslashesBefore counts the backslashes that end s[:i].
func backslashesBefore(s string, i int) int {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n++
		i--
	}
	return n
}
