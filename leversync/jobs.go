package leversync

import (
	"context"
	"errors"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// JobStore is what importing Lever jobs needs from the database (sqlstore
// implements it); every method checks the actor.
type JobStore interface {
	FindDepartments(ctx context.Context) ([]*skillkeepr.Department, error)
	ImportLeverJob(ctx context.Context, rec skillkeepr.LeverJobRecord) (*skillkeepr.Job, error)
	LeverJobLinks(ctx context.Context) (map[string]*skillkeepr.LeverJobLink, error)
	LeverJobLinkByPosting(ctx context.Context, postingID string) (*skillkeepr.LeverJobLink, error)
	LeverJobLink(ctx context.Context, jobID int64) (*skillkeepr.LeverJobLink, error)
	SetLeverStageMapping(ctx context.Context, jobID int64, m []skillkeepr.LeverStageMap) (*skillkeepr.LeverJobLink, error)
}

// Jobs imports Lever postings as SkillKeepr jobs. It implements
// skillkeepr.LeverJobs.
type Jobs struct {
	c     *Connector
	store JobStore
}

var _ skillkeepr.LeverJobs = (*Jobs)(nil)

// NewJobs returns the Lever job import of c, saving through store.
func NewJobs(c *Connector, store JobStore) *Jobs { return &Jobs{c: c, store: store} }

func authorizeImport(ctx context.Context) (*skillkeepr.Actor, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return a, skillkeepr.Authorize(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{})
}

// interactiveAttempts bounds the attempts of each Lever call made while a
// person waits for a page (about three seconds of back-off at most).
const interactiveAttempts = 3

// client returns the organisation's Lever client, or a plain EUNAVAILABLE
// when Lever is not connected.
func (j *Jobs) client(ctx context.Context, a *skillkeepr.Actor) (*Client, error) {
	cl, err := j.c.client(ctx, a.OrgID, interactiveAttempts)
	if err != nil {
		return nil, j.leverErr(ctx, nil, err)
	}
	return cl, nil
}

// leverErr turns an error of a Lever call into plain words, recording a
// revocation.
func (j *Jobs) leverErr(ctx context.Context, cl *Client, err error) error {
	if cl != nil {
		err = cl.Check(ctx, err)
	}
	var de *skillkeepr.Error
	switch {
	case errors.As(err, &de):
		return err
	case errors.Is(err, ErrNotConnected):
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever is not connected. A Super Admin can connect it on the Integrations page.")
	case errors.Is(err, lever.ErrRevoked):
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever no longer allows SkillKeepr to read your jobs: access was revoked in Lever. A Super Admin can connect Lever again on the Integrations page. Nothing was changed.")
	case errors.Is(err, lever.ErrNotFound):
		return skillkeepr.NotFound("Lever job")
	case errors.Is(err, lever.ErrForbidden):
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever did not let SkillKeepr read this job. A Super Admin can connect Lever again and allow access to jobs.")
	}
	j.c.log.WarnContext(ctx, "lever: job import call failed", "err", err)
	return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever could not be reached just now, so nothing was changed. Please try again in a few minutes.")
}

// listPostings pages through the postings with one listing, confidential
// ones included when the connection has Lever's confidential scope (an API
// key has it); without it Lever refuses at once and the others are listed.
func listPostings(ctx context.Context, cl *Client, f lever.PostingFilter) ([]lever.Posting, error) {
	f.Confidentiality = "all"
	out, err := collectPostings(ctx, cl, f)
	if errors.Is(err, lever.ErrForbidden) && len(out) == 0 {
		f.Confidentiality = ""
		return collectPostings(ctx, cl, f)
	}
	return out, err
}

func collectPostings(ctx context.Context, cl *Client, f lever.PostingFilter) ([]lever.Posting, error) {
	var out []lever.Posting
	for p, err := range cl.ListPostings(ctx, f) {
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

func refName(r lever.Ref[lever.User], names map[string]string) string {
	if r.Object != nil {
		return r.Object.Name
	}
	return names[r.ID]
}

// userNames names the owners and hiring managers that Lever did not
// expand, with one paged listing of the account's users; nil when every
// reference came expanded.
func userNames(ctx context.Context, cl *Client, ps ...*lever.Posting) (map[string]string, error) {
	need := false
	for _, p := range ps {
		if (p.Owner.ID != "" && p.Owner.Object == nil) || (p.HiringManager.ID != "" && p.HiringManager.Object == nil) {
			need = true
			break
		}
	}
	if !need {
		return nil, nil
	}
	names := map[string]string{}
	for u, err := range cl.ListUsers(ctx, lever.UserFilter{IncludeDeactivated: true}) {
		if err != nil {
			return nil, err
		}
		names[u.ID] = u.Name
	}
	return names, nil
}

func postingRow(p *lever.Posting, links map[string]*skillkeepr.LeverJobLink, names map[string]string) skillkeepr.LeverPosting {
	row := skillkeepr.LeverPosting{
		ID: p.ID, Title: strings.TrimSpace(p.Text), Team: p.Categories.Team, Department: p.Categories.Department,
		Location: p.Categories.Location, Commitment: p.Categories.Commitment, Level: p.Categories.Level, State: p.State,
		Confidential: p.Confidentiality == "confidential", OwnerName: refName(p.Owner, names), HiringManagerName: refName(p.HiringManager, names),
		UpdatedAt: p.UpdatedAt.Time,
	}
	if l := links[p.ID]; l != nil {
		row.ImportedJobID, row.ImportedJobNumber = l.JobID, l.JobNumber
	}
	return row
}

// LeverPostings lists the account's postings (one paged listing with the
// owner and hiring manager expanded), newest first.
func (j *Jobs) LeverPostings(ctx context.Context, f skillkeepr.LeverPostingFilter) ([]skillkeepr.LeverPosting, error) {
	a, err := authorizeImport(ctx)
	if err != nil {
		return nil, err
	}
	links, err := j.store.LeverJobLinks(ctx)
	if err != nil {
		return nil, err
	}
	cl, err := j.client(ctx, a)
	if err != nil {
		return nil, err
	}
	lf := lever.PostingFilter{Expand: []string{"owner", "hiringManager"}}
	if f.State != "" {
		if !slices.Contains(skillkeepr.LeverPostingStates, f.State) {
			return nil, skillkeepr.Validation{"state": "Choose a state from the list."}.Err()
		}
		lf.States = []string{f.State}
	}
	ps, err := listPostings(ctx, cl, lf)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	q := strings.ToLower(strings.TrimSpace(f.Query))
	var keep []*lever.Posting
	for i := range ps {
		if q == "" || strings.Contains(strings.ToLower(ps[i].Text), q) {
			keep = append(keep, &ps[i])
		}
	}
	names, err := userNames(ctx, cl, keep...)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	out := make([]skillkeepr.LeverPosting, 0, len(keep))
	for _, p := range keep {
		out = append(out, postingRow(p, links, names))
	}
	slices.SortStableFunc(out, func(x, y skillkeepr.LeverPosting) int { return y.UpdatedAt.Compare(x.UpdatedAt) })
	return out, nil
}

// stages returns the account's pipeline in order.
func stages(ctx context.Context, cl *Client) ([]skillkeepr.LeverStage, error) {
	var out []skillkeepr.LeverStage
	for s, err := range cl.ListStages(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, skillkeepr.LeverStage{ID: s.ID, Name: s.Text})
	}
	return out, nil
}

// LeverJobDraft loads one posting ready for the import form: two calls to
// Lever (the posting, the pipeline).
func (j *Jobs) LeverJobDraft(ctx context.Context, postingID string) (*skillkeepr.LeverJobDraft, error) {
	a, err := authorizeImport(ctx)
	if err != nil {
		return nil, err
	}
	if !skillkeepr.ValidLeverID(postingID) {
		return nil, skillkeepr.NotFound("Lever job")
	}
	deps, err := j.store.FindDepartments(ctx)
	if err != nil {
		return nil, err
	}
	links, err := j.store.LeverJobLinks(ctx)
	if err != nil {
		return nil, err
	}
	cl, err := j.client(ctx, a)
	if err != nil {
		return nil, err
	}
	p, err := cl.GetPosting(ctx, postingID, "owner", "hiringManager")
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	st, err := stages(ctx, cl)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	names, err := userNames(ctx, cl, p)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	d := &skillkeepr.LeverJobDraft{Posting: postingRow(p, links, names), Stages: st, StageMapping: SuggestStageMapping(st)}
	d.Fields, d.LeverDepartment = JobFieldsFromPosting(p, deps)
	return d, nil
}

// ImportLeverJob checks the posting and the mapping with Lever, then saves
// the job, its link and its mapping together.
func (j *Jobs) ImportLeverJob(ctx context.Context, imp skillkeepr.LeverJobImport) (*skillkeepr.Job, error) {
	a, err := authorizeImport(ctx)
	if err != nil {
		return nil, err
	}
	if !skillkeepr.ValidLeverID(imp.PostingID) {
		return nil, skillkeepr.NotFound("Lever job")
	}
	f := imp.Fields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if l, err := j.store.LeverJobLinkByPosting(ctx, imp.PostingID); err == nil {
		return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "This Lever job was already imported as job #%d %s.", l.JobNumber, l.JobTitle)
	} else if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return nil, err
	}
	cl, err := j.client(ctx, a)
	if err != nil {
		return nil, err
	}
	p, err := cl.GetPosting(ctx, imp.PostingID)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	st, err := stages(ctx, cl)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	m, err := skillkeepr.NormalizeStageMapping(imp.StageMapping, st)
	if err != nil {
		return nil, err
	}
	return j.store.ImportLeverJob(ctx, skillkeepr.LeverJobRecord{PostingID: p.ID, PostingTitle: strings.TrimSpace(p.Text), Fields: f, StageMapping: m})
}

