-- Push to Lever: the recommendation comment, the push of a recommended
-- candidate with every write step it made, and the feedback template it
-- fills in.

-- The comment given with Recommend to Hire / Not recommended, who gave it
-- and when (NULL before any decision).
ALTER TABLE applications ADD COLUMN decision_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN decision_by_id INTEGER NULL REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE applications ADD COLUMN decision_at INTEGER NULL;

-- One push per application. ref is a random marker written into the note
-- and the feedback form, so that a write whose answer was lost can be
-- found in Lever instead of being made twice. content is what was pushed
-- (PushContent as JSON, taken when Done was clicked). The step columns
-- record each write: note_state/feedback_state are '' (not yet),
-- 'sending' (sent, outcome not known yet: look in Lever first), 'done'
-- or 'skipped' (nothing to write).
CREATE TABLE lever_pushes (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id    INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    opportunity_id    TEXT    NOT NULL,
    ref               TEXT    NOT NULL,
    stage_id          TEXT    NOT NULL,
    stage_name        TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    message           TEXT    NOT NULL DEFAULT '',
    content           TEXT    NOT NULL DEFAULT '{}',
    requested_by_id   INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    requested_by_name TEXT    NOT NULL DEFAULT '',
    performed_as      TEXT    NOT NULL DEFAULT '',
    stage_done        INTEGER NOT NULL DEFAULT 0,
    tag_done          INTEGER NOT NULL DEFAULT 0,
    note_state        TEXT    NOT NULL DEFAULT '',
    note_id           TEXT    NOT NULL DEFAULT '',
    feedback_state    TEXT    NOT NULL DEFAULT '',
    feedback_id       TEXT    NOT NULL DEFAULT '',
    runs              INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    pushed_at         INTEGER NULL
);
CREATE UNIQUE INDEX lever_pushes_application ON lever_pushes (org_id, application_id);
CREATE INDEX lever_pushes_state ON lever_pushes (org_id, state);

-- The "SkillKeepr Rating Card" feedback template of the organisation's
-- Lever account, created once and reused: its id and its fields' ids by
-- name (JSON object).
CREATE TABLE lever_feedback_templates (
    org_id      INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    template_id TEXT    NOT NULL,
    field_ids   TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);
