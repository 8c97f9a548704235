-- Talent profiles, their photos (headshot + book) and reels.

-- One profile per talent account. The sections live in one JSONB document
-- shaped by casting/profile.Profile, so the rules stay in one place; search
-- adds expression indexes on the fields it filters.
CREATE TABLE profiles (
    account_id   bigint      PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    data         jsonb       NOT NULL DEFAULT '{}',
    status       text        NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'submitted', 'validated', 'rejected')),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    validated_at timestamptz
);

-- A photo is stored as an original (object storage) and checked by a job.
-- The headshot is one of the talent's photos; the others form the book.
CREATE TABLE photos (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position     int         NOT NULL,
    caption      text        NOT NULL DEFAULT '',
    is_headshot  boolean     NOT NULL DEFAULT false,
    content_type text        NOT NULL,
    bytes        bigint      NOT NULL,
    width        int         NOT NULL,
    height       int         NOT NULL,
    -- pending until the check job has run; passed or failed after it;
    -- error when the file can never be processed (the reason is in problem).
    status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'passed', 'failed', 'error')),
    checked_as   text        NOT NULL DEFAULT 'book' CHECK (checked_as IN ('headshot', 'book')),
    report       jsonb,
    problem      text        NOT NULL DEFAULT '',
    -- bumped each time a check is requested, so a stale job's result
    -- (for a photo since made headshot) is not saved over a newer one.
    check_seq    int         NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    checked_at   timestamptz
);
CREATE INDEX photos_account_position_idx ON photos (account_id, position);
CREATE UNIQUE INDEX photos_one_headshot_key ON photos (account_id) WHERE is_headshot;

-- Video and audio reels: a link to a known platform, or an uploaded file
-- stored as-is.
CREATE TABLE reels (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('video', 'audio')),
    title        text        NOT NULL DEFAULT '',
    provider     text        NOT NULL DEFAULT '',
    url          text        NOT NULL DEFAULT '',
    content_type text        NOT NULL DEFAULT '',
    bytes        bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((url <> '') <> (content_type <> ''))
);
CREATE INDEX reels_account_idx ON reels (account_id, created_at);
