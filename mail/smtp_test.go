package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/skillkeepr/skillkeepr"
)

// testServer is a real SMTP server on 127.0.0.1 that keeps what it receives.
type testServer struct {
	addr     string
	port     int
	username string
	password string

	mu       sync.Mutex
	received []received
	// rcptErr and dataErr, when set, are the server's reply to RCPT TO and
	// to the end of DATA.
	rcptErr error
	dataErr error
}

type received struct {
	from string
	to   []string
	data []byte
	auth bool
}

// startServer runs a server; tlsConfig, when not nil, offers STARTTLS (or
// implicit TLS when implicit is true).
func startServer(t *testing.T, tlsConfig *tls.Config, implicit bool, options ...func(*smtp.Server)) *testServer {
	t.Helper()
	ts := &testServer{username: "mailer", password: "s3cret"}
	s := smtp.NewServer(ts)
	for _, o := range options {
		o(s)
	}
	s.Domain = "localhost"
	s.AllowInsecureAuth = true
	s.ReadTimeout = 10 * time.Second
	s.WriteTimeout = 10 * time.Second
	s.TLSConfig = tlsConfig
	var l net.Listener
	var err error
	if implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", tlsConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = l.Addr().String()
	ts.port = l.Addr().(*net.TCPAddr).Port
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Serve(l)
	}()
	t.Cleanup(func() {
		s.Close()
		<-done
	})
	return ts
}

func (ts *testServer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &testSession{server: ts}, nil
}

func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.received...)
}

func (ts *testServer) config() SMTPConfig {
	return SMTPConfig{
		Host: "127.0.0.1", Port: ts.port, Username: ts.username, Password: ts.password,
		From: "SkillKeepr <no-reply@skillkeepr.test>", Security: SecurityNone, Timeout: 5 * time.Second,
	}
}

type testSession struct {
	server *testServer
	auth   bool
	from   string
	to     []string
}

func (s *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != s.server.username || password != s.server.password {
			return smtp.ErrAuthFailed
		}
		s.auth = true
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.server.mu.Lock()
	err := s.server.rcptErr
	s.server.mu.Unlock()
	if err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.server.mu.Lock()
	defer s.server.mu.Unlock()
	if s.server.dataErr != nil {
		return s.server.dataErr
	}
	s.server.received = append(s.server.received, received{from: s.from, to: s.to, data: b, auth: s.auth})
	return nil
}

func (s *testSession) Reset()        { s.from, s.to = "", nil }
func (s *testSession) Logout() error { return nil }

func testMessage() skillkeepr.EmailMessage {
	return skillkeepr.EmailMessage{
		OrgID:   1,
		To:      []string{"Zoë Adams <zoe@example.com>", "bob@example.com"},
		Subject: "Einladung für Zoë ✓ — a rather long subject line that needs more than one encoded word to carry it",
		Text:    "Hello Zoë,\nplease open https://hire.acme.test/invitations/abc?x=1&y=2\n\n=== done ===",
		HTML:    "<p>Hello <b>Zoë</b>,</p>\n<p><a href=\"https://hire.acme.test/invitations/abc?x=1&amp;y=2\">Accept</a></p>",
		Kind:    "test",
	}
}

