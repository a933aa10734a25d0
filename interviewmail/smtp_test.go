package interviewmail

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/ical"
	skmail "github.com/skillkeepr/skillkeepr/mail"
)

// smtpSink is a real SMTP server (emersion/go-smtp) on 127.0.0.1 keeping
// the messages it receives.
type smtpSink struct {
	mu   sync.Mutex
	msgs [][]byte
	rcpt [][]string
}

func (s *smtpSink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }

type sinkSession struct {
	sink *smtpSink
	to   []string
}

func (s *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	defer s.sink.mu.Unlock()
	s.sink.msgs = append(s.sink.msgs, b)
	s.sink.rcpt = append(s.sink.rcpt, s.to)
	return nil
}
func (s *sinkSession) Reset()        { s.to = nil }
func (s *sinkSession) Logout() error { return nil }

func startSink(t *testing.T) (*smtpSink, int) {
	t.Helper()
	sink := &smtpSink{}
	srv := smtp.NewServer(sink)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close(); <-done })
	return sink, l.Addr().(*net.TCPAddr).Port
}

// TestConfirmationOverSMTP sends the candidate's confirmation through the
// real SMTP sender to a server started here and reads it back: headers,
// the text and HTML parts, and the invite.ics attachment, parsed again.
func TestConfirmationOverSMTP(t *testing.T) {
	t.Parallel()
	sink, port := startSink(t)
	sender := skmail.NewSMTP(skmail.SMTPConfig{Host: "127.0.0.1", Port: port, From: "Acme Hiring <hiring@acme.test>",
		Security: skmail.SecurityNone, Timeout: 5 * time.Second})
	n := testNotifier(nil)
	iv := testInterview()
	msgs, err := n.Messages(iv, "Acme", skillkeepr.NoticeBooked, Defaults(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := sender.Send(t.Context(), msgs[0]); err != nil {
		t.Fatal(err)
	}
	sink.mu.Lock()
	raw, rcpt := sink.msgs[0], sink.rcpt[0]
	sink.mu.Unlock()
	if len(rcpt) != 1 || rcpt[0] != "zoe@example.com" {
		t.Errorf("envelope to %v", rcpt)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Confirmed: 45-minute video interview on Monday 29 March 2027, 14:00–14:45" {
		t.Errorf("Subject %q", subject)
	}
	if to, err := msg.Header.AddressList("To"); err != nil || to[0].Address != "zoe@example.com" {
		t.Errorf("To %v %v", to, err)
	}
	if from, err := msg.Header.AddressList("From"); err != nil || from[0].Address != "hiring@acme.test" {
		t.Errorf("From %v %v", from, err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	body, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	bt, bparams, _ := mime.ParseMediaType(body.Header.Get("Content-Type"))
	if bt != "multipart/alternative" {
		t.Fatalf("body Content-Type %q", body.Header.Get("Content-Type"))
	}
	alt := multipart.NewReader(body, bparams["boundary"])
	for _, want := range []struct{ typ, has string }{{"text/plain", "When: Monday 29 March 2027, 14:00–14:45 (Europe/Berlin, CEST (UTC+02:00))"}, {"text/html", "<strong>Backend engineer</strong>"}} {
		p, err := alt.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(p)
		if typ, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); typ != want.typ || !strings.Contains(string(got), want.has) {
			t.Errorf("%s part lacks %q:\n%s", want.typ, want.has, got)
		}
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	at, aparams, _ := mime.ParseMediaType(att.Header.Get("Content-Type"))
	if at != "text/calendar" || aparams["method"] != "REQUEST" || att.FileName() != "invite.ics" {
		t.Errorf("attachment %q %q", att.Header.Get("Content-Type"), att.FileName())
	}
	data, _ := io.ReadAll(att) // multipart decodes quoted-printable only
	if att.Header.Get("Content-Transfer-Encoding") == "base64" {
		data = decodeBase64(t, data)
	}
	cal, err := ical.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	evs, err := cal.Events()
	if err != nil || len(evs) != 1 || evs[0].UID != iv.UID || cal.Method() != "REQUEST" || !evs[0].Start.Equal(iv.StartsAt) {
		t.Fatalf("attached invite: %v %+v", err, evs)
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more parts than body and invite (%v)", err)
	}
}
