package sqlstore

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// cardWorld is an interview world whose interview, by the Collaborator
// and the Recruiter Admin, has ended.
type cardWorld struct {
	*interviewWorld
	enq *RecordingEnqueuer
	iv  *skillkeepr.Interview
}

func newCardWorld(t *testing.T, s *Store, name string) *cardWorld {
	t.Helper()
	w := newInterviewWorld(t, s, name)
	enq := &RecordingEnqueuer{}
	s.SetEnqueuer(enq)
	iv := must[*skillkeepr.Interview](t)(s.BookInterview(w.Ctx(w.Recruiter), w.booking(w.base, 45, w.Collaborator, w.RecruiterAdmin)))
	s.now = func() time.Time { return w.base.Add(time.Hour) }
	return &cardWorld{interviewWorld: w, enq: enq, iv: iv}
}

func fullScores(t *skillkeepr.RatingCardTemplate, n int) map[string]int {
	m := map[string]int{}
	for _, c := range t.Competencies {
		m[c.Name] = n
	}
	return m
}

func TestRatingCardFlow(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCardWorld(t, s, "Acme")
		lead, hr, rec := w.Ctx(w.Collaborator), w.Ctx(w.RecruiterAdmin), w.Ctx(w.Recruiter)

		// Nothing before the periodic job (or a visit) opens the cards.
		_, err := s.FindRatingSummary(rec, w.app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		n := must[int](t)(s.OpenDueRatingCards(lead))
		if n != 1 {
			t.Fatalf("opened %d interviews, want 1", n)
		}
		if n := must[int](t)(s.OpenDueRatingCards(lead)); n != 0 {
			t.Fatalf("opened again: %d", n)
		}
		mails := w.enq.Emails()
		if len(mails) != 2 || mails[0].Kind != "rating_card" {
			t.Fatalf("emails %+v", mails)
		}
		reminders := 0
		for _, task := range w.enq.Tasks() {
			if r, ok := task.(skillkeepr.RatingCardReminderTask); ok {
				reminders++
				if r.Reminder != 1 || !r.DueAt.Equal(w.base.Add(time.Hour+24*time.Hour)) {
					t.Errorf("reminder %+v", r)
				}
			}
		}
		if reminders != 2 {
			t.Fatalf("%d reminders, want 2", reminders)
		}

		// The generated default template has the job's skills.
		mine := must[*skillkeepr.RatingCard](t)(s.FindMyRatingCard(lead, w.iv.ID))
		if mine.Status != skillkeepr.CardPending || mine.Template == nil || len(mine.Template.Competencies) == 0 {
			t.Fatalf("card %+v", mine)
		}
		if mine.Template.Competencies[0].Name != w.job.RequiredSkills[0] {
			t.Fatalf("competencies %+v, job skills %v", mine.Template.Competencies, w.job.RequiredSkills)
		}

		// Bad input: every competency and the overall are required.
		_, err = s.SubmitRatingCard(lead, w.iv.ID, skillkeepr.RatingCardSubmission{Scores: map[string]int{"Nonsense": 9}, Overall: 7})
		wantCode(t, err, skillkeepr.EINVALID)

		// Someone not on the interview has no card.
		_, err = s.SubmitRatingCard(rec, w.iv.ID, skillkeepr.RatingCardSubmission{Scores: fullScores(mine.Template, 3), Overall: 3})
		wantCode(t, err, skillkeepr.EFORBIDDEN)

		must[*skillkeepr.RatingCard](t)(s.SubmitRatingCard(lead, w.iv.ID, skillkeepr.RatingCardSubmission{
			Scores: fullScores(mine.Template, 4), Overall: skillkeepr.StrongHire, Notes: "Great systems thinking."}))
		_, err = s.SubmitRatingCard(lead, w.iv.ID, skillkeepr.RatingCardSubmission{Scores: fullScores(mine.Template, 1), Overall: 1})
		wantCode(t, err, skillkeepr.ECONFLICT)

		// Privacy: the Recruiter Admin has not submitted, so sees nothing
		// of the others — not the cards, not the summary, not the row.
		_, err = s.FindInterviewRatingCards(hr, w.iv.ID)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.FindRatingSummary(hr, w.app.ID)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		sl := must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(hr, w.job.ID, skillkeepr.ShortlistPage{}))
		if len(sl.Rows) != 1 || !sl.Rows[0].Hidden || sl.Rows[0].Summary != nil || len(sl.Rows[0].Cards) != 0 {
			t.Fatalf("hidden row %+v", sl.Rows)
		}
		// The Collaborator has submitted and reads the one card in.
		if cards := must[[]*skillkeepr.RatingCard](t)(s.FindInterviewRatingCards(lead, w.iv.ID)); len(cards) != 1 {
			t.Fatalf("cards %d", len(cards))
		}
		app := must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, w.app.ID))
		if app.Status != skillkeepr.StatusInterviewScheduled {
			t.Fatalf("status after one card %s", app.Status)
		}

		// The last card moves the application to review completed.
		must[*skillkeepr.RatingCard](t)(s.SubmitRatingCard(hr, w.iv.ID, skillkeepr.RatingCardSubmission{
			Scores: fullScores(mine.Template, 2), Overall: skillkeepr.NoHire}))
		app = must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, w.app.ID))
		if app.Status != skillkeepr.StatusReviewCompleted {
			t.Fatalf("status after all cards %s", app.Status)
		}
		if k := eventKinds(t, s, rec, w.cand.ID); !slices.Contains(k, "rating_card_submitted") {
			t.Fatalf("events %v", k)
		}

		sum := must[*skillkeepr.RatingSummary](t)(s.FindRatingSummary(rec, w.app.ID))
		if sum.Cards != 2 || sum.Overall != 3 || sum.OverallLevel != 3 || len(sum.Competencies) != len(mine.Template.Competencies) ||
			sum.Competencies[0].Average != 3 || sum.Competencies[0].Count != 2 {
			t.Fatalf("summary %+v", sum)
		}
		sys := must[*skillkeepr.RatingSummary](t)(s.RatingSummaryFor(lead, w.Org.ID, w.app.ID))
		if sys.Cards != 2 {
			t.Fatalf("system summary %+v", sys)
		}
		sl = must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(rec, w.job.ID, skillkeepr.ShortlistPage{}))
		r := sl.Rows[0]
		if r.Hidden || r.CardsSubmitted != 2 || r.CardsExpected != 2 || r.Spread != 2 || len(r.Disagreement) == 0 || len(r.Cards) != 2 {
			t.Fatalf("row %+v", r)
		}

		// A reminder for a submitted card does nothing.
		before := len(w.enq.Tasks())
		ok(t, s.RemindRatingCard(lead, w.Org.ID, mine.ID, 1))
		if len(w.enq.Tasks()) != before {
			t.Fatal("a reminder for a submitted card sent something")
		}

		// Another organisation sees none of it.
		other := SeedTestOrg(t, s, "Other")
		_, err = s.FindInterviewShortlist(other.Ctx(other.SuperAdmin), w.job.ID, skillkeepr.ShortlistPage{})
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindRatingSummary(other.Ctx(other.SuperAdmin), w.app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindMyRatingCard(other.Ctx(other.SuperAdmin), w.iv.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		if _, err := s.RatingSummaryFor(lead, other.Org.ID, w.app.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Fatalf("system summary of another organisation: %v", err)
		}
	})
}

