package skillkeepr

import (
	"context"
	"strings"
	"time"
)

// Department groups users and jobs, e.g. Engineering. Collaborators see
// and create jobs of their own departments.
type Department struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"-"`
	Name        string    `json:"name"`
	MemberCount int       `json:"member_count"`
	JobCount    int       `json:"job_count"`
	CreatedAt   time.Time `json:"created_at"`
}

// ValidateDepartmentName trims name and checks it.
func ValidateDepartmentName(name *string) error {
	*name = strings.TrimSpace(*name)
	v := Validation{}
	v.Check(*name != "", "name", "Enter the department name.")
	v.Check(len(*name) <= 100, "name", "Use at most 100 characters.")
	return v.Err()
}

// DepartmentService manages departments of the actor's organisation.
type DepartmentService interface {
	// CreateDepartment needs ActManageDepartments, or no actor and orgID
	// set (system call).
	CreateDepartment(ctx context.Context, orgID int64, name string) (*Department, error)
	FindDepartments(ctx context.Context) ([]*Department, error)
	FindDepartmentByID(ctx context.Context, id int64) (*Department, error)
	RenameDepartment(ctx context.Context, id int64, name string) (*Department, error)
	// DeleteDepartment refuses (ECONFLICT) while jobs still belong to it.
	DeleteDepartment(ctx context.Context, id int64) error
}
