package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func testNotification(kind skillkeepr.NotificationKind) (*skillkeepr.Notification, *skillkeepr.User) {
	n := &skillkeepr.Notification{ID: 77, OrgID: 42, UserID: 5, Kind: kind, ActorName: "Rui Costa",
		CreatedAt: time.Date(2026, 12, 4, 20, 30, 0, 0, time.UTC)}
	switch kind {
	case skillkeepr.NotifyMention:
		n.Title = "Rui Costa mentioned you in a comment on Jane Doe"
		n.Body = "@Lea Silva strong Go and SQL.\nCan you join the second interview?"
		n.Link = "/candidates/12#comment-9"
	case skillkeepr.NotifyJobAssigned:
		n.Title = "Hana Ito assigned you to job #1001 Go Engineer"
		n.Body = "You can now see its candidates and work with them."
		n.Link = "/jobs/3"
	}
	return n, &skillkeepr.User{ID: 5, OrgID: 42, Email: "lea@acme.test", Name: "Lea Silva"}
}

func TestNotificationEmailGolden(t *testing.T) {
	for _, kind := range []skillkeepr.NotificationKind{skillkeepr.NotifyMention, skillkeepr.NotifyJobAssigned} {
		n, to := testNotification(kind)
		m := NotificationEmail("https://hire.acme.test/")(n, to)
		if m.OrgID != 42 || len(m.To) != 1 || m.To[0] != "lea@acme.test" || m.Kind != "notification_"+string(kind) {
			t.Errorf("%s: message %+v", kind, m)
		}
		if m.Subject != n.Title {
			t.Errorf("%s: subject %q", kind, m.Subject)
		}
		golden(t, "notification_"+string(kind)+".txt.golden", "Subject: "+m.Subject+"\n\n"+m.Text)
		golden(t, "notification_"+string(kind)+".html.golden", m.HTML)
	}
}

func TestNotificationEmailContent(t *testing.T) {
	n, to := testNotification(skillkeepr.NotifyMention)
	m := NotificationEmail("https://hire.acme.test")(n, to)
	open := "https://hire.acme.test/notifications/77"
	for _, want := range []string{"Hello Lea,", "Rui Costa mentioned you in a comment on Jane Doe", open,
		"https://hire.acme.test/account/notifications", "Open the comment"} {
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("email lacks %q", want)
		}
	}
	if !strings.Contains(m.Text, "> @Lea Silva strong Go and SQL.\n> Can you join") {
		t.Errorf("text does not quote the comment:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, `href="`+open+`"`) {
		t.Error("HTML has no button opening the notification")
	}
}

func TestNotificationEmailEscapes(t *testing.T) {
	n, to := testNotification(skillkeepr.NotifyMention)
	n.Body = `<script>alert(1)</script> & "quotes"`
	to.Name = "<b>Lea</b>"
	n.Kind = "something_new"
	m := NotificationEmail("https://hire.acme.test")(n, to)
	if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<b>Lea") {
		t.Errorf("HTML contains markup from the comment or the name:\n%s", m.HTML)
	}
	if !strings.Contains(m.Text, `<script>alert(1)</script> & "quotes"`) {
		t.Error("the text part should show the comment as written")
	}
	if !strings.Contains(m.Text, "Open it in SkillKeepr") || m.Kind != "notification_something_new" {
		t.Errorf("unknown kinds get a generic button: %q", m.Kind)
	}
}
