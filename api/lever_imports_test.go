package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversync"
)

type importRunList struct {
	Data  []skillkeepr.LeverImportRun `json:"data"`
	Total int                         `json:"total"`
}

// workImports runs the import tasks enqueued so far, as the queue would.
func (e *env) workImports(t *testing.T, done *int) {
	t.Helper()
	tasks := e.enq.Tasks()
	ci := leversync.NewCandidates(e.conn, e.st)
	for _, task := range tasks[*done:] {
		if it, ok := task.(skillkeepr.LeverCandidateImportTask); ok {
			if err := ci.RunLeverImport(context.Background(), it.OrgID, it.RunID, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	*done = len(tasks)
}

func TestLeverCandidateImportAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		sb := withLever(t, e)
		hr := e.a.RecruiterAdmin
		p := sb.Postings()[0]
		d, err := leversync.NewJobs(e.conn, e.st).LeverJobDraft(ctxAs(hr), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		d.Fields.DepartmentID = e.a.Engineering.ID
		job, err := leversync.NewJobs(e.conn, e.st).ImportLeverJob(ctxAs(hr), skillkeepr.LeverJobImport{PostingID: p.ID, Fields: d.Fields, StageMapping: d.StageMapping})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/jobs/%d/lever/imports", job.ID)
		decode[skillkeepr.Error](t, e.do(e.a.Collaborator, "POST", path, nil), 403)
		decode[skillkeepr.Error](t, e.do(e.a.Recruiter, "POST", path, nil), 404)
		run := decode[skillkeepr.LeverImportRun](t, e.do(hr, "POST", path, nil), 202)
		if run.State != skillkeepr.ImportRunning || run.JobID != job.ID {
			t.Fatalf("run %+v", run)
		}
		done := 0
		e.workImports(t, &done)
		runPath := fmt.Sprintf("/api/v1/lever/imports/%d", run.ID)
		got := decode[skillkeepr.LeverImportRun](t, e.do(hr, "GET", runPath, nil), 200)
		if got.State != skillkeepr.ImportCompleted || got.Found != 1 || got.Imported != 1 || len(got.Entries) != 1 || got.Entries[0].CandidateName == "" {
			t.Fatalf("after the run %+v", got)
		}
		l := decode[importRunList](t, e.do(e.a.Collaborator, "GET", path, nil), 200)
		if l.Total != 1 || l.Data[0].ID != run.ID {
			t.Fatalf("runs %+v", l)
		}
		decode[skillkeepr.Error](t, e.do(e.b.SuperAdmin, "GET", runPath, nil), 404)
		decode[skillkeepr.Error](t, e.do(e.b.SuperAdmin, "POST", runPath+"/retry", nil), 404)
		decode[skillkeepr.Error](t, e.do(e.a.Collaborator, "POST", runPath+"/retry", nil), 403)
		decode[skillkeepr.Error](t, e.do(hr, "POST", runPath+"/retry?entry_id=x", nil), 400)
		again := decode[skillkeepr.LeverImportRun](t, e.do(hr, "POST", runPath+"/retry", nil), 202)
		if again.State != skillkeepr.ImportRunning {
			t.Fatalf("retry %+v", again)
		}
		e.workImports(t, &done)
		got = decode[skillkeepr.LeverImportRun](t, e.do(hr, "GET", runPath, nil), 200)
		if got.State != skillkeepr.ImportCompleted || got.Imported != 1 {
			t.Fatalf("after retry %+v", got)
		}
	})
}
