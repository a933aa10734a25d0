package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// Push to Lever and the Lever connection, settings and updates: the same
// services as the web UI's Push button, Integrations card and Settings.

// LeverPushInput is the stage chosen in the Change Job Stage dialog; empty
// on a retry keeps the stage of the failed push.
type LeverPushInput struct {
	StageID string `json:"stage_id,omitempty"`
}

// LeverAPIKeyInput connects Lever with an API key.
type LeverAPIKeyInput struct {
	APIKey string `json:"api_key"`
}

func (a *API) leverPushes() (skillkeepr.LeverPushes, error) {
	if a.cfg.LeverPushes == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to push candidates to Lever.")
	}
	return a.cfg.LeverPushes, nil
}

func (a *API) getLeverPushDialog(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	lp, err := a.leverPushes()
	if err != nil {
		return err
	}
	d, err := lp.LeverPushDialog(r.Context(), id)
	if err != nil {
		return err
	}
	if d.Stages == nil {
		d.Stages = []skillkeepr.LeverStage{}
	}
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) getLeverPush(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	lp, err := a.leverPushes()
	if err != nil {
		return err
	}
	p, err := lp.LeverPush(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (a *API) postLeverPush(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	lp, err := a.leverPushes()
	if err != nil {
		return err
	}
	var in LeverPushInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := lp.PushToLever(r.Context(), id, in.StageID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, p)
}

func (a *API) leverIntegration() (skillkeepr.LeverIntegration, error) {
	if a.cfg.Lever == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to connect to Lever.")
	}
	return a.cfg.Lever, nil
}

func (a *API) getLeverConnection(w http.ResponseWriter, r *http.Request) error {
	li, err := a.leverIntegration()
	if err != nil {
		return err
	}
	c, err := li.LeverConnection(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) putLeverAPIKey(w http.ResponseWriter, r *http.Request) error {
	li, err := a.leverIntegration()
	if err != nil {
		return err
	}
	var in LeverAPIKeyInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := li.ConnectAPIKey(r.Context(), in.APIKey)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) deleteLeverConnection(w http.ResponseWriter, r *http.Request) error {
	li, err := a.leverIntegration()
	if err != nil {
		return err
	}
	if err := li.Disconnect(r.Context()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) leverWrites() (skillkeepr.LeverWriteSettingsService, error) {
	if a.cfg.LeverWrites == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to write to Lever.")
	}
	return a.cfg.LeverWrites, nil
}

func (a *API) getLeverSettings(w http.ResponseWriter, r *http.Request) error {
	lw, err := a.leverWrites()
	if err != nil {
		return err
	}
	ws, err := lw.LeverWriteSettings(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ws)
}

func (a *API) putLeverSettings(w http.ResponseWriter, r *http.Request) error {
	lw, err := a.leverWrites()
	if err != nil {
		return err
	}
	var in skillkeepr.LeverWriteSettings
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ws, err := lw.UpdateLeverWriteSettings(r.Context(), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ws)
}

func (a *API) postLeverUpdates(w http.ResponseWriter, r *http.Request) error {
	if a.cfg.LeverUpdates == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to hear about changes in Lever.")
	}
	if err := a.cfg.LeverUpdates.RegisterLeverUpdates(r.Context()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