func TestRatingCardReminders(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCardWorld(t, s, "Acme")
		s.SetRatingCardReminder(2 * time.Hour)
		must[int](t)(s.OpenDueRatingCards(w.Ctx(w.Collaborator)))
		card := must[*skillkeepr.RatingCard](t)(s.FindMyRatingCard(w.Ctx(w.Collaborator), w.iv.ID))
		bell := func() []*skillkeepr.Notification {
			ns, _, err := s.FindNotifications(w.Ctx(w.Collaborator), skillkeepr.NotificationFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var out []*skillkeepr.Notification
			for _, n := range ns {
				if n.Kind == skillkeepr.NotifyRatingCard {
					out = append(out, n)
				}
			}
			return out
		}
		if ns := bell(); len(ns) != 1 || ns[0].Link != fmt.Sprintf("/interviews/%d/card", w.iv.ID) {
			t.Fatalf("bell after the cards opened: %+v", ns)
		}
		before := len(w.enq.Emails())
		ok(t, s.RemindRatingCard(w.Ctx(w.Collaborator), w.Org.ID, card.ID, 1))
		mails := w.enq.Emails()
		if len(mails) != before+1 || mails[len(mails)-1].To[0] != w.Collaborator.Email {
			t.Fatalf("reminder emails %+v", mails[before:])
		}
		if ns := bell(); len(ns) != 2 || !strings.Contains(ns[0].Title, "still missing") {
			t.Fatalf("bell after a reminder: %+v", ns)
		}
		var next *skillkeepr.RatingCardReminderTask
		for _, task := range w.enq.Tasks() {
			if r, ok := task.(skillkeepr.RatingCardReminderTask); ok && r.Reminder == 2 {
				next = &r
			}
		}
		if next == nil || !next.DueAt.Equal(w.base.Add(3*time.Hour)) {
			t.Fatalf("next reminder %+v", next)
		}
		// The last reminder schedules no other.
		n := len(w.enq.Tasks())
		ok(t, s.RemindRatingCard(w.Ctx(w.Collaborator), w.Org.ID, card.ID, skillkeepr.MaxRatingCardReminder))
		if got := len(w.enq.Tasks()); got != n+1 {
			t.Fatalf("last reminder enqueued %d tasks, want 1 email", got-n)
		}
	})
}

