-- Writes to Lever: the shared rate limit and the stage tags.

-- One token bucket per organisation's Lever account, shared by every
-- SkillKeepr process (lever_ratelimit.go). tokens may go below zero: each
-- request reserves its slot and waits until the bucket has refilled it.
CREATE TABLE lever_rate_buckets (
    org_id     BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The Lever opportunity an application belongs to (set by the candidate
-- import; NULL for candidates added in SkillKeepr).
ALTER TABLE applications ADD COLUMN lever_opportunity_id TEXT NULL;

-- Organisation settings of the stage tags: keep every SkillKeepr tag
-- instead of only the current one, and the Lever user who writes when the
-- acting person has no Lever user of their own.
ALTER TABLE organizations ADD COLUMN lever_keep_all_tags BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE organizations ADD COLUMN lever_fallback_user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN lever_fallback_user_name TEXT NOT NULL DEFAULT '';
