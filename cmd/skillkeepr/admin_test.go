package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestAdminCommands(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := map[string]string{"SKILLKEEPR_DATA_DIR": data, "SKILLKEEPR_LOG_LEVEL": "error", "SKILLKEEPR_ADMIN_PASSWORD": "a-long-password"}
	getenv := func(k string) string { return env[k] }
	runCmd := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut, getenv)
		return code, out.String() + errOut.String()
	}
	steps := []struct {
		args     []string
		wantCode int
		want     string
	}{
		{[]string{"migrate"}, 0, "Database migrated (sqlite)"},
		{[]string{"admin", "create-org", "--name", "Globex", "--timezone", "Europe/Paris"}, 0, `Created organisation "Globex"`},
		{[]string{"admin", "create-org", "--name", "  "}, 1, "--name: Enter the company name."},
		{[]string{"admin", "create-user", "--org", "Globex", "--email", "boss@globex.test", "--name", "Hank Scorpio", "--role", "super_admin"}, 0, "Created Super Admin Hank Scorpio <boss@globex.test>"},
		{[]string{"admin", "create-user", "--org", "Globex", "--email", "lead@globex.test", "--name", "Lee", "--role", "collaborator", "--department", "Engineering"}, 0, "Created Collaborator Lee"},
		{[]string{"admin", "create-user", "--org", "Globex", "--email", "boss@globex.test", "--name", "Again", "--role", "recruiter"}, 1, "email"},
		{[]string{"admin", "create-user", "--org", "Nowhere", "--email", "x@y.test", "--name", "X"}, 1, `organisation "Nowhere"`},
		{[]string{"admin", "create-user", "--org", "Globex", "--email", "x@y.test", "--name", "X", "--role", "king"}, 1, "--role"},
		{[]string{"admin", "nonsense"}, 1, `unknown admin command "nonsense"`},
		{[]string{"serve", "--addr", "bad"}, 1, "SKILLKEEPR_ADDR"},
		{[]string{"version"}, 0, "skillkeepr"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
	}
	for _, s := range steps {
		code, out := runCmd(s.args...)
		if code != s.wantCode || !strings.Contains(out, s.want) {
			t.Errorf("skillkeepr %s: exit %d, output %q; want exit %d and %q", strings.Join(s.args, " "), code, out, s.wantCode, s.want)
		}
	}
}
