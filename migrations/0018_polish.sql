-- Slice polish. The owner of an account is told by e-mail when it is
-- suspended and when the suspension is lifted (the suspension_mail job,
-- inserted with each change): mailed_at and lift_mailed_at make a second
-- run of the job a no-op, and mail_problem keeps a permanent refusal from
-- the mail server for the record.
ALTER TABLE account_suspensions
    ADD COLUMN mailed_at      timestamptz,
    ADD COLUMN lift_mailed_at timestamptz,
    ADD COLUMN mail_problem   text NOT NULL DEFAULT '';

-- A listing hidden because the changes a moderator asked for were not
-- made in time is 'lapsed': its producer may still make them and submit
-- again, unlike a listing a moderator hid after it was out. The ones the
-- job hid before are the hidden listings never published.
ALTER TABLE listings DROP CONSTRAINT listings_status_check;
ALTER TABLE listings ADD CONSTRAINT listings_status_check
    CHECK (status IN ('draft', 'in_review', 'changes_requested', 'rejected', 'published', 'hidden', 'lapsed', 'closed'));
UPDATE listings SET status = 'lapsed' WHERE status = 'hidden' AND published_at IS NULL;
