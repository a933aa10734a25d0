package ical

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Limits that keep Decode cheap on hostile input.
const (
	maxInput = 4 << 20
	maxDepth = 16
)

// Property is one decoded content line. Name and parameter names are upper
// case; Value is the raw value (still escaped, for TEXT see [Property.Text]).
type Property struct {
	Name   string
	Params map[string][]string
	Value  string
}

// Param returns the first value of the parameter name, or "".
func (p Property) Param(name string) string {
	if vs := p.Params[strings.ToUpper(name)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Text returns Value as unescaped TEXT.
func (p Property) Text() string { return unescapeText(p.Value) }

// Time returns Value as an instant: a UTC DATE-TIME (…Z), a local DATE-TIME
// with a TZID that names an IANA zone, or a DATE (VALUE=DATE, midnight UTC).
// Floating times (neither Z nor TZID) are an error.
func (p Property) Time() (time.Time, error) {
	v := p.Value
	if p.Param("VALUE") == "DATE" || len(v) == 8 {
		return time.Parse("20060102", v)
	}
	if strings.HasSuffix(v, "Z") {
		return time.Parse(utcLayout, v)
	}
	tzid := strings.TrimPrefix(p.Param("TZID"), "/")
	if tzid == "" {
		return time.Time{}, fmt.Errorf("ical: %s %q: floating time (no Z and no TZID)", p.Name, v)
	}
	loc, err := time.LoadLocation(tzid)
	if err != nil || tzid == "Local" {
		return time.Time{}, fmt.Errorf("ical: %s: TZID %q is not an IANA zone", p.Name, tzid)
	}
	wall, err := time.Parse(localLayout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("ical: %s %q: %w", p.Name, v, err)
	}
	return resolveLocal(wall, loc), nil
}

// resolveLocal turns a wall-clock time (given as if in UTC) into an instant
// in loc by the rules of RFC 5545 3.3.5: a time that occurs twice is the
// first occurrence; a time in a gap uses the offset in force before the gap
// (so 02:30 on a day that jumps 02:00->03:00 is 03:30 after the jump).
func resolveLocal(wall time.Time, loc *time.Location) time.Time {
	const span = 16 * time.Hour // more than any UTC offset
	var before time.Duration
	haveBefore := false
	for t, hi := wall.Add(-span), wall.Add(span); t.Before(hi); {
		tl := t.In(loc)
		_, off := tl.Zone()
		_, end := tl.ZoneBounds()
		if end.IsZero() || !end.After(t) || end.After(hi) {
			end = hi
		}
		o := time.Duration(off) * time.Second
		if u := wall.Add(-o); !u.Before(t) && u.Before(end) {
			return u.In(loc) // earliest period first: the first occurrence
		} else if !u.Before(t) {
			before, haveBefore = o, true
		}
		t = end
	}
	if !haveBefore {
		_, off := wall.In(loc).Zone()
		before = time.Duration(off) * time.Second
	}
	return wall.Add(-before).In(loc)
}

// Component is a decoded BEGIN…END block.
type Component struct {
	Name     string
	Props    []Property
	Children []*Component
}

// Prop returns the first property called name, or nil.
func (c *Component) Prop(name string) *Property {
	name = strings.ToUpper(name)
	for i := range c.Props {
		if c.Props[i].Name == name {
			return &c.Props[i]
		}
	}
	return nil
}

// All returns every property called name.
func (c *Component) All(name string) []Property {
	name = strings.ToUpper(name)
	var out []Property
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// Text returns the unescaped TEXT of the first property called name, or "".
func (c *Component) Text(name string) string {
	if p := c.Prop(name); p != nil {
		return p.Text()
	}
	return ""
}

// Find returns the direct children called name.
func (c *Component) Find(name string) []*Component {
	name = strings.ToUpper(name)
	var out []*Component
	for _, ch := range c.Children {
		if ch.Name == name {
			out = append(out, ch)
		}
	}
	return out
}

// Calendar is a decoded VCALENDAR.
type Calendar struct {
	Component
}

// Method returns the METHOD of the calendar, or "".
func (c *Calendar) Method() string { return c.Text("METHOD") }

// Decode reads one VCALENDAR. Lines may end in CRLF or LF; folded lines
// (continuations starting with a space or a tab) are joined first.
func Decode(r io.Reader) (*Calendar, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, errors.New("ical: input larger than 4 MiB")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var stack []*Component
	var root *Component
	for n, line := range unfold(data) {
		if line == "" {
			continue
		}
		if root != nil && len(stack) == 0 {
			return nil, fmt.Errorf("ical: line %d: content after END:VCALENDAR", n+1)
		}
		p, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("ical: line %d: %w", n+1, err)
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(p.Value)
			if len(stack) == 0 && name != "VCALENDAR" {
				return nil, fmt.Errorf("ical: line %d: want BEGIN:VCALENDAR, got BEGIN:%s", n+1, p.Value)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("ical: line %d: components nested too deep", n+1)
			}
			c := &Component{Name: name}
			if len(stack) == 0 {
				root = c
			} else {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, c)
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != strings.ToUpper(p.Value) {
				return nil, fmt.Errorf("ical: line %d: END:%s does not close the open component", n+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("ical: line %d: property outside BEGIN:VCALENDAR", n+1)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if root == nil {
		return nil, errors.New("ical: no VCALENDAR")
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("ical: BEGIN:%s is never closed", stack[len(stack)-1].Name)
	}
	return &Calendar{*root}, nil
}

// unfold splits data into logical lines, joining continuation lines.
func unfold(data []byte) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxInput+1)
	for sc.Scan() {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// parseLine parses name *(";" param) ":" value.
func parseLine(line string) (Property, error) {
	i := strings.IndexAny(line, ";:")
	if i <= 0 {
		return Property{}, fmt.Errorf("no name or no colon in %q", clip(line))
	}
	p := Property{Name: strings.ToUpper(line[:i])}
	rest := line[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return Property{}, fmt.Errorf("bad parameter in %q", clip(line))
		}
		name := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		for {
			var v string
			if strings.HasPrefix(rest, `"`) {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return Property{}, fmt.Errorf("unclosed quote in %q", clip(line))
				}
				v, rest = rest[1:1+end], rest[end+2:]
			} else {
				end := strings.IndexAny(rest, ",;:")
				if end < 0 {
					return Property{}, fmt.Errorf("no colon in %q", clip(line))
				}
				v, rest = rest[:end], rest[end:]
			}
			if p.Params == nil {
				p.Params = map[string][]string{}
			}
			p.Params[name] = append(p.Params[name], v)
			if !strings.HasPrefix(rest, ",") {
				break
			}
			rest = rest[1:]
		}
	}
	if !strings.HasPrefix(rest, ":") {
		return Property{}, fmt.Errorf("no colon in %q", clip(line))
	}
	p.Value = rest[1:]
	return p, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// unescapeText undoes TEXT escaping: \\ \; \, \n \N. A backslash before
// anything else is kept as it is.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
