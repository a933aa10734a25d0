package mail

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	good := SMTPConfig{Host: "smtp.example.com", Port: 587, Username: "u", Password: "p", From: "SkillKeepr <no-reply@example.com>", Timeout: time.Second}
	if err := good.Validate(); err != nil {
		t.Fatalf("good config: %v", err)
	}
	if err := (SMTPConfig{Host: "relay", From: "a@b.test"}).Validate(); err != nil {
		t.Fatalf("minimal config: %v", err)
	}
	for _, tc := range []struct {
		change func(*SMTPConfig)
		want   string
	}{
		{func(c *SMTPConfig) { c.Host = "" }, "SMTP host: is empty"},
		{func(c *SMTPConfig) { c.Host = "smtp://smtp.example.com" }, "SMTP host: \"smtp://smtp.example.com\" is not a host name"},
		{func(c *SMTPConfig) { c.Host = "smtp.example.com:587" }, "SMTP host: \"smtp.example.com:587\" contains a port"},
		{func(c *SMTPConfig) { c.Port = 70000 }, "SMTP port: 70000"},
		{func(c *SMTPConfig) { c.Security = "ssl" }, "SMTP security: \"ssl\" is not one of"},
		{func(c *SMTPConfig) { c.From = "" }, "SMTP from: is empty"},
		{func(c *SMTPConfig) { c.From = "no-reply" }, "SMTP from: \"no-reply\" is not an email address"},
		{func(c *SMTPConfig) { c.Password = "" }, "SMTP password: is empty but a username is set"},
		{func(c *SMTPConfig) { c.Username = "" }, "SMTP username: is empty but a password is set"},
		{func(c *SMTPConfig) { c.Timeout = -time.Second }, "SMTP timeout: -1s must not be negative"},
	} {
		c := good
		tc.change(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate() = %v, want %q", err, tc.want)
		}
	}
	// Every problem is reported at once, one per line.
	err := (SMTPConfig{Security: "x"}).Validate()
	if err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Errorf("Validate() of an empty config = %q, want three lines", err)
	}
}
