package interviewmail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Data is what the email templates see.
type Data struct {
	OrgName        string
	CandidateName  string
	RecipientName  string
	JobTitle       string
	InterviewTitle string
	When           string // e.g. "Monday 8 March 2027, 14:00–14:45"
	Timezone       string // e.g. "Europe/Berlin, CET (UTC+01:00)"
	Duration       string // e.g. "45 minutes"
	Interviewers   string
	JoinURL        string
	ScheduleURL    string
	ManageURL      string
	Expires        string
	Reason         string
	Change         string // booked, rescheduled, canceled, coming up (interviewer notification)
}

// SampleData fills the Settings preview.
func SampleData(orgName string) Data {
	return Data{OrgName: orgName, CandidateName: "Sam Sample", RecipientName: "Sam Sample", JobTitle: "Backend engineer",
		InterviewTitle: "45-minute video interview", When: "Monday 8 March 2027, 14:00–14:45", Timezone: "Europe/Berlin, CET (UTC+01:00)",
		Duration: "45 minutes", Interviewers: "Lea Lead, Hana Hiring", JoinURL: "https://skillkeepr.example/interviews/1/room",
		ScheduleURL: "https://skillkeepr.example/schedule/sample", ManageURL: "https://skillkeepr.example/schedule/manage/sample",
		Expires: "Monday 15 March 2027", Reason: "", Change: "booked"}
}

// Render executes t with d: subject (one line), text and HTML.
func Render(t skillkeepr.EmailTemplate, d Data) (subject, text, html string, err error) {
	run := func(name, src string) (string, error) {
		tt, err := texttemplate.New(name).Option("missingkey=error").Parse(src)
		if err != nil {
			return "", err
		}
		var b bytes.Buffer
		if err := tt.Execute(&b, d); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	if subject, err = run("subject", t.Subject); err != nil {
		return "", "", "", fieldErr("subject", err)
	}
	subject = strings.Join(strings.Fields(subject), " ")
	if text, err = run("text", t.Text); err != nil {
		return "", "", "", fieldErr("text", err)
	}
	if strings.TrimSpace(t.HTML) != "" {
		ht, err := htmltemplate.New("html").Option("missingkey=error").Parse(t.HTML)
		if err != nil {
			return "", "", "", fieldErr("html", err)
		}
		var b bytes.Buffer
		if err := ht.Execute(&b, d); err != nil {
			return "", "", "", fieldErr("html", err)
		}
		html = b.String()
	}
	return subject, text, html, nil
}

func fieldErr(field string, err error) error {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return skillkeepr.Validation{field: "This template has a mistake: " + msg}.Err()
}

// When formats iv's time in zone tz for emails.
func When(start, end time.Time, tz string) (when, zone string) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc, tz = time.UTC, "UTC"
	}
	s, e := start.In(loc), end.In(loc)
	abbr, off := s.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	zone = fmt.Sprintf("%s, %s (UTC%s%02d:%02d)", tz, abbr, sign, off/3600, off%3600/60)
	return s.Format("Monday 2 January 2006, 15:04") + "–" + e.Format("15:04"), zone
}

// Duration says d in words.
func Duration(d time.Duration) string {
	m := int(d.Minutes())
	switch {
	case m%60 == 0 && m == 60:
		return "1 hour"
	case m%60 == 0:
		return fmt.Sprintf("%d hours", m/60)
	case m > 60:
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
	return fmt.Sprintf("%d minutes", m)
}
