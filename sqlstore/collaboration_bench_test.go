package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// seedNotifications gives each of the four users of o perUser
// notifications, every other one read, in one transaction.
func seedNotifications(t testing.TB, s *Store, o *TestOrg, perUser int) {
	t.Helper()
	ctx := context.Background()
	users := []*skillkeepr.User{o.SuperAdmin, o.RecruiterAdmin, o.Recruiter, o.Collaborator}
	ok := s.inTx(ctx, func(tx *txn) error {
		for i := range perUser {
			for _, u := range users {
				if err := tx.notify(ctx, o.Org.ID, nil, skillkeepr.NotificationCreate{UserID: u.ID, Kind: "test",
					Title: "Notification " + strconv.Itoa(i), Link: "/"}); err != nil {
					return err
				}
			}
		}
		_, err := tx.exec(ctx, `UPDATE notifications SET read_at = created_at WHERE org_id = ? AND id % 2 = 0`, o.Org.ID)
		return err
	})
	if ok != nil {
		t.Fatal(ok)
	}
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUnreadCount measures the bell's query, which runs on every
// page, with 20,000 notifications per user (half unread):
//
//	SKILLKEEPR_TEST_POSTGRES_URL=… go test ./sqlstore -run '^$' -bench BenchmarkUnreadCount
func BenchmarkUnreadCount(b *testing.B) {
	for _, engine := range TestEngines() {
		b.Run(engine, func(b *testing.B) {
			s := OpenTest(b, engine)
			o := SeedTestOrg(b, s, "Bench")
			seedNotifications(b, s, o, 20000)
			ctx := o.Ctx(o.Recruiter)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				n, err := s.UnreadNotificationCount(ctx)
				if err != nil || n != skillkeepr.MaxUnreadCount {
					b.Fatalf("unread %d, %v", n, err)
				}
			}
		})
	}
}

// The bell's count reads the partial index of unread notifications, not
// the table (SQLite's plan; PostgreSQL picks by statistics).
func TestUnreadCountUsesTheIndex(t *testing.T) {
	t.Parallel()
	s := OpenTest(t, engineSQLite)
	o := SeedTestOrg(t, s, "Acme")
	seedNotifications(t, s, o, 50)
	rows, err := s.rdb.QueryContext(context.Background(), `EXPLAIN QUERY PLAN SELECT count(*) FROM (SELECT 1 FROM notifications WHERE org_id = ? AND user_id = ? AND read_at IS NULL LIMIT ?) u`,
		o.Org.ID, o.Recruiter.ID, skillkeepr.MaxUnreadCount)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "USING COVERING INDEX notifications_unread") {
		t.Errorf("plan does not use the unread index: %s", p)
	}
}
