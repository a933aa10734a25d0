package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

type departmentsData struct {
	Departments []*skillkeepr.Department
	NewName     string
	Fields      map[string]string
	RenameID    int64
	RenameError string
}

func (s *Server) departmentsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderDepartments(w, r, http.StatusOK, departmentsData{})
}

func (s *Server) renderDepartments(w http.ResponseWriter, r *http.Request, status int, d departmentsData) error {
	if err := s.requireAction(r, skillkeepr.ActManageDepartments); err != nil {
		return err
	}
	var err error
	if d.Departments, err = s.svc.Departments.FindDepartments(r.Context()); err != nil {
		return err
	}
	return s.render(w, r, status, "departments", "Departments", d)
}

func (s *Server) createDepartment(w http.ResponseWriter, r *http.Request) error {
	name := r.PostFormValue("name")
	a := skillkeepr.ActorFrom(r.Context())
	dep, err := s.svc.Departments.CreateDepartment(r.Context(), a.OrgID, name)
	if err != nil {
		switch skillkeepr.ErrorCodeOf(err) {
		case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
			return s.renderDepartments(w, r, http.StatusBadRequest, departmentsData{NewName: name, Fields: fieldsOrMessage(err, "name")})
		}
		return err
	}
	s.setFlash(w, "The department "+dep.Name+" was created.")
	return redirect(w, r, "/departments")
}

func (s *Server) renameDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Department")
	if err != nil {
		return err
	}
	dep, err := s.svc.Departments.RenameDepartment(r.Context(), id, r.PostFormValue("name"))
	if err != nil {
		switch skillkeepr.ErrorCodeOf(err) {
		case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
			msg := fieldsOrMessage(err, "name")["name"]
			return s.renderDepartments(w, r, http.StatusBadRequest, departmentsData{RenameID: id, RenameError: msg})
		}
		return err
	}
	s.setFlash(w, "The department is now called "+dep.Name+".")
	return redirect(w, r, "/departments")
}

func (s *Server) confirmDeleteDepartment(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageDepartments); err != nil {
		return err
	}
	id, err := pathID(r, "Department")
	if err != nil {
		return err
	}
	dep, err := s.svc.Departments.FindDepartmentByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "departmentdelete", "Delete "+dep.Name, dep)
}

func (s *Server) deleteDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Department")
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		s.setFlash(w, "!Nothing was deleted: tick the box to confirm.")
		return redirect(w, r, "/departments/"+strconv.FormatInt(id, 10)+"/delete")
	}
	dep, err := s.svc.Departments.FindDepartmentByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.svc.Departments.DeleteDepartment(r.Context(), id); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			s.setFlash(w, "!"+dep.Name+" was not deleted: "+skillkeepr.ErrorMessage(err))
			return redirect(w, r, "/departments")
		}
		return err
	}
	s.setFlash(w, "The department "+dep.Name+" was deleted.")
	return redirect(w, r, "/departments")
}
