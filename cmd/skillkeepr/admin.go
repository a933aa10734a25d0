package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/password"
)

const adminUsage = `Usage:
  skillkeepr admin create-org  --name "Company name" [--timezone Europe/London]
  skillkeepr admin create-user --org "Company name" --email a@b.c --name "Full Name" --role super_admin
                               [--department Engineering]   (password from SKILLKEEPR_ADMIN_PASSWORD or standard input)
`

func runAdmin(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, adminUsage)
		return errors.New("admin needs a command")
	}
	switch args[0] {
	case "create-org":
		return adminCreateOrg(ctx, args[1:], stdout, stderr, getenv)
	case "create-user":
		return adminCreateUser(ctx, args[1:], stdout, stderr, getenv)
	}
	fmt.Fprint(stderr, adminUsage)
	return fmt.Errorf("unknown admin command %q", args[0])
}

func adminCreateOrg(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var name, tz string
	m, err := start(ctx, "admin create-org", args, stderr, getenv, noWorkers, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "company name")
		fs.StringVar(&tz, "timezone", "UTC", "IANA time zone, e.g. Europe/London")
	})
	if err != nil {
		return err
	}
	defer m.Close()
	org, err := m.Store.Services().Organizations.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: name, Timezone: tz})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Created organisation %q (id %d).\n", org.Name, org.ID)
	return nil
}

func adminCreateUser(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var orgName, email, name, role, dept string
	m, err := start(ctx, "admin create-user", args, stderr, getenv, noWorkers, func(fs *flag.FlagSet) {
		fs.StringVar(&orgName, "org", "", "organisation name")
		fs.StringVar(&email, "email", "", "email address (the sign-in name)")
		fs.StringVar(&name, "name", "", "full name")
		fs.StringVar(&role, "role", "super_admin", "super_admin, recruiter_admin, recruiter or collaborator")
		fs.StringVar(&dept, "department", "", "department name (collaborators)")
	})
	if err != nil {
		return err
	}
	defer m.Close()
	s := m.Store.Services()
	org, err := s.Organizations.FindOrganizationByName(ctx, orgName)
	if err != nil {
		return fmt.Errorf("organisation %q: %w", orgName, describe(err))
	}
	pw := getenv("SKILLKEEPR_ADMIN_PASSWORD")
	if pw == "" {
		fmt.Fprint(stderr, "Password: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password given: set SKILLKEEPR_ADMIN_PASSWORD or type it on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if len(pw) < skillkeepr.MinPasswordLength {
		return fmt.Errorf("the password must have at least %d characters", skillkeepr.MinPasswordLength)
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	var deptIDs []int64
	if dept != "" {
		d, err := s.Departments.CreateDepartment(ctx, org.ID, dept)
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			ids, lerr := ensureDepartmentID(ctx, s, org.ID, dept)
			if lerr != nil {
				return lerr
			}
			deptIDs = ids
		} else if err != nil {
			return describe(err)
		} else {
			deptIDs = []int64{d.ID}
		}
	}
	u, err := s.Users.CreateUser(ctx, skillkeepr.UserCreate{OrgID: org.ID, Email: email, Name: name, Role: skillkeepr.Role(role), DepartmentIDs: deptIDs, PasswordHash: hash})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Created %s %s <%s> in %q.\n", u.Role.Label(), u.Name, u.Email, org.Name)
	return nil
}

// ensureDepartmentID finds an existing department by name as a system
// lookup through a temporary actor of the organisation.
func ensureDepartmentID(ctx context.Context, s skillkeepr.Services, orgID int64, name string) ([]int64, error) {
	actor := &skillkeepr.Actor{UserID: -1, OrgID: orgID, Role: skillkeepr.RoleSuperAdmin}
	all, err := s.Departments.FindDepartments(skillkeepr.WithActor(ctx, actor))
	if err != nil {
		return nil, err
	}
	for _, d := range all {
		if strings.EqualFold(d.Name, name) {
			return []int64{d.ID}, nil
		}
	}
	return nil, fmt.Errorf("department %q not found", name)
}

// describe turns a validation error into one readable line per field.
func describe(err error) error {
	fields := skillkeepr.ErrorFields(err)
	if len(fields) == 0 {
		return errors.New(skillkeepr.ErrorMessage(err))
	}
	var b strings.Builder
	b.WriteString(skillkeepr.ErrorMessage(err))
	for k, v := range fields {
		fmt.Fprintf(&b, "\n  --%s: %s", strings.ReplaceAll(k, "_", "-"), v)
	}
	return errors.New(b.String())
}
