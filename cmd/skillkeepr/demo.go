package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"

	"github.com/skillkeepr/skillkeepr/leversandbox"
)

// runDemo starts everything on the embedded default (SQLite and files in
// the data directory, the dev mailbox, the Lever sandbox with seed data),
// seeds the demo organisation and serves. Restarting it reuses what is
// there, the sandbox's state included.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var leverAddr string
	m, err := start(ctx, "demo", args, stderr, getenv, allWorkers, func(fs *flag.FlagSet) {
		def := getenv("SKILLKEEPR_LEVER_ADDR")
		if def == "" {
			def = "127.0.0.1:8081"
		}
		fs.StringVar(&leverAddr, "lever-addr", def, "address of the Lever sandbox started by the demo (env SKILLKEEPR_LEVER_ADDR)")
	})
	if err != nil {
		return err
	}
	defer m.Close()
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on SKILLKEEPR_ADDR (--addr) %s: %w", m.Config.Addr, err)
	}
	defer ln.Close()
	if err := seedDemo(ctx, m.Store.Services()); err != nil {
		return fmt.Errorf("seeding the demo organisation: %w", err)
	}

	sb, sbln, err := listenSandbox(leversandbox.Config{
		StateFile: filepath.Join(m.Config.DataDir, "lever-sandbox.json"),
		Logger:    m.Logger.With(slog.String("component", "lever-sandbox")),
	}, leverAddr)
	if err != nil {
		return err
	}
	sandboxCtx, stopSandbox := context.WithCancel(ctx)
	defer stopSandbox()
	sandboxDone := make(chan error, 1)
	go func() { sandboxDone <- serveSandbox(sandboxCtx, sb, sbln) }()

	fmt.Fprintf(stdout, "Demo organisation %q — sign in with password %q as:\n", demoOrg, demoPassword)
	for _, u := range demoUsers {
		fmt.Fprintf(stdout, "  %-22s %s\n", u.email, u.role.Label())
	}
	fmt.Fprintf(stdout, "Data directory: %s (database: %s)\n", m.Config.DataDir, m.Store.Engine())
	printSandbox(stdout, sb)
	fmt.Fprintf(stdout, "SkillKeepr is running at http://%s\n", ln.Addr())
	err = m.Serve(ctx, ln)
	stopSandbox()
	if serr := <-sandboxDone; serr != nil && err == nil {
		err = serr
	}
	return err
}
