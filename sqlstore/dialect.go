package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The dialect shim. Queries are written once with "?" placeholders in the
// SQL subset that SQLite and PostgreSQL both accept; rebind turns them into
// $1, $2 … for PostgreSQL. No query may contain a literal '?'.
//
// Timestamps are stored as BIGINT unix microseconds (UTC) on both engines:
// they sort, compare and round-trip identically. Booleans are BOOLEAN on
// PostgreSQL and INTEGER 0/1 on SQLite; queries pass them as parameters.
// Lists (skills, phones) are JSON text.

const (
	engineSQLite   = "sqlite"
	enginePostgres = "postgres"
)

func rebind(engine, q string) string {
	if engine != enginePostgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// int64Args converts ids to query arguments.
func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// ts converts a time to the stored representation.
func ts(t time.Time) int64 { return t.UTC().UnixMicro() }

// fromTS converts a stored timestamp back.
func fromTS(v int64) time.Time { return time.UnixMicro(v).UTC() }

func fromNullTS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromTS(v.Int64)
	return &t
}

func nullTS(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ts(*t), Valid: true}
}

// likePattern returns a case-insensitive LIKE pattern for a substring
// search; callers compare it with lower(column) and ESCAPE '\'.
func likePattern(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

func encodeList(items []string) string {
	if items == nil {
		items = []string{}
	}
	b, _ := json.Marshal(items)
	return string(b)
}

func decodeList(s string) []string {
	out := []string{}
	if s == "" {
		return out
	}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func encodeIDs(ids []int64) string {
	if ids == nil {
		ids = []int64{}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

func decodeIDs(s string) []int64 {
	out := []int64{}
	if s == "" {
		return out
	}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

// isUniqueViolation reports whether err is a unique constraint violation
// on either engine.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se interface{ Code() int }
	if errors.As(err, &se) {
		c := se.Code()
		return c == 2067 || c == 1555 // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// isForeignKeyViolation reports whether err is a foreign key violation.
func isForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	var se interface{ Code() int }
	if errors.As(err, &se) {
		return se.Code() == 787 // SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

// rowScanner is what a scan function reads one row from (*sql.Row or
// *sql.Rows).
type rowScanner = interface{ Scan(...any) error }

// queryAll runs a query and scans every row with scan; an empty result is
// an empty slice, not nil (lists are encoded as [] in the API). what names
// the operation in errors.
func queryAll[T any](ctx context.Context, c interface {
	query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}, what string, scan func(rowScanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, dbErr(what, err)
	}
	defer closeRows(rows)
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, dbErr(what, err)
		}
		out = append(out, v)
	}
	return out, dbErr(what, rows.Err())
}
