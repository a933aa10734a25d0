package main

import (
	"strings"
	"testing"
)

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string // substring naming the bad setting; "" = valid
	}{
		{"defaults", nil, nil, ""},
		{"bad address", []string{"--addr", "nonsense"}, nil, "SKILLKEEPR_ADDR"},
		{"bad port", []string{"--addr", "127.0.0.1:99999"}, nil, "SKILLKEEPR_ADDR"},
		{"bad address from env", nil, map[string]string{"SKILLKEEPR_ADDR": "x"}, "SKILLKEEPR_ADDR"},
		{"flag wins over env", []string{"--addr", "127.0.0.1:9000"}, map[string]string{"SKILLKEEPR_ADDR": "x"}, ""},
		{"relative base URL", []string{"--base-url", "/app"}, nil, "SKILLKEEPR_BASE_URL"},
		{"mysql URL", []string{"--database-url", "mysql://x"}, nil, "SKILLKEEPR_DATABASE_URL"},
		{"postgres URL", []string{"--database-url", "postgres://u@h/db"}, nil, ""},
		{"log level", []string{"--log-level", "loud"}, nil, "SKILLKEEPR_LOG_LEVEL"},
		{"log format", nil, map[string]string{"SKILLKEEPR_LOG_FORMAT": "xml"}, "SKILLKEEPR_LOG_FORMAT"},
		{"workers not a number", nil, map[string]string{"SKILLKEEPR_WORKERS": "many"}, "SKILLKEEPR_WORKERS"},
		{"workers zero", []string{"--workers", "0"}, nil, "SKILLKEEPR_WORKERS"},
		{"smtp security", []string{"--smtp-host", "mail", "--smtp-security", "ssl3"}, nil, "SKILLKEEPR_SMTP_SECURITY"},
		{"smtp port", []string{"--smtp-host", "mail", "--smtp-port", "0"}, nil, "SKILLKEEPR_SMTP_PORT"},
		{"empty data dir", []string{"--data", " "}, nil, ""},
		{"secret key hex", nil, map[string]string{"SKILLKEEPR_SECRET_KEY": strings.Repeat("ab", 32)}, ""},
		{"secret key base64", []string{"--secret-key", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA="}, nil, ""},
		{"secret key too short", nil, map[string]string{"SKILLKEEPR_SECRET_KEY": "abcd"}, "SKILLKEEPR_SECRET_KEY"},
		{"lever client id without secret", nil, map[string]string{"SKILLKEEPR_LEVER_CLIENT_ID": "abc"}, "SKILLKEEPR_LEVER_CLIENT_SECRET"},
		{"lever client", nil, map[string]string{"SKILLKEEPR_LEVER_CLIENT_ID": "abc", "SKILLKEEPR_LEVER_CLIENT_SECRET": "s"}, ""},
		{"lever auth URL", []string{"--lever-auth-url", "auth.lever.co"}, nil, "SKILLKEEPR_LEVER_AUTH_URL"},
		{"lever API URL", nil, map[string]string{"SKILLKEEPR_LEVER_API_URL": "ftp://x"}, "SKILLKEEPR_LEVER_API_URL"},
		{"llm assist", nil, map[string]string{"SKILLKEEPR_LLM_BASE_URL": "http://127.0.0.1:11434/v1", "SKILLKEEPR_LLM_MODEL": "llama3"}, ""},
		{"llm model without URL", []string{"--llm-model", "gpt"}, nil, "SKILLKEEPR_LLM_BASE_URL"},
		{"llm URL without model", nil, map[string]string{"SKILLKEEPR_LLM_BASE_URL": "https://api.openai.com/v1"}, "SKILLKEEPR_LLM_MODEL"},
		{"llm URL not absolute", []string{"--llm-base-url", "api.openai.com", "--llm-model", "m"}, nil, "SKILLKEEPR_LLM_BASE_URL"},
		{"llm timeout", nil, map[string]string{"SKILLKEEPR_LLM_TIMEOUT": "forever"}, "SKILLKEEPR_LLM_TIMEOUT"},
		// Scheduling (issue #6).
		{"interview reminders", []string{"--interview-reminders", "48h, 2h,15m"}, nil, ""},
		{"no interview reminders", nil, map[string]string{"SKILLKEEPR_INTERVIEW_REMINDERS": "none"}, ""},
		{"bad interview reminders", nil, map[string]string{"SKILLKEEPR_INTERVIEW_REMINDERS": "a day"}, "SKILLKEEPR_INTERVIEW_REMINDERS"},
		{"negative interview reminder", []string{"--interview-reminders", "-1h"}, nil, "SKILLKEEPR_INTERVIEW_REMINDERS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			getenv := func(k string) string { return tt.env[k] }
			c, _, err := parseConfig("serve", tt.args, getenv, nil)
			if err == nil {
				err = c.Validate()
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want one naming %s", err, tt.wantErr)
			}
		})
	}
}

func TestConfigDerivedDefaults(t *testing.T) {
	t.Parallel()
	c, _, err := parseConfig("serve", []string{"--addr", "0.0.0.0:9090", "--data", "/srv/sk"}, func(string) string { return "" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://localhost:9090" {
		t.Errorf("BaseURL = %q", c.BaseURL)
	}
	if c.DatabaseURL != "/srv/sk/skillkeepr.db" || c.Engine() != "sqlite" {
		t.Errorf("DatabaseURL = %q (%s)", c.DatabaseURL, c.Engine())
	}
}
