package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr/leversandbox"
)

// runLeverSandbox serves the Lever emulator alone.
func runLeverSandbox(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("skillkeepr lever-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg leversandbox.Config
	cfg.RegisterFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on")
	var faults []leversandbox.Fault
	fs.Func("fault", `inject a fault, as JSON (repeatable), e.g. '{"route":"/v1/opportunities","errorRate":0.2,"latencyMs":50}'; keys: route, latencyMs, errorRate, timeout, reset, rateLimitStorm, dropAfterApply, share, count`, func(s string) error {
		f, err := leversandbox.ParseFault(s)
		faults = append(faults, f)
		return err
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sb, ln, err := listenSandbox(cfg, *addr)
	if err != nil {
		return err
	}
	for _, f := range faults {
		sb.SetFault(f)
	}
	printSandbox(stdout, sb)
	if len(faults) > 0 {
		fmt.Fprintf(stdout, "  %d fault(s) injected; change them at %s/_sandbox/admin/faults\n", len(faults), sb.Config().BaseURL)
	}
	return serveSandbox(ctx, sb, ln)
}

// listenSandbox builds the sandbox and binds its address, so that the
// printed URL is the real one even for port 0.
func listenSandbox(cfg leversandbox.Config, addr string) (*leversandbox.Sandbox, net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot listen on the Lever sandbox address %s: %w", addr, err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + ln.Addr().String()
	}
	sb, err := leversandbox.New(cfg)
	if err != nil {
		ln.Close()
		return nil, nil, fmt.Errorf("starting the Lever sandbox: %w", err)
	}
	return sb, ln, nil
}

func printSandbox(w io.Writer, sb *leversandbox.Sandbox) {
	c := sb.Config()
	fmt.Fprintf(w, "Lever sandbox at %s\n", c.BaseURL)
	fmt.Fprintf(w, "  Lever sign-in: %s / %s   API key: %s\n", c.AdminEmail, c.AdminPassword, c.APIKey)
	for _, app := range c.Apps {
		fmt.Fprintf(w, "  OAuth app %q: client id %s, secret %s\n", app.Name, app.ClientID, app.ClientSecret)
	}
}

// serveSandbox serves until ctx ends, then saves the sandbox's state.
func serveSandbox(ctx context.Context, sb *leversandbox.Sandbox, ln net.Listener) error {
	srv := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	if cerr := sb.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
