package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// Push to Lever: the Push button and push status of recommended
// candidates (candidate page, job page), and the Change Job Stage dialog
// at /applications/{id}/push. The dialog takes ?return=<path> so that any
// screen (the Interview Shortlist too) can open it and get the person back.

// pushCell is the push status and buttons of one application.
type pushCell struct {
	AppID    int64
	Push     *skillkeepr.LeverPush
	CanPush  bool // recommended, never pushed: Push
	CanRetry bool // failed: Retry
	CSRF     string
	Return   string
}

// pushCellFor builds the push cell of an application whose job is linked
// to Lever.
func pushCellFor(r *http.Request, appID int64, status skillkeepr.ApplicationStatus, push *skillkeepr.LeverPush, manage bool) pushCell {
	c := pushCell{AppID: appID, Push: push, Return: r.URL.RequestURI()}
	if sess := sessionFrom(r.Context()); sess != nil {
		c.CSRF = sess.CSRFToken
	}
	c.CanPush = manage && push == nil && status == skillkeepr.StatusRecommended
	c.CanRetry = manage && push != nil && push.State == skillkeepr.PushFailed
	return c
}

// leverLinked reports whether the job was imported from Lever.
func (s *Server) leverLinked(ctx context.Context, jobID int64) (bool, error) {
	if s.cfg.LeverJobs == nil || s.cfg.LeverPushes == nil {
		return false, nil
	}
	_, err := s.cfg.LeverJobs.LeverJobLink(ctx, jobID)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		return true, nil
	case skillkeepr.ENOTFOUND:
		return false, nil
	}
	return false, err
}

// fillCandidatePush adds the push cell to an application on the
// candidate page.
func (s *Server) fillCandidatePush(r *http.Request, v *applicationView, job *skillkeepr.Job) error {
	ctx := r.Context()
	linked, err := s.leverLinked(ctx, job.ID)
	if err != nil || !linked {
		return err
	}
	p, err := s.cfg.LeverPushes.LeverPush(ctx, v.ID)
	if err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return err
	}
	if p == nil && v.Status != skillkeepr.StatusRecommended {
		return nil
	}
	manage := skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job})
	c := pushCellFor(r, v.ID, v.Status, p, manage)
	v.Push = &c
	return nil
}

// fillJobPushes adds the push cells of a Lever job's candidate list.
func (s *Server) fillJobPushes(r *http.Request, d *jobData) error {
	if d.Lever == nil || s.cfg.LeverPushes == nil {
		return nil
	}
	ctx := r.Context()
	ps, err := s.cfg.LeverPushes.LeverPushes(ctx, d.Job.ID)
	if err != nil {
		return err
	}
	manage := skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActManageCandidates, skillkeepr.Target{Job: d.Job})
	d.PushCells = map[int64]pushCell{}
	for _, g := range d.Groups {
		for _, row := range g.Rows {
			if p := ps[row.ApplicationID]; p != nil || row.Status == skillkeepr.StatusRecommended {
				d.PushCells[row.ApplicationID] = pushCellFor(r, row.ApplicationID, row.Status, p, manage)
			}
		}
	}
	return nil
}

type pushDialogData struct {
	Dialog  *skillkeepr.LeverPushDialog
	Return  string
	Fields  map[string]string
	StageID string // the stage selected
}

func (s *Server) leverPushes() (skillkeepr.LeverPushes, error) {
	if s.cfg.LeverPushes == nil {
		return nil, skillkeepr.NotFound("Page")
	}
	return s.cfg.LeverPushes, nil
}

func returnPath(r *http.Request, d *skillkeepr.LeverPushDialog) string {
	if p := r.FormValue("return"); p != "" {
		return localPath(p)
	}
	return "/candidates/" + strconv.FormatInt(d.CandidateID, 10)
}

// leverPushPage is the Change Job Stage dialog.
func (s *Server) leverPushPage(w http.ResponseWriter, r *http.Request) error {
	lp, err := s.leverPushes()
	if err != nil {
		return err
	}
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	d, err := lp.LeverPushDialog(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "leverpush", "Change Job Stage", pushDialogData{Dialog: d, Return: returnPath(r, d), StageID: d.DefaultStageID})
}

// leverPush is Done in the dialog, and Retry of a failed push.
func (s *Server) leverPush(w http.ResponseWriter, r *http.Request) error {
	lp, err := s.leverPushes()
	if err != nil {
		return err
	}
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	ctx := r.Context()
	stage := r.PostFormValue("stage_id")
	p, err := lp.PushToLever(ctx, id, stage)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID || len(skillkeepr.ErrorFields(err)) == 0 {
			return err
		}
		d, derr := lp.LeverPushDialog(ctx, id)
		if derr != nil {
			return err
		}
		return s.render(w, r, http.StatusBadRequest, "leverpush", "Change Job Stage",
			pushDialogData{Dialog: d, Return: returnPath(r, d), Fields: skillkeepr.ErrorFields(err), StageID: stage})
	}
	s.setFlash(w, "Push to Lever "+string(p.State)+": the candidate moves to stage \""+p.StageName+"\" in Lever with the tag, a note and the rating. The status shows here when it is done.")
	back := "/candidates/" + strconv.FormatInt(p.CandidateID, 10)
	if v := r.PostFormValue("return"); v != "" {
		back = localPath(v)
	}
	return redirect(w, r, back)
}
