package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

type migration struct {
	version int64
	name    string
	sql     string
}

// migrations returns the embedded migrations of the engine in order.
func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + s.engine
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".up.sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		if !ok {
			return nil, fmt.Errorf("sqlstore: migration %s: name must be NNNN_name.up.sql", name)
		}
		v, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: migration %s: %w", name, err)
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT NOT NULL PRIMARY KEY,
    applied_at BIGINT NOT NULL
)`

// Migrate applies the embedded migrations that are not applied yet, all in
// one transaction. On PostgreSQL it takes an advisory transaction lock so
// that several processes starting at once migrate one after the other; on
// SQLite the transaction begins IMMEDIATE, which serialises them too.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		if s.engine == enginePostgres {
			// One lock per schema, so that test schemas migrate side by side.
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(735624819, hashtext(current_schema()))`); err != nil {
				return dbErr("migrate lock", err)
			}
		}
		if _, err := tx.exec(ctx, createMigrationsTable); err != nil {
			return dbErr("migrate", err)
		}
		applied, err := appliedVersions(ctx, tx.conn)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if applied[m.version] {
				continue
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, m.version, ts(s.clock())); err != nil {
				return dbErr("migrate", err)
			}
			s.log.Info("applied migration", "engine", s.engine, "migration", m.name)
		}
		return nil
	})
}

func appliedVersions(ctx context.Context, c conn) (map[int64]bool, error) {
	rows, err := c.query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, dbErr("migrations", err)
	}
	defer closeRows(rows)
	out := map[int64]bool{}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, dbErr("migrations", err)
		}
		out[v] = true
	}
	return out, dbErr("migrations", rows.Err())
}

// MigrationsCurrent reports whether every embedded migration is applied.
func (s *Store) MigrationsCurrent(ctx context.Context) (bool, error) {
	ms, err := s.migrations()
	if err != nil {
		return false, err
	}
	var exists bool
	if s.engine == enginePostgres {
		err = s.read().queryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	} else {
		err = s.read().queryRow(ctx, `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists)
	}
	if err != nil {
		return false, dbErr("migrations", err)
	}
	if !exists {
		return false, nil
	}
	applied, err := appliedVersions(ctx, s.read())
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if !applied[m.version] {
			return false, nil
		}
	}
	return true, nil
}
