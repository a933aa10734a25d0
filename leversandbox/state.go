package leversandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// The Go API: read and change the account directly, for assertions such as
// "this opportunity has exactly one note". Everything returned is a copy.

// Opportunity returns one opportunity.
func (s *Sandbox) Opportunity(id string) (Opportunity, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.opps[id]
	if o == nil {
		return Opportunity{}, false
	}
	return o.Opportunity.clone(), true
}

// Opportunities returns the opportunities of a posting ("" for all) in Lever's list order.
func (s *Sandbox) Opportunities(postingID string) []Opportunity {
	s.ensureOrder()
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Opportunity{}
	for _, o := range s.oppOrder {
		if postingID == "" || o.PostingID == postingID {
			out = append(out, o.Opportunity.clone())
		}
	}
	return out
}

// PostingOf returns the posting id an opportunity applied to.
func (s *Sandbox) PostingOf(oppID string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.opps[oppID]
	if o == nil {
		return "", false
	}
	return o.PostingID, true
}

// Notes returns an opportunity's notes, oldest first.
func (s *Sandbox) Notes(oppID string) []Note {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Note{}
	for _, n := range s.notes[oppID] {
		c := *n
		c.Fields = append([]NoteField{}, n.Fields...)
		out = append(out, c)
	}
	return out
}

// Feedback returns an opportunity's feedback forms (soft-deleted ones included), oldest first.
func (s *Sandbox) Feedback(oppID string) []Feedback {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Feedback{}
	for _, f := range s.feedback[oppID] {
		c := *f
		c.Fields = append([]FeedbackField{}, f.Fields...)
		out = append(out, c)
	}
	return out
}

// Tags returns an opportunity's tags.
func (s *Sandbox) Tags(oppID string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if o := s.opps[oppID]; o != nil {
		return append([]string{}, o.Tags...)
	}
	return nil
}

// Stage returns the stage an opportunity is in.
func (s *Sandbox) Stage(oppID string) (Stage, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.opps[oppID]
	if o == nil {
		return Stage{}, false
	}
	return s.stages[s.stageIndex[o.Stage]], true
}

// Stages returns the pipeline stages in order.
func (s *Sandbox) Stages() []Stage {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Stage{}, s.stages...)
}

// Postings returns every posting, confidential ones included.
func (s *Sandbox) Postings() []Posting {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Posting{}
	for _, p := range s.postings {
		out = append(out, *p)
	}
	return out
}

// Users returns the account's users, newest first.
func (s *Sandbox) Users() []User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []User{}
	for _, u := range s.users {
		out = append(out, *u)
	}
	return out
}

// AdminUser returns the Super Admin who signs in with Config.AdminEmail.
func (s *Sandbox) AdminUser() User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, u := range s.users {
		if strings.EqualFold(u.Email, s.cfg.AdminEmail) {
			return *u
		}
	}
	return *s.users[len(s.users)-1]
}

// ArchiveReasons returns the archive reasons.
func (s *Sandbox) ArchiveReasons() []ArchiveReason {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]ArchiveReason{}, s.reasons...)
}

// FeedbackTemplates returns the feedback templates.
func (s *Sandbox) FeedbackTemplates() []FeedbackTemplate {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []FeedbackTemplate{}
	for _, t := range s.templates {
		out = append(out, *t)
	}
	return out
}

// ResumeFile returns an opportunity's résumé bytes and file name (ok=false without one).
func (s *Sandbox) ResumeFile(oppID string) (data []byte, name string, ok bool) {
	s.mu.RLock()
	o := s.opps[oppID]
	var c oppRecord
	if o != nil {
		c = *o
	}
	s.mu.RUnlock()
	if o == nil || c.Resume.Kind == resumeNone {
		return nil, "", false
	}
	b, err := s.resumeBytes(&c)
	return b, s.resumeFileName(&c), err == nil
}

// Quirk marks a seeded opportunity that is odd on purpose.
type Quirk struct {
	OpportunityID string `json:"opportunityId"`
	PostingID     string `json:"postingId"`
	Kind          string `json:"kind"` // no-email, no-resume, duplicate-email, unreadable-resume, archived
}

// Quirks lists the deliberate oddities of the seed data, so import tests can
// expect exactly those failures.
func (s *Sandbox) Quirks() []Quirk {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Quirk{}, s.quirks...)
}

// MoveStage moves an opportunity as a Lever user would in the UI (fires candidateStageChange).
func (s *Sandbox) MoveStage(oppID, stageID, userID string) error {
	s.mu.Lock()
	o := s.opps[oppID]
	idx, ok := s.stageIndex[stageID]
	if o == nil || !ok {
		s.mu.Unlock()
		return errors.New("leversandbox: unknown opportunity or stage")
	}
	from := o.Stage
	s.advance(o, stageID, idx, userID)
	ev := s.oppEvent(o)
	origin := o.Origin
	s.mu.Unlock()
	if from != stageID {
		ev["toStageId"], ev["fromStageId"] = stageID, from
		s.emit("candidateStageChange", origin, ev)
	}
	return nil
}

