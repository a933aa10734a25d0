package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// The evaluation set is generated from templates, deterministically. Each
// job family has required, nice-to-have and background skills; each
// candidate résumé is written from a chosen family, a set of skills and a
// number of years. The relevance grade of a candidate for a job follows
// from that content alone (gradeFor), never from the scorer.

type evalFamily struct {
	key, title string
	titles     []string // job titles candidates held
	required   []string // canonical skills
	nice       []string
	background []string
	domain     []string
}

var evalFamilies = []evalFamily{
	{"backend", "Backend Engineer", []string{"Backend Engineer", "Software Engineer", "Platform Engineer"}, []string{"Go", "PostgreSQL", "Kubernetes", "Docker"}, []string{"Apache Kafka", "Terraform", "gRPC"}, []string{"Git", "Linux", "REST APIs", "Redis"}, []string{"payments", "logistics", "ad tech"}},
	{"frontend", "Frontend Engineer", []string{"Frontend Developer", "Web Developer", "UI Engineer"}, []string{"React", "TypeScript", "JavaScript", "CSS"}, []string{"Next.js", "GraphQL", "Webpack"}, []string{"HTML", "Git", "Figma"}, []string{"e-commerce", "media", "banking"}},
	{"datasci", "Data Scientist", []string{"Data Scientist", "Machine Learning Engineer", "Quantitative Analyst"}, []string{"Python", "Machine learning", "SQL", "Statistics"}, []string{"PyTorch", "Apache Spark", "A/B testing"}, []string{"NumPy", "Jupyter", "Data visualization"}, []string{"retail", "insurance", "healthcare"}},
	{"dataeng", "Data Engineer", []string{"Data Engineer", "ETL Developer", "Analytics Engineer"}, []string{"Python", "Apache Spark", "Apache Airflow", "SQL"}, []string{"Apache Kafka", "dbt", "Data warehousing"}, []string{"Amazon Web Services", "Docker", "Git"}, []string{"telecom", "retail", "fintech"}},
	{"sre", "Site Reliability Engineer", []string{"Site Reliability Engineer", "DevOps Engineer", "Cloud Engineer"}, []string{"Kubernetes", "Terraform", "Amazon Web Services", "CI/CD"}, []string{"Grafana", "Ansible", "Incident management"}, []string{"Linux", "Bash", "Python"}, []string{"SaaS", "gaming", "streaming"}},
	{"ios", "iOS Developer", []string{"iOS Developer", "Mobile Engineer", "Software Engineer"}, []string{"Swift", "SwiftUI", "Xcode", "iOS development"}, []string{"Core Data", "UIKit", "Unit testing"}, []string{"Git", "REST APIs", "Agile methodologies"}, []string{"fitness", "travel", "banking"}},
	{"qa", "QA Automation Engineer", []string{"QA Engineer", "Test Automation Engineer", "SDET"}, []string{"Test automation", "Selenium", "Python", "API testing"}, []string{"JMeter", "Behavior-driven development", "CI/CD"}, []string{"JIRA", "SQL", "Regression testing"}, []string{"insurance", "e-commerce", "telecom"}},
	{"pm", "Product Manager", []string{"Product Manager", "Product Owner", "Associate Product Manager"}, []string{"Product management", "Product roadmapping", "User research", "Stakeholder management"}, []string{"SQL", "A/B testing", "JIRA"}, []string{"Agile methodologies", "OKRs", "Market research"}, []string{"B2B software", "marketplaces", "fintech"}},
	{"design", "Product Designer", []string{"Product Designer", "UX Designer", "UI Designer"}, []string{"Figma", "User research", "Prototyping", "Design systems"}, []string{"Usability testing", "Adobe Illustrator", "Interaction design"}, []string{"Wireframing", "HTML", "Typography"}, []string{"mobile banking", "health apps", "education"}},
	{"sales", "Account Executive", []string{"Account Executive", "Sales Representative", "Business Development Manager"}, []string{"B2B sales", "Salesforce", "Negotiation", "Pipeline management"}, []string{"SaaS sales", "MEDDIC", "Cold calling"}, []string{"HubSpot", "Account management", "Sales presentations"}, []string{"software", "logistics", "security"}},
	{"marketing", "Digital Marketing Manager", []string{"Digital Marketing Manager", "Marketing Specialist", "Growth Marketer"}, []string{"Search engine optimization", "Google Ads", "Google Analytics", "Content marketing"}, []string{"Email marketing", "HubSpot", "Copywriting"}, []string{"Social media marketing", "Canva", "Marketing strategy"}, []string{"travel", "consumer goods", "education"}},
	{"accounting", "Accountant", []string{"Accountant", "Staff Accountant", "Financial Accountant"}, []string{"GAAP", "Accounts payable", "Month-end close", "Reconciliations"}, []string{"NetSuite", "QuickBooks", "CPA"}, []string{"Financial reporting", "Budget management", "Payroll"}, []string{"manufacturing", "retail", "nonprofit"}},
	{"recruiting", "Talent Acquisition Partner", []string{"Recruiter", "Talent Acquisition Specialist", "Sourcer"}, []string{"Talent acquisition", "Sourcing candidates", "Applicant tracking systems", "Interviewing"}, []string{"Employer branding", "Technical recruiting", "LinkedIn Recruiter"}, []string{"Onboarding", "Human resources", "Candidate experience"}, []string{"technology", "healthcare", "retail"}},
	{"nursing", "ICU Registered Nurse", []string{"ICU Nurse", "Staff Nurse", "Critical Care Nurse"}, []string{"Critical care nursing", "Basic Life Support", "Advanced Cardiac Life Support", "Medication administration"}, []string{"Electronic health records", "Wound care", "IV therapy"}, []string{"Patient assessment", "Infection control", "Patient education"}, []string{"cardiac ICU", "surgical ICU", "trauma"}},
	{"supply", "Supply Chain Planner", []string{"Supply Chain Planner", "Logistics Coordinator", "Inventory Analyst"}, []string{"Supply chain management", "Inventory management", "SAP", "Demand planning"}, []string{"Six Sigma", "Logistics", "Procurement"}, []string{"Vendor management", "Forecasting", "Process improvement"}, []string{"food", "automotive", "pharma"}},
}

