package skillkeepr

import (
	"context"
	"io"
)

// BlobStore keeps files (résumés, recordings) by key.
type BlobStore interface {
	Put(ctx context.Context, key string, r io.Reader) (size int64, err error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}
