package skillkeepr

import (
	"archive/zip"
	"bytes"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Résumé content types, as detected from the bytes.
const (
	ContentTypePDF  = "application/pdf"
	ContentTypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	ContentTypeText = "text/plain" // only valid UTF-8 is accepted, so it is served with charset=utf-8
)

// DetectResumeType returns the content type of a résumé from its bytes —
// PDF ("%PDF-"), DOCX (a zip holding word/document.xml) or plain text
// (valid UTF-8 without NUL bytes) — or "" for anything else. What a browser
// or Lever claims about a file is never trusted.
func DetectResumeType(data []byte) string {
	switch {
	case len(data) == 0:
		return ""
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return ContentTypePDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return ""
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				return ContentTypeDOCX
			}
		}
		return ""
	case utf8.Valid(data) && bytes.IndexByte(data, 0) < 0:
		return ContentTypeText
	}
	return ""
}

// CleanFileName keeps the base name of an uploaded file without control
// characters or quotes, at most 200 bytes, with the extension that matches
// contentType.
func CleanFileName(name, contentType string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" {
		name = ""
	}
	ext := map[string]string{ContentTypePDF: ".pdf", ContentTypeDOCX: ".docx", ContentTypeText: ".txt"}[contentType]
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" {
		base = "resume"
	}
	for len(base)+len(ext) > 200 {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	return base + ext
}

// NewResumeUpload checks a résumé file and returns it with its detected
// content type and a clean file name, or an EINVALID error on field
// "resume" saying in plain words why it is refused.
func NewResumeUpload(fileName string, data []byte) (*ResumeUpload, error) {
	v := Validation{}
	ct := DetectResumeType(data)
	switch {
	case len(data) == 0:
		v.Add("resume", "The file is empty. Please choose another file.")
	case len(data) > MaxResumeSize:
		v.Add("resume", "The file is larger than "+strconv.Itoa(MaxResumeSize>>20)+" MB. Please choose a smaller file.")
	case ct == "":
		v.Add("resume", "This file type is not accepted. Please upload a PDF, a Word document (.docx) or a plain text file.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return &ResumeUpload{FileName: CleanFileName(fileName, ct), ContentType: ct, Data: data}, nil
}
