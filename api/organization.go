package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// OrganizationPatch changes the company profile; absent fields stay.
type OrganizationPatch struct {
	Name        *string `json:"name,omitempty"`
	Website     *string `json:"website,omitempty"`
	Timezone    *string `json:"timezone,omitempty"`
	TagPrefix   *string `json:"tag_prefix,omitempty"`
	BlindReview *bool   `json:"blind_review,omitempty"`
}

func (a *API) getOrganization(w http.ResponseWriter, r *http.Request) error {
	org, err := a.svc.Organizations.CurrentOrganization(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, org)
}

func (a *API) patchOrganization(w http.ResponseWriter, r *http.Request) error {
	act, err := skillkeepr.RequireActor(r.Context())
	if err != nil {
		return err
	}
	if err := skillkeepr.Authorize(act, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return err
	}
	var in OrganizationPatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	u := skillkeepr.OrganizationUpdate{Name: in.Name, Website: in.Website, Timezone: in.Timezone,
		TagPrefix: in.TagPrefix, BlindReview: in.BlindReview}
	if err := u.Validate(); err != nil {
		return err
	}
	org, err := a.svc.Organizations.UpdateOrganization(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, org)
}
