package sqlstore

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
)

// columns returns table → sorted column names of the store's schema.
func columns(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	if s.Engine() == enginePostgres {
		q = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`
	}
	rows, err := s.read().query(ctx, q)
	ok(t, err)
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		ok(t, rows.Scan(&table, &col))
		out[table] = append(out[table], col)
	}
	ok(t, rows.Err())
	for _, cols := range out {
		slices.Sort(cols)
	}
	return out
}

// TestSchema checks that both engines have the same tables and columns
// and that every tenant-owned table carries org_id.
func TestSchema(t *testing.T) {
	t.Parallel()
	var schemas []map[string][]string
	for _, engine := range TestEngines() {
		schemas = append(schemas, columns(t, OpenTest(t, engine)))
	}
	want := schemas[0]
	for _, got := range schemas[1:] {
		if !maps.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("schemas differ:\nsqlite:   %v\npostgres: %v", want, got)
		}
	}
	global := map[string]bool{"organizations": true, "schema_migrations": true, "failed_logins": true}
	for table, cols := range want {
		if !global[table] && !slices.Contains(cols, "org_id") {
			t.Errorf("table %s has no org_id (columns %s)", table, strings.Join(cols, ", "))
		}
	}
}
