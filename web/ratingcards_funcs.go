package web

import (
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// Template functions of the rating card pages, added to funcs before any
// template is parsed (New parses them).
func init() {
	funcs["recommendation"] = skillkeepr.RecommendationLabel
	funcs["avg"] = func(f float64) string {
		if f == 0 {
			return "—"
		}
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
}
