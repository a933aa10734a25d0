package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type shortlistData struct {
	Job        *skillkeepr.Job
	Shortlist  *skillkeepr.Shortlist
	Ranked     []rankedRow // this page of the candidates not marked "not a fit"
	RankedAll  int
	Pager      pager
	NotFit     []*skillkeepr.ShortlistEntry
	Selected   map[int64]bool
	Top        int
	Min        int
	CanManage  bool // shortlist, not a fit, blind review
	CanUnmask  bool
	Unscored   int
	OwnBlind   string // "", "on", "off"
	Suggestion string // what the pre-selection did, in words
}

// maxCompare is how many candidates are compared side by side.
const maxCompare = 3

// shortlistPageSize is how many ranked candidates one page shows: every
// row carries its evidence, so a page of a thousand would be megabytes.
const shortlistPageSize = 100

// rankedRow is a candidate on the shortlist with their place in the ranking.
type rankedRow struct {
	*skillkeepr.ShortlistEntry
	Pos int
}

func (s *Server) shortlistPage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActViewJob)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	sl, err := s.svc.Shortlist.JobShortlist(ctx, job.ID)
	if err != nil {
		return err
	}
	own, _, err := s.svc.Shortlist.JobBlindReview(ctx, job.ID)
	if err != nil {
		return err
	}
	t := skillkeepr.Target{Job: job}
	d := shortlistData{Job: job, Shortlist: sl, Selected: map[int64]bool{},
		CanManage: skillkeepr.Can(a, skillkeepr.ActManageCandidates, t), CanUnmask: skillkeepr.Can(a, skillkeepr.ActUnmask, t)}
	if own != nil {
		d.OwnBlind = map[bool]string{true: "on", false: "off"}[*own]
	}
	var ranked []*skillkeepr.ShortlistEntry
	for _, e := range sl.Entries {
		if e.NotFit != nil {
			d.NotFit = append(d.NotFit, e)
			continue
		}
		ranked = append(ranked, e)
		if e.Score == nil {
			d.Unscored++
		}
	}
	d.RankedAll = len(ranked)
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	pages := max(1, (len(ranked)+shortlistPageSize-1)/shortlistPageSize)
	page = min(max(page, 1), pages)
	first := (page - 1) * shortlistPageSize
	for i, e := range ranked[first:min(first+shortlistPageSize, len(ranked))] {
		d.Ranked = append(d.Ranked, rankedRow{ShortlistEntry: e, Pos: first + i + 1})
	}
	d.Pager = pager{Page: page, Pages: pages, Total: len(ranked)}
	link := func(n int) string {
		v := url.Values{"page": {strconv.Itoa(n)}}
		return r.URL.Path + "?" + v.Encode()
	}
	if page > 1 {
		d.Pager.PrevURL = link(page - 1)
	}
	if page < pages {
		d.Pager.NextURL = link(page + 1)
	}
	// "Suggest top N" and the threshold only tick boxes: nothing is done
	// until a person presses Shortlist. They work on the page shown; top
	// N starts from the best.
	if n, err := strconv.Atoi(q.Get("top")); err == nil && n > 0 {
		d.Top = min(n, shortlistPageSize)
		picked := 0
		for _, e := range d.Ranked {
			if picked == d.Top {
				break
			}
			if scored(e.ShortlistEntry) && e.Status == skillkeepr.StatusNew {
				d.Selected[e.ApplicationID] = true
				picked++
			}
		}
		d.Suggestion = fmt.Sprintf("The %d best-scoring new candidates on this page are ticked. Nothing has been done yet: check them, then press Shortlist.", picked)
	}
	if m, err := strconv.Atoi(q.Get("min")); err == nil && m > 0 && m <= 100 {
		d.Min = m
		picked := 0
		for _, e := range d.Ranked {
			if scored(e.ShortlistEntry) && e.Status == skillkeepr.StatusNew && e.Score.Score >= m {
				d.Selected[e.ApplicationID] = true
				picked++
			}
		}
		d.Suggestion = fmt.Sprintf("%d new candidates on this page scoring %d or more are ticked. Nothing has been done yet: check them, then press Shortlist.", picked, m)
	}
	return s.render(w, r, http.StatusOK, "shortlist", "Shortlist — "+job.DisplayNumber()+" "+job.Title, d)
}