func TestSendDeliversAMIMEMessage(t *testing.T) {
	ts := startServer(t, nil, false)
	s := NewSMTP(ts.config())
	now := time.Date(2026, 12, 4, 20, 30, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	m := testMessage()
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatalf("send: %v", err)
	}
	got := ts.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	r := got[0]
	if !r.auth {
		t.Error("the client did not authenticate")
	}
	if r.from != "no-reply@skillkeepr.test" {
		t.Errorf("envelope from %q", r.from)
	}
	if strings.Join(r.to, ",") != "zoe@example.com,bob@example.com" {
		t.Errorf("envelope to %v", r.to)
	}
	for i, line := range strings.Split(string(r.data), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes long", i, len(line))
		}
	}

	msg, err := mail.ReadMessage(strings.NewReader(string(r.data)))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	if subject, err := dec.DecodeHeader(h.Get("Subject")); err != nil || subject != m.Subject {
		t.Errorf("Subject = %q (%v), want %q", subject, err, m.Subject)
	}
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Name != "SkillKeepr" || from[0].Address != "no-reply@skillkeepr.test" {
		t.Errorf("From = %v (%v)", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Name != "Zoë Adams" || to[0].Address != "zoe@example.com" || to[1].Address != "bob@example.com" {
		t.Errorf("To = %v (%v)", to, err)
	}
	if date, err := h.Date(); err != nil || !date.Equal(now) {
		t.Errorf("Date = %v (%v), want %v", date, err, now)
	}
	if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@skillkeepr.test>") {
		t.Errorf("Message-ID = %q", id)
	}
	if h.Get("MIME-Version") != "1.0" {
		t.Errorf("MIME-Version = %q", h.Get("MIME-Version"))
	}
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v)", h.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	want := []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}}
	for i, w := range want {
		p, err := mr.NextPart()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		typ, tparams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if typ != w.typ || tparams["charset"] != "utf-8" {
			t.Errorf("part %d Content-Type = %q", i, p.Header.Get("Content-Type"))
		}
		body, err := io.ReadAll(p) // multipart decodes quoted-printable
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != w.body {
			t.Errorf("part %d body = %q, want %q", i, got, w.body)
		}
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more than two parts (%v)", err)
	}
}

func TestSendTextOnly(t *testing.T) {
	ts := startServer(t, nil, false)
	m := testMessage()
	m.HTML = ""
	if err := NewSMTP(ts.config()).Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(ts.messages()[0].data)))
	if err != nil {
		t.Fatal(err)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestSendErrorsAreClassified(t *testing.T) {
	for _, tc := range []struct {
		name      string
		setup     func(*testServer, *SMTPConfig)
		permanent bool
		code      int
	}{
		{"550 recipient unknown", func(ts *testServer, _ *SMTPConfig) {
			ts.rcptErr = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		}, true, 550},
		{"451 try later", func(ts *testServer, _ *SMTPConfig) {
			ts.rcptErr = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
		}, false, 451},
		{"554 message refused", func(ts *testServer, _ *SMTPConfig) {
			ts.dataErr = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Message refused"}
		}, true, 554},
		{"452 mailbox full", func(ts *testServer, _ *SMTPConfig) {
			ts.dataErr = &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 2, 2}, Message: "Mailbox full"}
		}, false, 452},
		// Bad credentials are our settings' fault: retried after an
		// administrator fixes them, not dropped.
		{"535 bad password", func(_ *testServer, c *SMTPConfig) { c.Password = "wrong" }, false, 535},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := startServer(t, nil, false)
			cfg := ts.config()
			tc.setup(ts, &cfg)
			err := NewSMTP(cfg).Send(t.Context(), testMessage())
			if err == nil {
				t.Fatal("send succeeded")
			}
			if IsPermanent(err) != tc.permanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", err, IsPermanent(err), tc.permanent)
			}
			var se *SendError
			if !errors.As(err, &se) || se.Code != tc.code || se.Permanent() != tc.permanent {
				t.Errorf("error %#v, want a *SendError with code %d", err, tc.code)
			}
			if len(ts.messages()) != 0 {
				t.Error("the server kept a message")
			}
		})
	}
}

func TestSendRefusesInvalidMessagesWithoutConnecting(t *testing.T) {
	s := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: 1, From: "a@b.test", Security: SecurityNone})
	for _, m := range []skillkeepr.EmailMessage{
		{To: nil, Subject: "x", Text: "x"},
		{To: []string{"not an address"}, Subject: "x", Text: "x"},
		{To: []string{"a@b.test"}, Subject: "x"},
	} {
		err := s.Send(t.Context(), m)
		if !IsPermanent(err) || skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Errorf("Send(%+v) = %v, want a permanent EINVALID error", m, err)
		}
	}
}

