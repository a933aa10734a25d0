-- Collaboration: comments on candidates, in-app notifications and each
-- user's notification settings.

-- A comment belongs to a candidate (not to one application); mentions are
-- JSON: [{"user_id":…,"name":…,"start":…,"end":…}] with byte offsets in body.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    mentions     TEXT    NOT NULL DEFAULT '[]',
    created_at   INTEGER NOT NULL,
    edited_at    INTEGER
);
CREATE INDEX comments_candidate ON comments (org_id, candidate_id, created_at);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    link       TEXT    NOT NULL DEFAULT '',
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name TEXT    NOT NULL DEFAULT '',
    read_at    INTEGER,
    created_at INTEGER NOT NULL
);
-- The list, newest first.
CREATE INDEX notifications_user ON notifications (org_id, user_id, id);
-- The bell's unread count runs on every page: a partial index holds only
-- the unread rows (read_at included so that the count never reads the table),
-- and the count stops at 100 entries.
CREATE INDEX notifications_unread ON notifications (org_id, user_id, read_at) WHERE read_at IS NULL;

-- No row means the defaults (emails on).
CREATE TABLE notification_settings (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email      INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
