package web

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/password"
)

const sessionCookie = "skillkeepr_session"

// Sign-in throttling: this many failures per email and address within
// the window lock that pair out until the window has passed.
const (
	maxFailedLogins = 5
	loginWindow     = 15 * time.Minute
)

type sessionKey struct{}

type sessionInfo struct {
	*skillkeepr.Session
	Token string
	User  *skillkeepr.User
}

func sessionFrom(ctx context.Context) *sessionInfo {
	s, _ := ctx.Value(sessionKey{}).(*sessionInfo)
	return s
}

// systemCtx drops the actor, for system operations (sign-in, invitations).
func systemCtx(ctx context.Context) context.Context { return skillkeepr.WithActor(ctx, nil) }

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	// No Max-Age: the server ends the session after SessionTTL without
	// activity (the store slides the expiry); the browser keeps the cookie
	// until it closes.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// authenticate loads the session of the cookie, if any, and puts the
// actor in the context. A stale cookie is cleared; a database failure is
// returned.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return r, nil
	}
	sess, user, err := s.svc.Sessions.FindSession(systemCtx(r.Context()), c.Value)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EUNAUTHORIZED || skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			s.clearSessionCookie(w)
			return r, nil
		}
		return r, err
	}
	infoFrom(r.Context()).UserID = user.ID
	ctx := skillkeepr.WithActor(r.Context(), user.Actor())
	ctx = context.WithValue(ctx, sessionKey{}, &sessionInfo{Session: sess, Token: c.Value, User: user})
	return r.WithContext(ctx), nil
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

func csrfOK(sess *sessionInfo, token string) bool {
	return sess != nil && token != "" && subtle.ConstantTimeCompare([]byte(sess.CSRFToken), []byte(token)) == 1
}

var errCSRF = &skillkeepr.Error{Code: skillkeepr.EFORBIDDEN,
	Message: "This form has expired or did not come from SkillKeepr. Please go back, reload the page and try again."}

// clientIP is the address the request came from (proxies are not trusted).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type loginData struct {
	Email string
	Next  string
	Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if skillkeepr.ActorFrom(r.Context()) != nil {
		return redirect(w, r, localPath(r.URL.Query().Get("next")))
	}
	return s.render(w, r, http.StatusOK, "login", "Sign in", loginData{Next: r.URL.Query().Get("next")})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	email := skillkeepr.NormalizeEmail(r.PostFormValue("email"))
	pw := r.PostFormValue("password")
	d := loginData{Email: email, Next: r.PostFormValue("next")}
	ctx := systemCtx(r.Context())
	key := email + "|" + clientIP(r)

	n, err := s.svc.Sessions.FailedLogins(ctx, key, s.now().Add(-loginWindow))
	if err != nil {
		return err
	}
	if n >= maxFailedLogins {
		d.Error = "Too many attempts. Please wait 15 minutes and try again, or ask your administrator for help."
		return s.render(w, r, http.StatusTooManyRequests, "login", "Sign in", d)
	}

	user, err := s.svc.Users.FindUserByEmail(ctx, email)
	if err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return err
	}
	ok := false
	if user != nil && user.Active && user.PasswordHash != "" {
		ok, _ = password.Verify(user.PasswordHash, pw)
	} else {
		_, _ = password.Verify(s.dummyHash, pw) // take about as long as a real check
	}
	if !ok {
		if err := s.svc.Sessions.RecordFailedLogin(ctx, key); err != nil {
			return err
		}
		d.Error = "The email or password is not right. Please try again."
		if n+1 >= maxFailedLogins {
			d.Error = "Too many attempts. Please wait 15 minutes and try again, or ask your administrator for help."
		}
		return s.render(w, r, http.StatusUnauthorized, "login", "Sign in", d)
	}
	if err := s.svc.Sessions.ClearFailedLogins(ctx, key); err != nil {
		return err
	}
	if old := sessionFrom(r.Context()); old != nil {
		_ = s.svc.Sessions.DeleteSession(ctx, old.Token)
	}
	token, _, err := s.svc.Sessions.CreateSession(ctx, user.ID)
	if err != nil {
		return err
	}
	if err := s.svc.Users.RecordLogin(ctx, user.ID); err != nil {
		s.log.WarnContext(r.Context(), "record login", "err", err)
	}
	s.setSessionCookie(w, token)
	return redirect(w, r, localPath(d.Next))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if sess := sessionFrom(r.Context()); sess != nil {
		if err := s.svc.Sessions.DeleteSession(systemCtx(r.Context()), sess.Token); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w)
	s.setFlash(w, "You are signed out.")
	return redirect(w, r, "/login")
}

