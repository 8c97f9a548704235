-- Closing a casting: the final selection, the automatic "not selected"
-- after a grace period, and the notification centre's queries.

-- The producer's choice for the undecided after closing: tell them "not
-- selected" automatically grace_days after closed_at (default on, 7 days).
ALTER TABLE listings
    ADD COLUMN auto_not_selected boolean NOT NULL DEFAULT true,
    ADD COLUMN grace_days        int     NOT NULL DEFAULT 7 CHECK (grace_days BETWEEN 0 AND 60);

-- The sweep closes published listings whose deadline passed: a partial
-- index keeps its one UPDATE on the few open listings with a deadline.
CREATE INDEX listings_open_deadline_idx ON listings (deadline) WHERE status = 'published' AND deadline IS NOT NULL;

-- The final selection lives on the participation, not in a table of its
-- own: a candidate IS a participation (one per role and talent, already
-- unique), every query that reads it is already scoped by listing and
-- producer on this table, and a toggle is then one UPDATE of one row with
-- no second uniqueness to keep in step. NULL is undecided.
--
-- not_selected_told_at records that the talent was told they were not
-- selected once the casting closed (by the grace job, or later by the
-- producer's group message): the grace job skips whoever has it, so
-- nobody is told twice.
ALTER TABLE participations
    ADD COLUMN selection            text CHECK (selection IN ('included', 'excluded')),
    ADD COLUMN selected_at          timestamptz,
    ADD COLUMN not_selected_told_at timestamptz;

-- The notification centre pages each account's notifications by id
-- (keyset), all of them or one kind at a time.
CREATE INDEX notifications_account_id_idx ON notifications (account_id, id DESC);
CREATE INDEX notifications_account_kind_idx ON notifications (account_id, kind, id DESC);