func scored(e *skillkeepr.ShortlistEntry) bool {
	return e.Score != nil && e.Score.State == skillkeepr.ScoreScored
}

type compareData struct {
	Job      *skillkeepr.Job
	Criteria *skillkeepr.JobCriteria
	Entries  []*skillkeepr.ShortlistEntry
}

// shortlistAction handles the shortlist form: Shortlist the ticked
// candidates, or compare them side by side.
func (s *Server) shortlistAction(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActViewJob)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ids := formInt64s(r, "app")
	back := "/jobs/" + strconv.FormatInt(job.ID, 10) + "/shortlist"
	switch r.PostFormValue("do") {
	case "compare":
		if len(ids) < 2 || len(ids) > maxCompare {
			s.setFlash(w, "!Tick two or three candidates to compare them side by side.")
			return redirect(w, r, back)
		}
		d := compareData{Job: job}
		for _, id := range ids {
			e, err := s.svc.Shortlist.ApplicationEntry(ctx, id)
			if err != nil {
				return err
			}
			d.Entries = append(d.Entries, e)
		}
		if d.Criteria, err = s.svc.Shortlist.JobCriteria(ctx, job.ID); err != nil {
			return err
		}
		return s.render(w, r, http.StatusOK, "shortlistcompare", "Compare candidates — "+job.DisplayNumber(), d)
	case "shortlist":
		if len(ids) == 0 {
			s.setFlash(w, "!Tick at least one candidate to shortlist.")
			return redirect(w, r, back)
		}
		done := 0
		for _, id := range ids {
			app, err := s.svc.Applications.FindApplicationByID(ctx, id)
			if err != nil {
				return err
			}
			if app.JobID != job.ID {
				return skillkeepr.NotFound("Application")
			}
			if app.Status == skillkeepr.StatusShortlisted {
				continue
			}
			if _, err := s.svc.Applications.SetApplicationStatus(ctx, id, skillkeepr.StatusShortlisted, ""); err != nil {
				return err
			}
			done++
		}
		s.setFlash(w, plural(done, "candidate", "candidates")+" shortlisted.")
		return redirect(w, r, back)
	}
	return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Choose Shortlist or Compare."}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// backTo returns the local page named in the form's "next", or fallback.
func backTo(r *http.Request, fallback string) string {
	if n := r.PostFormValue("next"); n != "" {
		return localPath(n)
	}
	return fallback
}

func (s *Server) markNotFit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	e, err := s.svc.Shortlist.MarkNotFit(r.Context(), id, r.PostFormValue("reason"))
	if err != nil {
		return err
	}
	s.setFlash(w, e.DisplayName()+" is marked not a fit. You can take this back on the shortlist.")
	return redirect(w, r, backTo(r, "/candidates/"+strconv.FormatInt(e.CandidateID, 10)))
}

func (s *Server) clearNotFit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	e, err := s.svc.Shortlist.ClearNotFit(r.Context(), id)
	if err != nil {
		return err
	}
	s.setFlash(w, "\"Not a fit\" was taken back for "+e.DisplayName()+".")
	return redirect(w, r, backTo(r, "/candidates/"+strconv.FormatInt(e.CandidateID, 10)))
}

func (s *Server) unmaskApplication(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Confirm that you want to see who this candidate is.",
			Fields: map[string]string{"confirm": "Tick the box to confirm."}}
	}
	e, err := s.svc.Shortlist.UnmaskApplication(r.Context(), id)
	if err != nil {
		return err
	}
	s.setFlash(w, "You can now see who this candidate is: "+e.DisplayName()+". This was recorded in the audit log.")
	return redirect(w, r, backTo(r, "/candidates/"+strconv.FormatInt(e.CandidateID, 10)))
}

