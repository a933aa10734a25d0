-- Fairness report and the optional language-model assist.

-- A candidate's own, voluntary answers about who they are, kept apart from
-- the candidate's profile: nothing that scores or lists candidates reads
-- this table; only the aggregate fairness report does. '' = not answered.
CREATE TABLE candidate_self_identification (
    candidate_id INTEGER PRIMARY KEY REFERENCES candidates (id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    gender       TEXT NOT NULL DEFAULT '',
    ethnicity    TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL
);
CREATE INDEX candidate_self_identification_org ON candidate_self_identification (org_id);

-- The answers an organisation offers per question, when it changed the
-- shipped ones (no rows: the shipped options of selfid.go).
CREATE TABLE self_id_options (
    org_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    value    TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (org_id, question, value)
);

-- Suggestions of a language model for one application: status is
-- pending, ready or failed; payload is the validated JSON (ready only);
-- error is the plain-words reason of a failure.
CREATE TABLE assist_suggestions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    requested_by   INTEGER,
    model          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    payload        TEXT NOT NULL DEFAULT '{}',
    error          TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX assist_suggestions_app ON assist_suggestions (org_id, application_id, id);
