package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

type userRow struct {
	*skillkeepr.User
	Departments   []string
	RoleChoices   []skillkeepr.Role // roles the actor may change this user to
	CanDeactivate bool
	Self          bool
}

type usersData struct {
	Users        []userRow
	Invitations  []*skillkeepr.Invitation
	InviteRoles  []skillkeepr.Role
	Departments  []*skillkeepr.Department
	InviteEmail  string
	InviteRole   string
	InviteDepts  []int64
	InviteFields map[string]string
	Pager        pager
}

func (s *Server) requireAction(r *http.Request, act skillkeepr.Action) error {
	if !skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), act, skillkeepr.Target{}) {
		return skillkeepr.Forbidden()
	}
	return nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderUsers(w, r, http.StatusOK, usersData{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, d usersData) error {
	if err := s.requireAction(r, skillkeepr.ActViewUsers); err != nil {
		return err
	}
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	page, offset := pageParam(r)
	users, total, err := s.svc.Users.FindUsers(ctx, skillkeepr.UserFilter{Offset: offset, Limit: pageSize})
	if err != nil {
		return err
	}
	if d.Departments, err = s.svc.Departments.FindDepartments(ctx); err != nil {
		return err
	}
	names := map[int64]string{}
	for _, dep := range d.Departments {
		names[dep.ID] = dep.Name
	}
	for _, u := range users {
		row := userRow{User: u, Self: u.ID == a.UserID}
		for _, id := range u.DepartmentIDs {
			row.Departments = append(row.Departments, names[id])
		}
		for _, role := range skillkeepr.Roles {
			if role != u.Role && skillkeepr.Can(a, skillkeepr.ActChangeRole, skillkeepr.Target{Role: role, UserRole: u.Role, UserID: u.ID}) {
				row.RoleChoices = append(row.RoleChoices, role)
			}
		}
		row.CanDeactivate = skillkeepr.Can(a, skillkeepr.ActDeactivateUser, skillkeepr.Target{UserRole: u.Role, UserID: u.ID})
		d.Users = append(d.Users, row)
	}
	for _, role := range skillkeepr.Roles {
		if skillkeepr.Can(a, skillkeepr.ActInviteUser, skillkeepr.Target{Role: role}) {
			d.InviteRoles = append(d.InviteRoles, role)
		}
	}
	if d.InviteRole == "" {
		d.InviteRole = string(skillkeepr.RoleRecruiter) // the role people invite most; never a Super Admin by accident
	}
	invs, err := s.svc.Invitations.FindInvitations(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	for _, inv := range invs {
		if inv.AcceptedAt == nil && inv.RevokedAt == nil && inv.ExpiresAt.After(now) {
			d.Invitations = append(d.Invitations, inv)
		}
	}
	d.Pager = newPager(r, page, total)
	return s.render(w, r, status, "users", "Users", d)
}

func (s *Server) inviteUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	c := skillkeepr.InvitationCreate{Email: r.PostFormValue("email"), Role: skillkeepr.Role(r.PostFormValue("role")),
		DepartmentIDs: formInt64s(r, "department_id")}
	d := usersData{InviteEmail: c.Email, InviteRole: string(c.Role), InviteDepts: c.DepartmentIDs}
	if err := c.Validate(); err != nil {
		d.InviteFields = skillkeepr.ErrorFields(err)
		return s.renderUsers(w, r, http.StatusBadRequest, d)
	}
	org, err := s.svc.Organizations.CurrentOrganization(ctx)
	if err != nil {
		return err
	}
	inv, err := s.svc.Invitations.CreateInvitation(ctx, c, s.cfg.InvitationEmail(org.Name))
	if err != nil {
		switch skillkeepr.ErrorCodeOf(err) {
		case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
			d.InviteFields = fieldsOrMessage(err, "email")
			return s.renderUsers(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	s.setFlash(w, "An invitation was sent to "+inv.Email+" to join as "+inv.Role.Label()+".")
	return redirect(w, r, "/users")
}

func (s *Server) revokeInvitation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Invitation")
	if err != nil {
		return err
	}
	if err := s.svc.Invitations.RevokeInvitation(r.Context(), id); err != nil {
		return err
	}
	s.setFlash(w, "The invitation was withdrawn; its link no longer works.")
	return redirect(w, r, "/users")
}

func (s *Server) changeRole(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "User")
	if err != nil {
		return err
	}
	role := skillkeepr.Role(r.PostFormValue("role"))
	if !role.Valid() {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Choose a role from the list."}
	}
	u, err := s.svc.Users.UpdateUser(r.Context(), id, skillkeepr.UserUpdate{Role: &role})
	if err != nil {
		return err
	}
	s.setFlash(w, u.Name+" is now "+u.Role.Label()+".")
	return redirect(w, r, "/users")
}

type confirmUserData struct {
	User     *skillkeepr.User
	Activate bool
	Action   string
}

func (s *Server) confirmActivePage(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "User")
		if err != nil {
			return err
		}
		u, err := s.svc.Users.FindUserByID(r.Context(), id)
		if err != nil {
			return err
		}
		a := skillkeepr.ActorFrom(r.Context())
		if !skillkeepr.Can(a, skillkeepr.ActDeactivateUser, skillkeepr.Target{UserRole: u.Role, UserID: u.ID}) {
			return skillkeepr.Forbidden()
		}
		d := confirmUserData{User: u, Activate: active, Action: "/users/" + strconv.FormatInt(u.ID, 10) + "/deactivate"}
		title := "Deactivate " + u.Name
		if active {
			d.Action = "/users/" + strconv.FormatInt(u.ID, 10) + "/reactivate"
			title = "Reactivate " + u.Name
		}
		return s.render(w, r, http.StatusOK, "userconfirm", title, d)
	}
}

