package interviewmail

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/ical"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestInviteGolden writes the invite of a booking, a reschedule and a
// cancellation and compares them with golden files, then parses them back.
func TestInviteGolden(t *testing.T) {
	t.Parallel()
	n := testNotifier(nil)
	booked := testInterview()
	moved := testInterview()
	moved.StartsAt, moved.EndsAt, moved.Sequence = moved.StartsAt.Add(24*time.Hour), moved.EndsAt.Add(24*time.Hour), 1
	canceled := testInterview()
	canceled.StartsAt, canceled.EndsAt = moved.StartsAt, moved.EndsAt
	canceled.Status, canceled.Sequence = skillkeepr.InterviewCanceled, 2
	for _, tt := range []struct {
		name   string
		iv     *skillkeepr.Interview
		method string
	}{{"request", booked, "REQUEST"}, {"update", moved, "REQUEST"}, {"cancel", canceled, "CANCEL"}} {
		data, err := Invite(tt.iv, "Acme", Organizer(n.From, "Acme", n.Links.BaseURL()), n.Links, n.now())
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", tt.name+".golden.ics")
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update once)", err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s: invite differs from %s:\n%s", tt.name, path, data)
		}
		cal, err := ical.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		evs, err := cal.Events()
		if err != nil || len(evs) != 1 {
			t.Fatalf("%s: events %v %v", tt.name, evs, err)
		}
		ev := evs[0]
		if cal.Method() != tt.method || ev.UID != booked.UID || ev.Sequence != tt.iv.Sequence || !ev.Start.Equal(tt.iv.StartsAt) ||
			!ev.End.Equal(tt.iv.EndsAt) || ev.Organizer.Email != "hiring@acme.test" || len(ev.Attendees) != 3 ||
			ev.URL != "https://hire.acme.test/interviews/42/room" || ev.TZID != "Europe/Berlin" {
			t.Errorf("%s: parsed back %s %+v", tt.name, cal.Method(), ev)
		}
		if !strings.Contains(string(data), "BEGIN:VTIMEZONE") {
			t.Errorf("%s: no VTIMEZONE", tt.name)
		}
	}
}

// TestInviteReadByPythonIcalendar parses the goldens with an independent
// parser (python3-icalendar); skipped when it is not installed.
func TestInviteReadByPythonIcalendar(t *testing.T) {
	t.Parallel()
	py := ""
	for _, cand := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import icalendar").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("python3 with the icalendar library is not installed (apt-get install python3-icalendar)")
	}
	script := `import sys, icalendar
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
    for ev in cal.walk('VEVENT'):
        print(path.split('/')[-1], cal['METHOD'], ev['UID'], int(ev['SEQUENCE']), ev.decoded('DTSTART').astimezone(__import__('datetime').timezone.utc).strftime('%Y-%m-%dT%H:%MZ'), len(ev.get('ATTENDEE')))
`
	out, err := exec.Command(py, "-c", script, "testdata/request.golden.ics", "testdata/update.golden.ics", "testdata/cancel.golden.ics").CombinedOutput()
	if err != nil {
		t.Fatalf("python icalendar: %v\n%s", err, out)
	}
	want := "request.golden.ics REQUEST 3f2a9c@skillkeepr 0 2027-03-29T12:00Z 3\n" +
		"update.golden.ics REQUEST 3f2a9c@skillkeepr 1 2027-03-30T12:00Z 3\n" +
		"cancel.golden.ics CANCEL 3f2a9c@skillkeepr 2 2027-03-30T12:00Z 3\n"
	if string(out) != want {
		t.Errorf("python read:\n%s\nwant:\n%s", out, want)
	}
}

func TestStale(t *testing.T) {
	t.Parallel()
	iv := testInterview()
	iv.Sequence = 2
	canceled := *iv
	canceled.Status = skillkeepr.InterviewCanceled
	tests := []struct {
		name  string
		task  skillkeepr.InterviewNoticeTask
		iv    *skillkeepr.Interview
		stale bool
	}{
		{"current reminder", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeReminder, Sequence: 2}, iv, false},
		{"reminder of the old time", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeReminder, Sequence: 1}, iv, true},
		{"reminder of a canceled interview", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeReminder, Sequence: 2}, &canceled, true},
		{"booking overtaken by a move", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeBooked, Sequence: 0}, iv, true},
		{"latest move", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeRescheduled, Sequence: 2}, iv, false},
		{"cancel", skillkeepr.InterviewNoticeTask{Notice: skillkeepr.NoticeCanceled, Sequence: 2}, &canceled, false},
	}
	for _, tt := range tests {
		if got := Stale(tt.task, tt.iv); got != tt.stale {
			t.Errorf("%s: stale = %v", tt.name, got)
		}
	}
}

