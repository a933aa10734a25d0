package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skillkeepr/skillkeepr"
)

// Content types of the résumé files accepted.
const (
	ContentTypePDF  = skillkeepr.ContentTypePDF
	ContentTypeDOCX = skillkeepr.ContentTypeDOCX
	ContentTypeText = skillkeepr.ContentTypeText // always UTF-8: served with charset=utf-8
)

// maxFormField is the largest text field of a multipart form, and
// maxFormParts the most parts a form may have.
const (
	maxFormField = 64 << 10
	maxFormParts = 100
)

// maxFormSize bounds a whole multipart request: the résumé plus room for
// the text fields and the multipart framing.
const maxFormSize = skillkeepr.MaxResumeSize + MaxBodySize

var resumeTooLarge = fmt.Sprintf("The résumé is larger than %d MB; upload a smaller file.", skillkeepr.MaxResumeSize>>20)

func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// readCandidateForm reads a multipart/form-data candidate, streaming the
// parts so that no more than maxFormSize bytes are ever read.
func readCandidateForm(w http.ResponseWriter, r *http.Request) (skillkeepr.CandidateCreate, error) {
	var c skillkeepr.CandidateCreate
	r.Body = http.MaxBytesReader(w, r.Body, maxFormSize)
	mr, err := r.MultipartReader()
	if err != nil {
		return c, invalid("The form could not be read; send it as multipart/form-data with a boundary.", nil)
	}
	v := skillkeepr.Validation{}
	seenResume := false
	for parts := 0; ; parts++ {
		if parts == maxFormParts {
			return c, invalid(fmt.Sprintf("The form has more than %d fields.", maxFormParts), nil)
		}
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, formReadError(err)
		}
		name := part.FormName()
		if name == "resume" {
			if seenResume {
				v.Add("resume", "Upload one résumé at a time.")
				continue
			}
			seenResume = true
			data, err := io.ReadAll(io.LimitReader(part, skillkeepr.MaxResumeSize+1))
			if err != nil {
				return c, formReadError(err)
			}
			if len(data) > skillkeepr.MaxResumeSize {
				return c, fieldError("resume", resumeTooLarge)
			}
			if len(data) == 0 && part.FileName() == "" {
				continue // an empty file input: no résumé
			}
			up, err := skillkeepr.NewResumeUpload(part.FileName(), data)
			if err != nil {
				v.Add("resume", skillkeepr.ErrorFields(err)["resume"])
				continue
			}
			c.Resume = up
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
		if err != nil {
			return c, formReadError(err)
		}
		if len(data) > maxFormField {
			v.Add(name, "This value is too long.")
			continue
		}
		if !utf8.Valid(data) {
			v.Add(name, "This value is not valid text.")
			continue
		}
		val := string(data)
		switch name {
		case "job_id":
			id, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
			if err != nil || id <= 0 {
				v.Add("job_id", "Choose the job the candidate applies to.")
			}
			c.JobID = id
		case "name":
			c.Name = val
		case "location":
			c.Location = val
		case "emails", "email":
			c.Emails = append(c.Emails, skillkeepr.SplitList(val)...)
		case "phones", "phone":
			c.Phones = append(c.Phones, skillkeepr.SplitList(val)...)
		case "links", "link":
			c.Links = append(c.Links, skillkeepr.SplitList(val)...)
		default:
			if len(name) > 100 {
				name = name[:100]
			}
			v.Add(name, "Unknown field.")
		}
	}
	if err := v.Err(); err != nil {
		return c, err
	}
	return c, nil
}

func formReadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fieldError("resume", resumeTooLarge)
	}
	return invalid("The form could not be read; it is not valid multipart/form-data.", nil)
}

func (a *API) getResume(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Résumé")
	if err != nil {
		return err
	}
	rf, rc, err := a.svc.Candidates.OpenResume(r.Context(), id)
	if err != nil {
		return err
	}
	defer rc.Close()
	if masked, err := a.svc.Shortlist.CandidateMasked(r.Context(), rf.CandidateID); err != nil || masked {
		if err == nil {
			err = skillkeepr.ErrResumeFileMasked()
		}
		return err
	}
	h := w.Header()
	ct := rf.ContentType
	switch ct {
	case "":
		ct = "application/octet-stream"
	case ContentTypeText:
		ct = ContentTypeText + "; charset=utf-8" // only valid UTF-8 is accepted
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rf.FileName}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if rf.Size > 0 {
		h.Set("Content-Length", strconv.FormatInt(rf.Size, 10))
	}
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, rc); err != nil {
		a.log.WarnContext(r.Context(), "api: résumé download interrupted", "resume_id", id, "err", err)
	}
	return nil
}