// LeverJobLinkByPosting returns the job a posting was imported as.
func (j *Jobs) LeverJobLinkByPosting(ctx context.Context, postingID string) (*skillkeepr.LeverJobLink, error) {
	return j.store.LeverJobLinkByPosting(ctx, postingID)
}

// LeverJobLink returns the Lever posting a job was imported from.
func (j *Jobs) LeverJobLink(ctx context.Context, jobID int64) (*skillkeepr.LeverJobLink, error) {
	return j.store.LeverJobLink(ctx, jobID)
}

// LeverStages lists the account's pipeline in order (one call).
func (j *Jobs) LeverStages(ctx context.Context) ([]skillkeepr.LeverStage, error) {
	a, err := authorizeImport(ctx)
	if err != nil {
		return nil, err
	}
	cl, err := j.client(ctx, a)
	if err != nil {
		return nil, err
	}
	st, err := stages(ctx, cl)
	if err != nil {
		return nil, j.leverErr(ctx, cl, err)
	}
	return st, nil
}

// SetLeverStageMapping checks m against the pipeline and saves it.
func (j *Jobs) SetLeverStageMapping(ctx context.Context, jobID int64, m []skillkeepr.LeverStageMap) (*skillkeepr.LeverJobLink, error) {
	if _, err := authorizeImport(ctx); err != nil {
		return nil, err
	}
	if _, err := j.store.LeverJobLink(ctx, jobID); err != nil {
		return nil, err
	}
	st, err := j.LeverStages(ctx)
	if err != nil {
		return nil, err
	}
	nm, err := skillkeepr.NormalizeStageMapping(m, st)
	if err != nil {
		return nil, err
	}
	return j.store.SetLeverStageMapping(ctx, jobID, nm)
}

