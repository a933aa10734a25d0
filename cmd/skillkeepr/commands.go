package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
)

// start parses the configuration, validates it and opens the process.
func start(ctx context.Context, name string, args []string, stderr io.Writer, getenv func(string) string, workers func(*Config) int, extra func(*flag.FlagSet)) (*Main, error) {
	c, _, err := parseConfig(name, args, getenv, extra)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	m := &Main{Config: c, Logger: newLogger(c, stderr)}
	if err := m.Open(ctx, workers(c)); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

func allWorkers(c *Config) int { return c.Workers }
func noWorkers(*Config) int    { return -1 }

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	m, err := start(ctx, "serve", args, stderr, getenv, allWorkers, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on SKILLKEEPR_ADDR (--addr) %s: %w", m.Config.Addr, err)
	}
	m.Logger.Info("serving", "addr", ln.Addr().String(), "base_url", m.Config.BaseURL, "engine", m.Store.Engine())
	fmt.Fprintf(stdout, "SkillKeepr is running at http://%s\n", ln.Addr())
	return m.Serve(ctx, ln)
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	m, err := start(ctx, "worker", args, stderr, getenv, allWorkers, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Queue.Start(ctx); err != nil {
		return err
	}
	m.Logger.Info("worker started", "engine", m.Store.Engine(), "workers", m.Config.Workers)
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	return m.Queue.Stop(stopCtx)
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	m, err := start(ctx, "migrate", args, stderr, getenv, noWorkers, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	fmt.Fprintf(stdout, "Database migrated (%s).\n", m.Store.Engine())
	return nil
}
