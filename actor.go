package skillkeepr

import (
	"context"
	"slices"
)

// Actor is the signed-in user on whose behalf a call runs. It travels in
// the context; every store and service method reads it from there.
type Actor struct {
	UserID        int64
	OrgID         int64
	Role          Role
	Name          string
	Email         string
	DepartmentIDs []int64
}

// InDepartment reports whether the actor belongs to department id.
func (a *Actor) InDepartment(id int64) bool {
	return id != 0 && slices.Contains(a.DepartmentIDs, id)
}

type actorKey struct{}

// WithActor returns a context carrying a.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// RequireActor returns the actor in ctx or an EUNAUTHORIZED error.
func RequireActor(ctx context.Context) (*Actor, error) {
	a := ActorFrom(ctx)
	if a == nil || a.UserID == 0 || a.OrgID == 0 {
		return nil, &Error{Code: EUNAUTHORIZED, Message: "Please sign in."}
	}
	return a, nil
}