// JobFieldsFromPosting fills the job form from a posting. The department
// is the SkillKeepr department named like the posting's department, else
// its team (case-insensitive); none matching leaves it 0 for the person to
// choose, and the Lever name is returned to show them.
func JobFieldsFromPosting(p *lever.Posting, deps []*skillkeepr.Department) (skillkeepr.JobFields, string) {
	f := skillkeepr.JobFields{
		Title:          strings.TrimSpace(p.Text),
		Location:       strings.TrimSpace(p.Categories.Location),
		EmploymentType: EmploymentType(p.Categories.Commitment),
		Level:          strings.TrimSpace(p.Categories.Level),
		Description:    PostingDescription(&p.Content),
		Status:         skillkeepr.JobOpen,
	}
	if f.Location == "" && len(p.Categories.AllLocations) > 0 {
		f.Location = strings.Join(p.Categories.AllLocations, ", ")
	}
	if p.State == "closed" {
		f.Status = skillkeepr.JobClosed
	} else if p.State == "draft" || p.State == "pending" || p.State == "rejected" {
		f.Status = skillkeepr.JobDraft
	}
	f.RequiredSkills, f.NiceToHaveSkills = postingSkills(p.Content.Lists)
	leverDep := strings.TrimSpace(p.Categories.Department)
	if leverDep == "" {
		leverDep = strings.TrimSpace(p.Categories.Team)
	}
	for _, name := range []string{p.Categories.Department, p.Categories.Team} {
		name = strings.TrimSpace(name)
		if name == "" || f.DepartmentID != 0 {
			continue
		}
		for _, d := range deps {
			if strings.EqualFold(strings.TrimSpace(d.Name), name) {
				f.DepartmentID = d.ID
				break
			}
		}
	}
	return f, leverDep
}

