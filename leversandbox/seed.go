package leversandbox

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"
)

// seedAnchor is "now" for generated data. It is fixed, not the clock, so the
// same seed gives byte-identical data on every run and every day.
var seedAnchor = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// Pipeline stages with Lever's ranks (lead-new 1 ... offer 261, as
// GET /disposition_stages reports them); custom stages get UUIDs.
var seedStages = []struct {
	id   string // "" = generate a UUID
	text string
	rank float64
}{
	{"lead-new", "New lead", 1},
	{"lead-reached-out", "Reached out", 3},
	{"lead-responded", "Responded", 5},
	{"applicant-new", "New applicant", 101},
	{"", "Recruiter screen", 121},
	{"", "Phone interview", 141},
	{"", "On-site interview", 161},
	{"", "Reference check", 181},
	{"offer", "Offer", 261},
}

var seedReasons = []struct{ text, status, typ string }{
	{"Position filled", "active", "non-hired"},
	{"Underqualified", "active", "non-hired"},
	{"Better for another role", "active", "non-hired"},
	{"Timing", "active", "non-hired"},
	{"Withdrew", "active", "non-hired"},
	{"Offer declined", "active", "non-hired"},
	{"No Response - OLD", "inactive", "non-hired"},
	{"No Response", "active", "non-hired"},
	{"Hired", "active", "hired"},
}

var seedUsers = []struct{ name, email, role, title string }{
	{"Lever Admin", "", "super admin", "Head of Talent"},
	{"Riley Chen", "riley.chen@acme.test", "admin", "Recruiting Lead"},
	{"Jordan Patel", "jordan.patel@acme.test", "team member", "Recruiter"},
	{"Avery Brooks", "avery.brooks@acme.test", "team member", "Recruiter"},
	{"Sam Okafor", "sam.okafor@acme.test", "team member", "Engineering Manager"},
	{"Morgan Lee", "morgan.lee@acme.test", "limited team member", "Design Lead"},
	{"Casey Nguyen", "casey.nguyen@acme.test", "interviewer", "Staff Engineer"},
	{"Jamie Rivera", "jamie.rivera@acme.test", "interviewer", "Account Director"},
}

// Résumé kinds. Which one a candidate gets is part of the seed.
const (
	resumeNone uint8 = iota
	resumePDF
	resumeDOCX
	resumeCorrupt // bytes that no parser can read
)

// resumeSpec is all that is stored per résumé: the bytes are generated on
// download from the seed, so 100,000 candidates cost no PDF memory.
type resumeSpec struct {
	ID        string `json:"id,omitempty"`
	Kind      uint8  `json:"kind"`
	CreatedAt int64  `json:"createdAt,omitempty"`
	Seed      uint64 `json:"seed,omitempty"`
	Template  int    `json:"template"`
}

// Deliberate quirks, a few per posting, at fixed positions so tests can find them.
const (
	quirkNoEmail    = 1
	quirkNoResume   = 2
	quirkDupEmail   = 3 // same e-mail (and contact) as candidate 0 of the posting
	quirkBadResume  = 4
	quirkArchived   = 5
	quirkMinPerPost = 6
)

