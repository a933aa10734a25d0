package lever

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"
)

// UserFilter narrows ListUsers.
type UserFilter struct {
	Email               string   // exact (canonicalised) match
	AccessRoles         []string // repeated; union
	IncludeDeactivated  bool
	ExternalDirectoryID string
	PageSize            int
}

// ListUsers iterates over the account's users (GET /users); only active users unless
// IncludeDeactivated is set.
func (c *Client) ListUsers(ctx context.Context, f UserFilter) iter.Seq2[User, error] {
	q := url.Values{}
	setNonEmpty(q, "email", f.Email)
	addAll(q, "accessRole", f.AccessRoles)
	if f.IncludeDeactivated {
		q.Set("includeDeactivated", "true")
	}
	setNonEmpty(q, "external_directory_id", f.ExternalDirectoryID)
	setPageSize(q, f.PageSize)
	return list[User](c, ctx, "/users", q)
}

// GetUser returns one user (GET /users/:id).
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	var u User
	if err := c.getOne(ctx, pathf("/users/%s", id), nil, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// UserByEmail returns the active user with this e-mail address (GET /users?email=),
// or an error matching [ErrNotFound].
func (c *Client) UserByEmail(ctx context.Context, email string) (*User, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil, invalidf("empty e-mail address")
	}
	for u, err := range c.ListUsers(ctx, UserFilter{Email: email, PageSize: 10}) {
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(u.Email, email) {
			return &u, nil
		}
	}
	return nil, fmt.Errorf("%w: no Lever user with e-mail %q", ErrNotFound, email)
}
