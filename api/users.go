package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// UserPatch changes a user; absent fields stay as they are.
type UserPatch struct {
	Name          *string          `json:"name,omitempty"`
	Role          *skillkeepr.Role `json:"role,omitempty"`
	DepartmentIDs *[]int64         `json:"department_ids,omitempty"`
	Active        *bool            `json:"active,omitempty"`
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.UserFilter{
		Query:        q.str("q"),
		Role:         skillkeepr.Role(q.str("role")),
		DepartmentID: q.id("department_id"),
		ActiveOnly:   q.boolean("active_only"),
	}
	q.v.Check(f.Role == "" || f.Role.Valid(), "role", "Expected one of super_admin, recruiter_admin, recruiter, collaborator.")
	f.Offset, f.Limit = q.page()
	if err := q.err(); err != nil {
		return err
	}
	users, total, err := a.svc.Users.FindUsers(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(users, total))
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "User")
	if err != nil {
		return err
	}
	u, err := a.svc.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, u)
}

func (a *API) patchUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "User")
	if err != nil {
		return err
	}
	var in UserPatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	u, err := a.svc.Users.UpdateUser(r.Context(), id, skillkeepr.UserUpdate{
		Name: in.Name, Role: in.Role, DepartmentIDs: in.DepartmentIDs, Active: in.Active})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, u)
}
