package queue

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/rivermigrate"
)

// migrateLockKey is the PostgreSQL advisory lock that serialises Migrate
// across processes starting at the same time ("skillkeepr river" as bytes).
const migrateLockKey int64 = 0x736b696c6c726976

// Migrate brings River's own tables up to date in db, the business database.
// It is idempotent and safe to run from several processes at once.
func Migrate(ctx context.Context, engine string, db *sql.DB) error {
	if db == nil {
		return fmt.Errorf("queue: migrate: no database")
	}
	drv, err := driver(engine, db)
	if err != nil {
		return err
	}
	migrator, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("queue: migrate: %w", err)
	}
	if engine == EnginePostgres {
		// rivermigrate takes no lock of its own: hold a session advisory
		// lock on a dedicated connection while it runs on the pool.
		conn, err := db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("queue: migrate: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
			return fmt.Errorf("queue: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey) //nolint:errcheck // closing the connection releases it too
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("queue: migrate: %w", err)
	}
	return nil
}
