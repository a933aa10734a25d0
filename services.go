package skillkeepr

import "context"

// Services bundles every service the web UI and the JSON API use.
type Services struct {
	Organizations OrganizationService
	Users         UserService
	Departments   DepartmentService
	Jobs          JobService
	Candidates    CandidateService
	Applications  ApplicationService
	Invitations   InvitationService
	Sessions      SessionService
	Audit         AuditService
	Mailbox       MailboxService
	Health        HealthChecker
	// Collaboration: comments on candidates and notifications.
	Comments      CommentService
	Notifications NotificationService

	// Fairness report and self-identification; the language-model assist.
	Fairness FairnessService
	Assist   AssistService
	// Shortlisting: criteria, scores, blind review.
	Shortlist ShortlistService
	// Scheduling (issue #6).
	Interviews   InterviewService
	Availability AvailabilityService
	Scheduling   SchedulingService
	// Rating cards (issue #7).
	RatingCards RatingCardService
}

// HealthChecker answers readiness probes.
type HealthChecker interface {
	// Ready returns nil when the database answers and its migrations are
	// current.
	Ready(ctx context.Context) error
}
