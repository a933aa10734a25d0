package leversandbox

import (
	"net/http"
	"strings"
)

// opportunityCreated is POST /opportunities' answer: a top-level deduped flag
// beside data (three recordings agree; the doc shows no example).
type opportunityCreated struct {
	Deduped bool        `json:"deduped"`
	Data    Opportunity `json:"data"`
}

// createOpportunity is POST /v1/opportunities?perform_as=U (JSON bodies only).
// Lever dedupes on e-mail: a known address joins the existing contact, whose
// name and headline win over what the caller sent.
func (s *Sandbox) createOpportunity(w http.ResponseWriter, r *http.Request, p *principal) {
	user, ok := s.performAs(w, r, true)
	if !ok {
		return
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		writeError(w, http.StatusUnsupportedMediaType, codeBadRequest, "the sandbox accepts JSON bodies only; upload files separately")
		return
	}
	var body struct {
		Name                string    `json:"name"`
		Headline            string    `json:"headline"`
		Stage               string    `json:"stage"`
		Location            string    `json:"location"`
		Phones              []Phone   `json:"phones"`
		Emails              []string  `json:"emails"`
		Links               []string  `json:"links"`
		Tags                []string  `json:"tags"`
		Sources             []string  `json:"sources"`
		Origin              string    `json:"origin"`
		Owner               string    `json:"owner"`
		Followers           []string  `json:"followers"`
		Postings            []string  `json:"postings"`
		CreatedAt           *int64    `json:"createdAt"`
		Archived            *Archived `json:"archived"`
		OpportunityLocation string    `json:"opportunityLocation"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	if len(body.Postings) > 1 {
		badRequest(w, "postings must contain exactly one posting id")
		return
	}
	origins := map[string]bool{"agency": true, "applied": true, "internal": true, "referred": true, "sourced": true, "university": true}
	if body.Origin == "" {
		body.Origin = "sourced"
	}
	if !origins[body.Origin] {
		badRequest(w, "invalid origin "+body.Origin)
		return
	}
	s.mu.Lock()
	now := s.nowMS()
	created := now
	if body.CreatedAt != nil {
		if *body.CreatedAt > now {
			s.mu.Unlock()
			badRequest(w, "createdAt cannot be in the future")
			return
		}
		created = *body.CreatedAt
	}
	if body.Stage == "" {
		body.Stage = "lead-new"
	}
	idx, known := s.stageIndex[body.Stage]
	if !known {
		s.mu.Unlock()
		badRequest(w, "Invalid stage: "+body.Stage)
		return
	}
	var posting *Posting
	if len(body.Postings) == 1 {
		if posting = s.postingsBy[body.Postings[0]]; posting == nil {
			s.mu.Unlock()
			badRequest(w, "posting "+body.Postings[0]+" was not found")
			return
		}
		if posting.Confidentiality == "confidential" && !p.confidential() {
			s.mu.Unlock()
			writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
			return
		}
	}
	owner := user
	if body.Owner != "" {
		if s.usersByID[body.Owner] == nil {
			s.mu.Unlock()
			badRequest(w, "owner "+body.Owner+" was not found")
			return
		}
		owner = body.Owner
	}
	if body.Archived != nil {
		if !s.reasonExists(body.Archived.Reason) {
			s.mu.Unlock()
			badRequest(w, "archived.reason is not a known archive reason")
			return
		}
		if body.Archived.ArchivedAt == 0 {
			body.Archived.ArchivedAt = now
		}
	}

	o := &oppRecord{}
	o.ID, o.Contact = s.newID(), s.newID()
	o.Name, o.Headline, o.Location = body.Name, body.Headline, body.Location
	deduped := false
	for _, e := range body.Emails {
		if twin := s.findByEmail(e); twin != nil {
			o.Contact, o.Name, o.Headline, deduped = twin.Contact, twin.Name, twin.Headline, true
			break
		}
	}
	o.Stage, o.Confidentiality, o.Origin = body.Stage, "non-confidential", body.Origin
	o.Phones = nonNil(body.Phones)
	o.Emails, o.Links, o.Sources = nonNil(body.Emails), nonNil(body.Links), nonNil(body.Sources)
	o.Tags = nonNil(body.Tags)
	o.Archived = body.Archived
	o.StageChanges = []StageChange{{ToStageID: o.Stage, ToStageIndex: idx, UpdatedAt: created, UserID: user}}
	if o.Origin == "sourced" {
		o.SourcedBy = ptr(user)
	}
	o.Owner = ptr(owner)
	o.Followers = appendUnique(nonNil(body.Followers), user)
	o.Applications = []string{}
	o.CreatedAt, o.UpdatedAt, o.LastInteractionAt, o.LastAdvancedAt = created, ptr(now), now, created
	o.URLs = s.oppURLs(o.ID)
	o.Rank = s.stageRank[o.Stage]
	if posting != nil {
		o.PostingID = posting.ID
		o.Confidentiality = posting.Confidentiality
		o.Applications = []string{s.newID()}
		// Lever tags a candidate with the posting's categories.
		for _, t := range []string{posting.Text, posting.Categories.Department, posting.Categories.Team, posting.Categories.Location, posting.Categories.Commitment} {
			o.Tags = appendUnique(o.Tags, t)
		}
		o.Resume.Template = s.postingIndex(posting.ID) % len(postingTemplates)
	}
	s.insertOpp(o)
	resp := opportunityCreated{Deduped: deduped, Data: o.Opportunity.clone()}
	resp.Data.OpportunityLocation = "" // absent in the recorded create responses
	ev := map[string]any{"opportunityId": o.ID, "candidateId": o.ID, "contactId": o.Contact}
	s.mu.Unlock()
	if posting != nil {
		ev["applicationId"], ev["postingId"] = o.Applications[0], posting.ID
		s.emit("applicationCreated", o.Origin, ev)
	}
	writeJSON(w, http.StatusCreated, resp)
}

func (s *Sandbox) reasonExists(id string) bool {
	for _, r := range s.reasons {
		if r.ID == id && r.Status == "active" {
			return true
		}
	}
	return false
}

// findByEmail finds an opportunity with this canonical e-mail (a linear scan:
// creates are rare next to reads). Caller holds s.mu.
func (s *Sandbox) findByEmail(email string) *oppRecord {
	want := canonicalEmail(email)
	if want == "" {
		return nil
	}
	for _, o := range s.oppOrder {
		for _, e := range o.Emails {
			if canonicalEmail(e) == want {
				return o
			}
		}
	}
	return nil
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

func appendUnique(list []string, v string) []string {
	if v == "" || containsStr(list, v) {
		return list
	}
	return append(list, v)
}
