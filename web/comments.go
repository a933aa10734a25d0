package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// collabView is the comment part of the candidate page: the timeline with
// comments among the events, and the comment box.
type collabView struct {
	Timeline    []timelineItem
	Mentionable []skillkeepr.MentionableUser
	Draft       string // the comment being written, kept when it was refused
	DraftError  string
}

// timelineItem is an event, a comment or an email sent to the candidate.
type timelineItem struct {
	At      time.Time
	Event   *skillkeepr.Event
	Comment *commentView
	Email   *skillkeepr.LoggedEmail
}

type commentView struct {
	*skillkeepr.Comment
	Segments  []skillkeepr.CommentSegment
	CanEdit   bool
	CanDelete bool
}

func newCommentView(a *skillkeepr.Actor, c *skillkeepr.Comment) *commentView {
	t := skillkeepr.Target{UserID: c.AuthorID}
	return &commentView{Comment: c, Segments: c.Segments(),
		CanEdit: skillkeepr.Can(a, skillkeepr.ActEditComment, t), CanDelete: skillkeepr.Can(a, skillkeepr.ActDeleteComment, t)}
}

type commentDraftKey struct{}

// commentDraft is a refused comment, carried to the candidate page that
// shows it again with the reason.
type commentDraft struct {
	Body  string
	Error string
}

// collab builds the timeline (events, comments and emails, newest first)
// and the comment box of candidate id.
func (s *Server) collab(r *http.Request, id int64, events []*skillkeepr.Event, emails []*skillkeepr.LoggedEmail) (collabView, error) {
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	var v collabView
	for _, m := range emails {
		v.Timeline = append(v.Timeline, timelineItem{At: m.CreatedAt, Email: m})
	}
	if s.svc.Comments == nil {
		for _, e := range events {
			v.Timeline = append(v.Timeline, timelineItem{At: e.CreatedAt, Event: e})
		}
		sort.SliceStable(v.Timeline, func(i, j int) bool { return v.Timeline[i].At.After(v.Timeline[j].At) })
		return v, nil
	}
	comments, err := s.svc.Comments.FindComments(ctx, id)
	if err != nil {
		return v, err
	}
	if v.Mentionable, err = s.svc.Comments.FindMentionableUsers(ctx, id); err != nil {
		return v, err
	}
	for _, e := range events {
		v.Timeline = append(v.Timeline, timelineItem{At: e.CreatedAt, Event: e})
	}
	for _, c := range comments {
		v.Timeline = append(v.Timeline, timelineItem{At: c.CreatedAt, Comment: newCommentView(a, c)})
	}
	sort.SliceStable(v.Timeline, func(i, j int) bool { return v.Timeline[i].At.After(v.Timeline[j].At) })
	if d, ok := ctx.Value(commentDraftKey{}).(*commentDraft); ok {
		v.Draft, v.DraftError = d.Body, d.Error
	}
	return v, nil
}

// candidateStatus is the status of the candidate page: 400 when it shows
// a refused comment again.
func candidateStatus(r *http.Request) int {
	if _, ok := r.Context().Value(commentDraftKey{}).(*commentDraft); ok {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Candidate")
	if err != nil {
		return err
	}
	body := r.PostFormValue("body")
	c, err := s.svc.Comments.CreateComment(r.Context(), id, body)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		msg := skillkeepr.ErrorFields(err)["body"]
		if msg == "" {
			msg = skillkeepr.ErrorMessage(err)
		}
		ctx := context.WithValue(r.Context(), commentDraftKey{}, &commentDraft{Body: body, Error: msg})
		return s.candidatePage(w, r.WithContext(ctx))
	}
	if err != nil {
		return err
	}
	msg := "Your comment was added."
	if n := len(c.MentionedUserIDs()); n == 1 {
		msg += " The person you mentioned was notified."
	} else if n > 1 {
		msg += " The " + strconv.Itoa(n) + " people you mentioned were notified."
	}
	s.setFlash(w, msg)
	return redirect(w, r, "/candidates/"+strconv.FormatInt(id, 10)+"#comment-"+strconv.FormatInt(c.ID, 10))
}

type commentEditData struct {
	Comment   *commentView
	Body      string
	BodyError string
}

func (s *Server) editCommentPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Comment")
	if err != nil {
		return err
	}
	c, err := s.svc.Comments.FindCommentByID(r.Context(), id)
	if err != nil {
		return err
	}
	v := newCommentView(skillkeepr.ActorFrom(r.Context()), c)
	if !v.CanEdit && !v.CanDelete {
		return skillkeepr.Forbidden()
	}
	return s.render(w, r, http.StatusOK, "commentedit", "Edit comment", commentEditData{Comment: v, Body: c.Body})
}

func (s *Server) updateComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Comment")
	if err != nil {
		return err
	}
	body := r.PostFormValue("body")
	c, err := s.svc.Comments.UpdateComment(r.Context(), id, body)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		old, ferr := s.svc.Comments.FindCommentByID(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		msg := skillkeepr.ErrorFields(err)["body"]
		if msg == "" {
			msg = skillkeepr.ErrorMessage(err)
		}
		return s.render(w, r, http.StatusBadRequest, "commentedit", "Edit comment",
			commentEditData{Comment: newCommentView(skillkeepr.ActorFrom(r.Context()), old), Body: body, BodyError: msg})
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "Your comment was changed.")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(c.CandidateID, 10)+"#comment-"+strconv.FormatInt(c.ID, 10))
}

func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Comment")
	if err != nil {
		return err
	}
	c, err := s.svc.Comments.FindCommentByID(r.Context(), id)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		s.setFlash(w, "!Nothing was deleted: tick the box to confirm.")
		return redirect(w, r, "/comments/"+strconv.FormatInt(id, 10)+"/edit")
	}
	if err := s.svc.Comments.DeleteComment(r.Context(), id); err != nil {
		return err
	}
	s.setFlash(w, "The comment was deleted.")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(c.CandidateID, 10))
}
