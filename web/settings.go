package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

type settingsData struct {
	Org       *skillkeepr.Organization
	Timezones []string
	Fields    map[string]string
	Lever     *leverSettingsData // nil: no Lever updates settings on this server
}

var commonTimezones = []string{"UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York",
	"America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata",
	"Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageOrganization); err != nil {
		return err
	}
	org, err := s.svc.Organizations.CurrentOrganization(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "settings", "Settings", settingsData{Org: org, Timezones: commonTimezones, Lever: s.leverSettings(r, nil)})
}

func (s *Server) updateSettings(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageOrganization); err != nil {
		return err
	}
	name, website, tz, prefix := r.PostFormValue("name"), r.PostFormValue("website"), r.PostFormValue("timezone"), r.PostFormValue("tag_prefix")
	blind := r.PostFormValue("blind_review") == "on"
	u := skillkeepr.OrganizationUpdate{Name: &name, Website: &website, Timezone: &tz, TagPrefix: &prefix, BlindReview: &blind}
	err := u.Validate()
	if err == nil {
		_, err = s.svc.Organizations.UpdateOrganization(r.Context(), u)
	}
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			org := &skillkeepr.Organization{Name: name, Website: website, Timezone: tz, TagPrefix: prefix, BlindReview: blind}
			return s.render(w, r, http.StatusBadRequest, "settings", "Settings",
				settingsData{Org: org, Timezones: commonTimezones, Fields: fieldsOrMessage(err, "name"), Lever: s.leverSettings(r, nil)})
		}
		return err
	}
	s.setFlash(w, "The organisation settings were saved.")
	return redirect(w, r, "/settings")
}
