package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

const commentSelect = `SELECT id, org_id, candidate_id, COALESCE(author_id, 0), author_name, body, mentions, created_at, edited_at FROM comments`

func scanComment(sc interface{ Scan(...any) error }) (*skillkeepr.Comment, error) {
	c := &skillkeepr.Comment{}
	var mentions string
	var created int64
	var edited sql.NullInt64
	if err := sc.Scan(&c.ID, &c.OrgID, &c.CandidateID, &c.AuthorID, &c.AuthorName, &c.Body, &mentions, &created, &edited); err != nil {
		return nil, err
	}
	c.Mentions = []skillkeepr.Mention{}
	_ = json.Unmarshal([]byte(mentions), &c.Mentions)
	c.CreatedAt, c.EditedAt = fromTS(created), fromNullTS(edited)
	return c, nil
}

func encodeMentions(ms []skillkeepr.Mention) string {
	if ms == nil {
		ms = []skillkeepr.Mention{}
	}
	b, _ := json.Marshal(ms)
	return string(b)
}

// commentCandidate loads the candidate the actor may see and checks that
// they may comment on them.
func commentCandidate(ctx context.Context, c conn, a *skillkeepr.Actor, id int64) (*skillkeepr.Candidate, error) {
	cand, err := candidateFor(ctx, c, a, id)
	if err != nil {
		return nil, err
	}
	return cand, authorizeCandidate(ctx, c, a, cand, skillkeepr.ActComment)
}

// commentByID loads a comment of the actor's organisation on a candidate
// the actor may see; anything else is not found.
func commentByID(ctx context.Context, c conn, a *skillkeepr.Actor, id int64) (*skillkeepr.Comment, *skillkeepr.Candidate, error) {
	cm, err := scanComment(c.queryRow(ctx, commentSelect+` WHERE id = ? AND org_id = ?`, id, a.OrgID))
	if err != nil {
		return nil, nil, notFound(err, "Comment", "find comment")
	}
	cand, err := candidateFor(ctx, c, a, cm.CandidateID)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		return nil, nil, skillkeepr.NotFound("Comment")
	}
	return cm, cand, err
}

// resolveMentions finds the mentions of body among the active users of the
// organisation. A word that names nobody, or a person who could not open
// the candidate, is refused with a field error naming them: a mention that
// silently notifies no one is a message lost, and a notification to
// someone who may not see the candidate would hand them the candidate's
// name and the comment anyway.
func resolveMentions(ctx context.Context, c conn, orgID, candidateID int64, body string) ([]skillkeepr.Mention, error) {
	if !strings.Contains(body, "@") {
		return []skillkeepr.Mention{}, nil
	}
	rows, err := c.query(ctx, `SELECT id, name, email FROM users WHERE org_id = ? AND active = ?`, orgID, true)
	if err != nil {
		return nil, dbErr("mentionable users", err)
	}
	var users []skillkeepr.MentionableUser
	for rows.Next() {
		var u skillkeepr.MentionableUser
		if err := rows.Scan(&u.ID, &u.Name, &u.Email); err != nil {
			rows.Close()
			return nil, dbErr("mentionable users", err)
		}
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("mentionable users", err)
	}
	mentions, unknown := skillkeepr.ParseMentions(body, users)
	if len(unknown) > 0 {
		return nil, skillkeepr.Validation{"body": "No one in your organisation is called " + strings.Join(unknown, ", ") +
			". Write @ followed by a colleague's full name or email address, exactly as on the Users page."}.Err()
	}
	if len(mentions) == 0 {
		return []skillkeepr.Mention{}, nil
	}
	jobs, err := candidateJobs(ctx, c, orgID, candidateID)
	if err != nil {
		return nil, err
	}
	var blind []string
	for _, uid := range (&skillkeepr.Comment{Mentions: mentions}).MentionedUserIDs() {
		u, err := userByID(ctx, c, orgID, uid)
		if err != nil {
			return nil, err
		}
		if !canSeeAny(u.Actor(), jobs) {
			blind = append(blind, u.Name)
		}
	}
	if len(blind) > 0 {
		return nil, skillkeepr.Validation{"body": strings.Join(blind, ", ") + " cannot see this candidate, so they could not open your comment. " +
			"Leave out the mention, or ask an admin to give them access to the job first."}.Err()
	}
	return mentions, nil
}

