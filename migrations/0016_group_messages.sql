-- Group messages: the producer's Notify to the included or the excluded
-- of a closed casting, and one delivery per recipient.

-- One row per send. recipients is the list of talent accounts frozen when
-- the producer pressed Notify (a toggle afterwards changes nobody's
-- message); expanded is the expansion's checkpoint into it (as listmonk's
-- last_subscriber_id), so a restarted expansion resumes where it stopped.
-- idempotency_key comes from the compose form: a second press of the same
-- form finds the first message instead of sending again.
CREATE TABLE group_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id      bigint   NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    producer_id     bigint   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    recipient_group text     NOT NULL CHECK (recipient_group IN ('included', 'excluded')),
    subject         text     NOT NULL,
    body            text     NOT NULL,
    recipients      bigint[] NOT NULL,
    total           int      NOT NULL,
    expanded        int      NOT NULL DEFAULT 0,
    idempotency_key text     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (producer_id, idempotency_key)
);
CREATE INDEX group_messages_listing_idx ON group_messages (listing_id, id DESC);

-- One row per recipient of a message: the unique pair is what makes a
-- second expansion insert nothing. state is the in-app delivery (the
-- notification written, or why not); the e-mail's outcome is the
-- email_deliveries row of notification_id.
CREATE TABLE group_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      bigint NOT NULL REFERENCES group_messages (id) ON DELETE CASCADE,
    recipient_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state           text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    reason          text   NOT NULL DEFAULT '',
    notification_id bigint REFERENCES notifications (id) ON DELETE SET NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id, recipient_id)
);
CREATE INDEX group_deliveries_notification_idx ON group_deliveries (notification_id);

-- told_at: the talent was told the casting's outcome by a group message,
-- included or excluded ("My castings" then shows Selected / Not selected,
-- and the grace job skips them). not_selected_told_at stays the grace
-- job's own record.
ALTER TABLE participations ADD COLUMN told_at timestamptz;
