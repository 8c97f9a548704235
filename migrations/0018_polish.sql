-- Slice polish. The owner of an account is told by e-mail when it is
-- suspended and when the suspension is lifted (the suspension_mail job,
-- inserted with each change): mailed_at and lift_mailed_at make a second
-- run of the job a no-op, and mail_problem keeps a permanent refusal from
-- the mail server for the record.
ALTER TABLE account_suspensions
    ADD COLUMN mailed_at      timestamptz,
    ADD COLUMN lift_mailed_at timestamptz,
    ADD COLUMN mail_problem   text NOT NULL DEFAULT '';
