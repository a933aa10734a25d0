package blob

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestDir(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n, err := d.Put(ctx, "org/1/resume.pdf", strings.NewReader("hello"))
	if err != nil || n != 5 {
		t.Fatalf("Put = %d, %v", n, err)
	}
	r, err := d.Open(ctx, "org/1/resume.pdf")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	if string(b) != "hello" {
		t.Fatalf("read %q", b)
	}
	if err := d.Delete(ctx, "org/1/resume.pdf"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(ctx, "org/1/resume.pdf"); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		t.Fatalf("Open after delete: %v", err)
	}
	for _, bad := range []string{"", "../x", "/etc/passwd", `a\b`, "a/../../b"} {
		if _, err := d.Put(ctx, bad, strings.NewReader("x")); skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Errorf("Put(%q) = %v, want invalid", bad, err)
		}
	}
}
