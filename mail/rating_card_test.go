package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func testRatingCardNotice(reminder int) skillkeepr.RatingCardNotice {
	return skillkeepr.RatingCardNotice{OrgID: 42, To: "lea@example.com", InterviewerName: "Lea Lead", CandidateName: "Carla <Candidate>",
		JobTitle: "Backend engineer", InterviewTitle: "Technical interview", Timezone: "Europe/Berlin", InterviewID: 17,
		InterviewEndsAt: time.Date(2026, 12, 4, 15, 45, 0, 0, time.UTC), Reminder: reminder}
}

func TestRatingCardEmailGolden(t *testing.T) {
	for _, tt := range []struct {
		name     string
		reminder int
	}{{"rating_card", 0}, {"rating_card_reminder", 1}} {
		m := RatingCardEmail("https://hire.acme.test/")(testRatingCardNotice(tt.reminder))
		if m.OrgID != 42 || len(m.To) != 1 || m.To[0] != "lea@example.com" || m.Kind != KindRatingCard {
			t.Errorf("message %+v", m)
		}
		golden(t, tt.name+".txt.golden", "Subject: "+m.Subject+"\n\n"+m.Text)
		golden(t, tt.name+".html.golden", m.HTML)
	}
}

func TestRatingCardEmailContent(t *testing.T) {
	m := RatingCardEmail("https://hire.acme.test")(testRatingCardNotice(0))
	for _, want := range []string{"https://hire.acme.test/interviews/17/card", "Friday 4 December 2026 at 16:45 CET", "Carla <Candidate>"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if !strings.Contains(m.HTML, "Carla &lt;Candidate&gt;") || strings.Contains(m.HTML, "<Candidate>") {
		t.Error("the HTML does not escape the candidate's name")
	}
	if r := RatingCardEmail("https://hire.acme.test")(testRatingCardNotice(2)); !strings.HasPrefix(r.Subject, "Reminder:") {
		t.Errorf("reminder subject %q", r.Subject)
	}
}
