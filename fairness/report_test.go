package fairness

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// rows builds n applications in status st with the given answers.
func rows(n int, st skillkeepr.ApplicationStatus, gender, ethnicity string) []skillkeepr.FairnessRow {
	out := make([]skillkeepr.FairnessRow, n)
	for i := range out {
		out[i] = skillkeepr.FairnessRow{Status: st, SelfIdentification: skillkeepr.SelfIdentification{Gender: gender, Ethnicity: ethnicity}}
	}
	return out
}

func join(parts ...[]skillkeepr.FairnessRow) []skillkeepr.FairnessRow {
	var out []skillkeepr.FairnessRow
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestOutcome(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status, before        skillkeepr.ApplicationStatus
		considered, shortlist bool
	}{
		{skillkeepr.StatusNew, "", true, false},
		{skillkeepr.StatusShortlisted, "", true, true},
		{skillkeepr.StatusInterviewScheduled, "", true, true},
		{skillkeepr.StatusInterviewNoShow, "", true, true},
		{skillkeepr.StatusReviewCompleted, "", true, true},
		{skillkeepr.StatusRecommended, "", true, true},
		{skillkeepr.StatusNotRecommended, "", true, true},
		{skillkeepr.StatusHired, "", true, true},
		{skillkeepr.StatusHired, skillkeepr.StatusNew, true, true},
		{skillkeepr.StatusArchived, "", true, false},
		{skillkeepr.StatusArchived, skillkeepr.StatusNew, true, false},
		{skillkeepr.StatusArchived, skillkeepr.StatusShortlisted, true, true},
		{skillkeepr.StatusArchived, skillkeepr.StatusRecommended, true, true},
		{skillkeepr.StatusDeleted, skillkeepr.StatusShortlisted, false, false},
		{"bogus", "", false, false},
	}
	for _, c := range cases {
		gotC, gotS := Outcome(skillkeepr.FairnessRow{Status: c.status, StatusBeforeArchive: c.before})
		if gotC != c.considered || gotS != c.shortlist {
			t.Errorf("%s (before %q): considered %v shortlisted %v, want %v %v", c.status, c.before, gotC, gotS, c.considered, c.shortlist)
		}
	}
	// Every status has a decision.
	for _, st := range skillkeepr.ApplicationStatuses {
		if c, _ := Outcome(skillkeepr.FairnessRow{Status: st}); !c && st != skillkeepr.StatusDeleted {
			t.Errorf("%s is not considered", st)
		}
	}
}

func group(d Dimension, value string) (Group, bool) {
	for _, g := range d.Groups {
		if g.Value == value {
			return g, true
		}
	}
	return Group{}, false
}

