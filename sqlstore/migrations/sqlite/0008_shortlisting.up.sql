-- Shortlisting: résumé text, versioned job criteria, scores with evidence,
-- blind review per job, "not a fit" and unmasking per application.

-- The text read from one stored résumé: outcome ('ok', 'no_text' — no
-- extractable text, scanned? — or 'unreadable' with a message), the
-- numbered lines, the same lines with personal details masked (blind
-- review), and the facts the score reads (JSON of match.Facts).
CREATE TABLE resume_texts (
    resume_id    INTEGER PRIMARY KEY REFERENCES resume_files (id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    outcome      TEXT    NOT NULL,
    message      TEXT    NOT NULL DEFAULT '',
    format       TEXT    NOT NULL DEFAULT '',
    pages        INTEGER NOT NULL DEFAULT 0,
    lines        TEXT    NOT NULL DEFAULT '[]',
    masked_lines TEXT    NOT NULL DEFAULT '[]',
    facts        TEXT    NOT NULL DEFAULT '{}',
    extracted_at INTEGER NOT NULL
);
CREATE INDEX resume_texts_candidate ON resume_texts (org_id, candidate_id);

-- Every version of a job's matching criteria; the highest is current.
CREATE TABLE job_criteria (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    job_id          INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    items           TEXT    NOT NULL DEFAULT '[]',
    created_by_id   INTEGER,
    created_by_name TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX job_criteria_job_version ON job_criteria (job_id, version);
CREATE INDEX job_criteria_org_job ON job_criteria (org_id, job_id);

-- The current score of an application, with the criteria version and the
-- résumé it was computed from. state: 'scored', 'no_resume', 'no_text'.
CREATE TABLE application_scores (
    application_id   INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    org_id           INTEGER NOT NULL,
    job_id           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    resume_id        INTEGER NOT NULL DEFAULT 0,
    criteria_version INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    score            INTEGER NOT NULL DEFAULT 0,
    required_met     INTEGER NOT NULL DEFAULT 0,
    required_total   INTEGER NOT NULL DEFAULT 0,
    results          TEXT    NOT NULL DEFAULT '[]',
    scored_at        INTEGER NOT NULL
);
CREATE INDEX application_scores_org_job ON application_scores (org_id, job_id, score);

-- Blind review per job: NULL follows the organisation's setting.
ALTER TABLE jobs ADD COLUMN blind_review INTEGER;

-- "Not a fit", set by a person with a reason (reversible), and the
-- deliberate unmasking of a blind-reviewed application.
ALTER TABLE applications ADD COLUMN not_fit_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN not_fit_at INTEGER;
ALTER TABLE applications ADD COLUMN not_fit_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN unmasked_at INTEGER;
ALTER TABLE applications ADD COLUMN unmasked_by_name TEXT NOT NULL DEFAULT '';
