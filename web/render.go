package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

type pageTemplate = template.Template

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"datep": func(t *time.Time) string {
		if t == nil || t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"join":    strings.Join,
	"changes": auditChanges,
	"add":     func(a, b int) int { return a + b },
	"jobnum": func(n int64) string {
		return "#" + strconv.FormatInt(n, 10)
	},
	"contains": func(list []int64, id int64) bool {
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	},
	"field": func(fields map[string]string, name string) string { return fields[name] },
	// Collaboration.
	"unread": unreadLabel,
}

// parseTemplates parses every page in templates/ together with the layout
// and the shared partials.
func parseTemplates() (map[string]*pageTemplate, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*pageTemplate{}
	for _, n := range names {
		b := path.Base(n)
		if b == "layout.html" || b == "partials.html" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(assets, n); err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(b, ".html")] = t
	}
	return pages, nil
}

// view is what the layout renders around a page.
type view struct {
	Title      string
	Actor      *skillkeepr.Actor
	CSRF       string
	Menu       []menuItem
	Flash      string
	FlashError string
	DevMailbox bool
	// LeverRevokedAt, for Super Admins, is when access was revoked in
	// Lever while the connection is still revoked: a notice on every page.
	LeverRevokedAt *time.Time
	Data           any
	// Unread is the number of the actor's unread notifications (the bell).
	Unread int
	// Extra is data a page's partials load beside Data (see pageExtra).
	Extra any
}

type menuItem struct {
	Name   string
	Href   string
	Active bool
}

// menu lists the side menu items the actor can use.
func (s *Server) menu(a *skillkeepr.Actor, current string) []menuItem {
	if a == nil {
		return nil
	}
	var zero skillkeepr.Target
	items := []menuItem{{Name: "Dashboard", Href: "/"}, {Name: "Jobs", Href: "/jobs"},
		{Name: "Candidates", Href: "/candidates"}, {Name: "Interviews", Href: "/interviews"}}
	if skillkeepr.Can(a, skillkeepr.ActManageIntegrations, zero) {
		items = append(items, menuItem{Name: "Integrations", Href: "/integrations"})
	}
	if skillkeepr.Can(a, skillkeepr.ActViewUsers, zero) {
		items = append(items, menuItem{Name: "Users", Href: "/users"})
	}
	if skillkeepr.Can(a, skillkeepr.ActManageDepartments, zero) {
		items = append(items, menuItem{Name: "Departments", Href: "/departments"})
	}
	if skillkeepr.Can(a, skillkeepr.ActManageOrganization, zero) {
		items = append(items, menuItem{Name: "Settings", Href: "/settings"})
	}
	if skillkeepr.Can(a, skillkeepr.ActViewAuditLog, zero) {
		items = append(items, menuItem{Name: "Audit log", Href: "/audit"})
	}
	if s.cfg.DevMailbox && canSeeMailbox(a) {
		items = append(items, menuItem{Name: "Mailbox", Href: "/dev/mailbox"})
	}
	for i := range items {
		h := items[i].Href
		items[i].Active = current == h || (h != "/" && strings.HasPrefix(current, h+"/"))
	}
	return items
}

// leverRevokedAt returns when Lever access was revoked, for a Super Admin
// whose organisation's connection is revoked; one primary-key read.
func (s *Server) leverRevokedAt(r *http.Request) *time.Time {
	a := skillkeepr.ActorFrom(r.Context())
	if s.cfg.Lever == nil || !skillkeepr.Can(a, skillkeepr.ActManageIntegrations, skillkeepr.Target{}) {
		return nil
	}
	if r.URL.Path == "/integrations" {
		return nil // the Lever card says it there
	}
	c, err := s.cfg.Lever.LeverConnection(r.Context())
	if err != nil {
		s.log.WarnContext(r.Context(), "lever connection for the notice", "err", err)
		return nil
	}
	if c.Status != skillkeepr.LeverRevoked {
		return nil
	}
	if c.RevokedAt == nil {
		t := c.ConnectedAt
		return &t
	}
	return c.RevokedAt
}

func canSeeMailbox(a *skillkeepr.Actor) bool {
	return a != nil && (a.Role == skillkeepr.RoleSuperAdmin || a.Role == skillkeepr.RoleRecruiterAdmin)
}

const flashCookie = "skillkeepr_flash"

// setFlash shows msg on the next page; an error message starts with "!".
func (s *Server) setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/",
		MaxAge: 120, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) (ok, bad string) {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return "", ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil || msg == "" {
		return "", ""
	}
	if strings.HasPrefix(msg, "!") {
		return "", msg[1:]
	}
	return msg, ""
}