var liRe = regexp.MustCompile(`(?is)<li[^>]*>(.*?)</li>`)

// postingSkills reads skills from the posting's titled lists: a list
// titled like "Requirements" or "What you'll need" gives the required
// skills, one titled like "Nice to have" or "Bonus" the nice-to-have ones.
// Only short items are taken (a sentence is not a skill); the lists stay
// in the description too.
func postingSkills(lists []lever.PostingList) (required, nice []string) {
	for _, l := range lists {
		title := strings.ToLower(htmlToText(l.Text))
		var dst *[]string
		switch {
		case strings.Contains(title, "nice") || strings.Contains(title, "bonus") || strings.Contains(title, "plus") || strings.Contains(title, "prefer"):
			dst = &nice
		case strings.Contains(title, "require") || strings.Contains(title, "need") || strings.Contains(title, "must") ||
			strings.Contains(title, "qualif") || strings.Contains(title, "skill"):
			dst = &required
		default:
			continue
		}
		for _, m := range liRe.FindAllStringSubmatch(l.Content, 100) {
			item := strings.Join(strings.Fields(htmlToText(m[1])), " ")
			if item != "" && len(item) <= 40 && len(strings.Fields(item)) <= 4 {
				*dst = append(*dst, item)
			}
		}
	}
	return skillkeepr.CleanList(required), skillkeepr.CleanList(nice)
}

// EmploymentType maps a Lever commitment to one of skillkeepr.EmploymentTypes,
// "" when none fits.
func EmploymentType(commitment string) string {
	c := strings.ToLower(commitment)
	c = strings.NewReplacer("-", "", " ", "", "_", "").Replace(c)
	switch {
	case c == "":
		return ""
	case strings.Contains(c, "intern"):
		return "Internship"
	case strings.Contains(c, "parttime"):
		return "Part-time"
	case strings.Contains(c, "fulltime") || c == "permanent" || c == "regular":
		return "Full-time"
	case strings.Contains(c, "contract") || strings.Contains(c, "freelance"):
		return "Contract"
	case strings.Contains(c, "temp") || strings.Contains(c, "seasonal") || strings.Contains(c, "fixedterm"):
		return "Temporary"
	}
	return ""
}

