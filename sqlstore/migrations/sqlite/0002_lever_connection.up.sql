-- One Lever connection per organisation. Secrets are sealed by the
-- application (AES-256-GCM, see package secret) before they reach the
-- database: *_enc columns never hold a token or key in clear.
CREATE TABLE lever_connections (
    org_id            INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    mode              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    -- generation grows with every connect, so that a revocation seen with
    -- old credentials never marks a newer connection.
    generation        INTEGER NOT NULL DEFAULT 1,
    account_label     TEXT    NOT NULL DEFAULT '',
    connected_by_id   INTEGER,
    connected_by_name TEXT    NOT NULL DEFAULT '',
    connected_at      INTEGER NOT NULL,
    access_token_enc  TEXT    NOT NULL DEFAULT '',
    refresh_token_enc TEXT    NOT NULL DEFAULT '',
    token_expires_at  INTEGER,
    api_key_enc       TEXT    NOT NULL DEFAULT '',
    checked_at        INTEGER,
    last_error        TEXT    NOT NULL DEFAULT '',
    revoked_at        INTEGER,
    disconnected_at   INTEGER,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX lever_connections_status ON lever_connections (status);

-- The state parameter of a pending "Connect" (only its hash), bound to the
-- browser session and the person, used once, expiring after 10 minutes.
CREATE TABLE lever_oauth_states (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL,
    state_hash TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX lever_oauth_states_hash ON lever_oauth_states (state_hash);
CREATE INDEX lever_oauth_states_org ON lever_oauth_states (org_id, expires_at);
