package interviewmail

import (
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/secret"
)

// Links builds and verifies the candidate's links and the join link.
type Links struct {
	// From is the instance's sender address ("Name <addr>"); invites name
	// it as ORGANIZER, so that the emailed and the downloaded .ics agree.
	From     string
	base     string
	schedule *secret.Signer
	manage   *secret.Signer
}

// ManageGrace is how long after an interview ends its reschedule and
// cancel link still opens (to show what happened).
const ManageGrace = 24 * time.Hour

// NewLinks returns the links of the instance at baseURL, signed with key
// (the instance key).
func NewLinks(baseURL string, key []byte) *Links {
	return &Links{base: strings.TrimRight(baseURL, "/"),
		schedule: secret.NewSigner(key, "self-scheduling link"),
		manage:   secret.NewSigner(key, "interview manage link")}
}

// BaseURL returns the instance's address.
func (l *Links) BaseURL() string { return l.base }

// SchedulePath is the path of the page a scheduling link opens.
func (l *Links) SchedulePath(link *skillkeepr.SchedulingLink) string {
	return "/schedule/" + l.schedule.Sign(link.ID, link.ExpiresAt)
}

// ScheduleURL is the self-scheduling link of link.
func (l *Links) ScheduleURL(link *skillkeepr.SchedulingLink) string {
	return l.base + l.SchedulePath(link)
}

// ManagePath is the candidate's reschedule and cancel page of iv.
func (l *Links) ManagePath(iv *skillkeepr.Interview) string {
	return "/schedule/manage/" + l.manage.Sign(iv.ID, iv.EndsAt.Add(ManageGrace))
}

// ManageURL is the candidate's reschedule and cancel link of iv.
func (l *Links) ManageURL(iv *skillkeepr.Interview) string { return l.base + l.ManagePath(iv) }

// JoinURL is where everyone joins iv (its room page).
func (l *Links) JoinURL(iv *skillkeepr.Interview) string {
	return l.base + "/interviews/" + strconv.FormatInt(iv.ID, 10) + "/room"
}

// VerifySchedule returns the link id of a scheduling token.
func (l *Links) VerifySchedule(token string, now time.Time) (int64, error) {
	return l.schedule.Verify(token, now)
}

// VerifyManage returns the interview id of a manage token.
func (l *Links) VerifyManage(token string, now time.Time) (int64, error) {
	return l.manage.Verify(token, now)
}
