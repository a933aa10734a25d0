package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// ApplicationStatusChange moves an application to a status, with a note
// for the timeline.
type ApplicationStatusChange struct {
	Status skillkeepr.ApplicationStatus `json:"status"`
	Note   string                       `json:"note,omitempty"`
}

// MaxNoteLength is the longest note accepted with a status change.
const MaxNoteLength = 10000

func (a *API) getApplication(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	app, err := a.svc.Applications.FindApplicationByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, app)
}

func (a *API) putApplicationStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	var in ApplicationStatusChange
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	v := skillkeepr.Validation{}
	v.Check(in.Status.Valid(), "status", "Choose a status from the list.")
	v.Check(len(in.Note) <= MaxNoteLength, "note", "Use at most 10,000 characters.")
	if err := v.Err(); err != nil {
		return err
	}
	app, err := a.svc.Applications.SetApplicationStatus(r.Context(), id, in.Status, in.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, app)
}