func TestRatingCardTemplateVersions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCardWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)
		tmpl := must[*skillkeepr.RatingCardTemplate](t)(s.CreateRatingCardTemplate(rec, w.job.ID, ""))
		if !tmpl.IsDefault || tmpl.Version != 1 || tmpl.FamilyID != tmpl.ID {
			t.Fatalf("template %+v", tmpl)
		}
		// Unused: edited in place.
		u := skillkeepr.RatingCardTemplateUpdate{Name: "Backend card", IsDefault: true,
			Competencies: append(tmpl.Competencies, skillkeepr.Competency{Name: "Ownership"})}
		same := must[*skillkeepr.RatingCardTemplate](t)(s.UpdateRatingCardTemplate(rec, tmpl.ID, u))
		if same.ID != tmpl.ID || same.Version != 1 || len(same.Competencies) != len(tmpl.Competencies)+1 || same.Competencies[len(u.Competencies)-1].Anchors[3] == "" {
			t.Fatalf("edited %+v", same)
		}
		// A card uses it: the edit makes version 2, the card keeps version 1.
		must[int](t)(s.OpenDueRatingCards(rec))
		card := must[*skillkeepr.RatingCard](t)(s.FindMyRatingCard(w.Ctx(w.Collaborator), w.iv.ID))
		if card.TemplateID != tmpl.ID {
			t.Fatalf("card uses template %d, want %d", card.TemplateID, tmpl.ID)
		}
		u.Name = "Backend card v2"
		u.Competencies = u.Competencies[:1]
		v2 := must[*skillkeepr.RatingCardTemplate](t)(s.UpdateRatingCardTemplate(rec, tmpl.ID, u))
		if v2.ID == tmpl.ID || v2.Version != 2 || v2.FamilyID != tmpl.ID || !v2.IsDefault || !v2.Current {
			t.Fatalf("version 2 %+v", v2)
		}
		old := must[*skillkeepr.RatingCardTemplate](t)(s.FindRatingCardTemplateByID(rec, tmpl.ID))
		if old.Current || old.Name != "Backend card" || len(old.Competencies) != len(same.Competencies) {
			t.Fatalf("version 1 changed: %+v", old)
		}
		_, err := s.UpdateRatingCardTemplate(rec, tmpl.ID, u)
		wantCode(t, err, skillkeepr.ECONFLICT)
		list := must[[]*skillkeepr.RatingCardTemplate](t)(s.FindRatingCardTemplates(rec, w.job.ID))
		if len(list) != 1 || list[0].ID != v2.ID {
			t.Fatalf("current templates %+v", list)
		}
		card = must[*skillkeepr.RatingCard](t)(s.FindMyRatingCard(w.Ctx(w.Collaborator), w.iv.ID))
		if card.Template.ID != tmpl.ID || len(card.Template.Competencies) != len(same.Competencies) {
			t.Fatalf("the card's template changed under it: %+v", card.Template)
		}
		// Bad input.
		_, err = s.UpdateRatingCardTemplate(rec, v2.ID, skillkeepr.RatingCardTemplateUpdate{Name: " "})
		wantCode(t, err, skillkeepr.EINVALID)
	})
}

