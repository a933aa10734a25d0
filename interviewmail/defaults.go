package interviewmail

import "github.com/skillkeepr/skillkeepr"

// htmlWrap is the shared look of the default HTML emails.
const htmlHead = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937;max-width:560px">`
const htmlFoot = `<p style="color:#6b7280;font-size:13px">{{.OrgName}} · sent by SkillKeepr</p></body></html>`

// Defaults are the shipped templates, used until an organisation edits
// its own in Settings. Fields are those of Data.
func Defaults() map[string]skillkeepr.EmailTemplate {
	return map[string]skillkeepr.EmailTemplate{
		skillkeepr.EmailScheduleInvitation: {
			Subject: `Pick a time for your {{.InterviewTitle}} with {{.OrgName}}`,
			Text: `Hello {{.CandidateName}},

Thank you for applying for {{.JobTitle}} at {{.OrgName}}. We would like to invite you to a {{.InterviewTitle}} ({{.Duration}}).

Choose the time that suits you best here:
{{.ScheduleURL}}

The page shows the open times in your own time zone. The link is just for you and works until {{.Expires}}.

Best regards,
{{.OrgName}}
`,
			HTML: htmlHead + `<p>Hello {{.CandidateName}},</p>
<p>Thank you for applying for <strong>{{.JobTitle}}</strong> at {{.OrgName}}. We would like to invite you to a {{.InterviewTitle}} ({{.Duration}}).</p>
<p><a href="{{.ScheduleURL}}" style="background:#2563eb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Choose a time</a></p>
<p>The page shows the open times in your own time zone. The link is just for you and works until {{.Expires}}.</p>
<p>Best regards,<br>{{.OrgName}}</p>` + htmlFoot,
		},
		skillkeepr.EmailInterviewConfirmed: {
			Subject: `Confirmed: {{.InterviewTitle}} on {{.When}}`,
			Text: `Hello {{.CandidateName}},

Your {{.InterviewTitle}} for {{.JobTitle}} at {{.OrgName}} is booked:

When: {{.When}} ({{.Timezone}})
Length: {{.Duration}}
With: {{.Interviewers}}
Join: {{.JoinURL}}

The calendar invite is attached. Need another time or can't make it? Reschedule or cancel here:
{{.ManageURL}}

See you soon,
{{.OrgName}}
`,
			HTML: htmlHead + `<p>Hello {{.CandidateName}},</p>
<p>Your {{.InterviewTitle}} for <strong>{{.JobTitle}}</strong> at {{.OrgName}} is booked.</p>
<table cellpadding="4"><tr><td>When</td><td><strong>{{.When}}</strong> ({{.Timezone}})</td></tr>
<tr><td>Length</td><td>{{.Duration}}</td></tr><tr><td>With</td><td>{{.Interviewers}}</td></tr>
<tr><td>Join</td><td><a href="{{.JoinURL}}">{{.JoinURL}}</a></td></tr></table>
<p>The calendar invite is attached. Need another time or can't make it? <a href="{{.ManageURL}}">Reschedule or cancel</a>.</p>
<p>See you soon,<br>{{.OrgName}}</p>` + htmlFoot,
		},
		skillkeepr.EmailInterviewReminder: {
			Subject: `Reminder: {{.InterviewTitle}} on {{.When}}`,
			Text: `Hello {{.RecipientName}},

A reminder of the {{.InterviewTitle}} with {{.CandidateName}} for {{.JobTitle}} at {{.OrgName}}:

When: {{.When}} ({{.Timezone}})
Length: {{.Duration}}
With: {{.Interviewers}}
Join: {{.JoinURL}}
{{if .ManageURL}}
Need another time? {{.ManageURL}}
{{end}}
{{.OrgName}}
`,
			HTML: htmlHead + `<p>Hello {{.RecipientName}},</p>
<p>A reminder of the {{.InterviewTitle}} with {{.CandidateName}} for <strong>{{.JobTitle}}</strong> at {{.OrgName}}.</p>
<table cellpadding="4"><tr><td>When</td><td><strong>{{.When}}</strong> ({{.Timezone}})</td></tr>
<tr><td>Length</td><td>{{.Duration}}</td></tr><tr><td>With</td><td>{{.Interviewers}}</td></tr>
<tr><td>Join</td><td><a href="{{.JoinURL}}">{{.JoinURL}}</a></td></tr></table>
{{if .ManageURL}}<p>Need another time? <a href="{{.ManageURL}}">Reschedule or cancel</a>.</p>{{end}}` + htmlFoot,
		},
		skillkeepr.EmailInterviewRescheduled: {
			Subject: `New time: {{.InterviewTitle}} on {{.When}}`,
			Text: `Hello {{.CandidateName}},

Your {{.InterviewTitle}} for {{.JobTitle}} at {{.OrgName}} has a new time:

When: {{.When}} ({{.Timezone}})
Length: {{.Duration}}
With: {{.Interviewers}}
Join: {{.JoinURL}}

The updated calendar invite is attached. Reschedule or cancel: {{.ManageURL}}

{{.OrgName}}
`,
			HTML: htmlHead + `<p>Hello {{.CandidateName}},</p>
<p>Your {{.InterviewTitle}} for <strong>{{.JobTitle}}</strong> at {{.OrgName}} has a new time.</p>
<table cellpadding="4"><tr><td>When</td><td><strong>{{.When}}</strong> ({{.Timezone}})</td></tr>
<tr><td>Length</td><td>{{.Duration}}</td></tr><tr><td>With</td><td>{{.Interviewers}}</td></tr>
<tr><td>Join</td><td><a href="{{.JoinURL}}">{{.JoinURL}}</a></td></tr></table>
<p>The updated calendar invite is attached. <a href="{{.ManageURL}}">Reschedule or cancel</a>.</p>` + htmlFoot,
		},
		skillkeepr.EmailInterviewCanceled: {
			Subject: `Canceled: {{.InterviewTitle}} on {{.When}}`,
			Text: `Hello {{.CandidateName}},

Your {{.InterviewTitle}} for {{.JobTitle}} at {{.OrgName}} on {{.When}} ({{.Timezone}}) is canceled.
{{if .Reason}}
Reason: {{.Reason}}
{{end}}
We will be in touch about next steps.

{{.OrgName}}
`,
			HTML: htmlHead + `<p>Hello {{.CandidateName}},</p>
<p>Your {{.InterviewTitle}} for <strong>{{.JobTitle}}</strong> at {{.OrgName}} on {{.When}} ({{.Timezone}}) is canceled.</p>
{{if .Reason}}<p>Reason: {{.Reason}}</p>{{end}}
<p>We will be in touch about next steps.</p>` + htmlFoot,
		},
		skillkeepr.EmailInterviewerNotice: {
			Subject: `Interview {{.Change}}: {{.CandidateName}}, {{.When}}`,
			Text: `Hello {{.RecipientName}},

The {{.InterviewTitle}} with {{.CandidateName}} for {{.JobTitle}} is {{.Change}}.

When: {{.When}} ({{.Timezone}})
Length: {{.Duration}}
With: {{.Interviewers}}
Join: {{.JoinURL}}
{{if .Reason}}Reason: {{.Reason}}
{{end}}
The calendar invite is attached.
`,
			HTML: htmlHead + `<p>Hello {{.RecipientName}},</p>
<p>The {{.InterviewTitle}} with <strong>{{.CandidateName}}</strong> for {{.JobTitle}} is <strong>{{.Change}}</strong>.</p>
<table cellpadding="4"><tr><td>When</td><td><strong>{{.When}}</strong> ({{.Timezone}})</td></tr>
<tr><td>Length</td><td>{{.Duration}}</td></tr><tr><td>With</td><td>{{.Interviewers}}</td></tr>
<tr><td>Join</td><td><a href="{{.JoinURL}}">{{.JoinURL}}</a></td></tr></table>
{{if .Reason}}<p>Reason: {{.Reason}}</p>{{end}}
<p>The calendar invite is attached.</p>` + htmlFoot,
		},
	}
}
