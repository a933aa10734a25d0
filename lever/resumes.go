package lever

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// Resume is a résumé on an opportunity. File and ParsedData may be missing.
type Resume struct {
	ID         string      `json:"id"`
	CreatedAt  Timestamp   `json:"createdAt"`
	File       *ResumeFile `json:"file"`
	ParsedData *ParsedData `json:"parsedData"`
}

// ResumeFile describes a résumé's file. Ext has no dot ("pdf"). DownloadURL points at
// Lever's web app (it needs a browser session); use [Client.DownloadResume].
type ResumeFile struct {
	Name        string    `json:"name"`
	Ext         string    `json:"ext"`
	DownloadURL string    `json:"downloadUrl"`
	UploadedAt  Timestamp `json:"uploadedAt"`
	Status      string    `json:"status"` // processing, processed, unsupported, error
	Size        Int64     `json:"size"`
}

// ParsedData is Lever's parse of a résumé.
type ParsedData struct {
	Positions []Position `json:"positions"`
	Schools   []School   `json:"schools"`
}

// Position is a job in a parsed résumé.
type Position struct {
	Org      string     `json:"org"`
	Title    string     `json:"title"`
	Summary  string     `json:"summary"`
	Location string     `json:"location"`
	Start    *YearMonth `json:"start"`
	End      *YearMonth `json:"end"`
}

// School is an education entry in a parsed résumé.
type School struct {
	Org     string     `json:"org"`
	Degree  string     `json:"degree"`
	Field   string     `json:"field"`
	Summary string     `json:"summary"`
	Start   *YearMonth `json:"start"`
	End     *YearMonth `json:"end"`
}

// YearMonth is a month of a year (either may be zero).
type YearMonth struct {
	Year  Int64 `json:"year"`
	Month Int64 `json:"month"`
}

// File is a file attached to an opportunity. Ext has the dot (".pdf").
type File struct {
	ID          string    `json:"id"`
	DownloadURL string    `json:"downloadUrl"`
	Ext         string    `json:"ext"`
	Name        string    `json:"name"`
	UploadedAt  Timestamp `json:"uploadedAt"`
	Status      string    `json:"status"` // processing, processed, unsupported, error, or empty
	Size        Int64     `json:"size"`
}

// UploadedRange bounds résumé and file lists by upload time (inclusive; zero = open).
type UploadedRange struct {
	Start, End time.Time
}

func (r UploadedRange) query() url.Values {
	q := url.Values{}
	addTime(q, "uploaded_at_start", r.Start)
	addTime(q, "uploaded_at_end", r.End)
	return q
}

// ListResumes iterates over an opportunity's résumés (GET /opportunities/:id/resumes).
func (c *Client) ListResumes(ctx context.Context, opportunityID string, r UploadedRange) iter.Seq2[Resume, error] {
	if err := requireIDs(opportunityID); err != nil {
		return failed[Resume](err)
	}
	return list[Resume](c, ctx, pathf("/opportunities/%s/resumes", opportunityID), r.query())
}

// GetResume returns one résumé's metadata (GET /opportunities/:id/resumes/:resume).
func (c *Client) GetResume(ctx context.Context, opportunityID, resumeID string) (*Resume, error) {
	if err := requireIDs(opportunityID, resumeID); err != nil {
		return nil, err
	}
	var r Resume
	if err := c.getOne(ctx, pathf("/opportunities/%s/resumes/%s", opportunityID, resumeID), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// DownloadResume streams a résumé's file (GET …/resumes/:resume/download). The body
// is bounded by Config.MaxDownloadBytes; a file Lever could not process gives an
// error matching [ErrInvalid] (422). Close the result.
func (c *Client) DownloadResume(ctx context.Context, opportunityID, resumeID string) (*Download, error) {
	if err := requireIDs(opportunityID, resumeID); err != nil {
		return nil, err
	}
	return c.download(ctx, pathf("/opportunities/%s/resumes/%s/download", opportunityID, resumeID))
}

// ListFiles iterates over an opportunity's files (GET /opportunities/:id/files).
func (c *Client) ListFiles(ctx context.Context, opportunityID string, r UploadedRange) iter.Seq2[File, error] {
	if err := requireIDs(opportunityID); err != nil {
		return failed[File](err)
	}
	return list[File](c, ctx, pathf("/opportunities/%s/files", opportunityID), r.query())
}

// GetFile returns one file's metadata (GET /opportunities/:id/files/:file).
func (c *Client) GetFile(ctx context.Context, opportunityID, fileID string) (*File, error) {
	if err := requireIDs(opportunityID, fileID); err != nil {
		return nil, err
	}
	var f File
	if err := c.getOne(ctx, pathf("/opportunities/%s/files/%s", opportunityID, fileID), nil, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// DownloadFile streams a file (GET …/files/:file/download); see DownloadResume.
func (c *Client) DownloadFile(ctx context.Context, opportunityID, fileID string) (*Download, error) {
	if err := requireIDs(opportunityID, fileID); err != nil {
		return nil, err
	}
	return c.download(ctx, pathf("/opportunities/%s/files/%s/download", opportunityID, fileID))
}

// failed is an iterator that yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
