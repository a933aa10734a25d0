package skillkeepr

import (
	"context"
	"time"
)

// NotificationKind says what a notification is about.
type NotificationKind string

const (
	NotifyMention     NotificationKind = "mention"      // mentioned in a comment
	NotifyJobAssigned NotificationKind = "job_assigned" // assigned to a job
	NotifyRatingCard  NotificationKind = "rating_card"  // a rating card to fill in, or still missing
)

// Notification is one line in a user's notifications (the bell).
type Notification struct {
	ID        int64            `json:"id"`
	OrgID     int64            `json:"-"`
	UserID    int64            `json:"user_id"`
	Kind      NotificationKind `json:"kind"`
	Title     string           `json:"title"` // plain words, e.g. "Ada mentioned you in a comment on Jane Doe"
	Body      string           `json:"body"`  // optional detail, e.g. the start of the comment
	Link      string           `json:"link"`  // a path in SkillKeepr, e.g. "/candidates/12#comment-5"
	ActorID   int64            `json:"actor_id,omitempty"`
	ActorName string           `json:"actor_name,omitempty"`
	ReadAt    *time.Time       `json:"read_at"`
	CreatedAt time.Time        `json:"created_at"`
}

// Unread reports whether the user has not opened the notification yet.
func (n *Notification) Unread() bool { return n.ReadAt == nil }

// NotificationCreate is a notification for one user, created by the store
// inside the transaction of the change it is about.
type NotificationCreate struct {
	UserID int64
	Kind   NotificationKind
	Title  string
	Body   string
	Link   string // must start with "/"
	// Email also sends the notification by email, unless the user turned
	// notification emails off.
	Email bool
}

// NotificationEmail builds the email of a notification for its
// recipient; the store enqueues it in the same transaction.
type NotificationEmail func(n *Notification, to *User) EmailMessage

// NotificationFilter narrows the notification list.
type NotificationFilter struct {
	UnreadOnly bool
	Offset     int
	Limit      int
}

// NotificationSettings are a user's choices about notifications.
type NotificationSettings struct {
	// Email: send notification emails (mentions, assignments) as well as
	// showing them under the bell. On unless turned off.
	Email bool `json:"email"`
}

// MaxUnreadCount is where the unread count stops counting; the bell
// shows "99+" beyond 99.
const MaxUnreadCount = 100

// NotificationService reads and marks the actor's own notifications;
// nobody reads another person's.
type NotificationService interface {
	// FindNotifications lists the actor's notifications, newest first,
	// with the total.
	FindNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, int, error)
	// UnreadNotificationCount counts the actor's unread notifications, up
	// to MaxUnreadCount. It runs on every page, so it is one indexed read.
	UnreadNotificationCount(ctx context.Context) (int, error)
	// ReadNotification marks one of the actor's notifications read and
	// returns it; another person's is not found.
	ReadNotification(ctx context.Context, id int64) (*Notification, error)
	// MarkAllNotificationsRead marks every unread notification of the
	// actor read and returns how many there were.
	MarkAllNotificationsRead(ctx context.Context) (int, error)
	FindNotificationSettings(ctx context.Context) (*NotificationSettings, error)
	UpdateNotificationSettings(ctx context.Context, s NotificationSettings) (*NotificationSettings, error)
}