// render writes page name with status inside the layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	v := view{Title: title, Actor: skillkeepr.ActorFrom(r.Context()), Data: data, DevMailbox: s.cfg.DevMailbox}
	if sess := sessionFrom(r.Context()); sess != nil {
		v.CSRF = sess.CSRFToken
	}
	v.Menu = s.menu(v.Actor, r.URL.Path)
	v.LeverRevokedAt = s.leverRevokedAt(r)
	v.Unread = s.unreadCount(r)
	extra, xerr := s.pageExtra(r, name, data)
	if xerr != nil {
		return xerr
	}
	v.Extra = extra
	v.Flash, v.FlashError = s.takeFlash(w, r)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

type errorPage struct {
	Status  int
	Heading string
	Message string
	Fields  map[string]string
}

// renderErrorPage renders the error page; it needs no database.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.renderErrorFields(w, r, status, heading, message, nil)
}

func (s *Server) renderErrorFields(w http.ResponseWriter, r *http.Request, status int, heading, message string, fields map[string]string) {
	err := s.render(w, r, status, "error", heading, errorPage{Status: status, Heading: heading, Message: message, Fields: fields})
	if err != nil {
		s.log.ErrorContext(r.Context(), "render error page", "err", err)
		http.Error(w, message, status)
	}
}

const dbDownMessage = "SkillKeepr can't reach its database right now. Please try again in a few minutes; if it keeps happening, tell your administrator."

// renderError is the one place that turns an error into a status code
// and a page.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		s.renderErrorPage(w, r, http.StatusRequestEntityTooLarge, "Too much data",
			"What you sent is larger than SkillKeepr accepts. Please send less at once.")
		return
	}
	switch skillkeepr.ErrorCodeOf(err) {
	case skillkeepr.EUNAUTHORIZED:
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case skillkeepr.ENOTFOUND:
		s.renderErrorPage(w, r, http.StatusNotFound, "Not found",
			skillkeepr.ErrorMessage(err)+" It may have been removed, or the link may be wrong.")
	case skillkeepr.EFORBIDDEN:
		s.renderErrorPage(w, r, http.StatusForbidden, "Not allowed", skillkeepr.ErrorMessage(err))
	case skillkeepr.EINVALID:
		s.renderErrorFields(w, r, http.StatusBadRequest, "Please check what you entered",
			skillkeepr.ErrorMessage(err), skillkeepr.ErrorFields(err))
	case skillkeepr.ECONFLICT:
		s.renderErrorPage(w, r, http.StatusConflict, "That can't be done right now", skillkeepr.ErrorMessage(err))
	case skillkeepr.EUNAVAILABLE:
		// Most such errors say what is missing (Lever not connected, no
		// language model configured); only a database that does not answer
		// gets the database page.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
		defer cancel()
		if rerr := s.svc.Health.Ready(ctx); rerr != nil {
			s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Database unavailable", dbDownMessage)
			return
		}
		s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Not available right now", skillkeepr.ErrorMessage(err))
	default:
		if errors.Is(err, context.Canceled) {
			return // the person went away
		}
		s.log.ErrorContext(r.Context(), "internal error", "err", err)
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
		defer cancel()
		if rerr := s.svc.Health.Ready(ctx); rerr != nil {
			s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Database unavailable", dbDownMessage)
			return
		}
		s.renderErrorPage(w, r, http.StatusInternalServerError, "Something went wrong", skillkeepr.ErrorMessage(err))
	}
}

// pager computes pagination links that keep the other query parameters.
type pager struct {
	Page, Pages, Total int
	PrevURL, NextURL   string
}

const pageSize = 50

func pageParam(r *http.Request) (page, offset int) {
	page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if page < 1 {
		page = 1
	}
	if page > 100000 {
		page = 100000
	}
	return page, (page - 1) * pageSize
}

func newPager(r *http.Request, page, total int) pager {
	p := pager{Page: page, Total: total, Pages: (total + pageSize - 1) / pageSize}
	if p.Pages == 0 {
		p.Pages = 1
	}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}

// pathID reads the {id} path value; a malformed id is simply not found.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, skillkeepr.NotFound(what)
	}
	return id, nil
}

func formInt64(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.FormValue(name)), 10, 64)
	return n
}

func formInt64s(r *http.Request, name string) []int64 {
	var out []int64
	for _, v := range r.Form[name] {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// redirect sends the browser on after a successful form.
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// localPath accepts only same-site paths for ?next=.
func localPath(p string) string {
	if p == "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return "/"
	}
	return p
}
