-- Listing review: moderators approve a submitted listing, request changes
-- or reject it. A request for changes is its own outcome, so the history
-- tells it from a rejection and the hide-after-no-answer job finds it.
ALTER TABLE moderation_tasks DROP CONSTRAINT moderation_tasks_outcome_check;
ALTER TABLE moderation_tasks ADD CONSTRAINT moderation_tasks_outcome_check
    CHECK (outcome IN ('approve', 'reject', 'changes'));
-- A producer's own review history, newest first.
CREATE INDEX moderation_tasks_owner_idx ON moderation_tasks (owner_id, subject, opened_at DESC);
