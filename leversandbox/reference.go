package leversandbox

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Users, stages, archive reasons, tags, sources and postings: the account's reference data.

func (s *Sandbox) listUsers(w http.ResponseWriter, r *http.Request, p *principal) {
	q := r.URL.Query()
	emails := setOf(queryValuesExact(q, "email"))
	roles := setOf(queryValuesExact(q, "accessRole"))
	withDeactivated := q.Get("includeDeactivated") == "true"
	ext := q.Get("external_directory_id")
	s.mu.RLock()
	out := []*User{}
	for _, u := range s.users {
		if (u.DeactivatedAt != nil && !withDeactivated) ||
			(emails != nil && !emails[u.Email]) || (roles != nil && !roles[u.AccessRole]) ||
			(ext != "" && (u.ExternalDirectoryID == nil || *u.ExternalDirectoryID != ext)) {
			continue
		}
		out = append(out, u)
	}
	s.mu.RUnlock()
	// Token [createdAt, id] as in the recorded sandbox users list.
	page, next, err := pageByID(out, q, func(u *User) string { return u.ID }, func(u *User) any { return u.CreatedAt })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}

func (s *Sandbox) getUser(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u := s.usersByID[r.PathValue("id")]
	if u == nil {
		notFound(w, "users", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: u})
}

func (s *Sandbox) listStages(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	out := append([]Stage{}, s.stages...)
	s.mu.RUnlock()
	writeList(w, out, "")
}

func (s *Sandbox) getStage(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i, ok := s.stageIndex[r.PathValue("id")]; ok {
		writeJSON(w, http.StatusOK, dataResponse{Data: s.stages[i]})
		return
	}
	notFound(w, "stages", r.PathValue("id"))
}

func (s *Sandbox) listArchiveReasons(w http.ResponseWriter, r *http.Request, p *principal) {
	typ := r.URL.Query().Get("type")
	if typ != "" && typ != "hired" && typ != "non-hired" {
		badRequest(w, "type must be hired or non-hired")
		return
	}
	s.mu.RLock()
	out := []ArchiveReason{}
	for _, ar := range s.reasons {
		if typ == "" || ar.Type == typ {
			out = append(out, ar)
		}
	}
	s.mu.RUnlock()
	writeList(w, out, "")
}

func (s *Sandbox) getArchiveReason(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, ar := range s.reasons {
		if ar.ID == r.PathValue("id") {
			writeJSON(w, http.StatusOK, dataResponse{Data: ar})
			return
		}
	}
	notFound(w, "archive_reasons", r.PathValue("id"))
}

// counted lists tags or sources sorted case-insensitively; entries differing
// only in case stay distinct, as in real Lever.
func counted(m map[string]int) []TagCount {
	out := make([]TagCount, 0, len(m))
	for t, n := range m {
		out = append(out, TagCount{Text: t, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Text), strings.ToLower(out[j].Text)
		if a != b {
			return a < b
		}
		return out[i].Text < out[j].Text
	})
	return out
}

func (s *Sandbox) listCounted(which func() map[string]int) apiHandler {
	return func(w http.ResponseWriter, r *http.Request, p *principal) {
		s.mu.RLock()
		out := counted(which())
		s.mu.RUnlock()
		page, next, err := pageByID(out, r.URL.Query(), func(t TagCount) string { return t.Text }, func(t TagCount) any { return strings.ToLower(t.Text) })
		if err != nil {
			offsetError(w, err)
			return
		}
		writeList(w, page, next)
	}
}