func TestSendNetworkErrorsAreTemporary(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	// A server that accepts but never answers: the timeout must end it.
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	t.Cleanup(func() { l.Close() })
	cfg := SMTPConfig{Host: "127.0.0.1", Port: port, From: "a@b.test", Security: SecurityNone, Timeout: 300 * time.Millisecond}
	start := time.Now()
	err = NewSMTP(cfg).Send(t.Context(), testMessage())
	if err == nil || IsPermanent(err) {
		t.Errorf("silent server: %v, want a temporary error", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("send took %s despite a 300ms timeout", d)
	}

	// The caller's cancellation ends it too.
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	cfg.Timeout = time.Minute
	if err := NewSMTP(cfg).Send(ctx, testMessage()); err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled send: %v, want context.Canceled", err)
	}

	// Nobody listening.
	l2, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := l2.Addr().(*net.TCPAddr).Port
	l2.Close()
	cfg.Port = closed
	if err := NewSMTP(cfg).Send(t.Context(), testMessage()); err == nil || IsPermanent(err) {
		t.Errorf("connection refused: %v, want a temporary error", err)
	}
}

// testTLS borrows httptest's certificate for 127.0.0.1.
func testTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	hs := httptest.NewUnstartedServer(nil)
	hs.StartTLS()
	t.Cleanup(hs.Close)
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	return &tls.Config{Certificates: hs.TLS.Certificates},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

func TestSendOverTLS(t *testing.T) {
	for _, security := range []string{SecuritySTARTTLS, SecurityTLS} {
		t.Run(security, func(t *testing.T) {
			serverTLS, clientTLS := testTLS(t)
			ts := startServer(t, serverTLS, security == SecurityTLS)
			cfg := ts.config()
			cfg.Security = security
			s := NewSMTP(cfg)
			s.tlsConfig = clientTLS
			if err := s.Send(t.Context(), testMessage()); err != nil {
				t.Fatalf("send: %v", err)
			}
			if len(ts.messages()) != 1 {
				t.Fatal("not delivered")
			}
		})
	}
	// Without STARTTLS on the server, starttls refuses to send in clear.
	ts := startServer(t, nil, false)
	cfg := ts.config()
	cfg.Security = SecuritySTARTTLS
	if err := NewSMTP(cfg).Send(t.Context(), testMessage()); err == nil {
		t.Error("starttls sent to a server without STARTTLS")
	}
	if len(ts.messages()) != 0 {
		t.Error("a message went out in clear")
	}
}

func TestNewSMTPDefaults(t *testing.T) {
	for security, port := range map[string]int{"": 587, "starttls": 587, "TLS": 465, "none": 25} {
		s := NewSMTP(SMTPConfig{Host: "h", From: "a@b.test", Security: security})
		if s.cfg.Port != port || s.cfg.Timeout != DefaultTimeout {
			t.Errorf("security %q: port %d, timeout %s", security, s.cfg.Port, s.cfg.Timeout)
		}
	}
	if got := NewSMTP(SMTPConfig{Host: "h", Port: 2525, From: "a@b.test"}).cfg.Port; got != 2525 {
		t.Errorf("explicit port became %d", got)
	}
}

// parseParts returns the decoded text and HTML parts of a raw message.
func parseParts(t *testing.T, data []byte) (text, html string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, html
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		typ, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch typ {
		case "text/plain":
			text = string(b)
		case "text/html":
			html = string(b)
		}
	}
}

func TestSendToANonASCIIAddress(t *testing.T) {
	m := testMessage()
	m.To = []string{"José <josé@example.com>"}

	ts := startServer(t, nil, false, func(s *smtp.Server) { s.EnableSMTPUTF8 = true })
	if err := NewSMTP(ts.config()).Send(t.Context(), m); err != nil {
		t.Fatalf("send with SMTPUTF8: %v", err)
	}
	if got := ts.messages(); len(got) != 1 || got[0].to[0] != "josé@example.com" {
		t.Fatalf("received %+v", got)
	}

	ts = startServer(t, nil, false)
	err := NewSMTP(ts.config()).Send(t.Context(), m)
	if !IsPermanent(err) || !strings.Contains(err.Error(), "SMTPUTF8") {
		t.Errorf("send without SMTPUTF8: %v, want a permanent error", err)
	}
}