// DeleteOpportunity deletes an opportunity as a Lever user would (fires
// candidateDeleted; it then shows in GET /opportunities/deleted).
func (s *Sandbox) DeleteOpportunity(oppID, byUser string) error {
	s.mu.Lock()
	o := s.opps[oppID]
	if o == nil {
		s.mu.Unlock()
		return errors.New("leversandbox: unknown opportunity")
	}
	delete(s.opps, oppID)
	for i, x := range s.oppOrder {
		if x == o {
			s.oppOrder = append(s.oppOrder[:i:i], s.oppOrder[i+1:]...)
			break
		}
	}
	for _, t := range o.Tags {
		if s.tagCount[t]--; s.tagCount[t] <= 0 {
			delete(s.tagCount, t)
		}
	}
	for _, t := range o.Sources {
		if s.srcCount[t]--; s.srcCount[t] <= 0 {
			delete(s.srcCount, t)
		}
	}
	if byUser == "" {
		byUser = s.users[len(s.users)-1].ID
	}
	s.deleted = append(s.deleted, deletedOpp{ID: oppID, DeletedAt: s.nowMS(), DeletedBy: byUser})
	ev := s.oppEvent(o)
	ev["deletedBy"] = byUser
	s.mu.Unlock()
	s.emit("candidateDeleted", "", ev)
	return nil
}

// NewApplication adds an applicant to a posting, as if they applied on the job
// site (fires applicationCreated). Email may be empty.
func (s *Sandbox) NewApplication(postingID, name, email string) (Opportunity, error) {
	s.mu.Lock()
	p := s.postingsBy[postingID]
	if p == nil {
		s.mu.Unlock()
		return Opportunity{}, fmt.Errorf("leversandbox: unknown posting %s", postingID)
	}
	now := s.nowMS()
	o := &oppRecord{PostingID: p.ID}
	o.ID, o.Contact, o.Name = s.newID(), s.newID(), name
	o.Stage, o.Confidentiality, o.Origin = "applicant-new", p.Confidentiality, "applied"
	o.Phones, o.Emails, o.Links = []Phone{}, []string{}, []string{}
	if email != "" {
		o.Emails = []string{email}
	}
	o.Tags = []string{p.Text, p.Categories.Department, p.Categories.Team, p.Categories.Location, p.Categories.Commitment}
	o.Sources = []string{"Company website"}
	o.StageChanges = []StageChange{{ToStageID: "applicant-new", ToStageIndex: s.stageIndex["applicant-new"], UpdatedAt: now}}
	o.Owner = ptr(p.Owner)
	o.Followers = []string{p.Owner}
	o.Applications = []string{s.newID()}
	o.CreatedAt, o.UpdatedAt, o.LastInteractionAt, o.LastAdvancedAt = now, ptr(now), now, now
	o.URLs = s.oppURLs(o.ID)
	o.OpportunityLocation = p.Categories.Location
	o.Rank = s.stageRank[o.Stage]
	o.Resume = resumeSpec{ID: s.newID(), Kind: resumePDF, CreatedAt: now, Seed: s.ids.Uint64(),
		Template: s.postingIndex(p.ID) % len(postingTemplates)}
	s.insertOpp(o)
	out := o.Opportunity.clone()
	ev := map[string]any{"applicationId": o.Applications[0], "opportunityId": o.ID, "candidateId": o.ID,
		"contactId": o.Contact, "postingId": p.ID}
	s.mu.Unlock()
	s.emit("applicationCreated", "applied", ev)
	return out, nil
}

func (s *Sandbox) postingIndex(id string) int {
	for i, p := range s.postings {
		if p.ID == id {
			return i
		}
	}
	return 0
}

// persisted is the state file: everything needed to carry on where we left off.
type persisted struct {
	Version   int                     `json:"version"`
	Seed      int64                   `json:"seed"`
	Users     []*User                 `json:"users"`
	Stages    []persistedStage        `json:"stages"`
	Reasons   []ArchiveReason         `json:"archiveReasons"`
	Postings  []*Posting              `json:"postings"`
	Opps      []*persistedOpp         `json:"opportunities"`
	Notes     map[string][]*Note      `json:"notes"`
	Feedback  map[string][]*Feedback  `json:"feedback"`
	Templates []*FeedbackTemplate     `json:"feedbackTemplates"`
	Webhooks  []*Webhook              `json:"webhooks"`
	Deleted   []deletedOpp            `json:"deleted"`
	Grants    []*Grant                `json:"grants"`
	Access    map[string]*accessToken `json:"accessTokens"`
	Quirks    []Quirk                 `json:"quirks"`
	Panels    map[string][]*Panel     `json:"panels"`
	APITempl  map[string]bool         `json:"apiTemplates"`
}

