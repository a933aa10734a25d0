package match

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode/utf16"
)

// isHTML reports a text file that is an HTML document.
func isHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	if len(head) > 512 {
		head = head[:512]
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<html"))
}

// isRTF reports an RTF document.
func isRTF(data []byte) bool { return bytes.HasPrefix(data, []byte(`{\rtf`)) }

// htmlBlocks are the elements that end a line.
var htmlBlocks = map[string]bool{"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "table": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "hr": true, "title": true}

// extractHTML keeps the text of an HTML document: block elements end
// lines, list items get a bullet, script and style are dropped, entities
// decoded.
func extractHTML(data []byte) []string {
	s := string(data)
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		b.WriteString(html.UnescapeString(s[:i]))
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			if j := strings.Index(s, "-->"); j >= 0 {
				s = s[j+3:]
				continue
			}
			break
		}
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := strings.ToLower(strings.TrimLeft(s[1:j], "/"))
		if k := strings.IndexAny(tag, " \t\r\n/"); k >= 0 {
			tag = tag[:k]
		}
		closing := strings.HasPrefix(s, "</")
		s = s[j+1:]
		switch {
		case !closing && (tag == "script" || tag == "style" || tag == "head"):
			if k := strings.Index(strings.ToLower(s), "</"+tag); k >= 0 {
				s = s[k:]
				if e := strings.IndexByte(s, '>'); e >= 0 {
					s = s[e+1:]
				}
			}
		case tag == "li" && !closing:
			b.WriteString("\n• ")
		case tag == "td" || tag == "th":
			b.WriteString("  ")
		case htmlBlocks[tag]:
			b.WriteByte('\n')
		}
	}
	return []string{b.String()}
}

// rtfSkip are destinations whose text is not document text.
var rtfSkip = map[string]bool{"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "header": false, "footer": false, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "themedata": true, "colorschememapping": true, "latentstyles": true, "datastore": true, "xmlnstbl": true, "fldinst": true}

// extractRTF keeps the text of an RTF document: \par and \line end lines,
// \tab is a space, \'hh is a Windows-1252 byte, \uN a Unicode character;
// font tables, pictures and other destinations are skipped.
func extractRTF(data []byte) []string {
	var b strings.Builder
	type state struct{ skip bool }
	stack := []state{{}}
	skipChars := 0 // characters after \uN to skip
	uc := 1
	var pendingSurrogate uint16
	s := data
	for i := 0; i < len(s); i++ {
		c := s[i]
		top := &stack[len(stack)-1]
		switch c {
		case '{':
			if len(stack) < 256 {
				stack = append(stack, *top)
			}
			continue
		case '}':
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			continue
		case '\r', '\n':
			continue
		case '\\':
			if i+1 >= len(s) {
				continue
			}
			n := s[i+1]
			switch {
			case n == '\\' || n == '{' || n == '}':
				if !top.skip {
					b.WriteByte(n)
				}
				i++
				continue
			case n == '\'':
				if i+3 < len(s) {
					if v, err := strconv.ParseUint(string(s[i+2:i+4]), 16, 8); err == nil && !top.skip {
						if skipChars > 0 {
							skipChars--
						} else {
							b.WriteString(decode1252([]byte{byte(v)}))
						}
					}
				}
				i += 3
				continue
			case n == '*':
				top.skip = true
				i++
				continue
			case n == '~':
				b.WriteByte(' ')
				i++
				continue
			case !(n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z'):
				i++
				continue
			}
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') && j-i < 32 {
				j++
			}
			word := string(s[i+1 : j])
			k := j
			if k < len(s) && s[k] == '-' {
				k++
			}
			for k < len(s) && s[k] >= '0' && s[k] <= '9' && k-j < 10 {
				k++
			}
			arg, hasArg := 0, k > j
			if hasArg {
				arg, _ = strconv.Atoi(string(s[j:k]))
			}
			if k < len(s) && s[k] == ' ' {
				k++
			}
			i = k - 1
			if skip, ok := rtfSkip[word]; ok && skip {
				top.skip = true
				continue
			}
			if top.skip {
				continue
			}
			switch word {
			case "par", "line", "row", "sect", "page":
				b.WriteByte('\n')
			case "tab", "cell":
				b.WriteString("  ")
			case "bullet":
				b.WriteString("• ")
			case "endash":
				b.WriteString("–")
			case "emdash":
				b.WriteString("—")
			case "lquote", "rquote":
				b.WriteByte('\'')
			case "ldblquote", "rdblquote":
				b.WriteByte('"')
			case "uc":
				if hasArg {
					uc = arg
				}
			case "u":
				if hasArg {
					if arg < 0 {
						arg += 65536
					}
					r := uint16(arg)
					switch {
					case utf16.IsSurrogate(rune(r)) && pendingSurrogate == 0:
						pendingSurrogate = r
					case pendingSurrogate != 0:
						b.WriteRune(utf16.DecodeRune(rune(pendingSurrogate), rune(r)))
						pendingSurrogate = 0
					default:
						b.WriteRune(rune(r))
					}
					skipChars = uc
				}
			}
			continue
		}
		if top.skip {
			continue
		}
		if skipChars > 0 {
			skipChars--
			continue
		}
		b.WriteByte(c)
	}
	return []string{b.String()}
}
