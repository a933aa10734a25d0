package api

import (
	"net/http"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// APITokenCreate names a new personal API token.
type APITokenCreate struct {
	Name string `json:"name"`
}

// APITokenCreated is the answer to creating a token: the only time the
// token itself is shown.
type APITokenCreated struct {
	Token    string               `json:"token"`
	APIToken *skillkeepr.APIToken `json:"api_token"`
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request) error {
	ts, err := a.svc.Sessions.FindAPITokens(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ts, len(ts)))
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) error {
	var in APITokenCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	v := skillkeepr.Validation{}
	v.Check(in.Name != "", "name", "Give the token a name, e.g. the script that will use it.")
	v.Check(len(in.Name) <= 100, "name", "Use at most 100 characters.")
	if err := v.Err(); err != nil {
		return err
	}
	token, t, err := a.svc.Sessions.CreateAPIToken(r.Context(), in.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &APITokenCreated{Token: token, APIToken: t})
}

func (a *API) deleteToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "API token")
	if err != nil {
		return err
	}
	if err := a.svc.Sessions.DeleteAPIToken(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
