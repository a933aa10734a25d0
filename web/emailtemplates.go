package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/interviewmail"
)

type emailTemplatesData struct {
	Templates []emailTemplateView
}

type emailTemplateView struct {
	skillkeepr.EmailTemplate
	Label string
}

type emailTemplateData struct {
	Template emailTemplateView
	Fields   map[string]string
	Preview  *emailPreview
}

type emailPreview struct {
	Subject, Text, HTML string
}

func (s *Server) emailTemplatesPage(w http.ResponseWriter, r *http.Request) error {
	if err := skillkeepr.Authorize(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return err
	}
	ts, err := s.svc.Scheduling.FindEmailTemplates(r.Context(), interviewmail.Defaults())
	if err != nil {
		return err
	}
	d := emailTemplatesData{}
	for _, t := range ts {
		d.Templates = append(d.Templates, emailTemplateView{EmailTemplate: t, Label: skillkeepr.EmailKindLabel(t.Kind)})
	}
	return s.render(w, r, http.StatusOK, "emailtemplates", "Candidate emails", d)
}

func (s *Server) findEmailTemplate(r *http.Request) (skillkeepr.EmailTemplate, error) {
	if err := skillkeepr.Authorize(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return skillkeepr.EmailTemplate{}, err
	}
	ts, err := s.svc.Scheduling.FindEmailTemplates(r.Context(), interviewmail.Defaults())
	if err != nil {
		return skillkeepr.EmailTemplate{}, err
	}
	for _, t := range ts {
		if t.Kind == r.PathValue("kind") {
			return t, nil
		}
	}
	return skillkeepr.EmailTemplate{}, skillkeepr.NotFound("Email")
}

func (s *Server) preview(r *http.Request, t skillkeepr.EmailTemplate) (*emailPreview, error) {
	org := "Your company"
	if o, err := s.svc.Organizations.CurrentOrganization(r.Context()); err == nil {
		org = o.Name
	}
	subject, text, html, err := interviewmail.Render(t, interviewmail.SampleData(org))
	if err != nil {
		return nil, err
	}
	return &emailPreview{Subject: subject, Text: text, HTML: html}, nil
}

func (s *Server) emailTemplatePage(w http.ResponseWriter, r *http.Request) error {
	t, err := s.findEmailTemplate(r)
	if err != nil {
		return err
	}
	d := emailTemplateData{Template: emailTemplateView{EmailTemplate: t, Label: skillkeepr.EmailKindLabel(t.Kind)}}
	if d.Preview, err = s.preview(r, t); err != nil {
		d.Fields = skillkeepr.ErrorFields(err)
	}
	return s.render(w, r, http.StatusOK, "emailtemplate", d.Template.Label, d)
}

// saveEmailTemplate saves, previews (action=preview) or resets
// (action=reset) one kind.
func (s *Server) saveEmailTemplate(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.findEmailTemplate(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	back := "/settings/emails/" + cur.Kind
	if r.PostFormValue("action") == "reset" {
		if err := s.svc.Scheduling.ResetEmailTemplate(ctx, cur.Kind); err != nil {
			return err
		}
		s.setFlash(w, "Back to the default text.")
		return redirect(w, r, back)
	}
	t := skillkeepr.EmailTemplate{Kind: cur.Kind, Subject: r.PostFormValue("subject"), Text: r.PostFormValue("text"), HTML: r.PostFormValue("html"), Custom: cur.Custom}
	d := emailTemplateData{Template: emailTemplateView{EmailTemplate: t, Label: skillkeepr.EmailKindLabel(t.Kind)}}
	err = t.Validate()
	if err == nil {
		d.Preview, err = s.preview(r, t) // also catches unknown fields such as {{.Nmae}}
	}
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			return err
		}
		d.Fields = skillkeepr.ErrorFields(err)
		return s.render(w, r, http.StatusBadRequest, "emailtemplate", d.Template.Label, d)
	}
	if r.PostFormValue("action") == "preview" {
		return s.render(w, r, http.StatusOK, "emailtemplate", d.Template.Label, d)
	}
	if _, err := s.svc.Scheduling.SetEmailTemplate(ctx, t); err != nil {
		return err
	}
	s.setFlash(w, "Email “"+d.Template.Label+"” saved.")
	return redirect(w, r, back)
}
