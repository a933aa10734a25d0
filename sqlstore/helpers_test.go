package sqlstore

import (
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func wantCode(t *testing.T, err error, code skillkeepr.ErrorCode) {
	t.Helper()
	if got := skillkeepr.ErrorCodeOf(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	wantCode(t, err, skillkeepr.EINVALID)
	if _, ok := skillkeepr.ErrorFields(err)[field]; !ok {
		t.Fatalf("error %v has no field %q", err, field)
	}
}

func must[T any](t *testing.T) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
