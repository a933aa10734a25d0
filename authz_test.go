package skillkeepr

import (
	"fmt"
	"slices"
	"testing"
)

// TestPermissionMatrix checks every role against every action, as written
// in design.md's roles table. Each case names the situation so that a
// failure reads like a sentence.
func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	const (
		eng, sales       = int64(10), int64(20)
		self, other, rec = int64(1), int64(2), int64(3)
	)
	actors := map[Role]*Actor{
		RoleSuperAdmin:     {UserID: self, OrgID: 1, Role: RoleSuperAdmin},
		RoleRecruiterAdmin: {UserID: self, OrgID: 1, Role: RoleRecruiterAdmin},
		RoleRecruiter:      {UserID: self, OrgID: 1, Role: RoleRecruiter},
		RoleCollaborator:   {UserID: self, OrgID: 1, Role: RoleCollaborator, DepartmentIDs: []int64{eng}},
	}
	assigned := &Job{DepartmentID: eng, RecruiterIDs: []int64{self}}    // assigned to the actor, in Engineering
	unassigned := &Job{DepartmentID: sales, RecruiterIDs: []int64{rec}} // someone else's, in Sales
	ownDept := &Job{DepartmentID: eng, RecruiterIDs: []int64{rec}}      // Engineering, not assigned to the actor
	collaborating := &Job{DepartmentID: sales, CollaboratorIDs: []int64{self}}

	type situation struct {
		name   string
		action Action
		target Target
	}
	situations := []situation{
		{"edit company profile", ActManageOrganization, Target{}},
		{"view audit log", ActViewAuditLog, Target{}},
		{"connect Lever", ActManageIntegrations, Target{}},
		{"view users", ActViewUsers, Target{}},
		{"invite Super Admin", ActInviteUser, Target{Role: RoleSuperAdmin}},
		{"invite Recruiter Admin", ActInviteUser, Target{Role: RoleRecruiterAdmin}},
		{"invite Recruiter", ActInviteUser, Target{Role: RoleRecruiter}},
		{"invite Collaborator", ActInviteUser, Target{Role: RoleCollaborator}},
		{"make a Recruiter a Collaborator", ActChangeRole, Target{UserID: other, UserRole: RoleRecruiter, Role: RoleCollaborator}},
		{"make a Recruiter a Super Admin", ActChangeRole, Target{UserID: other, UserRole: RoleRecruiter, Role: RoleSuperAdmin}},
		{"demote a Recruiter Admin", ActChangeRole, Target{UserID: other, UserRole: RoleRecruiterAdmin, Role: RoleRecruiter}},
		{"change own role", ActChangeRole, Target{UserID: self, UserRole: RoleSuperAdmin, Role: RoleRecruiter}},
		{"deactivate a Recruiter", ActDeactivateUser, Target{UserID: other, UserRole: RoleRecruiter}},
		{"deactivate a Super Admin", ActDeactivateUser, Target{UserID: other, UserRole: RoleSuperAdmin}},
		{"deactivate self", ActDeactivateUser, Target{UserID: self, UserRole: RoleSuperAdmin}},
		{"manage departments", ActManageDepartments, Target{}},
		{"create a job in own department", ActCreateJob, Target{DepartmentID: eng}},
		{"create a job in another department", ActCreateJob, Target{DepartmentID: sales}},
		{"edit a job of own department", ActEditJob, Target{Job: ownDept}},
		{"edit a job of another department", ActEditJob, Target{Job: unassigned}},
		{"import Lever jobs", ActImportLeverJobs, Target{}},
		{"assign a job", ActAssignJob, Target{Job: assigned}},
		{"see an assigned job", ActViewJob, Target{Job: assigned}},
		{"see an unassigned job of another department", ActViewJob, Target{Job: unassigned}},
		{"see an own-department job", ActViewJob, Target{Job: ownDept}},
		{"see a job one collaborates on", ActViewJob, Target{Job: collaborating}},
		{"manage candidates of an assigned job", ActManageCandidates, Target{Job: assigned}},
		{"manage candidates of an unassigned job", ActManageCandidates, Target{Job: unassigned}},
		{"manage candidates of an own-department job", ActManageCandidates, Target{Job: ownDept}},
		{"rate an interview one is on", ActRateInterview, Target{InterviewerIDs: []int64{other, self}}},
		{"rate an interview one is not on", ActRateInterview, Target{InterviewerIDs: []int64{other}}},
		{"recommend on an assigned job", ActRecommend, Target{Job: assigned}},
		{"recommend on an own-department job", ActRecommend, Target{Job: ownDept}},
		{"recommend on an unassigned job", ActRecommend, Target{Job: unassigned}},
		{"unmask on an assigned job", ActUnmask, Target{Job: assigned}},
		{"unmask on an own-department job", ActUnmask, Target{Job: ownDept}},
		{"unmask on an unassigned job", ActUnmask, Target{Job: unassigned}},
		// Collaboration.
		{"comment on an assigned job's candidate", ActComment, Target{Job: assigned}},
		{"comment on an own-department job's candidate", ActComment, Target{Job: ownDept}},
		{"comment on a candidate of a job one collaborates on", ActComment, Target{Job: collaborating}},
		{"comment on an unassigned job's candidate", ActComment, Target{Job: unassigned}},
		{"edit own comment", ActEditComment, Target{UserID: self}},
		{"edit someone else's comment", ActEditComment, Target{UserID: other}},
		{"delete own comment", ActDeleteComment, Target{UserID: self}},
		{"delete someone else's comment", ActDeleteComment, Target{UserID: other}},
		// Scheduling (issue #6).
		{"schedule on an assigned job", ActScheduleInterview, Target{Job: assigned}},
		{"schedule on an own-department job", ActScheduleInterview, Target{Job: ownDept}},
		{"schedule on an unassigned job", ActScheduleInterview, Target{Job: unassigned}},
		{"see an interview one is on", ActViewInterview, Target{Job: unassigned, InterviewerIDs: []int64{self}}},
		{"see an interview of an assigned job", ActViewInterview, Target{Job: assigned, InterviewerIDs: []int64{other}}},
		{"see an interview of an own-department job", ActViewInterview, Target{Job: ownDept, InterviewerIDs: []int64{other}}},
		{"mark an interview one is on", ActConductInterview, Target{Job: unassigned, InterviewerIDs: []int64{other, self}}},
		{"mark an interview of an unassigned job", ActConductInterview, Target{Job: unassigned, InterviewerIDs: []int64{other}}},
		{"set own availability", ActManageAvailability, Target{UserID: self}},
		{"set someone else's availability", ActManageAvailability, Target{UserID: other}},
		// Rating cards (issue #7).
		{"edit the rating card of an assigned job", ActEditRatingCard, Target{Job: assigned}},
		{"edit the rating card of an own-department job", ActEditRatingCard, Target{Job: ownDept}},
		{"edit the rating card of an unassigned job", ActEditRatingCard, Target{Job: unassigned}},
	}
	// want[situation] = allowed for SA, RA, R, C.
	want := map[string][4]bool{
		"edit company profile":                        {true, false, false, false},
		"view audit log":                              {true, false, false, false},
		"connect Lever":                               {true, false, false, false},
		"view users":                                  {true, true, false, false},
		"invite Super Admin":                          {true, false, false, false},
		"invite Recruiter Admin":                      {true, false, false, false},
		"invite Recruiter":                            {true, true, false, false},
		"invite Collaborator":                         {true, true, false, false},
		"make a Recruiter a Collaborator":             {true, true, false, false},
		"make a Recruiter a Super Admin":              {true, false, false, false},
		"demote a Recruiter Admin":                    {true, false, false, false},
		"change own role":                             {false, false, false, false},
		"deactivate a Recruiter":                      {true, true, false, false},
		"deactivate a Super Admin":                    {true, false, false, false},
		"deactivate self":                             {false, false, false, false},
		"manage departments":                          {true, true, false, false},
		"create a job in own department":              {true, true, false, true},
		"create a job in another department":          {true, true, false, false},
		"edit a job of own department":                {true, true, false, true},
		"edit a job of another department":            {true, true, false, false},
		"import Lever jobs":                           {true, true, false, false},
		"assign a job":                                {true, true, false, false},
		"see an assigned job":                         {true, true, true, true},
		"see an unassigned job of another department": {true, true, false, false},
		"see an own-department job":                   {true, true, false, true},
		"see a job one collaborates on":               {true, true, false, true},
		"manage candidates of an assigned job":        {true, true, true, false},
		"manage candidates of an unassigned job":      {true, true, false, false},
		"manage candidates of an own-department job":  {true, true, false, false},
		"rate an interview one is on":                 {true, true, true, true},
		"rate an interview one is not on":             {false, false, false, false},
		"recommend on an assigned job":                {true, true, true, true},
		"recommend on an own-department job":          {true, true, false, true},
		"recommend on an unassigned job":              {true, true, false, false},
		"unmask on an assigned job":                   {true, true, true, false},
		"unmask on an own-department job":             {true, true, false, false},
		"unmask on an unassigned job":                 {true, true, false, false},

		// Collaboration.
		"comment on an assigned job's candidate":              {true, true, true, true},
		"comment on an own-department job's candidate":        {true, true, false, true},
		"comment on a candidate of a job one collaborates on": {true, true, false, true},
		"comment on an unassigned job's candidate":            {true, true, false, false},
		"edit own comment":                                    {true, true, true, true},
		"edit someone else's comment":                         {false, false, false, false},
		"delete own comment":                                  {true, true, true, true},
		"delete someone else's comment":                       {true, true, false, false},
		// Scheduling (issue #6).
		"schedule on an assigned job":               {true, true, true, false},
		"schedule on an own-department job":         {true, true, false, false},
		"schedule on an unassigned job":             {true, true, false, false},
		"see an interview one is on":                {true, true, true, true},
		"see an interview of an assigned job":       {true, true, true, false},
		"see an interview of an own-department job": {true, true, false, false},
		"mark an interview one is on":               {true, true, true, true},
		"mark an interview of an unassigned job":    {true, true, false, false},
		"set own availability":                      {true, true, true, true},
		"set someone else's availability":           {true, true, false, false},
		// Rating cards (issue #7).
		"edit the rating card of an assigned job":       {true, true, true, true},
		"edit the rating card of an own-department job": {true, true, false, true},
		"edit the rating card of an unassigned job":     {true, true, false, false},
	}
	covered := map[Action]bool{}
	for _, s := range situations {
		covered[s.action] = true
		w, ok := want[s.name]
		if !ok {
			t.Fatalf("no expectation for %q", s.name)
		}
		for i, role := range Roles {
			t.Run(fmt.Sprintf("%s/%s", role.Label(), s.name), func(t *testing.T) {
				if got := Can(actors[role], s.action, s.target); got != w[i] {
					t.Errorf("%s may %s = %v, want %v", role.Label(), s.name, got, w[i])
				}
			})
		}
	}
	for _, a := range Actions {
		if !covered[a] {
			t.Errorf("action %q has no situation in the matrix test", a)
		}
	}
}

