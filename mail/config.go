package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Connection security modes of SMTPConfig.Security.
const (
	SecuritySTARTTLS = "starttls" // plain connection upgraded with STARTTLS (port 587); the default
	SecurityTLS      = "tls"      // TLS from the first byte (port 465)
	SecurityNone     = "none"     // no encryption; only for a relay on the same host or network
)

// DefaultTimeout bounds one delivery, from dialling to the server's final
// answer, when SMTPConfig.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// SMTPConfig is how to reach the mail server.
type SMTPConfig struct {
	Host string
	// Port is the server's port; 0 means 587 for starttls, 465 for tls and
	// 25 for none.
	Port     int
	Username string
	Password string
	// From is the sender, e.g. "SkillKeepr <no-reply@example.com>".
	From string
	// Security is "starttls" (the default when empty), "tls" or "none".
	Security string
	// Timeout bounds one delivery; 0 means DefaultTimeout.
	Timeout time.Duration
}

// withDefaults fills in the zero values documented on SMTPConfig.
func (c SMTPConfig) withDefaults() SMTPConfig {
	c.Security = strings.ToLower(strings.TrimSpace(c.Security))
	if c.Security == "" {
		c.Security = SecuritySTARTTLS
	}
	if c.Port == 0 {
		switch c.Security {
		case SecurityTLS:
			c.Port = 465
		case SecurityNone:
			c.Port = 25
		default:
			c.Port = 587
		}
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	return c
}

// Validate checks the settings; each problem is one line naming the setting.
func (c SMTPConfig) Validate() error {
	var errs []error
	bad := func(setting, format string, args ...any) {
		errs = append(errs, fmt.Errorf("SMTP %s: "+format, append([]any{setting}, args...)...))
	}
	host := strings.TrimSpace(c.Host)
	switch {
	case host == "":
		bad("host", "is empty; set it to the name of your mail server, e.g. smtp.example.com")
	case strings.Contains(host, "://") || strings.ContainsAny(host, "/ "):
		bad("host", "%q is not a host name; give the name alone, e.g. smtp.example.com", c.Host)
	case strings.Contains(host, ":") && !strings.HasPrefix(host, "["):
		bad("host", "%q contains a port; give the port as the SMTP port setting", c.Host)
	}
	if c.Port < 0 || c.Port > 65535 {
		bad("port", "%d is not a port number (1 to 65535)", c.Port)
	}
	switch strings.ToLower(strings.TrimSpace(c.Security)) {
	case "", SecuritySTARTTLS, SecurityTLS, SecurityNone:
	default:
		bad("security", "%q is not one of starttls, tls or none", c.Security)
	}
	if c.From == "" {
		bad("from", "is empty; set it to the sender address, e.g. SkillKeepr <no-reply@example.com>")
	} else if _, err := mail.ParseAddress(c.From); err != nil {
		bad("from", "%q is not an email address (%v)", c.From, err)
	}
	if c.Username != "" && c.Password == "" {
		bad("password", "is empty but a username is set")
	}
	if c.Username == "" && c.Password != "" {
		bad("username", "is empty but a password is set")
	}
	if c.Timeout < 0 {
		bad("timeout", "%s must not be negative", c.Timeout)
	}
	return errors.Join(errs...)
}