func (s *Sandbox) listPostings(w http.ResponseWriter, r *http.Request, p *principal) {
	q := r.URL.Query()
	conf := q.Get("confidentiality")
	if conf == "" {
		conf = "non-confidential"
	}
	if conf != "non-confidential" && conf != "confidential" && conf != "all" {
		badRequest(w, "confidentiality must be confidential, non-confidential or all")
		return
	}
	if conf != "non-confidential" && !p.confidential() {
		writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
		return
	}
	updated, err := parseRange(q, "updated_at")
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	states := setOf(queryValues(q, "state"))
	teams, deps := setOf(queryValuesExact(q, "team")), setOf(queryValuesExact(q, "department"))
	locs, commits := setOf(queryValuesExact(q, "location")), setOf(queryValuesExact(q, "commitment"))
	levels, tags := setOf(queryValuesExact(q, "level")), setOf(queryValuesExact(q, "tag"))
	s.mu.RLock()
	out := []*Posting{}
	for _, po := range s.postings {
		c := po.Categories
		if (conf != "all" && po.Confidentiality != conf) || (states != nil && !states[po.State]) ||
			(teams != nil && !teams[c.Team]) || (deps != nil && !deps[c.Department]) ||
			(locs != nil && !locs[c.Location]) || (commits != nil && !commits[c.Commitment]) ||
			(levels != nil && (c.Level == nil || !levels[*c.Level])) || (tags != nil && !anyIn(tags, po.Tags)) ||
			(updated.set && !updated.contains(po.UpdatedAt)) {
			continue
		}
		out = append(out, po)
	}
	s.mu.RUnlock()
	page, next, err := pageByID(out, q, func(po *Posting) string { return po.ID }, func(po *Posting) any { return po.CreatedAt })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}

func (s *Sandbox) getPosting(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	po := s.postingsBy[r.PathValue("id")]
	if po == nil {
		notFound(w, "postings", r.PathValue("id"))
		return
	}
	if po.Confidentiality == "confidential" && !p.confidential() {
		writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: po})
}

func itoa(n int) string { return strconv.Itoa(n) }

type dispositionStage struct {
	ID           string  `json:"id"`
	Text         string  `json:"text"`
	Pipeline     string  `json:"pipeline"`
	Rank         float64 `json:"rank"`
	HasInterview bool    `json:"hasInterview"`
}

type dispositionReason struct {
	ID     string  `json:"id"`
	Text   string  `json:"text"`
	Type   *string `json:"type"` // null for non-hired reasons here, unlike /archive_reasons
	Status string  `json:"status"`
}

// listDispositionStages is the undocumented GET /disposition_stages: stage
// ranks (which order GET /opportunities) and archive reasons in one object.
func (s *Sandbox) listDispositionStages(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out struct {
		Stages         []dispositionStage  `json:"stages"`
		ArchiveReasons []dispositionReason `json:"archiveReasons"`
	}
	for _, st := range s.stages {
		pipeline := "applicant"
		if strings.HasPrefix(st.ID, "lead-") {
			pipeline = "lead"
		} else if st.ID == "offer" {
			pipeline = "offer"
		}
		rank := s.stageRank[st.ID]
		out.Stages = append(out.Stages, dispositionStage{ID: st.ID, Text: st.Text, Pipeline: pipeline, Rank: rank,
			HasInterview: rank > 101 && rank < 261})
	}
	for _, ar := range s.reasons {
		d := dispositionReason{ID: ar.ID, Text: ar.Text, Status: ar.Status}
		if ar.Type == "hired" {
			d.Type = ptr("hired")
		}
		out.ArchiveReasons = append(out.ArchiveReasons, d)
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: out})
}

// getContact is GET /contacts/:id, built from the contact's newest opportunity.
func (s *Sandbox) getContact(w http.ResponseWriter, r *http.Request, p *principal) {
	id := r.PathValue("id")
	s.mu.RLock()
	defer s.mu.RUnlock()
	var found *oppRecord
	for _, o := range s.oppOrder {
		if o.Contact == id && (found == nil || o.CreatedAt > found.CreatedAt) {
			found = o
		}
	}
	if found == nil {
		notFound(w, "contacts", id)
		return
	}
	if found.Confidentiality == "confidential" && !p.confidential() {
		writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: s.contactOf(found)})
}
