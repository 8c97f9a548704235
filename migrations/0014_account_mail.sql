-- Accounts by e-mail: confirmed addresses and single-use tokens for
-- password reset, address confirmation and address change.

-- Accounts made before this migration keep working as they did: their
-- address counts as confirmed from the day they signed up.
ALTER TABLE accounts ADD COLUMN email_confirmed_at timestamptz;
UPDATE accounts SET email_confirmed_at = created_at;

-- A token is asked for in the transaction of the change that needs it, with
-- its mail job; the job mints the secret and stores only its SHA-256 in
-- token_hash (NULL until then), so the secret exists nowhere but in the
-- e-mail: not in this table and not in the job's arguments. used_at makes
-- it single use; expires_at bounds it. old_email is the address a change
-- moves away from, for the notice sent there.
CREATE TABLE account_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('reset', 'confirm', 'change_email')),
    token_hash  bytea       UNIQUE,
    new_email   text        NOT NULL DEFAULT '',
    old_email   text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    -- What became of the e-mail(s): sent, or the permanent failure.
    mailed_at   timestamptz,
    mail_error  text        NOT NULL DEFAULT '',
    notice_mailed_at timestamptz,
    notice_error     text   NOT NULL DEFAULT '',
    CHECK ((purpose = 'change_email') = (new_email <> ''))
);
CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, purpose);
