package leversandbox

import (
	"flag"
	"testing"
)

func TestRegisterFlags(t *testing.T) {
	t.Parallel()
	var cfg Config
	fs := flag.NewFlagSet("lever-sandbox", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	if err := fs.Parse([]string{"--seed", "7", "--postings", "3", "--candidates-per-posting", "9", "--state", "x.json", "--rate-limit=false"}); err != nil {
		t.Fatal(err)
	}
	if cfg.Seed != 7 || cfg.Postings != 3 || cfg.CandidatesPerPosting != 9 || cfg.StateFile != "x.json" || *cfg.RateLimit {
		t.Fatalf("parsed %+v", cfg)
	}
	var defaults Config
	defaults.RegisterFlags(flag.NewFlagSet("x", flag.ContinueOnError))
	if defaults.Seed != 42 || defaults.Postings != 12 || defaults.CandidatesPerPosting != 40 || !*defaults.RateLimit {
		t.Fatalf("flag defaults %+v", defaults)
	}
	// The zero Config gets Lever's defaults, rate limit on.
	d := (&Config{}).withDefaults()
	if !*d.RateLimit || d.APIKey != DefaultAPIKey || d.Apps[0].ClientID != DefaultClientID || d.AccountName != "Acme Corp" {
		t.Fatalf("defaults %+v", d)
	}
}

func TestRedirectURIRules(t *testing.T) {
	t.Parallel()
	demo := &OAuthApp{ClientID: "x"}
	fixed := &OAuthApp{ClientID: "y", RedirectURIs: []string{"https://app.example/cb"}}
	tests := []struct {
		app  *OAuthApp
		uri  string
		want bool
	}{
		{demo, "http://127.0.0.1:8080/integrations/lever/callback", true},
		{demo, "http://localhost:3000/cb", true},
		{demo, "http://[::1]:9/cb", true},
		{demo, "https://127.0.0.1/cb", true},
		{demo, "http://evil.example/cb", false},
		{demo, "http://127.0.0.1.evil.example/cb", false},
		{demo, "javascript:alert(1)", false},
		{demo, "http://127.0.0.1/cb#frag", false},
		{fixed, "https://app.example/cb", true},
		{fixed, "https://app.example/cb2", false},
	}
	for _, tc := range tests {
		if got := redirectAllowed(tc.app, tc.uri); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.uri, got, tc.want)
		}
	}
}
