package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// handlerFunc is a page handler; a returned error is rendered by
// renderError.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

type access int

const (
	public   access = iota // no sign-in needed (the session is still loaded)
	signedIn               // redirects to the sign-in page
	ownCSRF                // signed in; the handler checks the CSRF token itself (multipart)
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, a access, fn handlerFunc) {
		mux.Handle(pattern, s.wrap(a, fn))
	}

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		infoFrom(r.Context()).Pattern = r.Pattern
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		infoFrom(r.Context()).Pattern = r.Pattern
		s.metrics.handler.ServeHTTP(w, r)
	})
	static := http.StripPrefix("/static/", http.FileServerFS(s.staticFS))
	mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		infoFrom(r.Context()).Pattern = r.Pattern
		w.Header().Set("Cache-Control", "public, max-age=3600")
		static.ServeHTTP(w, r)
	})
	mux.HandleFunc("/api/v1/", s.apiHandler)
	mux.HandleFunc("POST /hooks/lever/{token}", s.leverWebhook)

	handle("GET /login", public, s.loginPage)
	handle("POST /login", public, s.login)
	handle("POST /logout", signedIn, s.logout)
	handle("GET /account/password", signedIn, s.passwordPage)
	handle("POST /account/password", signedIn, s.changePassword)
	handle("GET /account/tokens", signedIn, s.tokensPage)
	handle("POST /account/tokens", signedIn, s.createToken)
	handle("POST /account/tokens/{id}/delete", signedIn, s.deleteToken)

	handle("GET /{$}", signedIn, s.dashboard)
	handle("GET /jobs", signedIn, s.jobsPage)
	handle("GET /jobs/new", signedIn, s.newJobPage)
	handle("GET /jobs/lever", signedIn, s.leverJobsPage)
	handle("GET /jobs/lever/{posting}/import", signedIn, s.leverImportPage)
	handle("POST /jobs/lever/{posting}/import", signedIn, s.leverImport)
	handle("POST /jobs/new", signedIn, s.createJob)
	handle("GET /jobs/{id}", signedIn, s.jobPage)
	handle("GET /jobs/{id}/edit", signedIn, s.editJobPage)
	handle("POST /jobs/{id}/edit", signedIn, s.updateJob)
	handle("GET /jobs/{id}/lever-stages", signedIn, s.leverStagesPage)
	handle("POST /jobs/{id}/lever-stages", signedIn, s.setLeverStages)
	handle("POST /jobs/{id}/lever-imports", signedIn, s.startLeverImport)
	handle("GET /lever-imports/{id}", signedIn, s.leverImportLogPage)
	handle("POST /lever-imports/{id}/retry", signedIn, s.retryLeverImport)
	// Push to Lever: the Change Job Stage dialog, Done and Retry.
	handle("GET /applications/{id}/push", signedIn, s.leverPushPage)
	handle("POST /applications/{id}/push", signedIn, s.leverPush)
	handle("GET /jobs/{id}/assign", signedIn, s.assignPage)
	handle("POST /jobs/{id}/assign", signedIn, s.assignJob)
	handle("GET /jobs/{id}/candidates/new", signedIn, s.newCandidatePage)
	handle("POST /jobs/{id}/candidates/new", ownCSRF, s.createCandidate)

	// Shortlisting.
	handle("GET /jobs/{id}/shortlist", signedIn, s.shortlistPage)
	handle("POST /jobs/{id}/shortlist", signedIn, s.shortlistAction)
	handle("GET /jobs/{id}/criteria", signedIn, s.criteriaPage)
	handle("POST /jobs/{id}/criteria", signedIn, s.updateCriteria)
	handle("POST /jobs/{id}/blind-review", signedIn, s.setJobBlindReview)
	handle("GET /applications/{id}/not-fit", signedIn, s.applicationActionPage("not_fit"))
	handle("POST /applications/{id}/not-fit", signedIn, s.markNotFit)
	handle("POST /candidates/{id}/work-locations", signedIn, s.setWorkLocations)
	handle("POST /applications/{id}/not-fit/undo", signedIn, s.clearNotFit)
	handle("GET /applications/{id}/unmask", signedIn, s.applicationActionPage("unmask"))
	handle("POST /applications/{id}/unmask", signedIn, s.unmaskApplication)

	handle("GET /candidates", signedIn, s.candidatesPage)
	handle("GET /candidates/{id}", signedIn, s.candidatePage)
	handle("POST /applications/{id}/status", signedIn, s.setApplicationStatus)
	handle("GET /resumes/{id}", signedIn, s.downloadResume)

	handle("GET /jobs/{id}/fairness", signedIn, s.fairnessPage)
	handle("POST /candidates/{id}/self-identification", signedIn, s.setSelfIdentification)
	handle("POST /applications/{id}/assist", signedIn, s.requestAssist)
	handle("GET /settings/self-identification", signedIn, s.selfIDOptionsPage)
	handle("POST /settings/self-identification/{question}", signedIn, s.setSelfIDOptions)

	handle("GET /interviews", signedIn, s.interviewsPage)
	// Scheduling (issue #6).
	handle("GET /interviews/{id}", signedIn, s.interviewPage)
	handle("GET /interviews/{id}/room", signedIn, s.interviewRoom)
	handle("GET /interviews/{id}/invite.ics", signedIn, s.interviewICS)
	handle("POST /interviews/{id}/reschedule", signedIn, s.rescheduleInterview)
	handle("POST /interviews/{id}/cancel", signedIn, s.cancelInterview)
	handle("POST /interviews/{id}/complete", signedIn, s.markInterview(skillkeepr.InterviewCompleted))
	handle("POST /interviews/{id}/noshow", signedIn, s.markInterview(skillkeepr.InterviewNoShow))
	handle("GET /account/availability", signedIn, s.availabilityPage)
	handle("POST /account/availability", signedIn, s.saveAvailability)
	handle("GET /jobs/{id}/interview-plans", signedIn, s.plansPage)
	handle("POST /jobs/{id}/interview-plans", signedIn, s.savePlan)
	handle("POST /jobs/{id}/interview-plans/delete", signedIn, s.deletePlan)
	handle("GET /applications/{id}/schedule", signedIn, s.bookPage)
	handle("POST /applications/{id}/interviews", signedIn, s.bookInterview)
	handle("POST /applications/{id}/scheduling-links", signedIn, s.sendSchedulingLink)
	handle("GET /settings/emails", signedIn, s.emailTemplatesPage)
	handle("GET /settings/emails/{kind}", signedIn, s.emailTemplatePage)
	handle("POST /settings/emails/{kind}", signedIn, s.saveEmailTemplate)
	handle("GET /schedule/{token}", public, s.limited(s.selfSchedulePage))
	handle("POST /schedule/{token}", public, s.limited(s.selfSchedule))
	handle("GET /schedule/manage/{token}", public, s.limited(s.selfManagePage))
	handle("POST /schedule/manage/{token}/reschedule", public, s.limited(s.selfReschedule))
	handle("POST /schedule/manage/{token}/cancel", public, s.limited(s.selfCancel))
	// Rating cards (issue #7).
	handle("GET /jobs/{id}/rating-card", signedIn, s.ratingCardsPage)
	handle("POST /jobs/{id}/rating-card", signedIn, s.createRatingCard)
	handle("POST /jobs/{id}/rating-card/plans", signedIn, s.setPlanRatingCard)
	handle("GET /rating-cards/{id}", signedIn, s.ratingCardPage)
	handle("POST /rating-cards/{id}", signedIn, s.updateRatingCard)
	handle("GET /interviews/{id}/card", signedIn, s.interviewCardPage)
	handle("POST /interviews/{id}/card", signedIn, s.submitInterviewCard)
	handle("GET /cards", signedIn, s.myCardsPage)
	handle("GET /jobs/{id}/interview-shortlist", signedIn, s.interviewShortlistPage)
	handle("POST /jobs/{id}/interview-shortlist/decision", signedIn, s.decideFromShortlist)
	handle("GET /applications/{id}/recruiter-assist", signedIn, s.recruiterAssistPage)
	handle("GET /integrations", signedIn, s.integrationsPage)
	handle("GET /integrations/lever/connect", signedIn, s.leverConnectPage)
	handle("POST /integrations/lever/connect", signedIn, s.leverConnect)
	handle("GET /integrations/lever/callback", signedIn, s.leverCallback)
	handle("GET /integrations/lever/api-key", signedIn, s.leverAPIKeyPage)
	handle("POST /integrations/lever/api-key", signedIn, s.leverAPIKey)
	handle("GET /integrations/lever/disconnect", signedIn, s.leverDisconnectPage)
	handle("POST /integrations/lever/disconnect", signedIn, s.leverDisconnect)
	handle("POST /integrations/lever/updates", signedIn, s.leverRegisterUpdates)

	handle("GET /users", signedIn, s.usersPage)
	handle("POST /users/invitations", signedIn, s.inviteUser)
	handle("POST /users/invitations/{id}/revoke", signedIn, s.revokeInvitation)
	handle("POST /users/{id}/role", signedIn, s.changeRole)
	handle("GET /users/{id}/departments", signedIn, s.userDepartmentsPage)
	handle("POST /users/{id}/departments", signedIn, s.setUserDepartments)
	handle("GET /users/{id}/deactivate", signedIn, s.confirmActivePage(false))
	handle("POST /users/{id}/deactivate", signedIn, s.setActive(false))
	handle("GET /users/{id}/reactivate", signedIn, s.confirmActivePage(true))
	handle("POST /users/{id}/reactivate", signedIn, s.setActive(true))

	handle("GET /invitations/{token}", public, s.invitationPage)
	handle("POST /invitations/{token}", public, s.acceptInvitation)

	handle("GET /departments", signedIn, s.departmentsPage)
	handle("POST /departments", signedIn, s.createDepartment)
	handle("POST /departments/{id}/rename", signedIn, s.renameDepartment)
	handle("GET /departments/{id}/delete", signedIn, s.confirmDeleteDepartment)
	handle("POST /departments/{id}/delete", signedIn, s.deleteDepartment)

	handle("GET /settings", signedIn, s.settingsPage)
	handle("POST /settings", signedIn, s.updateSettings)
	handle("POST /settings/lever", signedIn, s.updateLeverSettings)
	handle("GET /audit", signedIn, s.auditPage)

	// Collaboration: comments on candidates and notifications.
	handle("POST /candidates/{id}/comments", signedIn, s.createComment)
	handle("GET /comments/{id}/edit", signedIn, s.editCommentPage)
	handle("POST /comments/{id}/edit", signedIn, s.updateComment)
	handle("POST /comments/{id}/delete", signedIn, s.deleteComment)
	handle("GET /notifications", signedIn, s.notificationsPage)
	handle("GET /notifications/{id}", signedIn, s.openNotification)
	handle("POST /notifications/read-all", signedIn, s.readAllNotifications)
	handle("GET /account/notifications", signedIn, s.notificationSettingsPage)
	handle("POST /account/notifications", signedIn, s.updateNotificationSettings)

	handle("GET /dev/mailbox", signedIn, s.mailboxPage)
	handle("GET /dev/mailbox/{id}", signedIn, s.mailPage)

	handle("/", public, func(w http.ResponseWriter, r *http.Request) error {
		return skillkeepr.NotFound("Page")
	})
	return mux
}

// wrap loads the session, enforces sign-in and the CSRF token, calls fn
// and renders its error.
func (s *Server) wrap(a access, fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		infoFrom(r.Context()).Pattern = r.Pattern
		r, err := s.authenticate(w, r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		sess := sessionFrom(r.Context())
		if a != public && sess == nil {
			s.renderError(w, r, &skillkeepr.Error{Code: skillkeepr.EUNAUTHORIZED, Message: "Please sign in."})
			return
		}
		if a != ownCSRF && sess != nil && unsafeMethod(r.Method) {
			if err := r.ParseForm(); err != nil {
				s.renderError(w, r, err)
				return
			}
			if !csrfOK(sess, r.PostFormValue("csrf_token")) {
				s.renderError(w, r, errCSRF)
				return
			}
		}
		if err := fn(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	infoFrom(r.Context()).Pattern = r.Pattern
	ctx, cancel := contextTimeout(r, 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.svc.Health.Ready(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "reason": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}
