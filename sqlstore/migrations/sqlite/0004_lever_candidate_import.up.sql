-- Imports of a job's candidates from its Lever posting, and their log.
-- Counts are derived from the log; "found" is written when the posting's
-- candidates have been listed.
CREATE TABLE lever_import_runs (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id          INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    posting_id      TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    message         TEXT    NOT NULL DEFAULT '',
    since           INTEGER,
    found           INTEGER NOT NULL DEFAULT 0,
    started_by_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    started_by_name TEXT    NOT NULL DEFAULT '',
    started_at      INTEGER NOT NULL,
    finished_at     INTEGER
);
CREATE INDEX lever_import_runs_job ON lever_import_runs (org_id, job_id, id);

-- One line per Lever candidate and run; a worker that crashed mid-run
-- continues after the last line it wrote.
CREATE TABLE lever_import_entries (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL,
    run_id         INTEGER NOT NULL REFERENCES lever_import_runs (id) ON DELETE CASCADE,
    opportunity_id TEXT    NOT NULL,
    candidate_name TEXT    NOT NULL DEFAULT '',
    outcome        TEXT    NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    message        TEXT    NOT NULL DEFAULT '',
    application_id INTEGER,
    candidate_id   INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX lever_import_entries_run_opp ON lever_import_entries (run_id, opportunity_id);
-- The status panel counts a run's lines by outcome.
CREATE INDEX lever_import_entries_run_outcome ON lever_import_entries (run_id, outcome);

-- The Lever opportunity an application was imported from, with what Lever
-- said about it. One opportunity is at most one application per organisation.
CREATE TABLE lever_applications (
    application_id   INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    org_id           INTEGER NOT NULL,
    job_id           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    opportunity_id   TEXT    NOT NULL,
    stage_name       TEXT    NOT NULL DEFAULT '',
    tags             TEXT    NOT NULL DEFAULT '[]',
    sources          TEXT    NOT NULL DEFAULT '[]',
    owner_name       TEXT    NOT NULL DEFAULT '',
    resume_id        TEXT    NOT NULL DEFAULT '',
    lever_created_at INTEGER,
    lever_updated_at INTEGER,
    imported_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX lever_applications_opp ON lever_applications (org_id, opportunity_id);
