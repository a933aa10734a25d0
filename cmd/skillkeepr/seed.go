package main

import (
	"context"
	"fmt"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/password"
)

const (
	demoOrg      = "Acme Corp"
	demoPassword = "demo-password"
)

type demoUser struct {
	email, name string
	role        skillkeepr.Role
	departments []string
}

var demoDepartments = []string{"Engineering", "Design", "Sales"}

var demoUsers = []demoUser{
	{"admin@acme.test", "Alex Admin", skillkeepr.RoleSuperAdmin, nil},
	{"hr@acme.test", "Harper Reed", skillkeepr.RoleRecruiterAdmin, nil},
	{"recruiter@acme.test", "Robin Recruiter", skillkeepr.RoleRecruiter, nil},
	{"lead@acme.test", "Lee Lead", skillkeepr.RoleCollaborator, []string{"Engineering"}},
}

// seedDemo creates the demo organisation, its departments and one user per
// role, plus two sample jobs. It creates only what is missing, so running
// it again changes nothing.
func seedDemo(ctx context.Context, s skillkeepr.Services) error {
	org, err := s.Organizations.FindOrganizationByName(ctx, demoOrg)
	fresh := false
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
	case skillkeepr.ENOTFOUND:
		if org, err = s.Organizations.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: demoOrg, Website: "https://acme.test", Timezone: "Europe/London"}); err != nil {
			return err
		}
		fresh = true
	default:
		return err
	}
	deptIDs, err := ensureDepartments(ctx, s, org.ID)
	if err != nil {
		return err
	}
	var hash string
	users := map[skillkeepr.Role]*skillkeepr.User{}
	for _, du := range demoUsers {
		u, err := s.Users.FindUserByEmail(ctx, du.email)
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			if hash == "" {
				if hash, err = password.Hash(demoPassword); err != nil {
					return err
				}
			}
			var ids []int64
			for _, d := range du.departments {
				ids = append(ids, deptIDs[d])
			}
			u, err = s.Users.CreateUser(ctx, skillkeepr.UserCreate{OrgID: org.ID, Email: du.email, Name: du.name, Role: du.role, DepartmentIDs: ids, PasswordHash: hash})
		}
		if err != nil {
			return fmt.Errorf("demo user %s: %w", du.email, err)
		}
		users[du.role] = u
	}
	if fresh {
		return seedDemoJobs(ctx, s, users, deptIDs)
	}
	return nil
}

func ensureDepartments(ctx context.Context, s skillkeepr.Services, orgID int64) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, name := range demoDepartments {
		d, err := s.Departments.CreateDepartment(ctx, orgID, name)
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("demo department %s: %w", name, err)
		}
		ids[name] = d.ID
	}
	if len(ids) < len(demoDepartments) {
		// Some existed already: look them up as the organisation's first user would.
		u, err := s.Users.FindUserByEmail(ctx, demoUsers[0].email)
		if err != nil {
			return nil, err
		}
		all, err := s.Departments.FindDepartments(skillkeepr.WithActor(ctx, u.Actor()))
		if err != nil {
			return nil, err
		}
		for _, d := range all {
			ids[d.Name] = d.ID
		}
	}
	return ids, nil
}

// seedDemoJobs gives a new demo organisation something to look at: two
// jobs, one assigned to the recruiter, with a few hand-added candidates.
func seedDemoJobs(ctx context.Context, s skillkeepr.Services, users map[skillkeepr.Role]*skillkeepr.User, depts map[string]int64) error {
	hr := skillkeepr.WithActor(ctx, users[skillkeepr.RoleRecruiterAdmin].Actor())
	backend, err := s.Jobs.CreateJob(hr, skillkeepr.JobFields{
		Title: "Senior Backend Engineer", DepartmentID: depts["Engineering"], Location: "London or remote (UK)",
		EmploymentType: "Full-time", Level: "Senior", MinYearsExperience: 5, Status: skillkeepr.JobOpen,
		Description:      "Build and run the services behind our hiring products. You will design APIs, own PostgreSQL schemas and keep a Go code base simple and fast.",
		RequiredSkills:   []string{"Go", "PostgreSQL", "REST APIs"},
		NiceToHaveSkills: []string{"Kubernetes", "AWS"},
	})
	if err != nil {
		return err
	}
	if _, err := s.Jobs.AssignJob(hr, backend.ID, []int64{users[skillkeepr.RoleRecruiter].ID}); err != nil {
		return err
	}
	if _, err := s.Jobs.CreateJob(hr, skillkeepr.JobFields{
		Title: "Product Designer", DepartmentID: depts["Design"], Location: "Berlin",
		EmploymentType: "Full-time", Level: "Mid", MinYearsExperience: 3, Status: skillkeepr.JobOpen,
		Description:    "Shape the interview experience for recruiters and candidates, from research to polished UI.",
		RequiredSkills: []string{"Figma", "User Research", "Prototyping"},
	}); err != nil {
		return err
	}
	for _, c := range []struct{ name, email, location, resume string }{
		{"Dana Okafor", "dana.okafor@example.com", "Manchester", "Dana Okafor\nBackend engineer, 7 years.\nGo, PostgreSQL, Kubernetes, REST APIs.\n"},
		{"Sam Lindqvist", "sam.lindqvist@example.com", "Stockholm", "Sam Lindqvist\nSoftware engineer, 4 years.\nPython, Django, PostgreSQL.\n"},
		{"Priya Raman", "priya.raman@example.com", "Remote", "Priya Raman\nPlatform engineer, 9 years.\nGo, AWS, Terraform, Kubernetes.\n"},
	} {
		_, _, err := s.Candidates.CreateCandidate(hr, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: c.name, Emails: []string{c.email}, Location: c.location},
			JobID:           backend.ID,
			Source:          "manual",
			Resume:          &skillkeepr.ResumeUpload{FileName: "resume.txt", ContentType: "text/plain; charset=utf-8", Data: []byte(c.resume)},
		})
		if err != nil {
			return fmt.Errorf("demo candidate %s: %w", c.name, err)
		}
	}
	return seedDemoScheduling(hr, s, users, backend)
}

// seedDemoScheduling gives the backend job two interview types, so that
// Schedule interview on a candidate's page offers times right away
// (interviewers without saved availability work Monday to Friday,
// 09:00–17:00 in the organisation's zone).
func seedDemoScheduling(hr context.Context, s skillkeepr.Services, users map[skillkeepr.Role]*skillkeepr.User, job *skillkeepr.Job) error {
	if s.Interviews == nil {
		return nil
	}
	for _, p := range []skillkeepr.InterviewPlan{
		{JobID: job.ID, Name: "45-minute video interview", DurationMinutes: 45, Mode: skillkeepr.ModeRoundRobin,
			InterviewerIDs: []int64{users[skillkeepr.RoleCollaborator].ID, users[skillkeepr.RoleRecruiterAdmin].ID}},
		{JobID: job.ID, Name: "60-minute coding interview", DurationMinutes: 60, Mode: skillkeepr.ModePanel,
			InterviewerIDs: []int64{users[skillkeepr.RoleCollaborator].ID, users[skillkeepr.RoleRecruiter].ID}},
	} {
		if _, err := s.Interviews.CreateInterviewPlan(hr, p); err != nil {
			return fmt.Errorf("demo interview type %s: %w", p.Name, err)
		}
	}
	return nil
}