// TestRatingCardPermissions checks every rating card action by role.
func TestRatingCardPermissions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCardWorld(t, s, "Acme")
		must[int](t)(s.OpenDueRatingCards(w.Ctx(w.SuperAdmin)))
		// A job of Design, not assigned to anyone: only admins see it.
		design := must[*skillkeepr.Job](t)(s.CreateJob(w.Ctx(w.SuperAdmin), jobFieldsFor("Designer", w.Design.ID)))
		roles := []struct {
			name                       string
			u                          *skillkeepr.User
			editOwn, editOther, viewSL bool
			otherSL                    skillkeepr.ErrorCode
			rate                       skillkeepr.ErrorCode
		}{
			{"super admin", w.SuperAdmin, true, true, true, "", skillkeepr.EFORBIDDEN},
			{"recruiter admin", w.RecruiterAdmin, true, true, true, "", ""},
			{"recruiter (assigned)", w.Recruiter, true, false, true, skillkeepr.ENOTFOUND, skillkeepr.EFORBIDDEN},
			{"collaborator (own department)", w.Collaborator, true, false, true, skillkeepr.ENOTFOUND, ""},
		}
		for _, r := range roles {
			ctx := w.Ctx(r.u)
			_, err := s.CreateRatingCardTemplate(ctx, w.job.ID, "By "+r.name)
			if (err == nil) != r.editOwn {
				t.Errorf("%s creating a card on the Engineering job: %v", r.name, err)
			}
			_, err = s.CreateRatingCardTemplate(ctx, design.ID, "By "+r.name)
			if (err == nil) != r.editOther {
				t.Errorf("%s creating a card on the Design job: %v", r.name, err)
			}
			_, err = s.FindInterviewShortlist(ctx, w.job.ID, skillkeepr.ShortlistPage{})
			if (err == nil) != r.viewSL {
				t.Errorf("%s opening the shortlist: %v", r.name, err)
			}
			_, err = s.FindInterviewShortlist(ctx, design.ID, skillkeepr.ShortlistPage{})
			if skillkeepr.ErrorCodeOf(err) != r.otherSL {
				t.Errorf("%s opening the Design shortlist: %v, want %q", r.name, err, r.otherSL)
			}
			_, err = s.FindMyRatingCard(ctx, w.iv.ID)
			if skillkeepr.ErrorCodeOf(err) != r.rate {
				t.Errorf("%s opening their card: %v, want %q", r.name, err, r.rate)
			}
		}
	})
}

func TestSummarizeAndDisagreement(t *testing.T) {
	t.Parallel()
	card := func(overall int, scores ...int) *skillkeepr.RatingCard {
		c := &skillkeepr.RatingCard{Status: skillkeepr.CardSubmitted, Overall: overall}
		for i, s := range scores {
			c.Scores = append(c.Scores, skillkeepr.CardScore{Competency: []string{"Go", "SQL"}[i], Score: s})
		}
		return c
	}
	pending := &skillkeepr.RatingCard{Status: skillkeepr.CardPending}
	tests := []struct {
		name    string
		cards   []*skillkeepr.RatingCard
		overall float64
		level   int
		spread  int
		reasons int
	}{
		{"one card", []*skillkeepr.RatingCard{card(3, 3, 2)}, 3, 3, 0, 0},
		{"pending ignored", []*skillkeepr.RatingCard{card(4, 4, 4), pending}, 4, 4, 0, 0},
		{"half rounds up", []*skillkeepr.RatingCard{card(2, 2, 2), card(3, 3, 3)}, 2.5, 3, 1, 0},
		{"hire vs no hire on overall", []*skillkeepr.RatingCard{card(2, 3, 3), card(4, 3, 3)}, 3, 3, 2, 1},
		{"competency split", []*skillkeepr.RatingCard{card(3, 1, 3), card(3, 4, 3)}, 3, 3, 0, 1},
		{"three cards", []*skillkeepr.RatingCard{card(1, 1, 1), card(2, 2, 2), card(4, 4, 4)}, 2.33, 2, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := skillkeepr.SummarizeCards(tt.cards)
			if sum.Overall != tt.overall || sum.OverallLevel != tt.level {
				t.Errorf("summary %+v, want overall %v level %d", sum, tt.overall, tt.level)
			}
			spread, reasons := skillkeepr.Disagreement(tt.cards)
			if spread != tt.spread || len(reasons) != tt.reasons {
				t.Errorf("spread %d reasons %q, want %d and %d", spread, reasons, tt.spread, tt.reasons)
			}
		})
	}
	if skillkeepr.SummarizeCards([]*skillkeepr.RatingCard{pending}) != nil {
		t.Error("no submitted card should give no summary")
	}
}

