package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// Me is the signed-in user, as GET /api/v1/me answers.
type Me struct {
	ID            int64                    `json:"id"`
	Name          string                   `json:"name"`
	Email         string                   `json:"email"`
	Role          skillkeepr.Role          `json:"role"`
	DepartmentIDs []int64                  `json:"department_ids"`
	Organization  *skillkeepr.Organization `json:"organization"`
}

func (a *API) getMe(w http.ResponseWriter, r *http.Request) error {
	act, err := skillkeepr.RequireActor(r.Context())
	if err != nil {
		return err
	}
	org, err := a.svc.Organizations.CurrentOrganization(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &Me{ID: act.UserID, Name: act.Name, Email: act.Email, Role: act.Role,
		DepartmentIDs: append([]int64{}, act.DepartmentIDs...), Organization: org})
}
