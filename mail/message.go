package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// message is an email ready for the wire.
type message struct {
	from       string   // envelope sender
	recipients []string // envelope recipients
	data       []byte   // RFC 5322 message, CRLF line endings
}

// ascii reports whether the envelope addresses are all ASCII.
func (m *message) ascii() bool {
	for _, a := range append([]string{m.from}, m.recipients...) {
		for i := 0; i < len(a); i++ {
			if a[i] >= 0x80 {
				return false
			}
		}
	}
	return true
}

// buildMessage renders m as a MIME message from the sender from: a
// multipart/alternative of text and HTML (or only text when m has no HTML),
// UTF-8, quoted-printable. It fails with EINVALID when m cannot be sent.
func buildMessage(from *mail.Address, m skillkeepr.EmailMessage, now time.Time) (*message, error) {
	if len(m.To) == 0 {
		return nil, skillkeepr.Errorf(skillkeepr.EINVALID, "The email has no recipient.")
	}
	to := make([]string, 0, len(m.To))
	rcpts := make([]string, 0, len(m.To))
	for _, s := range m.To {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return nil, skillkeepr.Errorf(skillkeepr.EINVALID, "%q is not a valid email address.", s)
		}
		to = append(to, a.String())
		rcpts = append(rcpts, a.Address)
	}
	if strings.TrimSpace(m.Text) == "" && strings.TrimSpace(m.HTML) == "" {
		return nil, skillkeepr.Errorf(skillkeepr.EINVALID, "The email is empty.")
	}

	var b bytes.Buffer
	b.WriteString(foldHeader("From", from.String()))
	b.WriteString(foldHeader("To", strings.Join(to, ", ")))
	b.WriteString(foldHeader("Subject", encodeHeader(m.Subject)))
	b.WriteString(foldHeader("Date", now.Format(time.RFC1123Z)))
	b.WriteString(foldHeader("Message-ID", messageID(from.Address)))
	b.WriteString("MIME-Version: 1.0\r\n")
	// Mail sent by a program, not a person: auto-responders stay quiet.
	b.WriteString("Auto-Submitted: auto-generated\r\n")

	if len(m.Attachments) == 0 {
		if err := writeBody(&b, m); err != nil {
			return nil, err
		}
		return &message{from: from.Address, recipients: rcpts, data: b.Bytes()}, nil
	}
	// With attachments: multipart/mixed of the body and the files.
	mixed := multipart.NewWriter(&b)
	b.WriteString("Content-Type: multipart/mixed; boundary=\"" + mixed.Boundary() + "\"\r\n\r\n")
	var body bytes.Buffer
	if err := writeBody(&body, m); err != nil {
		return nil, err
	}
	head, rest, _ := bytes.Cut(body.Bytes(), []byte("\r\n\r\n"))
	h := textproto.MIMEHeader{}
	for _, line := range strings.Split(string(head), "\r\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			h.Set(k, v)
		}
	}
	pw, err := mixed.CreatePart(h)
	if err != nil {
		return nil, err
	}
	if _, err := pw.Write(rest); err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		name := strings.Map(func(r rune) rune {
			if r < ' ' || r == '"' || r == '\\' || r == 0x7f {
				return '_'
			}
			return r
		}, a.Filename)
		pw, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {ct + "; name=\"" + name + "\""},
			"Content-Disposition":       {"attachment; filename=\"" + name + "\""},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			pw.Write([]byte(enc[:76] + "\r\n"))
			enc = enc[76:]
		}
		pw.Write([]byte(enc + "\r\n"))
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return &message{from: from.Address, recipients: rcpts, data: b.Bytes()}, nil
}

// writeBody writes the Content-Type header, a blank line and the body of
// m: text only, or a multipart/alternative of text and HTML.
func writeBody(w *bytes.Buffer, m skillkeepr.EmailMessage) error {
	if m.HTML == "" {
		w.WriteString("Content-Type: text/plain; charset=utf-8\r\n")
		w.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
		if err := writeQP(w, m.Text); err != nil {
			return err
		}
	} else {
		mw := multipart.NewWriter(w)
		w.WriteString("Content-Type: multipart/alternative; boundary=\"" + mw.Boundary() + "\"\r\n\r\n")
		for _, part := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
			pw, err := mw.CreatePart(textproto.MIMEHeader{
				"Content-Type":              {part.typ + "; charset=utf-8"},
				"Content-Transfer-Encoding": {"quoted-printable"},
			})
			if err != nil {
				return err
			}
			if err := writeQP(pw, part.body); err != nil {
				return err
			}
		}
		if err := mw.Close(); err != nil {
			return err
		}
	}
	return nil
}

// writeQP writes body quoted-printable with CRLF line endings.
func writeQP(w interface{ Write([]byte) (int, error) }, body string) error {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\n", "\r\n")
	qw := quotedprintable.NewWriter(w)
	if _, err := qw.Write([]byte(body)); err != nil {
		return err
	}
	return qw.Close()
}

// messageID returns a new, globally unique Message-ID in the sender's domain.
func messageID(sender string) string {
	domain := "skillkeepr.invalid"
	if i := strings.LastIndexByte(sender, '@'); i >= 0 && i+1 < len(sender) {
		domain = sender[i+1:]
	}
	var r [16]byte
	rand.Read(r[:])
	return fmt.Sprintf("<%s@%s>", hex.EncodeToString(r[:]), domain)
}
