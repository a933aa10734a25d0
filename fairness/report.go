package fairness

import (
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// MinGroupSize is the fewest candidates a group needs for its numbers to
// be shown and compared.
const MinGroupSize = 5

// Outcome says whether an application counts at the shortlist step and
// whether it got past it:
//
//   - new: considered, not shortlisted;
//   - shortlisted and every later step of SkillKeepr's path (interview …,
//     review completed, recommended, not recommended): shortlisted — a
//     later "not recommended" does not undo the shortlist decision;
//   - hired in Lever: shortlisted, since a hire got past every step;
//   - archived in Lever: shortlisted when the status before the archive
//     was shortlisted or later, otherwise considered and not shortlisted
//     (an archive from "new" is a rejection at this step);
//   - deleted in Lever: left out, the candidate's data is gone.
func Outcome(r skillkeepr.FairnessRow) (considered, shortlisted bool) {
	switch r.Status {
	case skillkeepr.StatusDeleted:
		return false, false
	case skillkeepr.StatusHired:
		return true, true
	case skillkeepr.StatusArchived:
		return true, pastShortlist(r.StatusBeforeArchive)
	}
	if !r.Status.Valid() {
		return false, false
	}
	return true, pastShortlist(r.Status)
}

// pastShortlist reports whether s is shortlisted or a later step of the
// path inside SkillKeepr.
func pastShortlist(s skillkeepr.ApplicationStatus) bool {
	switch s {
	case skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewScheduled, skillkeepr.StatusInterviewCompleted,
		skillkeepr.StatusInterviewNoShow, skillkeepr.StatusInterviewCanceled, skillkeepr.StatusReviewCompleted,
		skillkeepr.StatusRecommended, skillkeepr.StatusNotRecommended, skillkeepr.StatusHired:
		return true
	}
	return false
}

// Group is one row of a dimension.
type Group struct {
	Value       string `json:"value"` // "" for not answered
	Label       string `json:"label"`
	Considered  int    `json:"considered,omitempty"`
	Shortlisted int    `json:"shortlisted,omitempty"`
	// Rate is Shortlisted / Considered; 0 when suppressed.
	Rate float64 `json:"rate,omitempty"`
	// Suppressed: fewer than MinGroupSize considered, or Shielding; no
	// number is shown.
	Suppressed bool `json:"suppressed"`
	// Shielding: hidden although it has enough candidates, so that the
	// one small hidden row cannot be worked out from the totals.
	Shielding bool `json:"shielding,omitempty"`
	// Compared: ImpactRatio is set (a group with enough candidates, when
	// there is a reference with a rate above zero).
	Compared    bool    `json:"compared"`
	ImpactRatio float64 `json:"impact_ratio,omitempty"`
	Reference   bool    `json:"reference,omitempty"`
	// BelowFourFifths: the impact ratio is under 0.8.
	BelowFourFifths bool `json:"below_four_fifths,omitempty"`
}

// Dimension is the report for one question (gender identity, ethnicity).
type Dimension struct {
	Key    string  `json:"key"`
	Title  string  `json:"title"`
	Groups []Group `json:"groups"` // answered groups with candidates, in the order of the options
	// PreferNotToSay and NotAnswered are reported apart and not compared.
	PreferNotToSay Group `json:"prefer_not_to_say"`
	NotAnswered    Group `json:"not_answered"`
	// Note explains, in plain words, why nothing is compared; "" when
	// groups were compared.
	Note string `json:"note,omitempty"`
}

// Report is the fairness report of one job.
type Report struct {
	Considered  int     `json:"considered"`
	Shortlisted int     `json:"shortlisted"`
	Rate        float64 `json:"rate"`
	// LeftOut counts applications deleted in Lever, which are not counted.
	LeftOut    int         `json:"left_out"`
	Dimensions []Dimension `json:"dimensions"`
}

// Compute builds the report of a job from its rows, for the shipped
// questions and options.
func Compute(rows []skillkeepr.FairnessRow) Report {
	return ComputeWith(rows, skillkeepr.DefaultSelfIDQuestions())
}

// ComputeWith builds the report for the organisation's questions qs:
// groups follow the order of their options; an answer no longer offered
// is still counted, under its stored value.
func ComputeWith(rows []skillkeepr.FairnessRow, qs []skillkeepr.SelfIDQuestion) Report {
	var rep Report
	for _, r := range rows {
		c, s := Outcome(r)
		if !c {
			rep.LeftOut++
			continue
		}
		rep.Considered++
		if s {
			rep.Shortlisted++
		}
	}
	rep.Rate = rate(rep.Shortlisted, rep.Considered)
	for _, q := range qs {
		rep.Dimensions = append(rep.Dimensions, dimension(q, rows))
	}
	return rep
}

func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func dimension(q skillkeepr.SelfIDQuestion, rows []skillkeepr.FairnessRow) Dimension {
	d := Dimension{Key: q.Key, Title: q.Title}
	counts := map[string]*Group{}
	var order []string
	for _, o := range q.Options {
		counts[o.Value] = &Group{Value: o.Value, Label: o.Label}
		order = append(order, o.Value)
	}
	counts[""] = &Group{Label: "Not answered"}
	for _, r := range rows {
		c, s := Outcome(r)
		if !c {
			continue
		}
		v := r.Answer(q.Key)
		g, ok := counts[v]
		if !ok { // an answer no longer offered: still counted, under its own value
			g = &Group{Value: v, Label: v}
			counts[v] = g
			order = append(order, v)
		}
		g.Considered++
		if s {
			g.Shortlisted++
		}
	}
	// Rows in display order: groups with candidates, then "prefer not to
	// say" and "not answered" (shown even when empty).
	var lines []*Group
	for _, v := range order {
		if g := counts[v]; v != skillkeepr.PreferNotToSay && g.Considered > 0 {
			lines = append(lines, g)
		}
	}
	lines = append(lines, counts[skillkeepr.PreferNotToSay], counts[""])
	for _, g := range lines {
		g.Suppressed = g.Considered < MinGroupSize
	}
	complement(lines)
	for _, g := range lines {
		if g.Suppressed {
			g.Considered, g.Shortlisted = 0, 0
		} else {
			g.Rate = rate(g.Shortlisted, g.Considered)
		}
	}
	for _, g := range lines[:len(lines)-2] {
		d.Groups = append(d.Groups, *g)
	}
	d.PreferNotToSay, d.NotAnswered = *lines[len(lines)-2], *lines[len(lines)-1]

	// The reference is the group with the highest rate among those with
	// enough candidates; ties go to the first in option order.
	ref := -1
	shown := 0
	for i, g := range d.Groups {
		if g.Suppressed {
			continue
		}
		shown++
		if ref < 0 || higher(g, d.Groups[ref]) {
			ref = i
		}
	}
	switch {
	case shown < 2:
		d.Note = "Fewer than two groups have their numbers shown (each needs " + strconv.Itoa(MinGroupSize) + " or more candidates), so no groups can be compared."
		return d
	case d.Groups[ref].Shortlisted == 0:
		d.Note = "Nobody in these groups has been shortlisted yet, so there is nothing to compare."
		return d
	}
	r := d.Groups[ref]
	d.Groups[ref].Reference = true
	for i := range d.Groups {
		g := &d.Groups[i]
		if g.Suppressed {
			continue
		}
		g.Compared = true
		g.ImpactRatio = g.Rate / r.Rate
		// Below four fifths, in whole numbers to avoid rounding:
		// (s/c) / (rs/rc) < 4/5  ⇔  5·s·rc < 4·rs·c.
		g.BelowFourFifths = 5*g.Shortlisted*r.Considered < 4*r.Shortlisted*g.Considered
	}
	return d
}

// complement hides a second row when exactly one row is hidden and it has
// candidates: otherwise its counts could be worked out by subtracting the
// shown rows from the job's totals. The smallest shown row is hidden too
// (the first of equals).
func complement(rows []*Group) {
	var hidden *Group
	n := 0
	for _, g := range rows {
		if g.Suppressed {
			hidden = g
			n++
		}
	}
	if n != 1 || hidden.Considered == 0 {
		return
	}
	var smallest *Group
	for _, g := range rows {
		if !g.Suppressed && (smallest == nil || g.Considered < smallest.Considered) {
			smallest = g
		}
	}
	if smallest != nil {
		smallest.Suppressed, smallest.Shielding = true, true
	}
}

// higher reports whether a's rate is above b's, exactly.
func higher(a, b Group) bool {
	return a.Shortlisted*b.Considered > b.Shortlisted*a.Considered
}
