package leversandbox

import (
	"net/http"
)

// Panels and interviews, as far as feedback needs them: a feedback form may
// name the panel and interview it belongs to. API-created panels are
// "externally managed", the only kind the API may change.

// PanelInterviewer is an interviewer on a panel's interview.
type PanelInterviewer struct {
	ID               string `json:"id"`
	Email            string `json:"email"`
	Name             string `json:"name"`
	ResponseStatus   string `json:"responseStatus"`
	FeedbackTemplate string `json:"feedbackTemplate"`
}

// PanelInterview is the reduced interview object embedded in a panel (recorded).
type PanelInterview struct {
	ID               string             `json:"id"`
	Date             int64              `json:"date"`
	Duration         int                `json:"duration"`
	FeedbackReminder string             `json:"feedbackReminder"`
	FeedbackTemplate *string            `json:"feedbackTemplate"`
	Interviewers     []PanelInterviewer `json:"interviewers"`
	Location         *string            `json:"location"`
	Note             string             `json:"note"`
	Subject          string             `json:"subject"`
}

// Panel is a scheduled set of interviews for an opportunity.
type Panel struct {
	ID                string           `json:"id"`
	Applications      []string         `json:"applications"`
	CanceledAt        *int64           `json:"canceledAt"`
	CreatedAt         int64            `json:"createdAt"`
	End               int64            `json:"end"`
	ExternallyManaged bool             `json:"externallyManaged"`
	ExternalURL       *string          `json:"externalUrl"`
	FeedbackReminder  string           `json:"feedbackReminder"`
	Interviews        []PanelInterview `json:"interviews"`
	Note              *string          `json:"note"`
	Stage             string           `json:"stage"`
	Start             int64            `json:"start"`
	Timezone          string           `json:"timezone"`
	User              string           `json:"user"`

	feedbackForms map[string][]string // interview id -> feedback ids
}

type interviewer struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	// FeedbackTemplate is "no-feedback" when none was chosen, as Lever reports it.
	FeedbackTemplate string `json:"feedbackTemplate"`
}

// Interview is GET .../interviews/:id's shape (recorded).
type Interview struct {
	ID               string        `json:"id"`
	Panel            string        `json:"panel"`
	Subject          string        `json:"subject"`
	Note             string        `json:"note"`
	Interviewers     []interviewer `json:"interviewers"`
	Timezone         string        `json:"timezone"`
	CreatedAt        int64         `json:"createdAt"`
	Date             int64         `json:"date"`
	Duration         int           `json:"duration"`
	Location         *string       `json:"location"`
	FeedbackTemplate *string       `json:"feedbackTemplate"`
	FeedbackForms    []string      `json:"feedbackForms"`
	FeedbackReminder string        `json:"feedbackReminder"`
	User             string        `json:"user"`
	Stage            string        `json:"stage"`
	CanceledAt       *int64        `json:"canceledAt"`
	Postings         []string      `json:"postings"`
	GcalEventURL     *string       `json:"gcalEventUrl"`
	OpportunityID    string        `json:"opportunityId"`
}

var reminders = map[string]bool{"once": true, "daily": true, "frequently": true, "none": true}

