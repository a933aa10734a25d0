package skillkeepr

import "slices"

// Action is something a user may or may not do. The permission matrix of
// design.md lives in Can and nowhere else; callers ask with Authorize.
type Action string

const (
	ActManageOrganization Action = "manage_organization" // company profile, settings
	ActViewAuditLog       Action = "view_audit_log"
	ActManageIntegrations Action = "manage_integrations" // connect / disconnect Lever
	ActInviteUser         Action = "invite_user"         // Target.Role: the role given
	ActChangeRole         Action = "change_role"         // Target.Role: the role given; Target.UserRole: the current one
	ActDeactivateUser     Action = "deactivate_user"     // Target.UserRole: the user's role
	ActViewUsers          Action = "view_users"
	ActManageDepartments  Action = "manage_departments"
	ActCreateJob          Action = "create_job"        // Target.DepartmentID
	ActEditJob            Action = "edit_job"          // Target.Job
	ActImportLeverJobs    Action = "import_lever_jobs" //
	ActAssignJob          Action = "assign_job"        // Target.Job
	ActViewJob            Action = "view_job"          // Target.Job
	ActManageCandidates   Action = "manage_candidates" // import, shortlist, schedule, email, push; Target.Job
	ActRateInterview      Action = "rate_interview"    // Target.InterviewerIDs
	ActRecommend          Action = "recommend"         // Target.Job
	ActUnmask             Action = "unmask"            // Target.Job
	// Collaboration: comments on a candidate's timeline.
	ActComment       Action = "comment"        // read and add comments on a candidate; Target.Job: one of the candidate's jobs
	ActEditComment   Action = "edit_comment"   // Target.UserID: the comment's author
	ActDeleteComment Action = "delete_comment" // Target.UserID: the comment's author
	// Scheduling (issue #6).
	ActScheduleInterview  Action = "schedule_interview"  // book, reschedule, cancel, plans, links; Target.Job
	ActViewInterview      Action = "view_interview"      // Target.Job, Target.InterviewerIDs
	ActConductInterview   Action = "conduct_interview"   // mark completed / no-show; Target.Job, Target.InterviewerIDs
	ActManageAvailability Action = "manage_availability" // Target.UserID: whose availability
	// Rating cards (issue #7).
	ActEditRatingCard Action = "edit_rating_card" // a job's rating card templates; Target.Job
)

// Actions lists every action, for exhaustive tests and documentation.
var Actions = []Action{
	ActManageOrganization, ActViewAuditLog, ActManageIntegrations, ActInviteUser,
	ActChangeRole, ActDeactivateUser, ActViewUsers, ActManageDepartments, ActCreateJob,
	ActEditJob, ActImportLeverJobs, ActAssignJob, ActViewJob, ActManageCandidates,
	ActRateInterview, ActRecommend, ActUnmask,
	ActComment, ActEditComment, ActDeleteComment,
	ActScheduleInterview, ActViewInterview, ActConductInterview, ActManageAvailability,
	ActEditRatingCard,
}

// Target is what an action is done to; only the fields the action needs are read.
type Target struct {
	Job            *Job
	DepartmentID   int64
	Role           Role  // the role being given (invite, change role)
	UserRole       Role  // the role the affected user has now
	UserID         int64 // the affected user
	InterviewerIDs []int64
}