func (s *Sandbox) generate() {
	seed := uint64(s.cfg.Seed)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	s.ids = rand.New(rand.NewPCG(seed, 0x1d5))
	anchor := seedAnchor.UnixMilli()
	day := int64(24 * time.Hour / time.Millisecond)

	// Users, created one day apart; GET /users lists newest first.
	s.usersByID = map[string]*User{}
	for i, su := range seedUsers {
		email := su.email
		if i == 0 {
			email = strings.ToLower(s.cfg.AdminEmail)
		}
		u := &User{ID: s.newID(), Name: su.name, Username: strings.SplitN(email, "@", 2)[0], Email: email,
			AccessRole: su.role, CreatedAt: anchor - int64(400-i)*day, JobTitle: ptr(su.title)}
		s.users = append([]*User{u}, s.users...)
		s.usersByID[u.ID] = u
	}
	userAt := func(i int) string { return s.usersByID[s.users[len(s.users)-1-i].ID].ID }
	admin, recruiters, managers := userAt(0), []string{userAt(1), userAt(2), userAt(3)}, []string{userAt(4), userAt(5)}

	s.stageRank = map[string]float64{}
	s.stageIndex = map[string]int{}
	for i, st := range seedStages {
		id := st.id
		if id == "" {
			id = s.newID()
		}
		s.stages = append(s.stages, Stage{ID: id, Text: st.text})
		s.stageRank[id] = st.rank
		s.stageIndex[id] = i
	}
	for _, ar := range seedReasons {
		s.reasons = append(s.reasons, ArchiveReason{ID: s.newID(), Text: ar.text, Status: ar.status, Type: ar.typ})
	}
	s.seedTemplates(anchor - 300*day)

	// Postings.
	s.postingsBy = map[string]*Posting{}
	nPost := s.cfg.Postings
	for j := 0; j < nPost; j++ {
		s.addSeedPosting(r, j, nPost, anchor-int64(200-j%150)*day, admin, recruiters, managers)
	}

	// Opportunities.
	s.opps = make(map[string]*oppRecord, nPost*s.cfg.CandidatesPerPosting)
	s.tagCount = map[string]int{}
	s.srcCount = map[string]int{}
	s.notes = map[string][]*Note{}
	s.feedback = map[string][]*Feedback{}
	s.panels = map[string][]*Panel{}
	s.oppOrder = make([]*oppRecord, 0, nPost*s.cfg.CandidatesPerPosting)
	n := 0
	for j, p := range s.postings {
		var first *oppRecord
		for i := 0; i < s.cfg.CandidatesPerPosting; i++ {
			o := s.seedOpportunity(r, j, i, n, p, first, anchor, recruiters)
			if i == 0 {
				first = o
			}
			s.insertOpp(o)
			n++
		}
	}
	s.orderDirt = true
}

func (s *Sandbox) addSeedPosting(r *rand.Rand, j, nPost int, created int64, admin string, recruiters, managers []string) {
	t := postingTemplates[j%len(postingTemplates)]
	loc := seedLocations[(j+j/len(postingTemplates))%len(seedLocations)]
	commit := seedCommitments[r.IntN(len(seedCommitments))]
	if j < len(postingTemplates) {
		commit = "Full-time"
	}
	title := t.Title
	if j >= len(postingTemplates) {
		title = fmt.Sprintf("%s, %s", t.Title, strings.SplitN(loc.City, ",", 2)[0])
	}
	owner := recruiters[j%len(recruiters)]
	p := &Posting{
		ID: s.newID(), Text: title, State: "published", User: admin, Owner: owner,
		HiringManager: ptr(managers[j%len(managers)]),
		Categories: PostingCategories{Commitment: commit, Department: t.Department, Location: loc.City,
			Team: t.Team, AllLocations: []string{loc.City}},
		Tags:             []string{},
		Content:          postingContent(s.cfg.AccountName, title, t, loc.City),
		Country:          loc.Country,
		Followers:        []string{owner},
		RequisitionCodes: []string{},
		Confidentiality:  "non-confidential",
		CreatedAt:        created,
		UpdatedAt:        created + int64(r.IntN(86400000)),
		WorkplaceType:    loc.Workplace,
	}
	if nPost >= 2 && j == nPost-1 {
		p.Confidentiality = "confidential" // one confidential posting, on purpose
	}
	if nPost >= 6 && j == nPost-2 {
		p.State = "closed"
	}
	if p.State == "published" {
		p.DistributionChannels = nil // null, as recorded for every posting
		slug := strings.ToLower(strings.ReplaceAll(s.cfg.AccountName, " ", ""))
		p.URLs = &PostingURLs{List: "https://jobs.lever.co/" + slug, Show: "https://jobs.lever.co/" + slug + "/" + p.ID,
			Apply: "https://jobs.lever.co/" + slug + "/" + p.ID + "/apply"}
	}
	s.postings = append(s.postings, p)
	s.postingsBy[p.ID] = p
}

func postingContent(account, title string, t postingTemplate, city string) PostingContent {
	desc := fmt.Sprintf("%s builds software that helps recruiting teams hire fairly and quickly. We are looking for a %s to join the %s team in %s. You will %s, %s, and %s.",
		account, title, t.Team, city, t.Duties[0], t.Duties[1], t.Duties[2])
	req := "<li>" + strings.Join(t.Skills[:5], "</li><li>") + "</li>"
	nice := "<li>" + strings.Join(t.Skills[5:], "</li><li>") + "</li>"
	closing := "We welcome applicants of every background. Tell us in your application if you need an adjustment for interviews."
	return PostingContent{
		Description:     desc + "\n",
		DescriptionHTML: "<div>" + desc + "</div>",
		Lists: []PostingList{
			{Text: "What you'll need", Content: req},
			{Text: "Nice to have", Content: nice},
		},
		Closing:     closing,
		ClosingHTML: "<div>" + closing + "</div>",
	}
}

