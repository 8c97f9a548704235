-- Every e-mailed notification now ends with its email_deliveries row: a
-- notification its account gets in a daily digest, never by e-mail, or not
-- at all while suspended is recorded 'skipped' with the reason, so a group
-- message's progress knows when the last e-mail has been decided.
ALTER TABLE email_deliveries DROP CONSTRAINT email_deliveries_state_check;
ALTER TABLE email_deliveries ADD CONSTRAINT email_deliveries_state_check
    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown', 'empty'));

-- Group messages delivered before this migration e-mailed only the
-- recipients who wanted it at once; their other notifications got no row.
-- A day after, their e-mail was decided long ago: record them skipped, so
-- the progress of those messages reads finished.
INSERT INTO email_deliveries (account_id, notification_id, state, reason)
SELECT n.account_id, n.id, 'skipped', 'not e-mailed (decided before delivery records)'
FROM notifications n
WHERE n.kind = 'group_message' AND n.created_at < now() - interval '1 day'
  AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.notification_id = n.id);

-- The SMTP rate shared by every worker process (SLATE_SMTP_RATE): how
-- many sends each server has had in its current window. Unlogged: after a
-- crash the count starts again, which costs at most one window's sends.
CREATE UNLOGGED TABLE mail_rate (
    server       text        PRIMARY KEY,
    window_start timestamptz NOT NULL,
    used         int         NOT NULL
);

-- The message rate (production.MaxMessagesPerWindow) counts a sender's
-- latest messages on every send.
CREATE INDEX messages_sender_idx ON messages (sender_id, created_at);