func TestAuthorizeHidesInvisibleJobs(t *testing.T) {
	t.Parallel()
	recruiter := &Actor{UserID: 1, OrgID: 1, Role: RoleRecruiter}
	notMine := &Job{DepartmentID: 5, RecruiterIDs: []int64{2}}
	mine := &Job{DepartmentID: 5, RecruiterIDs: []int64{1}}
	tests := []struct {
		name string
		act  Action
		job  *Job
		want ErrorCode
	}{
		{"view someone else's job", ActViewJob, notMine, ENOTFOUND},
		{"manage candidates on someone else's job", ActManageCandidates, notMine, ENOTFOUND},
		{"assign own job", ActAssignJob, mine, EFORBIDDEN},
		{"manage candidates on own job", ActManageCandidates, mine, ""},
		{"schedule on someone else's job", ActScheduleInterview, notMine, ENOTFOUND},
	}
	for _, tt := range tests {
		if got := ErrorCodeOf(Authorize(recruiter, tt.act, Target{Job: tt.job})); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	// An interviewer sees the interview they are on even when the job is
	// hidden from them, but still may not schedule on it.
	on := Target{Job: notMine, InterviewerIDs: []int64{1}}
	if err := Authorize(recruiter, ActViewInterview, on); err != nil {
		t.Errorf("interviewer viewing their interview: %v", err)
	}
	if got := ErrorCodeOf(Authorize(recruiter, ActScheduleInterview, on)); got != ENOTFOUND {
		t.Errorf("interviewer scheduling on a hidden job: got %q", got)
	}
	if got := ErrorCodeOf(Authorize(nil, ActViewJob, Target{Job: mine})); got != EUNAUTHORIZED {
		t.Errorf("no actor: got %q", got)
	}
}

func TestVisibleJobsAgreesWithCan(t *testing.T) {
	t.Parallel()
	jobs := []*Job{
		{DepartmentID: 1, RecruiterIDs: []int64{7}},
		{DepartmentID: 2, RecruiterIDs: nil},
		{DepartmentID: 3, RecruiterIDs: []int64{8, 7}},
		{DepartmentID: 4, CollaboratorIDs: []int64{9}},
	}
	for _, a := range []*Actor{
		{UserID: 7, Role: RoleRecruiter}, {UserID: 9, Role: RoleCollaborator, DepartmentIDs: []int64{2, 3}},
		{UserID: 1, Role: RoleSuperAdmin}, {UserID: 2, Role: RoleRecruiterAdmin},
	} {
		v := VisibleJobs(a)
		for i, j := range jobs {
			inList := v.All || (v.AssignedTo != 0 && j.IsAssignedTo(v.AssignedTo))
			for _, d := range v.DepartmentIDs {
				inList = inList || d == j.DepartmentID
			}
			inList = inList || (v.CollaboratorOf != 0 && slices.Contains(j.CollaboratorIDs, v.CollaboratorOf))
			if inList != Can(a, ActViewJob, Target{Job: j}) {
				t.Errorf("%s, job %d: list visibility %v disagrees with Can", a.Role.Label(), i, inList)
			}
		}
	}
}
