package leversandbox

import (
	"crypto/subtle"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// A small Lever-like web UI: sign-in and consent for OAuth, Settings →
// Integrations and API → Authorized Apps with "Revoke access", a postings list
// and an opportunity page, so a person can see what SkillKeepr did.

const sessionCookie = "lever_sandbox_session"

type uiState struct {
	mu       sync.Mutex
	sessions map[string]string // cookie value -> user id
}

func (u *uiState) init() { u.sessions = map[string]string{} }

func (s *Sandbox) sessionUser(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return ""
	}
	s.ui.mu.Lock()
	defer s.ui.mu.Unlock()
	return s.ui.sessions[c.Value]
}

func (s *Sandbox) startSession(w http.ResponseWriter, userID string) {
	tok := randomToken("")
	s.ui.mu.Lock()
	s.ui.sessions[tok] = userID
	s.ui.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// checkPassword: every active sandbox user signs in with the configured admin password.
func (s *Sandbox) checkPassword(email, password string) string {
	if subtle.ConstantTimeCompare([]byte(password), []byte(s.cfg.AdminPassword)) != 1 {
		return ""
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, u := range s.users {
		if strings.EqualFold(u.Email, strings.TrimSpace(email)) && u.DeactivatedAt == nil {
			return u.ID
		}
	}
	return ""
}

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"join": strings.Join,
}).Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{.}} · Lever (sandbox)</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#222}header{background:#1f2d3d;color:#fff;padding:10px 24px}
header a{color:#fff;margin-right:16px;text-decoration:none}main{max-width:900px;margin:24px auto;background:#fff;padding:24px;border-radius:6px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px;border-bottom:1px solid #eee}.tag{background:#e8eefc;border-radius:3px;padding:1px 6px;margin-right:4px}
button{padding:6px 14px;cursor:pointer}.err{color:#b00}.tabs a{margin-right:12px}</style></head><body>
<header><strong>Lever</strong> <small>(sandbox)</small> &nbsp; <a href="/postings">Postings</a><a href="/settings/integrations">Settings</a></header><main>{{end}}
{{define "foot"}}</main></body></html>{{end}}

{{define "signin"}}{{template "head" "Sign in"}}<h1>Sign in to Lever</h1>
{{if .Error}}<p class="err">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}"><input type="hidden" name="txn" value="{{.Txn}}"><input type="hidden" name="next" value="{{.Next}}">
<p><label>Email<br><input type="email" name="email" autocomplete="username" required></label></p>
<p><label>Password<br><input type="password" name="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Sign in</button></p></form>{{template "foot"}}{{end}}

{{define "consent"}}{{template "head" "Authorize"}}<h1>{{.App}} wants to access your {{.Account}} Lever account</h1>
<p>Signed in as {{.User}}. {{.App}} is asking for:</p><ul>{{range .Scopes}}<li>{{.}}</li>{{else}}<li>(no data access)</li>{{end}}</ul>
<form method="post" action="/authorize/decision"><input type="hidden" name="txn" value="{{.Txn}}">
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="decline">Decline</button></form>{{template "foot"}}{{end}}

{{define "error"}}{{template "head" .Title}}<h1>{{.Title}}</h1><p>{{.Message}}</p>{{template "foot"}}{{end}}

{{define "postings"}}{{template "head" "Postings"}}<h1>Postings</h1><table><tr><th>Posting</th><th>Team</th><th>Location</th><th>State</th><th>Candidates</th></tr>
{{range .}}<tr><td><a href="/postings/{{.ID}}">{{.Text}}</a>{{if .Confidential}} (confidential){{end}}</td><td>{{.Team}}</td><td>{{.Location}}</td><td>{{.State}}</td><td>{{.Count}}</td></tr>{{end}}
</table>{{template "foot"}}{{end}}

{{define "posting"}}{{template "head" .Text}}<h1>{{.Text}}</h1><table><tr><th>Candidate</th><th>Stage</th><th>Tags</th></tr>
{{range .Opps}}<tr><td><a href="/candidates/{{.ID}}">{{if .Name}}{{.Name}}{{else}}(no name){{end}}</a>{{if .Archived}} (archived){{end}}</td><td>{{.Stage}}</td><td>{{range .Tags}}<span class="tag">{{.}}</span>{{end}}</td></tr>{{end}}
</table>{{if .More}}<p>Showing the first {{len .Opps}}.</p>{{end}}{{template "foot"}}{{end}}

{{define "candidate"}}{{template "head" .Name}}<h1>{{.Name}}</h1><p>{{.Headline}}</p>
<p><strong>Stage:</strong> <span id="stage">{{.Stage}}</span>{{if .Archived}} — <strong>Archived:</strong> {{.Archived}}{{end}}</p>
<p><strong>Posting:</strong> {{.Posting}}</p><p><strong>Emails:</strong> {{join .Emails ", "}}</p>
<p><strong>Tags:</strong> {{range .Tags}}<span class="tag">{{.}}</span>{{end}}</p>
<h2>Notes</h2>{{range .Notes}}<div class="note"><p>{{.Value}}</p><small>{{.By}}</small></div>{{else}}<p>No notes.</p>{{end}}
<h2>Feedback</h2>{{range .Feedback}}<div class="feedback"><h3>{{.Title}}</h3><small>{{.By}}</small><table>{{range .Fields}}<tr><th>{{.Label}}</th><td>{{.Value}}</td></tr>{{end}}</table></div>{{else}}<p>No feedback.</p>{{end}}
{{template "foot"}}{{end}}

{{define "integrations"}}{{template "head" "Integrations and API"}}<h1>Settings → Integrations and API</h1>
<p class="tabs"><a href="/settings/integrations?tab=api-credentials">API Credentials</a><a href="/settings/integrations?tab=authorized-apps">Authorized Apps</a></p>
{{if eq .Tab "authorized-apps"}}<h2>Authorized Apps</h2>{{if .Apps}}<table><tr><th>App</th><th>Authorized by</th><th>Scopes</th><th></th></tr>
{{range .Apps}}<tr><td>{{.Name}}</td><td>{{.By}}</td><td>{{join .Scopes " "}}</td><td><form method="post" action="/settings/integrations/authorized-apps/revoke">
<input type="hidden" name="client_id" value="{{.ClientID}}"><button type="submit">Revoke access</button></form></td></tr>{{end}}</table>
{{else}}<p>No apps are authorized.</p>{{end}}
{{else}}<h2>API Credentials</h2><p>One API key is configured for this sandbox account.</p>{{end}}
{{template "foot"}}{{end}}
`))

func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = pages.ExecuteTemplate(w, name, data)
}

func (s *Sandbox) renderSignIn(w http.ResponseWriter, action, txn, errMsg string) {
	render(w, "signin", map[string]string{"Action": action, "Txn": txn, "Error": errMsg})
}

func (s *Sandbox) renderError(w http.ResponseWriter, status int, title, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	render(w, "error", map[string]string{"Title": title, "Message": msg})
}

func (s *Sandbox) renderConsent(w http.ResponseWriter, p *pendingAuth, uid string) {
	s.mu.RLock()
	who := ""
	if u := s.usersByID[uid]; u != nil {
		who = u.Email
	}
	s.mu.RUnlock()
	name := p.ClientID
	if a := s.app(p.ClientID); a != nil && a.Name != "" {
		name = a.Name
	}
	render(w, "consent", map[string]any{"App": name, "Account": s.cfg.AccountName, "User": who, "Scopes": p.Scopes, "Txn": p.ID})
}

// requireUI sends signed-out visitors to the sign-in page.
func (s *Sandbox) requireUI(h func(w http.ResponseWriter, r *http.Request, uid string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		uid := s.sessionUser(r)
		if uid == "" {
			http.Redirect(w, r, "/signin?next="+r.URL.RequestURI(), http.StatusFound)
			return
		}
		h(w, r, uid)
	}
}

func (s *Sandbox) uiSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		render(w, "signin", map[string]string{"Action": "/signin", "Next": r.URL.Query().Get("next")})
		return
	}
	_ = r.ParseForm()
	next := r.PostForm.Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/postings"
	}
	uid := s.checkPassword(r.PostForm.Get("email"), r.PostForm.Get("password"))
	if uid == "" {
		w.WriteHeader(http.StatusUnauthorized)
		render(w, "signin", map[string]string{"Action": "/signin", "Next": next, "Error": "Wrong email or password."})
		return
	}
	s.startSession(w, uid)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Sandbox) uiPostings(w http.ResponseWriter, r *http.Request, uid string) {
	type row struct {
		ID, Text, Team, Location, State string
		Confidential                    bool
		Count                           int
	}
	s.mu.RLock()
	counts := map[string]int{}
	for _, o := range s.opps {
		counts[o.PostingID]++
	}
	rows := []row{}
	for _, p := range s.postings {
		rows = append(rows, row{p.ID, p.Text, p.Categories.Team, p.Categories.Location, p.State, p.Confidentiality == "confidential", counts[p.ID]})
	}
	s.mu.RUnlock()
	render(w, "postings", rows)
}

func (s *Sandbox) stageName(id string) string {
	if i, ok := s.stageIndex[id]; ok {
		return s.stages[i].Text
	}
	return id
}

func (s *Sandbox) uiPosting(w http.ResponseWriter, r *http.Request, uid string) {
	type row struct {
		ID, Name, Stage string
		Tags            []string
		Archived        bool
	}
	s.ensureOrder()
	s.mu.RLock()
	p := s.postingsBy[r.PathValue("id")]
	if p == nil {
		s.mu.RUnlock()
		s.renderError(w, http.StatusNotFound, "Posting not found", "This posting does not exist.")
		return
	}
	rows := []row{}
	more := false
	for _, o := range s.oppOrder {
		if o.PostingID != p.ID {
			continue
		}
		if len(rows) == 200 {
			more = true
			break
		}
		rows = append(rows, row{o.ID, o.Name, s.stageName(o.Stage), append([]string{}, o.Tags...), o.Archived != nil})
	}
	s.mu.RUnlock()
	render(w, "posting", map[string]any{"Text": p.Text, "Opps": rows, "More": more})
}

func (s *Sandbox) uiCandidate(w http.ResponseWriter, r *http.Request, uid string) {
	type field struct{ Label, Value string }
	type form struct {
		Title, By string
		Fields    []field
	}
	type note struct{ Value, By string }
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.opps[r.PathValue("id")]
	if o == nil {
		s.renderError(w, http.StatusNotFound, "Candidate not found", "This candidate does not exist or was deleted.")
		return
	}
	userName := func(id *string) string {
		if id != nil && s.usersByID[*id] != nil {
			return s.usersByID[*id].Name
		}
		return "API"
	}
	data := map[string]any{"Name": o.Name, "Headline": o.Headline, "Stage": s.stageName(o.Stage), "Tags": o.Tags, "Emails": o.Emails}
	if p := s.postingsBy[o.PostingID]; p != nil {
		data["Posting"] = p.Text
	}
	if o.Archived != nil {
		for _, ar := range s.reasons {
			if ar.ID == o.Archived.Reason {
				data["Archived"] = ar.Text
			}
		}
	}
	notes := []note{}
	for _, n := range s.notes[o.ID] {
		for _, f := range n.Fields {
			notes = append(notes, note{f.Value, userName(n.User)})
		}
	}
	data["Notes"] = notes
	forms := []form{}
	for _, fb := range s.feedback[o.ID] {
		if fb.DeletedAt != nil {
			continue
		}
		fm := form{Title: fb.Text, By: userName(&fb.User)}
		for _, f := range fb.Fields {
			if f.Value == nil {
				continue
			}
			fm.Fields = append(fm.Fields, field{Label: f.Text, Value: formatValue(f.Value)})
		}
		forms = append(forms, fm)
	}
	data["Feedback"] = forms
	render(w, "candidate", data)
}

func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := []string{}
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				parts = append(parts, strings.TrimSpace(formatValue(m["score"])+" "+formatValue(m["comment"])))
			} else {
				parts = append(parts, formatValue(e))
			}
		}
		return strings.Join(parts, "; ")
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return itoa(x)
	}
	return ""
}

func (s *Sandbox) uiIntegrations(w http.ResponseWriter, r *http.Request, uid string) {
	type appRow struct {
		Name, ClientID, By string
		Scopes             []string
	}
	tab := r.URL.Query().Get("tab")
	if tab == "" {
		tab = "api-credentials"
	}
	s.mu.RLock()
	byApp := map[string]*appRow{}
	for _, g := range s.oauth.grants {
		if g.Revoked {
			continue
		}
		row := byApp[g.ClientID]
		if row == nil {
			name := g.ClientID
			if a := s.app(g.ClientID); a != nil && a.Name != "" {
				name = a.Name
			}
			row = &appRow{Name: name, ClientID: g.ClientID}
			byApp[g.ClientID] = row
		}
		if u := s.usersByID[g.UserID]; u != nil && !strings.Contains(row.By, u.Name) {
			row.By = strings.TrimPrefix(row.By+", "+u.Name, ", ")
		}
		for _, sc := range g.Scopes {
			if !containsStr(row.Scopes, sc) {
				row.Scopes = append(row.Scopes, sc)
			}
		}
	}
	s.mu.RUnlock()
	apps := []appRow{}
	for _, a := range byApp {
		apps = append(apps, *a)
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].Name < apps[j].Name })
	render(w, "integrations", map[string]any{"Tab": tab, "Apps": apps})
}

func (s *Sandbox) uiRevoke(w http.ResponseWriter, r *http.Request, uid string) {
	_ = r.ParseForm()
	s.Revoke(r.PostForm.Get("client_id"))
	http.Redirect(w, r, "/settings/integrations?tab=authorized-apps", http.StatusSeeOther)
}

// uiDownload serves résumé and file downloads at the downloadUrl links the
// API hands out (a browser session is needed, as on hire.lever.co).
func (s *Sandbox) uiDownload(w http.ResponseWriter, r *http.Request, uid string) {
	s.mu.RLock()
	o := s.opps[r.PathValue("id")]
	var c oppRecord
	if o != nil {
		c = *o
	}
	s.mu.RUnlock()
	if o == nil {
		s.renderError(w, http.StatusNotFound, "File not found", "This candidate does not exist.")
		return
	}
	switch {
	case r.PathValue("resume") != "" && c.Resume.Kind != resumeNone && c.Resume.ID == r.PathValue("resume"):
		if b, err := s.resumeBytes(&c); err == nil {
			writeFile(w, s.resumeFileName(&c), b)
			return
		}
	case r.PathValue("file") != "" && c.CoverFile != nil && c.CoverFile.ID == r.PathValue("file"):
		writeFile(w, c.CoverFile.Name, s.coverLetter(&c))
		return
	}
	s.renderError(w, http.StatusNotFound, "File not found", "This file does not exist.")
}
