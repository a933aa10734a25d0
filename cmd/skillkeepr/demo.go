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
	"github.com/skillkeepr/skillkeepr/leversync"
)

// runDemo starts everything on the embedded default (SQLite and files in
// the data directory, the dev mailbox, the Lever sandbox with seed data),
// seeds the demo organisation and serves. Restarting it reuses what is
// there, the sandbox's state included.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var leverAddr string
	c, _, err := parseConfig("demo", args, getenv, func(fs *flag.FlagSet) {
		def := getenv("SKILLKEEPR_LEVER_ADDR")
		if def == "" {
			def = "127.0.0.1:8081"
		}
		fs.StringVar(&leverAddr, "lever-addr", def, "address of the Lever sandbox started by the demo (env SKILLKEEPR_LEVER_ADDR)")
	})
	if err != nil {
		return err
	}
	derivedBase := c.BaseURL == ""
	if err := c.Validate(); err != nil {
		return err
	}
	logger := newLogger(c, stderr)
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on SKILLKEEPR_ADDR (--addr) %s: %w", c.Addr, err)
	}
	defer ln.Close()
	if _, port, _ := net.SplitHostPort(c.Addr); derivedBase && port == "0" {
		// Links and Lever's callback address must name the real port.
		c.BaseURL = "http://" + ln.Addr().String()
	}
	// The sandbox is bound first, so that its real address (even for port
	// 0) is what SkillKeepr's Lever settings point at: Connect works out of
	// the box with the sandbox's demo app.
	sb, sbln, err := listenSandbox(leversandbox.Config{
		StateFile: filepath.Join(c.DataDir, "lever-sandbox.json"),
		Logger:    logger.With(slog.String("component", "lever-sandbox")),
	}, leverAddr)
	if err != nil {
		return err
	}
	sandboxServed := false
	defer func() {
		if !sandboxServed {
			sbln.Close()
			_ = sb.Close()
		}
	}()
	sbURL := sb.Config().BaseURL
	c.LeverClientID, c.LeverClientSecret = leversandbox.DefaultClientID, leversandbox.DefaultClientSecret
	c.LeverAuthURL, c.LeverAPIURL, c.LeverAudience = sbURL, sbURL+"/v1", leversync.DefaultAudience
	m := &Main{Config: c, Logger: logger}
	if err := m.Open(ctx, allWorkers(c)); err != nil {
		m.Close()
		return err
	}
	defer m.Close()
	if err := seedDemo(ctx, m.Store.Services()); err != nil {
		return fmt.Errorf("seeding the demo organisation: %w", err)
	}

	sandboxCtx, stopSandbox := context.WithCancel(ctx)
	defer stopSandbox()
	sandboxDone := make(chan error, 1)
	sandboxServed = true
	go func() { sandboxDone <- serveSandbox(sandboxCtx, sb, sbln) }()

	fmt.Fprintf(stdout, "Demo organisation %q — sign in with password %q as:\n", demoOrg, demoPassword)
	for _, u := range demoUsers {
		fmt.Fprintf(stdout, "  %-22s %s\n", u.email, u.role.Label())
	}
	fmt.Fprintf(stdout, "Data directory: %s (database: %s)\n", m.Config.DataDir, m.Store.Engine())
	printSandbox(stdout, sb)
	fmt.Fprintf(stdout, "  Connect it: sign in as %s, Integrations → Lever → Connect → Confirm, then sign in to Lever as %s and Accept\n",
		demoUsers[0].email, sb.Config().AdminEmail)
	fmt.Fprintf(stdout, "SkillKeepr is running at http://%s\n", ln.Addr())
	err = m.Serve(ctx, ln)
	stopSandbox()
	if serr := <-sandboxDone; serr != nil && err == nil {
		err = serr
	}
	return err
}
