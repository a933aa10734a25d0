package fairness

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Percent formats a rate as a percentage with one decimal, e.g. "42.9%".
func Percent(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }

// Ratio formats an impact ratio with two decimals, e.g. "0.75".
func Ratio(r float64) string { return fmt.Sprintf("%.2f", r) }

// Rows are the groups, then "prefer not to say" and "not answered".
func (d Dimension) Rows() []Group {
	return append(append([]Group(nil), d.Groups...), d.PreferNotToSay, d.NotAnswered)
}

// Count is a group's count as shown: "fewer than 5" when suppressed,
// "not shown" when hidden to shield a small row.
func (g Group) Count(n int) string {
	if g.Shielding {
		return "not shown"
	}
	if g.Suppressed {
		return "fewer than " + strconv.Itoa(MinGroupSize)
	}
	return strconv.Itoa(n)
}

// RateText is the selection rate as shown, "—" when suppressed.
func (g Group) RateText() string {
	if g.Suppressed {
		return "—"
	}
	return Percent(g.Rate)
}

// ImpactText is the impact ratio as shown, "—" when not compared.
func (g Group) ImpactText() string {
	if !g.Compared {
		return "—"
	}
	return Ratio(g.ImpactRatio)
}

// RuleText says how the group fares under the four-fifths rule.
func (g Group) RuleText() string {
	switch {
	case !g.Compared:
		return "—"
	case g.Reference:
		return "reference group"
	case g.BelowFourFifths:
		return "below four fifths"
	}
	return "ok"
}

// WriteText writes the report as plain text, one table per dimension; it
// is what the golden tests pin down and what the page shows in HTML.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Shortlist step: %d considered, %d shortlisted (%s).\n", r.Considered, r.Shortlisted, Percent(r.Rate))
	if r.LeftOut > 0 {
		fmt.Fprintf(&b, "Left out: %d deleted in Lever.\n", r.LeftOut)
	}
	for _, d := range r.Dimensions {
		fmt.Fprintf(&b, "\n%s\n", d.Title)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Group\tConsidered\tShortlisted\tRate\tImpact ratio\tFour-fifths rule")
		for _, g := range d.Rows() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", g.Label, g.Count(g.Considered), g.Count(g.Shortlisted), g.RateText(), g.ImpactText(), g.RuleText())
		}
		tw.Flush()
		if d.Note != "" {
			fmt.Fprintf(&b, "%s\n", d.Note)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