// candidateJobs loads every job the candidate applied to (not only those
// the actor sees: a mentioned colleague may see another one).
func candidateJobs(ctx context.Context, c conn, orgID, candidateID int64) ([]*skillkeepr.Job, error) {
	rows, err := c.query(ctx, `SELECT job_id FROM applications WHERE candidate_id = ? AND org_id = ? ORDER BY id`, candidateID, orgID)
	if err != nil {
		return nil, dbErr("candidate jobs", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, dbErr("candidate jobs", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("candidate jobs", err)
	}
	jobs := make([]*skillkeepr.Job, 0, len(ids))
	for _, id := range ids {
		j, err := jobByID(ctx, c, orgID, id)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

func canSeeAny(a *skillkeepr.Actor, jobs []*skillkeepr.Job) bool {
	for _, j := range jobs {
		if skillkeepr.Can(a, skillkeepr.ActComment, skillkeepr.Target{Job: j}) {
			return true
		}
	}
	return false
}

// notificationName is how a notification (and its email) names the
// candidate: not by name while blind review masks them, since the text
// leaves the masked pages.
func (s *Store) notificationName(ctx context.Context, c conn, a *skillkeepr.Actor, cand *skillkeepr.Candidate) (string, error) {
	masked, err := s.candidateMasked(ctx, c, a, cand)
	if err != nil || !masked {
		return cand.Name, err
	}
	return "a candidate under blind review", nil
}

// notifyMentions notifies the users mentioned in c who are not in
// already (those an earlier version of the comment mentioned).
func (tx *txn) notifyMentions(ctx context.Context, a *skillkeepr.Actor, c *skillkeepr.Comment, candidateName string, already []int64) error {
	for _, uid := range c.MentionedUserIDs() {
		if containsID(already, uid) {
			continue
		}
		err := tx.notify(ctx, a.OrgID, a, skillkeepr.NotificationCreate{
			UserID: uid, Kind: skillkeepr.NotifyMention,
			Title: a.Name + " mentioned you in a comment on " + candidateName,
			Body:  c.Body,
			Link:  "/candidates/" + strconv.FormatInt(c.CandidateID, 10) + "#comment-" + strconv.FormatInt(c.ID, 10),
			Email: true,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// CreateComment adds a comment on a candidate the actor may see and
// notifies the people it mentions, in one transaction.
func (s *Store) CreateComment(ctx context.Context, candidateID int64, body string) (*skillkeepr.Comment, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var out *skillkeepr.Comment
	err = s.inTx(ctx, func(tx *txn) error {
		cand, err := commentCandidate(ctx, tx.conn, a, candidateID)
		if err != nil {
			return err
		}
		if body, err = skillkeepr.ValidateCommentBody(body); err != nil {
			return err
		}
		mentions, err := resolveMentions(ctx, tx.conn, a.OrgID, cand.ID, body)
		if err != nil {
			return err
		}
		now := s.clock()
		c := &skillkeepr.Comment{OrgID: a.OrgID, CandidateID: cand.ID, AuthorID: a.UserID, AuthorName: a.Name, Body: body,
			Mentions: mentions, CreatedAt: now}
		if c.ID, err = tx.insert(ctx, `INSERT INTO comments (org_id, candidate_id, author_id, author_name, body, mentions, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.OrgID, cand.ID, a.UserID, a.Name, body, encodeMentions(mentions), ts(now)); err != nil {
			return dbErr("create comment", err)
		}
		name, err := s.notificationName(ctx, tx.conn, a, cand)
		if err != nil {
			return err
		}
		if err := tx.notifyMentions(ctx, a, c, name, nil); err != nil {
			return err
		}
		out = c
		return tx.audit(ctx, a.OrgID, a, "comment.create", "comment", c.ID, "Commented on "+cand.Name, nil, fields{"body": body})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindComments returns the comments on a candidate the actor may see,
// newest first.
func (s *Store) FindComments(ctx context.Context, candidateID int64) ([]*skillkeepr.Comment, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := commentCandidate(ctx, c, a, candidateID); err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, commentSelect+` WHERE org_id = ? AND candidate_id = ? ORDER BY created_at DESC, id DESC`, a.OrgID, candidateID)
	if err != nil {
		return nil, dbErr("find comments", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.Comment{}
	for rows.Next() {
		cm, err := scanComment(rows)
		if err != nil {
			return nil, dbErr("find comments", err)
		}
		out = append(out, cm)
	}
	return out, dbErr("find comments", rows.Err())
}

// FindCommentByID returns a comment on a candidate the actor may see.
func (s *Store) FindCommentByID(ctx context.Context, id int64) (*skillkeepr.Comment, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c, _, err := commentByID(ctx, s.read(), a, id)
	return c, err
}

// UpdateComment replaces the body of the actor's own comment; people it
// mentions for the first time are notified.
func (s *Store) UpdateComment(ctx context.Context, id int64, body string) (*skillkeepr.Comment, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var out *skillkeepr.Comment
	err = s.inTx(ctx, func(tx *txn) error {
		old, cand, err := commentByID(ctx, tx.conn, a, id)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActEditComment, skillkeepr.Target{UserID: old.AuthorID}); err != nil {
			return err
		}
		if body, err = skillkeepr.ValidateCommentBody(body); err != nil {
			return err
		}
		if body == old.Body {
			out = old
			return nil
		}
		mentions, err := resolveMentions(ctx, tx.conn, a.OrgID, cand.ID, body)
		if err != nil {
			return err
		}
		now := s.clock()
		if _, err := tx.exec(ctx, `UPDATE comments SET body = ?, mentions = ?, edited_at = ? WHERE id = ? AND org_id = ?`,
			body, encodeMentions(mentions), ts(now), id, a.OrgID); err != nil {
			return dbErr("update comment", err)
		}
		c := *old
		c.Body, c.Mentions, c.EditedAt = body, mentions, &now
		name, err := s.notificationName(ctx, tx.conn, a, cand)
		if err != nil {
			return err
		}
		if err := tx.notifyMentions(ctx, a, &c, name, old.MentionedUserIDs()); err != nil {
			return err
		}
		out = &c
		return tx.audit(ctx, a.OrgID, a, "comment.update", "comment", id, "Edited a comment on "+cand.Name,
			fields{"body": old.Body}, fields{"body": body})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteComment removes a comment: its author's own, or any as an admin.
func (s *Store) DeleteComment(ctx context.Context, id int64) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		old, cand, err := commentByID(ctx, tx.conn, a, id)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActDeleteComment, skillkeepr.Target{UserID: old.AuthorID}); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM comments WHERE id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr("delete comment", err)
		}
		return tx.audit(ctx, a.OrgID, a, "comment.delete", "comment", id, "Deleted a comment by "+old.AuthorName+" on "+cand.Name,
			fields{"body": old.Body, "author": old.AuthorName}, nil)
	})
}

// FindMentionableUsers lists the active users of the organisation who may
// see the candidate, by name.
func (s *Store) FindMentionableUsers(ctx context.Context, candidateID int64) ([]skillkeepr.MentionableUser, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := commentCandidate(ctx, c, a, candidateID); err != nil {
		return nil, err
	}
	jobs, err := candidateJobs(ctx, c, a.OrgID, candidateID)
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT `+userColumns+` FROM users u WHERE u.org_id = ? AND u.active = ? ORDER BY lower(u.name), u.id`, a.OrgID, true)
	if err != nil {
		return nil, dbErr("mentionable users", err)
	}
	var users []*skillkeepr.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr("mentionable users", err)
		}
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("mentionable users", err)
	}
	if err := loadUserDepartments(ctx, c, users...); err != nil {
		return nil, err
	}
	out := []skillkeepr.MentionableUser{}
	for _, u := range users {
		if canSeeAny(u.Actor(), jobs) {
			out = append(out, skillkeepr.MentionableUser{ID: u.ID, Name: u.Name, Email: u.Email})
		}
	}
	return out, nil
}
