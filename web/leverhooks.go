package web

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// Lever webhooks: POST /hooks/lever/{token}. The token identifies the
// organisation (only its hash is stored); each delivery must be signed
// with the signature token of its event's webhook, fresh, and new. The
// delivery is stored and its processing queued in one transaction; the
// answer is immediate.

// MaxLeverWebhookBody bounds a delivery's body.
const MaxLeverWebhookBody = 64 << 10

// LeverWebhookMaxAge is how old (by triggeredAt) a delivery may be;
// leverWebhookSkew is how far in the future it may claim to be.
const (
	LeverWebhookMaxAge = 10 * time.Minute
	leverWebhookSkew   = time.Minute
)

// ParseLeverWebhook decodes and checks the shape of a delivery body: id,
// event, token, signature and triggeredAt are required; data, when
// present, must be an object whose opportunityId (if any) is a string.
// It returns the opportunity id ("" when none).
func ParseLeverWebhook(body []byte) (*lever.WebhookDelivery, string, error) {
	var d lever.WebhookDelivery
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, "", err
	}
	if d.ID == "" || d.Event == "" || d.Token == "" || d.Signature == "" || d.TriggeredAt.IsZero() {
		return nil, "", errors.New("missing id, event, token, signature or triggeredAt")
	}
	var data struct {
		OpportunityID string `json:"opportunityId"`
	}
	if len(d.Data) > 0 && string(d.Data) != "null" {
		if err := json.Unmarshal(d.Data, &data); err != nil {
			return nil, "", errors.New("data is not an object with a string opportunityId")
		}
	}
	return &d, data.OpportunityID, nil
}

func (s *Server) leverWebhook(w http.ResponseWriter, r *http.Request) {
	infoFrom(r.Context()).Pattern = r.Pattern
	ctx := r.Context()
	refuse := func(code int, why string, attrs ...any) {
		s.log.WarnContext(ctx, "lever webhook refused: "+why, append(attrs, slog.Int("status", code))...)
		http.Error(w, http.StatusText(code), code)
	}
	if s.cfg.LeverWebhooks == nil {
		refuse(http.StatusNotFound, "no webhook receiver on this server")
		return
	}
	orgID, toks, err := s.cfg.LeverWebhooks.LeverWebhookEndpoint(ctx, r.PathValue("token"))
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		refuse(http.StatusNotFound, "unknown webhook address")
		return
	} else if err != nil {
		refuse(http.StatusInternalServerError, "endpoint lookup failed", slog.String("error", err.Error()))
		return
	}
	org := slog.Int64("org_id", orgID)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxLeverWebhookBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			refuse(http.StatusRequestEntityTooLarge, "body too large", org)
		} else {
			refuse(http.StatusBadRequest, "body unreadable", org, slog.String("error", err.Error()))
		}
		return
	}
	d, oppID, err := ParseLeverWebhook(body)
	if err != nil {
		refuse(http.StatusBadRequest, "malformed delivery", org, slog.String("error", err.Error()))
		return
	}
	attrs := []any{org, slog.String("event", d.Event), slog.String("lever_id", d.ID), slog.String("opportunity_id", oppID)}
	if !d.VerifySignature(toks[d.Event]) {
		refuse(http.StatusUnauthorized, "bad signature", attrs...)
		return
	}
	now := s.now()
	if age := now.Sub(d.TriggeredAt.Time); age > LeverWebhookMaxAge || age < -leverWebhookSkew {
		refuse(http.StatusBadRequest, "stale or future triggeredAt", append(attrs, slog.Duration("age", age))...)
		return
	}
	replay, err := s.cfg.LeverWebhooks.RecordLeverWebhook(ctx, orgID, skillkeepr.LeverWebhookDelivery{
		Token: d.Token, LeverID: d.ID, Event: d.Event, OpportunityID: oppID, Data: d.Data})
	if err != nil {
		refuse(http.StatusInternalServerError, "could not record the delivery", append(attrs, slog.String("error", err.Error()))...)
		return
	}
	if replay {
		s.log.WarnContext(ctx, "lever webhook replay ignored", attrs...)
	} else {
		s.log.InfoContext(ctx, "lever webhook accepted", attrs...)
	}
	w.WriteHeader(http.StatusOK)
}