type persistedStage struct {
	Stage
	Rank float64 `json:"rank"`
}

type persistedOpp struct {
	Opportunity
	PostingID string     `json:"postingId"`
	Resume    resumeSpec `json:"resume"`
	CoverFile *File      `json:"coverFile,omitempty"`
}

// SaveState writes the whole account to a JSON file (atomically).
func (s *Sandbox) SaveState(path string) error { return s.saveState(path) }

func (s *Sandbox) saveState(path string) error {
	s.mu.RLock()
	st := persisted{Version: 1, Seed: s.cfg.Seed, Users: s.users, Reasons: s.reasons, Postings: s.postings,
		Notes: s.notes, Feedback: s.feedback, Templates: s.templates, Webhooks: s.webhooks, Deleted: s.deleted,
		Access: s.oauth.access, Quirks: s.quirks, Panels: s.panels, APITempl: s.apiTemplates}
	for _, st2 := range s.stages {
		st.Stages = append(st.Stages, persistedStage{Stage: st2, Rank: s.stageRank[st2.ID]})
	}
	for _, o := range s.oppOrder {
		st.Opps = append(st.Opps, &persistedOpp{Opportunity: o.Opportunity, PostingID: o.PostingID, Resume: o.Resume, CoverFile: o.CoverFile})
	}
	for _, g := range s.oauth.grants {
		st.Grants = append(st.Grants, g)
	}
	b, err := json.Marshal(st)
	s.mu.RUnlock()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".leversandbox-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// loadState reads a state file; ok=false when it does not exist yet.
func (s *Sandbox) loadState(path string) (bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var st persisted
	if err := json.Unmarshal(b, &st); err != nil {
		return false, err
	}
	if st.Version != 1 || len(st.Stages) == 0 || len(st.Users) == 0 {
		return false, errors.New("not a lever sandbox state file (version 1)")
	}
	// New ids must not collide with saved ones: derive the stream from the saved size.
	s.ids = rand.New(rand.NewPCG(uint64(st.Seed), uint64(len(st.Opps))<<20|uint64(len(st.Webhooks))+0x5a7e))
	s.users, s.reasons, s.postings, s.templates, s.webhooks, s.deleted = st.Users, st.Reasons, st.Postings, st.Templates, st.Webhooks, st.Deleted
	s.usersByID = map[string]*User{}
	for _, u := range s.users {
		s.usersByID[u.ID] = u
	}
	s.stageRank, s.stageIndex = map[string]float64{}, map[string]int{}
	for i, ps := range st.Stages {
		s.stages = append(s.stages, ps.Stage)
		s.stageRank[ps.ID] = ps.Rank
		s.stageIndex[ps.ID] = i
	}
	s.postingsBy = map[string]*Posting{}
	for _, p := range s.postings {
		s.postingsBy[p.ID] = p
	}
	s.opps = make(map[string]*oppRecord, len(st.Opps))
	s.tagCount, s.srcCount = map[string]int{}, map[string]int{}
	for _, po := range st.Opps {
		o := &oppRecord{Opportunity: po.Opportunity, PostingID: po.PostingID, Resume: po.Resume, CoverFile: po.CoverFile}
		o.Rank = s.stageRank[o.Stage]
		s.insertOpp(o)
	}
	s.notes, s.feedback, s.quirks, s.panels = st.Notes, st.Feedback, st.Quirks, st.Panels
	if st.APITempl != nil {
		s.apiTemplates = st.APITempl
	}
	if s.panels == nil {
		s.panels = map[string][]*Panel{}
	}
	for _, list := range s.panels {
		for _, pn := range list {
			pn.feedbackForms = map[string][]string{}
		}
	}
	for _, forms := range s.feedback {
		for _, f := range forms {
			if f.Panel != nil && f.Interview != nil {
				for _, pn := range s.panels {
					for _, p := range pn {
						if p.ID == *f.Panel {
							p.feedbackForms[*f.Interview] = append(p.feedbackForms[*f.Interview], f.ID)
						}
					}
				}
			}
		}
	}
	if s.notes == nil {
		s.notes = map[string][]*Note{}
	}
	if s.feedback == nil {
		s.feedback = map[string][]*Feedback{}
	}
	for _, g := range st.Grants {
		s.oauth.grants[g.ID] = g
		if g.RefreshToken != "" {
			s.oauth.refresh[g.RefreshToken] = g.ID
		}
	}
	if st.Access != nil {
		s.oauth.access = st.Access
	}
	return true, nil
}
