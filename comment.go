package skillkeepr

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxCommentLength bounds a comment on a candidate, in bytes.
const MaxCommentLength = 5000

// Comment is a note a colleague leaves on a candidate's timeline. It is
// about the candidate, not one application: everyone who may see the
// candidate reads every comment on them.
type Comment struct {
	ID          int64      `json:"id"`
	OrgID       int64      `json:"-"`
	CandidateID int64      `json:"candidate_id"`
	AuthorID    int64      `json:"author_id"`
	AuthorName  string     `json:"author_name"`
	Body        string     `json:"body"`
	Mentions    []Mention  `json:"mentions"`
	CreatedAt   time.Time  `json:"created_at"`
	EditedAt    *time.Time `json:"edited_at"`
}

// Mention is one "@Name" or "@email" in a comment's body, resolved to a
// user of the organisation. Start and End are byte offsets of the whole
// mention, "@" included, in Body.
type Mention struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// CommentSegment is a piece of a comment's body for display: plain text,
// or a mention when UserID is set.
type CommentSegment struct {
	Text   string
	UserID int64
}

// Segments cuts the body into plain text and mentions, in order, so that
// a template can highlight mentions while escaping everything. Mentions
// that do not fit the body (never stored so, but the body is outside
// input) are shown as plain text.
func (c *Comment) Segments() []CommentSegment {
	var out []CommentSegment
	pos := 0
	for _, m := range c.Mentions {
		if m.Start < pos || m.End > len(c.Body) || m.Start >= m.End {
			continue
		}
		if m.Start > pos {
			out = append(out, CommentSegment{Text: c.Body[pos:m.Start]})
		}
		out = append(out, CommentSegment{Text: c.Body[m.Start:m.End], UserID: m.UserID})
		pos = m.End
	}
	if pos < len(c.Body) {
		out = append(out, CommentSegment{Text: c.Body[pos:]})
	}
	return out
}

// MentionedUserIDs lists each mentioned user once, in order of first
// mention.
func (c *Comment) MentionedUserIDs() []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, m := range c.Mentions {
		if !seen[m.UserID] {
			seen[m.UserID] = true
			out = append(out, m.UserID)
		}
	}
	return out
}

// CommentService manages comments on candidates of the actor's
// organisation. Whoever may see a candidate may read and add comments
// (ActComment on one of the candidate's jobs); a candidate the actor
// cannot see is not found.
type CommentService interface {
	// CreateComment adds a comment and notifies the people it mentions,
	// in one transaction. Every mention must resolve to an active user of
	// the organisation who may see the candidate, else EINVALID with the
	// field "body" naming them.
	CreateComment(ctx context.Context, candidateID int64, body string) (*Comment, error)
	// FindComments returns the candidate's comments, newest first.
	FindComments(ctx context.Context, candidateID int64) ([]*Comment, error)
	// FindCommentByID returns a comment on a candidate the actor may see.
	FindCommentByID(ctx context.Context, id int64) (*Comment, error)
	// UpdateComment replaces the body of the actor's own comment;
	// people mentioned for the first time are notified.
	UpdateComment(ctx context.Context, id int64, body string) (*Comment, error)
	// DeleteComment removes a comment (its author, or an admin).
	DeleteComment(ctx context.Context, id int64) error
	// FindMentionableUsers lists the active users who may see the
	// candidate, by name: the people a comment on them may mention.
	FindMentionableUsers(ctx context.Context, candidateID int64) ([]MentionableUser, error)
}

// ValidateCommentBody trims the body and checks its length.
func ValidateCommentBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	v := Validation{}
	v.Check(body != "", "body", "Write a comment first.")
	v.Check(len(body) <= MaxCommentLength, "body", "Use at most 5,000 characters.")
	v.Check(utf8.ValidString(body), "body", "The comment contains characters that are not text.")
	return body, v.Err()
}

// MentionableUser is a user a comment may mention.
type MentionableUser struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// ParseMentions finds the mentions in body. A mention is "@" at the start
// of a word followed by a user's email or full name, matched exactly but
// for case; when several fit, the longest wins ("@Ada Lovelace" over
// "@Ada"). Words that start with "@" and match nobody are returned in
// unknown, as written, each once. An "@" inside a word (an email address
// written out) is not a mention.
func ParseMentions(body string, users []MentionableUser) (mentions []Mention, unknown []string) {
	seenUnknown := map[string]bool{}
	for i := 0; i < len(body); {
		if body[i] != '@' || !mentionStart(body, i) {
			i++
			continue
		}
		rest := body[i+1:]
		best, bestLen := -1, 0
		for k, u := range users {
			for _, key := range []string{u.Email, u.Name} {
				if n := len(key); n > bestLen && n <= len(rest) && key != "" && strings.EqualFold(rest[:n], key) && mentionEnd(rest, n) {
					best, bestLen = k, n
				}
			}
		}
		if best >= 0 {
			mentions = append(mentions, Mention{UserID: users[best].ID, Name: users[best].Name, Start: i, End: i + 1 + bestLen})
			i += 1 + bestLen
			continue
		}
		word := "@" + mentionWord(rest)
		if !seenUnknown[strings.ToLower(word)] {
			seenUnknown[strings.ToLower(word)] = true
			unknown = append(unknown, word)
		}
		i += len(word)
	}
	return mentions, unknown
}

// mentionStart reports whether the "@" at i starts a mention: it begins a
// word and is followed by a letter or digit.
func mentionStart(s string, i int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if wordRune(r) || r == '@' || r == '.' || r == '_' || r == '-' || r == '+' {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return wordRune(r)
}

// mentionEnd reports whether a mention may end after s[:n]: the next
// character does not continue a word, a name or an address. A full stop
// ends a mention only when no word follows it ("@ana@x.io." but not the
// "@ana@x.io" of "@ana@x.io.uk").
func mentionEnd(s string, n int) bool {
	if n == len(s) {
		return true
	}
	if !utf8.RuneStart(s[n]) {
		return false
	}
	r, size := utf8.DecodeRuneInString(s[n:])
	switch {
	case wordRune(r) || r == '_' || r == '-' || r == '@':
		return false
	case r == '.':
		next, _ := utf8.DecodeRuneInString(s[n+size:])
		return !wordRune(next)
	}
	return true
}

// mentionWord is the word after an unresolved "@": letters, digits and
// the characters of an email address.
func mentionWord(s string) string {
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !wordRune(r) && !strings.ContainsRune("._-+@", r) {
			break
		}
		end += size
	}
	return strings.TrimRight(s[:end], ".")
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
