-- Profile validation: one moderation task per submission, the moderators'
-- decisions on photos, and the "changes since validation" mark.

-- A task is opened when a talent submits (subject 'profile', subject_id the
-- talent's account) and later when a producer submits a listing ('listing').
-- Claimed is derived from claimed_until > now, overdue from due_at; the
-- deadline jobs set overdue_at once, for the record.
CREATE TABLE moderation_tasks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject       text        NOT NULL CHECK (subject IN ('profile', 'listing')),
    subject_id    bigint      NOT NULL,
    owner_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    opened_at     timestamptz NOT NULL DEFAULT now(),
    due_at        timestamptz NOT NULL,
    claimed_by    bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    claimed_until timestamptz,
    decided_by    bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    decided_at    timestamptz,
    outcome       text        CHECK (outcome IN ('approve', 'reject')),
    reasons       text[]      NOT NULL DEFAULT '{}',
    note          text        NOT NULL DEFAULT '',
    overdue_at    timestamptz,
    -- the profile document as submitted, so the review shows what the
    -- talent changed while the task was open.
    snapshot      jsonb,
    CHECK ((decided_at IS NULL) = (outcome IS NULL))
);
-- At most one open task per subject: a double submit cannot queue twice.
CREATE UNIQUE INDEX moderation_tasks_one_open ON moderation_tasks (subject, subject_id) WHERE decided_at IS NULL;
-- The queue: open tasks by due time.
CREATE INDEX moderation_tasks_queue_idx ON moderation_tasks (due_at, id) WHERE decided_at IS NULL;
-- History of one subject, and the 7-day statistics.
CREATE INDEX moderation_tasks_subject_idx ON moderation_tasks (subject, subject_id, decided_at DESC);
CREATE INDEX moderation_tasks_decided_idx ON moderation_tasks (decided_at) WHERE decided_at IS NOT NULL;

-- A moderator's decision on one photo, beside its automatic check:
-- 'accepted' makes a failed check count as passed, 'rejected' takes a
-- passed one out. A new check (the photo made headshot) clears it.
ALTER TABLE photos
    ADD COLUMN review        text   NOT NULL DEFAULT '' CHECK (review IN ('', 'accepted', 'rejected')),
    ADD COLUMN review_reason text   NOT NULL DEFAULT '',
    ADD COLUMN reviewed_by   bigint REFERENCES accounts (id) ON DELETE SET NULL,
    ADD COLUMN reviewed_at   timestamptz;

-- When a moderator last looked at the changes of a validated profile:
-- text edits and new photos after greatest(validated_at, changes_seen_at)
-- are on the "changes since validation" list.
ALTER TABLE profiles ADD COLUMN changes_seen_at timestamptz;