func (s *Sandbox) seedOpportunity(r *rand.Rand, j, i, n int, p *Posting, first *oppRecord, anchor int64, recruiters []string) *oppRecord {
	tmplIdx := j % len(postingTemplates)
	first0 := firstNames[r.IntN(len(firstNames))]
	last := lastNames[r.IntN(len(lastNames))]
	name := first0 + " " + last
	email := fmt.Sprintf("%s.%s.%d@example.net", strings.ToLower(first0), strings.ToLower(last), n)
	contact := s.newID()
	quirks := s.cfg.CandidatesPerPosting >= quirkMinPerPost
	if quirks && i == quirkDupEmail && first != nil && len(first.Emails) > 0 {
		name, email, contact = first.Name, first.Emails[0], first.Contact
	}
	hour := int64(time.Hour / time.Millisecond)
	created := anchor - int64(1+r.IntN(120*24))*hour

	// Origin decides where the candidate enters the pipeline.
	origin, startIdx := "applied", 3
	switch x := r.IntN(10); {
	case x < 2:
		origin, startIdx = "sourced", 0
	case x < 3:
		origin = "referred"
	}
	// Most candidates are early in the pipeline, a few far along.
	weights := []int{0, 0, 0, 40, 20, 14, 10, 6, 4}
	target := pickWeighted(r, weights)
	if origin == "sourced" {
		target = []int{0, 0, 1, 2, 3, 4, 5}[r.IntN(7)]
	}
	if target < startIdx {
		target = startIdx
	}
	owner := recruiters[r.IntN(len(recruiters))]
	var changes []StageChange
	t := created
	for k := startIdx; k <= target; k++ {
		if k > startIdx {
			t += int64(1+r.IntN(72)) * hour
			if k < 3 && startIdx == 0 && k+1 < 3 && r.IntN(2) == 0 {
				continue
			}
		}
		sc := StageChange{ToStageID: s.stages[k].ID, ToStageIndex: k, UpdatedAt: t}
		if k > startIdx || origin == "sourced" {
			sc.UserID = owner
		}
		changes = append(changes, sc)
	}
	last0 := changes[len(changes)-1]
	o := &oppRecord{PostingID: p.ID}
	o.ID = s.newID()
	o.Name = name
	o.Contact = contact
	o.Headline = seedCompanies[r.IntN(len(seedCompanies))] + ", " + seedCompanies[r.IntN(len(seedCompanies))]
	o.Stage = last0.ToStageID
	o.Confidentiality = p.Confidentiality
	o.Location = candidateCities[r.IntN(len(candidateCities))]
	o.Phones = []Phone{{Type: "mobile", Value: fmt.Sprintf("(555) %03d-%04d", r.IntN(1000), r.IntN(10000))}}
	o.Emails = []string{email}
	slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	o.Links = []string{fmt.Sprintf("https://www.linkedin.com/in/%s-%d", slug, n)}
	if postingTemplates[tmplIdx].Department == "Engineering" {
		o.Links = append(o.Links, fmt.Sprintf("https://github.com/%s%d", strings.ReplaceAll(slug, "-", ""), n))
	}
	o.Tags = []string{p.Text, p.Categories.Department, p.Categories.Team, p.Categories.Location, p.Categories.Commitment}
	if r.IntN(4) == 0 {
		o.Tags = append(o.Tags, extraTags[r.IntN(len(extraTags))])
	}
	src := seedSources[r.IntN(len(seedSources))]
	if origin == "referred" {
		src = "Referral"
	}
	o.Sources = []string{src}
	o.StageChanges = changes
	o.Origin = origin
	if origin == "sourced" {
		o.SourcedBy = ptr(owner)
	}
	o.Owner = ptr(owner)
	o.Followers = []string{owner}
	o.Applications = []string{s.newID()}
	o.CreatedAt = created
	o.LastAdvancedAt = last0.UpdatedAt
	o.LastInteractionAt = last0.UpdatedAt + int64(r.IntN(3600000))
	if r.IntN(20) != 0 { // real data often has updatedAt null; keep a few
		o.UpdatedAt = ptr(o.LastInteractionAt + 1)
	}
	o.URLs = s.oppURLs(o.ID)
	o.OpportunityLocation = p.Categories.Location
	o.Rank = s.stageRank[o.Stage]

	kind := resumePDF
	if r.IntN(10) < 3 {
		kind = resumeDOCX
	}
	archived := r.IntN(14) == 0
	if quirks {
		kinds := map[int]string{quirkNoEmail: "no-email", quirkNoResume: "no-resume", quirkDupEmail: "duplicate-email",
			quirkBadResume: "unreadable-resume", quirkArchived: "archived"}
		if k, ok := kinds[i]; ok {
			s.quirks = append(s.quirks, Quirk{OpportunityID: o.ID, PostingID: p.ID, Kind: k})
		}
		switch i {
		case quirkNoEmail:
			o.Emails = []string{}
		case quirkNoResume:
			kind = resumeNone
		case quirkBadResume:
			kind = resumeCorrupt
		case quirkArchived:
			archived = true
		}
	}
	if archived {
		reason := s.reasons[r.IntN(len(s.reasons)-1)] // any non-hired reason
		at := o.LastInteractionAt + int64(1+r.IntN(48))*hour
		o.Archived = &Archived{Reason: reason.ID, ArchivedAt: at}
		o.LastInteractionAt = at
		if o.UpdatedAt != nil {
			o.UpdatedAt = ptr(at)
		}
	}
	o.Resume = resumeSpec{Kind: kind, Template: tmplIdx, Seed: r.Uint64()}
	if kind != resumeNone {
		o.Resume.ID = s.newID()
		o.Resume.CreatedAt = created + 1000
	}
	if n%5 == 0 {
		o.CoverFile = &File{ID: s.newID(), Ext: ".docx", Name: "Cover letter.docx", UploadedAt: created + 2000, Status: "processed"}
	}
	return o
}

