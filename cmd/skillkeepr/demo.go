package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
)

// runDemo starts everything on the embedded default (SQLite and files in
// the data directory, dev mailbox), seeds the demo organisation and serves.
// Restarting it reuses what is there.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	m, err := start(ctx, "demo", args, stderr, getenv, allWorkers, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on SKILLKEEPR_ADDR (--addr) %s: %w", m.Config.Addr, err)
	}
	if err := seedDemo(ctx, m.Store.Services()); err != nil {
		ln.Close()
		return fmt.Errorf("seeding the demo organisation: %w", err)
	}
	fmt.Fprintf(stdout, "Demo organisation %q — sign in with password %q as:\n", demoOrg, demoPassword)
	for _, u := range demoUsers {
		fmt.Fprintf(stdout, "  %-22s %s\n", u.email, u.role.Label())
	}
	fmt.Fprintf(stdout, "Data directory: %s (database: %s)\n", m.Config.DataDir, m.Store.Engine())
	fmt.Fprintf(stdout, "SkillKeepr is running at http://%s\n", ln.Addr())
	return m.Serve(ctx, ln)
}

var _ = flag.ErrHelp
