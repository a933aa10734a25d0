package lever

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// DefaultPageSize is the page size the client asks for (Lever's maximum).
const DefaultPageSize = 100

// list returns an iterator over every item of a paginated list, following Lever's
// opaque `next` token until `hasNext` is false. Offsets are never computed: the token
// is passed back exactly as Lever sent it. The iterator yields (zero, err) once and
// stops on the first error. Breaking out of the loop stops further requests.
func list[T any](c *Client, ctx context.Context, path string, q url.Values) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		query := url.Values{}
		for k, v := range q {
			query[k] = append([]string(nil), v...)
		}
		if query.Get("limit") == "" {
			query.Set("limit", strconv.Itoa(DefaultPageSize))
		}
		seen := map[string]bool{}
		for {
			resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: query, idempotent: true})
			if err != nil {
				yield(zero, err)
				return
			}
			items, env, err := decodePage[T](resp.body)
			if err != nil {
				yield(zero, fmt.Errorf("lever: GET %s: %w", path, err))
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !env.hasNext {
				return
			}
			if env.next == "" {
				yield(zero, fmt.Errorf("lever: GET %s: hasNext without a next token", path))
				return
			}
			if seen[env.next] {
				yield(zero, fmt.Errorf("lever: GET %s: paging token repeated (%q); stopping", path, truncate(env.next, 60)))
				return
			}
			seen[env.next] = true
			query.Set("offset", env.next)
		}
	}
}

// Collect drains seq into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// query helpers

func addAll(q url.Values, key string, vals []string) {
	for _, v := range vals {
		if v != "" {
			q.Add(key, v)
		}
	}
}

func addTime(q url.Values, key string, t time.Time) {
	if !t.IsZero() {
		q.Set(key, strconv.FormatInt(t.UnixMilli(), 10))
	}
}

func setNonEmpty(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

func performAsQuery(performAs string) url.Values {
	q := url.Values{}
	setNonEmpty(q, "perform_as", performAs)
	return q
}