// Can reports whether actor a may do act to t. It assumes t belongs to the
// actor's organisation: things of other organisations never reach here,
// because every query filters by organisation and answers "not found".
func Can(a *Actor, act Action, t Target) bool {
	if a == nil || !a.Role.Valid() {
		return false
	}
	admin := a.Role == RoleSuperAdmin || a.Role == RoleRecruiterAdmin
	switch act {
	case ActManageOrganization, ActViewAuditLog, ActManageIntegrations:
		return a.Role == RoleSuperAdmin
	case ActViewUsers, ActManageDepartments, ActImportLeverJobs:
		return admin
	case ActInviteUser:
		return canGrant(a, t.Role)
	case ActChangeRole:
		if t.UserID == a.UserID {
			return false // nobody demotes or promotes themself; another admin must
		}
		return canGrant(a, t.Role) && canGrant(a, t.UserRole)
	case ActDeactivateUser:
		return t.UserID != a.UserID && canGrant(a, t.UserRole)
	case ActCreateJob:
		return admin || (a.Role == RoleCollaborator && a.InDepartment(t.DepartmentID))
	case ActEditJob:
		return t.Job != nil && (admin || (a.Role == RoleCollaborator && a.InDepartment(t.Job.DepartmentID)))
	case ActAssignJob:
		return t.Job != nil && admin
	case ActViewJob:
		return t.Job != nil && canSeeJob(a, t.Job)
	case ActManageCandidates, ActUnmask:
		return t.Job != nil && (admin || (a.Role == RoleRecruiter && t.Job.IsAssignedTo(a.UserID)))
	case ActRecommend:
		return t.Job != nil && canSeeJob(a, t.Job)
	case ActRateInterview:
		return slices.Contains(t.InterviewerIDs, a.UserID)
	case ActComment:
		// Whoever may see a candidate may talk about them.
		return t.Job != nil && canSeeJob(a, t.Job)
	case ActEditComment:
		// Words are their author's: nobody edits someone else's.
		return t.UserID != 0 && t.UserID == a.UserID
	case ActDeleteComment:
		// Admins may remove a comment that should not be there.
		return t.UserID != 0 && (t.UserID == a.UserID || admin)
	case ActScheduleInterview:
		return Can(a, ActManageCandidates, t)
	case ActViewInterview, ActConductInterview:
		return slices.Contains(t.InterviewerIDs, a.UserID) || Can(a, ActManageCandidates, t)
	case ActManageAvailability:
		return t.UserID == a.UserID || admin
	case ActEditRatingCard:
		// Those who write the JD, and those who run its interviews.
		return Can(a, ActEditJob, t) || Can(a, ActManageCandidates, t)
	}
	return false
}

// canGrant reports whether a may hand out (or take away) role r.
func canGrant(a *Actor, r Role) bool {
	switch a.Role {
	case RoleSuperAdmin:
		return r.Valid()
	case RoleRecruiterAdmin:
		return r == RoleRecruiter || r == RoleCollaborator
	}
	return false
}

func canSeeJob(a *Actor, j *Job) bool {
	switch a.Role {
	case RoleSuperAdmin, RoleRecruiterAdmin:
		return true
	case RoleRecruiter:
		return j.IsAssignedTo(a.UserID)
	case RoleCollaborator:
		return a.InDepartment(j.DepartmentID) || slices.Contains(j.CollaboratorIDs, a.UserID)
	}
	return false
}

// Authorize returns nil when a may do act to t, else an EFORBIDDEN error.
// A job the actor cannot see is reported as not found, so that its
// existence does not leak.
func Authorize(a *Actor, act Action, t Target) error {
	if a == nil {
		return &Error{Code: EUNAUTHORIZED, Message: "Please sign in."}
	}
	if t.Job != nil && act != ActViewJob && !canSeeJob(a, t.Job) && !onInterview(a, act, t) {
		return NotFound("Job")
	}
	if act == ActViewJob && t.Job != nil && !canSeeJob(a, t.Job) {
		return NotFound("Job")
	}
	if !Can(a, act, t) {
		return Forbidden()
	}
	return nil
}

// onInterview reports whether a is an interviewer of t and act is one an
// interviewer may do without seeing the job otherwise.
func onInterview(a *Actor, act Action, t Target) bool {
	return (act == ActViewInterview || act == ActConductInterview || act == ActRateInterview) &&
		slices.Contains(t.InterviewerIDs, a.UserID)
}

// JobVisibility is how a job list query is narrowed for an actor; the store
// turns it into SQL so that lists and single reads agree with Can.
type JobVisibility struct {
	All            bool    // every job of the organisation
	AssignedTo     int64   // only jobs assigned to this recruiter
	DepartmentIDs  []int64 // jobs of these departments…
	CollaboratorOf int64   // …and jobs this user was added to as a collaborator
}

// VisibleJobs returns the job visibility of a.
func VisibleJobs(a *Actor) JobVisibility {
	switch a.Role {
	case RoleSuperAdmin, RoleRecruiterAdmin:
		return JobVisibility{All: true}
	case RoleRecruiter:
		return JobVisibility{AssignedTo: a.UserID}
	case RoleCollaborator:
		return JobVisibility{DepartmentIDs: append([]int64(nil), a.DepartmentIDs...), CollaboratorOf: a.UserID}
	}
	return JobVisibility{}
}
