package interviewmail

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

var testKey = bytes.Repeat([]byte{3}, 32)

// testInterview is a 45-minute interview in Berlin the day after clocks
// went forward (28 March 2027), so the VTIMEZONE carries both observances.
func testInterview() *skillkeepr.Interview {
	start := time.Date(2027, 3, 29, 12, 0, 0, 0, time.UTC) // 14:00 CEST
	return &skillkeepr.Interview{
		ID: 42, OrgID: 7, JobID: 3, JobTitle: "Backend engineer", ApplicationID: 5, CandidateID: 6,
		CandidateName: "Zoë Adams", CandidateEmail: "zoe@example.com", Title: "45-minute video interview",
		StartsAt: start, EndsAt: start.Add(45 * time.Minute), Timezone: "Europe/Berlin",
		Status: skillkeepr.InterviewScheduled, Sequence: 0, UID: "3f2a9c@skillkeepr",
		Interviewers: []skillkeepr.InterviewParticipant{{UserID: 1, Name: "Lea Lead", Email: "lea@acme.test"}, {UserID: 2, Name: "Hana Hiring", Email: "hana@acme.test"}},
		CreatedAt:    time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC),
	}
}

func testNotifier(store skillkeepr.InterviewNotices) *Notifier {
	return &Notifier{Store: store, Links: NewLinks("https://hire.acme.test/", testKey), From: "Acme Hiring <hiring@acme.test>",
		Now: func() time.Time { return time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC) }}
}

// fakeNotices is an in-memory InterviewNotices.
type fakeNotices struct {
	mu     sync.Mutex
	iv     *skillkeepr.Interview
	link   *skillkeepr.SchedulingLink
	custom map[string]skillkeepr.EmailTemplate
	queued []skillkeepr.EmailMessage
}

func (f *fakeNotices) InterviewForNotice(ctx context.Context, orgID, id int64) (*skillkeepr.Interview, string, error) {
	if f.iv == nil || f.iv.ID != id || f.iv.OrgID != orgID {
		return nil, "", skillkeepr.NotFound("Interview")
	}
	c := *f.iv
	return &c, "Acme", nil
}

func (f *fakeNotices) SchedulingLinkForNotice(ctx context.Context, orgID, id int64) (*skillkeepr.SchedulingLink, error) {
	if f.link == nil || f.link.ID != id {
		return nil, skillkeepr.NotFound("Scheduling link")
	}
	return f.link, nil
}

func (f *fakeNotices) EmailTemplatesOf(ctx context.Context, orgID int64, defaults map[string]skillkeepr.EmailTemplate) (map[string]skillkeepr.EmailTemplate, error) {
	out := map[string]skillkeepr.EmailTemplate{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range f.custom {
		v.Custom = true
		out[k] = v
	}
	return out, nil
}

func (f *fakeNotices) QueueLoggedEmails(ctx context.Context, orgID, candidateID, applicationID, interviewID int64, msgs []skillkeepr.EmailMessage) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queued = append(f.queued, msgs...)
	return nil
}

func (f *fakeNotices) InterviewerZones(ctx context.Context, orgID int64, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range ids {
		out[id] = "America/New_York"
	}
	return out, nil
}

func (f *fakeNotices) SetEmailDelivery(ctx context.Context, logID int64, state, errMsg string) error {
	return nil
}

func decodeBase64(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(b)), ""))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
