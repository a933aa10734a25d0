-- A job imported from a Lever posting. One posting becomes at most one
-- job per organisation: the unique index refuses a second import even when
-- two people click Import at the same moment.
CREATE TABLE lever_job_links (
    job_id           BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    org_id           BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    posting_id       TEXT    NOT NULL,
    posting_title    TEXT    NOT NULL DEFAULT '',
    imported_at      BIGINT NOT NULL,
    imported_by_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    imported_by_name TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX lever_job_links_posting ON lever_job_links (org_id, posting_id);

-- Where an application of the job moves in Lever when it reaches one of the
-- seven statuses written to Lever; no row means "don't move".
CREATE TABLE lever_stage_mappings (
    org_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id     BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status     TEXT    NOT NULL,
    stage_id   TEXT    NOT NULL,
    stage_name TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (job_id, status)
);
CREATE INDEX lever_stage_mappings_org ON lever_stage_mappings (org_id, job_id);