func (s *Server) setActive(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "User")
		if err != nil {
			return err
		}
		if r.PostFormValue("confirm") != "yes" {
			s.setFlash(w, "!Nothing was changed: tick the box to confirm.")
			return redirect(w, r, r.URL.Path)
		}
		u, err := s.svc.Users.UpdateUser(r.Context(), id, skillkeepr.UserUpdate{Active: &active})
		if err != nil {
			return err
		}
		if active {
			s.setFlash(w, u.Name+" can sign in again.")
		} else {
			s.setFlash(w, u.Name+" was deactivated and can no longer sign in.")
		}
		return redirect(w, r, "/users")
	}
}

type userDepartmentsData struct {
	User        *skillkeepr.User
	Departments []*skillkeepr.Department
}

func (s *Server) manageableUser(r *http.Request) (*skillkeepr.User, error) {
	id, err := pathID(r, "User")
	if err != nil {
		return nil, err
	}
	u, err := s.svc.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActDeactivateUser, skillkeepr.Target{UserRole: u.Role, UserID: u.ID}) {
		return nil, skillkeepr.Forbidden()
	}
	return u, nil
}

func (s *Server) userDepartmentsPage(w http.ResponseWriter, r *http.Request) error {
	u, err := s.manageableUser(r)
	if err != nil {
		return err
	}
	deps, err := s.svc.Departments.FindDepartments(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "userdepartments", "Departments of "+u.Name, userDepartmentsData{User: u, Departments: deps})
}

func (s *Server) setUserDepartments(w http.ResponseWriter, r *http.Request) error {
	u, err := s.manageableUser(r)
	if err != nil {
		return err
	}
	ids := formInt64s(r, "department_id")
	if u.Role == skillkeepr.RoleCollaborator && len(ids) == 0 {
		s.setFlash(w, "!A Collaborator needs at least one department: choose one.")
		return redirect(w, r, r.URL.Path)
	}
	if ids == nil {
		ids = []int64{}
	}
	if u, err = s.svc.Users.UpdateUser(r.Context(), u.ID, skillkeepr.UserUpdate{DepartmentIDs: &ids}); err != nil {
		return err
	}
	s.setFlash(w, "The departments of "+u.Name+" were saved.")
	return redirect(w, r, "/users")
}
