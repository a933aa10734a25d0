package mail

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// KindRatingCard is the EmailMessage.Kind of rating card requests and
// reminders.
const KindRatingCard = "rating_card"

type ratingCardData struct {
	Subject     string
	Interviewer string
	Candidate   string
	Job         string
	Interview   string
	Ended       string
	Link        string
	Reminder    int
}

// RatingCardEmail returns the builder of the emails asking an interviewer
// for their rating card (Reminder 0) or reminding them of it, linking to
// baseURL+"/interviews/{id}/card".
func RatingCardEmail(baseURL string) skillkeepr.RatingCardEmail {
	base := strings.TrimRight(baseURL, "/")
	return func(n skillkeepr.RatingCardNotice) skillkeepr.EmailMessage {
		loc, err := time.LoadLocation(n.Timezone)
		if err != nil || n.Timezone == "" {
			loc = time.UTC
		}
		d := ratingCardData{Interviewer: n.InterviewerName, Candidate: n.CandidateName, Job: n.JobTitle, Interview: n.InterviewTitle,
			Ended: n.InterviewEndsAt.In(loc).Format("Monday 2 January 2006 at 15:04 MST"),
			Link:  base + "/interviews/" + strconv.FormatInt(n.InterviewID, 10) + "/card", Reminder: n.Reminder}
		msg := skillkeepr.EmailMessage{OrgID: n.OrgID, To: []string{n.To}, Kind: KindRatingCard}
		subject, err := renderText("rating_card_subject.txt", d)
		if err != nil {
			panic(fmt.Sprintf("mail: rating card subject: %v", err)) // fixed, tested templates
		}
		d.Subject = oneLine(subject)
		msg.Subject = d.Subject
		if msg.Text, err = renderText("rating_card.txt", d); err != nil {
			panic(fmt.Sprintf("mail: rating card text: %v", err))
		}
		if msg.HTML, err = renderHTML("rating_card.html", d); err != nil {
			panic(fmt.Sprintf("mail: rating card HTML: %v", err))
		}
		return msg
	}
}