type passwordData struct {
	Fields map[string]string
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "password", "Change password", passwordData{})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	sess := sessionFrom(r.Context())
	if sess == nil {
		return &skillkeepr.Error{Code: skillkeepr.EUNAUTHORIZED, Message: "Please sign in."}
	}
	cur, pw, confirm := r.PostFormValue("current_password"), r.PostFormValue("new_password"), r.PostFormValue("confirm_password")
	v := skillkeepr.Validation{}
	ok, _ := password.Verify(sess.User.PasswordHash, cur)
	v.Check(ok, "current_password", "This is not your current password.")
	v.Check(len(pw) >= skillkeepr.MinPasswordLength, "new_password", "Use at least 10 characters.")
	v.Check(len(pw) <= password.MaxLength, "new_password", "Use at most 1024 characters.")
	v.Check(pw == confirm, "confirm_password", "The two new passwords are not the same.")
	if len(v) > 0 {
		return s.render(w, r, http.StatusBadRequest, "password", "Change password", passwordData{Fields: v})
	}
	hash, err := s.cfg.HashPassword(pw)
	if err != nil {
		return err
	}
	if err := s.svc.Users.SetPassword(r.Context(), sess.UserID, hash); err != nil {
		return err
	}
	if err := s.svc.Sessions.DeleteUserSessions(systemCtx(r.Context()), sess.UserID, sess.Token); err != nil {
		return err
	}
	s.setFlash(w, "Your password has been changed. You were signed out on your other devices.")
	return redirect(w, r, "/")
}

type tokensData struct {
	Tokens   []*skillkeepr.APIToken
	NewToken string
	NewName  string
	Fields   map[string]string
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTokens(w, r, http.StatusOK, tokensData{})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, d tokensData) error {
	var err error
	if d.Tokens, err = s.svc.Sessions.FindAPITokens(r.Context()); err != nil {
		return err
	}
	return s.render(w, r, status, "tokens", "API tokens", d)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimSpace(r.PostFormValue("name"))
	token, t, err := s.svc.Sessions.CreateAPIToken(r.Context(), name)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			return s.renderTokens(w, r, http.StatusBadRequest, tokensData{NewName: name, Fields: fieldsOrMessage(err, "name")})
		}
		return err
	}
	return s.renderTokens(w, r, http.StatusOK, tokensData{NewToken: token, NewName: t.Name})
}

func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "API token")
	if err != nil {
		return err
	}
	if err := s.svc.Sessions.DeleteAPIToken(r.Context(), id); err != nil {
		return err
	}
	s.setFlash(w, "The API token was deleted. Programs using it can no longer sign in.")
	return redirect(w, r, "/account/tokens")
}

// fieldsOrMessage returns the field errors of err, or its message under
// field when it has none.
func fieldsOrMessage(err error, field string) map[string]string {
	if f := skillkeepr.ErrorFields(err); len(f) > 0 {
		return f
	}
	return map[string]string{field: skillkeepr.ErrorMessage(err)}
}

// apiHandler authenticates /api/v1/ requests and hands them to the API.
func (s *Server) apiHandler(w http.ResponseWriter, r *http.Request) {
	ri := infoFrom(r.Context())
	ri.Pattern = r.Pattern
	if s.cfg.API == nil {
		writeJSONError(w, http.StatusNotFound, skillkeepr.NotFound("Page"))
		return
	}
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			token, ok = strings.CutPrefix(h, "bearer ")
		}
		user, err := (*skillkeepr.User)(nil), error(nil)
		if ok && strings.TrimSpace(token) != "" {
			user, err = s.svc.Sessions.AuthenticateAPIToken(systemCtx(ctx), strings.TrimSpace(token))
		} else {
			err = &skillkeepr.Error{Code: skillkeepr.EUNAUTHORIZED}
		}
		if err != nil {
			code := skillkeepr.ErrorCodeOf(err)
			if code == skillkeepr.EUNAUTHORIZED || code == skillkeepr.ENOTFOUND {
				writeJSONError(w, http.StatusUnauthorized, &skillkeepr.Error{Code: skillkeepr.EUNAUTHORIZED,
					Message: "The API token is not valid. Create a new one on the API tokens page."})
				return
			}
			s.log.ErrorContext(ctx, "api auth", "err", err)
			writeJSONError(w, http.StatusServiceUnavailable, &skillkeepr.Error{Code: skillkeepr.EUNAVAILABLE, Message: dbDownMessage})
			return
		}
		ri.UserID = user.ID
		ctx = skillkeepr.WithActor(ctx, user.Actor())
	} else {
		r2, err := s.authenticate(w, r)
		if err != nil {
			writeJSONError(w, http.StatusServiceUnavailable, &skillkeepr.Error{Code: skillkeepr.EUNAVAILABLE, Message: dbDownMessage})
			return
		}
		if sess := sessionFrom(r2.Context()); sess != nil && unsafeMethod(r.Method) && !csrfOK(sess, r.Header.Get("X-CSRF-Token")) {
			writeJSONError(w, http.StatusForbidden, &skillkeepr.Error{Code: skillkeepr.EFORBIDDEN,
				Message: "Requests signed in with a browser session need the X-CSRF-Token header."})
			return
		}
		ctx = r2.Context()
	}
	r = r.WithContext(ctx)
	s.cfg.API.ServeHTTP(w, r)
	if r.Pattern != "" && r.Pattern != "/api/v1/" {
		ri.Pattern = r.Pattern
	}
}

func writeJSONError(w http.ResponseWriter, status int, e *skillkeepr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": e.Code, "message": e.Message, "fields": e.Fields})
}
