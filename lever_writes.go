package skillkeepr

import (
	"context"
	"errors"
)

// ErrLeverPaused is what Lever work returns while the organisation has no
// working Lever connection (access revoked in Lever, or not connected):
// the work waits and runs again later, it does not fail.
var ErrLeverPaused = errors.New("Lever work is paused until Lever is connected again")

// LeverStageSyncTask writes an application's status to its Lever
// opportunity: the stage tag and, when the job maps one, the stage move.
// It is enqueued in the transaction of the status change. The work writes
// the application's status as it is when it runs (not Status), so that an
// older change never overwrites a newer one.
type LeverStageSyncTask struct {
	OrgID         int64             `json:"org_id"`
	ApplicationID int64             `json:"application_id"`
	OpportunityID string            `json:"opportunity_id"`
	Status        ApplicationStatus `json:"status"`   // the status that caused the task
	ActorID       int64             `json:"actor_id"` // who changed it; Lever writes are performed as their Lever user
}

// TaskKind implements Task.
func (LeverStageSyncTask) TaskKind() string { return "lever_stage_sync" }

// IsLeverStatus reports whether s is one of the seven statuses written to
// Lever.
func IsLeverStatus(s ApplicationStatus) bool {
	for _, x := range LeverStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// LeverWriteSettings are an organisation's settings of the writes to Lever.
type LeverWriteSettings struct {
	// KeepAllTags keeps every SkillKeepr tag on the opportunity; by
	// default the new tag replaces the previous SkillKeepr tag, so that
	// Lever users can filter by the current one.
	KeepAllTags bool `json:"keep_all_tags"`
	// FallbackUserID is the Lever user the writes are performed as when
	// the acting person has no Lever user with their email ("" for none);
	// FallbackUserName names it.
	FallbackUserID   string `json:"fallback_user_id"`
	FallbackUserName string `json:"fallback_user_name"`
}

// LeverUser is a user of the connected Lever account.
type LeverUser struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Label names the user in plain words, e.g. "Lena Park (lena@acme.com)".
func (u LeverUser) Label() string {
	switch {
	case u.Email == "":
		return u.Name
	case u.Name == "":
		return u.Email
	}
	return u.Name + " (" + u.Email + ")"
}

// LeverStageSync is what the stage sync reads from the database when it
// runs: the application's current status and everything needed to write it.
type LeverStageSync struct {
	OrgID         int64
	ApplicationID int64
	CandidateID   int64
	JobID         int64
	OpportunityID string
	Status        ApplicationStatus // now
	TagPrefix     string
	Settings      LeverWriteSettings
	StageMapping  []LeverStageMap
	// ActorEmail is the email of the task's acting user ("" when unknown).
	ActorEmail string
	// Pushed says that the application has a Push to Lever, which writes
	// the tag and the stage of a recommended candidate itself.
	Pushed bool
}

// LeverWriteSettingsService reads and changes the settings of the writes to
// Lever (Super Admin; the Settings page).
type LeverWriteSettingsService interface {
	LeverWriteSettings(ctx context.Context) (*LeverWriteSettings, error)
	// UpdateLeverWriteSettings saves s, audited. A fallback user id must
	// look like a Lever id; its name is kept for display.
	UpdateLeverWriteSettings(ctx context.Context, s LeverWriteSettings) (*LeverWriteSettings, error)
}
