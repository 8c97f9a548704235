-- E-mail: each account's choice per mail type, one delivery row per
-- e-mailed notification or daily digest (the at-most-once record), and the
-- outbox that keeps the mail when no SMTP server is configured.

-- An account without a row for a type has that type's default (domain.MailTypes).
CREATE TABLE mail_preferences (
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mail_type  text   NOT NULL,
    cadence    text   NOT NULL CHECK (cadence IN ('immediately', 'daily', 'never')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, mail_type)
);

-- One row per e-mail Slate means to send. It moves to 'sending' in its own
-- committed transaction before the SMTP conversation and to 'sent' or
-- 'failed' after it; a retry that finds 'sending' cannot know whether the
-- server took the mail, so it records 'unknown' instead of sending again.
-- A notification's e-mail is unique on notification_id; a digest on
-- (account_id, digest_day), and covers the notifications created up to
-- covers_until ('empty' when none of them was due).
CREATE TABLE email_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    notification_id bigint UNIQUE REFERENCES notifications (id) ON DELETE CASCADE,
    digest_day      date,
    covers_until    timestamptz,
    state           text   NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown', 'empty')),
    reason          text   NOT NULL DEFAULT '',
    attempts        int    NOT NULL DEFAULT 0,
    message_id      text   NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, digest_day),
    CHECK ((notification_id IS NULL) <> (digest_day IS NULL))
);

-- Mail kept in the database instead of sent (no SLATE_SMTP_HOST): the whole
-- RFC 5322 message as it would have gone out, for staff to read at
-- /admin/outbox. message_id is unique, so a resend stores nothing new.
CREATE TABLE outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id text   NOT NULL UNIQUE,
    to_addr    text   NOT NULL,
    subject    text   NOT NULL,
    raw        bytea  NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_created_idx ON outbox (created_at DESC, id DESC);
