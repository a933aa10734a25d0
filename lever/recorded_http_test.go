package lever

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// calls maps a recorded route to the client call that would receive it.
var calls = map[string]func(ctx context.Context, c *Client) error{
	"GET /opportunities": func(ctx context.Context, c *Client) error {
		return drain(c.ListOpportunities(ctx, OpportunityFilter{}))
	},
	"GET /opportunities/deleted": func(ctx context.Context, c *Client) error {
		return drain(c.ListDeletedOpportunities(ctx, zeroTime, zeroTime))
	},
	"GET /opportunities/:id": func(ctx context.Context, c *Client) error { _, err := c.GetOpportunity(ctx, "o"); return err },
	"POST /opportunities": func(ctx context.Context, c *Client) error {
		_, err := c.CreateOpportunity(ctx, NewOpportunity{Name: "n"}, "u")
		return err
	},
	"PUT /opportunities/:id/stage": func(ctx context.Context, c *Client) error { _, err := c.ChangeStage(ctx, "o", "s", "u"); return err },
	"PUT /opportunities/:id/archived": func(ctx context.Context, c *Client) error {
		_, err := c.UpdateArchived(ctx, "o", ArchiveUpdate{ReasonID: "r"}, "u")
		return err
	},
	"POST /opportunities/:id/addTags": func(ctx context.Context, c *Client) error {
		_, err := c.AddTags(ctx, "o", []string{"t"}, "u")
		return err
	},
	"GET /opportunities/:id/resumes": func(ctx context.Context, c *Client) error {
		return drain(c.ListResumes(ctx, "o", UploadedRange{}))
	},
	"GET /opportunities/:id/files": func(ctx context.Context, c *Client) error {
		return drain(c.ListFiles(ctx, "o", UploadedRange{}))
	},
	"GET /opportunities/:id/notes":     func(ctx context.Context, c *Client) error { return drain(c.ListNotes(ctx, "o")) },
	"GET /opportunities/:id/notes/:id": func(ctx context.Context, c *Client) error { _, err := c.GetNote(ctx, "o", "n"); return err },
	"POST /opportunities/:id/notes": func(ctx context.Context, c *Client) error {
		_, err := c.CreateNote(ctx, "o", NewNote{Value: "v"}, "u")
		return err
	},
	"GET /opportunities/:id/feedback": func(ctx context.Context, c *Client) error { return drain(c.ListFeedback(ctx, "o")) },
	"GET /opportunities/:id/feedback/:id": func(ctx context.Context, c *Client) error {
		_, err := c.GetFeedback(ctx, "o", "f")
		return err
	},
	"POST /opportunities/:id/feedback": func(ctx context.Context, c *Client) error {
		_, err := c.CreateFeedback(ctx, "o", NewFeedback{BaseTemplateID: "t"}, "u")
		return err
	},
	"PUT /opportunities/:id/feedback/:id": func(ctx context.Context, c *Client) error {
		_, err := c.UpdateFeedback(ctx, "o", "f", FeedbackUpdate{}, "u")
		return err
	},
	"GET /feedback_templates":     func(ctx context.Context, c *Client) error { return drain(c.ListFeedbackTemplates(ctx)) },
	"GET /feedback_templates/:id": func(ctx context.Context, c *Client) error { _, err := c.GetFeedbackTemplate(ctx, "t"); return err },
	"POST /feedback_templates": func(ctx context.Context, c *Client) error {
		_, err := c.CreateFeedbackTemplate(ctx, NewFeedbackTemplate{Text: "t", Fields: []FormField{{Type: "score-system", Text: "r"}}})
		return err
	},
	"GET /postings":            func(ctx context.Context, c *Client) error { return drain(c.ListPostings(ctx, PostingFilter{})) },
	"GET /postings/:id":        func(ctx context.Context, c *Client) error { _, err := c.GetPosting(ctx, "p"); return err },
	"GET /stages":              func(ctx context.Context, c *Client) error { return drain(c.ListStages(ctx)) },
	"GET /archive_reasons":     func(ctx context.Context, c *Client) error { return drain(c.ListArchiveReasons(ctx, "")) },
	"GET /archive_reasons/:id": func(ctx context.Context, c *Client) error { _, err := c.GetArchiveReason(ctx, "r"); return err },
	"GET /tags":                func(ctx context.Context, c *Client) error { return drain(c.ListTags(ctx)) },
	"GET /sources":             func(ctx context.Context, c *Client) error { return drain(c.ListSources(ctx)) },
	"GET /users":               func(ctx context.Context, c *Client) error { return drain(c.ListUsers(ctx, UserFilter{})) },
	"GET /users/:id":           func(ctx context.Context, c *Client) error { _, err := c.GetUser(ctx, "u"); return err },
	"GET /webhooks":            func(ctx context.Context, c *Client) error { return drain(c.ListWebhooks(ctx)) },
	"POST /webhooks": func(ctx context.Context, c *Client) error {
		_, err := c.CreateWebhook(ctx, NewWebhook{URL: "https://x", Event: EventCandidateHired})
		return err
	},
	"DELETE /opportunities/:id/notes/:id": func(ctx context.Context, c *Client) error { return c.DeleteNote(ctx, "o", "n") },
	"DELETE /opportunities/:id/feedback/:id": func(ctx context.Context, c *Client) error {
		return c.DeleteFeedback(ctx, "o", "f", "u")
	},
	"DELETE /feedback_templates/:id": func(ctx context.Context, c *Client) error { return c.DeleteFeedbackTemplate(ctx, "t") },
	"DELETE /webhooks/:id":           func(ctx context.Context, c *Client) error { return c.DeleteWebhook(ctx, "w") },
	"GET /stages/:id":                func(ctx context.Context, c *Client) error { _, err := c.GetStage(ctx, "s"); return err },
}

