package web

import (
	"net/http"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type selfIDOptionsData struct {
	Questions []selfIDQuestionForm
}

type selfIDQuestionForm struct {
	skillkeepr.SelfIDQuestion
	Text  string // the answers, one per line, "prefer not to say" left out
	Error string
}

func selfIDForms(qs []skillkeepr.SelfIDQuestion) []selfIDQuestionForm {
	out := make([]selfIDQuestionForm, 0, len(qs))
	for _, q := range qs {
		var lines []string
		for _, o := range q.Options {
			if o.Value != skillkeepr.PreferNotToSay {
				lines = append(lines, o.Label)
			}
		}
		out = append(out, selfIDQuestionForm{SelfIDQuestion: q, Text: strings.Join(lines, "\n")})
	}
	return out
}

// selfIDOptionsPage lets the Super Admin change the answers offered for
// voluntary self-identification.
func (s *Server) selfIDOptionsPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageOrganization); err != nil {
		return err
	}
	qs, err := s.svc.Fairness.SelfIDQuestions(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "selfidoptions", "Self-identification answers", selfIDOptionsData{Questions: selfIDForms(qs)})
}

func (s *Server) setSelfIDOptions(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageOrganization); err != nil {
		return err
	}
	key := r.PathValue("question")
	var opts []skillkeepr.SelfIDOption
	text := r.PostFormValue("options")
	if r.PostFormValue("reset") == "" {
		for _, l := range strings.Split(text, "\n") {
			opts = append(opts, skillkeepr.SelfIDOption{Label: l})
		}
	}
	_, err := s.svc.Fairness.SetSelfIDOptions(r.Context(), key, opts)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		qs, qerr := s.svc.Fairness.SelfIDQuestions(r.Context())
		if qerr != nil {
			return qerr
		}
		forms := selfIDForms(qs)
		for i := range forms {
			if forms[i].Key == key {
				forms[i].Text, forms[i].Error = text, skillkeepr.ErrorFields(err)["options"]
			}
		}
		return s.render(w, r, http.StatusBadRequest, "selfidoptions", "Self-identification answers", selfIDOptionsData{Questions: forms})
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "The answers offered were saved. Answers recorded before keep their value.")
	return redirect(w, r, "/settings/self-identification")
}
