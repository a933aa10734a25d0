package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/skillkeepr/skillkeepr"
)

// SMTP delivers email to a mail server; it implements skillkeepr.Mailer.
// Each Send opens its own connection, so an SMTP is safe for concurrent use.
type SMTP struct {
	cfg  SMTPConfig
	from *mail.Address
	// tlsConfig is used for tls and starttls; nil means verify Host
	// against the system's roots (tests set their own).
	tlsConfig *tls.Config
	now       func() time.Time
}

var _ skillkeepr.Mailer = (*SMTP)(nil)

// NewSMTP returns a sender for cfg, which should have passed Validate; an
// invalid From is reported by every Send.
func NewSMTP(cfg SMTPConfig) *SMTP {
	cfg = cfg.withDefaults()
	from, _ := mail.ParseAddress(cfg.From)
	return &SMTP{cfg: cfg, from: from, now: time.Now}
}

// Send delivers m. It fails with an error for which IsPermanent reports
// whether trying again could help.
func (s *SMTP) Send(ctx context.Context, m skillkeepr.EmailMessage) error {
	if s.from == nil {
		return &SendError{Op: "config", Err: fmt.Errorf("SMTP from %q is not an email address", s.cfg.From)}
	}
	msg, err := buildMessage(s.from, m, s.now())
	if err != nil {
		return &SendError{Op: "message", Err: err, permanent: true}
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()

	c, err := s.dial(ctx)
	if err != nil {
		return s.fail(ctx, "connect", err)
	}
	defer c.Close()
	if s.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.cfg.Username, s.cfg.Password)); err != nil {
			return s.fail(ctx, "auth", err)
		}
	}
	var opts *smtp.MailOptions
	if !msg.ascii() {
		// An address with non-ASCII characters needs the server's
		// SMTPUTF8 extension; without it, no retry will get it through.
		if ok, _ := c.Extension("SMTPUTF8"); !ok {
			return &SendError{Op: "mail from", Err: errors.New("the mail server cannot deliver to or from addresses with non-ASCII characters (no SMTPUTF8)"), permanent: true}
		}
		opts = &smtp.MailOptions{UTF8: true}
	}
	if err := c.Mail(msg.from, opts); err != nil {
		return s.fail(ctx, "mail from", err)
	}
	for _, rcpt := range msg.recipients {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return s.fail(ctx, "rcpt to <"+rcpt+">", err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return s.fail(ctx, "data", err)
	}
	if _, err := w.Write(msg.data); err != nil {
		return s.fail(ctx, "data", err)
	}
	if err := w.Close(); err != nil {
		return s.fail(ctx, "data", err)
	}
	// The server has accepted the message; a failing QUIT changes nothing.
	_ = c.Quit()
	return nil
}

// dial connects and says hello, upgrading to TLS as configured; the
// connection is closed when ctx ends, which interrupts any exchange.
func (s *SMTP) dial(ctx context.Context) (*smtp.Client, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	tlsConfig := s.tlsConfig
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	}
	dialer := &net.Dialer{}
	var conn net.Conn
	var err error
	if s.cfg.Security == SecurityTLS {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, err
	}
	// Closing the connection when ctx ends interrupts whatever exchange is
	// under way; after a normal close it is a harmless no-op.
	context.AfterFunc(ctx, func() { conn.Close() })

	var c *smtp.Client
	if s.cfg.Security == SecuritySTARTTLS {
		c, err = smtp.NewClientStartTLS(conn, tlsConfig)
		if err != nil {
			return nil, err
		}
	} else {
		c = smtp.NewClient(conn)
	}
	c.CommandTimeout = s.cfg.Timeout
	c.SubmissionTimeout = s.cfg.Timeout
	return c, nil
}

// fail wraps err from step op, noting when the deadline or the caller's
// cancellation caused it.
func (s *SMTP) fail(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		err = fmt.Errorf("%w (%w)", ctxErr, err)
	}
	se := &SendError{Op: op, Err: err}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		se.Code = smtpErr.Code
		// A 5xx refusal of a recipient or of the message itself will
		// not change by trying again. A 5xx at connect, AUTH or MAIL FROM
		// is a problem of our settings or of the server: it is fixed by
		// an administrator, after which the retried email should go out.
		se.permanent = smtpErr.Code/100 == 5 && (op == "data" || strings.HasPrefix(op, "rcpt"))
	}
	return se
}

// SendError is a failed delivery.
type SendError struct {
	// Op is the step that failed: "message", "config", "connect", "auth",
	// "mail from", "rcpt to <address>" or "data".
	Op string
	// Code is the mail server's reply code, 0 when it gave none.
	Code      int
	Err       error
	permanent bool
}

func (e *SendError) Error() string { return "mail: " + e.Op + ": " + e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// Permanent reports whether sending the same message again cannot succeed.
func (e *SendError) Permanent() bool { return e.permanent }

// IsPermanent reports whether err is a delivery failure that retrying cannot
// fix: the server refused a recipient or the message with a 5xx reply, or
// the message itself is invalid (no or malformed recipients). Network
// errors, timeouts and 4xx replies are temporary.
func IsPermanent(err error) bool {
	var se *SendError
	if errors.As(err, &se) {
		return se.permanent
	}
	return false
}
