-- Interview scheduling (issue #6). Timestamps are unix microseconds (UTC).

CREATE TABLE interview_plans (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id                  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name                    TEXT    NOT NULL,
    duration_minutes        INTEGER NOT NULL,
    mode                    TEXT    NOT NULL,
    rating_card_template_id INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE INDEX interview_plans_job ON interview_plans (org_id, job_id);

CREATE TABLE interview_plan_members (
    org_id  INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES interview_plans (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, user_id)
);

CREATE TABLE interviews (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id                  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    application_id          INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    candidate_id            INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    plan_id                 INTEGER REFERENCES interview_plans (id) ON DELETE SET NULL,
    title                   TEXT    NOT NULL,
    starts_at               INTEGER NOT NULL,
    ends_at                 INTEGER NOT NULL,
    timezone                TEXT    NOT NULL DEFAULT 'UTC',
    status                  TEXT    NOT NULL,
    sequence                INTEGER NOT NULL DEFAULT 0,
    uid                     TEXT    NOT NULL,
    rating_card_template_id INTEGER,
    cancel_reason           TEXT    NOT NULL DEFAULT '',
    created_by              INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE UNIQUE INDEX interviews_uid ON interviews (uid);
CREATE INDEX interviews_org_starts ON interviews (org_id, starts_at);
CREATE INDEX interviews_application ON interviews (application_id);

CREATE TABLE interview_interviewers (
    org_id       INTEGER NOT NULL,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_interviewers_user ON interview_interviewers (user_id, interview_id);

-- The double-booking guard: one row per interviewer per 5-minute granule
-- an active interview covers. The primary key makes a second booking of
-- the same granule fail inside the database.
CREATE TABLE interviewer_busy (
    org_id       INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    slot_start   INTEGER NOT NULL,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, slot_start)
);
CREATE INDEX interviewer_busy_interview ON interviewer_busy (interview_id);

CREATE TABLE interviewer_availability (
    org_id                INTEGER NOT NULL,
    user_id               INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    timezone              TEXT    NOT NULL,
    weekly                TEXT    NOT NULL DEFAULT '[]',
    buffer_before_minutes INTEGER NOT NULL DEFAULT 0,
    buffer_after_minutes  INTEGER NOT NULL DEFAULT 0,
    min_notice_minutes    INTEGER NOT NULL DEFAULT 0,
    daily_cap             INTEGER NOT NULL DEFAULT 0,
    updated_at            INTEGER NOT NULL
);

CREATE TABLE availability_overrides (
    org_id  INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    hours   TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (user_id, day)
);

CREATE TABLE scheduling_links (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    plan_id        INTEGER NOT NULL REFERENCES interview_plans (id) ON DELETE CASCADE,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER,
    interview_id   INTEGER REFERENCES interviews (id) ON DELETE SET NULL,
    created_by     INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX scheduling_links_application ON scheduling_links (application_id);

CREATE TABLE email_templates (
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    text_body  TEXT    NOT NULL,
    html_body  TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, kind)
);

CREATE TABLE email_log (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL,
    candidate_id   INTEGER REFERENCES candidates (id) ON DELETE CASCADE,
    application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    interview_id   INTEGER REFERENCES interviews (id) ON DELETE SET NULL,
    kind           TEXT    NOT NULL,
    recipients     TEXT    NOT NULL DEFAULT '[]',
    subject        TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    error          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX email_log_candidate ON email_log (candidate_id, created_at);
