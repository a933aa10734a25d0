package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

func (a *API) leverImports() (skillkeepr.LeverCandidateImports, error) {
	if a.cfg.LeverImports == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to import candidates from Lever.")
	}
	return a.cfg.LeverImports, nil
}

// leverImportsFor returns the import service and the id in the path, which
// names a thing of kind what ("Job" or "Import").
func (a *API) leverImportsFor(r *http.Request, what string) (skillkeepr.LeverCandidateImports, int64, error) {
	li, err := a.leverImports()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r, "id", what)
	return li, id, err
}

func (a *API) startLeverImport(w http.ResponseWriter, r *http.Request) error {
	li, id, err := a.leverImportsFor(r, "Job")
	if err != nil {
		return err
	}
	run, err := li.StartLeverImport(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, run)
}

func (a *API) listLeverImports(w http.ResponseWriter, r *http.Request) error {
	li, id, err := a.leverImportsFor(r, "Job")
	if err != nil {
		return err
	}
	runs, err := li.LeverImportRuns(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(runs, len(runs)))
}

func (a *API) getLeverImport(w http.ResponseWriter, r *http.Request) error {
	li, id, err := a.leverImportsFor(r, "Import")
	if err != nil {
		return err
	}
	run, err := li.LeverImportRun(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, run)
}

func (a *API) retryLeverImport(w http.ResponseWriter, r *http.Request) error {
	li, id, err := a.leverImportsFor(r, "Import")
	if err != nil {
		return err
	}
	q := newQuery(r)
	entry := q.id("entry_id")
	if err := q.err(); err != nil {
		return err
	}
	run, err := li.RetryLeverImport(r.Context(), id, entry)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, run)
}
