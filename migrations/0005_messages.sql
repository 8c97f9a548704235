-- Unread counts that every page's navigation can afford.
--
-- Counting unread messages from last_read_id alone means probing every
-- thread of the account on each page, which a producer with thousands of
-- applicants cannot afford. Each side's row in thread_reads also keeps how
-- many of the other side's messages it has not opened: a new message adds
-- one to the recipient's row (in the message's transaction, under the
-- thread's row lock), opening the thread sets it back to 0. The badge then
-- reads only the rows still unread, from a small partial index.
ALTER TABLE thread_reads ADD COLUMN unread int NOT NULL DEFAULT 0 CHECK (unread >= 0);
CREATE INDEX thread_reads_unread_idx ON thread_reads (account_id) INCLUDE (unread) WHERE unread > 0;

-- The notifications badge counts the unread ones, which are few.
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;
