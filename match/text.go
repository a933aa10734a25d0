package match

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Line is one line of normalised résumé text. N counts from 1.
type Line struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// Text is the normalised text of a résumé, line by line.
type Text struct {
	Format string `json:"format"` // "pdf", "docx", "txt", "rtf" or "html"
	Pages  int    `json:"pages,omitempty"`
	Lines  []Line `json:"lines"`
}

// String joins the lines with newlines.
func (t Text) String() string {
	var b strings.Builder
	for i, l := range t.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// Line returns the text of line n, or "".
func (t Text) Line(n int) string {
	if n < 1 || n > len(t.Lines) {
		return ""
	}
	return t.Lines[n-1].Text
}

// Limits bound the work done on one file. A zero field takes its default.
type Limits struct {
	MaxFileSize     int64         // bytes of the file; default 10 MB
	MaxPages        int           // PDF pages; default 30
	MaxDecompressed int64         // bytes unpacked from a DOCX, or PDF page content; default 20 MB
	MaxTextBytes    int           // bytes of extracted text; default 1 MB
	Timeout         time.Duration // per file; default 10 s (a ctx deadline also applies)
}

// defaultLimits fill the zero fields of a Limits.
var defaultLimits = Limits{
	MaxFileSize:     skillkeepr.MaxResumeSize,
	MaxPages:        30,
	MaxDecompressed: 20 << 20,
	MaxTextBytes:    1 << 20,
	Timeout:         10 * time.Second,
}

func (l Limits) withDefaults() Limits {
	d := defaultLimits
	if l.MaxFileSize > 0 {
		d.MaxFileSize = l.MaxFileSize
	}
	if l.MaxPages > 0 {
		d.MaxPages = l.MaxPages
	}
	if l.MaxDecompressed > 0 {
		d.MaxDecompressed = l.MaxDecompressed
	}
	if l.MaxTextBytes > 0 {
		d.MaxTextBytes = l.MaxTextBytes
	}
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	return d
}

// Reason tells refusals apart.
type Reason string

const (
	TooLarge        Reason = "too_large"        // the file is over MaxFileSize
	TooManyPages    Reason = "too_many_pages"   // the PDF is over MaxPages
	TooMuchContent  Reason = "too_much_content" // decompressed or extracted text over its limit
	TimedOut        Reason = "timed_out"        // the file took longer than Timeout
	NoText          Reason = "no_text"          // no extractable text: scanned?
	Unreadable      Reason = "unreadable"       // damaged, encrypted or not what it claims
	UnsupportedType Reason = "unsupported_type" // not PDF, DOCX or text
)

// refusal is an EINVALID *skillkeepr.Error with a Reason.
type refusal struct {
	reason Reason
	err    *skillkeepr.Error
}

func (r *refusal) Error() string { return r.err.Error() }
func (r *refusal) Unwrap() error { return r.err }

func refuse(reason Reason, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &refusal{reason: reason, err: &skillkeepr.Error{
		Code: skillkeepr.EINVALID, Message: msg, Fields: map[string]string{"resume": msg},
	}}
}

// ReasonOf returns why ExtractText refused a file, or "" when err is not a
// refusal.
func ReasonOf(err error) Reason {
	var r *refusal
	if errors.As(err, &r) {
		return r.reason
	}
	return ""
}

// ExtractText reads a résumé file into normalised numbered lines. The type
// is detected from the bytes; fileName is used only in messages. Every
// refusal is an EINVALID *skillkeepr.Error in plain words (see ReasonOf).
func ExtractText(ctx context.Context, fileName string, data []byte, limits Limits) (Text, error) {
	lim := limits.withDefaults()
	name := fileName
	if name == "" {
		name = "The file"
	} else {
		name = "“" + name + "”"
	}
	if len(data) == 0 {
		return Text{}, refuse(Unreadable, "%s is empty. Please choose another file.", name)
	}
	if int64(len(data)) > lim.MaxFileSize {
		return Text{}, refuse(TooLarge, "%s is larger than %s. Please upload a smaller file.", name, sizeWords(lim.MaxFileSize))
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	var (
		raw    []string
		pages  int
		format string
		err    error
	)
	switch ct := detectType(data); ct {
	case skillkeepr.ContentTypePDF:
		format = "pdf"
		raw, pages, err = extractPDF(ctx, data, lim)
	case skillkeepr.ContentTypeDOCX:
		format = "docx"
		raw, err = extractDOCX(ctx, data, lim)
	case skillkeepr.ContentTypeText:
		format = "txt"
		switch {
		case isRTF(data):
			format = "rtf"
			raw = extractRTF(data)
		case isHTML(data):
			format = "html"
			raw, err = extractPlain(data, lim)
			if err == nil {
				raw = extractHTML([]byte(strings.Join(raw, "")))
			}
		default:
			raw, err = extractPlain(data, lim)
		}
	default:
		return Text{}, refuse(UnsupportedType, "%s is not a PDF, a Word document (.docx) or a plain text file. Please upload one of those.", name)
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		if ReasonOf(err) != "" {
			return Text{}, err
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return Text{}, refuse(TimedOut, "Reading %s took too long, so it was stopped. Please save it again (for example as a new PDF) and upload it again.", name)
		}
		return Text{}, refuse(Unreadable, "%s could not be read; it may be damaged or password-protected. Please save it again and upload it again.", name)
	}
	t := Text{Format: format, Pages: pages, Lines: normalizeLines(raw)}
	size := 0
	for _, l := range t.Lines {
		size += len(l.Text) + 1
	}
	if size > lim.MaxTextBytes {
		return Text{}, refuse(TooMuchContent, "%s holds far more text than a résumé (over %s). Please upload the résumé alone.", name, sizeWords(int64(lim.MaxTextBytes)))
	}
	if !hasText(t) {
		return Text{}, refuse(NoText, "No text found in %s — is it a scanned image? Please upload a version with selectable text, or ask the candidate for one.", name)
	}
	return t, nil
}

// detectType is skillkeepr.DetectResumeType, plus text with a UTF-16 byte
// order mark and 8-bit text without NUL bytes.
func detectType(data []byte) string {
	if ct := skillkeepr.DetectResumeType(data); ct != "" {
		return ct
	}
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return skillkeepr.ContentTypeText
	}
	if len(data) > 4 && (string(data[:4]) == "PK\x03\x04" || string(data[:5]) == "%PDF-") {
		return ""
	}
	for _, c := range data {
		if c == 0 || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			return ""
		}
	}
	return skillkeepr.ContentTypeText
}

// hasText reports whether t has enough letters to be read: at least 20.
func hasText(t Text) bool {
	n := 0
	for _, l := range t.Lines {
		for _, r := range l.Text {
			if isLetter(r) {
				n++
				if n >= 20 {
					return true
				}
			}
		}
	}
	return false
}

func sizeWords(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
