package skillkeepr

import (
	"strings"
	"testing"
)

func TestNewSelfIDOptions(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 81)
	cases := []struct {
		name   string
		labels []string
		values string // joined values; "" with ok: the shipped options
		field  bool   // refused with a message on "options"
	}{
		{"none: shipped options", nil, "", false},
		{"blank lines only", []string{" ", ""}, "", false},
		{"two answers", []string{"  Female ", "Male"}, "female,male,prefer_not_to_say", false},
		{"prefer not to say is kept last", []string{"Prefer not to say", "A", "B"}, "a,b,prefer_not_to_say", false},
		{"one answer", []string{"Only"}, "", true},
		{"twice", []string{"Female", "female"}, "", true},
		{"no letters", []string{"A", "—"}, "", true},
		{"too long", []string{"A", long}, "", true},
	}
	for _, c := range cases {
		opts, err := NewSelfIDOptions(c.labels)
		if c.field {
			if ErrorFields(err)["options"] == "" {
				t.Errorf("%s: %v, want a message on options", c.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var vs []string
		for _, o := range opts {
			vs = append(vs, o.Value)
		}
		if got := strings.Join(vs, ","); got != c.values {
			t.Errorf("%s: %q, want %q", c.name, got, c.values)
		}
	}
}

func TestSelfIdentificationValidateWith(t *testing.T) {
	t.Parallel()
	if err := (SelfIdentification{Gender: "woman", Ethnicity: "asian"}).Validate(); err != nil {
		t.Fatal(err)
	}
	opts, _ := NewSelfIDOptions([]string{"Female", "Male"})
	qs := DefaultSelfIDQuestions()
	qs[0].Options = opts
	err := SelfIdentification{Gender: "woman"}.ValidateWith(qs)
	if ErrorFields(err)["gender"] == "" {
		t.Errorf("a retired answer accepted: %v", err)
	}
	if err := (SelfIdentification{Gender: "female", Ethnicity: PreferNotToSay}).ValidateWith(qs); err != nil {
		t.Error(err)
	}
}
