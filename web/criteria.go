package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// criterionRow is one row of the matching criteria form.
type criterionRow struct {
	N        int // 1-based
	Kind     string
	Value    string // skill, years, degree subjects, language or place
	Level    int    // degree level or language level
	Required bool
	Weight   string
	Label    string
	Error    string
}

type criteriaData struct {
	Job        *skillkeepr.Job
	Criteria   *skillkeepr.JobCriteria
	History    []*skillkeepr.JobCriteria
	Rows       []criterionRow
	CanEdit    bool
	Error      string
	Kinds      []option
	Degrees    []option
	LangLevels []option
}

type option struct {
	Value string
	Label string
}

var (
	criterionKinds = []option{{"", "— none (removes the row) —"}, {skillkeepr.CriterionSkill, "Skill"}, {skillkeepr.CriterionYears, "Years of experience"},
		{skillkeepr.CriterionDegree, "Education"}, {skillkeepr.CriterionLanguage, "Language"}, {skillkeepr.CriterionLocation, "Location or remote"}}
	degreeLevels = []option{{"0", "—"}, {"1", "High school"}, {"2", "Diploma"}, {"3", "Associate degree"}, {"4", "Bachelor's degree"},
		{"5", "Master's degree"}, {"6", "Doctorate"}}
	languageLevels = []option{{"0", "Any level"}, {"1", "Basic"}, {"2", "Working"}, {"3", "Fluent"}, {"4", "Native"}}
)

// blankCriteriaRows is how many empty rows the form offers for new criteria.
const blankCriteriaRows = 3

func rowsOf(items []skillkeepr.Criterion) []criterionRow {
	rows := make([]criterionRow, 0, len(items)+blankCriteriaRows)
	for i, it := range items {
		row := criterionRow{N: i + 1, Kind: it.Kind, Required: it.Required, Weight: strconv.FormatFloat(it.Weight, 'f', -1, 64), Label: it.Label}
		switch it.Kind {
		case skillkeepr.CriterionSkill:
			row.Value = it.Skill
		case skillkeepr.CriterionYears:
			row.Value = strconv.FormatFloat(it.MinYears, 'f', -1, 64)
		case skillkeepr.CriterionDegree:
			row.Value, row.Level = strings.Join(it.DegreeSubjects, ", "), it.DegreeLevel
		case skillkeepr.CriterionLanguage:
			row.Value, row.Level = it.Language, it.LanguageLevel
		case skillkeepr.CriterionLocation:
			row.Value = it.Location
		}
		rows = append(rows, row)
	}
	for i := 0; i < blankCriteriaRows; i++ {
		rows = append(rows, criterionRow{N: len(items) + i + 1, Weight: "10"})
	}
	return rows
}

func (s *Server) criteriaPage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActViewJob)
	if err != nil {
		return err
	}
	jc, err := s.svc.Shortlist.JobCriteria(r.Context(), job.ID)
	if err != nil {
		return err
	}
	return s.renderCriteria(w, r, http.StatusOK, job, jc, rowsOf(jc.Items), "")
}

func (s *Server) renderCriteria(w http.ResponseWriter, r *http.Request, status int, job *skillkeepr.Job, jc *skillkeepr.JobCriteria, rows []criterionRow, msg string) error {
	hist, err := s.svc.Shortlist.JobCriteriaHistory(r.Context(), job.ID)
	if err != nil {
		return err
	}
	d := criteriaData{Job: job, Criteria: jc, History: hist, Rows: rows, Error: msg, Kinds: criterionKinds, Degrees: degreeLevels, LangLevels: languageLevels,
		CanEdit: skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job})}
	return s.render(w, r, status, "criteria", "Matching criteria — "+job.DisplayNumber()+" "+job.Title, d)
}

// maxCriteriaRows bounds the rows read from the form.
const maxCriteriaRows = skillkeepr.MaxCriteria + blankCriteriaRows

func (s *Server) updateCriteria(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActManageCandidates)
	if err != nil {
		return err
	}
	ctx := r.Context()
	base, _ := strconv.Atoi(r.PostFormValue("version"))
	count, _ := strconv.Atoi(r.PostFormValue("rows"))
	count = min(max(count, 0), maxCriteriaRows)
	var rows []criterionRow
	var items []skillkeepr.Criterion
	var itemRow []int // index in rows of each item
	bad := map[int]string{}
	for n := 1; n <= count; n++ {
		f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name + "." + strconv.Itoa(n))) }
		row := criterionRow{Kind: f("kind"), Value: f("value"), Required: f("required") == "on", Weight: f("weight"), Label: f("label")}
		row.Level, _ = strconv.Atoi(f("level"))
		if row.Kind == "" {
			continue // removed, or a blank row left empty
		}
		row.N = len(rows) + 1
		it := skillkeepr.Criterion{Kind: row.Kind, Label: row.Label, Required: row.Required}
		if row.Weight == "" {
			bad[row.N] = "Enter a weight from 0 to 100."
		} else if wgt, err := strconv.ParseFloat(row.Weight, 64); err != nil {
			bad[row.N] = "Enter the weight as a number from 0 to 100."
		} else {
			it.Weight = wgt
		}
		switch row.Kind {
		case skillkeepr.CriterionSkill:
			it.Skill = row.Value
		case skillkeepr.CriterionYears:
			if y, err := strconv.ParseFloat(row.Value, 64); err == nil {
				it.MinYears = y
			} else if row.Value != "" {
				bad[row.N] = "Enter the number of years as a number, for example 3."
			}
		case skillkeepr.CriterionDegree:
			it.DegreeLevel = row.Level
			if row.Value != "" {
				it.DegreeSubjects = strings.Split(row.Value, ",")
			}
		case skillkeepr.CriterionLanguage:
			it.Language, it.LanguageLevel = row.Value, row.Level
		case skillkeepr.CriterionLocation:
			it.Location = row.Value
		}
		rows = append(rows, row)
		items = append(items, it)
		itemRow = append(itemRow, len(rows)-1)
	}
	if len(bad) == 0 {
		_, err = s.svc.Shortlist.UpdateJobCriteria(ctx, job.ID, base, items)
		if err == nil {
			s.setFlash(w, "Matching criteria saved. Candidates are being scored again; the shortlist shows the new scores in a moment.")
			return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10)+"/criteria")
		}
	} else {
		// Show every problem at once, not only the numbers that did not parse.
		err = skillkeepr.ValidateCriteria(slices.Clone(items))
	}
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			return err
		}
		for k, m := range skillkeepr.ErrorFields(err) {
			parts := strings.Split(k, ".")
			if len(parts) == 3 && parts[0] == "criteria" {
				if i, err := strconv.Atoi(parts[1]); err == nil && i >= 1 && i <= len(itemRow) {
					n := rows[itemRow[i-1]].N
					if bad[n] == "" {
						bad[n] = m
					}
					continue
				}
			}
			bad[0] = m
		}
	}
	for i := range rows {
		rows[i].Error = bad[rows[i].N]
	}
	for i := 0; i < blankCriteriaRows; i++ {
		rows = append(rows, criterionRow{N: len(rows) + 1, Weight: "10"})
	}
	jc, err := s.svc.Shortlist.JobCriteria(ctx, job.ID)
	if err != nil {
		return err
	}
	msg := "Please check the criteria marked below."
	if bad[0] != "" {
		msg = bad[0]
	}
	jc.Version = base // keep the version the person started from
	return s.renderCriteria(w, r, http.StatusBadRequest, job, jc, rows, msg)
}