func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestRecordedResponsesThroughClient replays every recorded answer that belongs to a
// call the client makes through a local server and runs that call: status codes,
// envelopes and bodies must all go through. Error recordings must give the typed
// error for their status.
func TestRecordedResponsesThroughClient(t *testing.T) {
	t.Parallel()
	dir := recordedDir(t)
	type replay struct {
		name, key string
		status    int
		body      []byte
	}
	var replays []replay
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "delete-responses.json" {
			var d struct {
				Responses []struct {
					Method, PathTemplate string
					Status               int
				} `json:"responses"`
			}
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			for _, r := range d.Responses {
				replays = append(replays, replay{e.Name() + " " + r.PathTemplate, routeKey(r.Method, r.PathTemplate), r.Status, nil})
			}
			continue
		}
		var rec recording
		if json.Unmarshal(raw, &rec) != nil || rec.Request.Method == "" {
			continue
		}
		p := rec.Request.PathTemplate
		if p == "" || !strings.HasPrefix(p, "/") {
			p = rec.Request.Path
		}
		st := 200
		if rec.Response.Status != nil {
			st = *rec.Response.Status
		} else if rec.Request.Method == "POST" {
			st = 201
		}
		replays = append(replays, replay{e.Name(), routeKey(rec.Request.Method, p), st, rec.Response.Body})
	}
	ran := 0
	for _, r := range replays {
		call, ok := calls[r.key]
		if !ok {
			continue // no client call for this route (see TestRecordedResponsesDecode)
		}
		ran++
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, func(w http.ResponseWriter, req *http.Request) {
				if req.URL.Query().Has("offset") { // recorded first pages say hasNext
					writeRaw(w, 200, `{"data":[],"hasNext":false}`)
					return
				}
				if r.status == http.StatusNoContent {
					w.WriteHeader(r.status)
					return
				}
				writeRaw(w, r.status, string(r.body))
			})
			err := call(context.Background(), e.c)
			if r.status >= 400 {
				if !errors.Is(err, sentinelFor(r.status)) {
					t.Fatalf("%s (%d): err = %v, want %v", r.key, r.status, err, sentinelFor(r.status))
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", r.key, err)
			}
		})
	}
	if ran < 40 {
		t.Fatalf("only %d recordings replayed through client calls", ran)
	}
}

var zeroTime time.Time