// spellings are the ways résumés write a skill; the first is also how a
// recruiter types it in a job.
var evalSpellings = map[string][]string{
	"Go": {"golang", "Go"}, "PostgreSQL": {"Postgres", "PostgreSQL"}, "Kubernetes": {"k8s", "Kubernetes"},
	"JavaScript": {"JS", "JavaScript"}, "Amazon Web Services": {"AWS", "Amazon Web Services"},
	"Machine learning": {"machine learning", "ML"}, "Search engine optimization": {"SEO", "search engine optimization"},
	"Critical care nursing": {"ICU nursing", "critical care"}, "Basic Life Support": {"BLS", "Basic Life Support"},
	"Advanced Cardiac Life Support": {"ACLS"}, "Applicant tracking systems": {"ATS", "applicant tracking systems"},
	"Sourcing candidates": {"candidate sourcing", "Boolean search"}, "Product roadmapping": {"roadmaps", "product roadmap"},
	"Month-end close": {"month-end close", "financial close"}, "Reconciliations": {"reconciliations", "bank reconciliation"},
	"Accounts payable": {"accounts payable", "A/P"}, "Stakeholder management": {"stakeholder management", "stakeholder communication"},
	"Pipeline management": {"pipeline management", "sales pipeline"}, "Test automation": {"test automation", "automated testing"},
	"API testing": {"API testing", "REST Assured"}, "CI/CD": {"CI/CD", "continuous integration"}, "Design systems": {"design systems", "component libraries"},
	"Apache Spark": {"Spark", "PySpark"}, "Apache Airflow": {"Airflow"}, "Apache Kafka": {"Kafka"}, "Electronic health records": {"EHR", "Epic EHR"},
	"Demand planning": {"demand planning", "S&OP"}, "Supply chain management": {"supply chain management", "supply chain"},
	"Talent acquisition": {"talent acquisition", "recruiting"}, "User research": {"user research", "user interviews"},
	"Medication administration": {"medication administration"}, "TypeScript": {"TypeScript", "TS"},
}

func spell(r *rand.Rand, skill string) string {
	if s, ok := evalSpellings[skill]; ok {
		return s[r.IntN(len(s))]
	}
	return skill
}

var evalNames = []string{"Emily Walsh", "Lakisha Washington", "Mohammed Al-Sayed", "王芳", "Zoë Ñúñez", "Oluwaseun Adébáyọ̀", "Priya Raman", "Kenji Watanabe", "Ana Souza", "Jakub Nowak", "Fatima Zahra", "Liam O'Brien", "Nguyễn Thị Lan", "Sofia Rossi", "Ahmed Hassan", "Chloé Martin", "Dmitri Ivanov", "Aisha Bello", "Carlos Méndez", "Hannah Schmidt"}
var evalPlaces = []string{"Lagos, Nigeria", "Leeds, UK", "Austin, TX 78701", "Paris 75011", "Shenzhen", "São Paulo", "Kraków", "Remote"}

