package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// CommentInput is the body of a new or edited comment. Mention colleagues
// with "@" and their full name or email address, e.g. "@Ada Lovelace" or
// "@ada@acme.test".
type CommentInput struct {
	Body string `json:"body"`
}

// NotificationSettingsInput changes your notification settings.
type NotificationSettingsInput struct {
	// Email: true to get notification emails, false to turn them off.
	Email *bool `json:"email"`
}

// NotificationsMarked answers "mark all as read".
type NotificationsMarked struct {
	Marked int `json:"marked"`
}

// UnreadCount is the number on the bell.
type UnreadCount struct {
	// Unread counts up to 100 unread notifications.
	Unread int `json:"unread"`
}

func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	cs, err := a.svc.Comments.FindComments(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(cs, len(cs)))
}

func (a *API) createComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	var in CommentInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.svc.Comments.CreateComment(r.Context(), id, in.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

func (a *API) patchComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Comment")
	if err != nil {
		return err
	}
	var in CommentInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.svc.Comments.UpdateComment(r.Context(), id, in.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) deleteComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Comment")
	if err != nil {
		return err
	}
	if err := a.svc.Comments.DeleteComment(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) listNotifications(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.NotificationFilter{UnreadOnly: q.boolean("unread_only")}
	f.Offset, f.Limit = q.page()
	if err := q.err(); err != nil {
		return err
	}
	ns, total, err := a.svc.Notifications.FindNotifications(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ns, total))
}

func (a *API) getUnreadCount(w http.ResponseWriter, r *http.Request) error {
	n, err := a.svc.Notifications.UnreadNotificationCount(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &UnreadCount{Unread: n})
}

func (a *API) readNotification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Notification")
	if err != nil {
		return err
	}
	n, err := a.svc.Notifications.ReadNotification(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, n)
}

func (a *API) readAllNotifications(w http.ResponseWriter, r *http.Request) error {
	n, err := a.svc.Notifications.MarkAllNotificationsRead(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &NotificationsMarked{Marked: n})
}

func (a *API) getNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	st, err := a.svc.Notifications.FindNotificationSettings(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

func (a *API) putNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	var in NotificationSettingsInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Email == nil {
		return skillkeepr.Validation{"email": "Say true to get notification emails, or false to turn them off."}.Err()
	}
	st, err := a.svc.Notifications.UpdateNotificationSettings(r.Context(), skillkeepr.NotificationSettings{Email: *in.Email})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}