func pickWeighted(r *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// insertOpp adds an opportunity to the indexes. Caller holds s.mu (or is New).
func (s *Sandbox) insertOpp(o *oppRecord) {
	if o.wire == nil {
		o.wire = new(atomic.Pointer[[]byte])
	}
	s.opps[o.ID] = o
	s.oppOrder = append(s.oppOrder, o)
	for _, t := range o.Tags {
		s.tagCount[t]++
	}
	for _, t := range o.Sources {
		s.srcCount[t]++
	}
	s.orderDirt = true
}

func (s *Sandbox) seedTemplates(created int64) {
	ratingOpts := scoreSystemOptions()
	mk := func(text, group, instr string, fields []TemplateField) {
		for i := range fields {
			fields[i].ID = s.newID()
		}
		s.templates = append(s.templates, &FeedbackTemplate{ID: s.newID(), Text: text,
			Group: &TemplateGroup{ID: s.newID(), Name: group}, Instructions: instr, Fields: fields,
			CreatedAt: ptr(created), UpdatedAt: ptr(created)})
	}
	mk("Interview Feedback", "On-site Interviews", "Rate the candidate on the skills you were asked to assess. Give evidence for every score.",
		[]TemplateField{
			{Text: "Rating", Type: "score-system", Prompt: "Select one", Options: ratingOpts},
			{Text: "", Type: "scorecard", Scores: []ScorecardScore{
				{Text: "Technical skills", Description: "Can they do the work the role needs?"},
				{Text: "Communication", Description: "Do they explain their thinking clearly?"},
				{Text: "Collaboration", Description: "Will they work well with the team?"},
			}},
			{Text: "Other thoughts?", Type: "textarea"},
		})
	mk("Phone Screen", "Phone Screens", "A first call to understand what the candidate is looking for.",
		[]TemplateField{
			{Text: "Overall rating", Type: "score-system", Prompt: "Select one", Options: ratingOpts},
			{Text: "Would you move them forward?", Type: "yes-no"},
			{Text: "Seniority", Type: "dropdown", Prompt: "Select one", Options: []FieldOption{{Text: "Junior"}, {Text: "Mid-level"}, {Text: "Senior"}, {Text: "Staff"}}},
			{Text: "Notes", Type: "textarea"},
		})
}

func scoreSystemOptions() []FieldOption {
	return []FieldOption{{Text: "4 - Strong Hire"}, {Text: "3 - Hire"}, {Text: "2 - No Hire"}, {Text: "1 - Strong No Hire"}}
}
