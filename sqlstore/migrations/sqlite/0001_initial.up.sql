-- Timestamps are unix microseconds (UTC); booleans 0/1; lists JSON text.
CREATE TABLE organizations (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    website         TEXT    NOT NULL DEFAULT '',
    timezone        TEXT    NOT NULL DEFAULT 'UTC',
    tag_prefix      TEXT    NOT NULL DEFAULT 'skillkeepr',
    blind_review    INTEGER NOT NULL DEFAULT 0,
    next_job_number INTEGER NOT NULL DEFAULT 1001,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX organizations_name ON organizations (lower(name));

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT    NOT NULL,
    last_login_at INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_org_name ON users (org_id, name);

CREATE TABLE departments (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX departments_org_name ON departments (org_id, lower(name));

CREATE TABLE user_departments (
    org_id        INTEGER NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX user_departments_department ON user_departments (department_id);

CREATE TABLE jobs (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    number               INTEGER NOT NULL,
    title                TEXT    NOT NULL,
    department_id        INTEGER NOT NULL REFERENCES departments (id),
    location             TEXT    NOT NULL DEFAULT '',
    employment_type      TEXT    NOT NULL DEFAULT '',
    level                TEXT    NOT NULL DEFAULT '',
    description          TEXT    NOT NULL DEFAULT '',
    required_skills      TEXT    NOT NULL DEFAULT '[]',
    nice_to_have_skills  TEXT    NOT NULL DEFAULT '[]',
    min_years_experience INTEGER NOT NULL DEFAULT 0,
    status               TEXT    NOT NULL,
    owner_id             INTEGER REFERENCES users (id),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE UNIQUE INDEX jobs_org_number ON jobs (org_id, number);
CREATE INDEX jobs_org_department ON jobs (org_id, department_id);

CREATE TABLE job_recruiters (
    org_id  INTEGER NOT NULL,
    job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_id)
);
CREATE INDEX job_recruiters_user ON job_recruiters (user_id, job_id);

CREATE TABLE job_collaborators (
    org_id  INTEGER NOT NULL,
    job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_id)
);
CREATE INDEX job_collaborators_user ON job_collaborators (user_id, job_id);

CREATE TABLE candidates (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    email      TEXT    NOT NULL DEFAULT '',
    emails     TEXT    NOT NULL DEFAULT '[]',
    phones     TEXT    NOT NULL DEFAULT '[]',
    links      TEXT    NOT NULL DEFAULT '[]',
    location   TEXT    NOT NULL DEFAULT '',
    source     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX candidates_org ON candidates (org_id, id);

CREATE TABLE candidate_emails (
    org_id       INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    PRIMARY KEY (candidate_id, email)
);
CREATE UNIQUE INDEX candidate_emails_org_email ON candidate_emails (org_id, email);

CREATE TABLE resume_files (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    blob_key     TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX resume_files_candidate ON resume_files (candidate_id);

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    job_id       INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX applications_job_candidate ON applications (job_id, candidate_id);
CREATE INDEX applications_org_job_status ON applications (org_id, job_id, status);
CREATE INDEX applications_candidate ON applications (candidate_id);
CREATE INDEX applications_org_updated ON applications (org_id, updated_at);
CREATE INDEX applications_org_job_updated ON applications (org_id, job_id, updated_at);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL,
    candidate_id   INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    actor_id       INTEGER,
    actor_name     TEXT    NOT NULL DEFAULT '',
    kind           TEXT    NOT NULL,
    message        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX events_candidate ON events (candidate_id, created_at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    entity_type TEXT    NOT NULL,
    entity_id   INTEGER NOT NULL,
    summary     TEXT    NOT NULL,
    before_json TEXT    NOT NULL DEFAULT '',
    after_json  TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);

CREATE TABLE invitations (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email          TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    department_ids TEXT    NOT NULL DEFAULT '[]',
    token_hash     TEXT    NOT NULL,
    invited_by_id  INTEGER,
    expires_at     INTEGER NOT NULL,
    accepted_at    INTEGER,
    revoked_at     INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE INDEX invitations_org ON invitations (org_id, id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL,
    csrf_token   TEXT    NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL,
    last_used_at INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX api_tokens_token ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE failed_logins (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX failed_logins_key ON failed_logins (key, created_at);

CREATE TABLE dev_mailbox (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL,
    recipients TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    text_body  TEXT    NOT NULL,
    html_body  TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX dev_mailbox_org ON dev_mailbox (org_id, id);
