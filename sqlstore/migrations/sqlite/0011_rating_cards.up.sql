-- Rating cards (issue #7). Timestamps are unix microseconds (UTC).

-- One row per version of a job's rating card. A version some card uses is
-- never updated: an edit inserts the next version of the same family.
CREATE TABLE rating_card_templates (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id       INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    family_id    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    is_default   INTEGER NOT NULL DEFAULT 0,
    is_current   INTEGER NOT NULL DEFAULT 1,
    competencies TEXT    NOT NULL DEFAULT '[]',
    created_by   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX rating_card_templates_job ON rating_card_templates (org_id, job_id);
CREATE UNIQUE INDEX rating_card_templates_version ON rating_card_templates (family_id, version);

-- The interviews whose cards were opened (once, when the interview ended).
CREATE TABLE rating_card_openings (
    interview_id INTEGER NOT NULL PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL,
    opened_at    INTEGER NOT NULL
);

CREATE TABLE rating_cards (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    interview_id   INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    job_id         INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    template_id    INTEGER NOT NULL REFERENCES rating_card_templates (id),
    interviewer_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL,
    scores         TEXT    NOT NULL DEFAULT '[]',
    overall        INTEGER NOT NULL DEFAULT 0,
    notes          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    submitted_at   INTEGER,
    updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX rating_cards_interviewer ON rating_cards (interview_id, interviewer_id);
CREATE INDEX rating_cards_job ON rating_cards (org_id, job_id);
CREATE INDEX rating_cards_user ON rating_cards (org_id, interviewer_id, status);
CREATE INDEX rating_cards_application ON rating_cards (application_id);
