package leversandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

var fieldTypes = map[string]bool{"text": true, "textarea": true, "code": true, "date": true, "currency": true,
	"dropdown": true, "multiple-choice": true, "multiple-select": true, "yes-no": true, "score-system": true,
	"score": true, "scorecard": true, "file-upload": true, "university": true, "note": true}

func (s *Sandbox) listTemplates(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	out := append([]*FeedbackTemplate{}, s.templates...)
	s.mu.RUnlock()
	page, next, err := pageByID(out, r.URL.Query(), func(t *FeedbackTemplate) string { return t.ID }, func(t *FeedbackTemplate) any { return t.CreatedAt })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}

func (s *Sandbox) templateByID(id string) *FeedbackTemplate {
	for _, t := range s.templates {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func (s *Sandbox) getTemplate(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.templateByID(r.PathValue("id"))
	if t == nil {
		notFound(w, "feedback_templates", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: t})
}

type templateBody struct {
	Text         string          `json:"text"`
	Instructions string          `json:"instructions"`
	Group        string          `json:"group"`
	Fields       []TemplateField `json:"fields"`
}

// readTemplate decodes and validates a template create or replace body,
// writing a 400 when it is wrong.
func readTemplate(w http.ResponseWriter, r *http.Request) (*templateBody, bool) {
	var body templateBody
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return nil, false
	}
	if strings.TrimSpace(body.Text) == "" {
		badRequest(w, "text is required")
		return nil, false
	}
	scoreSystems := 0
	for i, f := range body.Fields {
		if !fieldTypes[f.Type] {
			badRequest(w, fmt.Sprintf("fields[%d]: unknown type %q", i, f.Type))
			return nil, false
		}
		switch f.Type {
		case "score-system":
			scoreSystems++
			// Lever fills in the fixed options of the overall rating (and,
			// as recorded, answers without a prompt).
			body.Fields[i].Options = scoreSystemOptions()
			body.Fields[i].Prompt = ""
		case "dropdown", "multiple-choice", "multiple-select":
			if len(f.Options) == 0 {
				badRequest(w, fmt.Sprintf("fields[%d]: %s needs options", i, f.Type))
				return nil, false
			}
		case "scorecard":
			if len(f.Scores) == 0 {
				badRequest(w, fmt.Sprintf("fields[%d]: scorecard needs scores", i))
				return nil, false
			}
		}
	}
	if scoreSystems != 1 {
		badRequest(w, "a feedback template needs exactly one score-system field")
		return nil, false
	}
	return &body, true
}

// fill copies a validated body into a template, with fresh field ids (Lever
// regenerates every field id on PUT, as recorded). Caller holds s.mu.
func (s *Sandbox) fillTemplate(t *FeedbackTemplate, body *templateBody) {
	t.Text, t.Instructions, t.Fields, t.Group = body.Text, body.Instructions, body.Fields, nil
	for i := range t.Fields {
		t.Fields[i].ID = s.newID()
	}
	if body.Group != "" {
		t.Group = &TemplateGroup{ID: body.Group, Name: "Group"}
	}
}

func (s *Sandbox) createTemplate(w http.ResponseWriter, r *http.Request, p *principal) {
	body, ok := readTemplate(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowMS()
	t := &FeedbackTemplate{ID: s.newID(), CreatedAt: ptr(now), UpdatedAt: ptr(now)}
	s.fillTemplate(t, body)
	s.templates = append(s.templates, t)
	s.apiTemplates[t.ID] = true
	writeJSON(w, http.StatusCreated, dataResponse{Data: t})
}

func (s *Sandbox) replaceTemplate(w http.ResponseWriter, r *http.Request, p *principal) {
	body, ok := readTemplate(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.templateByID(r.PathValue("id"))
	if t == nil {
		notFound(w, "feedback_templates", r.PathValue("id"))
		return
	}
	s.fillTemplate(t, body)
	t.UpdatedAt = ptr(s.nowMS())
	writeJSON(w, http.StatusOK, dataResponse{Data: t})
}

func (s *Sandbox) deleteTemplate(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	for i, t := range s.templates {
		if t.ID != id {
			continue
		}
		if !s.apiTemplates[id] {
			writeError(w, http.StatusForbidden, codeForbidden, "Only feedback templates created through the API can be deleted through the API")
			return
		}
		s.templates = append(s.templates[:i:i], s.templates[i+1:]...)
		delete(s.apiTemplates, id)
		noContent(w)
		return
	}
	notFound(w, "feedback_templates", id)
}

// validateValue checks one fieldValues entry against its template field, as
// Lever rejects values of the wrong type. It returns the value to store.
func validateValue(f TemplateField, raw json.RawMessage) (any, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("value is not JSON")
	}
	if v == nil {
		return nil, nil
	}
	bad := fmt.Errorf("invalid value for %s field %q", f.Type, f.Text)
	isOption := func(x any) bool {
		s, ok := x.(string)
		if !ok {
			return false
		}
		for _, o := range f.Options {
			if o.Text == s {
				return true
			}
		}
		return false
	}
	switch f.Type {
	case "text", "textarea", "code", "university", "note":
		if _, ok := v.(string); !ok {
			return nil, bad
		}
	case "date", "currency":
		if _, ok := v.(float64); !ok {
			return nil, bad
		}
	case "dropdown", "multiple-choice":
		if !isOption(v) {
			return nil, bad
		}
	case "multiple-select":
		arr, ok := v.([]any)
		if !ok {
			return nil, bad
		}
		for _, x := range arr {
			if !isOption(x) {
				return nil, bad
			}
		}
	case "yes-no":
		if v != "yes" && v != "no" {
			return nil, bad
		}
	case "score-system", "score":
		// An option text ("3 - Hire") or a 1-4 integer; we echo what was sent.
		if n, ok := v.(float64); ok {
			if n != float64(int(n)) || n < 1 || n > 4 {
				return nil, bad
			}
			return int(n), nil
		}
		if f.Type == "score-system" && !isOption(v) {
			return nil, bad
		}
		if _, ok := v.(string); !ok {
			return nil, bad
		}
	case "scorecard":
		arr, ok := v.([]any)
		if !ok || len(arr) > len(f.Scores) {
			return nil, bad
		}
		for _, x := range arr {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, bad
			}
			if sc, has := m["score"]; has && sc != nil {
				n, ok := sc.(float64)
				if !ok || n != float64(int(n)) || n < 1 || n > 4 {
					return nil, bad
				}
			}
			if c, has := m["comment"]; has && c != nil {
				if _, ok := c.(string); !ok {
					return nil, bad
				}
			}
		}
	}
	return v, nil
}

type fieldValue struct {
	ID    string          `json:"id"`
	Value json.RawMessage `json:"value"`
}

// applyValues validates fieldValues and writes them into fields.
func applyValues(fields []FeedbackField, values []fieldValue) error {
	for _, fv := range values {
		found := false
		for i := range fields {
			if fields[i].ID == fv.ID {
				v, err := validateValue(fields[i].TemplateField, fv.Value)
				if err != nil {
					return err
				}
				fields[i].Value = v
				found = true
			}
		}
		if !found {
			return fmt.Errorf("fieldValues: no field %q in the template", fv.ID)
		}
	}
	return nil
}

func (s *Sandbox) listFeedback(w http.ResponseWriter, r *http.Request, p *principal) {
	listOfOpportunity(s, w, r, p, s.feedback, func(x *Feedback) (string, any) { return x.ID, x.CreatedAt })
}

func (s *Sandbox) findFeedback(w http.ResponseWriter, p *principal, oppID, id string) (*oppRecord, *Feedback) {
	o := s.lookupOpp(w, p, oppID)
	if o == nil {
		return nil, nil
	}
	for _, f := range s.feedback[o.ID] {
		if f.ID == id {
			return o, f
		}
	}
	notFound(w, "feedback", id)
	return nil, nil
}

func (s *Sandbox) getFeedback(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, f := s.findFeedback(w, p, r.PathValue("id"), r.PathValue("fb")); f != nil {
		// Soft-deleted forms still answer 200 with deletedAt set (recorded).
		writeJSON(w, http.StatusOK, dataResponse{Data: f})
	}
}

func (s *Sandbox) createFeedback(w http.ResponseWriter, r *http.Request, p *principal) {
	user, ok := s.performAs(w, r, true)
	if !ok {
		return
	}
	var body struct {
		BaseTemplateID string       `json:"baseTemplateId"`
		Panel          *string      `json:"panel"`
		Interview      *string      `json:"interview"`
		FieldValues    []fieldValue `json:"fieldValues"`
		CreatedAt      *int64       `json:"createdAt"`
		CompletedAt    *int64       `json:"completedAt"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	if body.BaseTemplateID == "" {
		badRequest(w, "baseTemplateId is required")
		return
	}
	if (body.Panel == nil) != (body.Interview == nil) {
		badRequest(w, "panel and interview must be given together")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	var panel *Panel
	if body.Panel != nil {
		if panel = s.panelInterviewExists(o.ID, *body.Panel, *body.Interview); panel == nil {
			badRequest(w, "interview "+*body.Interview+" of panel "+*body.Panel+" was not found on this opportunity")
			return
		}
	}
	t := s.templateByID(body.BaseTemplateID)
	if t == nil {
		badRequest(w, "feedback template "+body.BaseTemplateID+" was not found")
		return
	}
	fields := make([]FeedbackField, len(t.Fields))
	for i, tf := range t.Fields {
		fields[i] = FeedbackField{TemplateField: tf}
	}
	if err := applyValues(fields, body.FieldValues); err != nil {
		badRequest(w, err.Error())
		return
	}
	now := s.nowMS()
	f := &Feedback{ID: s.newID(), Type: "interview", Text: t.Text, Instructions: t.Instructions, Fields: fields,
		BaseTemplateID: t.ID, User: user, CreatedAt: now, CompletedAt: now, Panel: body.Panel, Interview: body.Interview}
	if panel != nil {
		panel.feedbackForms[*body.Interview] = append(panel.feedbackForms[*body.Interview], f.ID)
	}
	if body.CreatedAt != nil {
		f.CreatedAt = *body.CreatedAt
	}
	if body.CompletedAt != nil {
		f.CompletedAt = *body.CompletedAt
	}
	s.feedback[o.ID] = append(s.feedback[o.ID], f)
	o.LastInteractionAt = now
	o.changed()
	writeJSON(w, http.StatusCreated, dataResponse{Data: f})
}

// feedbackUpdated is PUT .../feedback/:id's internal shape (recorded): other
// keys, and the overall rating reported as type "score" with isSummary.
type feedbackUpdated struct {
	AccountID      string         `json:"accountId"`
	CreatedAt      int64          `json:"createdAt"`
	UserID         string         `json:"userId"`
	ProfileID      string         `json:"profileId"`
	BaseTemplateID string         `json:"baseTemplateId"`
	Text           string         `json:"text"`
	Instructions   string         `json:"instructions"`
	Type           string         `json:"type"`
	Fields         []updatedField `json:"fields"`
	CompletedAt    int64          `json:"completedAt"`
	UpdatedAt      int64          `json:"updatedAt"`
	ID             string         `json:"id"`
}

type updatedField struct {
	Type        string           `json:"type"`
	Text        string           `json:"text"`
	Description string           `json:"description"`
	Required    bool             `json:"required"`
	ID          string           `json:"id"`
	Prompt      string           `json:"prompt,omitempty"`
	Options     []FieldOption    `json:"options,omitempty"`
	Scores      []ScorecardScore `json:"scores,omitempty"`
	IsSummary   *bool            `json:"isSummary,omitempty"`
	SummaryText *string          `json:"summaryText,omitempty"`
	Overall     *bool            `json:"overall,omitempty"`
	Value       any              `json:"value"`
}

func (s *Sandbox) updateFeedback(w http.ResponseWriter, r *http.Request, p *principal) {
	if _, ok := s.performAs(w, r, true); !ok {
		return
	}
	var body struct {
		CompletedAt *int64       `json:"completedAt"`
		FieldValues []fieldValue `json:"fieldValues"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, f := s.findFeedback(w, p, r.PathValue("id"), r.PathValue("fb"))
	if f == nil {
		return
	}
	if f.DeletedAt != nil {
		notFound(w, "feedback", f.ID)
		return
	}
	fields := make([]FeedbackField, len(f.Fields))
	copy(fields, f.Fields)
	if err := applyValues(fields, body.FieldValues); err != nil {
		badRequest(w, err.Error())
		return
	}
	now := s.nowMS()
	f.Fields = fields
	f.UpdatedAt = ptr(now)
	if body.CompletedAt != nil {
		f.CompletedAt = *body.CompletedAt
	}
	out := feedbackUpdated{AccountID: s.accountID(), CreatedAt: f.CreatedAt, UserID: f.User, ProfileID: o.ID,
		BaseTemplateID: f.BaseTemplateID, Text: f.Text, Instructions: f.Instructions, Type: f.Type,
		CompletedAt: f.CompletedAt, UpdatedAt: now, ID: f.ID}
	for _, ff := range f.Fields {
		uf := updatedField{Type: ff.Type, Text: ff.Text, Description: ff.Description, Required: ff.Required, ID: ff.ID,
			Prompt: ff.Prompt, Options: ff.Options, Scores: ff.Scores, Value: ff.Value}
		if ff.Type == "score-system" {
			uf.Type, uf.IsSummary, uf.SummaryText, uf.Overall = "score", ptr(true), ptr(""), ptr(true)
		}
		out.Fields = append(out.Fields, uf)
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: out})
}

func (s *Sandbox) deleteFeedback(w http.ResponseWriter, r *http.Request, p *principal) {
	if _, ok := s.performAs(w, r, true); !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, f := s.findFeedback(w, p, r.PathValue("id"), r.PathValue("fb"))
	if f == nil {
		return
	}
	if f.DeletedAt == nil { // soft delete, as Lever does
		f.DeletedAt = ptr(s.nowMS())
	}
	noContent(w)
}

// accountID is a stable id for the emulated account.
func (s *Sandbox) accountID() string {
	return "a0000000-0000-4000-8000-" + fmt.Sprintf("%012x", uint64(s.cfg.Seed)&0xffffffffffff)
}
