package mail

import (
	"mime"
	"strings"
	"testing"
)

func TestEncodeHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Plain subject":           "Plain subject",
		"  spaced \r\n out\tnow ": "spaced out now",
		"Bcc: x\r\nInjected: y":   "Bcc: x Injected: y",
		"Zoë":                     "=?utf-8?b?Wm/Dqw==?=",
		"looks =?like?= encoded":  "=?utf-8?b?bG9va3MgPT9saWtlPz0gZW5jb2RlZA==?=",
		"":                        "",
	} {
		if got := encodeHeader(in); got != want {
			t.Errorf("encodeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldHeader(t *testing.T) {
	long := encodeHeader(strings.Repeat("é", 100))
	folded := foldHeader("Subject", long)
	for _, line := range strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line of %d characters: %q", len(line), line)
		}
	}
	if got := foldHeader("Subject", "short"); got != "Subject: short\r\n" {
		t.Errorf("foldHeader = %q", got)
	}
}

// FuzzEncodeHeader checks that any text becomes one header line of printable
// ASCII that decodes back to the cleaned text, in encoded-words of at most 75
// characters.
func FuzzEncodeHeader(f *testing.F) {
	for _, s := range []string{"", "Hello", "Zoë ✓", "a\r\nBcc: x", "=?utf-8?q?x?=", "\xff\xfe", strings.Repeat("日本", 40), "a  b\t\tc"} {
		f.Add(s)
	}
	dec := new(mime.WordDecoder)
	f.Fuzz(func(t *testing.T, s string) {
		enc := encodeHeader(s)
		for i := 0; i < len(enc); i++ {
			if enc[i] < ' ' || enc[i] > '~' {
				t.Fatalf("encodeHeader(%q) = %q has byte %#x", s, enc, enc[i])
			}
		}
		for _, w := range strings.Fields(enc) {
			if strings.HasPrefix(w, "=?") && len(w) > 75 {
				t.Fatalf("encoded-word of %d characters: %q", len(w), w)
			}
		}
		got, err := dec.DecodeHeader(enc)
		if err != nil {
			t.Fatalf("decode %q: %v", enc, err)
		}
		if want := cleanHeader(s); got != want {
			t.Fatalf("encodeHeader(%q) = %q decodes to %q, want %q", s, enc, got, want)
		}
		folded := foldHeader("Subject", enc)
		if !strings.HasSuffix(folded, "\r\n") || strings.Count(folded, "\r\n") != strings.Count(folded, "\r\n ")+1 {
			t.Fatalf("foldHeader produced a line that is not a continuation: %q", folded)
		}
	})
}