func TestCompute(t *testing.T) {
	t.Parallel()
	type want struct {
		value       string
		suppressed  bool
		compared    bool
		reference   bool
		below       bool
		considered  int
		shortlisted int
		ratio       float64
	}
	cases := []struct {
		name   string
		rows   []skillkeepr.FairnessRow
		groups []want
		note   bool
	}{
		{
			name: "one group under four fifths",
			// women 6/10 = 60%, men 4/10 = 40%: ratio 0.667 < 0.8.
			rows: join(rows(6, skillkeepr.StatusShortlisted, "woman", ""), rows(4, skillkeepr.StatusNew, "woman", ""),
				rows(4, skillkeepr.StatusRecommended, "man", ""), rows(6, skillkeepr.StatusNew, "man", "")),
			groups: []want{
				{value: "woman", compared: true, reference: true, considered: 10, shortlisted: 6, ratio: 1},
				{value: "man", compared: true, below: true, considered: 10, shortlisted: 4, ratio: 4.0 / 6.0},
			},
		},
		{
			name: "exactly four fifths is not flagged",
			// 5/10 vs 4/10: ratio exactly 0.8.
			rows: join(rows(5, skillkeepr.StatusShortlisted, "woman", ""), rows(5, skillkeepr.StatusNew, "woman", ""),
				rows(4, skillkeepr.StatusShortlisted, "man", ""), rows(6, skillkeepr.StatusNew, "man", "")),
			groups: []want{
				{value: "woman", compared: true, reference: true, considered: 10, shortlisted: 5, ratio: 1},
				{value: "man", compared: true, considered: 10, shortlisted: 4, ratio: 0.8},
			},
		},
		{
			name: "a small group is suppressed and never the reference",
			// non-binary 4/4 = 100% but only 4 candidates.
			rows: join(rows(4, skillkeepr.StatusShortlisted, "non_binary", ""),
				rows(3, skillkeepr.StatusShortlisted, "woman", ""), rows(3, skillkeepr.StatusNew, "woman", ""),
				rows(2, skillkeepr.StatusShortlisted, "man", ""), rows(3, skillkeepr.StatusNew, "man", "")),
			groups: []want{
				{value: "woman", compared: true, reference: true, considered: 6, shortlisted: 3, ratio: 1},
				{value: "man", compared: true, considered: 5, shortlisted: 2, ratio: 0.8},
				{value: "non_binary", suppressed: true},
			},
		},
		{
			name: "one group with enough candidates: nothing compared",
			rows: join(rows(7, skillkeepr.StatusShortlisted, "woman", ""), rows(2, skillkeepr.StatusNew, "man", "")),
			groups: []want{
				{value: "woman", considered: 7, shortlisted: 7},
				{value: "man", suppressed: true},
			},
			note: true,
		},
		{
			name: "nobody shortlisted yet",
			rows: join(rows(5, skillkeepr.StatusNew, "woman", ""), rows(5, skillkeepr.StatusNew, "man", "")),
			groups: []want{
				{value: "woman", considered: 5},
				{value: "man", considered: 5},
			},
			note: true,
		},
		{
			name: "one hidden group hides the smallest other row too",
			// Only non-binary (4) would be hidden: its counts would follow
			// from the totals, so the smallest shown row (man, 5) is hidden.
			rows: join(rows(3, skillkeepr.StatusShortlisted, "woman", ""), rows(3, skillkeepr.StatusNew, "woman", ""),
				rows(2, skillkeepr.StatusShortlisted, "man", ""), rows(3, skillkeepr.StatusNew, "man", ""),
				rows(4, skillkeepr.StatusNew, "non_binary", ""), rows(7, skillkeepr.StatusNew, "", ""),
				rows(6, skillkeepr.StatusNew, skillkeepr.PreferNotToSay, "")),
			groups: []want{
				{value: "woman", considered: 6, shortlisted: 3},
				{value: "man", suppressed: true}, // shown as "not shown"
				{value: "non_binary", suppressed: true},
			},
			note: true,
		},
		{
			name: "archived and hired follow the rule, deleted left out",
			rows: join(
				[]skillkeepr.FairnessRow{
					{Status: skillkeepr.StatusArchived, StatusBeforeArchive: skillkeepr.StatusShortlisted, SelfIdentification: skillkeepr.SelfIdentification{Gender: "man"}},
					{Status: skillkeepr.StatusHired, SelfIdentification: skillkeepr.SelfIdentification{Gender: "man"}},
				},
				rows(3, skillkeepr.StatusArchived, "man", ""),
				rows(9, skillkeepr.StatusDeleted, "man", ""),
				rows(5, skillkeepr.StatusShortlisted, "woman", "")),
			groups: []want{
				{value: "woman", compared: true, reference: true, considered: 5, shortlisted: 5, ratio: 1},
				{value: "man", compared: true, below: true, considered: 5, shortlisted: 2, ratio: 0.4},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := Compute(c.rows).Dimensions[0]
			if d.Key != "gender" {
				t.Fatalf("first dimension %q", d.Key)
			}
			if (d.Note != "") != c.note {
				t.Errorf("note %q, want note: %v", d.Note, c.note)
			}
			if len(d.Groups) != len(c.groups) {
				t.Errorf("%d groups, want %d: %+v", len(d.Groups), len(c.groups), d.Groups)
			}
			for _, w := range c.groups {
				g, ok := group(d, w.value)
				if !ok {
					t.Errorf("group %s missing", w.value)
					continue
				}
				if g.Suppressed != w.suppressed || g.Compared != w.compared || g.Reference != w.reference || g.BelowFourFifths != w.below ||
					g.Considered != w.considered || g.Shortlisted != w.shortlisted {
					t.Errorf("group %s = %+v, want %+v", w.value, g, w)
				}
				if d := g.ImpactRatio - w.ratio; d > 1e-9 || d < -1e-9 {
					t.Errorf("group %s ratio %v, want %v", w.value, g.ImpactRatio, w.ratio)
				}
				if g.Suppressed && (g.Rate != 0 || g.Considered != 0 || (g.Count(3) != "fewer than 5") != g.Shielding) {
					t.Errorf("suppressed group %s shows numbers: %+v", w.value, g)
				}
			}
		})
	}
}

