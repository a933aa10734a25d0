package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// Route is one endpoint of the API. The ServeMux and the OpenAPI document
// are both built from the same table, so they cannot drift apart.
type Route struct {
	Method  string // GET, POST, PUT, PATCH or DELETE
	Pattern string // net/http pattern path, e.g. "/api/v1/jobs/{id}"
	Summary string
	Tag     string  // OpenAPI tag grouping the route
	Query   []Param // query parameters read by the handler
	// Request is the component schema name of the JSON request body, or "".
	Request string
	// Form is the component schema name of an alternative
	// multipart/form-data request body, or "".
	Form string
	// Response is the component schema name of the JSON response body;
	// "" means no body (204), FileResponse a file download.
	Response string
	Status   int // status code of success
	// Public routes answer without a signed-in actor; all others answer
	// 401 when the context carries none.
	Public bool

	handle func(*API, http.ResponseWriter, *http.Request) error
}

// Param is a query parameter of a route.
type Param struct {
	Name        string
	Type        string // "string", "integer" or "boolean"
	Description string
	Enum        []string
}

// FileResponse is the Response of a route answering a file.
const FileResponse = "file"

// paging are the parameters of every paged list.
var paging = []Param{
	{Name: "offset", Type: "integer", Description: "Number of items to skip (default 0)."},
	{Name: "limit", Type: "integer", Description: "Number of items to return, 1 to 200 (default 50)."},
}

func withPaging(ps ...Param) []Param { return append(ps, paging...) }

