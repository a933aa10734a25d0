package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

type statusGroup struct {
	Status skillkeepr.ApplicationStatus
	Rows   []*skillkeepr.CandidateRow
}

type jobData struct {
	Job             *skillkeepr.Job
	Groups          []statusGroup
	Total           int
	Shown           int
	CanEdit         bool
	CanAssign       bool
	CanAddCandidate bool
	Lever           *skillkeepr.LeverJobLink // imported from Lever
	CanMapStages    bool
	CanImport       bool                       // Import Candidates
	Import          *skillkeepr.LeverImportRun // the latest import of candidates, if any
	PushCells       map[int64]pushCell         // Push to Lever, by application id; nil: no push column
}

// maxJobCandidates bounds the candidates listed on a job page.
const maxJobCandidates = 1000

func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	job, err := s.svc.Jobs.FindJobByID(ctx, id)
	if err != nil {
		return err
	}
	rows, total, err := s.svc.Candidates.FindCandidates(ctx, skillkeepr.CandidateFilter{JobID: id, Limit: maxJobCandidates})
	if err != nil {
		return err
	}
	d := jobData{Job: job, Total: total, Shown: len(rows),
		CanEdit:         skillkeepr.Can(a, skillkeepr.ActEditJob, skillkeepr.Target{Job: job}),
		CanAssign:       skillkeepr.Can(a, skillkeepr.ActAssignJob, skillkeepr.Target{Job: job}),
		CanAddCandidate: skillkeepr.Can(a, skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job}),
	}
	if s.cfg.LeverJobs != nil {
		l, err := s.cfg.LeverJobs.LeverJobLink(ctx, job.ID)
		switch skillkeepr.ErrorCodeOf(err) {
		case "":
			d.Lever = l
			d.CanMapStages = skillkeepr.Can(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{})
		case skillkeepr.ENOTFOUND:
		default:
			return err
		}
	}
	if d.Lever != nil && s.cfg.LeverImports != nil {
		if err := s.fillImport(r, &d); err != nil {
			return err
		}
	}
	if err := s.maskRows(r, rows); err != nil {
		return err
	}
	by := map[skillkeepr.ApplicationStatus][]*skillkeepr.CandidateRow{}
	for _, row := range rows {
		by[row.Status] = append(by[row.Status], row)
	}
	for _, st := range skillkeepr.ApplicationStatuses {
		if len(by[st]) > 0 {
			d.Groups = append(d.Groups, statusGroup{Status: st, Rows: by[st]})
		}
	}
	if err := s.fillJobPushes(r, &d); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "job", job.DisplayNumber()+" "+job.Title, d)
}

// jobFor loads the job named in the path and checks that the signed-in
// user may do act to it, so that a page never offers a form its submit
// would refuse (the store checks again on every change).
func (s *Server) jobFor(r *http.Request, act skillkeepr.Action) (*skillkeepr.Job, error) {
	id, err := pathID(r, "Job")
	if err != nil {
		return nil, err
	}
	job, err := s.svc.Jobs.FindJobByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(skillkeepr.ActorFrom(r.Context()), act, skillkeepr.Target{Job: job}); err != nil {
		return nil, err
	}
	return job, nil
}