func (s *Server) setJobBlindReview(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActManageCandidates)
	if err != nil {
		return err
	}
	var on *bool
	switch r.PostFormValue("blind_review") {
	case "on":
		on = new(true)
	case "off":
		on = new(false)
	case "", "org":
	default:
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Choose a blind review setting from the list.",
			Fields: map[string]string{"blind_review": "Choose a setting from the list."}}
	}
	if _, err := s.svc.Shortlist.SetJobBlindReview(r.Context(), job.ID, on); err != nil {
		return err
	}
	s.setFlash(w, "Blind review setting saved.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10)+"/shortlist")
}

// evidenceLines returns, per résumé line number, the criteria it is
// evidence for, from the scores of the candidate's applications.
func evidenceLines(entries []*skillkeepr.ShortlistEntry) map[int][]string {
	out := map[int][]string{}
	for _, e := range entries {
		if e.Score == nil {
			continue
		}
		for _, c := range e.Score.Criteria {
			for _, ev := range c.Evidence {
				if !containsString(out[ev.Line], c.Criterion.Label) {
					out[ev.Line] = append(out[ev.Line], c.Criterion.Label)
				}
			}
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// maskMessage hides a candidate's names and résumé file names in a timeline
// message shown during blind review.
func maskMessage(msg string, c *skillkeepr.Candidate) string {
	for _, f := range c.Resumes {
		msg = strings.ReplaceAll(msg, f.FileName, "[file name hidden]")
	}
	for _, n := range strings.Fields(c.Name) {
		if len([]rune(n)) >= 2 {
			msg = strings.ReplaceAll(msg, n, "[name]")
		}
	}
	return msg
}

// maskRows hides the names and emails of masked candidates in a list of
// candidates during blind review.
func (s *Server) maskRows(r *http.Request, rows []*skillkeepr.CandidateRow) error {
	ctx := r.Context()
	masked := map[int64]map[int64]int{} // job → application → number
	for _, row := range rows {
		nums, ok := masked[row.JobID]
		if !ok {
			var err error
			if nums, err = s.svc.Shortlist.MaskedNumbers(ctx, row.JobID); err != nil {
				return err
			}
			masked[row.JobID] = nums
		}
		if n, ok := nums[row.ApplicationID]; ok {
			row.Name, row.Email, row.Masked = fmt.Sprintf("Candidate %d", n), "", true
		}
	}
	return nil
}

type applicationActionData struct {
	Action string // "unmask" or "not_fit"
	Job    *skillkeepr.Job
	Entry  *skillkeepr.ShortlistEntry
	Next   string
}

// applicationActionPage asks for the reason of "not a fit", or for the
// confirmation of unmasking, on a page of its own.
func (s *Server) applicationActionPage(action string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "Application")
		if err != nil {
			return err
		}
		ctx := r.Context()
		e, err := s.svc.Shortlist.ApplicationEntry(ctx, id)
		if err != nil {
			return err
		}
		app, err := s.svc.Applications.FindApplicationByID(ctx, id)
		if err != nil {
			return err
		}
		act := skillkeepr.ActManageCandidates
		if action == "unmask" {
			act = skillkeepr.ActUnmask
		}
		job, err := s.svc.Jobs.FindJobByID(ctx, app.JobID)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(skillkeepr.ActorFrom(ctx), act, skillkeepr.Target{Job: job}); err != nil {
			return err
		}
		d := applicationActionData{Action: action, Job: job, Entry: e, Next: "/jobs/" + strconv.FormatInt(job.ID, 10) + "/shortlist"}
		title := "Not a fit"
		if action == "unmask" {
			title = "Show who this candidate is"
		}
		return s.render(w, r, http.StatusOK, "applicationaction", title, d)
	}
}
