package leversandbox

import (
	"net/http"
	"strings"
)

// noteCreated is POST .../notes' answer: the full note plus noteId (recorded).
type noteCreated struct {
	Note
	NoteID string `json:"noteId"`
}

func (s *Sandbox) listNotes(w http.ResponseWriter, r *http.Request, p *principal) {
	listOfOpportunity(s, w, r, p, s.notes, func(x *Note) (string, any) { return x.ID, x.CreatedAt })
}

func (s *Sandbox) getNote(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	for _, n := range s.notes[o.ID] {
		if n.ID == r.PathValue("note") {
			writeJSON(w, http.StatusOK, dataResponse{Data: n})
			return
		}
	}
	notFound(w, "notes", r.PathValue("note"))
}

func (s *Sandbox) createNote(w http.ResponseWriter, r *http.Request, p *principal) {
	user, ok := s.performAs(w, r, false)
	if !ok {
		return
	}
	var body struct {
		Value     *string `json:"value"`
		Secret    bool    `json:"secret"`
		Score     *int    `json:"score"`
		CreatedAt *int64  `json:"createdAt"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	if body.Value == nil || strings.TrimSpace(*body.Value) == "" {
		badRequest(w, "value is required")
		return
	}
	if body.Score != nil && (*body.Score < 1 || *body.Score > 4) {
		badRequest(w, "score must be an integer from 1 to 4")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	now := s.nowMS()
	created := now
	if body.CreatedAt != nil {
		if *body.CreatedAt > now {
			badRequest(w, "createdAt cannot be in the future")
			return
		}
		created = *body.CreatedAt
	}
	var author *string
	if user != "" {
		author = ptr(user)
	}
	n := &Note{ID: s.newID(), Text: "Note", User: author, Secret: body.Secret, CompletedAt: created, CreatedAt: created,
		Fields: []NoteField{{CreatedAt: created, Score: body.Score, Stage: o.Stage, Text: "Comment", Type: "note", User: author, Value: *body.Value}}}
	s.notes[o.ID] = append(s.notes[o.ID], n)
	// Notes do not move updatedAt (Lever's trigger list excludes them), but they are an interaction.
	o.LastInteractionAt = now
	o.changed()
	writeJSON(w, http.StatusCreated, dataResponse{Data: noteCreated{Note: *n, NoteID: n.ID}})
}

func (s *Sandbox) deleteNote(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	if !removeOfOpportunity(s.notes, o.ID, r.PathValue("note"), func(n *Note) string { return n.ID }) {
		notFound(w, "notes", r.PathValue("note"))
		return
	}
	noContent(w)
}

// replaceNote is PUT .../notes/:note: the whole note is replaced, every
// comment gets the score, and the answer is just {data: {noteId}}. Unlike
// notes created, an updated note moves the opportunity's updatedAt (Lever's
// trigger list says so).
func (s *Sandbox) replaceNote(w http.ResponseWriter, r *http.Request, p *principal) {
	var body struct {
		Values []struct {
			Value     *string `json:"value"`
			CreatedAt *int64  `json:"createdAt"`
		} `json:"values"`
		User        *string `json:"user"`
		Secret      *bool   `json:"secret"`
		Score       *int    `json:"score"`
		CreatedAt   *int64  `json:"createdAt"`
		CompletedAt *int64  `json:"completedAt"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	if len(body.Values) == 0 {
		badRequest(w, "values must be a non-empty array")
		return
	}
	if body.Score != nil && (*body.Score < 1 || *body.Score > 4) {
		badRequest(w, "score must be an integer from 1 to 4")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	var n *Note
	for _, x := range s.notes[o.ID] {
		if x.ID == r.PathValue("note") {
			n = x
		}
	}
	if n == nil {
		notFound(w, "notes", r.PathValue("note"))
		return
	}
	if body.User != nil && s.usersByID[*body.User] == nil {
		badRequest(w, "user "+*body.User+" was not found")
		return
	}
	now := s.nowMS()
	author := n.User
	if body.User != nil {
		author = body.User
	}
	var fields []NoteField
	for i, v := range body.Values {
		if v.Value == nil {
			badRequest(w, "values["+itoa(i)+"].value is required")
			return
		}
		at := now
		if v.CreatedAt != nil {
			at = *v.CreatedAt
		}
		fields = append(fields, NoteField{CreatedAt: at, Score: body.Score, Stage: o.Stage, Text: "Comment", Type: "note", User: author, Value: *v.Value})
	}
	n.Fields, n.User = fields, author
	if body.Secret != nil {
		n.Secret = *body.Secret
	}
	if body.CreatedAt != nil {
		n.CreatedAt = *body.CreatedAt
	}
	if body.CompletedAt != nil {
		n.CompletedAt = *body.CompletedAt
	}
	s.touch(o)
	writeJSON(w, http.StatusOK, dataResponse{Data: map[string]string{"noteId": n.ID}})
}