func TestNotifierQueuesEmails(t *testing.T) {
	t.Parallel()
	store := &fakeNotices{iv: testInterview(), custom: map[string]skillkeepr.EmailTemplate{
		// A custom template with a mistake falls back to the default.
		skillkeepr.EmailInterviewConfirmed: {Subject: "{{.Nope}}", Text: "x"},
	}}
	n := testNotifier(store)
	ctx := t.Context()
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ok(n.InterviewNotice(ctx, skillkeepr.InterviewNoticeTask{OrgID: 7, InterviewID: 42, Notice: skillkeepr.NoticeBooked}))
	if len(store.queued) != 3 {
		t.Fatalf("queued %d emails, want 3 (candidate and two interviewers)", len(store.queued))
	}
	c := store.queued[0]
	if c.To[0] != "zoe@example.com" || c.Kind != skillkeepr.EmailInterviewConfirmed || !strings.HasPrefix(c.Subject, "Confirmed: 45-minute video interview on Monday 29 March 2027, 14:00") ||
		!strings.Contains(c.Text, "/schedule/manage/") || !strings.Contains(c.HTML, "Reschedule or cancel") || len(c.Attachments) != 1 {
		t.Errorf("candidate email %+v", c)
	}
	// The interviewer reads the time in their own zone (New York: 08:00 EDT).
	if iv := store.queued[1]; iv.Kind != skillkeepr.EmailInterviewerNotice || !strings.Contains(iv.Subject, "booked") || strings.Contains(iv.Text, "/schedule/manage/") ||
		!strings.Contains(iv.Text, "Monday 29 March 2027, 08:00–08:45 (America/New_York, EDT (UTC-04:00))") {
		t.Errorf("interviewer email %+v", iv)
	}
	// A stale reminder sends nothing; a current one sends without invite.
	store.queued = nil
	ok(n.InterviewNotice(ctx, skillkeepr.InterviewNoticeTask{OrgID: 7, InterviewID: 42, Sequence: 1, Notice: skillkeepr.NoticeReminder}))
	if len(store.queued) != 0 {
		t.Fatalf("stale reminder queued %d emails", len(store.queued))
	}
	ok(n.InterviewNotice(ctx, skillkeepr.InterviewNoticeTask{OrgID: 7, InterviewID: 42, Sequence: 0, Notice: skillkeepr.NoticeReminder}))
	if len(store.queued) != 3 || store.queued[0].Kind != skillkeepr.EmailInterviewReminder || len(store.queued[0].Attachments) != 0 {
		t.Fatalf("reminder %+v", store.queued)
	}
	// The invitation to schedule carries a link that verifies.
	store.queued = nil
	plan := &skillkeepr.InterviewPlan{ID: 4, Name: "Coding interview", DurationMinutes: 60}
	store.link = &skillkeepr.SchedulingLink{ID: 9, OrgID: 7, OrgName: "Acme", CandidateName: "Zoë Adams", CandidateEmail: "zoe@example.com",
		JobTitle: "Backend engineer", Plan: plan, ExpiresAt: n.now().Add(48 * time.Hour)}
	ok(n.ScheduleInvitation(ctx, skillkeepr.ScheduleInvitationTask{OrgID: 7, LinkID: 9}))
	if len(store.queued) != 1 {
		t.Fatalf("invitation: %d emails", len(store.queued))
	}
	text := store.queued[0].Text
	i := strings.Index(text, "https://hire.acme.test/schedule/")
	if i < 0 {
		t.Fatalf("no link in %q", text)
	}
	token := strings.Fields(text[i+len("https://hire.acme.test/schedule/"):])[0]
	if id, err := n.Links.VerifySchedule(token, n.now()); err != nil || id != 9 {
		t.Fatalf("link verifies as %d, %v", id, err)
	}
	if _, err := n.Links.VerifyManage(token, n.now()); err == nil {
		t.Fatal("a scheduling token works as a manage token")
	}
}

func TestDefaultsRender(t *testing.T) {
	t.Parallel()
	for kind, tpl := range Defaults() {
		if err := tpl.Validate(); err != nil && !strings.Contains(err.Error(), "kind") {
			t.Errorf("%s: %v", kind, err)
		}
		tpl.Kind = kind
		if err := tpl.Validate(); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
		s, text, html, err := Render(tpl, SampleData("Acme"))
		if err != nil || s == "" || text == "" || html == "" {
			t.Errorf("%s: %q %v", kind, s, err)
		}
	}
	if len(Defaults()) != len(skillkeepr.EmailKinds) {
		t.Errorf("%d defaults for %d kinds", len(Defaults()), len(skillkeepr.EmailKinds))
	}
	_, _, _, err := Render(skillkeepr.EmailTemplate{Subject: "Hi {{.Missing}}", Text: "x"}, SampleData("Acme"))
	if _, ok := skillkeepr.ErrorFields(err)["subject"]; !ok {
		t.Errorf("unknown field: %v", err)
	}
}