// Cards of an interview marked a no-show after they opened are owed by
// nobody: not listed, not reminded of, no row on the shortlist.
func TestRatingCardsOfANoShow(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCardWorld(t, s, "Acme")
		lead := w.Ctx(w.Collaborator)
		card := must[*skillkeepr.RatingCard](t)(s.FindMyRatingCard(lead, w.iv.ID))
		if mine := must[[]*skillkeepr.RatingCard](t)(s.FindMyRatingCards(lead)); len(mine) != 1 {
			t.Fatalf("my cards %d", len(mine))
		}
		must[*skillkeepr.Interview](t)(s.MarkInterviewNoShow(lead, w.iv.ID))
		if mine := must[[]*skillkeepr.RatingCard](t)(s.FindMyRatingCards(lead)); len(mine) != 0 {
			t.Fatalf("cards of a no-show still listed: %+v", mine[0])
		}
		before := len(w.enq.Tasks())
		ok(t, s.RemindRatingCard(lead, w.Org.ID, card.ID, 1))
		if len(w.enq.Tasks()) != before {
			t.Fatal("reminded of a card of a no-show")
		}
		if sl := must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(w.Ctx(w.Recruiter), w.job.ID, skillkeepr.ShortlistPage{})); sl.Total != 0 {
			t.Fatalf("a no-show on the shortlist: %+v", sl.Rows)
		}
	})
}

func TestInterviewShortlistPages(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		o := SeedTestOrg(t, s, "Acme")
		job := must[*skillkeepr.Job](t)(s.CreateJob(o.Ctx(o.SuperAdmin), jobFieldsFor("Backend", o.Engineering.ID)))
		SeedRatedInterviews(t, s, o, job, 7, []int64{o.Collaborator.ID, o.RecruiterAdmin.ID, o.SuperAdmin.ID})
		ctx := o.Ctx(o.RecruiterAdmin)
		first := must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(ctx, job.ID, skillkeepr.ShortlistPage{Limit: 3}))
		second := must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(ctx, job.ID, skillkeepr.ShortlistPage{Offset: 3, Limit: 3}))
		last := must[*skillkeepr.InterviewShortlist](t)(s.FindInterviewShortlist(ctx, job.ID, skillkeepr.ShortlistPage{Offset: 6, Limit: 3}))
		if first.Total != 7 || len(first.Rows) != 3 || len(second.Rows) != 3 || len(last.Rows) != 1 || second.Offset != 3 {
			t.Fatalf("pages: %d %d/%d/%d", first.Total, len(first.Rows), len(second.Rows), len(last.Rows))
		}
		// Newest interview first, no row twice; every row has its 3 cards.
		if !first.Rows[2].LastActivity.After(second.Rows[0].LastActivity) || first.Rows[0].CandidateName != "Rated Candidate 0" {
			t.Fatalf("order: %v then %v (%s)", first.Rows[2].LastActivity, second.Rows[0].LastActivity, first.Rows[0].CandidateName)
		}
		for _, r := range append(append(first.Rows, second.Rows...), last.Rows...) {
			if r.CardsSubmitted != 3 || len(r.Cards) != 3 || r.Summary == nil || r.Summary.Cards != 3 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}

func TestCountUpcomingInterviews(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		s.SetEnqueuer(&RecordingEnqueuer{})
		must[*skillkeepr.Interview](t)(s.BookInterview(w.Ctx(w.Recruiter), w.booking(w.base, 45, w.RecruiterAdmin)))
		// The Collaborator sees the job (own department) but is not on the interview.
		if n := must[int](t)(s.CountUpcomingInterviews(w.Ctx(w.Collaborator), w.app.ID)); n != 1 {
			t.Fatalf("upcoming %d, want 1", n)
		}
		s.now = func() time.Time { return w.base.Add(2 * time.Hour) }
		if n := must[int](t)(s.CountUpcomingInterviews(w.Ctx(w.Collaborator), w.app.ID)); n != 0 {
			t.Fatalf("upcoming after the end %d, want 0", n)
		}
		other := SeedTestOrg(t, s, "Other")
		_, err := s.CountUpcomingInterviews(other.Ctx(other.SuperAdmin), w.app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
	})
}