// evalResume is one generated résumé and what it holds.
type evalResume struct {
	Family string   `json:"family"`
	Skills []string `json:"skills"` // canonical skills written in it
	Years  float64  `json:"years"`  // years of employment written in it
	Text   string   `json:"text"`
}

// writeResume writes a résumé for family f holding skills (some in work
// bullets, some only in the skills list) over years of work ending in
// 2026.
func writeResume(r *rand.Rand, f evalFamily, skills []string, years int) evalResume {
	name := evalNames[r.IntN(len(evalNames))]
	var b strings.Builder
	style := r.IntN(3)
	head := func(h string) {
		switch style {
		case 0:
			b.WriteString(strings.ToUpper(h) + "\n")
		case 1:
			b.WriteString(h + "\n")
		default:
			b.WriteString(h + ":\n")
		}
	}
	fmt.Fprintf(&b, "%s\n%s\n%s@example.com | +1 555 01%02d %03d\n", name, evalPlaces[r.IntN(len(evalPlaces))], strings.ToLower(strings.Fields(name)[0]), r.IntN(100), r.IntN(1000))
	head("Summary")
	fmt.Fprintf(&b, "%s focused on %s, ready to go further with a great team.\n", f.titles[0], f.domain[r.IntN(len(f.domain))])
	head([]string{"Experience", "Work History", "Professional Experience"}[r.IntN(3)])
	// Split years into one to three jobs, most recent first.
	jobs := 1
	if years >= 4 {
		jobs = 2 + r.IntN(2)
	} else if years >= 2 {
		jobs = 1 + r.IntN(2)
	}
	lens := make([]int, jobs)
	left := years * 12
	for i := range lens {
		if i == jobs-1 {
			lens[i] = left
		} else {
			lens[i] = max(6, left/(jobs-i)+r.IntN(7)-3)
			left -= lens[i]
		}
	}
	inWork := map[string]bool{}
	for _, s := range skills {
		if r.Float64() < 0.75 {
			inWork[s] = true
		}
	}
	var work []string
	for _, s := range skills {
		if inWork[s] {
			work = append(work, s)
		}
	}
	end := Month(2026*12 + 11) // Dec 2026, "present"
	for i, l := range lens {
		start := end - Month(l)
		title := f.titles[r.IntN(len(f.titles))]
		if i > 0 {
			title = strings.TrimPrefix(title, "Senior ")
		}
		fmt.Fprintf(&b, "%s, %s Co.  %s\n", title, []string{"Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark"}[r.IntN(6)], dateRange(r, start, end, i == 0))
		// Work bullets name this job's share of the skills.
		var mine []string
		for j, s := range work {
			if j%jobs == i {
				mine = append(mine, s)
			}
		}
		for len(mine) > 0 {
			k := min(len(mine), 1+r.IntN(2))
			names := make([]string, k)
			for j := range k {
				names[j] = spell(r, mine[j])
			}
			mine = mine[k:]
			fmt.Fprintf(&b, "• %s\n", bullet(r, names, f))
		}
		fmt.Fprintf(&b, "• Worked closely with %d colleagues in %s\n", 3+r.IntN(20), f.domain[r.IntN(len(f.domain))])
		end = start - Month(r.IntN(3))
	}
	head("Education")
	fmt.Fprintf(&b, "%s, State University, %d\n", []string{"BSc in Business", "BA in Economics", "BSc in Computer Science", "Bachelor of Nursing", "MSc in Management"}[r.IntN(5)], 2026-years-r.IntN(3))
	head("Skills")
	list := slices.Clone(skills)
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	for i := range list {
		list[i] = spell(r, list[i])
	}
	b.WriteString(strings.Join(list, ", ") + "\n")
	return evalResume{Family: f.key, Skills: skills, Years: float64(years), Text: b.String()}
}

func bullet(r *rand.Rand, names []string, f evalFamily) string {
	s := strings.Join(names, " and ")
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("Used %s daily for %s projects", s, f.domain[r.IntN(len(f.domain))])
	case 1:
		return fmt.Sprintf("Led work on %s; improved delivery by %d%%", s, 5+r.IntN(40))
	case 2:
		return fmt.Sprintf("Hands-on with %s across %d teams", s, 2+r.IntN(6))
	}
	return fmt.Sprintf("Delivered results with %s", s)
}

func dateRange(r *rand.Rand, start, end Month, current bool) string {
	f := r.IntN(4)
	fm := func(m Month) string {
		switch f {
		case 0:
			return time_month(m) + " " + fmt.Sprint(m.Year())
		case 1:
			return fmt.Sprintf("%02d/%d", m.Month(), m.Year())
		case 2:
			return fmt.Sprintf("%d.%02d", m.Year(), m.Month())
		}
		return fmt.Sprintf("%s %d", time_month(m)[:3], m.Year())
	}
	e := fm(end - 1)
	if current {
		e = []string{"Present", "Current", "now"}[r.IntN(3)]
	}
	sep := []string{" – ", " - ", " to "}[r.IntN(3)]
	return fm(start) + sep + e
}

