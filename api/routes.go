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

		{Method: "GET", Pattern: v1 + "/audit", Summary: "The audit log, newest first (Super Admin)", Tag: "audit",
			Query: withPaging(
				Param{Name: "entity_type", Type: "string", Description: "Only entries about this kind of thing, e.g. job."},
				Param{Name: "actor_id", Type: "integer", Description: "Only entries by this user."}),
			Response: "AuditEntryList", Status: 200, handle: (*API).listAudit},

		{Method: "GET", Pattern: v1 + "/dashboard", Summary: "Applications per visible job and status", Tag: "dashboard",
			Response: "DashboardRowList", Status: 200, handle: (*API).getDashboard},

		{Method: "GET", Pattern: v1 + "/tokens", Summary: "Your personal API tokens", Tag: "tokens",
			Response: "APITokenList", Status: 200, handle: (*API).listTokens},
		{Method: "POST", Pattern: v1 + "/tokens", Summary: "Create a personal API token; the token is shown only in this answer", Tag: "tokens",
			Request: "APITokenCreate", Response: "APITokenCreated", Status: 201, handle: (*API).createToken},
		{Method: "DELETE", Pattern: v1 + "/tokens/{id}", Summary: "Delete a personal API token", Tag: "tokens",
			Status: 204, handle: (*API).deleteToken},
	}
}
