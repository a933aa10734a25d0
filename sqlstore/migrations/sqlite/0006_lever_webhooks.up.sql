-- Lever webhooks (Lever → SkillKeepr).

-- One webhook endpoint per organisation: the URL carries a random token
-- (stored as its SHA-256 hex), Lever signs deliveries with the signature
-- token (sealed with the cipher).
CREATE TABLE lever_webhook_endpoints (
    org_id              INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    url_token_hash      TEXT NOT NULL,
    signature_token_enc TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX lever_webhook_endpoints_token ON lever_webhook_endpoints (url_token_hash);

-- Every accepted delivery, once: the unique token refuses replays.
CREATE TABLE lever_webhook_deliveries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token          TEXT NOT NULL,
    lever_id       TEXT NOT NULL DEFAULT '',
    event          TEXT NOT NULL,
    opportunity_id TEXT NOT NULL DEFAULT '',
    data           TEXT NOT NULL DEFAULT '{}',
    received_at    INTEGER NOT NULL,
    processed_at   INTEGER
);
CREATE UNIQUE INDEX lever_webhook_deliveries_token ON lever_webhook_deliveries (org_id, token);

-- The status an application had before Lever archived it, restored when
-- Lever unarchives it ('' while not archived by Lever).
ALTER TABLE lever_applications ADD COLUMN status_before_archive TEXT NOT NULL DEFAULT '';

-- Where the incremental poll of Lever changes stands per organisation.
CREATE TABLE lever_polls (
    org_id          INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    last_started_at INTEGER NOT NULL
);