func (s *Sandbox) createPanel(w http.ResponseWriter, r *http.Request, p *principal) {
	user, ok := s.performAs(w, r, true)
	if !ok {
		return
	}
	var body struct {
		Timezone         string   `json:"timezone"`
		FeedbackReminder string   `json:"feedbackReminder"`
		Note             *string  `json:"note"`
		ExternalURL      *string  `json:"externalUrl"`
		Applications     []string `json:"applications"`
		AppsGiven        bool     `json:"-"`
		Interviews       []struct {
			Subject          string  `json:"subject"`
			Note             string  `json:"note"`
			Location         *string `json:"location"`
			Date             int64   `json:"date"`
			Duration         int     `json:"duration"`
			FeedbackTemplate *string `json:"feedbackTemplate"`
			FeedbackReminder string  `json:"feedbackReminder"`
			Interviewers     []struct {
				ID               string `json:"id"`
				FeedbackTemplate string `json:"feedbackTemplate"`
			} `json:"interviewers"`
		} `json:"interviews"`
	}
	var raw map[string]any
	if err := readJSON(r, &raw); err != nil {
		badRequest(w, err.Error())
		return
	}
	_, body.AppsGiven = raw["applications"]
	if err := remarshal(raw, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	switch {
	case body.Timezone == "":
		badRequest(w, "timezone is required")
		return
	case len(body.Interviews) == 0:
		badRequest(w, "interviews must be a non-empty array")
		return
	case body.AppsGiven && len(body.Applications) == 0:
		badRequest(w, "applications must not be empty")
		return
	}
	if body.FeedbackReminder == "" {
		body.FeedbackReminder = "daily"
	}
	if !reminders[body.FeedbackReminder] {
		badRequest(w, "invalid feedbackReminder")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	apps := o.Applications
	if body.AppsGiven {
		for _, a := range body.Applications {
			if !containsStr(o.Applications, a) {
				badRequest(w, "application "+a+" is not on this opportunity")
				return
			}
		}
		apps = body.Applications
	}
	now := s.nowMS()
	pn := &Panel{ID: s.newID(), Applications: append([]string{}, apps...), CreatedAt: now, ExternallyManaged: true,
		ExternalURL: body.ExternalURL, FeedbackReminder: body.FeedbackReminder, Note: body.Note, Stage: o.Stage,
		Timezone: body.Timezone, User: user, feedbackForms: map[string][]string{}}
	for i, iv := range body.Interviews {
		if iv.Date <= 0 || iv.Duration < 1 || len(iv.Interviewers) == 0 {
			badRequest(w, "interviews["+itoa(i)+"] needs date, duration ≥ 1 and at least one interviewer")
			return
		}
		if iv.FeedbackReminder == "" {
			iv.FeedbackReminder = body.FeedbackReminder // the panel default, as recorded
		}
		if !reminders[iv.FeedbackReminder] {
			badRequest(w, "invalid feedbackReminder")
			return
		}
		if iv.FeedbackTemplate != nil && s.templateByID(*iv.FeedbackTemplate) == nil {
			badRequest(w, "feedback template "+*iv.FeedbackTemplate+" was not found")
			return
		}
		pi := PanelInterview{ID: s.newID(), Date: iv.Date, Duration: iv.Duration, FeedbackReminder: iv.FeedbackReminder,
			FeedbackTemplate: iv.FeedbackTemplate, Location: iv.Location, Note: iv.Note, Subject: iv.Subject}
		for _, who := range iv.Interviewers {
			u := s.usersByID[who.ID]
			if u == nil {
				badRequest(w, "interviewer "+who.ID+" was not found")
				return
			}
			ft := who.FeedbackTemplate
			if ft == "" && iv.FeedbackTemplate != nil {
				ft = *iv.FeedbackTemplate
			}
			if ft == "" {
				ft = "no-feedback"
			}
			pi.Interviewers = append(pi.Interviewers, PanelInterviewer{ID: u.ID, Email: u.Email, Name: u.Name, ResponseStatus: "needsAction", FeedbackTemplate: ft})
		}
		end := iv.Date + int64(iv.Duration)*60000
		if pn.Start == 0 || iv.Date < pn.Start {
			pn.Start = iv.Date
		}
		if end > pn.End {
			pn.End = end
		}
		pn.Interviews = append(pn.Interviews, pi)
	}
	s.panels[o.ID] = append(s.panels[o.ID], pn)
	writeJSON(w, http.StatusCreated, dataResponse{Data: pn})
}

func (s *Sandbox) listPanels(w http.ResponseWriter, r *http.Request, p *principal) {
	listOfOpportunity(s, w, r, p, s.panels, func(x *Panel) (string, any) { return x.ID, x.CreatedAt })
}

func (s *Sandbox) findPanel(oppID, id string) *Panel {
	for _, pn := range s.panels[oppID] {
		if pn.ID == id {
			return pn
		}
	}
	return nil
}

func (s *Sandbox) getPanel(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	if pn := s.findPanel(o.ID, r.PathValue("panel")); pn != nil {
		writeJSON(w, http.StatusOK, dataResponse{Data: pn})
		return
	}
	notFound(w, "panels", r.PathValue("panel"))
}

func (s *Sandbox) deletePanel(w http.ResponseWriter, r *http.Request, p *principal) {
	if _, ok := s.performAs(w, r, true); !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	if !removeOfOpportunity(s.panels, o.ID, r.PathValue("panel"), func(pn *Panel) string { return pn.ID }) {
		notFound(w, "panels", r.PathValue("panel"))
		return
	}
	noContent(w)
}

// interviewOf builds the full interview object. Caller holds s.mu.
func (s *Sandbox) interviewOf(o *oppRecord, pn *Panel, pi PanelInterview) Interview {
	iv := Interview{ID: pi.ID, Panel: pn.ID, Subject: pi.Subject, Note: pi.Note, Timezone: pn.Timezone, CreatedAt: pn.CreatedAt,
		Date: pi.Date, Duration: pi.Duration, Location: pi.Location, FeedbackTemplate: pi.FeedbackTemplate,
		FeedbackForms: append([]string{}, pn.feedbackForms[pi.ID]...), FeedbackReminder: pi.FeedbackReminder, User: pn.User,
		Stage: pn.Stage, CanceledAt: pn.CanceledAt, Postings: []string{}, OpportunityID: o.ID}
	if o.PostingID != "" {
		iv.Postings = []string{o.PostingID}
	}
	for _, who := range pi.Interviewers {
		iv.Interviewers = append(iv.Interviewers, interviewer{ID: who.ID, Name: who.Name, Email: who.Email, FeedbackTemplate: who.FeedbackTemplate})
	}
	return iv
}

func (s *Sandbox) listInterviews(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		s.mu.RUnlock()
		return
	}
	out := []Interview{}
	for _, pn := range s.panels[o.ID] {
		for _, pi := range pn.Interviews {
			out = append(out, s.interviewOf(o, pn, pi))
		}
	}
	s.mu.RUnlock()
	page, next, err := pageByID(out, r.URL.Query(), func(i Interview) string { return i.ID }, func(i Interview) any { return i.Date })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}

func (s *Sandbox) getInterview(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	for _, pn := range s.panels[o.ID] {
		for _, pi := range pn.Interviews {
			if pi.ID == r.PathValue("interview") {
				writeJSON(w, http.StatusOK, dataResponse{Data: s.interviewOf(o, pn, pi)})
				return
			}
		}
	}
	notFound(w, "interviews", r.PathValue("interview"))
}

// panelInterviewExists checks feedback's panel/interview pair. Caller holds s.mu.
func (s *Sandbox) panelInterviewExists(oppID, panelID, interviewID string) *Panel {
	pn := s.findPanel(oppID, panelID)
	if pn == nil {
		return nil
	}
	for _, pi := range pn.Interviews {
		if pi.ID == interviewID {
			return pn
		}
	}
	return nil
}
