package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// unreadCount is the number on the bell; the page renders without it
// when it cannot be read (the bell is a convenience, not the page).
func (s *Server) unreadCount(r *http.Request) int {
	if s.svc.Notifications == nil || skillkeepr.ActorFrom(r.Context()) == nil {
		return 0
	}
	n, err := s.svc.Notifications.UnreadNotificationCount(r.Context())
	if err != nil {
		s.log.WarnContext(r.Context(), "unread notification count", "err", err)
		return 0
	}
	return n
}

// unreadLabel is the bell's number: "99+" beyond 99.
func unreadLabel(n int) string {
	if n > 99 {
		return "99+"
	}
	return strconv.Itoa(n)
}

type notificationsData struct {
	Notifications []*skillkeepr.Notification
	Unread        int
	Pager         pager
}

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) error {
	pg, offset := pageParam(r)
	ns, total, err := s.svc.Notifications.FindNotifications(r.Context(), skillkeepr.NotificationFilter{Offset: offset, Limit: pageSize})
	if err != nil {
		return err
	}
	d := notificationsData{Notifications: ns, Pager: newPager(r, pg, total)}
	for _, n := range ns {
		if n.Unread() {
			d.Unread++
		}
	}
	return s.render(w, r, http.StatusOK, "notifications", "Notifications", d)
}

// openNotification marks a notification read and goes to what it is
// about; the notification emails link here too.
func (s *Server) openNotification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Notification")
	if err != nil {
		return err
	}
	n, err := s.svc.Notifications.ReadNotification(r.Context(), id)
	if err != nil {
		return err
	}
	return redirect(w, r, localPath(n.Link))
}

func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request) error {
	n, err := s.svc.Notifications.MarkAllNotificationsRead(r.Context())
	if err != nil {
		return err
	}
	switch n {
	case 0:
		s.setFlash(w, "You had no unread notifications.")
	case 1:
		s.setFlash(w, "1 notification marked as read.")
	default:
		s.setFlash(w, strconv.Itoa(n)+" notifications marked as read.")
	}
	return redirect(w, r, "/notifications")
}

type notificationSettingsData struct {
	Settings *skillkeepr.NotificationSettings
}

func (s *Server) notificationSettingsPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.svc.Notifications.FindNotificationSettings(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "notificationsettings", "Notification emails", notificationSettingsData{Settings: st})
}

func (s *Server) updateNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	email := r.PostFormValue("email")
	if email != "on" && email != "off" {
		return skillkeepr.Validation{"email": "Choose whether you want notification emails."}.Err()
	}
	st, err := s.svc.Notifications.UpdateNotificationSettings(r.Context(), skillkeepr.NotificationSettings{Email: email == "on"})
	if err != nil {
		return err
	}
	if st.Email {
		s.setFlash(w, "You will get an email when someone mentions you or assigns you a job.")
	} else {
		s.setFlash(w, "Notification emails are off. You still see every notification under the bell.")
	}
	return redirect(w, r, "/account/notifications")
}
