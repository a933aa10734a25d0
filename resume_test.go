package skillkeepr

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func zipWith(t testing.TB, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<w:document/>"))
	}
	zw.Close()
	return buf.Bytes()
}

func TestNewResumeUpload(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file string
		data       []byte
		wantType   string
		wantName   string
	}{
		{"pdf", "cv.PDF", []byte("%PDF-1.7\n..."), ContentTypePDF, "cv.pdf"},
		{"docx", `C:\Users\me\My CV.docx`, zipWith(t, "[Content_Types].xml", "word/document.xml"), ContentTypeDOCX, "My CV.docx"},
		{"text", "notes", []byte("Go, PostgreSQL\n"), ContentTypeText, "notes.txt"},
		{"text claiming pdf", "cv.pdf", []byte("plain words"), ContentTypeText, "cv.txt"},
		{"quotes and controls", "a\"b\x00c.pdf", []byte("%PDF-1.4"), ContentTypePDF, "abc.pdf"},
		{"no name", "", []byte("%PDF-1.4"), ContentTypePDF, "resume.pdf"},
		{"empty", "cv.pdf", nil, "", ""},
		{"png", "cv.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "", ""},
		{"zip without document", "cv.docx", zipWith(t, "hello.txt"), "", ""},
		{"broken zip", "cv.docx", []byte("PK\x03\x04garbage"), "", ""},
		{"nul bytes", "cv.txt", []byte("abc\x00def"), "", ""},
		{"invalid utf-8", "cv.txt", []byte{0xff, 0xfe, 'a'}, "", ""},
		{"too large", "cv.txt", bytes.Repeat([]byte("a"), MaxResumeSize+1), "", ""},
	}
	for _, tt := range tests {
		u, err := NewResumeUpload(tt.file, tt.data)
		if tt.wantType == "" {
			if ErrorCodeOf(err) != EINVALID || ErrorFields(err)["resume"] == "" {
				t.Errorf("%s: got %v, %v; want a field error on resume", tt.name, u, err)
			}
			continue
		}
		if err != nil || u.ContentType != tt.wantType || u.FileName != tt.wantName {
			t.Errorf("%s: got %+v, %v; want %s %q", tt.name, u, err, tt.wantType, tt.wantName)
		}
	}
	if n := CleanFileName(strings.Repeat("é", 300)+".pdf", ContentTypePDF); len(n) > 200 || !strings.HasSuffix(n, ".pdf") {
		t.Errorf("long name cleaned to %d bytes: %q", len(n), n)
	}
}

func FuzzDetectResumeType(f *testing.F) {
	f.Add([]byte("%PDF-1.4"), "cv.pdf")
	f.Add([]byte("PK\x03\x04"), "cv.docx")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		u, err := NewResumeUpload(name, data)
		if err == nil && (u.ContentType == "" || len(u.FileName) > 200) {
			t.Fatalf("accepted %+v", u)
		}
	})
}
