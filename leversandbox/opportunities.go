package leversandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// oppCmp orders opportunities as Lever lists them: stage rank ascending, then
// lastAdvancedAt descending (id breaks ties so paging is total).
func oppCmp(o *oppRecord, rank float64, adv int64, id string) int {
	switch {
	case o.Rank < rank:
		return -1
	case o.Rank > rank:
		return 1
	case o.LastAdvancedAt > adv:
		return -1
	case o.LastAdvancedAt < adv:
		return 1
	}
	return strings.Compare(o.ID, id)
}

// pageBuffers recycles list-page buffers: a page is ~150 KB, and allocating
// one per request makes the GC rescan a large heap far too often.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// ensureOrder re-sorts the listing index after writes moved opportunities.
func (s *Sandbox) ensureOrder() {
	s.mu.RLock()
	dirty := s.orderDirt
	s.mu.RUnlock()
	if !dirty {
		return
	}
	s.mu.Lock()
	if s.orderDirt {
		sort.Slice(s.oppOrder, func(i, j int) bool {
			b := s.oppOrder[j]
			return oppCmp(s.oppOrder[i], b.Rank, b.LastAdvancedAt, b.ID) < 0
		})
		s.orderDirt = false
	}
	s.mu.Unlock()
}

type oppFilter struct {
	postings, stages, tags, emails, origins, sources, contacts, reasons, locations map[string]bool
	archived                                                                       *bool
	conf                                                                           string // non-confidential | confidential | all
	created, updated, advanced, archivedAt                                         msRange
}

