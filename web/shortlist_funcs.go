package web

import "github.com/skillkeepr/skillkeepr"

// formArgs carry what the shortlisting form partials need: the page's view
// (for the CSRF token), the application and where to go back to.
type formArgs struct {
	View view
	ID   int64
	Next string
}

func init() {
	funcs["verdictLabel"] = skillkeepr.VerdictLabel
	funcs["unmaskArgs"] = func(v view, id int64, next string) formArgs { return formArgs{View: v, ID: id, Next: next} }
	funcs["selected"] = func(sel map[int64]bool, id int64) bool { return sel[id] }
}
