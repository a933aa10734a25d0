package leversandbox

// Word lists for the generated account. They are plain, international and
// obviously fictional (example.net e-mails, 555 phone numbers).

type postingTemplate struct {
	Title      string
	Department string
	Team       string
	Skills     []string
	Duties     []string
	Titles     []string // job titles candidates held before
}

var postingTemplates = []postingTemplate{
	{"Senior Backend Engineer (Go)", "Engineering", "Platform",
		[]string{"Go", "PostgreSQL", "Kubernetes", "gRPC", "Distributed systems", "AWS", "Docker", "Terraform", "Redis", "Observability"},
		[]string{"design and run the services behind our hiring platform", "own the reliability of APIs used by thousands of recruiters", "mentor engineers through code review and pairing"},
		[]string{"Backend Engineer", "Software Engineer", "Senior Software Engineer", "Platform Engineer"}},
	{"Frontend Engineer", "Engineering", "Web",
		[]string{"TypeScript", "React", "CSS", "Accessibility", "GraphQL", "Jest", "Vite", "Design systems", "Web performance"},
		[]string{"build fast, accessible screens for recruiters and candidates", "work with designers on our component library", "measure and improve page performance"},
		[]string{"Frontend Developer", "UI Engineer", "Software Engineer", "Web Developer"}},
	{"Data Engineer", "Engineering", "Data",
		[]string{"Python", "SQL", "Apache Spark", "Airflow", "dbt", "Kafka", "BigQuery", "Data modeling", "ETL"},
		[]string{"build the pipelines that feed our analytics", "model data so product teams can answer their own questions", "keep data quality high with tests and monitoring"},
		[]string{"Data Engineer", "Analytics Engineer", "BI Developer", "Software Engineer"}},
	{"Site Reliability Engineer", "Engineering", "Infrastructure",
		[]string{"Linux", "Kubernetes", "Prometheus", "Terraform", "Incident response", "Go", "Networking", "CI/CD", "Ansible"},
		[]string{"keep our production systems fast and available", "automate infrastructure with code", "lead blameless incident reviews"},
		[]string{"Systems Engineer", "DevOps Engineer", "Site Reliability Engineer", "Infrastructure Engineer"}},
	{"Product Manager", "Product", "Product Management",
		[]string{"Roadmapping", "User research", "SQL", "A/B testing", "Stakeholder management", "Agile", "Product analytics", "Jira"},
		[]string{"decide what we build next and why", "talk to customers every week", "turn research into clear specifications"},
		[]string{"Product Manager", "Associate Product Manager", "Product Owner", "Business Analyst"}},
	{"Product Designer", "Product", "Design",
		[]string{"Figma", "User research", "Prototyping", "Design systems", "Interaction design", "Usability testing", "Accessibility"},
		[]string{"design end-to-end flows for recruiters", "run usability tests and act on what you learn", "grow our design system"},
		[]string{"Product Designer", "UX Designer", "UI Designer", "Visual Designer"}},
	{"Account Executive", "Sales", "Account Executives",
		[]string{"Salesforce", "Negotiation", "SaaS sales", "Pipeline management", "Prospecting", "Forecasting", "Contract management"},
		[]string{"own the full sales cycle for mid-market customers", "build lasting relationships with HR leaders", "hit and exceed quarterly targets"},
		[]string{"Account Executive", "Sales Development Representative", "Account Manager", "Sales Manager"}},
	{"Growth Marketing Manager", "Marketing", "Growth",
		[]string{"SEO", "Google Analytics", "HubSpot", "Paid acquisition", "Copywriting", "Email marketing", "Experimentation"},
		[]string{"plan and run campaigns that bring in qualified leads", "test messages and channels with clear metrics", "work with sales on the funnel"},
		[]string{"Marketing Manager", "Growth Marketer", "Digital Marketing Specialist", "Content Marketer"}},
	{"Customer Success Manager", "Customer Success", "Enterprise",
		[]string{"Onboarding", "Zendesk", "Account management", "Renewals", "Customer training", "Gainsight", "Communication"},
		[]string{"guide new customers through onboarding", "be the trusted adviser of our largest accounts", "turn feedback into product improvements"},
		[]string{"Customer Success Manager", "Account Manager", "Support Specialist", "Implementation Consultant"}},
	{"Financial Analyst", "Finance", "FP&A",
		[]string{"Excel", "Financial modeling", "NetSuite", "Forecasting", "Budgeting", "SQL", "Reporting"},
		[]string{"build the models behind our annual plan", "report monthly results to leadership", "partner with teams on their budgets"},
		[]string{"Financial Analyst", "Accountant", "Business Analyst", "FP&A Associate"}},
	{"Technical Recruiter", "People", "Talent Acquisition",
		[]string{"Sourcing", "Lever", "Interviewing", "Employer branding", "Boolean search", "Offer negotiation", "Candidate experience"},
		[]string{"hire great engineers and designers", "run a fair, structured interview process", "advise hiring managers on the market"},
		[]string{"Recruiter", "Technical Recruiter", "Talent Partner", "Sourcer"}},
	{"Security Engineer", "Engineering", "Security",
		[]string{"Threat modeling", "Application security", "OWASP", "SIEM", "Python", "Cloud security", "Penetration testing"},
		[]string{"find and fix security issues before attackers do", "build secure defaults into our platform", "respond to security incidents"},
		[]string{"Security Engineer", "Security Analyst", "Software Engineer", "Penetration Tester"}},
	{"Machine Learning Engineer", "Engineering", "Machine Learning",
		[]string{"Python", "PyTorch", "MLOps", "Statistics", "NLP", "Feature engineering", "SQL", "Model evaluation"},
		[]string{"ship explainable models that help recruiters", "evaluate models for fairness and accuracy", "run models reliably in production"},
		[]string{"Machine Learning Engineer", "Data Scientist", "Research Engineer", "Software Engineer"}},
	{"People Operations Specialist", "People", "People Operations",
		[]string{"HRIS", "Onboarding", "Employment law", "Benefits administration", "Workday", "Communication"},
		[]string{"run onboarding for new hires", "keep our people data accurate", "answer employee questions with care"},
		[]string{"HR Coordinator", "People Operations Specialist", "HR Generalist", "Office Manager"}},
}

