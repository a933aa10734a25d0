package match

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// fold maps characters that print alike to one spelling. Bullets become
// "•", dashes used between dates "–", hyphens "-", quotes ASCII.
var fold = map[rune]string{
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
	'‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`, '″': `"`, '«': `"`, '»': `"`,
	'‐': "-", '‑': "-", '‒': "–", '–': "–", '—': "–", '―': "–", '−': "-", '﹘': "–", '－': "-",
	'•': "•", '◦': "•", '▪': "•", '▫': "•", '‣': "•", '⁃': "•", '●': "•", '○': "•",
	'■': "•", '□': "•", '►': "•", '▶': "•", '➢': "•", '➤': "•", '∙': "•", '✓': "•",
	'✔': "•", '◆': "•", '◇': "•", '♦': "•", '\uf0b7': "•", '\uf0a7': "•", '\uf076': "•", '\uf0d8': "•",
	'…': "...", '／': "/", '＠': "@", '＋': "+",
}

// normalizeLines splits raw text into lines, folds characters, collapses
// spaces and drops blank lines, numbering what is left from 1.
func normalizeLines(raw []string) []Line {
	var out []Line
	var b strings.Builder
	for _, chunk := range raw {
		for s := range strings.SplitSeq(strings.ReplaceAll(chunk, "\r\n", "\n"), "\n") {
			for t := range strings.SplitSeq(s, "\r") {
				l := normalizeLine(&b, t)
				if l != "" {
					out = append(out, Line{N: len(out) + 1, Text: l})
				}
			}
		}
	}
	return out
}

func normalizeLine(b *strings.Builder, s string) string {
	b.Reset()
	space := false
	for _, r := range s {
		if r == utf8.RuneError || r == 0xAD || r == 0xFEFF || r >= 0x200B && r <= 0x200D || r == 0x2060 {
			continue
		}
		if f, ok := fold[r]; ok {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(f)
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == 0xA0 || unicode.Is(unicode.Zs, r) {
			space = true
			continue
		}
		if r >= 0xE000 && r <= 0xF8FF { // private use: icon fonts
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	l := b.String()
	// A bullet at the start is followed by one space.
	if rest, ok := strings.CutPrefix(l, "•"); ok {
		rest = strings.TrimLeft(rest, " •")
		if rest == "" {
			return ""
		}
		l = "• " + rest
	}
	if strings.Trim(l, "•-–_=*~. ") == "" {
		return "" // rules and stray bullets
	}
	return l
}

// isLetter reports letters and digits of any script.
func isLetter(r rune) bool { return unicode.IsLetter(r) }

// extractPlain decodes text: UTF-8 (BOM stripped), UTF-16 with a BOM, else
// Windows-1252.
func extractPlain(data []byte, lim Limits) ([]string, error) {
	var s string
	switch {
	case len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF:
		s = string(data[3:])
	case len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF):
		be := data[0] == 0xFE
		u := make([]uint16, 0, len(data)/2)
		for i := 2; i+1 < len(data); i += 2 {
			if be {
				u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
			} else {
				u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
			}
		}
		s = string(utf16.Decode(u))
	case utf8.Valid(data):
		s = string(data)
	default:
		s = decode1252(data)
	}
	if len(s) > 4*lim.MaxTextBytes {
		return nil, refuse(TooMuchContent, "The file holds far more text than a résumé. Please upload the résumé alone.")
	}
	return []string{s}, nil
}

var cp1252 = [32]rune{
	'€', 0xFFFD, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0xFFFD, 'Ž', 0xFFFD,
	0xFFFD, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0xFFFD, 'ž', 'Ÿ',
}

func decode1252(data []byte) string {
	var b strings.Builder
	b.Grow(len(data))
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}
