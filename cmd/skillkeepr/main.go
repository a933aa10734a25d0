// Command skillkeepr is SkillKeepr in one binary: the web UI, the JSON API
// and the background workers (serve), workers alone (worker), database
// migrations (migrate), a self-contained demo (demo) and administration
// commands (admin).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // interview times must not depend on the host's zone files
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

const usage = `SkillKeepr — interviewing platform for Lever

Usage: skillkeepr <command> [flags]

Commands:
  demo        start everything on SQLite in ./skillkeepr-data with a demo organisation
  serve       run the web UI, the JSON API and background workers
  worker      run background workers only (several may share one PostgreSQL)
  migrate     apply database migrations and exit
  admin       create-org | create-user
  lever-sandbox  run the Lever emulator alone (--addr 127.0.0.1:8081 --seed 42 …)
  version     print the version

Run "skillkeepr <command> -h" for the flags of a command. Every flag can
also be set with a SKILLKEEPR_* environment variable (see README).
`

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = runServe(ctx, rest, stdout, stderr, getenv)
	case "worker":
		err = runWorker(ctx, rest, stdout, stderr, getenv)
	case "migrate":
		err = runMigrate(ctx, rest, stdout, stderr, getenv)
	case "demo":
		err = runDemo(ctx, rest, stdout, stderr, getenv)
	case "admin":
		err = runAdmin(ctx, rest, stdout, stderr, getenv)
	case "lever-sandbox":
		err = runLeverSandbox(ctx, rest, stdout, stderr, getenv)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "skillkeepr", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "skillkeepr: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "skillkeepr:", err)
		return 1
	}
	return 0
}
