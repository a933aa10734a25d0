package leversandbox

import (
	"net/http"
	"strings"
)

func (s *Sandbox) routes() http.Handler {
	mux := http.NewServeMux()

	// OAuth (Lever's auth host paths).
	mux.HandleFunc("GET /authorize", s.handleAuthorize)
	mux.HandleFunc("POST /authorize/signin", s.handleAuthorizeSignIn)
	mux.HandleFunc("POST /authorize/decision", s.handleAuthorizeDecision)
	mux.HandleFunc("POST /oauth/token", s.handleToken)

	// Data API v1.
	api := func(pattern, scope string, h apiHandler) {
		s.handleAPI(mux, pattern, scope, h)
		// Every /opportunities/:id sub-resource also answers under the
		// deprecated /candidates/:id paths, which old clients still use.
		if method, path, _ := strings.Cut(pattern, " "); strings.HasPrefix(path, "/v1/opportunities/{id}") {
			s.handleAPI(mux, method+" /v1/candidates/{id}"+strings.TrimPrefix(path, "/v1/opportunities/{id}"), scope, h)
		}
	}
	api("GET /v1/users", "users:read:admin", s.listUsers)
	api("GET /v1/users/{id}", "users:read:admin", s.getUser)
	api("GET /v1/stages", "stages:read:admin", s.listStages)
	api("GET /v1/stages/{id}", "stages:read:admin", s.getStage)
	api("GET /v1/archive_reasons", "archive_reasons:read:admin", s.listArchiveReasons)
	api("GET /v1/archive_reasons/{id}", "archive_reasons:read:admin", s.getArchiveReason)
	api("GET /v1/tags", "tags:read:admin", s.listCounted(func() map[string]int { return s.tagCount }))
	api("GET /v1/sources", "sources:read:admin", s.listCounted(func() map[string]int { return s.srcCount }))
	api("GET /v1/disposition_stages", "stages:read:admin", s.listDispositionStages)
	api("GET /v1/contacts/{id}", "contact:read:admin", s.getContact)
	api("GET /v1/postings", "postings:read:admin", s.listPostings)
	api("GET /v1/postings/{id}", "postings:read:admin", s.getPosting)

	api("GET /v1/opportunities", "opportunities:read:admin", s.listOpportunities)
	api("POST /v1/opportunities", "opportunities:write:admin", s.createOpportunity)
	api("GET /v1/opportunities/deleted", "opportunities:read:admin", s.listDeletedOpportunities)
	api("GET /v1/opportunities/{id}", "opportunities:read:admin", s.getOpportunity)
	api("PUT /v1/opportunities/{id}/stage", "opportunities:write:admin", s.putStage)
	api("PUT /v1/opportunities/{id}/archived", "opportunities:write:admin", s.putArchived)
	api("POST /v1/opportunities/{id}/addTags", "opportunities:write:admin", s.changeTags(true))
	api("POST /v1/opportunities/{id}/removeTags", "opportunities:write:admin", s.changeTags(false))
	api("GET /v1/opportunities/{id}/applications", "applications:read:admin", s.listApplications)
	api("GET /v1/opportunities/{id}/applications/{app}", "applications:read:admin", s.getApplication)

	api("GET /v1/opportunities/{id}/resumes", "resumes:read:admin", s.listResumes)
	api("GET /v1/opportunities/{id}/resumes/{resume}", "resumes:read:admin", s.getResume)
	api("GET /v1/opportunities/{id}/resumes/{resume}/download", "resumes:read:admin", s.downloadResume)
	api("GET /v1/opportunities/{id}/files", "files:read:admin", s.listFiles)
	api("GET /v1/opportunities/{id}/files/{file}", "files:read:admin", s.getFile)
	api("GET /v1/opportunities/{id}/files/{file}/download", "files:read:admin", s.downloadFile)

	api("GET /v1/opportunities/{id}/notes", "notes:read:admin", s.listNotes)
	api("GET /v1/opportunities/{id}/notes/{note}", "notes:read:admin", s.getNote)
	api("POST /v1/opportunities/{id}/notes", "notes:write:admin", s.createNote)
	api("DELETE /v1/opportunities/{id}/notes/{note}", "notes:write:admin", s.deleteNote)

	api("GET /v1/feedback_templates", "feedback_templates:read:admin", s.listTemplates)
	api("GET /v1/feedback_templates/{id}", "feedback_templates:read:admin", s.getTemplate)
	api("POST /v1/feedback_templates", "feedback_templates:write:admin", s.createTemplate)
	api("PUT /v1/feedback_templates/{id}", "feedback_templates:write:admin", s.replaceTemplate)
	api("DELETE /v1/feedback_templates/{id}", "feedback_templates:write:admin", s.deleteTemplate)
	api("PUT /v1/opportunities/{id}/notes/{note}", "notes:write:admin", s.replaceNote)
	api("GET /v1/opportunities/{id}/feedback", "feedback:read:admin", s.listFeedback)
	api("GET /v1/opportunities/{id}/feedback/{fb}", "feedback:read:admin", s.getFeedback)
	api("POST /v1/opportunities/{id}/feedback", "feedback:write:admin", s.createFeedback)
	api("PUT /v1/opportunities/{id}/feedback/{fb}", "feedback:write:admin", s.updateFeedback)
	api("DELETE /v1/opportunities/{id}/feedback/{fb}", "feedback:write:admin", s.deleteFeedback)

	api("GET /v1/opportunities/{id}/panels", "panels:read:admin", s.listPanels)
	api("GET /v1/opportunities/{id}/panels/{panel}", "panels:read:admin", s.getPanel)
	api("POST /v1/opportunities/{id}/panels", "panels:write:admin", s.createPanel)
	api("DELETE /v1/opportunities/{id}/panels/{panel}", "panels:write:admin", s.deletePanel)
	api("GET /v1/opportunities/{id}/interviews", "interviews:read:admin", s.listInterviews)
	api("GET /v1/opportunities/{id}/interviews/{interview}", "interviews:read:admin", s.getInterview)

	api("GET /v1/webhooks", "webhooks:read:admin", s.listWebhooks)
	api("POST /v1/webhooks", "webhooks:write:admin", s.createWebhook)
	api("PUT /v1/webhooks", "webhooks:write:admin", s.updateWebhooks)
	api("DELETE /v1/webhooks/{id}", "webhooks:write:admin", s.deleteWebhook)

	// Unknown /v1 routes answer like Lever: 404 in the {code, message} shape.
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, codeNotFound, "Route "+r.Method+" "+r.URL.Path+" was not found")
	})

	// Mini UI.
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/postings", http.StatusFound)
	})
	mux.HandleFunc("GET /signin", s.uiSignIn)
	mux.HandleFunc("POST /signin", s.uiSignIn)
	mux.HandleFunc("GET /postings", s.requireUI(s.uiPostings))
	mux.HandleFunc("GET /postings/{id}", s.requireUI(s.uiPosting))
	mux.HandleFunc("GET /candidates", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/postings", http.StatusFound)
	})
	mux.HandleFunc("GET /candidates/{id}", s.requireUI(s.uiCandidate))
	mux.HandleFunc("GET /candidates/{id}/resumes/{resume}/download", s.requireUI(s.uiDownload))
	mux.HandleFunc("GET /candidates/{id}/files/{file}/download", s.requireUI(s.uiDownload))
	mux.HandleFunc("GET /settings/integrations", s.requireUI(s.uiIntegrations))
	mux.HandleFunc("POST /settings/integrations/authorized-apps/revoke", s.requireUI(s.uiRevoke))

	s.adminRoutes(mux)
	return mux
}
