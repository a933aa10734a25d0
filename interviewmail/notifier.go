package interviewmail

import (
	"context"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Notifier renders and queues the scheduling emails; it implements
// queue.InterviewNotifier.
type Notifier struct {
	Store skillkeepr.InterviewNotices
	Links *Links
	// From is the sender address of the instance ("Name <addr>"), used as
	// the invite's ORGANIZER; may be empty.
	From string
	Now  func() time.Time // default time.Now
}

func (n *Notifier) now() time.Time {
	if n.Now != nil {
		return n.Now().UTC()
	}
	return time.Now().UTC()
}

// candidateKind is the candidate's email of each notice.
var candidateKind = map[string]string{
	skillkeepr.NoticeBooked:      skillkeepr.EmailInterviewConfirmed,
	skillkeepr.NoticeRescheduled: skillkeepr.EmailInterviewRescheduled,
	skillkeepr.NoticeCanceled:    skillkeepr.EmailInterviewCanceled,
	skillkeepr.NoticeReminder:    skillkeepr.EmailInterviewReminder,
}

// changeWord is how the interviewer notification names a notice.
var changeWord = map[string]string{
	skillkeepr.NoticeBooked:      "booked",
	skillkeepr.NoticeRescheduled: "rescheduled",
	skillkeepr.NoticeCanceled:    "canceled",
}

// Stale reports whether a notice task no longer applies to iv: a reminder
// of an earlier SEQUENCE or of an interview not scheduled any more, or a
// booking or reschedule notice overtaken by a later change (whose own
// notice carries the news).
func Stale(t skillkeepr.InterviewNoticeTask, iv *skillkeepr.Interview) bool {
	switch t.Notice {
	case skillkeepr.NoticeCanceled:
		return iv.Status != skillkeepr.InterviewCanceled
	case skillkeepr.NoticeReminder:
		return iv.Sequence != t.Sequence || iv.Status != skillkeepr.InterviewScheduled
	}
	return iv.Sequence != t.Sequence
}

// Messages renders the emails of notice about iv: one to the candidate and
// one to each interviewer, with the invite attached except for reminders.
// zones, when it has one, gives an interviewer's own time zone for the
// times in their email; the candidate's are in the interview's zone.
func (n *Notifier) Messages(iv *skillkeepr.Interview, orgName, notice string, tpls map[string]skillkeepr.EmailTemplate, zones map[int64]string) ([]skillkeepr.EmailMessage, error) {
	when, zone := When(iv.StartsAt, iv.EndsAt, iv.Timezone)
	names := make([]string, len(iv.Interviewers))
	for i, p := range iv.Interviewers {
		names[i] = p.Name
	}
	base := Data{OrgName: orgName, CandidateName: iv.CandidateName, JobTitle: iv.JobTitle, InterviewTitle: iv.Title,
		When: when, Timezone: zone, Duration: Duration(iv.Duration()), Interviewers: strings.Join(names, ", "),
		JoinURL: n.Links.JoinURL(iv), Reason: iv.CancelReason}
	var attach []skillkeepr.EmailAttachment
	if notice != skillkeepr.NoticeReminder {
		from := n.From
		if from == "" {
			from = n.Links.From
		}
		ics, err := Invite(iv, orgName, Organizer(from, orgName, n.Links.BaseURL()), n.Links, n.now())
		if err != nil {
			return nil, err
		}
		attach = []skillkeepr.EmailAttachment{InviteAttachment(ics, iv.Status == skillkeepr.InterviewCanceled)}
	}
	var out []skillkeepr.EmailMessage
	render := func(kind string, to string, d Data) error {
		s, text, html, err := renderOrDefault(tpls, kind, d)
		if err != nil {
			return err
		}
		out = append(out, skillkeepr.EmailMessage{OrgID: iv.OrgID, To: []string{to}, Subject: s, Text: text, HTML: html,
			Kind: kind, Attachments: attach})
		return nil
	}
	if iv.CandidateEmail != "" {
		d := base
		d.RecipientName = iv.CandidateName
		if notice != skillkeepr.NoticeCanceled {
			d.ManageURL = n.Links.ManageURL(iv)
		}
		if err := render(candidateKind[notice], iv.CandidateEmail, d); err != nil {
			return nil, err
		}
	}
	for _, p := range iv.Interviewers {
		d := base
		d.RecipientName = p.Name
		if tz := zones[p.UserID]; tz != "" {
			d.When, d.Timezone = When(iv.StartsAt, iv.EndsAt, tz)
		}
		kind := skillkeepr.EmailInterviewerNotice
		d.Change = changeWord[notice]
		if notice == skillkeepr.NoticeReminder {
			kind = skillkeepr.EmailInterviewReminder
		}
		if err := render(kind, p.Email, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// InterviewNotice implements queue.InterviewNotifier.
func (n *Notifier) InterviewNotice(ctx context.Context, t skillkeepr.InterviewNoticeTask) error {
	iv, orgName, err := n.Store.InterviewForNotice(ctx, t.OrgID, t.InterviewID)
	if err != nil {
		return err
	}
	if Stale(t, iv) {
		return nil
	}
	tpls, err := n.Store.EmailTemplatesOf(ctx, t.OrgID, Defaults())
	if err != nil {
		return err
	}
	zones, err := n.Store.InterviewerZones(ctx, t.OrgID, iv.InterviewerIDs())
	if err != nil {
		return err
	}
	msgs, err := n.Messages(iv, orgName, t.Notice, tpls, zones)
	if err != nil {
		return err
	}
	return n.Store.QueueLoggedEmails(ctx, t.OrgID, iv.CandidateID, iv.ApplicationID, iv.ID, msgs)
}

// InvitationMessage renders the invitation to pick a time.
func (n *Notifier) InvitationMessage(l *skillkeepr.SchedulingLink, tpl skillkeepr.EmailTemplate) (skillkeepr.EmailMessage, error) {
	d := Data{OrgName: l.OrgName, CandidateName: l.CandidateName, RecipientName: l.CandidateName, JobTitle: l.JobTitle,
		InterviewTitle: l.Plan.Name, Duration: Duration(l.Plan.Duration()), ScheduleURL: n.Links.ScheduleURL(l),
		Expires: l.ExpiresAt.UTC().Format("Monday 2 January 2006, 15:04 UTC")}
	s, text, html, err := renderOrDefault(map[string]skillkeepr.EmailTemplate{skillkeepr.EmailScheduleInvitation: tpl}, skillkeepr.EmailScheduleInvitation, d)
	if err != nil {
		return skillkeepr.EmailMessage{}, err
	}
	return skillkeepr.EmailMessage{OrgID: l.OrgID, To: []string{l.CandidateEmail}, Subject: s, Text: text, HTML: html,
		Kind: skillkeepr.EmailScheduleInvitation}, nil
}

// ScheduleInvitation implements queue.InterviewNotifier.
func (n *Notifier) ScheduleInvitation(ctx context.Context, t skillkeepr.ScheduleInvitationTask) error {
	l, err := n.Store.SchedulingLinkForNotice(ctx, t.OrgID, t.LinkID)
	if err != nil {
		return err
	}
	if !l.Usable(n.now()) {
		return nil
	}
	tpls, err := n.Store.EmailTemplatesOf(ctx, t.OrgID, Defaults())
	if err != nil {
		return err
	}
	m, err := n.InvitationMessage(l, tpls[skillkeepr.EmailScheduleInvitation])
	if err != nil {
		return err
	}
	return n.Store.QueueLoggedEmails(ctx, t.OrgID, l.CandidateID, l.ApplicationID, 0, []skillkeepr.EmailMessage{m})
}

// renderOrDefault renders the organisation's template of kind, falling
// back to the shipped one when the organisation's cannot render (Settings
// checks templates on save, but a mistake must not stop the email).
func renderOrDefault(tpls map[string]skillkeepr.EmailTemplate, kind string, d Data) (string, string, string, error) {
	t, ok := tpls[kind]
	if ok {
		s, text, html, err := Render(t, d)
		if err == nil || !t.Custom {
			return s, text, html, err
		}
	}
	return Render(Defaults()[kind], d)
}
