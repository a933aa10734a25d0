package skillkeepr

import (
	"strings"
	"testing"
	"time"
)

func TestOverallLevelOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   float64
		want int
	}{{0, 1}, {1, 1}, {1.49, 1}, {1.5, 2}, {2.5, 3}, {3.49, 3}, {3.5, 4}, {4, 4}, {9, 4}} {
		if got := OverallLevelOf(tt.in); got != tt.want {
			t.Errorf("OverallLevelOf(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
	for l, want := range map[int]string{1: "1 - Strong No Hire", 2: "2 - No Hire", 3: "3 - Hire", 4: "4 - Strong Hire", 0: "", 5: ""} {
		if got := RatingOption(l); got != want {
			t.Errorf("RatingOption(%d) = %q, want %q", l, got, want)
		}
	}
}

func TestPushNoteText(t *testing.T) {
	t.Parallel()
	rating := &RatingSummary{Cards: 2, Overall: 3.25, OverallLevel: 3, Competencies: []CompetencyAverage{{Name: "Go", Average: 3.5, Count: 2}}}
	for _, tt := range []struct {
		name    string
		c       PushContent
		want    []string
		notWant []string
	}{
		{"everything", PushContent{Comment: "Hire her.", RecommendedBy: "Lena", Rating: rating, RecordingURL: "https://sk.example/rec/1"},
			[]string{"by Lena.", "Recommendation: Hire her.", "Rating (2 cards): overall 3.2 of 4 (3 - Hire)", "- Go: 3.5 of 4", "Interview recording: https://sk.example/rec/1"},
			[]string{"No rating cards"}},
		{"nothing but the decision", PushContent{},
			[]string{"Recommended for hire in SkillKeepr.", "No rating cards were submitted."},
			[]string{"Recommendation:", "recording", " by "}},
	} {
		got := PushNoteText(tt.c, "skp-abc")
		if !strings.HasSuffix(got, "\n"+PushNoteRefPrefix+"skp-abc") {
			t.Errorf("%s: the marker is not the last line:\n%s", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, w, got)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: has %q:\n%s", tt.name, w, got)
			}
		}
	}
	if got := CompetencyLines(rating); got != "Go: 3.5 of 4 (2 cards)" {
		t.Errorf("CompetencyLines = %q", got)
	}
}

func TestLeverPushSummary(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 4, 15, 4, 0, 0, time.UTC)
	for _, tt := range []struct {
		p    *LeverPush
		want string
	}{
		{&LeverPush{State: PushPushed, PushedAt: &at, RequestedByName: "Lena Park", StageName: "On-site"}, "Pushed on 4 Dec 2026 15:04 UTC by Lena Park to On-site"},
		{&LeverPush{State: PushQueued, StageName: "Offer"}, "Queued: moving to Offer"},
		{&LeverPush{State: PushFailed, Message: "Gone."}, "Failed: Gone."},
		{&LeverPush{State: PushPaused, Message: "Lever is not connected."}, "Paused: Lever is not connected."},
		{nil, ""},
	} {
		if got := tt.p.Summary(); got != tt.want {
			t.Errorf("Summary() = %q, want %q", got, tt.want)
		}
	}
}
