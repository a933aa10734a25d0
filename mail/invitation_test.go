package mail

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func testInvitation() *skillkeepr.Invitation {
	return &skillkeepr.Invitation{
		ID: 3, OrgID: 42, OrgName: "Acme Corp", Email: "zoe@example.com",
		Role: skillkeepr.RoleRecruiter, InvitedByID: 1, InvitedByName: "Ada Lovelace",
		ExpiresAt: time.Date(2026, 12, 11, 20, 30, 0, 0, time.FixedZone("CET", 3600)),
		CreatedAt: time.Date(2026, 12, 4, 20, 30, 0, 0, time.UTC),
	}
}

func TestInvitationEmailGolden(t *testing.T) {
	m := InvitationEmail("https://hire.acme.test/", "Fallback Inc")(testInvitation(), "tok3n_AbC-xyz")
	if m.OrgID != 42 || len(m.To) != 1 || m.To[0] != "zoe@example.com" || m.Kind != KindInvitation {
		t.Errorf("message %+v", m)
	}
	golden(t, "invitation.txt.golden", "Subject: "+m.Subject+"\n\n"+m.Text)
	golden(t, "invitation.html.golden", m.HTML)
}

func TestInvitationEmailContent(t *testing.T) {
	inv := testInvitation()
	m := InvitationEmail("https://hire.acme.test", "")(inv, "tok3n_AbC-xyz")
	link := "https://hire.acme.test/invitations/tok3n_AbC-xyz"
	for _, want := range []string{"Ada Lovelace", "Acme Corp", "Recruiter", link, "Friday 11 December 2026 at 19:30 UTC"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q", want)
		}
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if !strings.Contains(m.HTML, `href="`+link+`"`) {
		t.Error("HTML has no accept button linking to the invitation")
	}
	if m.Subject != "Ada Lovelace invited you to join Acme Corp on SkillKeepr" {
		t.Errorf("subject %q", m.Subject)
	}
}

func TestInvitationEmailEscapes(t *testing.T) {
	inv := testInvitation()
	inv.InvitedByName = `Eve <script>alert(1)</script>`
	inv.OrgName = "Smith & Sons"
	m := InvitationEmail("https://hire.acme.test", "")(inv, "a/b?c")
	if strings.Contains(m.HTML, "<script>") {
		t.Error("HTML contains the inviter's markup unescaped")
	}
	if !strings.Contains(m.HTML, "Smith &amp; Sons") {
		t.Error("HTML does not escape the company name")
	}
	if !strings.Contains(m.Text, "Eve <script>alert(1)</script>") || !strings.Contains(m.Text, "Smith & Sons") {
		t.Error("the text part should show names as they are")
	}
	if !strings.Contains(m.Text, "/invitations/a%2Fb%3Fc\n") {
		t.Errorf("token not escaped in the link:\n%s", m.Text)
	}
}

func TestInvitationEmailWithoutInviterOrOrgName(t *testing.T) {
	inv := testInvitation()
	inv.InvitedByName = ""
	inv.OrgName = ""
	inv.Role = skillkeepr.RoleCollaborator
	m := InvitationEmail("https://hire.acme.test", "Acme Corp")(inv, "t")
	if m.Subject != "You are invited to join Acme Corp on SkillKeepr" {
		t.Errorf("subject %q", m.Subject)
	}
	for _, want := range []string{"You have been invited to join Acme Corp", "as a Collaborator", "the person who invited you"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
}

// Every role reads well in the invitation.
func TestInvitationEmailEveryRole(t *testing.T) {
	for _, role := range skillkeepr.Roles {
		inv := testInvitation()
		inv.Role = role
		m := InvitationEmail("https://x.test", "")(inv, "t")
		if !strings.Contains(m.Text, "as a "+role.Label()+": you will be able to "+roleDuties[role]+".") {
			t.Errorf("%s: text lacks the role sentence:\n%s", role, m.Text)
		}
	}
}

// The invitation survives the trip through a real SMTP server: its link
// is intact after quoted-printable encoding.
func TestInvitationEmailThroughSMTP(t *testing.T) {
	ts := startServer(t, nil, false)
	token := strings.Repeat("LongToken_", 8)
	m := InvitationEmail("https://hire.acme.test", "")(testInvitation(), token)
	if err := NewSMTP(ts.config()).Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	text, html := parseParts(t, ts.messages()[0].data)
	link := "https://hire.acme.test/invitations/" + token
	if !strings.Contains(text, link) || !strings.Contains(html, `href="`+link+`"`) {
		t.Errorf("link lost in transit:\n%s\n%s", text, html)
	}
}
