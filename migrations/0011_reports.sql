-- Reports and suspension. Anyone logged in reports a listing, a talent
-- profile or a message; moderators resolve each report with an outcome
-- and may suspend the account behind it. A suspension deletes only the
-- account's sessions: everything else is hidden by the visibility queries
-- (they skip suspended owners), so lifting it restores everything.

CREATE TABLE reports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reporter_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    object_kind text        NOT NULL CHECK (object_kind IN ('listing', 'profile', 'message')),
    object_id   bigint      NOT NULL,
    -- The account behind the object (listing's producer, the talent, the
    -- message's sender): the one a moderator may suspend.
    owner_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason      text        NOT NULL CHECK (reason IN ('spam', 'money', 'inappropriate', 'misleading', 'harassment', 'other')),
    details     text        NOT NULL DEFAULT '' CHECK (length(details) <= 1000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    outcome     text        CHECK (outcome IN ('dismissed', 'content_removed', 'account_suspended')),
    note        text        NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    resolved_by bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    resolved_at timestamptz,
    CHECK ((outcome IS NULL) = (resolved_at IS NULL))
);
-- One open report per reporter and object: a second press finds it.
CREATE UNIQUE INDEX reports_one_open_key ON reports (reporter_id, object_kind, object_id) WHERE resolved_at IS NULL;
-- The queue: open reports, oldest first; and the nav's count.
CREATE INDEX reports_open_idx ON reports (created_at, id) WHERE resolved_at IS NULL;
-- An object's history and an owner's.
CREATE INDEX reports_object_idx ON reports (object_kind, object_id, created_at);
CREATE INDEX reports_owner_idx ON reports (owner_id, created_at);
CREATE INDEX reports_reporter_idx ON reports (reporter_id, created_at);

-- The current suspension, beside suspended_at (0001); the history keeps
-- every one.
ALTER TABLE accounts
    ADD COLUMN suspended_by      bigint REFERENCES accounts (id) ON DELETE SET NULL,
    ADD COLUMN suspension_reason text NOT NULL DEFAULT '';

CREATE TABLE account_suspensions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    suspended_by bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    suspended_at timestamptz NOT NULL DEFAULT now(),
    reason       text        NOT NULL CHECK (reason <> '' AND length(reason) <= 1000),
    report_id    bigint      REFERENCES reports (id) ON DELETE SET NULL,
    lifted_by    bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    lifted_at    timestamptz
);
-- At most one suspension in force per account.
CREATE UNIQUE INDEX account_suspensions_open_key ON account_suspensions (account_id) WHERE lifted_at IS NULL;
CREATE INDEX account_suspensions_account_idx ON account_suspensions (account_id, suspended_at DESC);

-- A message a moderator removed keeps its row (the report's history
-- shows it to staff); threads show a placeholder instead of its body.
ALTER TABLE messages ADD COLUMN removed_at timestamptz;

-- The visibility queries read the suspended ids once per query.
CREATE INDEX accounts_suspended_idx ON accounts (id) WHERE suspended_at IS NOT NULL;

-- The moderators' account search by name.
CREATE INDEX accounts_name_lower_idx ON accounts (lower(name) text_pattern_ops);
