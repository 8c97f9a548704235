-- Accounts, server-side sessions, login throttling and in-app notifications.

CREATE TABLE accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (email <> ''),
    name          text        NOT NULL CHECK (name <> ''),
    role          text        NOT NULL CHECK (role IN ('performer', 'crew', 'producer', 'moderator')),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    suspended_at  timestamptz
);

-- One account per e-mail address, whatever its case.
CREATE UNIQUE INDEX accounts_email_lower_key ON accounts (lower(email));

-- A session is found by the SHA-256 of its cookie token, so a copy of this
-- table cannot be replayed as cookies.
CREATE TABLE sessions (
    token_hash   bytea       PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ip           text        NOT NULL DEFAULT '',
    user_agent   text        NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account_id_idx ON sessions (account_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Failed logins counted per key ("email:<address>" or "ip:<address>") in a
-- sliding window; a key over the limit is locked until locked_until.
CREATE TABLE login_throttle (
    key          text        PRIMARY KEY,
    failures     int         NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);

-- What the app tells a person; dedupe_key makes every writer idempotent, so a
-- retried job never shows the same notice twice.
CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       text        NOT NULL,
    dedupe_key text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL,
    link       text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    UNIQUE (account_id, dedupe_key)
);
CREATE INDEX notifications_account_created_idx ON notifications (account_id, created_at DESC);