func routeTable() []Route {
	const v1 = "/api/v1"
	return []Route{
		{Method: "GET", Pattern: v1 + "/me", Summary: "The signed-in user and their organisation", Tag: "me",
			Response: "Me", Status: 200, handle: (*API).getMe},
		{Method: "GET", Pattern: v1 + "/openapi.json", Summary: "This OpenAPI document", Tag: "meta",
			Response: "OpenAPIDocument", Status: 200, Public: true, handle: (*API).getOpenAPI},

		{Method: "GET", Pattern: v1 + "/organization", Summary: "The company profile", Tag: "organization",
			Response: "Organization", Status: 200, handle: (*API).getOrganization},
		{Method: "PATCH", Pattern: v1 + "/organization", Summary: "Change the company profile (Super Admin)", Tag: "organization",
			Request: "OrganizationPatch", Response: "Organization", Status: 200, handle: (*API).patchOrganization},

		{Method: "GET", Pattern: v1 + "/users", Summary: "List users", Tag: "users",
			Query: withPaging(
				Param{Name: "q", Type: "string", Description: "Matches name or email."},
				Param{Name: "role", Type: "string", Description: "Only users with this role.", Enum: roleEnum()},
				Param{Name: "department_id", Type: "integer", Description: "Only members of this department."},
				Param{Name: "active_only", Type: "boolean", Description: "true: only active users; false or absent: everyone."}),
			Response: "UserList", Status: 200, handle: (*API).listUsers},
		{Method: "GET", Pattern: v1 + "/users/{id}", Summary: "One user", Tag: "users",
			Response: "User", Status: 200, handle: (*API).getUser},
		{Method: "PATCH", Pattern: v1 + "/users/{id}", Summary: "Change a user's name, role, departments or active flag", Tag: "users",
			Request: "UserPatch", Response: "User", Status: 200, handle: (*API).patchUser},

		{Method: "GET", Pattern: v1 + "/invitations", Summary: "List invitations", Tag: "invitations",
			Response: "InvitationList", Status: 200, handle: (*API).listInvitations},
		{Method: "POST", Pattern: v1 + "/invitations", Summary: "Invite someone by email", Tag: "invitations",
			Request: "InvitationCreate", Response: "Invitation", Status: 201, handle: (*API).createInvitation},
		{Method: "POST", Pattern: v1 + "/invitations/accept", Summary: "Accept an invitation: create your account (no sign-in needed)", Tag: "invitations",
			Request: "InvitationAccept", Response: "User", Status: 201, Public: true, handle: (*API).acceptInvitation},
		{Method: "DELETE", Pattern: v1 + "/invitations/{id}", Summary: "Revoke an invitation", Tag: "invitations",
			Status: 204, handle: (*API).deleteInvitation},

		{Method: "GET", Pattern: v1 + "/departments", Summary: "List departments", Tag: "departments",
			Response: "DepartmentList", Status: 200, handle: (*API).listDepartments},
		{Method: "POST", Pattern: v1 + "/departments", Summary: "Create a department", Tag: "departments",
			Request: "DepartmentInput", Response: "Department", Status: 201, handle: (*API).createDepartment},
		{Method: "GET", Pattern: v1 + "/departments/{id}", Summary: "One department", Tag: "departments",
			Response: "Department", Status: 200, handle: (*API).getDepartment},
		{Method: "PATCH", Pattern: v1 + "/departments/{id}", Summary: "Rename a department", Tag: "departments",
			Request: "DepartmentInput", Response: "Department", Status: 200, handle: (*API).patchDepartment},
		{Method: "DELETE", Pattern: v1 + "/departments/{id}", Summary: "Delete a department without jobs", Tag: "departments",
			Status: 204, handle: (*API).deleteDepartment},

		{Method: "GET", Pattern: v1 + "/jobs", Summary: "List visible jobs, newest first", Tag: "jobs",
			Query: withPaging(
				Param{Name: "q", Type: "string", Description: "Title, or an ID number such as #1001."},
				Param{Name: "status", Type: "string", Description: "Only jobs with this status.", Enum: jobStatusEnum()},
				Param{Name: "department_id", Type: "integer", Description: "Only jobs of this department."},
				Param{Name: "recruiter_id", Type: "integer", Description: "Only jobs assigned to this recruiter."}),
			Response: "JobList", Status: 200, handle: (*API).listJobs},
		{Method: "POST", Pattern: v1 + "/jobs", Summary: "Create a job", Tag: "jobs",
			Request: "JobCreate", Response: "Job", Status: 201, handle: (*API).createJob},
		{Method: "GET", Pattern: v1 + "/jobs/{id}", Summary: "One job", Tag: "jobs",
			Response: "Job", Status: 200, handle: (*API).getJob},
		{Method: "PATCH", Pattern: v1 + "/jobs/{id}", Summary: "Edit a job; absent fields stay as they are", Tag: "jobs",
			Request: "JobPatch", Response: "Job", Status: 200, handle: (*API).patchJob},
		{Method: "PUT", Pattern: v1 + "/jobs/{id}/recruiters", Summary: "Assign the job to recruiters (replaces the list)", Tag: "jobs",
			Request: "JobRecruiters", Response: "Job", Status: 200, handle: (*API).putJobRecruiters},
		{Method: "PUT", Pattern: v1 + "/jobs/{id}/collaborators", Summary: "Set the job's collaborators (replaces the list)", Tag: "jobs",
			Request: "JobCollaborators", Response: "Job", Status: 200, handle: (*API).putJobCollaborators},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/lever", Summary: "The Lever posting the job was imported from, with its stage mapping (404 when it was not imported)", Tag: "lever",
			Response: "LeverJobLink", Status: 200, handle: (*API).getJobLever},
		{Method: "PUT", Pattern: v1 + "/jobs/{id}/lever/stage-mapping", Summary: "Replace the Lever stage mapping of an imported job (Super Admin, Recruiter Admin)", Tag: "lever",
			Request: "LeverStageMappingInput", Response: "LeverJobLink", Status: 200, handle: (*API).putJobLeverStageMapping},

		{Method: "GET", Pattern: v1 + "/lever/postings", Summary: "List the jobs (postings) of the connected Lever account, with the job each was imported as (Super Admin, Recruiter Admin)", Tag: "lever",
			Query: []Param{
				{Name: "q", Type: "string", Description: "Words of the title."},
				{Name: "state", Type: "string", Description: "Only postings in this state in Lever.", Enum: skillkeepr.LeverPostingStates}},
			Response: "LeverPostingList", Status: 200, handle: (*API).listLeverPostings},
		{Method: "GET", Pattern: v1 + "/lever/postings/{posting_id}", Summary: "One Lever posting ready to import: job fields filled in from it, the Lever stages and the suggested stage mapping", Tag: "lever",
			Response: "LeverJobDraft", Status: 200, handle: (*API).getLeverPosting},
		{Method: "POST", Pattern: v1 + "/lever/postings/{posting_id}/import", Summary: "Import a Lever posting as a job with its stage mapping (409 when it was already imported)", Tag: "lever",
			Request: "LeverJobImport", Response: "Job", Status: 201, handle: (*API).importLeverPosting},
		{Method: "POST", Pattern: v1 + "/jobs/{id}/lever/imports", Summary: "Start importing the candidates of a job imported from Lever, in the background; while one runs it is returned (Super Admin, Recruiter Admin, assigned Recruiter)", Tag: "lever",
			Response: "LeverImportRun", Status: 202, handle: (*API).startLeverImport},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/lever/imports", Summary: "The imports of a job's candidates from Lever, newest first, with their counts", Tag: "lever",
			Response: "LeverImportRunList", Status: 200, handle: (*API).listLeverImports},
		{Method: "GET", Pattern: v1 + "/lever/imports/{id}", Summary: "One import of candidates from Lever with its state, counts and per-candidate log", Tag: "lever",
			Response: "LeverImportRun", Status: 200, handle: (*API).getLeverImport},
		{Method: "POST", Pattern: v1 + "/lever/imports/{id}/retry", Summary: "Retry the failed candidates of an import (or one of them), or resume a paused or failed import", Tag: "lever",
			Query:    []Param{{Name: "entry_id", Type: "integer", Description: "Only this failed line of the log."}},
			Response: "LeverImportRun", Status: 202, handle: (*API).retryLeverImport},

		// Push to Lever, and the Lever connection, settings and updates.
		{Method: "GET", Pattern: v1 + "/applications/{id}/lever/push-dialog", Summary: "The Change Job Stage dialog of a recommended candidate: the Lever stages in pipeline order, the default one and the push so far (Super Admin, Recruiter Admin, assigned Recruiter)", Tag: "lever",
			Response: "LeverPushDialog", Status: 200, handle: (*API).getLeverPushDialog},
		{Method: "POST", Pattern: v1 + "/applications/{id}/lever/push", Summary: "Push a recommended candidate to Lever: the stage, the tag, a note and a feedback form with the rating, each written once; retries a failed push (stage_id may then be left out)", Tag: "lever",
			Request: "LeverPushInput", Response: "LeverPush", Status: 202, handle: (*API).postLeverPush},
		{Method: "GET", Pattern: v1 + "/applications/{id}/lever/push", Summary: "Where the push of a candidate to Lever stands: queued, pushed (when, by whom, to which stage), failed (why) or paused (404 when never pushed)", Tag: "lever",
			Response: "LeverPush", Status: 200, handle: (*API).getLeverPush},
		{Method: "GET", Pattern: v1 + "/lever/connection", Summary: "The organisation's Lever connection: connected, revoked or disconnected, with the account and who connected it", Tag: "lever",
			Response: "LeverConnection", Status: 200, handle: (*API).getLeverConnection},
		{Method: "PUT", Pattern: v1 + "/lever/connection/api-key", Summary: "Connect Lever with an API key, checked with Lever first (Super Admin)", Tag: "lever",
			Request: "LeverAPIKeyInput", Response: "LeverConnection", Status: 200, handle: (*API).putLeverAPIKey},
		{Method: "DELETE", Pattern: v1 + "/lever/connection", Summary: "Disconnect Lever: forget the credentials; Lever work stops (Super Admin)", Tag: "lever",
			Status: 204, handle: (*API).deleteLeverConnection},
		{Method: "GET", Pattern: v1 + "/lever/settings", Summary: "How SkillKeepr writes to Lever: keep every SkillKeepr tag, and the fallback Lever user (Super Admin)", Tag: "lever",
			Response: "LeverWriteSettings", Status: 200, handle: (*API).getLeverSettings},
		{Method: "PUT", Pattern: v1 + "/lever/settings", Summary: "Change how SkillKeepr writes to Lever (Super Admin)", Tag: "lever",
			Request: "LeverWriteSettings", Response: "LeverWriteSettings", Status: 200, handle: (*API).putLeverSettings},
		{Method: "POST", Pattern: v1 + "/lever/updates", Summary: "Register for Lever updates (webhooks) of the connected account (Super Admin)", Tag: "lever",
			Status: 204, handle: (*API).postLeverUpdates},

		{Method: "GET", Pattern: v1 + "/candidates", Summary: "List applications of visible jobs", Tag: "candidates",
			Query: withPaging(
				Param{Name: "q", Type: "string", Description: "Matches name or email."},
				Param{Name: "job_id", Type: "integer", Description: "Only applications to this job."},
				Param{Name: "status", Type: "string", Description: "Only applications with this status.", Enum: applicationStatusEnum()}),
			Response: "CandidateRowList", Status: 200, handle: (*API).listCandidates},
		{Method: "POST", Pattern: v1 + "/candidates", Summary: "Add a candidate to a job, optionally with a résumé (multipart)", Tag: "candidates",
			Request: "CandidateCreate", Form: "CandidateCreateForm", Response: "CandidateCreated", Status: 201, handle: (*API).createCandidate},
		{Method: "GET", Pattern: v1 + "/candidates/{id}", Summary: "One candidate with résumés and visible applications", Tag: "candidates",
			Response: "Candidate", Status: 200, handle: (*API).getCandidate},
		{Method: "PATCH", Pattern: v1 + "/candidates/{id}", Summary: "Edit a candidate; absent fields stay as they are", Tag: "candidates",
			Request: "CandidatePatch", Response: "Candidate", Status: 200, handle: (*API).patchCandidate},
		{Method: "GET", Pattern: v1 + "/candidates/{id}/events", Summary: "A candidate's timeline, newest first", Tag: "candidates",
			Response: "EventList", Status: 200, handle: (*API).listCandidateEvents},
		{Method: "GET", Pattern: v1 + "/resumes/{id}", Summary: "Download a résumé file", Tag: "candidates",
			Response: FileResponse, Status: 200, handle: (*API).getResume},

		{Method: "GET", Pattern: v1 + "/applications/{id}", Summary: "One application", Tag: "applications",
			Response: "Application", Status: 200, handle: (*API).getApplication},
		{Method: "PUT", Pattern: v1 + "/applications/{id}/status", Summary: "Move an application to a status", Tag: "applications",
			Request: "ApplicationStatusChange", Response: "Application", Status: 200, handle: (*API).putApplicationStatus},

		{Method: "GET", Pattern: v1 + "/jobs/{id}/fairness", Summary: "The job's fairness report at the shortlist step: selection rates by self-identified group, impact ratios and the four-fifths rule; groups under 5 suppressed", Tag: "fairness",
			Response: "FairnessReport", Status: 200, handle: (*API).getJobFairness},
		{Method: "GET", Pattern: v1 + "/self-identification/options", Summary: "The questions of voluntary self-identification with the answers your organisation accepts", Tag: "fairness",
			Response: "SelfIDOptions", Status: 200, handle: (*API).getSelfIDOptions},
		{Method: "PUT", Pattern: v1 + "/self-identification/options/{question}", Summary: "Replace the answers offered for one question, gender or ethnicity (Super Admin); an empty list restores the shipped answers", Tag: "fairness",
			Request: "SelfIDOptionsInput", Response: "SelfIDOptions", Status: 200, handle: (*API).putSelfIDOptions},
		{Method: "GET", Pattern: v1 + "/candidates/{id}/work-locations", Summary: "Where the candidate said they can work: the only input of a job's location criterion", Tag: "shortlist",
			Response: "WorkLocations", Status: 200, handle: (*API).getWorkLocations},
		{Method: "PUT", Pattern: v1 + "/candidates/{id}/work-locations", Summary: "Record the candidate's own answer to where they can work (audited); their applications are rescored", Tag: "shortlist",
			Request: "WorkLocations", Response: "WorkLocations", Status: 200, handle: (*API).putWorkLocations},
		{Method: "GET", Pattern: v1 + "/candidates/{id}/self-identification", Summary: "Whether the candidate's self-identification answers are on file (never the answers)", Tag: "fairness",
			Response: "SelfIDRecord", Status: 200, handle: (*API).getSelfIdentification},
		{Method: "PUT", Pattern: v1 + "/candidates/{id}/self-identification", Summary: "Record the candidate's own, voluntary answers (replaces them; empty strings = not answered); audited without the answers", Tag: "fairness",
			Request: "SelfIdentification", Response: "SelfIDRecord", Status: 200, handle: (*API).putSelfIdentification},
		{Method: "POST", Pattern: v1 + "/applications/{id}/assist", Summary: "Ask the optional language model for a suggestion (skills with résumé lines, a summary); queued, never changes a score (503 when not configured)", Tag: "assist",
			Response: "AssistSuggestion", Status: 202, handle: (*API).postAssist},
		{Method: "GET", Pattern: v1 + "/applications/{id}/assist", Summary: "The newest language-model suggestion of an application: pending, ready (checked against the résumé) or failed", Tag: "assist",
			Response: "AssistSuggestion", Status: 200, handle: (*API).getAssist},
		// Scheduling (issue #6).
		{Method: "GET", Pattern: v1 + "/jobs/{id}/interview-plans", Summary: "The interview types of a job", Tag: "interviews",
			Response: "InterviewPlanList", Status: 200, handle: (*API).listInterviewPlans},
		{Method: "POST", Pattern: v1 + "/jobs/{id}/interview-plans", Summary: "Add an interview type to a job: length, panel or round-robin interviewers, rating card", Tag: "interviews",
			Request: "InterviewPlanInput", Response: "InterviewPlan", Status: 201, handle: (*API).createInterviewPlan},
		{Method: "GET", Pattern: v1 + "/interview-plans/{id}", Summary: "One interview type", Tag: "interviews",
			Response: "InterviewPlan", Status: 200, handle: (*API).getInterviewPlan},
		{Method: "PUT", Pattern: v1 + "/interview-plans/{id}", Summary: "Replace an interview type; booked interviews keep theirs", Tag: "interviews",
			Request: "InterviewPlanInput", Response: "InterviewPlan", Status: 200, handle: (*API).putInterviewPlan},
		{Method: "DELETE", Pattern: v1 + "/interview-plans/{id}", Summary: "Remove an interview type", Tag: "interviews",
			Status: 204, handle: (*API).deleteInterviewPlan},
		{Method: "GET", Pattern: v1 + "/interview-plans/{id}/slots", Summary: "Free times of an interview type (next three weeks by default), from the interviewers' availability and interviews", Tag: "interviews",
			Query: []Param{{Name: "from", Type: "string", Description: "RFC 3339 start of the window (default now)."},
				{Name: "to", Type: "string", Description: "RFC 3339 end of the window (default from + 21 days, at most 8 weeks)."}},
			Response: "FreeSlotList", Status: 200, handle: (*API).listPlanSlots},
		{Method: "GET", Pattern: v1 + "/interviews", Summary: "Interviews you may see, by start time", Tag: "interviews",
			Query: []Param{{Name: "job_id", Type: "integer", Description: "Only interviews of this job."},
				{Name: "application_id", Type: "integer", Description: "Only interviews of this application."},
				{Name: "interviewer_id", Type: "integer", Description: "Only interviews this user is on."},
				{Name: "from", Type: "string", Description: "RFC 3339: only interviews ending after this."},
				{Name: "to", Type: "string", Description: "RFC 3339: only interviews starting before this."},
				{Name: "status", Type: "string", Description: "Only interviews in this status.", Enum: interviewStatusEnum()}},
			Response: "InterviewList", Status: 200, handle: (*API).listInterviews},
		{Method: "POST", Pattern: v1 + "/interviews", Summary: "Book an interview (409 when an interviewer is no longer free)", Tag: "interviews",
			Request: "InterviewBookingInput", Response: "Interview", Status: 201, handle: (*API).bookInterview},
		{Method: "GET", Pattern: v1 + "/interviews/{id}", Summary: "One interview", Tag: "interviews",
			Response: "Interview", Status: 200, handle: (*API).getInterview},
		{Method: "POST", Pattern: v1 + "/interviews/{id}/reschedule", Summary: "Move an interview (409 when an interviewer is not free then)", Tag: "interviews",
			Request: "InterviewRescheduleInput", Response: "Interview", Status: 200, handle: (*API).rescheduleInterview},
		{Method: "POST", Pattern: v1 + "/interviews/{id}/cancel", Summary: "Cancel an interview", Tag: "interviews",
			Request: "InterviewCancelInput", Response: "Interview", Status: 200, handle: (*API).cancelInterview},
		{Method: "POST", Pattern: v1 + "/interviews/{id}/complete", Summary: "Confirm, after its end, that an interview took place (its interviewers)", Tag: "interviews",
			Response: "Interview", Status: 200, handle: (*API).completeInterview},
		{Method: "POST", Pattern: v1 + "/interviews/{id}/noshow", Summary: "Mark that the candidate did not come (its interviewers, once it started)", Tag: "interviews",
			Response: "Interview", Status: 200, handle: (*API).noShowInterview},
		{Method: "GET", Pattern: v1 + "/users/{id}/availability", Summary: "When a user can interview", Tag: "interviews",
			Response: "Availability", Status: 200, handle: (*API).getAvailability},
		{Method: "PUT", Pattern: v1 + "/users/{id}/availability", Summary: "Set a user's availability (their own; admins anyone's)", Tag: "interviews",
			Request: "Availability", Response: "Availability", Status: 200, handle: (*API).putAvailability},
		{Method: "POST", Pattern: v1 + "/applications/{id}/scheduling-links", Summary: "Email the candidate a link to book a time of an interview type", Tag: "interviews",
			Request: "SchedulingLinkCreate", Response: "SchedulingLink", Status: 201, handle: (*API).createSchedulingLink},

		{Method: "GET", Pattern: v1 + "/audit", Summary: "The audit log, newest first (Super Admin)", Tag: "audit",
			Query: withPaging(
				Param{Name: "entity_type", Type: "string", Description: "Only entries about this kind of thing, e.g. job."},
				Param{Name: "actor_id", Type: "integer", Description: "Only entries by this user."}),
			Response: "AuditEntryList", Status: 200, handle: (*API).listAudit},

		{Method: "GET", Pattern: v1 + "/dashboard", Summary: "Applications per visible job and status", Tag: "dashboard",
			Response: "DashboardRowList", Status: 200, handle: (*API).getDashboard},

		// Collaboration: comments on candidates and notifications.
		{Method: "GET", Pattern: v1 + "/candidates/{id}/comments", Summary: "Comments on a candidate, newest first", Tag: "comments",
			Response: "CommentList", Status: 200, handle: (*API).listComments},
		{Method: "POST", Pattern: v1 + "/candidates/{id}/comments", Summary: "Comment on a candidate; @Full Name or @email mentions colleagues who may see the candidate and notifies them", Tag: "comments",
			Request: "CommentInput", Response: "Comment", Status: 201, handle: (*API).createComment},
		{Method: "PATCH", Pattern: v1 + "/comments/{id}", Summary: "Change your own comment; people mentioned for the first time are notified", Tag: "comments",
			Request: "CommentInput", Response: "Comment", Status: 200, handle: (*API).patchComment},
		{Method: "DELETE", Pattern: v1 + "/comments/{id}", Summary: "Delete your own comment (admins: any comment)", Tag: "comments",
			Status: 204, handle: (*API).deleteComment},
		{Method: "GET", Pattern: v1 + "/notifications", Summary: "Your notifications, newest first", Tag: "notifications",
			Query:    withPaging(Param{Name: "unread_only", Type: "boolean", Description: "true: only unread notifications."}),
			Response: "NotificationList", Status: 200, handle: (*API).listNotifications},
		{Method: "GET", Pattern: v1 + "/notifications/unread-count", Summary: "How many of your notifications are unread (up to 100)", Tag: "notifications",
			Response: "UnreadCount", Status: 200, handle: (*API).getUnreadCount},
		{Method: "POST", Pattern: v1 + "/notifications/{id}/read", Summary: "Mark one of your notifications read", Tag: "notifications",
			Response: "Notification", Status: 200, handle: (*API).readNotification},
		{Method: "POST", Pattern: v1 + "/notifications/read-all", Summary: "Mark all your notifications read", Tag: "notifications",
			Response: "NotificationsMarked", Status: 200, handle: (*API).readAllNotifications},
		{Method: "GET", Pattern: v1 + "/me/notification-settings", Summary: "Your notification settings", Tag: "notifications",
			Response: "NotificationSettings", Status: 200, handle: (*API).getNotificationSettings},
		{Method: "PUT", Pattern: v1 + "/me/notification-settings", Summary: "Change your notification settings (email: false turns notification emails off)", Tag: "notifications",
			Request: "NotificationSettingsInput", Response: "NotificationSettings", Status: 200, handle: (*API).putNotificationSettings},

		{Method: "GET", Pattern: v1 + "/tokens", Summary: "Your personal API tokens", Tag: "tokens",
			Response: "APITokenList", Status: 200, handle: (*API).listTokens},
		{Method: "POST", Pattern: v1 + "/tokens", Summary: "Create a personal API token; the token is shown only in this answer", Tag: "tokens",
			Request: "APITokenCreate", Response: "APITokenCreated", Status: 201, handle: (*API).createToken},
		{Method: "DELETE", Pattern: v1 + "/tokens/{id}", Summary: "Delete a personal API token", Tag: "tokens",
			Status: 204, handle: (*API).deleteToken},

		// Shortlisting.
		{Method: "GET", Pattern: v1 + "/jobs/{id}/criteria", Summary: "The job's current matching criteria; version 1 is derived from the job description on first use", Tag: "shortlist",
			Response: "JobCriteria", Status: 200, handle: (*API).getJobCriteria},
		{Method: "PUT", Pattern: v1 + "/jobs/{id}/criteria", Summary: "Save a new version of the job's matching criteria (409 when base_version is not current); the job is rescored in the background", Tag: "shortlist",
			Request: "CriteriaUpdate", Response: "JobCriteria", Status: 200, handle: (*API).putJobCriteria},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/criteria/versions", Summary: "Every version of the job's matching criteria, newest first", Tag: "shortlist",
			Response: "JobCriteriaList", Status: 200, handle: (*API).listJobCriteriaVersions},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/scores", Summary: "The job's candidates ranked by score, with verdicts and evidence; masked during blind review; score absent while scoring", Tag: "shortlist",
			Response: "Shortlist", Status: 200, handle: (*API).getJobScores},
		{Method: "POST", Pattern: v1 + "/jobs/{id}/shortlist", Summary: "Shortlist applications of the job (status shortlisted; tags Lever)", Tag: "shortlist",
			Request: "ShortlistRequest", Response: "ApplicationList", Status: 200, handle: (*API).postJobShortlist},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/blind-review", Summary: "The job's blind review setting and whether it is on", Tag: "shortlist",
			Response: "BlindReviewSetting", Status: 200, handle: (*API).getJobBlindReview},
		{Method: "PUT", Pattern: v1 + "/jobs/{id}/blind-review", Summary: "Set the job's blind review: on, off, or organization", Tag: "shortlist",
			Request: "BlindReviewSetting", Response: "BlindReviewSetting", Status: 200, handle: (*API).putJobBlindReview},
		{Method: "GET", Pattern: v1 + "/applications/{id}/score", Summary: "One application as the shortlist shows it: score, verdicts, evidence, not a fit, masking", Tag: "shortlist",
			Response: "ShortlistEntry", Status: 200, handle: (*API).getShortlistEntry},
		{Method: "POST", Pattern: v1 + "/applications/{id}/not-fit", Summary: "Mark an application not a fit, with a reason (a person's decision; status unchanged, nothing sent to Lever)", Tag: "shortlist",
			Request: "NotFitRequest", Response: "ShortlistEntry", Status: 200, handle: (*API).postNotFit},
		{Method: "DELETE", Pattern: v1 + "/applications/{id}/not-fit", Summary: "Take back \"not a fit\"", Tag: "shortlist",
			Response: "ShortlistEntry", Status: 200, handle: (*API).deleteNotFit},
		{Method: "POST", Pattern: v1 + "/applications/{id}/unmask", Summary: "Show who a blind-reviewed candidate is (audited; Super Admin, Recruiter Admin, assigned Recruiter)", Tag: "shortlist",
			Request: "UnmaskRequest", Response: "ShortlistEntry", Status: 200, handle: (*API).postUnmask},
		{Method: "GET", Pattern: v1 + "/candidates/{id}/resume-text", Summary: "The text of the candidate's newest résumé with its outcome; masked during blind review", Tag: "shortlist",
			Response: "CandidateResumeText", Status: 200, handle: (*API).getCandidateResumeText},
		// Rating cards (issue #7).
		{Method: "GET", Pattern: v1 + "/jobs/{id}/rating-cards", Summary: "The current rating card templates of a job, the default first", Tag: "rating cards",
			Response: "RatingCardTemplateList", Status: 200, handle: (*API).listRatingCardTemplates},
		{Method: "POST", Pattern: v1 + "/jobs/{id}/rating-cards", Summary: "Create a rating card template from the job's skills", Tag: "rating cards",
			Request: "RatingCardTemplateCreate", Response: "RatingCardTemplate", Status: 201, handle: (*API).createRatingCardTemplate},
		{Method: "GET", Pattern: v1 + "/rating-cards/{id}", Summary: "One version of a rating card template", Tag: "rating cards",
			Response: "RatingCardTemplate", Status: 200, handle: (*API).getRatingCardTemplate},
		{Method: "PUT", Pattern: v1 + "/rating-cards/{id}", Summary: "Edit a rating card template; when a card uses it, a new version is made and returned", Tag: "rating cards",
			Request: "RatingCardTemplateUpdate", Response: "RatingCardTemplate", Status: 200, handle: (*API).putRatingCardTemplate},
		{Method: "GET", Pattern: v1 + "/interviews/{id}/card", Summary: "Your rating card for an interview you were on (opened when it ends)", Tag: "rating cards",
			Response: "RatingCard", Status: 200, handle: (*API).getMyRatingCard},
		{Method: "POST", Pattern: v1 + "/interviews/{id}/card", Summary: "Submit your rating card; a submitted card is final", Tag: "rating cards",
			Request: "RatingCardSubmission", Response: "RatingCard", Status: 200, handle: (*API).submitRatingCard},
		{Method: "GET", Pattern: v1 + "/interviews/{id}/cards", Summary: "The submitted cards of an interview (403 for an interviewer who has not submitted theirs)", Tag: "rating cards",
			Response: "RatingCardList", Status: 200, handle: (*API).listInterviewRatingCards},
		{Method: "GET", Pattern: v1 + "/me/rating-cards", Summary: "Your rating cards, missing ones first", Tag: "rating cards",
			Response: "RatingCardList", Status: 200, handle: (*API).listMyRatingCards},
		{Method: "GET", Pattern: v1 + "/jobs/{id}/interview-shortlist", Summary: "The Interview Shortlist screen of a job: interviewed candidates and what their cards say", Tag: "rating cards",
			Query:    withPaging(),
			Response: "InterviewShortlist", Status: 200, handle: (*API).getInterviewShortlist},
		{Method: "GET", Pattern: v1 + "/applications/{id}/rating-summary", Summary: "The averages of an application's submitted rating cards (404 when none)", Tag: "rating cards",
			Response: "RatingSummary", Status: 200, handle: (*API).getRatingSummary},
		{Method: "POST", Pattern: v1 + "/applications/{id}/recommend", Summary: "Recommend to hire, with the recommendation comment", Tag: "rating cards",
			Request: "ShortlistNote", Response: "Application", Status: 200, handle: decide("recommend")},
		{Method: "POST", Pattern: v1 + "/applications/{id}/not-recommend", Summary: "Mark as not recommended, with the reason", Tag: "rating cards",
			Request: "ShortlistNote", Response: "Application", Status: 200, handle: decide("not_recommended")},
		{Method: "GET", Pattern: v1 + "/applications/{id}/recruiter-assist", Summary: "Recruiter Assist: questions, strengths and risks, the next step and email drafts, each with its source", Tag: "rating cards",
			Response: "AssistPanel", Status: 200, handle: (*API).getRecruiterAssist},
	}
}