func time_month(m Month) string {
	return [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}[m.Month()-1]
}

// evalJob is one job of the set with its candidates and their grades.
type evalJob struct {
	ID         string       `json:"id"`
	Title      string       `json:"title"`
	Required   []string     `json:"required"` // as a recruiter typed them
	Nice       []string     `json:"nice"`
	MinYears   int          `json:"min_years"`
	Candidates []evalResume `json:"candidates"`
	Grades     []int        `json:"grades"`
}

// gradeFor is the relevance of a résumé for a job, from its content only:
//
//	3: every required skill and at least the years asked
//	2: every required skill with at least half the years, or all but one
//	   required skill with the years
//	1: at least a third of the required skills
//	0: otherwise
func gradeFor(f evalFamily, minYears int, res evalResume) int {
	have := 0
	for _, s := range f.required {
		if slices.Contains(res.Skills, s) {
			have++
		}
	}
	cov := float64(have) / float64(len(f.required))
	yr := res.Years / float64(max(minYears, 1))
	switch {
	case cov == 1 && yr >= 1:
		return 3
	case cov == 1 && yr >= 0.5, have == len(f.required)-1 && yr >= 1:
		return 2
	case cov >= 1.0/3:
		return 1
	}
	return 0
}

// generateEvalSet builds 30 jobs (each family, senior and junior) × 20
// candidates.
func generateEvalSet() []evalJob {
	r := rand.New(rand.NewPCG(2026, 12))
	var jobs []evalJob
	for fi, f := range evalFamilies {
		for _, senior := range []bool{true, false} {
			minY := 1 + r.IntN(2)
			title := "Junior " + f.title
			if senior {
				minY = 5 + r.IntN(3)
				title = "Senior " + f.title
			}
			j := evalJob{ID: fmt.Sprintf("%s-%d", f.key, len(jobs)%2), Title: title, MinYears: minY}
			for _, s := range f.required {
				if sp, ok := evalSpellings[s]; ok {
					s = sp[0] // as a recruiter might type it: "k8s", "golang"
				}
				j.Required = append(j.Required, s)
			}
			j.Nice = slices.Clone(f.nice)
			add := func(res evalResume) {
				j.Candidates = append(j.Candidates, res)
				j.Grades = append(j.Grades, gradeFor(f, minY, res))
			}
			pick := func(pool []string, n int) []string {
				p := slices.Clone(pool)
				r.Shuffle(len(p), func(a, b int) { p[a], p[b] = p[b], p[a] })
				return p[:min(n, len(p))]
			}
			withBackground := func(s []string) []string {
				return append(s, pick(f.background, 1+r.IntN(3))...)
			}
			// 4 strong: all required, the years or more, some nice.
			for range 4 {
				s := append(slices.Clone(f.required), pick(f.nice, r.IntN(3))...)
				add(writeResume(r, f, withBackground(s), minY+r.IntN(5)))
			}
			// 4 good: all required with too few years, or one missing.
			for k := range 4 {
				if k%2 == 0 && minY >= 2 {
					add(writeResume(r, f, withBackground(slices.Clone(f.required)), max(1, minY*2/3)))
				} else {
					s := pick(f.required, len(f.required)-1)
					add(writeResume(r, f, withBackground(append(s, pick(f.nice, 2)...)), minY+r.IntN(4)))
				}
			}
			// 4 partial: one or two required skills.
			for range 4 {
				s := pick(f.required, 1+r.IntN(2))
				add(writeResume(r, f, withBackground(append(s, pick(f.nice, 1)...)), 1+r.IntN(10)))
			}
			// 8 from other families.
			for range 8 {
				of := evalFamilies[(fi+1+r.IntN(len(evalFamilies)-1))%len(evalFamilies)]
				s := append(slices.Clone(of.required), of.background[0])
				res := writeResume(r, of, s, 1+r.IntN(12))
				j.Candidates = append(j.Candidates, res)
				j.Grades = append(j.Grades, gradeFor(f, minY, res))
			}
			// Shuffle so input order says nothing.
			perm := r.Perm(len(j.Candidates))
			cs, gs := make([]evalResume, len(perm)), make([]int, len(perm))
			for a, b := range perm {
				cs[a], gs[a] = j.Candidates[b], j.Grades[b]
			}
			j.Candidates, j.Grades = cs, gs
			jobs = append(jobs, j)
		}
	}
	return jobs
}
