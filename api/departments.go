package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// DepartmentInput names a department (create and rename).
type DepartmentInput struct {
	Name string `json:"name"`
}

func (a *API) listDepartments(w http.ResponseWriter, r *http.Request) error {
	ds, err := a.svc.Departments.FindDepartments(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ds, len(ds)))
}

func (a *API) createDepartment(w http.ResponseWriter, r *http.Request) error {
	act, err := skillkeepr.RequireActor(r.Context())
	if err != nil {
		return err
	}
	var in DepartmentInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := a.svc.Departments.CreateDepartment(r.Context(), act.OrgID, in.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, d)
}

func (a *API) getDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Department")
	if err != nil {
		return err
	}
	d, err := a.svc.Departments.FindDepartmentByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) patchDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Department")
	if err != nil {
		return err
	}
	var in DepartmentInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := a.svc.Departments.RenameDepartment(r.Context(), id, in.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) deleteDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Department")
	if err != nil {
		return err
	}
	if err := a.svc.Departments.DeleteDepartment(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
