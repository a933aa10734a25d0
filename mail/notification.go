package mail

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// notificationData is what the notification templates see.
type notificationData struct {
	Subject      string
	Name         string
	Title        string
	Body         string
	Quote        string // Body with each line prefixed by "> ", for the text part
	Action       string
	Link         string
	SettingsLink string
}

// notificationActions name the button of each kind in plain words.
var notificationActions = map[skillkeepr.NotificationKind]string{
	skillkeepr.NotifyMention:     "Open the comment",
	skillkeepr.NotifyJobAssigned: "Open the job",
	skillkeepr.NotifyRatingCard:  "Open the rating card",
}

// NotificationEmail returns the builder of notification emails: the
// notification's title and detail, a button that opens it in SkillKeepr
// (through baseURL+"/notifications/<id>", which also marks it read) and
// how to turn these emails off. The email's Kind is
// "notification_<kind>".
func NotificationEmail(baseURL string) skillkeepr.NotificationEmail {
	base := strings.TrimRight(baseURL, "/")
	return func(n *skillkeepr.Notification, to *skillkeepr.User) skillkeepr.EmailMessage {
		action := notificationActions[n.Kind]
		if action == "" {
			action = "Open it in SkillKeepr"
		}
		name := strings.TrimSpace(to.Name)
		if first, _, ok := strings.Cut(name, " "); ok {
			name = first
		}
		if name == "" {
			name = "there"
		}
		d := notificationData{
			Name:         name,
			Title:        strings.TrimRight(oneLine(n.Title), "."),
			Body:         strings.TrimSpace(n.Body),
			Action:       action,
			Link:         base + "/notifications/" + strconv.FormatInt(n.ID, 10),
			SettingsLink: base + "/account/notifications",
		}
		if d.Body != "" {
			d.Quote = "> " + strings.ReplaceAll(d.Body, "\n", "\n> ")
		}
		msg := skillkeepr.EmailMessage{OrgID: n.OrgID, To: []string{to.Email}, Kind: "notification_" + string(n.Kind)}
		subject, err := renderText("notification_subject.txt", d)
		if err != nil {
			// The templates are fixed and tested; this cannot happen
			// short of a broken build.
			panic(fmt.Sprintf("mail: notification subject: %v", err))
		}
		d.Subject = oneLine(subject)
		msg.Subject = d.Subject
		if msg.Text, err = renderText("notification.txt", d); err != nil {
			panic(fmt.Sprintf("mail: notification text: %v", err))
		}
		if msg.HTML, err = renderHTML("notification.html", d); err != nil {
			panic(fmt.Sprintf("mail: notification HTML: %v", err))
		}
		return msg
	}
}
