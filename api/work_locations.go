package api

import (
	"net/http"
)

// WorkLocations is where a candidate said they can work ("Berlin",
// "remote"): the only input of a job's location criterion.
type WorkLocations struct {
	WorkLocations []string `json:"work_locations"`
}

func (a *API) getWorkLocations(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	places, err := a.svc.Shortlist.CandidateWorkLocations(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, WorkLocations{WorkLocations: nonNil(places)})
}

func (a *API) putWorkLocations(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	var in WorkLocations
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	places, err := a.svc.Shortlist.SetWorkLocations(r.Context(), id, in.WorkLocations)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, WorkLocations{WorkLocations: nonNil(places)})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