func setOf(vals []string) map[string]bool {
	if len(vals) == 0 {
		return nil
	}
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

func parseOppFilter(q url.Values) (*oppFilter, string) {
	f := &oppFilter{
		postings: setOf(queryValues(q, "posting_id")), stages: setOf(queryValues(q, "stage_id")),
		tags: setOf(queryValuesExact(q, "tag")), origins: setOf(queryValues(q, "origin")),
		sources: setOf(queryValuesExact(q, "source")), contacts: setOf(queryValues(q, "contact_id")),
		reasons: setOf(queryValues(q, "archive_reason_id")), locations: setOf(queryValuesExact(q, "location")),
	}
	if em := queryValuesExact(q, "email"); len(em) > 0 {
		f.emails = map[string]bool{}
		for _, e := range em {
			f.emails[canonicalEmail(e)] = true
		}
	}
	if a := q.Get("archived"); a != "" {
		b, err := strconv.ParseBool(a)
		if err != nil {
			return nil, "archived must be true or false"
		}
		f.archived = &b
	}
	f.conf = q.Get("confidentiality")
	switch f.conf {
	case "":
		f.conf = "non-confidential"
	case "non-confidential", "confidential", "all":
	default:
		return nil, "confidentiality must be confidential, non-confidential or all"
	}
	var err error
	for _, x := range []struct {
		name string
		dst  *msRange
	}{{"created_at", &f.created}, {"updated_at", &f.updated}, {"advanced_at", &f.advanced}, {"archived_at", &f.archivedAt}} {
		if *x.dst, err = parseRange(q, x.name); err != nil {
			return nil, err.Error()
		}
	}
	return f, ""
}

func canonicalEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func anyIn(set map[string]bool, vals []string) bool {
	for _, v := range vals {
		if set[v] {
			return true
		}
	}
	return false
}

func (f *oppFilter) match(o *oppRecord) bool {
	if f.conf != "all" && o.Confidentiality != f.conf {
		return false
	}
	if f.postings != nil && !f.postings[o.PostingID] {
		return false
	}
	if f.stages != nil && !f.stages[o.Stage] {
		return false
	}
	if f.tags != nil && !anyIn(f.tags, o.Tags) {
		return false
	}
	if f.origins != nil && !f.origins[o.Origin] {
		return false
	}
	if f.sources != nil && !anyIn(f.sources, o.Sources) {
		return false
	}
	if f.contacts != nil && !f.contacts[o.Contact] {
		return false
	}
	if f.locations != nil && !f.locations[o.OpportunityLocation] {
		return false
	}
	if f.emails != nil {
		hit := false
		for _, e := range o.Emails {
			if f.emails[canonicalEmail(e)] {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	if f.archived != nil && (o.Archived != nil) != *f.archived {
		return false
	}
	if f.reasons != nil && (o.Archived == nil || !f.reasons[o.Archived.Reason]) {
		return false
	}
	if f.created.set && !f.created.contains(o.CreatedAt) {
		return false
	}
	if f.updated.set && (o.UpdatedAt == nil || !f.updated.contains(*o.UpdatedAt)) {
		return false
	}
	if f.advanced.set && !f.advanced.contains(o.LastAdvancedAt) {
		return false
	}
	if f.archivedAt.set && (o.Archived == nil || !f.archivedAt.contains(o.Archived.ArchivedAt)) {
		return false
	}
	return true
}

func (s *Sandbox) listOpportunities(w http.ResponseWriter, r *http.Request, p *principal) {
	q := r.URL.Query()
	f, msg := parseOppFilter(q)
	if f == nil {
		badRequest(w, msg)
		return
	}
	if f.conf != "non-confidential" && !p.confidential() {
		writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
		return
	}
	limit, err := parseLimit(q)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	var (
		hasKey bool
		rank   float64
		adv    int64
		id     string
	)
	if tok := q.Get("offset"); tok != "" {
		parts, err := decodeToken(tok)
		if err != nil || len(parts) != 3 {
			badRequest(w, "Invalid offset token")
			return
		}
		r0, ok1 := parts[0].(float64)
		a, ok2 := parts[1].(float64)
		i, ok3 := parts[2].(string)
		if !ok1 || !ok2 || !ok3 {
			badRequest(w, "Invalid offset token")
			return
		}
		hasKey, rank, adv, id = true, r0, int64(a), i
	}
	expand, include := expandSet(q), includeSet(q)
	s.ensureOrder()
	s.mu.RLock()
	defer s.mu.RUnlock()
	start := 0
	if hasKey {
		start = sort.Search(len(s.oppOrder), func(i int) bool { return oppCmp(s.oppOrder[i], rank, adv, id) >= 0 })
	}
	// The page is assembled by hand from each opportunity's cached encoding:
	// json.Marshal would re-validate every embedded RawMessage.
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pageBuffers.Put(buf)
	buf.WriteString(`{"data":[`)
	n, next := 0, ""
	for _, o := range s.oppOrder[start:] {
		if !f.match(o) {
			continue
		}
		if n == limit {
			next = encodeToken(o.Rank, o.LastAdvancedAt, o.ID)
			break
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		if len(expand) == 0 && len(include) == 0 {
			buf.Write(o.encoded())
		} else {
			b, _ := json.Marshal(s.renderOpp(o, expand, include))
			buf.Write(b)
		}
		n++
	}
	if next != "" {
		nb, _ := json.Marshal(next)
		buf.WriteString(`],"hasNext":true,"next":`)
		buf.Write(nb)
		buf.WriteByte('}')
	} else {
		buf.WriteString(`],"hasNext":false}`)
	}
	writeRawJSON(w, http.StatusOK, buf.Bytes())
}

func expandSet(q url.Values) map[string]bool {
	return setOf(queryValues(q, "expand"))
}

func includeSet(q url.Values) map[string]bool {
	return setOf(queryValues(q, "include"))
}

// renderOpp returns the wire form, with ids swapped for objects where expand asks.
// Caller holds s.mu for reading.
func (s *Sandbox) renderOpp(o *oppRecord, expand, include map[string]bool) any {
	if len(expand) == 0 && len(include) == 0 {
		return o.encoded()
	}
	var m map[string]any
	_ = json.Unmarshal(o.encoded(), &m)
	if len(include) > 0 {
		// include keeps only the listed fields (and id); expand overrides it.
		for k := range m {
			if k != "id" && !include[k] && !expand[k] {
				delete(m, k)
			}
		}
	}
	user := func(id *string) any {
		if id == nil || s.usersByID[*id] == nil {
			return nil
		}
		return s.usersByID[*id]
	}
	if expand["stage"] {
		if i, ok := s.stageIndex[o.Stage]; ok {
			m["stage"] = s.stages[i]
		}
	}
	if expand["owner"] {
		m["owner"] = user(o.Owner)
	}
	if expand["sourcedBy"] {
		m["sourcedBy"] = user(o.SourcedBy)
	}
	if expand["followers"] {
		fs := []any{}
		for _, f := range o.Followers {
			if u := user(&f); u != nil {
				fs = append(fs, u)
			}
		}
		m["followers"] = fs
	}
	if expand["applications"] {
		apps := []any{}
		for _, a := range o.Applications {
			apps = append(apps, s.application(o, a))
		}
		m["applications"] = apps
	}
	if expand["contact"] {
		m["contact"] = s.contactOf(o)
	}
	return m
}

// application derives the opportunity's application: nothing is stored per
// application, which keeps 100,000 opportunities cheap.
func (s *Sandbox) application(o *oppRecord, id string) Application {
	a := Application{ID: id, Type: "posting", CandidateID: o.ID, OpportunityID: o.ID, Posting: o.PostingID,
		Links: []string{}, CustomQuestions: []any{}, CreatedAt: o.CreatedAt, Archived: o.Archived}
	if p := s.postingsBy[o.PostingID]; p != nil {
		a.PostingOwner = ptr(p.Owner)
		a.PostingHiringManager = p.HiringManager
	}
	if o.Origin == "applied" {
		a.Name = ptr(o.Name)
		if len(o.Emails) > 0 {
			a.Email = ptr(o.Emails[0])
		}
		if len(o.Phones) > 0 {
			a.Phone = &o.Phones[0]
		}
		a.Links = o.Links
	} else {
		// Added by a Lever user (sourced) or through a referral, as recorded.
		a.Type = "user"
		if o.Origin == "referred" {
			a.Type = "referral"
		}
		a.User = o.Owner
	}
	return a
}

func (s *Sandbox) contactOf(o *oppRecord) Contact {
	c := Contact{ID: o.Contact, Name: o.Name, Headline: o.Headline, Location: ContactPlace{Name: o.Location},
		Emails: o.Emails, Phones: o.Phones}
	c.DataProt.InterviewIntelligence.Allowed = true
	return c
}

// lookupOpp finds an opportunity the principal may see, writing 404/403 otherwise.
// Caller holds s.mu.
func (s *Sandbox) lookupOpp(w http.ResponseWriter, p *principal, id string) *oppRecord {
	o := s.opps[id]
	if o == nil {
		notFound(w, "opportunities", id)
		return nil
	}
	if o.Confidentiality == "confidential" && !p.confidential() {
		writeError(w, http.StatusForbidden, codeForbidden, "Access to confidential data requires the confidential:access:admin scope")
		return nil
	}
	return o
}

func (s *Sandbox) getOpportunity(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	q := r.URL.Query()
	writeJSON(w, http.StatusOK, dataResponse{Data: s.renderOpp(o, expandSet(q), includeSet(q))})
}

func (s *Sandbox) listApplications(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	apps := []Application{}
	for _, a := range o.Applications {
		apps = append(apps, s.application(o, a))
	}
	writeList(w, apps, "")
}

func (s *Sandbox) getApplication(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	if !containsStr(o.Applications, r.PathValue("app")) {
		notFound(w, "applications", r.PathValue("app"))
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: s.application(o, r.PathValue("app"))})
}

// mutationView is what Lever answers to stage/archive/tag writes: the
// opportunity with contact fields blanked and no opportunityLocation
// (observed in 2024 and 2026 recordings; clients must not trust them).
func mutationView(o *oppRecord) Opportunity {
	c := o.Opportunity.clone()
	c.Name, c.Headline = "", ""
	c.Emails, c.Phones, c.Links = []string{}, []Phone{}, []string{}
	c.OpportunityLocation = ""
	return c
}

// touch records a write: updatedAt and lastInteractionAt move. Caller holds s.mu.
func (s *Sandbox) touch(o *oppRecord) int64 {
	now := s.nowMS()
	o.changed()
	o.UpdatedAt = ptr(now)
	o.LastInteractionAt = now
	return now
}

func (s *Sandbox) putStage(w http.ResponseWriter, r *http.Request, p *principal) {
	user, ok := s.performAs(w, r, false)
	if !ok {
		return
	}
	var body struct {
		Stage string `json:"stage"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.Lock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		s.mu.Unlock()
		return
	}
	idx, known := s.stageIndex[body.Stage]
	if body.Stage == "" || !known {
		s.mu.Unlock()
		badRequest(w, "Invalid stage: "+body.Stage)
		return
	}
	from := o.Stage
	s.advance(o, body.Stage, idx, user)
	resp := mutationView(o)
	ev := s.oppEvent(o)
	s.mu.Unlock()
	if from != body.Stage {
		ev["toStageId"], ev["fromStageId"] = body.Stage, from
		s.emit("candidateStageChange", o.Origin, ev)
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: resp})
}

// advance moves an opportunity to a stage. Caller holds s.mu.
func (s *Sandbox) advance(o *oppRecord, stage string, idx int, user string) {
	now := s.touch(o)
	if o.Stage == stage {
		return
	}
	o.Stage = stage
	o.StageChanges = append(o.StageChanges, StageChange{ToStageID: stage, ToStageIndex: idx, UpdatedAt: now, UserID: user})
	o.LastAdvancedAt = now
	o.Rank = s.stageRank[stage]
	s.orderDirt = true
}

func (s *Sandbox) oppEvent(o *oppRecord) map[string]any {
	return map[string]any{"opportunityId": o.ID, "candidateId": o.ID, "contactId": o.Contact}
}

func (s *Sandbox) putArchived(w http.ResponseWriter, r *http.Request, p *principal) {
	if _, ok := s.performAs(w, r, false); !ok {
		return
	}
	// Body: {"reason": id|null, "cleanInterviews"?, "requisitionId"?}; the
	// presence of reason matters (null unarchives), so decode it raw.
	var raw map[string]json.RawMessage
	if err := readJSON(r, &raw); err != nil {
		badRequest(w, err.Error())
		return
	}
	rr, present := raw["reason"]
	if !present {
		badRequest(w, "reason is required (null unarchives)")
		return
	}
	var reasonID *string
	if string(rr) != "null" {
		var id string
		if err := json.Unmarshal(rr, &id); err != nil {
			badRequest(w, "reason must be an archive reason id or null")
			return
		}
		reasonID = &id
	}
	s.mu.Lock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		s.mu.Unlock()
		return
	}
	var reason *ArchiveReason
	if reasonID != nil {
		for i := range s.reasons {
			if s.reasons[i].ID == *reasonID {
				reason = &s.reasons[i]
			}
		}
		if reason == nil || reason.Status != "active" {
			s.mu.Unlock()
			badRequest(w, "Invalid archive reason: "+*reasonID)
			return
		}
	}
	from := o.Archived
	now := s.touch(o)
	if reason == nil {
		o.Archived = nil
	} else {
		o.Archived = &Archived{Reason: reason.ID, ArchivedAt: now}
	}
	resp := mutationView(o)
	ev := s.oppEvent(o)
	origin := o.Origin
	s.mu.Unlock()
	if (from == nil) != (o.Archived == nil) || (from != nil && reason != nil && from.Reason != reason.ID) {
		ev["toArchived"], ev["fromArchived"] = resp.Archived, from
		s.emit("candidateArchiveChange", origin, ev)
		if reason != nil && reason.Type == "hired" {
			s.emit("candidateHired", origin, map[string]any{"opportunityId": resp.ID, "candidateId": resp.ID, "contactId": resp.Contact})
		}
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: resp})
}

func (s *Sandbox) changeTags(add bool) apiHandler {
	return func(w http.ResponseWriter, r *http.Request, p *principal) {
		if _, ok := s.performAs(w, r, false); !ok {
			return
		}
		var body struct {
			Tags []string `json:"tags"`
		}
		if err := readJSON(r, &body); err != nil {
			badRequest(w, err.Error())
			return
		}
		if len(body.Tags) == 0 {
			badRequest(w, "tags must be a non-empty array of strings")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		o := s.lookupOpp(w, p, r.PathValue("id"))
		if o == nil {
			return
		}
		for _, t := range body.Tags {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			has := containsStr(o.Tags, t)
			switch {
			case add && !has:
				o.Tags = append(o.Tags, t)
				s.tagCount[t]++
			case !add && has:
				kept := o.Tags[:0:0]
				for _, x := range o.Tags {
					if x != t {
						kept = append(kept, x)
					}
				}
				o.Tags = kept
				if s.tagCount[t]--; s.tagCount[t] <= 0 {
					delete(s.tagCount, t)
				}
			}
		}
		s.touch(o)
		writeJSON(w, http.StatusOK, dataResponse{Data: mutationView(o)})
	}
}

func (s *Sandbox) listDeletedOpportunities(w http.ResponseWriter, r *http.Request, p *principal) {
	rg, err := parseRange(r.URL.Query(), "deleted_at")
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.RLock()
	out := []deletedOpp{}
	for _, d := range s.deleted {
		if rg.contains(d.DeletedAt) {
			out = append(out, d)
		}
	}
	s.mu.RUnlock()
	page, next, err := pageByID(out, r.URL.Query(), func(d deletedOpp) string { return d.ID }, func(d deletedOpp) any { return d.DeletedAt })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}
