package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/skillkeepr/skillkeepr"
)

var _ skillkeepr.AvailabilityService = (*Store)(nil)

// FindAvailability returns a user's availability, or the default (in the
// organisation's zone) when they never saved one.
func (s *Store) FindAvailability(ctx context.Context, userID int64) (*skillkeepr.Availability, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return availabilityOf(ctx, s.read(), a.OrgID, userID)
}

func availabilityOf(ctx context.Context, c conn, org, userID int64) (*skillkeepr.Availability, error) {
	var n int
	if err := c.queryRow(ctx, `SELECT count(*) FROM users WHERE id = ? AND org_id = ?`, userID, org).Scan(&n); err != nil {
		return nil, dbErr("find availability", err)
	}
	if n == 0 {
		return nil, skillkeepr.NotFound("User")
	}
	av := &skillkeepr.Availability{UserID: userID}
	var weekly string
	var updated int64
	err := c.queryRow(ctx, `SELECT timezone, weekly, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, daily_cap, updated_at
		FROM interviewer_availability WHERE user_id = ? AND org_id = ?`, userID, org).
		Scan(&av.Timezone, &weekly, &av.BufferBeforeMinutes, &av.BufferAfterMinutes, &av.MinNoticeMinutes, &av.DailyCap, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		tz, err := orgTimezone(ctx, c, org)
		if err != nil {
			return nil, err
		}
		return skillkeepr.DefaultAvailability(userID, tz), nil
	}
	if err != nil {
		return nil, dbErr("find availability", err)
	}
	av.UpdatedAt = fromTS(updated)
	if err := json.Unmarshal([]byte(weekly), &av.Weekly); err != nil {
		return nil, dbErr("find availability", err)
	}
	for d := range av.Weekly {
		if av.Weekly[d] == nil {
			av.Weekly[d] = []skillkeepr.TimeRange{}
		}
	}
	rows, err := c.query(ctx, `SELECT day, kind, hours FROM availability_overrides WHERE user_id = ? AND org_id = ? ORDER BY day`, userID, org)
	if err != nil {
		return nil, dbErr("find availability", err)
	}
	defer closeRows(rows)
	av.Overrides = []skillkeepr.AvailabilityOverride{}
	for rows.Next() {
		var o skillkeepr.AvailabilityOverride
		var hours string
		if err := rows.Scan(&o.Date, &o.Kind, &hours); err != nil {
			return nil, dbErr("find availability", err)
		}
		_ = json.Unmarshal([]byte(hours), &o.Hours)
		av.Overrides = append(av.Overrides, o)
	}
	return av, dbErr("find availability", rows.Err())
}

func availabilityFields(av *skillkeepr.Availability) fields {
	return fields{"timezone": av.Timezone, "weekly": av.Weekly, "overrides": av.Overrides,
		"buffer_before_minutes": av.BufferBeforeMinutes, "buffer_after_minutes": av.BufferAfterMinutes,
		"min_notice_minutes": av.MinNoticeMinutes, "daily_cap": av.DailyCap}
}

// SetAvailability saves a user's availability (their own, or anyone's for
// admins), replacing the date overrides.
func (s *Store) SetAvailability(ctx context.Context, av skillkeepr.Availability) (*skillkeepr.Availability, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	// Another organisation's user is "not found", before any permission check.
	if _, err := availabilityOf(ctx, s.read(), a.OrgID, av.UserID); err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageAvailability, skillkeepr.Target{UserID: av.UserID}); err != nil {
		return nil, err
	}
	if err := av.Validate(); err != nil {
		return nil, err
	}
	var out *skillkeepr.Availability
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := availabilityOf(ctx, tx.conn, a.OrgID, av.UserID)
		if err != nil {
			return err
		}
		weekly, _ := json.Marshal(av.Weekly)
		if _, err := tx.exec(ctx, `INSERT INTO interviewer_availability (org_id, user_id, timezone, weekly, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, daily_cap, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET timezone = excluded.timezone, weekly = excluded.weekly,
				buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
				min_notice_minutes = excluded.min_notice_minutes, daily_cap = excluded.daily_cap, updated_at = excluded.updated_at`,
			a.OrgID, av.UserID, av.Timezone, string(weekly), av.BufferBeforeMinutes, av.BufferAfterMinutes, av.MinNoticeMinutes, av.DailyCap, ts(s.clock())); err != nil {
			return dbErr("save availability", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM availability_overrides WHERE user_id = ? AND org_id = ?`, av.UserID, a.OrgID); err != nil {
			return dbErr("save availability", err)
		}
		for _, o := range av.Overrides {
			hours, _ := json.Marshal(o.Hours)
			if o.Hours == nil {
				hours = []byte("[]")
			}
			if _, err := tx.exec(ctx, `INSERT INTO availability_overrides (org_id, user_id, day, kind, hours) VALUES (?, ?, ?, ?, ?)`,
				a.OrgID, av.UserID, o.Date, o.Kind, string(hours)); err != nil {
				return dbErr("save availability", err)
			}
		}
		if out, err = availabilityOf(ctx, tx.conn, a.OrgID, av.UserID); err != nil {
			return err
		}
		var name string
		if err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = ? AND org_id = ?`, av.UserID, a.OrgID).Scan(&name); err != nil {
			return dbErr("save availability", err)
		}
		b, af := changed(availabilityFields(old), availabilityFields(out))
		return tx.audit(ctx, a.OrgID, a, "availability.update", "user", av.UserID, "Changed the interview availability of "+name, b, af)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
