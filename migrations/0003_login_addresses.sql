-- The addresses each account has logged in from. A login lock, meant for
-- strangers guessing a password, does not stop the account's owner from a
-- known address: nobody can lock a producer out before a deadline.
CREATE TABLE login_addresses (
    account_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ip            text        NOT NULL,
    last_login_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, ip)
);
