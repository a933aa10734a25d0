package skillkeepr

// Role is one of exactly four per organisation (design.md, "Users and roles").
type Role string

const (
	RoleSuperAdmin     Role = "super_admin"
	RoleRecruiterAdmin Role = "recruiter_admin"
	RoleRecruiter      Role = "recruiter"
	RoleCollaborator   Role = "collaborator"
)

// Roles lists the four roles from most to least powerful.
var Roles = []Role{RoleSuperAdmin, RoleRecruiterAdmin, RoleRecruiter, RoleCollaborator}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	switch r {
	case RoleSuperAdmin, RoleRecruiterAdmin, RoleRecruiter, RoleCollaborator:
		return true
	}
	return false
}

// Label is the name people see.
func (r Role) Label() string {
	switch r {
	case RoleSuperAdmin:
		return "Super Admin"
	case RoleRecruiterAdmin:
		return "Recruiter Admin"
	case RoleRecruiter:
		return "Recruiter"
	case RoleCollaborator:
		return "Collaborator"
	}
	return string(r)
}
