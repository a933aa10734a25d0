package skillkeepr

import (
	"slices"
	"strings"
	"testing"
)

var mentionUsers = []MentionableUser{
	{ID: 1, Name: "Ada Lovelace", Email: "ada@acme.test"},
	{ID: 2, Name: "Ada", Email: "ada2@acme.test"},
	{ID: 3, Name: "Bea O'Neil", Email: "bea@acme.test"},
	{ID: 4, Name: "Zoë Müller", Email: "zoe@acme.test"},
}

func TestParseMentions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    []string // the mentioned text, in order
		ids     []int64
		unknown []string
	}{
		{"full name", "Please look, @Ada Lovelace.", []string{"@Ada Lovelace"}, []int64{1}, nil},
		{"longest name wins", "@Ada Lovelace and @Ada", []string{"@Ada Lovelace", "@Ada"}, []int64{1, 2}, nil},
		{"case does not matter", "@ada lovelace?", []string{"@ada lovelace"}, []int64{1}, nil},
		{"email", "cc @bea@acme.test: thoughts?", []string{"@bea@acme.test"}, []int64{3}, nil},
		{"email at the end of a sentence", "Ask @bea@acme.test.", []string{"@bea@acme.test"}, []int64{3}, nil},
		{"email continued is not that email", "@bea@acme.test.uk", nil, nil, []string{"@bea@acme.test.uk"}},
		{"an address written out is not a mention", "write to ada@acme.test", nil, nil, nil},
		{"name followed by letters is not that name", "@Adalbert", nil, nil, []string{"@Adalbert"}},
		{"non-ASCII name", "Danke @Zoë Müller!", []string{"@Zoë Müller"}, []int64{4}, nil},
		{"apostrophe in a name", "@Bea O'Neil's view", []string{"@Bea O'Neil"}, []int64{3}, nil},
		{"lone at sign", "meet @ 5pm, @ and @@", nil, nil, nil},
		{"unknown once", "@Bob and @bob", nil, nil, []string{"@Bob"}},
		{"mention at start and markup", "@Ada <script>alert(1)</script>", []string{"@Ada"}, []int64{2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ms, unknown := ParseMentions(tt.body, mentionUsers)
			var got []string
			var ids []int64
			for _, m := range ms {
				got = append(got, tt.body[m.Start:m.End])
				ids = append(ids, m.UserID)
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(ids, tt.ids) {
				t.Errorf("mentions %q %v, want %q %v", got, ids, tt.want, tt.ids)
			}
			if !slices.Equal(unknown, tt.unknown) {
				t.Errorf("unknown %q, want %q", unknown, tt.unknown)
			}
		})
	}
}

func TestCommentSegments(t *testing.T) {
	t.Parallel()
	body := "Hi @Ada Lovelace, see <b>this</b> @bea@acme.test"
	ms, _ := ParseMentions(body, mentionUsers)
	c := &Comment{Body: body, Mentions: ms}
	segs := c.Segments()
	want := []CommentSegment{{Text: "Hi "}, {Text: "@Ada Lovelace", UserID: 1}, {Text: ", see <b>this</b> "}, {Text: "@bea@acme.test", UserID: 3}}
	if !slices.Equal(segs, want) {
		t.Errorf("segments %+v", segs)
	}
	if got := c.MentionedUserIDs(); !slices.Equal(got, []int64{1, 3}) {
		t.Errorf("mentioned ids %v", got)
	}
	// Offsets that do not fit the body are shown as text, never a panic.
	c = &Comment{Body: "short", Mentions: []Mention{{UserID: 1, Start: 2, End: 99}, {UserID: 2, Start: 3, End: 1}}}
	if segs := c.Segments(); len(segs) != 1 || segs[0].Text != "short" {
		t.Errorf("bad offsets: %+v", segs)
	}
}

func TestValidateCommentBody(t *testing.T) {
	t.Parallel()
	if b, err := ValidateCommentBody("  hello \n"); err != nil || b != "hello" {
		t.Errorf("got %q, %v", b, err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", MaxCommentLength+1), "\xff\xfe"} {
		if _, err := ValidateCommentBody(bad); ErrorFields(err)["body"] == "" {
			t.Errorf("%.20q: want a field error on body, got %v", bad, err)
		}
	}
}

// FuzzParseMentions: whatever people type, mentions are in order, inside
// the body, start with "@", name the user they point to, and the segments
// put the body back together.
func FuzzParseMentions(f *testing.F) {
	for _, s := range []string{"@Ada Lovelace hi", "@bea@acme.test.", "x@y @ @@ @Zoë Müller", "@\xff", "@Ada\u0301", "@a.b.c-d+e@f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		ms, unknown := ParseMentions(body, mentionUsers)
		pos := 0
		for _, m := range ms {
			if m.Start < pos || m.End <= m.Start || m.End > len(body) || body[m.Start] != '@' {
				t.Fatalf("bad mention %+v in %q", m, body)
			}
			i := slices.IndexFunc(mentionUsers, func(u MentionableUser) bool { return u.ID == m.UserID })
			if i < 0 || (!strings.EqualFold(body[m.Start+1:m.End], mentionUsers[i].Name) && !strings.EqualFold(body[m.Start+1:m.End], mentionUsers[i].Email)) {
				t.Fatalf("mention %q does not name user %d", body[m.Start:m.End], m.UserID)
			}
			pos = m.End
		}
		for _, u := range unknown {
			if !strings.HasPrefix(u, "@") || len(u) < 2 || !strings.Contains(body, u) {
				t.Fatalf("bad unknown word %q in %q", u, body)
			}
		}
		var b strings.Builder
		for _, s := range (&Comment{Body: body, Mentions: ms}).Segments() {
			b.WriteString(s.Text)
		}
		if b.String() != body {
			t.Fatalf("segments give %q, want %q", b.String(), body)
		}
	})
}
