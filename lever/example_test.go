package lever_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/skillkeepr/skillkeepr/lever"
)

func Example() {
	ctx := context.Background()
	c, err := lever.New(lever.Config{APIKey: "LEVER_API_KEY"}) // production, 10 req/s, 5 attempts
	if err != nil {
		log.Fatal(err)
	}
	active := false
	for opp, err := range c.ListOpportunities(ctx, lever.OpportunityFilter{PostingIDs: []string{"posting-id"}, Archived: &active}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(opp.Name, opp.Stage.ID, opp.Emails)
	}
}

func ExampleClient_CreateNote() {
	ctx := context.Background()
	c, _ := lever.New(lever.Config{APIKey: "LEVER_API_KEY"})
	id, err := c.CreateNote(ctx, "opportunity-id", lever.NewNote{Value: "Recommended for hire"}, "lever-user-id")
	switch {
	case errors.Is(err, lever.ErrOutcomeUnknown):
		// Lever may have created the note: look for it (ListNotes) before writing again.
	case errors.Is(err, lever.ErrRevoked):
		// Reconnect required: pause Lever work.
	case err != nil:
		log.Print(err)
	default:
		fmt.Println("note", id)
	}
}

func ExampleOAuthConfig() {
	ctx := context.Background()
	cfg := &lever.OAuthConfig{
		ClientID: "id", ClientSecret: "secret",
		AuthURL: lever.ProductionAuthURL, TokenURL: lever.ProductionTokenURL, Audience: lever.ProductionAudience,
		RedirectURL: "https://skillkeepr.example/integrations/lever/callback",
		Scopes:      []string{"opportunities:read:admin", "opportunities:write:admin", "notes:write:admin"},
	}
	fmt.Println(cfg.AuthCodeURL("state-bound-to-session")) // send the browser here
	tok, err := cfg.Exchange(ctx, "code-from-callback")
	if err != nil {
		log.Fatal(err)
	}
	ts := lever.NewOAuthTokenSource(cfg, *tok, func(ctx context.Context, t lever.Token) error {
		return nil // persist t.RefreshToken (it rotates on every refresh)
	})
	c, _ := lever.New(lever.Config{TokenSource: ts})
	_ = c
}
