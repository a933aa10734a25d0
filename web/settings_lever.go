package web

import (
	"context"
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// LeverUserLister lists the users of the organisation's Lever account
// (leversync.StageSync implements it).
type LeverUserLister interface {
	LeverUsers(ctx context.Context) ([]skillkeepr.LeverUser, error)
}

// leverSettingsData is the "Lever updates" part of the Settings page.
type leverSettingsData struct {
	Settings *skillkeepr.LeverWriteSettings
	Users    []skillkeepr.LeverUser
	// UsersNote says in plain words why the list of Lever users is
	// missing ("" when it is there).
	UsersNote string
	// CurrentMissing: the chosen fallback user is not in Users.
	CurrentMissing bool
	Fields         map[string]string
}

// leverSettings loads the Lever updates settings, or nil when the server
// has none; form, when set, is what the person sent.
func (s *Server) leverSettings(r *http.Request, form *skillkeepr.LeverWriteSettings) *leverSettingsData {
	if s.cfg.LeverWrites == nil || s.cfg.LeverUsers == nil {
		return nil
	}
	ctx := r.Context()
	d := &leverSettingsData{Settings: form}
	if d.Settings == nil {
		ws, err := s.cfg.LeverWrites.LeverWriteSettings(ctx)
		if err != nil {
			s.log.WarnContext(ctx, "settings: cannot read the Lever settings", "err", err)
			return nil
		}
		d.Settings = ws
	}
	users, err := s.cfg.LeverUsers.LeverUsers(ctx)
	if err != nil {
		d.UsersNote = skillkeepr.ErrorMessage(err)
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EUNAVAILABLE {
			s.log.WarnContext(ctx, "settings: cannot list Lever users", "err", err)
			d.UsersNote = "The list of Lever users could not be loaded. Please try again later."
		}
	}
	d.Users = users
	if id := d.Settings.FallbackUserID; id != "" {
		d.CurrentMissing = true
		for _, u := range users {
			if u.ID == id {
				d.CurrentMissing = false
			}
		}
	}
	return d
}

// updateLeverSettings saves "Lever updates": keep every SkillKeepr tag,
// and the fallback Lever user chosen from the account's users.
func (s *Server) updateLeverSettings(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageOrganization); err != nil {
		return err
	}
	if s.cfg.LeverWrites == nil || s.cfg.LeverUsers == nil {
		return skillkeepr.NotFound("Page")
	}
	ctx := r.Context()
	cur, err := s.cfg.LeverWrites.LeverWriteSettings(ctx)
	if err != nil {
		return err
	}
	ws := skillkeepr.LeverWriteSettings{KeepAllTags: r.PostFormValue("keep_all_tags") == "on", FallbackUserID: r.PostFormValue("fallback_user")}
	switch ws.FallbackUserID {
	case "":
	case cur.FallbackUserID:
		ws.FallbackUserName = cur.FallbackUserName
	default:
		users, err := s.cfg.LeverUsers.LeverUsers(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, u := range users {
			if u.ID == ws.FallbackUserID {
				ws.FallbackUserName, found = u.Label(), true
			}
		}
		if !found {
			org, oerr := s.svc.Organizations.CurrentOrganization(ctx)
			if oerr != nil {
				return oerr
			}
			d := s.leverSettings(r, &ws)
			d.Fields = map[string]string{"fallback_user": "Choose a Lever user from the list."}
			return s.render(w, r, http.StatusBadRequest, "settings", "Settings", settingsData{Org: org, Timezones: commonTimezones, Lever: d})
		}
	}
	if _, err := s.cfg.LeverWrites.UpdateLeverWriteSettings(ctx, ws); err != nil {
		return err
	}
	s.setFlash(w, "The Lever settings were saved.")
	return redirect(w, r, "/settings")
}
