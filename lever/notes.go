package lever

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// Note is a note on an opportunity: a thread of comments (Fields).
type Note struct {
	ID          string      `json:"id"`
	Text        string      `json:"text"` // "Note"
	Fields      []NoteField `json:"fields"`
	User        string      `json:"user"` // author; empty when created without perform_as
	Secret      bool        `json:"secret"`
	CreatedAt   Timestamp   `json:"createdAt"`
	CompletedAt Timestamp   `json:"completedAt"`
	DeletedAt   Timestamp   `json:"deletedAt"`
}

// NoteField is one comment of a note.
type NoteField struct {
	Type      string    `json:"type"` // "note"
	Text      string    `json:"text"` // "Comment"
	Value     string    `json:"value"`
	CreatedAt Timestamp `json:"createdAt"`
	User      string    `json:"user"`
	Score     Int64     `json:"score"` // 1–4, 0 when none
	Stage     string    `json:"stage"`
}

// NewNote is a note to create.
type NewNote struct {
	Value           string    // required; @username mentions notify those users
	Secret          bool      // visible only to users with sensitive-information access
	Score           int       // 1 Strong No … 4 Strong Yes; 0 for none
	NotifyFollowers bool      //
	CreatedAt       time.Time // past only; zero for now
	// ThreadOf, when set, adds the note as a comment to that existing note.
	ThreadOf string
}

// ListNotes iterates over an opportunity's notes (GET /opportunities/:id/notes).
func (c *Client) ListNotes(ctx context.Context, opportunityID string) iter.Seq2[Note, error] {
	if err := requireIDs(opportunityID); err != nil {
		return failed[Note](err)
	}
	return list[Note](c, ctx, pathf("/opportunities/%s/notes", opportunityID), nil)
}

// GetNote returns one note (GET /opportunities/:id/notes/:note).
func (c *Client) GetNote(ctx context.Context, opportunityID, noteID string) (*Note, error) {
	if err := requireIDs(opportunityID, noteID); err != nil {
		return nil, err
	}
	var n Note
	if err := c.getOne(ctx, pathf("/opportunities/%s/notes/%s", opportunityID, noteID), nil, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// CreateNote adds a note to an opportunity (POST /opportunities/:id/notes) and returns
// its id. performAs (optional) makes that Lever user the author.
//
// Notes are not idempotent: after an ambiguous failure (timeout, dropped connection,
// 5xx other than 503) the call is not retried and the error matches
// [ErrOutcomeUnknown]; look for the note in Lever before creating it again.
func (c *Client) CreateNote(ctx context.Context, opportunityID string, n NewNote, performAs string) (string, error) {
	if err := requireIDs(opportunityID); err != nil {
		return "", err
	}
	if n.Value == "" {
		return "", invalidf("CreateNote: empty value")
	}
	if n.Score < 0 || n.Score > 4 {
		return "", invalidf("CreateNote: score %d outside 1–4", n.Score)
	}
	body := map[string]any{"value": n.Value}
	if n.Secret {
		body["secret"] = true
	}
	if n.Score > 0 {
		body["score"] = n.Score
	}
	if n.NotifyFollowers {
		body["notifyFollowers"] = true
	}
	if !n.CreatedAt.IsZero() {
		body["createdAt"] = n.CreatedAt.UnixMilli()
	}
	q := performAsQuery(performAs)
	setNonEmpty(q, "note_id", n.ThreadOf)
	r := &request{method: http.MethodPost, path: pathf("/opportunities/%s/notes", opportunityID), query: q, body: body}
	resp, err := c.do(ctx, r)
	if err != nil {
		return "", err
	}
	id, err := decodeNoteID(resp.body)
	if err != nil {
		// Lever created the note, but we cannot tell which one it is.
		return "", &OutcomeUnknownError{Method: r.method, Path: r.path, Err: err}
	}
	return id, nil
}

// decodeNoteID reads the id of a created or updated note: `noteId` (documented), or
// `id` (real answers carry the full note as well).
func decodeNoteID(body []byte) (string, error) {
	var out struct {
		NoteID string `json:"noteId"`
		ID     string `json:"id"`
	}
	if _, err := decodeOne(body, &out); err != nil {
		return "", err
	}
	if out.NoteID != "" {
		return out.NoteID, nil
	}
	if out.ID != "" {
		return out.ID, nil
	}
	return "", fmt.Errorf("lever: note answer carries no note id")
}

// DeleteNote deletes an API-created note (DELETE /opportunities/:id/notes/:note).
// A 404 on a retry after an ambiguous first attempt counts as success.
func (c *Client) DeleteNote(ctx context.Context, opportunityID, noteID string) error {
	if err := requireIDs(opportunityID, noteID); err != nil {
		return err
	}
	_, err := c.do(ctx, &request{method: http.MethodDelete, path: pathf("/opportunities/%s/notes/%s", opportunityID, noteID), idempotent: true})
	return err
}