// stagePatterns are, per status, the words looked for in stage names, best
// first; a status with none stays "don't move".
var stagePatterns = map[skillkeepr.ApplicationStatus][]string{
	skillkeepr.StatusShortlisted:        {"phonescreen", "recruiterscreen", "screen", "phone"},
	skillkeepr.StatusInterviewScheduled: {"onsite", "interview"},
	skillkeepr.StatusInterviewCompleted: {"interviewcompleted", "debrief"},
	skillkeepr.StatusReviewCompleted:    {"reviewcompleted", "hiringmanagerreview", "review"},
	skillkeepr.StatusRecommended:        {"offer"},
}

func squash(s string) string {
	return strings.NewReplacer("-", "", " ", "", "_", "").Replace(strings.ToLower(s))
}

// SuggestStageMapping matches the seven statuses to the pipeline by name:
// e.g. "Phone Screen" for shortlisted, "On-site" for interview scheduled,
// "Offer" for recommended; "don't move" when nothing fits.
func SuggestStageMapping(stages []skillkeepr.LeverStage) []skillkeepr.LeverStageMap {
	out := make([]skillkeepr.LeverStageMap, 0, len(skillkeepr.LeverStatuses))
	for _, st := range skillkeepr.LeverStatuses {
		e := skillkeepr.LeverStageMap{Status: st}
	match:
		for _, pat := range stagePatterns[st] {
			for _, s := range stages {
				if strings.HasPrefix(s.ID, "lead-") {
					continue // leads are before applying
				}
				if strings.Contains(squash(s.Name), pat) {
					e.StageID, e.StageName = s.ID, s.Name
					break match
				}
			}
		}
		out = append(out, e)
	}
	return out
}

var (
	tagRe    = regexp.MustCompile(`(?s)<(/?)([a-zA-Z0-9]+)[^>]*>|<!--.*?-->`)
	scriptRe = regexp.MustCompile(`(?is)<(script|style)\b[^>]*>.*?</(script|style)\s*>`)
	blankRe  = regexp.MustCompile(`\n{3,}`)
	spacesRe = regexp.MustCompile(`[ \t\r\f\v]+`)
)

// htmlToText turns Lever's description HTML into plain text: paragraphs
// and line breaks are kept, list items become "- " lines, every other tag
// is dropped and entities are decoded.
func htmlToText(s string) string {
	s = scriptRe.ReplaceAllString(s, "")
	var b strings.Builder
	last := 0
	for _, m := range tagRe.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(spacesRe.ReplaceAllString(strings.ReplaceAll(s[last:m[0]], "\n", " "), " "))
		last = m[1]
		if m[4] < 0 {
			continue // a comment
		}
		closing := s[m[2]:m[3]] == "/"
		switch strings.ToLower(s[m[4]:m[5]]) {
		case "br":
			b.WriteString("\n")
		case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "section":
			b.WriteString("\n\n")
		case "li":
			if !closing {
				b.WriteString("\n- ")
			}
		}
	}
	b.WriteString(spacesRe.ReplaceAllString(strings.ReplaceAll(s[last:], "\n", " "), " "))
	lines := strings.Split(html.UnescapeString(b.String()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
	}
	return strings.TrimSpace(blankRe.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

// PostingDescription is the posting's description, its titled lists and
// closing as plain text.
func PostingDescription(c *lever.PostingContent) string {
	var parts []string
	if c.DescriptionHTML != "" {
		parts = append(parts, htmlToText(c.DescriptionHTML))
	} else if c.Description != "" {
		parts = append(parts, strings.TrimSpace(c.Description))
	}
	for _, l := range c.Lists {
		t := strings.TrimSpace(htmlToText(l.Text))
		items := htmlToText(l.Content)
		if !strings.HasPrefix(items, "- ") && items != "" && strings.Contains(l.Content, "<li") {
			items = "- " + items
		}
		parts = append(parts, strings.TrimSpace(t+"\n"+items))
	}
	if c.ClosingHTML != "" {
		parts = append(parts, htmlToText(c.ClosingHTML))
	} else if c.Closing != "" {
		parts = append(parts, strings.TrimSpace(c.Closing))
	}
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n\n")
}
