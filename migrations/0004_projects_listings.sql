-- Producers at work: projects, the casting calls and job listings posted in
-- them with their roles, and the participations of talent (applications
-- and invitations), one per role and talent.

-- The zone a person reads dates in: set from the browser, UTC until then.
ALTER TABLE accounts ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

CREATE TABLE projects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    producer_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       text        NOT NULL CHECK (title <> ''),
    type        text        NOT NULL,
    company     text        NOT NULL DEFAULT '',
    description text        NOT NULL DEFAULT '',
    city        text        NOT NULL DEFAULT '',
    country     text        NOT NULL DEFAULT '',
    remote      boolean     NOT NULL DEFAULT false,
    starts_on   date,
    ends_on     date,
    archived_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX projects_producer_idx ON projects (producer_id, created_at DESC);

-- A listing is a casting call (for performers) or a job listing (for
-- crew). Drafts may be half filled, so most columns have empty defaults;
-- the domain rules decide what a complete listing is. producer_id repeats
-- the project's owner so every query can be scoped to the caller.
CREATE TABLE listings (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id       bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    producer_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind IN ('casting_call', 'job_listing')),
    status           text        NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'in_review', 'changes_requested', 'rejected', 'published', 'hidden', 'closed')),
    title            text        NOT NULL DEFAULT '',
    description      text        NOT NULL DEFAULT '',
    works_from       date,
    works_until      date,
    city             text        NOT NULL DEFAULT '',
    country          text        NOT NULL DEFAULT '',
    remote           boolean     NOT NULL DEFAULT false,
    pay              text        NOT NULL DEFAULT '' CHECK (pay IN ('', 'paid', 'not_paid')),
    pay_amount_cents bigint      NOT NULL DEFAULT 0 CHECK (pay_amount_cents >= 0),
    pay_currency     text        NOT NULL DEFAULT '',
    pay_unit         text        NOT NULL DEFAULT '',
    pay_guaranteed   boolean     NOT NULL DEFAULT false,
    unpaid_kind      text        NOT NULL DEFAULT '',
    unpaid_offer     text        NOT NULL DEFAULT '',
    fee_cents        bigint      NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    fee_currency     text        NOT NULL DEFAULT '',
    fee_for          text        NOT NULL DEFAULT '',
    union_status     text        NOT NULL DEFAULT '',
    nudity           text        NOT NULL DEFAULT '',
    nudity_details   text        NOT NULL DEFAULT '',
    student_film     boolean     NOT NULL DEFAULT false,
    school           text        NOT NULL DEFAULT '',
    deadline         timestamptz,
    time_zone        text        NOT NULL DEFAULT 'UTC',
    visibility       text        NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
    -- Job listings only.
    department       text        NOT NULL DEFAULT '',
    position         text        NOT NULL DEFAULT '',
    experience_level text        NOT NULL DEFAULT '',
    own_equipment    boolean     NOT NULL DEFAULT false,
    skills           text[]      NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    published_at     timestamptz,
    closed_at        timestamptz,
    CHECK (works_until IS NULL OR works_from IS NULL OR works_until >= works_from)
);
CREATE INDEX listings_project_idx ON listings (project_id);
CREATE INDEX listings_producer_idx ON listings (producer_id, created_at DESC);
-- Browse: the published listings of one kind, newest first.
CREATE INDEX listings_browse_idx ON listings (kind, published_at DESC, id DESC) WHERE status = 'published';

-- The roles of a listing. A casting call has one or more; a job listing has
-- exactly one, its position, so applications always name a role.
CREATE TABLE listing_roles (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id  bigint  NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    position    int     NOT NULL,
    name        text    NOT NULL DEFAULT '',
    role_type   text    NOT NULL DEFAULT '',
    gender      text    NOT NULL DEFAULT 'any',
    age_min     int     NOT NULL DEFAULT 0,
    age_max     int     NOT NULL DEFAULT 0,
    height_min  int     NOT NULL DEFAULT 0,
    height_max  int     NOT NULL DEFAULT 0,
    description text    NOT NULL DEFAULT '',
    skills      text[]  NOT NULL DEFAULT '{}',
    languages   text[]  NOT NULL DEFAULT '{}',
    openings    int     NOT NULL DEFAULT 1 CHECK (openings >= 0),
    UNIQUE (listing_id, position)
);
CREATE INDEX listing_roles_type_idx ON listing_roles (role_type, listing_id);

-- A talent's part in a role: they applied, or the producer invited them.
-- One row per role and talent, so double clicks and two tabs make one.
CREATE TABLE participations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id  bigint      NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    role_id     bigint      NOT NULL REFERENCES listing_roles (id) ON DELETE CASCADE,
    talent_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    producer_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    origin      text        NOT NULL CHECK (origin IN ('application', 'invitation')),
    state       text        NOT NULL CHECK (state IN ('applied', 'invited', 'accepted', 'rejected', 'withdrawn', 'declined')),
    note        text        NOT NULL DEFAULT '',
    decided_by  bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    decided_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (role_id, talent_id)
);
CREATE INDEX participations_listing_idx ON participations (listing_id, origin, created_at DESC, id DESC);
CREATE INDEX participations_talent_idx ON participations (talent_id, updated_at DESC);
CREATE INDEX participations_producer_idx ON participations (producer_id, state, created_at DESC);

-- A conversation about one listing between its producer and one talent.
CREATE TABLE threads (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id  bigint      NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    producer_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    talent_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    last_message_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (listing_id, talent_id)
);
CREATE INDEX threads_producer_idx ON threads (producer_id, last_message_at DESC);
CREATE INDEX threads_talent_idx ON threads (talent_id, last_message_at DESC);

CREATE TABLE messages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id  bigint      NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    sender_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body       text        NOT NULL CHECK (body <> '' AND length(body) <= 5000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_thread_idx ON messages (thread_id, id);

-- How far each side has read a thread: unread counts compare against it.
CREATE TABLE thread_reads (
    thread_id       bigint NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    last_read_id    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (thread_id, account_id)
);