func TestNotAnsweredAndPreferNotToSayApart(t *testing.T) {
	t.Parallel()
	rep := Compute(join(
		rows(6, skillkeepr.StatusShortlisted, "", "white"),
		rows(5, skillkeepr.StatusNew, skillkeepr.PreferNotToSay, "asian"),
		rows(2, skillkeepr.StatusNew, "woman", "asian"), rows(1, skillkeepr.StatusNew, "man", "asian")))
	d := rep.Dimensions[0]
	if d.NotAnswered.Considered != 6 || d.NotAnswered.Shortlisted != 6 || d.NotAnswered.Compared {
		t.Errorf("not answered %+v", d.NotAnswered)
	}
	if d.PreferNotToSay.Considered != 5 || d.PreferNotToSay.Compared {
		t.Errorf("prefer not to say %+v", d.PreferNotToSay)
	}
	if _, ok := group(d, ""); ok {
		t.Error("not answered listed among the groups")
	}
	if _, ok := group(d, skillkeepr.PreferNotToSay); ok {
		t.Error("prefer not to say listed among the groups")
	}
	e := rep.Dimensions[1]
	if g, _ := group(e, "white"); g.Considered != 6 || g.Suppressed {
		t.Errorf("white %+v", g)
	}
	if rep.Considered != 14 || rep.Shortlisted != 6 {
		t.Errorf("totals %d/%d", rep.Considered, rep.Shortlisted)
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	cases := map[string][]skillkeepr.FairnessRow{
		"mixed": join(
			rows(6, skillkeepr.StatusShortlisted, "woman", "asian"), rows(4, skillkeepr.StatusNew, "woman", "white"),
			rows(3, skillkeepr.StatusInterviewCompleted, "man", "white"), rows(5, skillkeepr.StatusNew, "man", "white"),
			rows(1, skillkeepr.StatusHired, "man", "black"), rows(2, skillkeepr.StatusNew, "non_binary", "black"),
			rows(4, skillkeepr.StatusShortlisted, skillkeepr.PreferNotToSay, ""),
			rows(7, skillkeepr.StatusNew, "", ""), rows(2, skillkeepr.StatusDeleted, "woman", "")),
		"empty": nil,
		"shielded": join(rows(6, skillkeepr.StatusShortlisted, "woman", "white"), rows(5, skillkeepr.StatusNew, "man", "white"),
			rows(4, skillkeepr.StatusNew, "non_binary", "white"), rows(7, skillkeepr.StatusNew, "", "white"),
			rows(6, skillkeepr.StatusNew, skillkeepr.PreferNotToSay, "asian")),
	}
	for name, rs := range cases {
		var b bytes.Buffer
		if err := Compute(rs).WriteText(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: report differs from %s:\n%s", name, path, b.String())
		}
	}
}

func TestShieldingRowText(t *testing.T) {
	t.Parallel()
	d := Compute(join(rows(6, skillkeepr.StatusShortlisted, "woman", ""), rows(5, skillkeepr.StatusNew, "man", ""),
		rows(4, skillkeepr.StatusNew, "non_binary", ""), rows(7, skillkeepr.StatusNew, "", ""),
		rows(6, skillkeepr.StatusNew, skillkeepr.PreferNotToSay, ""))).Dimensions[0]
	man, _ := group(d, "man")
	nb, _ := group(d, "non_binary")
	if !man.Shielding || man.Count(man.Considered) != "not shown" || nb.Shielding || nb.Count(nb.Considered) != "fewer than 5" {
		t.Errorf("man %+v, non-binary %+v", man, nb)
	}
}

// An organisation's own options: groups follow their order, and an answer
// no longer offered still counts, under its stored value.
func TestComputeWithCustomOptions(t *testing.T) {
	t.Parallel()
	opts, err := skillkeepr.NewSelfIDOptions([]string{"Female", "Male", "Non-binary / genderqueer"})
	if err != nil {
		t.Fatal(err)
	}
	qs := []skillkeepr.SelfIDQuestion{{Key: skillkeepr.QuestionGender, Title: "Gender", Options: opts, Custom: true}}
	d := ComputeWith(join(rows(5, skillkeepr.StatusShortlisted, "male", ""), rows(5, skillkeepr.StatusNew, "female", ""),
		rows(6, skillkeepr.StatusShortlisted, "woman", "")), qs).Dimensions
	if len(d) != 1 || d[0].Title != "Gender" {
		t.Fatalf("dimensions %+v", d)
	}
	var got []string
	for _, g := range d[0].Groups {
		got = append(got, g.Value+"="+g.Label)
	}
	if want := "female=Female,male=Male,woman=woman"; strings.Join(got, ",") != want {
		t.Errorf("groups %s, want %s", strings.Join(got, ","), want)
	}
	if opts[2].Value != "non_binary_genderqueer" || opts[len(opts)-1].Value != skillkeepr.PreferNotToSay {
		t.Errorf("options %+v", opts)
	}
}
