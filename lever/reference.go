package lever

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// Ping checks that the credential still works with one cheap call (GET /stages,
// one item). An error matching [ErrRevoked] means the connection must be re-authorised.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.do(ctx, &request{method: "GET", path: "/stages", query: url.Values{"limit": {"1"}}, idempotent: true})
	return err
}

// ListStages iterates over the account's pipeline stages in pipeline order
// (GET /stages).
func (c *Client) ListStages(ctx context.Context) iter.Seq2[Stage, error] {
	return list[Stage](c, ctx, "/stages", nil)
}

// GetStage returns one stage (GET /stages/:id).
func (c *Client) GetStage(ctx context.Context, id string) (*Stage, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	var s Stage
	if err := c.getOne(ctx, pathf("/stages/%s", id), nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// ListArchiveReasons iterates over archive reasons (GET /archive_reasons); typ is
// "hired", "non-hired" or "" for all.
func (c *Client) ListArchiveReasons(ctx context.Context, typ string) iter.Seq2[ArchiveReason, error] {
	q := url.Values{}
	setNonEmpty(q, "type", typ)
	return list[ArchiveReason](c, ctx, "/archive_reasons", q)
}

// GetArchiveReason returns one archive reason (GET /archive_reasons/:id).
func (c *Client) GetArchiveReason(ctx context.Context, id string) (*ArchiveReason, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	var r ArchiveReason
	if err := c.getOne(ctx, pathf("/archive_reasons/%s", id), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ListTags iterates over the account's tags with their use counts (GET /tags). Tags
// are case-sensitive: "Full-time" and "Full-Time" are distinct.
func (c *Client) ListTags(ctx context.Context) iter.Seq2[TagCount, error] {
	return list[TagCount](c, ctx, "/tags", nil)
}

// ListSources iterates over the account's sources with their use counts (GET /sources).
func (c *Client) ListSources(ctx context.Context) iter.Seq2[TagCount, error] {
	return list[TagCount](c, ctx, "/sources", nil)
}

func setPageSize(q url.Values, n int) {
	if n > 0 {
		q.Set("limit", strconv.Itoa(min(n, DefaultPageSize)))
	}
}