var seedLocations = []struct{ City, Country, Workplace string }{
	{"San Francisco, CA", "US", "hybrid"},
	{"New York, NY", "US", "onsite"},
	{"Austin, TX", "US", "hybrid"},
	{"Remote - US", "US", "remote"},
	{"London, UK", "GB", "hybrid"},
	{"Berlin, Germany", "DE", "onsite"},
	{"Toronto, Canada", "CA", "hybrid"},
}

var seedCommitments = []string{"Full-time", "Full-time", "Full-time", "Part-time", "Contract", "Internship"}

var firstNames = []string{"Ada", "Ben", "Chloe", "Diego", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
	"Kavya", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera",
	"Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri", "Esther", "Felix", "Gabriela",
	"Hassan", "Ingrid", "Jamal", "Keiko", "Lucas", "Mei", "Nadia", "Oscar", "Priya", "Rafael", "Sofia",
	"Tomas", "Uma", "Viktor", "Wanjiru", "Yara", "Zain"}

var lastNames = []string{"Adams", "Bakker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hassan", "Ito",
	"Jensen", "Kowalski", "Lopez", "Martin", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva",
	"Tanaka", "Usman", "Varga", "Wang", "Xu", "Yilmaz", "Zimmermann", "Abe", "Brown", "Chen", "Diaz",
	"Evans", "Fernandes", "Gupta", "Huang", "Ivanova", "Johansson", "Kim", "Larsen", "Mendes", "Novak",
	"Oliveira", "Park", "Reyes", "Santos", "Torres", "Ueda", "Vasquez", "Wilson", "Young", "Zhang"}

var seedCompanies = []string{"Northwind Labs", "Bluebird Analytics", "Cobalt Systems", "Driftwood Media", "Evergreen Health",
	"Foxglove Software", "Granite Financial", "Harbor Logistics", "Ironbark Security", "Juniper Retail",
	"Kestrel Robotics", "Lumen Energy", "Maple Cloud", "Nimbus Games", "Orchid Travel", "Pinecone Data"}

var seedSchools = []struct{ Name, Degree, Field string }{
	{"State University", "BSc", "Computer Science"},
	{"Riverside College", "BA", "Economics"},
	{"Institute of Technology", "MSc", "Software Engineering"},
	{"City University", "BA", "Psychology"},
	{"Lakeside University", "BSc", "Mathematics"},
	{"Polytechnic School", "BEng", "Electrical Engineering"},
	{"Metropolitan University", "MBA", "Business Administration"},
	{"College of Design", "BFA", "Interaction Design"},
}

var candidateCities = []string{"San Francisco, CA", "Oakland, CA", "New York, NY", "Brooklyn, NY", "Austin, TX",
	"Denver, CO", "Chicago, IL", "Seattle, WA", "London, UK", "Manchester, UK", "Berlin, Germany",
	"Toronto, Canada", "Philadelphia, PA", "Atlanta, GA"}

var seedSources = []string{"LinkedIn", "LinkedIn", "Company website", "Indeed", "Referral", "AngelList", "Agency"}

var extraTags = []string{"Remote OK", "Visa sponsorship", "Returning candidate", "Strong portfolio", "Relocation", "Top talent"}
